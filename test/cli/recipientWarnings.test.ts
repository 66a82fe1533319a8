// A transfer's recipient and a delegation's validators the co-signer's address book does not name
// are warned of, in the text and in `--json`, with or without an address book.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import { localSigner } from '../../src/keys/localSigner.js'

const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
const bob = localSigner('b2'.repeat(32), { algorithm: 'ed25519' })
const validator = localSigner('d4'.repeat(32), { algorithm: 'ed25519' })
const purse = `uref-${'77'.repeat(32)}-007`

let dir: string
let config: string

async function run(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const { code } = await main(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { CASPER_MULTISIG_CONFIG_DIR: config },
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

async function write(name: string, args: string[]) {
  const file = join(dir, name)
  const made = await run([...args, '--account', alice.publicKey, '-o', file])
  expect(made.err).toBe('')
  expect(made.code).toBe(0)
  return file
}

const notInBook = (role: string, accountHash: string, publicKey: string) =>
  `Warning: The ${role} account-hash-${accountHash} (public key ${publicKey}) is not in your address book: check it with its owner over a channel you trust.`

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-recipient-'))
  config = join(dir, 'config')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a recipient the address book does not name', () => {
  test('a transfer to an unnamed key is warned of, with no address book and with one naming others', async () => {
    const file = await write('transfer.json', [
      'transfer',
      '--target',
      bob.publicKey,
      '--transfer-amount',
      '3cspr',
    ])
    const line = notInBook('recipient', bob.accountHash, bob.publicKey)
    const bare = await run(['describe', file])
    expect(bare.out).toContain(line)
    expect(bare.code).toBe(0)
    mkdirSync(config, { recursive: true })
    writeFileSync(join(config, 'labels.json'), JSON.stringify({ [alice.publicKey]: 'alice' }))
    expect((await run(['describe', file])).out).toContain(line)
    const json = JSON.parse((await run(['describe', file, '--json'])).out)
    expect(json.warnings).toContain(line.slice('Warning: '.length))
  })

  test('a transfer to a key the address book names has no such warning', async () => {
    const file = await write('transfer-named.json', [
      'transfer',
      '--target',
      `account-hash-${bob.accountHash}`,
      '--transfer-amount',
      '3cspr',
    ])
    mkdirSync(config, { recursive: true })
    writeFileSync(join(config, 'labels.json'), JSON.stringify({ [bob.publicKey]: 'bob' }))
    const named = await run(['describe', file])
    expect(named.out).toContain(`account-hash-${bob.accountHash} (bob)`)
    expect(named.out).not.toContain('not in your address book')
    expect(JSON.parse((await run(['describe', file, '--json'])).out).warnings.join('\n')).not.toContain(
      'not in your address book',
    )
    rmSync(config, { recursive: true, force: true })
    expect((await run(['describe', file])).out).toContain(
      `Warning: The recipient account-hash-${bob.accountHash} is not in your address book: check it with its owner over a channel you trust.`,
    )
  })

  test('a transfer to a purse: not an account, so never named', async () => {
    const file = await write('transfer-purse.json', [
      'transfer',
      '--target',
      purse,
      '--transfer-amount',
      '3cspr',
    ])
    expect((await run(['describe', file])).out).toContain(
      `Warning: The recipient purse ${purse} is not an account and cannot be named in your address book: check it with its owner over a channel you trust.`,
    )
  })

  test('a delegation to an unnamed validator is warned of, and not once the book names it', async () => {
    rmSync(config, { recursive: true, force: true })
    const file = await write('delegate.json', [
      'delegate',
      '--validator',
      validator.publicKey,
      '--amount',
      '500cspr',
    ])
    const line = notInBook('validator', validator.accountHash, validator.publicKey)
    expect((await run(['describe', file])).out).toContain(line)
    mkdirSync(config, { recursive: true })
    writeFileSync(join(config, 'labels.json'), JSON.stringify({ [validator.publicKey]: 'my validator' }))
    expect((await run(['describe', file])).out).not.toContain('not in your address book')
  })

  test('a redelegation names both validators it does not know', async () => {
    rmSync(config, { recursive: true, force: true })
    const file = await write('redelegate.json', [
      'redelegate',
      '--validator',
      validator.publicKey,
      '--new-validator',
      bob.publicKey,
      '--amount',
      '600cspr',
    ])
    const out = (await run(['describe', file])).out
    expect(out).toContain(notInBook('validator', validator.accountHash, validator.publicKey))
    expect(out).toContain(notInBook('validator', bob.accountHash, bob.publicKey))
  })
})
