// secp256k1 ECDSA assembled from noble's Weierstrass engine: the curve and ECDSA only, without the Schnorr and hash-to-curve extras of '@noble/curves/secp256k1'.
import { Field } from '@noble/curves/abstract/modular'
import { ecdsa, weierstrassN } from '@noble/curves/abstract/weierstrass'
import { sha256 } from '@noble/hashes/sha2'

/** SEC 2 section 2.4.1: p = 2^256 − 2^32 − 977. */
const p = 2n ** 256n - 2n ** 32n - 977n

const Point = weierstrassN(
  {
    p,
    n: BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'),
    h: 1n,
    a: 0n,
    b: 7n,
    Gx: BigInt('0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'),
    Gy: BigInt('0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8'),
  },
  {
    // p ≡ 3 (mod 4): the field's square root is y^((p+1)/4), which Field picks by itself.
    Fp: Field(p),
    // The GLV endomorphism (noble's secp256k1 values) halves the cost of a scalar multiplication.
    endo: {
      beta: BigInt('0x7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501ee'),
      basises: [
        [BigInt('0x3086d221a7d46bcde86c90e49284eb15'), -BigInt('0xe4437ed6010e88286f547fa90abfe4c3')],
        [BigInt('0x114ca50f7a8e2f3f657c1108d9d44cfd8'), BigInt('0x3086d221a7d46bcde86c90e49284eb15')],
      ],
    },
  },
)

/**
 * secp256k1 ECDSA over SHA-256 with RFC 6979 nonces and low-S signatures, the same computations as
 * noble's `secp256k1` from '@noble/curves/secp256k1', built from its Weierstrass engine so a
 * browser bundle carries only what casper-types uses.
 *
 * @example
 * ```ts
 * const signature = secp256k1.sign(sha256(hash), secretKey, { prehash: false })
 * secp256k1.verify(signature.toBytes('compact'), sha256(hash), secp256k1.getPublicKey(secretKey), { prehash: false })
 * ```
 */
export const secp256k1 = ecdsa(Point, sha256, { lowS: true })
