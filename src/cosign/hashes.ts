// Deploy and transaction hashes recomputed from the decoded content, without casper-js-sdk.
import { blake2b } from '@noble/hashes/blake2b'
import { deployHeader, executableItem, transactionPayload } from '../codec/layouts.js'
import { bytesToHex } from '../encoding/hex.js'
import type { CosignDeploy, CosignTransaction } from './CosignFile.js'

/** The hashes a deploy's content implies. */
export type DeployHashes = { bodyHash: string; hash: string }

/**
 * `body_hash` = blake2b-256(payment bytes ++ session bytes), and the deploy hash = blake2b-256 of
 * the header bytes with that body hash (casper-types `deploy.rs` `hash_body` / `hash_header`).
 *
 * @example
 * ```ts
 * const { hash, bodyHash } = deployHashes(parseCosignFile(text) as CosignDeploy)
 * hash === deploy.hash // false: the content was changed after hashing
 * ```
 */
export function deployHashes(deploy: Pick<CosignDeploy, 'header' | 'payment' | 'session'>): DeployHashes {
  const payment = executableItem.encode(deploy.payment)
  const session = executableItem.encode(deploy.session)
  const body = new Uint8Array(payment.length + session.length)
  body.set(payment)
  body.set(session, payment.length)
  const bodyHash = blake2b(body, { dkLen: 32 })
  const header = deployHeader.encode({ ...deploy.header, body_hash: bodyHash })
  return { bodyHash: bytesToHex(bodyHash), hash: bytesToHex(blake2b(header, { dkLen: 32 })) }
}

/**
 * blake2b-256 of a TransactionV1 payload in the calltable layout (casper-types 2.0
 * `TransactionV1::has_valid_hash`).
 *
 * @example
 * ```ts
 * transactionHash(file) === file.hash // false: the payload was changed after hashing
 * ```
 */
export function transactionHash(transaction: Pick<CosignTransaction, 'payload'>): string {
  return bytesToHex(blake2b(transactionPayload.encode(transaction.payload), { dkLen: 32 }))
}
