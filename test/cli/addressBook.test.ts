// Address books are the co-signer's own: a labels.json that came with a deploy is never read unless
// named, conflicting names are shown as conflicts, and accepted Wasm is taken only from a book.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sha256 } from '@noble/hashes/sha2'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ownAddressBookPath } from '../../src/cli/labels.js'
import { main } from '../../src/cli/main.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { namedArgJson } from '../../src/deploy/clValueJson.js'
import { stringifyDeployJson } from '../../src/deploy/stringifyDeployJson.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'

const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
const carol = localSigner('c3'.repeat(32), { algorithm: 'ed25519' })
const mallory = localSigner('e5'.repeat(32), { algorithm: 'ed25519' })
/** The smallest Wasm module there is: no known module, so unknown Wasm. */
const wasm = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])
const wasmSha256 = bytesToHex(sha256(wasm))
const wasmBytes = wasm.length

let dir: string
let config: string
/** Adds mallory's key to alice's account; beside it, a labels.json naming mallory "carol (new laptop)". */
let addsMallory: string
let unknownWasm: string
let expiredWasm: string

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  const { code } = await main(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { CASPER_MULTISIG_CONFIG_DIR: config, ...env },
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

function writeOwnBook(book: unknown) {
  mkdirSync(config, { recursive: true })
  writeFileSync(join(config, 'labels.json'), JSON.stringify(book))
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-address-book-'))
  config = join(dir, 'config')
  const { deploy } = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName: 'casper-test',
    deploymentAccount: mallory.publicKey,
  })
  mkdirSync(join(dir, 'sent'))
  addsMallory = join(dir, 'sent', 'deploy-1.json')
  writeFileSync(addsMallory, stringifyDeployJson(deploy))
  writeFileSync(
    join(dir, 'sent', 'labels.json'),
    JSON.stringify({
      [`account-hash-${mallory.accountHash}`]: 'carol (new laptop)',
      [`account-hash-${carol.accountHash}`]: 'carol (old laptop, lost)',
    }),
  )
  const build = (timestamp?: number) =>
    stringifyDeployJson(
      buildModuleBytesDeploy({
        account: alice.publicKey,
        chainName: 'casper-test',
        wasm,
        args: [namedArgJson('recipient', 'ByteArray(32)', hexToBytes(carol.accountHash))],
        payment: 2_500_000_000n,
        ...(timestamp === undefined ? {} : { timestamp, ttl: '1m' }),
      }),
    )
  unknownWasm = join(dir, 'unknown-wasm.json')
  writeFileSync(unknownWasm, build())
  expiredWasm = join(dir, 'expired-wasm.json')
  writeFileSync(expiredWasm, build(Date.now() - 3_600_000))
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('address books: only the co-signer’s own, or named', () => {
  test('a labels.json beside the deploy is not read: the added key has no name', async () => {
    rmSync(config, { recursive: true, force: true })
    const text = await run(['describe', addsMallory])
    expect(text.out).toContain(`add key account-hash-${mallory.accountHash} with weight`)
    expect(text.out).not.toContain('laptop')
    const json = JSON.parse((await run(['describe', addsMallory, '--json'])).out)
    expect(json.changes[0]).toMatchObject({ key: `account-hash-${mallory.accountHash}` })
    expect(json.changes[0].label).toBeUndefined()
  })

  test('the own address book (CASPER_MULTISIG_CONFIG_DIR, XDG_CONFIG_HOME, ~/.config) names keys', async () => {
    expect(ownAddressBookPath({ CASPER_MULTISIG_CONFIG_DIR: '/c' })).toBe('/c/labels.json')
    expect(ownAddressBookPath({ XDG_CONFIG_HOME: '/x' })).toBe('/x/casper-multisig/labels.json')
    expect(ownAddressBookPath({ HOME: '/h' })).toBe('/h/.config/casper-multisig/labels.json')
    writeOwnBook({ [`account-hash-${mallory.accountHash}`]: 'mallory' })
    const ran = await run(['describe', addsMallory])
    expect(ran.out).toContain(`add key account-hash-${mallory.accountHash} (mallory) with weight`)
    expect(ran.out).not.toContain('Warning: Address book')
  })

  test('a key two books name differently is shown as a conflict, in the text and in --json', async () => {
    writeOwnBook({
      [`account-hash-${mallory.accountHash}`]: 'mallory',
      [`account-hash-${carol.accountHash}`]: 'carol',
    })
    const sent = join(dir, 'sent', 'labels.json')
    const ran = await run(['describe', addsMallory, '--labels', sent])
    expect(ran.out).toContain(
      `add key account-hash-${mallory.accountHash} (mallory | carol (new laptop) [your address books disagree]) with weight`,
    )
    const own = join(config, 'labels.json')
    const warning = `Warning: Address book: account-hash-${mallory.accountHash} is named differently: "mallory" in your address book ${own}, "carol (new laptop)" in ${sent}; check which is right.`
    expect(ran.out.split('\n')).toContain(warning)
    expect(ran.out).toContain(
      `Warning: Address book: account-hash-${carol.accountHash} is named differently: "carol" in your address book ${own}, "carol (old laptop, lost)" in ${sent}; check which is right.`,
    )
    const json = JSON.parse((await run(['describe', addsMallory, '--labels', sent, '--json'])).out)
    expect(json.warnings).toContain(warning.replace(/^Warning: /, ''))
    expect(json.changes[0].label).toBe('mallory | carol (new laptop) [your address books disagree]')
  })

  test('one name given to two keys is shown as such, across books and --label', async () => {
    writeOwnBook({ [`account-hash-${carol.accountHash}`]: 'carol' })
    const ran = await run(['describe', addsMallory, '--label', `${mallory.publicKey}=carol`])
    expect(ran.out).toContain(
      `add key account-hash-${mallory.accountHash} (carol [name shared with another key]) with weight`,
    )
    expect(ran.out).toContain(
      `Warning: Address book: the name "carol" is given to 2 keys: account-hash-${carol.accountHash}, account-hash-${mallory.accountHash}; check which is right.`,
    )
    // Within one file as well.
    rmSync(config, { recursive: true, force: true })
    const both = join(dir, 'both.json')
    writeFileSync(
      both,
      JSON.stringify({
        [`account-hash-${carol.accountHash}`]: 'carol',
        [`account-hash-${mallory.accountHash}`]: 'carol',
      }),
    )
    const json = JSON.parse((await run(['describe', addsMallory, '--labels', both, '--json'])).out)
    expect(json.warnings.filter((w: string) => w.includes('is given to 2 keys'))).toHaveLength(1)
  })

  test('--labels is repeatable, and a file that agrees with another raises nothing', async () => {
    rmSync(config, { recursive: true, force: true })
    const one = join(dir, 'one.json')
    const two = join(dir, 'two.json')
    writeFileSync(one, JSON.stringify({ [`account-hash-${mallory.accountHash}`]: 'mallory' }))
    writeFileSync(
      two,
      JSON.stringify({ [mallory.publicKey]: 'mallory', [`account-hash-${alice.accountHash}`]: 'alice' }),
    )
    const ran = await run(['describe', addsMallory, '--labels', one, '--labels', two])
    expect(ran.out).toContain(`Account: account-hash-${alice.accountHash} (alice)`)
    expect(ran.out).toContain(`add key account-hash-${mallory.accountHash} (mallory) with weight`)
    expect(ran.out).not.toContain('Address book')
  })
})

describe('accepted Wasm: from the co-signer’s address book only', () => {
  test('unknown Wasm is DO NOT SIGN, with the remedy that accepts it', async () => {
    rmSync(config, { recursive: true, force: true })
    const ran = await run(['describe', unknownWasm])
    expect(ran.code).toBe(1)
    expect(ran.out).toContain(
      `the session is Wasm casper-multisig does not know (sha256 ${wasmSha256}, ${wasmBytes} bytes): it can do anything the account can (once you have checked this Wasm yourself, accept it in your own address book: "acceptedWasm": { "${wasmSha256}": "<name>" })`,
    )
  })

  test('Wasm whose sha256 the own book accepts is described in full and not refused for being unknown', async () => {
    writeOwnBook({
      [`account-hash-${carol.accountHash}`]: 'carol',
      acceptedWasm: { [wasmSha256]: 'payroll v1' },
    })
    const ran = await run(['describe', unknownWasm])
    expect(ran.out).not.toContain('DO NOT SIGN')
    expect(ran.code).toBe(0)
    expect(ran.out).toContain(
      `Session: unknown-wasm (sha256 ${wasmSha256}, ${wasm.length} bytes), accepted in your address book as "payroll v1"`,
    )
    expect(ran.out).toContain(`  arg recipient: ByteArray(32) = ${carol.accountHash}`)
    expect(ran.out).toContain('Warning: the session is Wasm your address book accepts as "payroll v1"')
    const json = JSON.parse((await run(['describe', unknownWasm, '--json'])).out)
    expect(json.session).toMatchObject({ kind: 'unknown-wasm', sha256: wasmSha256, accepted: 'payroll v1' })
    expect(json.safeToSign).toBe(true)
  })

  test('accepted Wasm is still DO NOT SIGN for anything else (expired)', async () => {
    writeOwnBook({ acceptedWasm: { [wasmSha256.toUpperCase()]: 'payroll v1' } })
    const ran = await run(['describe', expiredWasm])
    expect(ran.code).toBe(1)
    expect(ran.out).toMatch(/^DO NOT SIGN: .*expired/)
    expect(ran.out).not.toContain('does not know')
  })

  test('a named --labels file may accept Wasm too; a malformed acceptedWasm is refused', async () => {
    rmSync(config, { recursive: true, force: true })
    const book = join(dir, 'accepts.json')
    writeFileSync(book, JSON.stringify({ acceptedWasm: { [wasmSha256]: 'payroll v1' } }))
    expect((await run(['describe', unknownWasm, '--labels', book])).code).toBe(0)
    const bad = join(dir, 'bad-accepts.json')
    writeFileSync(bad, JSON.stringify({ acceptedWasm: { 'not-a-hash': 'x' } }))
    const refused = await run(['describe', unknownWasm, '--labels', bad])
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(`${bad} is not an address book`)
    expect(refused.err).toContain('acceptedWasm.not-a-hash')
  })
})
