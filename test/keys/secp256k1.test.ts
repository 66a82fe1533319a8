// The secp256k1 assembled from noble's Weierstrass engine computes exactly what '@noble/curves/secp256k1' does.
import { secp256k1 as nobleSecp256k1 } from '@noble/curves/secp256k1'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { secp256k1 } from '../../src/keys/secp256k1.js'

const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length })
const n = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141')
const scalar = (value: bigint) => hexToBytes(value.toString(16).padStart(64, '0'))

describe('secp256k1', () => {
  test('SEC 2 generator: the public key of secret key 1 is G', () => {
    expect(bytesToHex(secp256k1.getPublicKey(scalar(1n), true))).toBe(
      '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798',
    )
  })

  test('secret keys 0 and n are refused, 1 and n - 1 accepted, as noble does', () => {
    for (const value of [0n, 1n, n - 1n, n, n + 1n]) {
      expect(secp256k1.utils.isValidSecretKey(scalar(value))).toBe(
        nobleSecp256k1.utils.isValidSecretKey(scalar(value)),
      )
    }
    expect([0n, 1n, n - 1n, n].map((v) => secp256k1.utils.isValidSecretKey(scalar(v)))).toEqual([
      false,
      true,
      true,
      false,
    ])
  })

  test('keys and low-S RFC 6979 signatures equal noble secp256k1 for random keys and digests', () => {
    fc.assert(
      fc.property(bytes(32), bytes(32), (secret, digest) => {
        fc.pre(nobleSecp256k1.utils.isValidSecretKey(secret))
        const publicKey = secp256k1.getPublicKey(secret, true)
        expect(publicKey).toEqual(nobleSecp256k1.getPublicKey(secret, true))
        const signature = secp256k1.sign(digest, secret, { prehash: false }).toBytes('compact')
        expect(signature).toEqual(nobleSecp256k1.sign(digest, secret, { prehash: false }).toBytes('compact'))
        const options = { prehash: false, lowS: true, format: 'compact' } as const
        expect(secp256k1.verify(signature, digest, publicKey, options)).toBe(true)
        const tampered = Uint8Array.from(signature)
        tampered[63]! ^= 1
        expect(secp256k1.verify(tampered, digest, publicKey, options)).toBe(
          nobleSecp256k1.verify(tampered, digest, publicKey, options),
        )
      }),
      { numRuns: 30 },
    )
  })

  test('point decoding agrees with noble for random compressed encodings', () => {
    const decode = (curve: typeof secp256k1 | typeof nobleSecp256k1, data: Uint8Array) => {
      try {
        return bytesToHex(curve.Point.fromBytes(data).toBytes(true))
      } catch {
        return 'refused'
      }
    }
    fc.assert(
      fc.property(fc.constantFrom(2, 3, 4), bytes(32), (prefix, x) => {
        const data = Uint8Array.of(prefix, ...x)
        expect(decode(secp256k1, data)).toBe(decode(nobleSecp256k1, data))
      }),
      { numRuns: 200 },
    )
  })
})
