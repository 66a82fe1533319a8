import { generateKeyPairSync } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519'
import { secp256k1 } from '@noble/curves/secp256k1'
import { describe, expect, test } from 'vitest'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { KeyError } from '../../src/keys/KeyError.js'
import { parsePrivateKey } from '../../src/keys/parsePrivateKey.js'
import { vector } from '../vectors.js'
import { casperEd25519SecretPem, casperSecp256k1SecretPem, toPem } from './pems.js'

const meta = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.meta.json')
const deploy = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
const [edApproval, secpApproval] = deploy.approvals as { signer: string }[]

/** Raw secret key and public key (32 bytes / 33 compressed) of a node:crypto key pair, via JWK. */
function nodeKeyPair(kind: 'ed25519' | 'secp256k1') {
  const pair =
    kind === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
  const jwk = pair.privateKey.export({ format: 'jwk' })
  const secretKey = new Uint8Array(Buffer.from(jwk.d!, 'base64url'))
  return { ...pair, secretKey }
}

describe('parsePrivateKey: casper-client secret_key.pem', () => {
  test('ed25519 (PKCS#8, CRLF) gives the vector header account and its account hash', () => {
    const key = parsePrivateKey(casperEd25519SecretPem)
    expect(key.algorithm).toBe('ed25519')
    expect(key.publicKeyHex).toBe(deploy.header.account)
    expect(key.publicKeyHex).toBe(edApproval!.signer)
    expect(key.accountHash).toBe(meta.header_account_hash)
    expect(bytesToHex(key.secretKey)).toBe(meta.ed25519_secret_key_hex)
    expect(key.publicKey).toHaveLength(32)
  })
  test('secp256k1 (SEC1 with the curve OID only) gives the vector co-signer', () => {
    const key = parsePrivateKey(casperSecp256k1SecretPem)
    expect(key.algorithm).toBe('secp256k1')
    expect(key.publicKeyHex).toBe(secpApproval!.signer)
    expect(key.accountHash).toBe(accountHashFromPublicKey(secpApproval!.signer))
    expect(bytesToHex(key.secretKey)).toBe(meta.secp256k1_secret_key_hex)
    expect(key.publicKey).toHaveLength(33)
  })
})

describe('parsePrivateKey: OpenSSL / node:crypto PEMs', () => {
  test.each([0, 1, 2, 3, 4])('ed25519 PKCS#8, key %i, matches @noble/curves', () => {
    const { privateKey, publicKey, secretKey } = nodeKeyPair('ed25519')
    const key = parsePrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)
    const expected = ed25519.getPublicKey(secretKey)
    expect(key.secretKey).toEqual(secretKey)
    expect(key.publicKey).toEqual(expected)
    expect(key.publicKeyHex).toBe(`01${bytesToHex(expected)}`)
    expect(key.accountHash).toBe(accountHashFromPublicKey(`01${bytesToHex(expected)}`))
    // node's own public key export ends with the same 32 bytes
    expect(bytesToHex(publicKey.export({ type: 'spki', format: 'der' })).endsWith(bytesToHex(expected))).toBe(
      true,
    )
  })
  test.each(['sec1', 'pkcs8'] as const)('secp256k1 %s, several keys, matches @noble/curves', (type) => {
    for (let i = 0; i < 5; i++) {
      const { privateKey, secretKey } = nodeKeyPair('secp256k1')
      const key = parsePrivateKey(privateKey.export({ type, format: 'pem' }) as string)
      const expected = secp256k1.getPublicKey(secretKey, true)
      expect(key.algorithm).toBe('secp256k1')
      expect(key.secretKey).toEqual(secretKey)
      expect(key.publicKeyHex).toBe(`02${bytesToHex(expected)}`)
      expect(key.accountHash).toBe(accountHashFromPublicKey(`02${bytesToHex(expected)}`))
    }
  })
  test('DER bytes work as well as PEM', () => {
    const { privateKey, secretKey } = nodeKeyPair('secp256k1')
    const der = new Uint8Array(privateKey.export({ type: 'sec1', format: 'der' }))
    expect(parsePrivateKey(der).secretKey).toEqual(secretKey)
    const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }))
    expect(parsePrivateKey(pkcs8).secretKey).toEqual(secretKey)
  })
  test('`openssl ecparam -genkey` output: an EC PARAMETERS block before the key', () => {
    const pem = `-----BEGIN EC PARAMETERS-----\nBgUrgQQACg==\n-----END EC PARAMETERS-----\n${casperSecp256k1SecretPem}`
    expect(parsePrivateKey(pem).publicKeyHex).toBe(secpApproval!.signer)
  })
  test('PKCS#8 v2 (OneAsymmetricKey) with the ed25519 public key', () => {
    const der = hexToBytes(
      `3051020101300506032b657004220420${meta.ed25519_secret_key_hex}812100${deploy.header.account.slice(2)}`,
    )
    expect(parsePrivateKey(toPem('PRIVATE KEY', der)).publicKeyHex).toBe(deploy.header.account)
  })
  test('a SEC1 key without curve parameters needs { algorithm }', () => {
    const der = hexToBytes(`30250201010420${meta.secp256k1_secret_key_hex}`)
    expect(parsePrivateKey(der, { algorithm: 'secp256k1' }).publicKeyHex).toBe(secpApproval!.signer)
    expect(() => parsePrivateKey(toPem('EC PRIVATE KEY', der))).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Unknown curve
        expected: curve parameters 1.3.132.0.10 (secp256k1)
        got: no curve parameters
      Remedy: If this is a secp256k1 key, pass { algorithm: 'secp256k1' }.]
    `)
  })
})

describe('parsePrivateKey: hex and raw bytes', () => {
  test('hex with an explicit algorithm', () => {
    expect(parsePrivateKey(meta.ed25519_secret_key_hex, { algorithm: 'ed25519' }).publicKeyHex).toBe(
      deploy.header.account,
    )
    expect(
      parsePrivateKey(`0x${meta.secp256k1_secret_key_hex}`, { algorithm: 'secp256k1' }).publicKeyHex,
    ).toBe(secpApproval!.signer)
    expect(parsePrivateKey(new Uint8Array(32).fill(0x0f), { algorithm: 'ed25519' }).publicKeyHex).toBe(
      deploy.header.account,
    )
  })
  test('hex without an algorithm is refused', () => {
    expect(() => parsePrivateKey(meta.ed25519_secret_key_hex)).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Which algorithm is this key for?
        expected: { algorithm: 'ed25519' } or { algorithm: 'secp256k1' }
        got: 64 hex digits and no algorithm
      Remedy: Raw secret keys do not say their algorithm; pass it, or use the PEM file.]
    `)
  })
  test('text that is neither PEM nor 32-byte hex is refused without echoing it', () => {
    expect(() => parsePrivateKey('abcd', { algorithm: 'ed25519' })).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Not a secret key
        expected: PEM (PRIVATE KEY or EC PRIVATE KEY), DER PKCS#8 or SEC1, 32 raw bytes with an algorithm, or 64 hex digits with an algorithm
        got: 4 hex digits]
    `)
  })
  test('a secp256k1 scalar of zero is refused', () => {
    expect(() =>
      parsePrivateKey('00'.repeat(32), { algorithm: 'secp256k1' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Invalid secp256k1 secret key
        expected: a scalar in 1..n-1 (secp256k1 group order n)
        got: zero or a value >= n]
    `)
  })
  test('the PEM algorithm must be the one asked for', () => {
    expect(() =>
      parsePrivateKey(casperEd25519SecretPem, { algorithm: 'secp256k1' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Key algorithm mismatch
        expected: secp256k1
        got: ed25519]
    `)
  })
})

describe('parsePrivateKey: refusals', () => {
  test('a P-256 key (PKCS#8) names the curve it got', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    expect(() => parsePrivateKey(pem)).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Unsupported key curve
        expected: 1.3.132.0.10 (secp256k1)
        got: 1.2.840.10045.3.1.7 (P-256 / prime256v1)
      Remedy: Casper accounts use ed25519 or secp256k1 keys only; create one with \`casper-client keygen\`.]
    `)
  })
  test('a P-256 key (SEC1) too', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const pem = privateKey.export({ type: 'sec1', format: 'pem' }) as string
    expect(() => parsePrivateKey(pem)).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Unsupported key curve
        expected: 1.3.132.0.10 (secp256k1)
        got: 1.2.840.10045.3.1.7 (P-256 / prime256v1)
      Remedy: Casper accounts use ed25519 or secp256k1 keys only; create one with \`casper-client keygen\`.]
    `)
  })
  test('an Ed448 key', () => {
    const { privateKey } = generateKeyPairSync('ed448')
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    expect(() => parsePrivateKey(pem)).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Unsupported key algorithm
        expected: 1.3.101.112 (Ed25519) or 1.2.840.10045.2.1 (id-ecPublicKey)
        got: 1.3.101.113 (Ed448)
      Remedy: Casper accounts use ed25519 or secp256k1 keys only; create one with \`casper-client keygen\`.]
    `)
  })
  test('an encrypted PKCS#8 key', () => {
    const { privateKey } = generateKeyPairSync('ed25519')
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' })
    expect(() => parsePrivateKey(pem as string)).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Encrypted PEM key
        expected: PRIVATE KEY or EC PRIVATE KEY
        got: ENCRYPTED PRIVATE KEY
      Remedy: Decrypt it first, e.g. \`openssl pkcs8 -in key.pem -out plain.pem\`.]
    `)
  })
  test('a public key PEM', () => {
    const { publicKey } = generateKeyPairSync('ed25519')
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string
    expect(() => parsePrivateKey(pem)).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Not a secret key PEM
        expected: PRIVATE KEY (PKCS#8) or EC PRIVATE KEY (SEC1)
        got: PUBLIC KEY
      Remedy: This is a public key: use parsePublicKey, or pass secret_key.pem to sign.]
    `)
  })
  test('broken base64 is reported by position, not echoed', () => {
    const pem = casperEd25519SecretPem.replace('MC4C', 'MC!C')
    expect(() => parsePrivateKey(pem)).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Invalid PEM
        expected: base64 inside the PRIVATE KEY block
        got: the character "!" at base64 offset 2]
    `)
  })
  test('truncated DER', () => {
    const der = hexToBytes(`302e020100300506032b657004220420${meta.ed25519_secret_key_hex}`).subarray(0, 40)
    expect(() => parsePrivateKey(toPem('PRIVATE KEY', der))).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Invalid DER in PKCS#8 PrivateKeyInfo
        expected: as many value bytes as its length says
        got: a length past the end of the data
      Remedy: Pass the key file unchanged, as casper-client keygen or openssl wrote it.]
    `)
  })
  test('a SEC1 file whose stored public key is another key', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
    const der = new Uint8Array(privateKey.export({ type: 'sec1', format: 'der' }))
    // Replace the stored public key (the last 65 bytes) with the vector co-signer's uncompressed key.
    const other = secp256k1.getPublicKey(hexToBytes(meta.secp256k1_secret_key_hex), false)
    der.set(other, der.length - 65)
    const error = (() => {
      try {
        parsePrivateKey(der)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(KeyError)
    expect((error as KeyError).code).toBe('PublicKeyMismatch')
    // The key the secret derives is shown; the stored bytes are not (in a damaged file they may be secret).
    expect((error as KeyError).details.expected).toMatch(/^02[0-9a-f]{66}$/)
    expect((error as KeyError).details.got).toBe('another public key (stored in the file)')
    expect(JSON.stringify(error)).not.toContain(secpApproval!.signer.slice(2))
  })
})
