// A raw public key checked against its curve and put in the forms Casper uses (compressed, tagged).

import { accountHashFromPublicKey } from '../account/accountHash.js'
import { bytesToHex } from '../encoding/hex.js'
import { ed25519 } from './ed25519.js'
import { type KeyAlgorithm, keyAlgorithms } from './KeyAlgorithm.js'
import { KeyError } from './KeyError.js'
import type { PublicKeyInfo } from './PublicKeyInfo.js'
import { secp256k1 } from './secp256k1.js'

/**
 * Checks raw public-key bytes and returns them in every form. secp256k1 keys may be compressed
 * (33 bytes) or uncompressed (65 bytes, `04…`): the result is always the 33-byte compressed point,
 * the only form casper-types accepts (`PublicKey::secp256k1_from_bytes` and `to_encoded_point(true)`
 * in `crypto/asymmetric_key.rs`); an uncompressed key would give another account hash.
 *
 * @throws {KeyError} code `InvalidPublicKey` when the bytes are not a point of the curve.
 * @example
 * ```ts
 * publicKeyFromBytes(hexToBytes('04…'), 'secp256k1').publicKeyHex // '02' + 33-byte compressed key
 * ```
 */
export function publicKeyFromBytes(bytes: Uint8Array, algorithm: KeyAlgorithm): PublicKeyInfo {
  let publicKey: Uint8Array
  try {
    publicKey =
      algorithm === 'ed25519'
        ? // casper-types uses ed25519-dalek `VerifyingKey::from_bytes`: a valid point encoding, 32 bytes.
          ed25519.Point.fromBytes(expectLength(bytes, [32]), false).toBytes()
        : secp256k1.Point.fromBytes(expectLength(bytes, [33, 65])).toBytes(true)
  } catch (cause) {
    throw new KeyError(`Invalid ${algorithm} public key`, {
      code: 'InvalidPublicKey',
      details: {
        expected:
          algorithm === 'ed25519'
            ? '32 bytes encoding a curve point'
            : '33 or 65 bytes encoding a curve point',
        got: `${bytes.length} bytes ${bytesToHex(bytes)}`,
      },
      cause,
    })
  }
  const tagged = new Uint8Array(1 + publicKey.length)
  tagged[0] = keyAlgorithms[algorithm].tag
  tagged.set(publicKey, 1)
  return {
    algorithm,
    publicKey,
    publicKeyHex: bytesToHex(tagged),
    accountHash: accountHashFromPublicKey(tagged),
  }
}

function expectLength(bytes: Uint8Array, lengths: number[]): Uint8Array {
  if (!lengths.includes(bytes.length)) throw new Error(`expected ${lengths.join(' or ')} bytes`)
  return bytes
}
