// Whatever a wallet answers or throws, the cosign entry refuses it with a CosignError
// (`SigningFailed`), the wallet's own message made safe; the main entry's walletSigner with a
// SignerError. Never a raw InvalidHex, a passed-through string, or a TypeError.
import { describe, expect, test } from 'vitest'
import { walletSigner } from '../../src/approvals/walletSigner.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import type { CasperWalletProvider } from '../../src/cosign/signFile.js'
import { signFile, signWithCasperWallet } from '../../src/cosign/signFile.js'
import { withApprovals } from '../../src/cosign/stringifyCosignFile.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { CosignError } from '../../src/errors/CosignError.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { SignerError } from '../../src/keys/SignerError.js'
import { hasUnsafeText } from '../../src/text/safeText.js'
import { vector } from '../vectors.js'

const file = withApprovals(
  parseCosignFile(JSON.stringify(vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json'))),
  [],
)
const key = localSigner('0f'.repeat(32), { algorithm: 'ed25519' })
const hostile = 'evil\u001b[2J\u202eeliv\nsecond line'
const proxy = new Proxy(
  {},
  {
    get() {
      throw new Error('get trap')
    },
    getPrototypeOf() {
      throw new Error('getPrototypeOf trap')
    },
  },
)

/** Wallet answers (resolved values) that are not a usable signature. */
const answers: [string, unknown][] = [
  ['non-hex signatureHex', { cancelled: false, signatureHex: 'zz'.repeat(64) }],
  ['odd-length signatureHex', { cancelled: false, signatureHex: 'a'.repeat(127) }],
  ['base64 signatureHex', { cancelled: false, signatureHex: btoa('x'.repeat(64)) }],
  ['a short signature', { cancelled: false, signature: new Uint8Array(10) }],
  ['a tagged 65-byte signature', { cancelled: false, signature: new Uint8Array(65) }],
  ['64 bytes that do not verify', { cancelled: false, signature: new Uint8Array(64) }],
  ['no signature at all', { cancelled: false }],
  ['cancelled, with control and bidi characters', { cancelled: true, message: hostile }],
  ['cancelled, with a message that is not text', { cancelled: true, message: { nested: hostile } }],
  ['null', null],
  ['a string', hostile],
  ['a number', 7],
  ['an array', []],
  ['a Proxy that throws on every read', proxy],
]

/** Things a wallet throws or rejects with. */
const thrown: [string, unknown][] = [
  ['an Error with control characters', new Error(hostile)],
  ['a string', hostile],
  ['an object with a message', { message: hostile, code: 4001 }],
  ['an object without one', { code: 4001 }],
  ['undefined', undefined],
  ['null', null],
  ['a symbol', Symbol('s')],
  ['a Proxy', proxy],
  ['a long message', 'x'.repeat(10_000)],
]

/** A CosignError SigningFailed whose rendering is inert and carries no raw wallet text. */
function expectSigningFailed(error: unknown): void {
  expect(error).toBeInstanceOf(CosignError)
  expect((error as CosignError).code).toBe('SigningFailed')
  const e = error as CosignError
  for (const line of e.message.split('\n')) expect(hasUnsafeText(line)).toBe(false)
  for (const value of Object.values(e.details))
    if (typeof value === 'string') expect(hasUnsafeText(value)).toBe(false)
  expect(e.message.length).toBeLessThan(1000)
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  )
}

describe('signWithCasperWallet', () => {
  test.each(answers)('answers %s', async (_, answer) => {
    const provider = { sign: async () => answer } as unknown as CasperWalletProvider
    expectSigningFailed(await rejection(signWithCasperWallet(file, provider, key.publicKey)))
  })
  test.each(thrown)('throws %s', async (_, value) => {
    const throwing = {
      sign: () => {
        throw value
      },
    } as unknown as CasperWalletProvider
    const rejecting = { sign: () => Promise.reject(value) } as unknown as CasperWalletProvider
    for (const provider of [throwing, rejecting]) {
      const error = await rejection(signWithCasperWallet(file, provider, key.publicKey))
      expectSigningFailed(error)
      expect((error as CosignError).cause).toBe(value)
    }
  })
  test('the wallet message is kept, made safe', async () => {
    const provider = { sign: async () => ({ cancelled: true, message: hostile }) } as CasperWalletProvider
    const error = (await rejection(signWithCasperWallet(file, provider, key.publicKey))) as CosignError
    expect(error.details.message).toBe('evil\\u{1b}[2J\\u{202e}eliv\\u{a}second line')
  })
  test('a missing provider is a wallet failure too', async () => {
    expectSigningFailed(await rejection(signWithCasperWallet(file, undefined as never, key.publicKey)))
  })
})

describe('signFile through walletSigner (the page and the cosign entry)', () => {
  const signerAnswering = (sign: () => Promise<Uint8Array | string>) =>
    walletSigner({ publicKey: key.publicKey, sign })
  test.each(thrown)('the wallet throws %s', async (_, value) => {
    const signer = signerAnswering(() => Promise.reject(value))
    expectSigningFailed(await rejection(signFile(file, signer)))
  })
  test.each([
    ['non-hex text', hostile],
    ['base64', btoa('x'.repeat(64))],
    ['a wrong length', 'ab'.repeat(10)],
    ['64 bytes that do not verify', bytesToHex(new Uint8Array(64))],
    ['not bytes or text', 12 as unknown as string],
  ])('the wallet answers %s', async (_, answer) => {
    expectSigningFailed(
      await rejection(
        signFile(
          file,
          signerAnswering(async () => answer),
        ),
      ),
    )
  })
  test('a Signer that answers something other than bytes', async () => {
    const odd = { publicKey: key.publicKey, sign: async () => 'not bytes' as unknown as Uint8Array }
    expectSigningFailed(await rejection(signFile(file, odd)))
  })
})

describe('walletSigner (main entry): SignerError WalletFailed, message made safe', () => {
  test.each(thrown)('the wallet throws %s', async (_, value) => {
    const signer = walletSigner({ publicKey: key.publicKey, sign: () => Promise.reject(value) })
    const error = await rejection(signer.sign(new Uint8Array(32)))
    expect(error).toBeInstanceOf(SignerError)
    expect((error as SignerError).code).toBe('WalletFailed')
    expect(hasUnsafeText(String((error as SignerError).details.message))).toBe(false)
    expect((error as SignerError).cause).toBe(value)
  })
  test('a non-hex answer is shown escaped', async () => {
    const signer = walletSigner({ publicKey: key.publicKey, sign: async () => hostile })
    const error = (await rejection(signer.sign(new Uint8Array(32)))) as SignerError
    expect(error.code).toBe('InvalidSignatureEncoding')
    expect(hasUnsafeText(String(error.details.got))).toBe(false)
  })
})
