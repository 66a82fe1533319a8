// Deploy and transaction hashes recomputed from the decoded content or its JSON, without casper-js-sdk.
import { type DeployHashes, hashDeploy, hashTransaction } from '../codec/hashDeploy.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { bytesToHex } from '../encoding/hex.js'
import { CosignError } from '../errors/CosignError.js'
import type { CosignDeploy, CosignFile, CosignTransaction } from './CosignFile.js'
import { fileFromJson } from './fileJson.js'

export type { DeployHashes } from '../codec/hashDeploy.js'

/**
 * `body_hash` = blake2b-256(payment bytes ++ session bytes), and the deploy hash = blake2b-256 of
 * the header bytes with that body hash (casper-types `deploy.rs` `hash_body` / `hash_header`),
 * from the decoded deploy or from its JSON (read by `parseCosignFile`).
 *
 * @throws {CosignError} when JSON given is not a deploy `parseCosignFile` reads.
 * @example
 * ```ts
 * const { hash, bodyHash } = deployHashes(parseCosignFile(text) as CosignDeploy)
 * hash === deploy.hash // false: the content was changed after hashing
 * deployHashes(JSON.parse(text)).hash // the same, from the JSON
 * ```
 */
export function deployHashes(
  deploy: Pick<CosignDeploy, 'header' | 'payment' | 'session'> | DeployJson,
): DeployHashes {
  return hashDeploy(
    typeof deploy.header.body_hash === 'string'
      ? fileFromJson(deploy as DeployJson, 'deploy')
      : (deploy as Pick<CosignDeploy, 'header' | 'payment' | 'session'>),
  )
}

/**
 * blake2b-256 of a TransactionV1 payload in the calltable layout (casper-types 2.0
 * `TransactionV1::has_valid_hash`), from the decoded transaction or from its JSON
 * (`{ Version1: … }` or the bare object, read by `parseCosignFile`).
 *
 * @throws {CosignError} when JSON given is not a TransactionV1 `parseCosignFile` reads.
 * @example
 * ```ts
 * transactionHash(file) === file.hash // false: the payload was changed after hashing
 * transactionHash(JSON.parse(text)) // the same, from the JSON
 * ```
 */
export function transactionHash(
  transaction: Pick<CosignTransaction, 'payload'> | TransactionJson | TransactionJson['Version1'],
): string {
  const t =
    'Version1' in transaction || 'chain_name' in transaction.payload
      ? fileFromJson(transaction as TransactionJson, 'transaction')
      : (transaction as Pick<CosignTransaction, 'payload'>)
  return hashTransaction(t.payload)
}

/**
 * Refuses a file whose content does not hash to the `hash` (and, for a deploy, the
 * `header.body_hash`) its approvals sign: signing or merging it would approve something other than
 * what is shown.
 *
 * @throws {CosignError} code `HashMismatch`, `details.field` `hash` or `header.body_hash`.
 * @example
 * ```ts
 * checkHashes(parseCosignFile(text)) // throws when the file was edited after hashing
 * ```
 */
export function checkHashes(file: CosignFile): void {
  if (file.kind === 'deploy') {
    const { bodyHash, hash } = deployHashes(file)
    mustMatch(file, 'header.body_hash', bodyHash, bytesToHex(file.header.body_hash))
    mustMatch(file, 'hash', hash, file.hash)
  } else mustMatch(file, 'hash', transactionHash(file), file.hash)
}

function mustMatch(
  file: CosignFile,
  field: 'hash' | 'header.body_hash',
  expected: string,
  got: string,
): void {
  if (expected === got) return
  throw new CosignError(`The ${file.kind} ${field} does not match its content`, {
    code: 'HashMismatch',
    details: { field, expected, got },
    remedy: `The ${file.kind} was changed after it was hashed: do not sign it; get the original file from its author.`,
  })
}
