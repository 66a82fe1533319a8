// Reads the file a co-signing command takes: a deploy, or a TransactionV1 (told apart by its shape).

import type { CosignDeploy, CosignFile, CosignTransaction } from '../cosign/CosignFile.js'
import { parseCosignFile } from '../cosign/parseCosignFile.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { bytesToHex } from '../encoding/hex.js'
import { isObject } from '../encoding/isObject.js'
import { maxFileJsonValues, parseStrictJson, type StrictJson } from '../encoding/parseStrictJson.js'
import { CosignError } from '../errors/CosignError.js'
import { CliError } from './CliError.js'
import { parseDeployText, readText } from './files.js'

/** What {@link readSignedFile} returns: a deploy as before, or a TransactionV1 in both models. */
export type SignedFile =
  | {
      kind: 'deploy'
      deploy: DeployJson
      /** The decoded deploy (`parseCosignFile`): what is described, signed and written back. */
      file: CosignDeploy
    }
  | {
      kind: 'transaction'
      /** The decoded transaction (`parseCosignFile`), written back with `stringifyCosignFile`. */
      file: CosignTransaction
      /** `{ Version1 }`, the form `preflight`, `submit` and `account_put_transaction` take. */
      transaction: TransactionJson
    }

/**
 * Reads `path` (`-`: standard input) once. A file shaped as a TransactionV1 (`{ hash, payload,
 * approvals }`, `{ Version1 }` or `{ transaction: { Version1 } }`) is read by `parseCosignFile`;
 * anything else as a deploy, exactly as before.
 *
 * @throws {CliError} code `FileError`: unreadable, or neither a deploy nor a TransactionV1 (the field
 * and the reason given).
 * @example
 * ```ts
 * const read = readSignedFile('deploy.json')
 * const hash = read.kind === 'deploy' ? read.deploy.hash : read.file.hash
 * ```
 */
export function readSignedFile(path: string): SignedFile {
  const text = readText(path, 'deploy file')
  // A deploy is read by parseDeployJson first, for its errors naming the field; then decoded.
  const deploy = looksLikeTransaction(text) ? undefined : parseDeployText(path, text)
  let file: CosignFile
  try {
    file = parseCosignFile(text)
  } catch (error) {
    if (!(error instanceof CosignError)) throw error
    throw new CliError(
      `${path === '-' ? 'Standard input' : path} is not a ${deploy ? 'deploy' : 'transaction'} file: ${error.shortMessage}`,
      { code: 'FileError', details: error.details, remedy: error.remedy },
    )
  }
  if (file.kind === 'deploy') return { kind: 'deploy', deploy: deploy ?? parseDeployText(path, text), file }
  return { kind: 'transaction', file, transaction: transactionJson(file) }
}

/** The transaction as `{ Version1: { hash, payload, approvals } }`, whatever wrapper the file used. */
export function transactionJson(file: CosignTransaction): TransactionJson {
  let value: unknown = plainJson(file.json)
  for (const key of ['transaction', 'Version1']) {
    if (isObject(value) && Object.keys(value).length === 1 && key in value) value = value[key]
  }
  return { Version1: value as TransactionJson['Version1'] }
}

/**
 * The JSON as `JSON.parse` would read its text back (a `bigint` as the nearest number, objects
 * with a prototype), in one pass over the values: no text is written and read again.
 */
function plainJson(value: StrictJson): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(plainJson)
  // fromEntries defines own properties, as JSON.parse does: a key `__proto__` stays a key.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainJson(item)]))
}

function looksLikeTransaction(text: string): boolean {
  let value: unknown
  try {
    // Bounded as the readers after it are: a file of too many values is refused by them.
    value = parseStrictJson(text, { maxValues: maxFileJsonValues })
  } catch {
    return false
  }
  if (!isObject(value)) return false
  if (isObject(value.transaction)) value = value.transaction
  if (isObject(value) && isObject(value.Version1)) return true
  return isObject(value) && 'payload' in value
}

/** The sending account of a deploy or transaction as a `readNodeAccount` identifier: its public key, or `account-hash-…`. */
export function transactionAccount(file: CosignFile): string {
  if (file.kind === 'deploy') return file.header.account
  const { initiator } = file.payload
  return initiator.TAG === 'PublicKey' ? initiator.data[0] : `account-hash-${bytesToHex(initiator.data[0])}`
}

/** The chain a deploy or transaction file is for: its `chain_name`. */
export function fileChainName(file: CosignFile): string {
  return file.kind === 'deploy' ? file.header.chain_name : file.payload.chainName
}

/** `--json`'s `kind` field: `{ kind: 'transaction' }` for a transaction, nothing for a deploy (whose JSON is as it always was). */
export function kindJson(kind: SignedFile['kind']): { kind?: 'transaction' } {
  return kind === 'transaction' ? { kind } : {}
}
