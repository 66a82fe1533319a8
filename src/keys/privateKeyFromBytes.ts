// A raw 32-byte secret key turned into a usable key with its public key and account hash.
import { ed25519 } from './ed25519.js'
import type { KeyAlgorithm } from './KeyAlgorithm.js'
import { KeyError } from './KeyError.js'
import type { PrivateKeyInfo } from './PublicKeyInfo.js'
import { publicKeyFromBytes } from './publicKeyFromBytes.js'
import { secp256k1 } from './secp256k1.js'

/**
 * The key pair of a raw secret key: an ed25519 seed or a secp256k1 scalar, 32 bytes each
 * (casper-types `SecretKey::ed25519_from_bytes` / `secp256k1_from_bytes`; a secp256k1 scalar must
 * be in 1..n-1).
 *
 * @throws {KeyError} code `InvalidSecretKey`.
 * @example
 * ```ts
 * privateKeyFromBytes(new Uint8Array(32).fill(0x0f), 'ed25519').publicKeyHex
 * // '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
 * ```
 */
export function privateKeyFromBytes(secretKey: Uint8Array, algorithm: KeyAlgorithm): PrivateKeyInfo {
  if (secretKey.length !== 32) {
    throw new KeyError(`Invalid ${algorithm} secret key`, {
      code: 'InvalidSecretKey',
      details: { expected: '32 bytes', got: `${secretKey.length} bytes` },
    })
  }
  let raw: Uint8Array
  if (algorithm === 'ed25519') raw = ed25519.getPublicKey(secretKey)
  else {
    if (!secp256k1.utils.isValidSecretKey(secretKey)) {
      throw new KeyError('Invalid secp256k1 secret key', {
        code: 'InvalidSecretKey',
        details: { expected: 'a scalar in 1..n-1 (secp256k1 group order n)', got: 'zero or a value >= n' },
      })
    }
    raw = secp256k1.getPublicKey(secretKey, true)
  }
  return { ...publicKeyFromBytes(raw, algorithm), secretKey: Uint8Array.from(secretKey) }
}
