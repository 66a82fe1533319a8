import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { cli, writeKey } from './cliKit.js'

let devnet: Devnet
let dir: string
let node: string
let erin: ReturnType<typeof writeKey>
let frank: ReturnType<typeof writeKey>
/** Unsigned deploys: valid for 2 h, expiring after 1 s, and for another chain. */
let fine: string
let expiring: string
let otherChain: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-guard-'))
  erin = writeKey(dir, 'erin')
  frank = writeKey(dir, 'frank', 'secp256k1-sec1')
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50 })
  await devnet.createAccount({ publicKey: erin.publicKey })
  node = devnet.url
  const target = join(dir, 'target.json')
  writeFileSync(
    target,
    JSON.stringify({
      associatedKeys: [
        { key: erin.publicKey, weight: 1 },
        { key: frank.publicKey, weight: 1 },
      ],
      thresholds: { deployment: 1, keyManagement: 1 },
    }),
  )
  const plan = (out: string, ...extra: string[]) =>
    cli([
      'plan',
      '-n',
      node,
      '--account',
      erin.publicKey,
      '--target',
      target,
      '--out-dir',
      join(dir, out),
      ...extra,
    ])
  const made = await Promise.all([
    plan('fine'),
    plan('expiring', '--ttl', '1s'),
    plan('other', '--chain-name', 'casper-test'),
  ])
  for (const result of made) expect(result).toMatchObject({ code: 0, err: '' })
  ;[fine, expiring, otherChain] = ['fine', 'expiring', 'other'].map((d) => join(dir, d, 'deploy-1.json')) as [
    string,
    string,
    string,
  ]
  // Let the 1-second deploy expire.
  await new Promise((resolve) => setTimeout(resolve, 1100))
}, 120_000)

afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('casper-multisig: files read strictly, keys guarded', () => {
  test('a target file with a repeated key is refused with its path, before anything is planned', async () => {
    const target = join(dir, 'duplicate-target.json')
    writeFileSync(
      target,
      `{"associatedKeys":[{"key":"${erin.publicKey}","weight":1}],"thresholds":{"deployment":1,"keyManagement":1},"thresholds":{"deployment":1,"keyManagement":0}}`,
    )
    const ran = await cli([
      'plan',
      '-n',
      node,
      '--account',
      erin.publicKey,
      '--target',
      target,
      '--out-dir',
      join(dir, 'dup'),
    ])
    expect(ran.code).toBe(1)
    expect(ran.err).toContain('$.thresholds')
    expect(existsSync(join(dir, 'dup'))).toBe(false)
  })

  test('an address book with a repeated key is refused', async () => {
    const book = join(dir, 'duplicate-labels.json')
    writeFileSync(
      book,
      `{"account-hash-${erin.accountHash}":"erin","account-hash-${erin.accountHash}":"mallory"}`,
    )
    const ran = await cli(['describe', fine, '--labels', book])
    expect(ran.code).toBe(1)
    expect(ran.err).toContain(`Duplicate key in JSON\\\\u{a}  path: $["account-hash-${erin.accountHash}"]`)
  })

  test('a secret key file others can read is used with a warning naming the mode and the fix', async () => {
    const open = writeKey(dir, 'open')
    chmodSync(open.path, 0o644)
    const ran = await cli(['sign', fine, '-k', open.path, '-o', join(dir, 'open-signed.json'), '--force'])
    expect(ran.code).toBe(0)
    expect(ran.err).toMatch(/^Warning: .*0644.*chmod 600/m)
    chmodSync(open.path, 0o600)
    const quiet = await cli(['sign', fine, '-k', open.path, '-o', join(dir, 'open-signed-2.json'), '--force'])
    expect(quiet.err).not.toContain('Warning')
  })
})

describe('casper-multisig sign: guard rails refuse, writing nothing, unless --force', () => {
  test('an expired deploy', async () => {
    const out = join(dir, 'expired-signed.json')
    const refused = await cli(['sign', expiring, '-k', erin.path, '-o', out])
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/^Not signed: DO NOT SIGN\n {2}reasons: Expired: expired at \S+Z\n/)
    expect(refused.err).toContain('--force signs anyway. Nothing was written.')
    expect(refused.out).not.toContain('Signed deploy')
    expect(existsSync(out)).toBe(false)
    const forced = await cli(['sign', expiring, '-k', erin.path, '-o', out, '--force'])
    expect(forced.code).toBe(0)
    expect(forced.out).toContain('Expires: ')
    expect(forced.out).toContain('(expired)')
    expect(JSON.parse(readFileSync(out, 'utf8')).approvals).toHaveLength(1)
  })

  test("a deploy for another chain than --chain-name's or the node's", async () => {
    const byNode = await cli(['sign', otherChain, '-k', erin.path, '-o', '-', '-n', node])
    expect(byNode).toMatchObject({ code: 1, out: '' })
    expect(byNode.err).toContain(
      'Not signed: DO NOT SIGN\n  reasons: WrongChain: expected chain "casper-devnet", got "casper-test"\n',
    )
    const byFlag = await cli(['sign', fine, '-k', erin.path, '-o', '-', '--chain-name', 'casper'])
    expect(byFlag).toMatchObject({ code: 1, out: '' })
    expect(byFlag.err).toContain('  reasons: WrongChain: expected chain "casper", got "casper-devnet"\n')
    const same = await cli(['sign', otherChain, '-k', erin.path, '-o', '-', '--chain-name', 'casper-test'])
    expect(same.code).toBe(0)
    expect(JSON.parse(same.out).header.chain_name).toBe('casper-test')
  })

  test('with a node, a key the account does not hold', async () => {
    const refused = await cli(['sign', fine, '-k', frank.path, '-o', '-', '-n', node])
    expect(refused).toMatchObject({ code: 1, out: '' })
    expect(refused.err).toContain(
      `Not signed: the account does not hold this key\n  key: account-hash-${frank.accountHash}\n  associatedKeys: ["account-hash-${erin.accountHash}"]\n`,
    )
    const forced = await cli(['sign', fine, '-k', frank.path, '-o', '-', '-n', node, '--force'])
    expect(forced.code).toBe(0)
    expect(JSON.parse(forced.out).approvals).toHaveLength(1)
  })

  test('the output path is checked before signing: an existing file is left alone, nothing says "Signed"', async () => {
    const taken = join(dir, 'taken.json')
    writeFileSync(taken, 'keep me')
    const refused = await cli(['sign', fine, '-k', erin.path, '-o', taken])
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: `${taken} already exists\nRemedy: Choose another output path (-o FILE, or -o - for standard output), remove the file, or pass --force to replace it.`,
    })
    expect(readFileSync(taken, 'utf8')).toBe('keep me')
    expect((await cli(['sign', '-', '-k', '-'], { stdin: '' })).code).toBe(2)
  })
})

describe('casper-multisig describe: DO NOT SIGN exits 1', () => {
  test('a deploy changed after it was hashed', async () => {
    const deploy = JSON.parse(readFileSync(fine, 'utf8'))
    deploy.header.ttl = '1h'
    const tampered = JSON.stringify(deploy)
    const described = await cli(['describe', '-'], { stdin: tampered })
    expect(described.code).toBe(1)
    expect(described.out).toMatch(
      /^DO NOT SIGN: the content does not match the hash being signed \(HashMismatch\)/,
    )
    expect(await cli(['describe', '-', '--quiet'], { stdin: tampered })).toEqual({
      code: 1,
      out: '',
      err: '',
    })
    const json = JSON.parse((await cli(['describe', '-', '--json'], { stdin: tampered })).out)
    expect(json).toMatchObject({ safeToSign: false, hash: deploy.hash })
    expect((await cli(['describe', fine])).code).toBe(0)
  })
})
