// Deploy and TransactionV1 JSON objects (as JSON.parse gives them) to the decoded model and back.
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import type { CosignDeploy, CosignFile, CosignTransaction } from './CosignFile.js'
import { parseCosignFile } from './parseCosignFile.js'
import { invalidShape } from './readShape.js'
import { stringifyCosignFile } from './stringifyCosignFile.js'

/** A deploy or TransactionV1 as a JSON object, in any wrapper `parseCosignFile` reads. */
export type FileJson = DeployJson | TransactionJson | TransactionJson['Version1']

/**
 * The decoded model of a deploy or TransactionV1 given as a JSON object (or already decoded: then
 * returned as it is), read by `parseCosignFile` with all its checks; `kind` refuses the other kind.
 *
 * @throws {CosignError} what `parseCosignFile` throws, or `InvalidShape` for the other kind.
 * @example
 * ```ts
 * const file = fileFromJson(JSON.parse(text)) // as parseCosignFile(text)
 * ```
 */
export function fileFromJson(value: FileJson | CosignDeploy, kind: 'deploy'): CosignDeploy
export function fileFromJson(value: FileJson | CosignTransaction, kind: 'transaction'): CosignTransaction
export function fileFromJson(value: FileJson | CosignFile, kind?: CosignFile['kind']): CosignFile
export function fileFromJson(value: FileJson | CosignFile, kind?: CosignFile['kind']): CosignFile {
  const file = isCosignFile(value) ? value : parseCosignFile(JSON.stringify(value) ?? 'null')
  if (kind && file.kind !== kind) throw invalidShape('(file)', `a ${kind}`, `a ${file.kind}`)
  return file
}

/**
 * The file as a JSON object: a deploy as a bare deploy (`DeployJson`), a TransactionV1 as
 * `{ Version1: … }` (`TransactionJson`), whatever wrapper it was read in.
 *
 * @example
 * ```ts
 * const deploy = fileToJson(await signFile(fileFromJson(deploy, 'deploy'), signer))
 * ```
 */
export function fileToJson(file: CosignDeploy): DeployJson
export function fileToJson(file: CosignTransaction): TransactionJson
export function fileToJson(file: CosignFile): DeployJson | TransactionJson
export function fileToJson(file: CosignFile): DeployJson | TransactionJson {
  let value = JSON.parse(stringifyCosignFile(file))
  for (const key of ['transaction', 'deploy', 'Deploy', 'Version1']) {
    if (Object.keys(value).length === 1 && key in value) value = value[key]
  }
  return file.kind === 'deploy' ? value : { Version1: value }
}

/** A decoded file rather than JSON: only the model has `kind` and keeps its `json`. */
export function isCosignFile(value: unknown): value is CosignFile {
  const kind = (value as CosignFile | undefined)?.kind
  return (kind === 'deploy' || kind === 'transaction') && 'json' in (value as object)
}
