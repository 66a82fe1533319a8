import { describe, expect, test } from 'vitest'
import { accountHashFromPublicKey, accountHashOf } from '../../src/account/accountHash.js'
import { vector } from '../vectors.js'

const meta = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.meta.json')
const deploy = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')

describe('accountHashFromPublicKey', () => {
  test('matches the vector for the header account (ed25519)', () => {
    expect(accountHashFromPublicKey(deploy.header.account)).toBe(meta.header_account_hash)
  })
  test('hashes a secp256k1 signer with its algorithm name', () => {
    const signers = deploy.approvals.map((a: { signer: string }) => accountHashFromPublicKey(a.signer))
    expect(signers).toContain(meta.associated_account_hash)
  })
  test('refuses a key of the wrong length', () => {
    expect(() => accountHashFromPublicKey('01abcd')).toThrowErrorMatchingInlineSnapshot(`
      [AccountError: Invalid public key
        expected: 01 + 32 bytes (ed25519) or 02 + 33 bytes (secp256k1)
        got: 3 bytes starting 01
      Remedy: Pass the tagged public key hex as casper-client prints it (public_key_hex).]
    `)
  })
})

describe('accountHashOf', () => {
  test('accepts every text form and gives the same hash', () => {
    const hash = meta.header_account_hash
    expect(accountHashOf(`account-hash-${hash}`)).toBe(hash)
    expect(accountHashOf(hash.toUpperCase())).toBe(hash)
    expect(accountHashOf(deploy.header.account)).toBe(hash)
  })
  test('refuses anything else', () => {
    expect(() => accountHashOf('account-hash-12')).toThrowErrorMatchingInlineSnapshot(`
      [AccountError: Not an account identifier
        expected: account-hash-<64 hex>, 64 hex digits, or a public key (01 + 64 hex, 02 + 66 hex)
        got: account-hash-12]
    `)
  })
})
