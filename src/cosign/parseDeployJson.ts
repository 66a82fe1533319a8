// The main entry's reader of deploy JSON: the one reader (`deployFromJson`), with the main entry's
// choices and errors.

import { argClType, checkArgValue } from '../codec/clValue.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import { isObject } from '../encoding/isObject.js'
import {
  maxFileJsonValues,
  parseStrictJson,
  type StrictJson,
  StrictJsonError,
} from '../encoding/parseStrictJson.js'
import { CosignError } from '../errors/CosignError.js'
import { DeployError } from '../errors/DeployError.js'
import type { CosignDeploy } from './CosignFile.js'
import { deployFromJson, maxApprovalsRead } from './parseCosignFile.js'
import { integer } from './readShape.js'

/** Options of {@link parseDeployJson}. */
export type ParseDeployJsonOptions = {
  /**
   * Most bytes the payment's or the session's args may take; default `defaultMaxArgsBytes` (4096,
   * four times the node's 1024), so a deploy the node would refuse for its args can still be
   * examined and reported, while no file can make reading its args slow.
   */
  maxArgsBytes?: number | undefined
  /**
   * Default true: every value must be exactly one value of its CLType. False reads as casper-node's
   * JSON layer does, for a node emulator that must report a malformed value with the node's own
   * words: a value that is not exactly one of its type is let through when its type holds no List
   * or Map (nothing anyone could loop on). Counts and lengths are checked in either case.
   */
  exactValues?: boolean | undefined
  /**
   * Most distinct approvals read (exact repeats count once, as in the node's `BTreeSet`). Default
   * `[core] max_associated_keys` of mainnet (100): casper-node refuses a deploy with more
   * (casper-types `InvalidDeploy::ExcessiveApprovals`, "number of associated keys {got} exceeds
   * the maximum {max_associated_keys}"), and no file can make verification (about a millisecond
   * per signature) take longer than that many.
   */
  maxApprovals?: number | undefined
}

/**
 * Parses and checks the shape of a deploy as casper-client writes it (a string, or already-parsed
 * JSON; `{ "deploy": … }` wrappers as RPC responses carry them are unwrapped). Unknown fields are
 * refused, as casper-client refuses them. `payment` and `session` must be one of the six
 * `ExecutableDeployItem` variants with exactly its fields; `timestamp` and `ttl` are read with the
 * humantime grammar the node uses (`parseTimestamp`, `parseDuration`), so `"2 hours"` or
 * `"2024-01-01 00:00:00"` pass as they pass casper-client. The text is never rewritten. Hashes and
 * signatures are checked by `verifyDeploy`. Every field is read by the co-signer's one reader
 * (`parseCosignFile`), with exact CLValues, tagged approvals and a safe-integer `gas_price`.
 *
 * @throws {DeployError} code `InvalidDeployJson` naming the field, with what was expected and found.
 * @example
 * ```ts
 * const deploy = parseDeployJson(readFileSync('deploy.json', 'utf8'))
 * deploy.approvals.length
 * ```
 */
export function parseDeployJson(input: string | unknown, options: ParseDeployJsonOptions = {}): DeployJson {
  return readDeployJson(input, options).json as unknown as DeployJson
}

/**
 * {@link parseDeployJson}, returning the decoded deploy (`CosignDeploy`) whose `json` is the deploy
 * JSON as given, wrappers removed.
 *
 * @throws {DeployError} as {@link parseDeployJson}.
 * @example
 * ```ts
 * readDeployJson({ deploy }, { exactValues: false }).header.gas_price // 1n
 * ```
 */
export function readDeployJson(input: string | unknown, options: ParseDeployJsonOptions = {}): CosignDeploy {
  let value: unknown = input
  if (typeof input === 'string') {
    try {
      value = parseStrictJson(input, { maxValues: maxFileJsonValues })
    } catch (cause) {
      if (!(cause instanceof StrictJsonError)) throw cause
      throw new DeployError(`Invalid deploy JSON at ${cause.details.path}: ${cause.shortMessage}`, {
        code: cause.code === 'InvalidJson' ? 'InvalidDeployJson' : cause.code,
        details: (({ path, ...rest }) => ({ field: path, ...rest }))(cause.details),
        remedy: cause.remedy,
        cause,
      })
    }
  }
  if (isObject(value) && 'deploy' in value && Object.keys(value).length === 1) value = value.deploy
  if (isObject(value) && 'Deploy' in value && Object.keys(value).length === 1) value = value.Deploy
  try {
    return deployFromJson(value as StrictJson, {
      maxArgsBytes: options.maxArgsBytes,
      checkValue: (type, bytes, path) => checkArgValue(type, bytes, path, options.exactValues ?? true),
      maxApprovals: options.maxApprovals,
      approvalHex: [
        [
          /^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/,
          'a public key: 01 + 32 bytes (ed25519) or 02 + 33 bytes (secp256k1) as hex',
        ],
        // A tagged signature, or a wallet's raw 64 bytes with no tag (Casper Wallet,
        // make-software/casper-wallet `src/content/sdk.ts` `sign`): the tag, length and validity are
        // checked per approval by `verifyApproval`, so one wallet's untagged signature is reported as
        // that approval's problem instead of making the file unreadable.
        [/^(?:[0-9a-fA-F]{2}){64,65}$/, '64 or 65 bytes as hex'],
      ],
      // DeployJson holds gas_price as a number.
      gasPrice: (value, path) => BigInt(integer(value, path, Number.MAX_SAFE_INTEGER)),
      readClType: argClType,
    })
  } catch (error) {
    throw error instanceof CosignError ? deployError(error, options.maxApprovals ?? maxApprovalsRead) : error
  }
}

/** The one reader's error in the main entry's terms: `InvalidDeployJson` (or `TooManyApprovals`) naming the field. */
function deployError(error: CosignError, max: number): DeployError {
  const details = error.details as { field: string; expected: string; got: string }
  if (error.code === 'TooManyApprovals') {
    return new DeployError(error.shortMessage, {
      code: 'TooManyApprovals',
      details,
      remedy: `casper-node refuses a deploy with more than ${max} approvals (ExcessiveApprovals): keep one approval per signer, and only as many signers as the account needs.`,
      cause: error,
    })
  }
  // A humantime field names the grammar's own reason (parseTimestamp, parseDuration).
  const reason = (error.cause as { details?: { reason?: unknown } } | undefined)?.details?.reason
  return new DeployError(`Invalid deploy JSON at ${details.field}`, {
    code: 'InvalidDeployJson',
    details:
      reason === undefined ? details : { ...details, expected: `${details.expected} (humantime: ${reason})` },
    remedy: 'Use the deploy file exactly as casper-client or casper-multisig wrote it.',
    cause: error,
  })
}
