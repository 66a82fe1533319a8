// Reads deploy JSON strictly, the way casper-client does: every field present, no unknown field.

import { casperMainnet } from '../chainspec/casperMainnet.js'
import { clTypeBudget, clTypeLength } from '../codec/clType.js'
import { argClType, checkClValue } from '../codec/clValue.js'
import { parseDuration, parseTimestamp } from '../encoding/duration.js'
import { hexToBytes } from '../encoding/hex.js'
import { isObject } from '../encoding/isObject.js'
import { maxFileJsonValues, parseStrictJson, StrictJsonError } from '../encoding/parseStrictJson.js'
import { DeployError } from '../errors/DeployError.js'
import { defaultMaxArgsBytes } from './assertArgsBounded.js'
import type { DeployJson } from './DeployJson.js'

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

const topFields = ['hash', 'header', 'payment', 'session', 'approvals'] as const
const headerFields = [
  'account',
  'timestamp',
  'ttl',
  'gas_price',
  'body_hash',
  'dependencies',
  'chain_name',
] as const
const hex = (length?: number) => (length ? new RegExp(`^[0-9a-fA-F]{${length}}$`) : /^(?:[0-9a-fA-F]{2})*$/)
const publicKeyHex = /^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/
/**
 * 64 or 65 bytes of hex: a tagged signature, or a wallet's raw 64 bytes with no tag (Casper Wallet,
 * make-software/casper-wallet `src/content/sdk.ts` `sign`). The tag, length and validity are
 * checked per approval by `verifyApproval`, so one wallet's untagged signature is reported as that
 * approval's problem instead of making the file unreadable.
 */
const signatureHex = /^(?:[0-9a-fA-F]{2}){64,65}$/

/**
 * Parses and checks the shape of a deploy as casper-client writes it (a string, or already-parsed
 * JSON; `{ "deploy": … }` wrappers as RPC responses carry them are unwrapped). Unknown fields are
 * refused, as casper-client refuses them. `payment` and `session` must be one of the six
 * `ExecutableDeployItem` variants with exactly its fields; `timestamp` and `ttl` are read with the
 * humantime grammar the node uses (`parseTimestamp`, `parseDuration`), so `"2 hours"` or
 * `"2024-01-01 00:00:00"` pass as they pass casper-client. The text is never rewritten. Hashes and
 * signatures are checked by `verifyDeploy`.
 *
 * @throws {DeployError} code `InvalidDeployJson` naming the field, with what was expected and found.
 * @example
 * ```ts
 * const deploy = parseDeployJson(readFileSync('deploy.json', 'utf8'))
 * deploy.approvals.length
 * ```
 */
export function parseDeployJson(input: string | unknown, options: ParseDeployJsonOptions = {}): DeployJson {
  const maxArgsBytes = options.maxArgsBytes ?? defaultMaxArgsBytes
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
  const deploy = object(value, 'deploy', topFields)
  string(deploy.hash, 'hash', hex(64))
  const header = object(deploy.header, 'header', headerFields)
  string(header.account, 'header.account', publicKeyHex)
  humantime(header.timestamp, 'header.timestamp', parseTimestamp)
  humantime(header.ttl, 'header.ttl', parseDuration)
  if (!Number.isSafeInteger(header.gas_price) || (header.gas_price as number) < 0) {
    throw invalid('header.gas_price', `an integer from 0 to ${Number.MAX_SAFE_INTEGER}`, header.gas_price)
  }
  string(header.body_hash, 'header.body_hash', hex(64))
  for (const [i, d] of array(header.dependencies, 'header.dependencies').entries()) {
    string(d, `header.dependencies[${i}]`, hex(64))
  }
  string(header.chain_name, 'header.chain_name')
  const exact = options.exactValues ?? true
  item(deploy.payment, 'payment', maxArgsBytes, exact)
  item(deploy.session, 'session', maxArgsBytes, exact)
  const approvals = array(deploy.approvals, 'approvals')
  const maxApprovals = options.maxApprovals ?? casperMainnet.maxAssociatedKeys
  const distinct = new Set<string>()
  approvals.forEach((a, i) => {
    const approval = object(a, `approvals[${i}]`, ['signer', 'signature'])
    const signer = string(approval.signer, `approvals[${i}].signer`, publicKeyHex)
    const signature = string(approval.signature, `approvals[${i}].signature`, signatureHex)
    distinct.add(`${signer.toLowerCase()}:${signature.toLowerCase()}`)
    if (distinct.size > maxApprovals)
      throw new DeployError(`Too many approvals: more than ${maxApprovals}`, {
        code: 'TooManyApprovals',
        details: {
          field: 'approvals',
          expected: `at most ${maxApprovals} distinct approvals (chainspec max_associated_keys)`,
          got: `more than ${maxApprovals}`,
        },
        remedy: `casper-node refuses a deploy with more than ${maxApprovals} approvals (ExcessiveApprovals): keep one approval per signer, and only as many signers as the account needs.`,
      })
  })
  return value as DeployJson
}

/**
 * The six `ExecutableDeployItem` variants and their fields, as casper-types v1.5.8
 * `executable_deploy_item.rs` deserializes them (`#[serde(deny_unknown_fields)]`; `version` is an
 * `Option<u32>`, so it may be absent or null).
 */
const itemVariants = {
  ModuleBytes: { required: ['module_bytes', 'args'], optional: [] },
  StoredContractByHash: { required: ['hash', 'entry_point', 'args'], optional: [] },
  StoredContractByName: { required: ['name', 'entry_point', 'args'], optional: [] },
  StoredVersionedContractByHash: { required: ['hash', 'entry_point', 'args'], optional: ['version'] },
  StoredVersionedContractByName: { required: ['name', 'entry_point', 'args'], optional: ['version'] },
  Transfer: { required: ['args'], optional: [] },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>
const variantNames = Object.keys(itemVariants)

function item(value: unknown, path: string, maxArgsBytes: number, exact: boolean): void {
  if (!isObject(value) || Object.keys(value).length !== 1) {
    throw invalid(path, `an object with one variant of ${variantNames.join(', ')}`, value)
  }
  const [variant, body] = Object.entries(value)[0]!
  if (!Object.hasOwn(itemVariants, variant)) {
    throw invalid(path, `one of the variants ${variantNames.join(', ')}`, `unknown variant ${variant}`)
  }
  const fields = itemVariants[variant as keyof typeof itemVariants]
  const at = `${path}.${variant}`
  const checked = object(body, at, fields.required, fields.optional)
  if ('module_bytes' in checked) string(checked.module_bytes, `${at}.module_bytes`, hex())
  if ('hash' in checked) string(checked.hash, `${at}.hash`, hex(64))
  if ('name' in checked) string(checked.name, `${at}.name`)
  if ('entry_point' in checked) string(checked.entry_point, `${at}.entry_point`)
  const version = (checked as Record<string, unknown>).version
  if (
    version !== undefined &&
    version !== null &&
    !(Number.isInteger(version) && (version as number) >= 0 && (version as number) <= 0xffff_ffff)
  ) {
    throw invalid(`${at}.version`, 'null or a contract version (an integer from 0 to 4294967295)', version)
  }
  const args = array(checked.args, `${at}.args`)
  // The serialized RuntimeArgs length (casper-types `runtime_args.rs`): names and values bounded
  // before anything reads them, then with the CLTypes (each read within the list's node budget).
  let argsBytes = 4
  for (const arg of args)
    if (
      Array.isArray(arg) &&
      typeof arg[0] === 'string' &&
      isObject(arg[1]) &&
      typeof arg[1].bytes === 'string'
    )
      argsBytes += 8 + new TextEncoder().encode(arg[0]).length + arg[1].bytes.length / 2
  const tooLong = () =>
    invalid(
      `${at}.args`,
      `args of at most ${maxArgsBytes} bytes (maxArgsBytes)`,
      `${Math.ceil(argsBytes)} bytes`,
    )
  if (argsBytes > maxArgsBytes) throw tooLong()
  const budget = clTypeBudget()
  const values = args.map((arg, i) => {
    const argAt = `${at}.args[${i}]`
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') {
      throw invalid(argAt, '[name, { cl_type, bytes, parsed }]', arg)
    }
    // casper-types `CLValueJson`: cl_type and bytes required, parsed optional, nothing else.
    const clValue = object(arg[1], `${argAt}[1]`, ['cl_type', 'bytes'], ['parsed'])
    const bytes = string(clValue.bytes, `${argAt}[1].bytes`, hex())
    const type = argClType(clValue.cl_type, `${argAt}[1].cl_type`, budget)
    argsBytes += clTypeLength(type)
    return { argAt, json: clValue.cl_type, type, bytes }
  })
  if (argsBytes > maxArgsBytes) throw tooLong()
  for (const { argAt, json, type, bytes } of values) {
    // Every count and length checked against the bytes before anything loops on it.
    try {
      checkClValue(type, hexToBytes(bytes), `${argAt}[1].bytes`)
    } catch (error) {
      const flat = !/"(?:List|Map)"/.test(JSON.stringify(json))
      if (exact || !(error instanceof DeployError) || error.code !== 'InvalidClValue' || !flat) throw error
    }
  }
}

/** A humantime field (timestamp or TTL), read with the parser casper-node uses. */
function humantime(value: unknown, path: string, parse: (text: string) => number): void {
  const text = string(value, path)
  try {
    parse(text)
  } catch (cause) {
    const reason = cause instanceof DeployError ? String(cause.details.reason) : String(cause)
    const example = path.endsWith('ttl')
      ? 'a duration such as "30m" or "1h 30m"'
      : 'a timestamp such as "2024-01-01T00:00:00.000Z"'
    throw invalid(path, `${example} (humantime: ${reason})`, text, cause)
  }
}

function object<const K extends string>(
  value: unknown,
  path: string,
  fields: readonly K[],
  optional: readonly string[] = [],
): Record<K, unknown> {
  if (!isObject(value)) throw invalid(path, 'an object', value)
  const known = [...fields, ...optional]
  const unknown = Object.keys(value).filter((k) => !known.includes(k))
  if (unknown.length > 0)
    throw invalid(path, `only the fields ${known.join(', ')}`, `unknown field ${unknown.join(', ')}`)
  const missing = fields.filter((f) => !(f in value))
  if (missing.length > 0) throw invalid(path, `the fields ${fields.join(', ')}`, `no ${missing.join(', ')}`)
  return value as Record<K, unknown>
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'an array', value)
  return value
}

function string(value: unknown, path: string, pattern?: RegExp): string {
  if (typeof value !== 'string') throw invalid(path, 'a string', value)
  if (pattern && !pattern.test(value)) throw invalid(path, `a value matching ${pattern.source}`, value)
  return value
}

function invalid(path: string, expected: string, got: unknown, cause?: unknown): DeployError {
  const shown = got === undefined ? undefined : typeof got === 'string' ? got : JSON.stringify(got)
  return new DeployError(`Invalid deploy JSON at ${path}`, {
    code: 'InvalidDeployJson',
    details: {
      field: path,
      expected,
      got: shown === undefined ? 'nothing' : shown.length > 120 ? `${shown.slice(0, 120)}…` : shown,
    },
    remedy: 'Use the deploy file exactly as casper-client or casper-multisig wrote it.',
    cause,
  })
}
