import { describe, expect, test } from 'vitest'
import { hexToBytes } from '../../src/encoding/hex.js'
import { oidToString, readDer } from '../../src/keys/readDer.js'

describe('readDer', () => {
  test('decodes the OIDs casper-types checks', () => {
    // byte values of casper-types ED25519_OBJECT_IDENTIFIER, EC_PUBLIC_KEY_..., SECP256K1_...
    expect(oidToString(new Uint8Array([43, 101, 112]))).toBe('1.3.101.112')
    expect(oidToString(new Uint8Array([42, 134, 72, 206, 61, 2, 1]))).toBe('1.2.840.10045.2.1')
    expect(oidToString(new Uint8Array([43, 129, 4, 0, 10]))).toBe('1.3.132.0.10')
  })
  test('reads long-form lengths', () => {
    const der = hexToBytes(`0481c8${'ab'.repeat(200)}0500`)
    const [octets, nul] = readDer(der)
    expect(octets?.value).toHaveLength(200)
    expect(nul).toEqual({ tag: 5, value: new Uint8Array() })
  })
  test('refuses indefinite lengths (BER, not DER)', () => {
    expect(() => readDer(hexToBytes('30800000'))).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Invalid DER in key data
        expected: a definite length of 1 to 4 bytes
        got: an indefinite or longer length
      Remedy: Pass the key file unchanged, as casper-client keygen or openssl wrote it.]
    `)
  })
  test('refuses a length past the end', () => {
    expect(() => readDer(hexToBytes('3005020100'))).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Invalid DER in key data
        expected: as many value bytes as its length says
        got: a length past the end of the data
      Remedy: Pass the key file unchanged, as casper-client keygen or openssl wrote it.]
    `)
  })
})
