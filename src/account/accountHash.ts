// Account hashes from public keys and from their text forms.
import { blake2b } from '@noble/hashes/blake2b'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import type { AccountHashHex } from './Account.js'
import { AccountError } from './AccountError.js'

/** Public-key algorithms by tag byte, with the raw key length (casper-types `PublicKey`). */
const algorithms = {
  1: { name: 'ed25519', length: 32 },
  2: { name: 'secp256k1', length: 33 },
} as const

/** Anything that names an account: a public key or an account hash, in the usual text forms. */
export type AccountIdentifier =
  | string
  | Uint8Array
  | { toHex(): string }
  | { accountHash(): { toHex(): string } }

/**
 * The account hash of a tagged public key: blake2b-256(algorithm name ++ 0x00 ++ raw key)
 * (casper-types `account_hash.rs` `AccountHash::from_public_key`).
 *
 * @example
 * ```ts
 * accountHashFromPublicKey('01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c')
 * // '83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2'
 * ```
 */
export function accountHashFromPublicKey(publicKey: string | Uint8Array): AccountHashHex {
  const bytes = typeof publicKey === 'string' ? hexToBytes(publicKey) : publicKey
  const algorithm = algorithms[bytes[0] as 1 | 2]
  if (!algorithm || bytes.length !== 1 + algorithm.length) {
    throw new AccountError('Invalid public key', {
      code: 'InvalidPublicKey',
      details: {
        expected: '01 + 32 bytes (ed25519) or 02 + 33 bytes (secp256k1)',
        got: `${bytes.length} bytes starting ${bytesToHex(bytes.subarray(0, 1))}`,
      },
      remedy: 'Pass the tagged public key hex as casper-client prints it (public_key_hex).',
    })
  }
  const prefix = new TextEncoder().encode(algorithm.name)
  const preimage = new Uint8Array(prefix.length + 1 + algorithm.length)
  preimage.set(prefix)
  preimage.set(bytes.subarray(1), prefix.length + 1)
  return bytesToHex(blake2b(preimage, { dkLen: 32 }))
}

/**
 * Normalises any account identifier to the 64-hex account hash: `account-hash-<hex>`, a bare
 * 64-hex hash, a tagged public key hex (66 or 68 hex digits), its bytes, or casper-js-sdk
 * `PublicKey` / `AccountHash` objects.
 *
 * @example
 * ```ts
 * accountHashOf('account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2')
 * accountHashOf('01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c')
 * // both '83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2'
 * ```
 */
export function accountHashOf(identifier: AccountIdentifier): AccountHashHex {
  if (identifier instanceof Uint8Array) {
    return identifier.length === 32 ? bytesToHex(identifier) : accountHashFromPublicKey(identifier)
  }
  if (typeof identifier === 'object') {
    // casper-js-sdk PublicKey has accountHash(); AccountHash has toHex() (its toJSON drops the dash).
    return accountHashOf('accountHash' in identifier ? identifier.accountHash().toHex() : identifier.toHex())
  }
  const text = identifier.trim()
  const hex = text.startsWith('account-hash-') ? text.slice('account-hash-'.length) : text
  if (/^[0-9a-fA-F]{64}$/.test(hex)) return hex.toLowerCase()
  if (hex === text && /^0[12][0-9a-fA-F]+$/.test(text)) return accountHashFromPublicKey(text)
  throw new AccountError('Not an account identifier', {
    code: 'InvalidAccountIdentifier',
    details: {
      expected: 'account-hash-<64 hex>, 64 hex digits, or a public key (01 + 64 hex, 02 + 66 hex)',
      got: text,
    },
  })
}

/**
 * The tagged public key hex (lowercase) when the identifier is a public key, the forms
 * {@link accountHashOf} hashes; `undefined` for account-hash forms.
 *
 * @example
 * ```ts
 * publicKeyHexOf('01D9BF2148748A85C89DA5AAD8EE0B0FC2D105FD39D41A4C796536354F0AE2900C') // '01d9bf21…900c'
 * publicKeyHexOf('account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2') // undefined
 * ```
 */
export function publicKeyHexOf(identifier: AccountIdentifier): string | undefined {
  if (identifier instanceof Uint8Array) return identifier.length === 32 ? undefined : bytesToHex(identifier)
  if (typeof identifier === 'object') {
    // casper-js-sdk PublicKey: accountHash() plus toHex(); AccountHash has only toHex().
    return 'accountHash' in identifier && 'toHex' in identifier && typeof identifier.toHex === 'function'
      ? (identifier.toHex as () => string)().toLowerCase()
      : undefined
  }
  const text = identifier.trim()
  return /^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/.test(text) ? text.toLowerCase() : undefined
}
