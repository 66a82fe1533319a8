import { generateKeyPairSync } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519'
import { secp256k1 } from '@noble/curves/secp256k1'
import { describe, expect, test } from 'vitest'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { parsePrivateKey } from '../../src/keys/parsePrivateKey.js'
import { parsePublicKey } from '../../src/keys/parsePublicKey.js'
import { vector } from '../vectors.js'
import { casperEd25519PublicPem, casperSecp256k1PublicPem, casperSecp256k1SecretPem } from './pems.js'

const meta = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.meta.json')
const deploy = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
const secpSigner: string = deploy.approvals[1].signer

describe('parsePublicKey', () => {
  test('casper-client public_key.pem files give the vector keys', () => {
    const ed = parsePublicKey(casperEd25519PublicPem)
    expect(ed.publicKeyHex).toBe(deploy.header.account)
    expect(ed.accountHash).toBe(meta.header_account_hash)
    const secp = parsePublicKey(casperSecp256k1PublicPem)
    expect(secp.publicKeyHex).toBe(secpSigner)
    expect(secp.accountHash).toBe(accountHashFromPublicKey(secpSigner))
  })

  test('a standard secp256k1 SPKI (uncompressed point) is returned compressed', () => {
    for (let i = 0; i < 5; i++) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
      const spki = publicKey.export({ type: 'spki', format: 'pem' }) as string
      const der = publicKey.export({ type: 'spki', format: 'der' })
      expect(der[der.length - 65]).toBe(0x04) // node writes the uncompressed point
      const secret = new Uint8Array(Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url'))
      const expected = `02${bytesToHex(secp256k1.getPublicKey(secret, true))}`
      const key = parsePublicKey(spki)
      expect(key.publicKey).toHaveLength(33)
      expect(key.publicKeyHex).toBe(expected)
      expect(key.accountHash).toBe(accountHashFromPublicKey(expected))
      expect(key).toEqual(
        (({ secretKey: _, ...rest }) => rest)(
          parsePrivateKey(privateKey.export({ type: 'sec1', format: 'pem' }) as string),
        ),
      )
    }
  })

  test('ed25519 SPKI from node:crypto', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const secret = new Uint8Array(Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url'))
    const key = parsePublicKey(publicKey.export({ type: 'spki', format: 'pem' }) as string)
    expect(key.publicKeyHex).toBe(`01${bytesToHex(ed25519.getPublicKey(secret))}`)
    expect(parsePublicKey(new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })))).toEqual(key)
  })

  test('tagged hex and bytes; an uncompressed tagged key is normalised', () => {
    expect(parsePublicKey(deploy.header.account).accountHash).toBe(meta.header_account_hash)
    expect(parsePublicKey(hexToBytes(secpSigner)).publicKeyHex).toBe(secpSigner)
    const uncompressed = bytesToHex(secp256k1.getPublicKey(hexToBytes(meta.secp256k1_secret_key_hex), false))
    expect(parsePublicKey(`02${uncompressed}`).publicKeyHex).toBe(secpSigner)
  })

  test('refuses a P-256 public key', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    expect(() =>
      parsePublicKey(publicKey.export({ type: 'spki', format: 'pem' }) as string),
    ).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Unsupported key curve
        expected: 1.3.132.0.10 (secp256k1)
        got: 1.2.840.10045.3.1.7 (P-256 / prime256v1)
      Remedy: Casper accounts use ed25519 or secp256k1 keys only.]
    `)
  })
  test('refuses a secret key PEM, pointing to parsePrivateKey', () => {
    expect(() => parsePublicKey(casperSecp256k1SecretPem)).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Not a public key PEM
        expected: PUBLIC KEY (SubjectPublicKeyInfo)
        got: EC PRIVATE KEY
      Remedy: This is a secret key: use parsePrivateKey(…).publicKeyHex, and keep the file private.]
    `)
  })
  test('refuses bytes that are not a curve point', () => {
    expect(() => parsePublicKey(`02${'00'.repeat(33)}`)).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Invalid secp256k1 public key
        expected: 33 or 65 bytes encoding a curve point
        got: 33 bytes 000000000000000000000000000000000000000000000000000000000000000000]
    `)
  })
  test('refuses a tag other than 01 or 02', () => {
    expect(() => parsePublicKey(`03${'00'.repeat(33)}`)).toThrowErrorMatchingInlineSnapshot(`
      [KeyError: Not a public key
        expected: PUBLIC KEY PEM, or tagged hex (01 + 64 hex digits, 02 + 66 hex digits)
        got: 03000000000000000000000000000000000000000000000000000000000000000000]
    `)
  })
})
