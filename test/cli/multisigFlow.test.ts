import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { cli } from './cliKit.js'

let devnet: Devnet
let dir: string
/** The node as casper-client users give it: the base address, without /rpc. */
let base: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-'))
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50 })
  base = devnet.url.replace(/\/rpc$/, '')
})

afterAll(async () => {
  delete process.env.CASPER_MULTISIG_CONFIG_DIR
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** The public key OpenSSL derives from a secret_key.pem, as compressed SPKI PEM. */
function opensslPublicKey(secretKeyPem: string, algorithm: 'ed25519' | 'secp256k1'): string {
  const args =
    algorithm === 'ed25519'
      ? ['pkey', '-in', secretKeyPem, '-pubout']
      : ['ec', '-in', secretKeyPem, '-pubout', '-conv_form', 'compressed']
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
}

const wait = ['--wait', '30', '--poll-interval', '50']

describe('casper-multisig: a 2-of-3 account made with keygen, changed by co-signers with casper-client habits and pipes', () => {
  test('keygen, fund, account, plan, sign, send; plan, describe, sign from stdin, status, merge to stdout, send, wait', async () => {
    // Keys: casper-client's layout; OpenSSL reads each secret key and derives the same public key.
    const keys: Record<string, { dir: string; publicKey: string; accountHash: string }> = {}
    const algorithms = { alice: 'ed25519', bob: 'secp256k1', carol: 'ed25519', dave: 'secp256k1' } as const
    await Promise.all(
      Object.entries(algorithms).map(async ([name, algorithm]) => {
        const keyDir = join(dir, name)
        const made = await cli([
          'keygen',
          keyDir,
          ...(algorithm === 'secp256k1' ? ['-a', algorithm] : []),
          '--json',
        ])
        expect(made).toMatchObject({ code: 0, err: '' })
        const { publicKey, accountHash } = JSON.parse(made.out)
        expect(readFileSync(join(keyDir, 'public_key_hex'), 'utf8')).toBe(publicKey)
        expect(opensslPublicKey(join(keyDir, 'secret_key.pem'), algorithm)).toBe(
          readFileSync(join(keyDir, 'public_key.pem'), 'utf8').replaceAll('\r\n', '\n'),
        )
        const address = await cli(['account-address', '--public-key', join(keyDir, 'public_key_hex')])
        expect(address).toEqual({ code: 0, out: accountHash, err: '' })
        keys[name] = { dir: keyDir, publicKey, accountHash: accountHash.replace(/^account-hash-/, '') }
      }),
    )
    const { alice, bob, carol, dave } = keys as Record<
      'alice' | 'bob' | 'carol' | 'dave',
      (typeof keys)[string]
    >
    const full = (k: { accountHash: string }, label: string) => `account-hash-${k.accountHash} (${label})`

    // Alice's account on the devnet, made later than the devnet started (devnet-only `fund`).
    const funded = await cli(['fund', '-n', base, '-p', alice.publicKey, '--amount', '5000000000000'])
    expect(funded).toMatchObject({ code: 0, err: '' })
    expect(funded.out).toBe(
      `Created account-hash-${alice.accountHash} (${alice.publicKey}): balance 5000000000000 motes`,
    )
    const env = { CASPER_NODE_ADDRESS: base }
    const fresh = await cli(['account', '--account', alice.publicKey], { env })
    expect(fresh).toMatchObject({ code: 0, err: '' })
    expect(fresh.out).toContain(`account-hash-${alice.accountHash} weight 1`)
    expect(fresh.out).toContain('Thresholds: deployment 1, key management 1')
    expect(await cli(['account', '--account', alice.publicKey, '--quiet'], { env })).toEqual({
      code: 0,
      out: '',
      err: '',
    })

    // 1. Alice makes her account 2-of-3; she alone can sign this change.
    const target = join(dir, 'target.json')
    writeFileSync(
      target,
      JSON.stringify({
        associatedKeys: [
          { key: alice.publicKey, weight: 1, label: 'alice' },
          { key: bob.publicKey, weight: 1, label: 'bob' },
          { key: carol.publicKey, weight: 1, label: 'carol' },
        ],
        thresholds: { deployment: 2, keyManagement: 2 },
      }),
    )
    const setup = join(dir, 'setup')
    const plan = await cli([
      'plan',
      '-n',
      base,
      '--account',
      alice.publicKey,
      '--target',
      target,
      '--signer',
      alice.publicKey,
      '--out-dir',
      setup,
    ])
    expect(plan.err).toBe('')
    expect(plan.code).toBe(0)
    expect(plan.out).toContain(`add ${full(bob, 'bob')} with weight 1`)
    expect(plan.out).toContain('set thresholds: deployment 1 -> 2, key management 1 -> 2')
    expect(plan.out).toContain(
      `wrote ${join(setup, 'labels.json')} (names of 3 keys; co-signers check it, then read it with --labels)`,
    )
    // The devnet's 2.x chainspec: the payment is baseline_motes_amount, a failure costs all of it.
    expect(plan.out).toMatch(
      /\n {2}payment 2\.5 CSPR \(the network's minimum payment\); expected charge 1\.194102478 CSPR; if it fails: 2\.5 CSPR\n/,
    )
    expect(plan.out).toMatch(
      /\nTotal: expected charge 1\.194102478 CSPR; if every deploy fails: 2\.5 CSPR(\n|$)/,
    )
    expect(existsSync(join(setup, 'deploy-2.json'))).toBe(false)
    expect(JSON.parse(readFileSync(join(setup, 'labels.json'), 'utf8'))).toEqual({
      [`account-hash-${alice.accountHash}`]: 'alice',
      [`account-hash-${bob.accountHash}`]: 'bob',
      [`account-hash-${carol.accountHash}`]: 'carol',
    })
    const unsigned = readFileSync(join(setup, 'deploy-1.json'), 'utf8')
    expect(JSON.parse(unsigned).approvals).toEqual([])
    expect(unsigned.endsWith('}')).toBe(true)

    const signedFile = join(setup, 'signed.json')
    const signed = await cli([
      'sign',
      join(setup, 'deploy-1.json'),
      '-k',
      join(alice.dir, 'secret_key.pem'),
      '-o',
      signedFile,
      '-n',
      base,
      // Plan's address book, named: a co-signer's commands never read it from beside the file.
      '--labels',
      join(setup, 'labels.json'),
    ])
    expect(signed.err).toBe('')
    expect(signed.code).toBe(0)
    expect(signed.out).toContain(`Account: ${full(alice, 'alice')}`)
    expect(signed.out).toContain(`Signed deploy ${JSON.parse(unsigned).hash} by ${full(alice, 'alice')}`)
    expect(signed.out).toContain(`Wrote ${signedFile} (1 approval)`)
    expect(signed.out).toContain('Progress: weight 1 of 1 (key management); complete')

    const sent = await cli(['send', '-i', signedFile, '--node-address', base, ...wait])
    expect(sent.err).toBe('')
    expect(sent.code).toBe(0)
    expect(sent.out).toMatch(
      /^Preflight: Node: http:\/\/127\.0\.0\.1:\d+\/rpc \(chainspec of the node, not checked against a preset \(none for casper-devnet\)\)\nSent deploy [0-9a-f]{64}\nExecuted in block [0-9a-f]{64}\. Charged \d+ motes, Gas consumed \d+, Gas limit \d+, Refunded \d+ motes$/,
    )

    // A deploy that ran is reported as executed, not as "not ready".
    const ran = await cli(['status', signedFile], { env })
    expect(ran.code).toBe(0)
    expect(ran.out).toMatch(
      /\nStatus: executed in block [0-9a-f]{64} at height \d+ \(success; Charged \d+ motes, Gas consumed \d+, Gas limit \d+, Refunded \d+ motes\)$/,
    )
    const again = await cli(['send', signedFile, '-n', base])
    expect(again.code).toBe(0)
    expect(again.out).toMatch(
      /was already sent: executed in block [0-9a-f]{64} at height \d+ \(success; Charged \d+ motes, Gas consumed \d+, Gas limit \d+, Refunded \d+ motes\)$/,
    )

    // 2. Replace carol with dave: bob and carol sign on their own machines.
    const target2 = join(dir, 'target2.json')
    writeFileSync(
      target2,
      readFileSync(target, 'utf8').replace(carol.publicKey, dave.publicKey).replace('"carol"', '"dave"'),
    )
    const change = join(dir, 'change')
    const plan2 = await cli(
      [
        'plan',
        '--account',
        `account-hash-${alice.accountHash}`,
        '--target',
        target2,
        '--signer',
        bob.publicKey,
        '--signer',
        `account-hash-${carol.accountHash}`,
        '--out-dir',
        change,
        '--labels',
        join(setup, 'labels.json'),
      ],
      { env },
    )
    expect(plan2.err).toBe('')
    expect(plan2.code).toBe(0)
    expect(plan2.out).toContain(`add ${full(dave, 'dave')} with weight 1`)
    const file = join(change, 'deploy-1.json')

    // The co-signers check the names plan wrote and keep them in their own address book (the
    // commands never read the one beside the file); the subprocesses inherit this environment.
    const own = join(dir, 'config')
    mkdirSync(own)
    copyFileSync(join(change, 'labels.json'), join(own, 'labels.json'))
    process.env.CASPER_MULTISIG_CONFIG_DIR = own
    // What co-signers approve, in full, with the names from their address book.
    const described = await cli(['describe', file, '-n', base])
    expect(described.err).toBe('')
    expect(described.code).toBe(0)
    expect(described.out).toContain(`Deploy ${JSON.parse(readFileSync(file, 'utf8')).hash}\n`)
    expect(described.out).toContain(`Account: ${full(alice, 'alice')}`)
    expect(described.out).toContain(`  add key ${full(dave, 'dave')} with weight 1`)
    expect(described.out).toContain(`  remove key ${full(carol, 'carol')}`)
    expect(described.out).toContain(`Result:\n`)
    expect(described.out).toContain(`  ${full(dave, 'dave')} weight 1`)
    expect(described.out).toContain('  thresholds: deployment 2, key management 2')
    expect(described.out).not.toContain('…')

    // Bob signs from a pipe to a pipe: the deploy on stdout, the messages on stderr.
    const bobSigned = await cli(
      [
        'sign',
        '-',
        '-k',
        join(bob.dir, 'secret_key.pem'),
        '-o',
        '-',
        '--labels',
        join(change, 'labels.json'),
      ],
      {
        stdin: readFileSync(file),
      },
    )
    expect(bobSigned.code).toBe(0)
    expect(JSON.parse(bobSigned.out).approvals).toHaveLength(1)
    expect(bobSigned.err).toContain(`by ${full(bob, 'bob')}`)
    const bobFile = join(change, 'bob.json')
    writeFileSync(bobFile, bobSigned.out)
    // Carol uses casper-client's long names.
    const carolFile = join(change, 'carol.json')
    const carolSigned = await cli([
      'sign',
      '--input',
      file,
      '--secret-key',
      join(carol.dir, 'secret_key.pem'),
      '--output',
      carolFile,
      '--node-address',
      base,
    ])
    expect(carolSigned).toMatchObject({ code: 0, err: '' })
    expect(carolSigned.out).toContain(
      `Progress: weight 1 of 2 (key management); still needed: one of ${[full(alice, 'alice'), full(bob, 'bob')].sort().join(', ')}`,
    )

    // One copy is not enough: status exits 3 and names the keys still needed in full.
    const notReady = await cli(['status', bobFile, '-n', base])
    expect(notReady.code).toBe(3)
    const stillNeeded = [full(alice, 'alice'), full(carol, 'carol')].sort().join(', ')
    expect(notReady.out).toContain(
      `Signatures: weight 1 of 2 (key management); still needed: one of ${stillNeeded}\n`,
    )
    expect(notReady.out).toContain('Error [BelowDeploymentThreshold]')
    expect(notReady.out).not.toContain('…')
    expect(notReady.out).toMatch(/Not ready: \d+ problems?\.$/)
    const notReadyJson = JSON.parse((await cli(['status', bobFile, '-n', base, '--json'])).out)
    expect(notReadyJson).toMatchObject({ ready: false, execution: { state: 'unknown' } })
    expect(notReadyJson.progress.stillNeeded).toEqual(
      [alice, carol]
        .map((k) => [{ key: `account-hash-${k.accountHash}`, label: k === alice ? 'alice' : 'carol' }])
        .sort((a, b) => (a[0]!.key < b[0]!.key ? -1 : 1)),
    )

    // send refuses it after its preflight.
    const refused = await cli(['send', bobFile, '-n', base])
    expect(refused.code).toBe(1)
    expect(refused.out).toBe(
      `Preflight: Node: ${base}/rpc (chainspec of the node, not checked against a preset (none for casper-devnet))`,
    )
    expect(refused.err).toContain('The deploy is not ready to send')
    expect(refused.err).toContain(
      'Remedy: Fix each problem listed; `casper-multisig status FILE` lists them.',
    )

    // Merge to stdout; check the merged deploy from stdin.
    const merged = await cli(['merge', bobFile, carolFile, '-o', '-'])
    expect(merged.code).toBe(0)
    expect(merged.err).toContain('Merged 2 copies of deploy')
    expect(merged.err).toContain(`added: ${full(carol, 'carol')} (public key ${carol.publicKey})`)
    expect(existsSync(join(process.cwd(), '-'))).toBe(false)
    const ready = await cli(['status', '-', '-n', base, '--json'], { stdin: merged.out })
    expect(ready.code).toBe(0)
    expect(JSON.parse(ready.out)).toMatchObject({ ready: true, errors: [], progress: { complete: true } })

    // Send without waiting, then wait for it (piped: no progress drawn).
    const mergedFile = join(change, 'merged.json')
    writeFileSync(mergedFile, merged.out)
    const hash = JSON.parse(merged.out).hash
    expect(await cli(['send', mergedFile, '-n', base])).toEqual({
      code: 0,
      out: `Preflight: Node: ${base}/rpc (chainspec of the node, not checked against a preset (none for casper-devnet))\nSent deploy ${hash}`,
      err: '',
    })
    const waited = await cli(['wait', hash, '-n', base, '--timeout', '30', '--poll-interval', '50'])
    expect(waited).toMatchObject({ code: 0, err: '' })
    expect(waited.out).toMatch(
      /^Executed in block [0-9a-f]{64} at height \d+\. Charged \d+ motes, Gas consumed \d+, Gas limit \d+, Refunded \d+ motes$/,
    )

    // The final configuration: alice, bob, dave; thresholds 2/2; carol gone.
    const final = await cli(['account', '-n', base, '--account', alice.publicKey, '--json'])
    expect(final.code).toBe(0)
    const config = JSON.parse(final.out)
    expect(config.thresholds).toEqual({ deployment: 2, keyManagement: 2 })
    expect(new Set(config.associatedKeys.map((k: { key: string }) => k.key))).toEqual(
      new Set([alice, bob, dave].map((k) => `account-hash-${k.accountHash}`)),
    )
    // account --json is a target plan reads: planning it again finds nothing to do.
    writeFileSync(join(dir, 'now.json'), final.out)
    const noop = await cli([
      'plan',
      '-n',
      base,
      '--account',
      alice.publicKey,
      '--target',
      join(dir, 'now.json'),
    ])
    expect(noop.code).toBe(0)
    expect(noop.out).toContain('Nothing to do')
    // About 35 runs of the CLI, each a new Node process.
  }, 240_000)
})
