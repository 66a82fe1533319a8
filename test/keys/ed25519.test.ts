// The ed25519 assembled from noble's Edwards engine computes exactly what '@noble/curves/ed25519' does.
import { ed25519 as nobleEd25519 } from '@noble/curves/ed25519'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { ed25519 } from '../../src/keys/ed25519.js'

const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length })

describe('ed25519', () => {
  test('RFC 8032 section 7.1, TEST 1: public key and signature of the empty message', () => {
    const secret = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')
    const publicKey = ed25519.getPublicKey(secret)
    expect(bytesToHex(publicKey)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')
    const signature = ed25519.sign(new Uint8Array(0), secret)
    expect(bytesToHex(signature)).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    )
    expect(ed25519.verify(signature, new Uint8Array(0), publicKey)).toBe(true)
  })

  test('keys and signatures equal noble ed25519 for random seeds and 32-byte messages', () => {
    fc.assert(
      fc.property(bytes(32), bytes(32), (seed, message) => {
        const publicKey = ed25519.getPublicKey(seed)
        expect(publicKey).toEqual(nobleEd25519.getPublicKey(seed))
        const signature = ed25519.sign(message, seed)
        expect(signature).toEqual(nobleEd25519.sign(message, seed))
        expect(ed25519.verify(signature, message, publicKey)).toBe(true)
      }),
      { numRuns: 40 },
    )
  })

  test('point decoding agrees with noble for random bytes, strict and ZIP 215', () => {
    const decode = (curve: typeof ed25519 | typeof nobleEd25519, data: Uint8Array, zip215: boolean) => {
      try {
        const point = curve.Point.fromBytes(data, zip215)
        return { bytes: bytesToHex(point.toBytes()), smallOrder: point.isSmallOrder() }
      } catch {
        return 'refused'
      }
    }
    fc.assert(
      fc.property(bytes(32), fc.boolean(), (data, zip215) => {
        expect(decode(ed25519, data, zip215)).toEqual(decode(nobleEd25519, data, zip215))
      }),
      { numRuns: 200 },
    )
  })

  test('the group order and base point are the curve25519 ones', () => {
    expect(ed25519.Point.Fn.ORDER).toBe(nobleEd25519.Point.Fn.ORDER)
    expect(ed25519.Point.BASE.toBytes()).toEqual(nobleEd25519.Point.BASE.toBytes())
  })
})
