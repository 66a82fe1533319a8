// Verifies one tagged signature the way casper-node does (casper-types `crypto::verify`).
import { ed25519 } from '@noble/curves/ed25519'
import { secp256k1 } from '@noble/curves/secp256k1'
import { sha256 } from '@noble/hashes/sha256'
import { hexToBytes } from '../encoding/hex.js'
import { algorithmOfTag, keyAlgorithms } from '../keys/KeyAlgorithm.js'

/** Parameters of {@link verifySignature}: tagged key and signature (hex or bytes), and the hash. */
export type VerifySignatureParameters = {
  /** Tagged public key: `01` + 32 bytes or `02` + 33 bytes. */
  publicKey: string | Uint8Array
  /** Tagged signature: `01`/`02` + 64 bytes. */
  signature: string | Uint8Array
  /** The signed message: the 32 raw bytes of the deploy or transaction hash. */
  message: Uint8Array
}

/**
 * Whether a tagged signature is valid for a tagged public key, by casper-node's rules
 * (casper-types `crypto/asymmetric_key.rs` `verify`):
 * - the signature tag must equal the key tag (casper-js-sdk 5.0.12 ignores it: defect 2);
 * - ed25519: ed25519-dalek `verify_strict` (canonical encodings, no small-order key or R);
 * - secp256k1: k256 ECDSA over SHA-256(message), 64-byte r||s, low-S only.
 * Never throws: malformed input is simply not a valid signature.
 *
 * @example
 * ```ts
 * verifySignature({ publicKey: approval.signer, signature: approval.signature, message: hexToBytes(deploy.hash) })
 * ```
 */
export function verifySignature({ publicKey, signature, message }: VerifySignatureParameters): boolean {
  try {
    const key = typeof publicKey === 'string' ? hexToBytes(publicKey) : publicKey
    const sig = typeof signature === 'string' ? hexToBytes(signature) : signature
    const algorithm = algorithmOfTag(key[0])
    if (!algorithm || key.length !== 1 + keyAlgorithms[algorithm].publicKeyLength) return false
    if (sig.length !== 65 || sig[0] !== key[0]) return false
    const rawKey = key.subarray(1)
    const rawSig = sig.subarray(1)
    if (algorithm === 'ed25519') {
      // verify_strict additionally refuses small-order (weak) keys and R values.
      if (ed25519.Point.fromBytes(rawKey, false).isSmallOrder()) return false
      if (ed25519.Point.fromBytes(rawSig.subarray(0, 32), false).isSmallOrder()) return false
      return ed25519.verify(rawSig, message, rawKey, { zip215: false })
    }
    return secp256k1.verify(rawSig, sha256(message), rawKey, {
      prehash: false,
      lowS: true,
      format: 'compact',
    })
  } catch {
    return false
  }
}
