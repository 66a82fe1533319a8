// Body hash and deploy hash recomputed from a deploy's content (casper-facts section 7).
import { blake2b } from '@noble/hashes/blake2b'
import { bytesToHex } from '../encoding/hex.js'
import type { DeployJson } from './DeployJson.js'
import { sdk, sdkDeployFromJson } from './sdk.js'

/** The hashes a deploy's content implies. */
export type DeployHashes = { bodyHash: string; hash: string }

/**
 * Recomputes `body_hash` = blake2b-256(payment bytes ++ session bytes) and the deploy hash =
 * blake2b-256(header bytes with that body hash), with casper-js-sdk's serialisation (which matches
 * casper-node on the published vectors). The TTL and timestamp hashed are the values casper-node
 * reads from the header texts (humantime), not casper-js-sdk's reading: see `sdkDeployFromJson`.
 *
 * @example
 * ```ts
 * const { hash, bodyHash } = deployHashes(deploy)
 * hash === deploy.hash // false means the content was changed after hashing
 * ```
 */
export function deployHashes(deploy: DeployJson): DeployHashes {
  const parsed = sdkDeployFromJson({ ...deploy, approvals: [] })
  const payment = parsed.payment.bytes()
  const session = parsed.session.bytes()
  const body = new Uint8Array(payment.length + session.length)
  body.set(payment)
  body.set(session, payment.length)
  const bodyHash = bytesToHex(blake2b(body, { dkLen: 32 }))
  parsed.header.bodyHash = sdk.Hash.fromHex(bodyHash)
  return { bodyHash, hash: bytesToHex(blake2b(parsed.header.toBytes(), { dkLen: 32 })) }
}
