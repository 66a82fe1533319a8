// The hashes casper-node computes for a deploy and a TransactionV1, from their decoded content: the one
// hasher every entry and builder uses.
import { blake2b } from '@noble/hashes/blake2b'
import { bytesToHex } from '../encoding/hex.js'
import {
  type DeployHeader,
  deployHeader,
  type ExecutableItem,
  executableItem,
  type TransactionPayload,
  transactionPayload,
} from './layouts.js'

/** The hashes a deploy's content implies. */
export type DeployHashes = { bodyHash: string; hash: string }

/**
 * `body_hash` = blake2b-256(payment bytes ++ session bytes), and the deploy hash = blake2b-256 of
 * the header bytes with that body hash (casper-types `deploy.rs` `hash_body` / `hash_header`); the
 * header's own `body_hash` is not read.
 *
 * @example
 * ```ts
 * hashDeploy({ header, payment, session }) // { bodyHash: 'c41f…', hash: '18b0…' }
 * ```
 */
export function hashDeploy(deploy: {
  header: DeployHeader
  payment: ExecutableItem
  session: ExecutableItem
}): DeployHashes {
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
 * hashTransaction(file.payload) === file.hash // false: the payload was changed after hashing
 * ```
 */
export function hashTransaction(payload: TransactionPayload): string {
  return bytesToHex(blake2b(transactionPayload.encode(payload), { dkLen: 32 }))
}
