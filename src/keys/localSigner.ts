// A Signer holding a secret key in memory (a secret_key.pem file, hex, or a parsed key).

import { sha256 } from '@noble/hashes/sha2'
import { ed25519 } from './ed25519.js'
import { keyAlgorithms } from './KeyAlgorithm.js'
import type { PrivateKeyInfo } from './PublicKeyInfo.js'
import { type ParsePrivateKeyOptions, type PrivateKeyInput, parsePrivateKey } from './parsePrivateKey.js'
import type { Signer } from './Signer.js'
import { SignerError } from './SignerError.js'
import { secp256k1 } from './secp256k1.js'

/** A key for {@link localSigner}: a parsed key, PEM text, hex or bytes (see `parsePrivateKey`). */
export type LocalSignerKey = PrivateKeyInfo | PrivateKeyInput

/** A {@link Signer} backed by a secret key in memory, with its algorithm and account hash. */
export type LocalSigner = Signer & {
  readonly algorithm: PrivateKeyInfo['algorithm']
  /** The signer's account hash (64 hex digits). */
  readonly accountHash: string
}

/**
 * A signer for a secret key in memory, producing what casper-client `sign-deploy` produces
 * (casper-types `crypto::sign`): ed25519 plain signatures of the hash bytes (deterministic);
 * secp256k1 ECDSA over SHA-256(hash bytes), RFC 6979 nonces, 64-byte compact r||s, normalised to
 * low S (k256 `SigningKey::try_sign`). The result carries the tag byte `01` / `02`.
 *
 * @throws {KeyError} when the key cannot be read (see `parsePrivateKey`).
 * @throws {SignerError} code `InvalidHash` from `sign` when given anything but 32 bytes.
 * @example
 * ```ts
 * const signer = localSigner(readFileSync('secret_key.pem', 'utf8'))
 * const signed = await signDeploy(deploy, signer)
 * localSigner('0f'.repeat(32), { algorithm: 'ed25519' }).publicKey // '01d9bf21…'
 * ```
 */
export function localSigner(key: LocalSignerKey, options: ParsePrivateKeyOptions = {}): LocalSigner {
  const parsed = isParsed(key) ? key : parsePrivateKey(key, options)
  const secretKey = Uint8Array.from(parsed.secretKey)
  const tag = keyAlgorithms[parsed.algorithm].tag
  return {
    publicKey: parsed.publicKeyHex,
    algorithm: parsed.algorithm,
    accountHash: parsed.accountHash,
    async sign(hash: Uint8Array): Promise<Uint8Array> {
      if (!(hash instanceof Uint8Array) || hash.length !== 32) {
        throw new SignerError('Can only sign a 32-byte hash', {
          code: 'InvalidHash',
          details: { expected: '32 bytes (a deploy or transaction hash)', got: describe(hash) },
        })
      }
      const raw =
        parsed.algorithm === 'ed25519'
          ? ed25519.sign(hash, secretKey)
          : // prehash: false because the SHA-256 is applied here, exactly once, as k256 does.
            secp256k1.sign(sha256(hash), secretKey, { prehash: false, lowS: true }).toBytes('compact')
      const tagged = new Uint8Array(65)
      tagged[0] = tag
      tagged.set(raw, 1)
      return tagged
    },
  }
}

function isParsed(key: LocalSignerKey): key is PrivateKeyInfo {
  return typeof key === 'object' && !(key instanceof Uint8Array)
}

function describe(value: unknown): string {
  return value instanceof Uint8Array ? `${value.length} bytes` : typeof value
}
