import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { nodeAddress } from '../../src/cli/nodeAddress.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { cli, writeKey } from './cliKit.js'

let dir: string
let devnet: Devnet

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-line-'))
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50 })
})

afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const docs = readFileSync(resolve(import.meta.dirname, '../../docs/cli.md'), 'utf8')
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

describe('casper-multisig: what --help says is what docs/cli.md says', () => {
  test("every command's exit codes, and the overview's, appear in docs/cli.md word for word", async () => {
    const names = [
      'keygen',
      'account-address',
      'account',
      'plan',
      'describe',
      'sign',
      'merge',
      'status',
      'send',
      'wait',
      'page',
      'fund',
      'relay',
      'devnet',
    ]
    const helps = await Promise.all(names.map((name) => cli([name, '--help'])))
    names.forEach((name, i) => {
      const line = oneLine(helps[i]!.out.slice(helps[i]!.out.indexOf('Exit codes:')))
      expect(oneLine(docs), name).toContain(line)
      expect(docs).toContain(`## ${name}\n`)
    })
    expect((await cli(['help', 'sign'])).out).toBe(helps[names.indexOf('sign')]!.out)
    const overview = (await cli(['--help'])).out
    for (const name of names) expect(overview).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'))
    for (const [code, words] of [
      ['0', 'done'],
      ['1', 'failed'],
      ['2', 'usage error'],
      ['3', 'not ready to send'],
      ['4', 'sent, not executed yet'],
    ]) {
      expect(overview).toContain(`${code} ${code === '3' || code === '4' ? 'status: ' : ''}${words}`)
      expect(docs).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'))
    }
    expect(await cli(['--version'])).toEqual({
      code: 0,
      out: `casper-multisig ${JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')).version}`,
      err: '',
    })
  }, 180_000)
})

describe('casper-multisig keygen and account-address', () => {
  test('casper-client layout, secret key 0600, never overwritten without --force', async () => {
    const keyDir = join(dir, 'k')
    const made = await cli(['keygen', keyDir, '--json'])
    expect(made.code).toBe(0)
    const { publicKey, accountHash } = JSON.parse(made.out)
    expect(statSync(join(keyDir, 'secret_key.pem')).mode & 0o777).toBe(0o600)
    const secret = readFileSync(join(keyDir, 'secret_key.pem'), 'utf8')
    expect(secret).toMatch(
      /^-----BEGIN PRIVATE KEY-----\r\n[A-Za-z0-9+/=]{64}\r\n-----END PRIVATE KEY-----\r\n$/,
    )
    // casper-node `SecretKey::to_der` for ed25519: PKCS#8 v0, OID 1.3.101.112, OCTET STRING { OCTET STRING seed }.
    const asn1 = execFileSync('openssl', ['asn1parse', '-in', join(keyDir, 'secret_key.pem')], {
      encoding: 'utf8',
    })
    expect(asn1).toMatch(/INTEGER +:00\n.*OBJECT +:ED25519\n.*OCTET STRING/s)
    expect(readFileSync(join(keyDir, 'public_key_hex'), 'utf8')).toMatch(/^01[0-9a-f]{64}$/)

    const again = await cli(['keygen', keyDir])
    expect(again.code).toBe(1)
    expect(again.err).toContain('already exist\nRemedy: Choose another directory, or pass --force')
    expect(readFileSync(join(keyDir, 'secret_key.pem'), 'utf8')).toBe(secret)
    const forced = await cli(['keygen', keyDir, '-f', '-a', 'secp256k1', '--quiet'])
    expect(forced).toEqual({ code: 0, out: '', err: '' })
    expect(readFileSync(join(keyDir, 'secret_key.pem'), 'utf8')).toMatch(
      /^-----BEGIN EC PRIVATE KEY-----\r\n/,
    )
    expect(statSync(join(keyDir, 'secret_key.pem')).mode & 0o777).toBe(0o600)
    expect((await cli(['keygen', keyDir, '-a', 'rsa'])).code).toBe(2)

    // account-address: hex, a public_key.pem, standard input; the same hash as keygen printed.
    expect((await cli(['account-address', '--public-key', publicKey])).out).toBe(accountHash)
    const secp = readFileSync(join(keyDir, 'public_key_hex'), 'utf8')
    const secpHash = (await cli(['account-address', '-p', join(keyDir, 'public_key.pem')])).out
    expect((await cli(['account-address', '-p', '-'], { stdin: secp })).out).toBe(secpHash)
    const refused = await cli(['account-address', '-p', join(keyDir, 'secret_key.pem')])
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('Not a public key PEM')
    expect(refused.err).not.toContain('parsePrivateKey')
  }, 180_000)
})

describe('casper-multisig: the node address as casper-client users give it', () => {
  test('--node, --node-address, -n and CASPER_NODE_ADDRESS; a base address gets /rpc', async () => {
    expect(nodeAddress({ node: 'http://localhost:7777' }, {})).toBe('http://localhost:7777/rpc')
    expect(nodeAddress({ 'node-address': 'http://localhost:7777/' }, {})).toBe('http://localhost:7777/rpc')
    expect(nodeAddress({ node: 'https://node.example/rpc' }, {})).toBe('https://node.example/rpc')
    expect(nodeAddress({}, { CASPER_NODE_ADDRESS: 'http://10.0.0.1:7777' })).toBe('http://10.0.0.1:7777/rpc')
    expect(nodeAddress({ node: 'http://a:1/rpc' }, { CASPER_NODE_ADDRESS: 'http://b:2' })).toBe(
      'http://a:1/rpc',
    )
    expect(nodeAddress({}, {})).toBeUndefined()

    const erin = writeKey(dir, 'erin')
    await devnet.createAccount({ publicKey: erin.publicKey })
    const base = devnet.url.replace(/\/rpc$/, '')
    const [byEnv, byShort, both, bad, labelled] = await Promise.all([
      cli(['account', '--account', erin.publicKey, '--json'], { env: { CASPER_NODE_ADDRESS: base } }),
      cli(['account', '-n', base, '--account', erin.publicKey, '-q']),
      cli(['account', '-n', base, '--node-address', base, '--account', erin.publicKey]),
      cli(['account', '--account', erin.publicKey], { env: { CASPER_NODE_ADDRESS: 'localhost:7777' } }),
      cli([
        'account',
        '-n',
        base,
        '--account',
        erin.publicKey,
        '--label',
        `${erin.publicKey}=ev\u202eil\u001b[2J`,
      ]),
    ])
    // A name is shown with its control and bidi characters made visible, never obeyed.
    expect(labelled.out).toContain(`account-hash-${erin.accountHash} (ev\\u{202e}il\\u{1b}[2J) weight 1`)
    expect(JSON.parse(byEnv.out)).toMatchObject({
      account: `account-hash-${erin.accountHash}`,
      chainName: 'casper-devnet',
    })
    expect(byShort).toEqual({ code: 0, out: '', err: '' })
    expect(both.code).toBe(2)
    expect(both.err).toMatch(/^--node and --node-address name the same thing: give one\n/)
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(
      /^Invalid CASPER_NODE_ADDRESS\n {2}expected: http:\/\/HOST:PORT or http:\/\/HOST:PORT\/rpc\n {2}got: localhost:7777\n/,
    )
  }, 180_000)
})
