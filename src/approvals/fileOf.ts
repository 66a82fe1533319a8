// The decoded model of the deploy or TransactionV1 JSON a JSON-level function was given.
import type { CosignFile } from '../cosign/CosignFile.js'
import { fileFromJson } from '../cosign/fileJson.js'
import { parseDeployJson } from '../cosign/parseDeployJson.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { isObject } from '../encoding/isObject.js'

/**
 * A deploy read with `parseDeployJson` (the main entry's reader: unknown fields, CLTypes and values
 * casper-js-sdk would write otherwise are refused with a `DeployError`), or a TransactionV1
 * (`{ Version1: … }`) read with `parseCosignFile`, decoded into the model the cosign core works on.
 *
 * @throws {DeployError} `InvalidDeployJson` (and the codes `parseDeployJson` throws) for a deploy.
 * @throws {CosignError} for a TransactionV1 `parseCosignFile` refuses.
 * @example
 * ```ts
 * const file = fileOf(JSON.parse(text)) // file.kind: 'deploy' | 'transaction'
 * ```
 */
export function fileOf(json: DeployJson | TransactionJson): CosignFile {
  return isTransactionJson(json)
    ? fileFromJson(json, 'transaction')
    : fileFromJson(parseDeployJson(json), 'deploy')
}

/** A TransactionV1 as the node's RPC and casper-client write it: `{ Version1: … }`. */
export function isTransactionJson(value: unknown): value is TransactionJson {
  return isObject(value) && Object.keys(value).length === 1 && isObject(value.Version1)
}
