// ed25519 (RFC 8032) assembled from noble's Edwards engine: the curve and EdDSA only, without the ristretto255, x25519 and hash-to-curve extras of '@noble/curves/ed25519'.
import { eddsa, edwards } from '@noble/curves/abstract/edwards'
import { Field, isNegativeLE, mod, pow2 } from '@noble/curves/abstract/modular'
import { sha512 } from '@noble/hashes/sha2'

/** p = 2^255 − 19 (RFC 8032 section 5.1). */
const p = 2n ** 255n - 19n
/** √−1 mod p = 2^((p−1)/4). */
const sqrtMinus1 = BigInt('19681161376707505956807079304988542015446066515923890162744021073123829784752')

/** x^((p−5)/8) by the addition chain of RFC 8032 / ref10 (`pow22523`). */
function pow2252m3(x: bigint): bigint {
  const x2 = (x * x) % p
  const b2 = (x2 * x) % p
  const b4 = (pow2(b2, 2n, p) * b2) % p
  const b5 = (pow2(b4, 1n, p) * x) % p
  const b10 = (pow2(b5, 5n, p) * b5) % p
  const b20 = (pow2(b10, 10n, p) * b10) % p
  const b40 = (pow2(b20, 20n, p) * b20) % p
  const b80 = (pow2(b40, 40n, p) * b40) % p
  const b160 = (pow2(b80, 80n, p) * b80) % p
  const b240 = (pow2(b160, 80n, p) * b80) % p
  const b250 = (pow2(b240, 10n, p) * b10) % p
  return (pow2(b250, 2n, p) * x) % p
}

/** √(u/v) as RFC 8032 section 5.1.3 computes it while decoding a point (one exponentiation). */
function uvRatio(u: bigint, v: bigint): { isValid: boolean; value: bigint } {
  const v3 = mod(v * v * v, p)
  const v7 = mod(v3 * v3 * v, p)
  let x = mod(u * v3 * pow2252m3(u * v7), p)
  const vx2 = mod(v * x * x, p)
  const useRoot1 = vx2 === u
  const useRoot2 = vx2 === mod(-u, p)
  const noRoot = vx2 === mod(-u * sqrtMinus1, p)
  // Both candidates are computed and the second taken when there is no root, as noble does (constant time).
  if (useRoot2 || noRoot) x = mod(x * sqrtMinus1, p)
  if (isNegativeLE(x, p)) x = mod(-x, p)
  return { isValid: useRoot1 || useRoot2, value: x }
}

/** The order L of the prime-order subgroup: 2^252 + 27742317777372353535851937790883648493. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n

const Point = edwards(
  {
    p,
    n: L,
    h: 8n,
    a: p - 1n,
    // d = −121665/121666 mod p
    d: BigInt('0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3'),
    Gx: BigInt('0x216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51a'),
    Gy: BigInt('0x6666666666666666666666666666666666666666666666666666666666666658'),
  },
  { Fp: Field(p, { isLE: true }), Fn: Field(L, { isLE: true }), uvRatio },
)

/**
 * ed25519 keys and signatures (RFC 8032, SHA-512, no context), the same computations as noble's
 * `ed25519` from '@noble/curves/ed25519', built from its Edwards engine so a browser bundle carries
 * only the curve casper-types uses.
 *
 * @example
 * ```ts
 * const publicKey = ed25519.getPublicKey(seed)
 * ed25519.verify(ed25519.sign(message, seed), message, publicKey) // true
 * ```
 */
export const ed25519 = eddsa(Point, sha512, {
  // RFC 8032 section 5.1.5: clear the low 3 bits and the top bit, set bit 254.
  adjustScalarBytes(bytes: Uint8Array): Uint8Array {
    bytes[0]! &= 248
    bytes[31]! &= 127
    bytes[31]! |= 64
    return bytes
  },
})
