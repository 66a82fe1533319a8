// No secret byte in any message: malformed, truncated and mislabelled key files built from random
// secrets are refused without echoing any part of the key, its base64 or its hex.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { bytesToHex } from '../../src/encoding/hex.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { parsePrivateKey } from '../../src/keys/parsePrivateKey.js'
import { secretKeyModeWarning } from '../../src/keys/secretKeyModeWarning.js'

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const pkcs8 = (secret: Uint8Array) =>
  new Uint8Array([
    0x30,
    0x2e,
    0x02,
    0x01,
    0x00,
    0x30,
    0x05,
    0x06,
    0x03,
    0x2b,
    0x65,
    0x70,
    0x04,
    0x22,
    0x04,
    0x20,
    ...secret,
  ])

/** Every 6-character window of the secret's renderings: none may appear in what an error shows. */
function windows(secret: Uint8Array, body: string): string[] {
  const texts = [bytesToHex(secret), bytesToHex(secret).toUpperCase(), base64(secret), body]
  return texts.flatMap((t) => Array.from({ length: Math.max(0, t.length - 5) }, (_, i) => t.slice(i, i + 6)))
}

/** Ways a key file goes wrong, each keeping the secret inside it. */
const damage: ((secret: Uint8Array) => string)[] = [
  // One line, no END (the reported case: the first 64 characters used to be echoed).
  (s) => `-----BEGIN PRIVATE KEY-----${base64(pkcs8(s))}`,
  (s) => base64(pkcs8(s)),
  (s) => `${base64(pkcs8(s))}\n-----END PRIVATE KEY-----`,
  (s) => `-----BEGIN PRIVATE KEY-----\n${base64(pkcs8(s))}\n-----END PUBLIC KEY-----`,
  (s) => `-----BEGIN PRIVATE KEY-----\n${base64(pkcs8(s)).slice(1)}\n-----END PRIVATE KEY-----`,
  (s) => `-----BEGIN PRIVATE KEY-----\n${base64(pkcs8(s))}!\n-----END PRIVATE KEY-----`,
  // DER broken inside the secret: the tag and length bytes there are key bytes.
  (s) =>
    `-----BEGIN PRIVATE KEY-----\n${base64(new Uint8Array([...pkcs8(s).slice(0, 14), s[0]!, s[1]!, ...s]))}\n-----END PRIVATE KEY-----`,
  (s) =>
    `-----BEGIN PRIVATE KEY-----\n${base64(new Uint8Array([0x30, 0x22, ...s.slice(0, 2), ...s]))}\n-----END PRIVATE KEY-----`,
  (s) =>
    `-----BEGIN EC PRIVATE KEY-----\n${base64(new Uint8Array([0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20, ...s]))}\n-----END EC PRIVATE KEY-----`,
  (s) => `-----BEGIN PRIVATE KEY-----\n${base64(pkcs8(s)).replace(/.{16}$/, '')}\n-----END PRIVATE KEY-----`,
  (s) => bytesToHex(s).slice(0, 63),
  (s) => `0x${bytesToHex(s)}zz`,
]

describe('secret key material never appears in an error', () => {
  test.each(damage.map((d, i) => [i, d] as const))('damage %i', (_, make) => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (secret) => {
        const text = make(secret)
        let error: unknown
        try {
          parsePrivateKey(text, { algorithm: 'ed25519' })
        } catch (e) {
          error = e
        }
        if (error === undefined) return // some damage still reads (e.g. the secp curve is optional)
        expect(error).toBeInstanceOf(BaseError)
        const shown = `${(error as BaseError).message}\n${JSON.stringify((error as BaseError).details)}`
        const body = text.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, '')
        for (const w of windows(secret, body))
          if (shown.includes(w)) expect.fail(`${w} is shown in: ${shown}`)
      }),
      { numRuns: 60 },
    )
  })
})

test('a key octet string without its inner wrapper: no byte of the secret is named as a DER tag or length', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (secret) => {
      // PKCS#8 whose privateKey OCTET STRING holds the raw secret: the inner DER read starts on it.
      const der = new Uint8Array([
        0x30,
        0x2c,
        0x02,
        0x01,
        0x00,
        0x30,
        0x05,
        0x06,
        0x03,
        0x2b,
        0x65,
        0x70,
        0x04,
        0x20,
        ...secret,
      ])
      const pem = `-----BEGIN PRIVATE KEY-----\n${base64(der)}\n-----END PRIVATE KEY-----`
      try {
        parsePrivateKey(pem)
      } catch (error) {
        const shown = `${(error as BaseError).message}\n${JSON.stringify((error as BaseError).details)}`
        for (const byte of secret.slice(0, 3))
          expect(shown).not.toContain(`0x${byte.toString(16).padStart(2, '0')}`)
        return
      }
      expect.fail('accepted')
    }),
    { numRuns: 100 },
  )
})

describe('secretKeyModeWarning', () => {
  test('names the mode and the fix when the group or others can read or write', () => {
    expect(secretKeyModeWarning('secret_key.pem', 0o100644)).toMatchInlineSnapshot(
      `"secret_key.pem is readable by others (mode 0644): anyone with an account on this machine can sign as you. Run: chmod 600 secret_key.pem"`,
    )
    expect(secretKeyModeWarning('my keys/k.pem', 0o100640)).toMatchInlineSnapshot(
      `"my keys/k.pem is readable by its group (mode 0640): anyone with an account on this machine can sign as you. Run: chmod 600 'my keys/k.pem'"`,
    )
    expect(secretKeyModeWarning('k.pem', 0o100620)).toMatch(/writable by its group \(mode 0620\)/)
    for (const mode of [0o100600, 0o100400, 0o100700])
      expect(secretKeyModeWarning('k.pem', mode)).toBeUndefined()
  })
})
