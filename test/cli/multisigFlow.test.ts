import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'

import { run, writeKey } from './cliKit.js'

let devnet: Devnet
let dir: string
let node: string
let alice: ReturnType<typeof writeKey>
let bob: ReturnType<typeof writeKey>
let carol: ReturnType<typeof writeKey>
let dave: ReturnType<typeof writeKey>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-'))
  alice = writeKey(dir, 'alice', 'ed25519')
  bob = writeKey(dir, 'bob', 'secp256k1-sec1')
  carol = writeKey(dir, 'carol', 'ed25519')
  dave = writeKey(dir, 'dave', 'secp256k1-pkcs8')
  devnet = await startDevnet({ port: 0, protocol: '1.5', blockIntervalMs: 50 })
  await devnet.createAccount({ publicKey: alice.publicKey })
  node = devnet.url
})

afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const wait = ['--wait', '30', '--poll-interval', '50']

describe('casper-multisig: a 2-of-3 account set up and changed from the command line', () => {
  test('account, plan, sign, send; then plan, sign twice, status, merge, status, send; account', async () => {
    // The account as it starts: alice's own key, thresholds 1/1.
    const fresh = await run('account', '--node', node, '--account', alice.publicKey)
    expect(fresh).toMatchObject({ code: 0, err: '' })
    expect(fresh.out).toContain(`account-hash-${alice.accountHash} weight 1`)
    expect(fresh.out).toContain('Thresholds: deployment 1, key management 1')

    // Alice plans the 2-of-3 and signs alone (key management is 1 now).
    const setupDir = join(dir, 'setup')
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
    const plan = await run(
      'plan',
      '--node',
      node,
      '--account',
      alice.publicKey,
      '--target',
      target,
      '--signer',
      alice.publicKey,
      '--out-dir',
      setupDir,
    )
    expect(plan.err).toBe('')
    expect(plan.code).toBe(0)
    expect(plan.out).toContain(`add account-hash-${bob.accountHash} (bob) with weight 1`)
    expect(plan.out).toContain('set thresholds: deployment 1 -> 2, key management 1 -> 2')
    expect(plan.out).toMatch(/Deploy 1 of 1: needs key-management weight 1; the signers hold 1/)
    expect(existsSync(join(setupDir, 'deploy-2.json'))).toBe(false)
    // The plan's file is the casper-client form: no approvals yet, no final newline.
    const unsigned = readFileSync(join(setupDir, 'deploy-1.json'), 'utf8')
    expect(JSON.parse(unsigned).approvals).toEqual([])
    expect(unsigned.endsWith('}')).toBe(true)

    const signed = await run('sign', join(setupDir, 'deploy-1.json'), '--key', alice.path, '--node', node)
    expect(signed.code).toBe(0)
    expect(signed.out).toContain(`by account-hash-${alice.accountHash}`)
    const aliceCopy = join(setupDir, `deploy-1.signed-by-${alice.accountHash.slice(0, 8)}.json`)
    expect(signed.out).toContain(`Wrote ${aliceCopy} (1 approval)`)
    expect(signed.out).toMatch(/Progress: weight 1 of 1/)

    const setupSent = await run('send', aliceCopy, '--node', node, ...wait)
    expect(setupSent.err).toBe('')
    expect(setupSent.code).toBe(0)
    expect(setupSent.out).toMatch(
      /^Sent deploy [0-9a-f]{64}\nExecuted in block [0-9a-f]{64}, cost \d+ motes$/,
    )

    // Bob proposes replacing carol with dave; bob and carol will sign (carol named by account hash).
    const changeDir = join(dir, 'change')
    const target2 = join(dir, 'target2.json')
    writeFileSync(
      target2,
      JSON.stringify({
        associatedKeys: [
          { key: alice.publicKey, weight: 1, label: 'alice' },
          { key: bob.publicKey, weight: 1, label: 'bob' },
          { key: dave.publicKey, weight: 1, label: 'dave' },
        ],
        thresholds: { deployment: 2, keyManagement: 2 },
      }),
    )
    const plan2 = await run(
      'plan',
      '--node',
      node,
      '--account',
      `account-hash-${alice.accountHash}`,
      '--target',
      target2,
      '--signer',
      bob.publicKey,
      '--signer',
      `account-hash-${carol.accountHash}`,
      '--out-dir',
      changeDir,
    )
    expect(plan2.err).toBe('')
    expect(plan2.code).toBe(0)
    expect(plan2.out).toContain(`add account-hash-${dave.accountHash} (dave) with weight 1`)
    expect(plan2.out).toContain(`remove account-hash-${carol.accountHash}`)
    const file = join(changeDir, 'deploy-1.json')

    // What the co-signers read before signing, with the result emulated against the account now.
    const described = await run(
      'describe',
      file,
      '--node',
      node,
      '--label',
      `${alice.publicKey}=alice`,
      '--label',
      `account-hash-${dave.accountHash}=dave`,
    )
    expect(described.code).toBe(0)
    expect(described.out).toContain(`for account alice (account-hash-${alice.accountHash.slice(0, 8)}…)`)
    expect(described.out).toContain(
      `add key dave (account-hash-${dave.accountHash.slice(0, 8)}…) with weight 1`,
    )
    expect(described.out).toMatch(/Result: keys .*; thresholds deployment 2, key management 2/)
    expect(described.out).toContain('Signed by: nobody yet')

    // Each signs a separate copy.
    const bobFile = join(changeDir, 'bob.json')
    const carolFile = join(changeDir, 'carol.json')
    expect((await run('sign', file, '--key', bob.path, '--out', bobFile)).code).toBe(0)
    expect((await run('sign', file, '--key', carol.path, '--out', carolFile)).code).toBe(0)

    // One copy is not enough: status exits 3 and says what is missing.
    const notReady = await run('status', bobFile, '--node', node)
    expect(notReady.code).toBe(3)
    expect(notReady.out).toContain('Signatures: weight 1 of 2 (key management); still needed: one of')
    expect(notReady.out).toContain('Error [BelowDeploymentThreshold]')
    expect(notReady.out).toMatch(/Not ready: \d+ problems?\.$/)

    // send refuses it after its preflight; with --no-preflight the node's own refusal is shown.
    const refused = await run('send', bobFile, '--node', node)
    expect(refused.code).toBe(1)
    expect(refused.out).toBe('')
    expect(refused.err).toContain('The deploy is not ready to send')
    expect(refused.err).toContain('BelowDeploymentThreshold')
    const rejected = await run('send', bobFile, '--node', node, '--no-preflight')
    expect(rejected.code).toBe(1)
    expect(rejected.err).toContain('The node returned JSON-RPC error -32008 (InvalidDeploy)')
    expect(rejected.err).toContain('insufficient deploy signature weight')

    // Merge: carol's approval is added; nothing is rejected.
    const merged = join(changeDir, 'merged.json')
    const merge = await run('merge', bobFile, carolFile, '--out', merged)
    expect(merge.code).toBe(0)
    expect(merge.out).toContain('Merged 2 copies of deploy')
    expect(merge.out).toContain(`added: account-hash-${carol.accountHash} (${carol.publicKey})`)
    expect(merge.out).not.toContain('rejected')

    const ready = await run('status', merged, '--node', node, '--json')
    expect(ready.code).toBe(0)
    expect(JSON.parse(ready.out)).toMatchObject({ ready: true, errors: [] })
    expect(JSON.parse(ready.out).summary).toMatch(/^weight 2 of 2 \(key management\)/)

    const sent = await run('send', merged, '--node', node, ...wait)
    expect(sent.err).toBe('')
    expect(sent.code).toBe(0)
    expect(sent.out).toContain('Executed in block')

    // The final configuration: alice, bob, dave with weight 1; thresholds 2/2; carol gone.
    const final = await run('account', '--node', node, '--account', alice.publicKey, '--json')
    expect(final.code).toBe(0)
    const config = JSON.parse(final.out)
    expect(config.thresholds).toEqual({ deployment: 2, keyManagement: 2 })
    expect(new Set(config.associatedKeys)).toEqual(
      new Set([alice, bob, dave].map((k) => ({ key: `account-hash-${k.accountHash}`, weight: 1 }))),
    )
    expect(final.out).not.toContain(carol.accountHash)

    // account --json is a target plan reads: planning it again finds nothing to do.
    writeFileSync(join(dir, 'now.json'), final.out)
    const noop = await run(
      'plan',
      '--node',
      node,
      '--account',
      alice.publicKey,
      '--target',
      join(dir, 'now.json'),
    )
    expect(noop.code).toBe(0)
    expect(noop.out).toContain('Nothing to do')
  })
})
