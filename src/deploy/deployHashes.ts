// Body hash and deploy hash recomputed from a deploy's content (casper-types
// `types/src/transaction/deploy.rs` `Deploy::has_valid_hash`).
import { blake2b } from '@noble/hashes/blake2b'
import { bytesToHex } from '../encoding/hex.js'
import type { DeployJson } from './DeployJson.js'
import { deployHeaderBytes, executableItemBytes } from './deployBytes.js'

/** The hashes a deploy's content implies. */
export type DeployHashes = { bodyHash: string; hash: string }

/**
 * Recomputes `body_hash` = blake2b-256(payment bytes ++ session bytes) and the deploy hash =
 * blake2b-256(header bytes with that body hash), from the bytes casper-node writes
 * (`executableItemBytes`, `deployHeaderBytes`); an arg whose CLType cannot be written
 * exactly is refused, never dropped. The
 * TTL and timestamp hashed are the values casper-node reads from the header texts (humantime).
 *
 * @throws {DeployError} `InvalidClType` for an arg whose CLType the node would read otherwise.
 * @example
 * ```ts
 * const { hash, bodyHash } = deployHashes(deploy)
 * hash === deploy.hash // false means the content was changed after hashing
 * ```
 */
export function deployHashes(deploy: DeployJson): DeployHashes {
  const payment = executableItemBytes(deploy.payment, 'payment')
  const session = executableItemBytes(deploy.session, 'session')
  const body = new Uint8Array(payment.length + session.length)
  body.set(payment)
  body.set(session, payment.length)
  const bodyHash = bytesToHex(blake2b(body, { dkLen: 32 }))
  const header = deployHeaderBytes({ ...deploy.header, body_hash: bodyHash })
  return { bodyHash, hash: bytesToHex(blake2b(header, { dkLen: 32 })) }
}
