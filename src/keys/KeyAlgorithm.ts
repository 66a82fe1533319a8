// The two signature algorithms Casper accounts use, with their tag bytes and key lengths.

/** A Casper key algorithm (casper-types `crypto/asymmetric_key.rs`: `ED25519_TAG`, `SECP256K1_TAG`). */
export type KeyAlgorithm = 'ed25519' | 'secp256k1'

/**
 * Tag byte and raw public-key length per algorithm, as casper-types writes them in hex and bytes
 * (`01` + 32 bytes; `02` + 33-byte compressed SEC1 point).
 */
export const keyAlgorithms = {
  ed25519: { tag: 0x01, publicKeyLength: 32 },
  secp256k1: { tag: 0x02, publicKeyLength: 33 },
} as const satisfies Record<KeyAlgorithm, { tag: number; publicKeyLength: number }>

/**
 * The algorithm a tag byte stands for, or `undefined`.
 *
 * @example
 * ```ts
 * algorithmOfTag(0x02) // 'secp256k1'
 * ```
 */
export function algorithmOfTag(tag: number | undefined): KeyAlgorithm | undefined {
  return tag === 0x01 ? 'ed25519' : tag === 0x02 ? 'secp256k1' : undefined
}
