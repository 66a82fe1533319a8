// No byte of a secret in any error: random secrets of 1 to 200 bytes, given as a raw key file, as the
// DER inside a PEM block, or inside a PKCS#8 / SEC1 structure, are refused (or read) without any
// error showing a window of their bytes in hex or a number read from them (a DER length of 2 to 4
// bytes is the secret's bytes read as a number: "expected: 3237998146 value bytes" was c0ffee42).
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { hexToBytes } from '../../src/encoding/hex.js'
import { BaseError } from '../../src/errors/BaseError.js'
import type { KeyAlgorithm } from '../../src/keys/KeyAlgorithm.js'
import { type PrivateKeyInput, parsePrivateKey } from '../../src/keys/parsePrivateKey.js'
import { leaks, shownOf } from './secretWindows.js'

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31)

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const pem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${base64(der).replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`
/** A DER header of a given length (short or long form) for `size` value bytes. */
const header = (tag: number, size: number) =>
  size < 0x80 ? [tag, size] : size < 0x100 ? [tag, 0x81, size] : [tag, 0x82, size >> 8, size & 0xff]

/** Key files built around a secret: the secret's bytes are where the file's key bytes would be. */
const files: Record<string, (secret: Uint8Array) => PrivateKeyInput> = {
  'raw bytes': (s) => s,
  'PEM PRIVATE KEY holding the bytes as DER': (s) => pem('PRIVATE KEY', s),
  'PEM EC PRIVATE KEY holding the bytes as DER': (s) => pem('EC PRIVATE KEY', s),
  'PKCS#8 Ed25519 with the bytes as its privateKey octets': (s) => {
    // version 0, AlgorithmIdentifier { Ed25519 }, then the privateKey OCTET STRING.
    const inner = [...hexToBytes('020100300506032b6570'), ...header(0x04, s.length), ...s]
    return new Uint8Array([...header(0x30, inner.length), ...inner])
  },
  'SEC1 with the bytes as its scalar': (s) => {
    // version 1, the scalar OCTET STRING, then [0] { secp256k1 }.
    const inner = [
      ...hexToBytes('020101'),
      ...header(0x04, s.length),
      ...s,
      ...hexToBytes('a00706052b8104000a'),
    ]
    return new Uint8Array([...header(0x30, inner.length), ...inner])
  },
  'a SEQUENCE holding the bytes': (s) => new Uint8Array([...header(0x30, s.length), ...s]),
}

describe(`no byte of a secret in an error (seed ${seed}; FC_SEED=${seed} replays)`, () => {
  test.each(Object.keys(files))('%s', (name) => {
    const make = files[name]!
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.constantFrom<KeyAlgorithm | undefined>(undefined, 'ed25519', 'secp256k1'),
        (secret, algorithm) => {
          let error: unknown
          try {
            parsePrivateKey(make(secret), { algorithm })
          } catch (e) {
            error = e
          }
          if (error === undefined) return // a well-formed key: nothing is shown
          expect(error).toBeInstanceOf(BaseError)
          const found = leaks(secret, shownOf(error))
          if (found.length > 0) expect.fail(`${found.join(', ')} shown in:\n${shownOf(error)}`)
        },
      ),
      { numRuns: 1000, seed },
    )
  })
})

test('the reported case: a 4-byte DER length read from a raw secret is not echoed', () => {
  // 0x30 0x84 then c0ffee42: readDer took c0ffee42 = 3237998146 as the SEQUENCE's length.
  const secret = new Uint8Array([0x30, 0x84, 0xc0, 0xff, 0xee, 0x42, ...new Uint8Array(27).fill(7)])
  let error: unknown
  try {
    parsePrivateKey(secret, { algorithm: 'ed25519' })
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(BaseError)
  const shown = shownOf(error)
  expect(shown).not.toContain('3237998146')
  expect(leaks(secret, shown)).toEqual([])
  // Still useful: it says which shapes a secret key file may have.
  expect((error as BaseError).details.expected).toMatch(/PEM.*DER.*PKCS#8.*SEC1.*32 raw bytes.*64 hex digits/)
})
