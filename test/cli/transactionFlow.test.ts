import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildTwoPartyTransaction } from '../../src/deploy/buildTwoPartyDeploy.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { cli } from './cliKit.js'

let devnet: Devnet
let dir: string
let base: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-tx-'))
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50 })
  base = devnet.url.replace(/\/rpc$/, '')
})

afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const wait = ['--wait', '30', '--poll-interval', '50']

type Key = { dir: string; publicKey: string; accountHash: string }

async function keygen(name: string, algorithm: 'ed25519' | 'secp256k1'): Promise<Key> {
  const keyDir = join(dir, name)
  const made = await cli(['keygen', keyDir, '-a', algorithm, '--json'])
  expect(made).toMatchObject({ code: 0, err: '' })
  const { publicKey, accountHash } = JSON.parse(made.out)
  return { dir: keyDir, publicKey, accountHash: accountHash.replace(/^account-hash-/, '') }
}

describe('casper-multisig with TransactionV1 files: sign, merge, status, send, wait as for deploys', () => {
  test('a 2-of-2 account changed by a TransactionV1 that two co-signers sign (one through stdin)', async () => {
    const alice = await keygen('alice', 'ed25519')
    const bob = await keygen('bob', 'secp256k1')
    const carol = await keygen('carol', 'ed25519')
    const full = (k: Key, label: string) => `account-hash-${k.accountHash} (${label})`
    const labels = join(dir, 'labels.json')
    writeFileSync(
      labels,
      JSON.stringify({
        [`account-hash-${alice.accountHash}`]: 'alice',
        [`account-hash-${bob.accountHash}`]: 'bob',
        [`account-hash-${carol.accountHash}`]: 'carol',
      }),
    )
    const funded = await cli(['fund', '-n', base, '-p', alice.publicKey, '--amount', '5000000000000'])
    expect(funded.code).toBe(0)

    // 1. Alice alone makes her account 2-of-2 with bob: a TransactionV1, signed, sent, executed.
    const setup = await buildTwoPartyTransaction({
      account: alice.publicKey,
      chainName: devnet.chainName,
      deploymentAccount: bob.publicKey,
      chainspec: devnet.chainspec,
    })
    const setupFile = join(dir, 'setup.json')
    writeFileSync(setupFile, JSON.stringify(setup.transaction, null, 2))
    const setupSigned = join(dir, 'setup.signed.json')
    const signedSetup = await cli([
      'sign',
      setupFile,
      '-k',
      join(alice.dir, 'secret_key.pem'),
      '-o',
      setupSigned,
      '-n',
      base,
      '--labels',
      labels,
    ])
    expect(signedSetup.err).toBe('')
    expect(signedSetup.code).toBe(0)
    expect(signedSetup.out).toContain(`Transaction ${setup.transaction.Version1.hash}\n`)
    expect(signedSetup.out).toContain(`Account: ${full(alice, 'alice')}`)
    expect(signedSetup.out).toContain(`  add key ${full(bob, 'bob')} with weight 1`)
    expect(signedSetup.out).toContain(
      `Signed transaction ${setup.transaction.Version1.hash} by ${full(alice, 'alice')}`,
    )
    expect(signedSetup.out).toContain('Progress: weight 1 of 1 (key management); complete')
    const sentSetup = await cli(['send', setupSigned, '-n', base, ...wait])
    expect(sentSetup.err).toBe('')
    expect(sentSetup.code).toBe(0)
    expect(sentSetup.out).toMatch(
      /^Preflight: Node: http:\/\/127\.0\.0\.1:\d+\/rpc \(chainspec of the node, not checked against a preset \(none for casper-devnet\)\)\nSent transaction [0-9a-f]{64}\nExecuted in block [0-9a-f]{64}\. Charged \d+ motes, Gas consumed \d+, Gas limit \d+, Refunded \d+ motes$/,
    )
    const account = await cli(['account', '--account', alice.publicKey, '-n', base])
    expect(account.out).toContain('Thresholds: deployment 2, key management 2')

    // 2. The 2-of-2 account adds carol: alice and bob sign copies, bob's through stdin/stdout.
    const change = await buildTwoPartyTransaction({
      account: alice.publicKey,
      chainName: devnet.chainName,
      deploymentAccount: carol.publicKey,
      chainspec: devnet.chainspec,
      current: {
        accountHash: alice.accountHash,
        associatedKeys: { [alice.accountHash]: 1, [bob.accountHash]: 1 },
        actionThresholds: { deployment: 2, keyManagement: 2 },
      },
      signers: [alice.publicKey, bob.publicKey],
    })
    const hash = change.transaction.Version1.hash
    // casper-client 2.x and wallets write the bare transaction; the `{ Version1 }` form reads the same.
    const file = join(dir, 'change.json')
    const text = JSON.stringify(change.transaction.Version1, null, 2)
    writeFileSync(file, text)

    const described = await cli(['describe', file, '-n', base, '--labels', labels])
    expect(described.err).toBe('')
    expect(described.code).toBe(0)
    expect(described.out).toContain(`Transaction ${hash}\n`)
    expect(described.out).toContain(`  add key ${full(carol, 'carol')} with weight 1`)
    expect(described.out).toContain('Signed by: nobody yet')
    const describedJson = JSON.parse((await cli(['describe', file, '--json'])).out)
    expect(describedJson).toMatchObject({ kind: 'transaction', hash, safeToSign: true })

    const byAlice = join(dir, 'change.alice.json')
    const signedByAlice = await cli([
      'sign',
      file,
      '-k',
      join(alice.dir, 'secret_key.pem'),
      '-o',
      byAlice,
      '-n',
      base,
      '--labels',
      labels,
      '--json',
    ])
    expect(signedByAlice.err).toBe('')
    expect(signedByAlice.code).toBe(0)
    expect(JSON.parse(signedByAlice.out)).toMatchObject({
      hash,
      kind: 'transaction',
      alreadySigned: false,
      approvals: 1,
      progress: { weight: 1, needed: 2, neededFor: 'key management', complete: false },
    })
    const signedByBob = await cli(
      ['sign', '-', '-k', join(bob.dir, 'secret_key.pem'), '-n', base, '--labels', labels],
      { stdin: text },
    )
    expect(signedByBob.code).toBe(0)
    expect(signedByBob.err).toContain(`Signed transaction ${hash} by ${full(bob, 'bob')}`)
    expect(JSON.parse(signedByBob.out).approvals).toHaveLength(1)
    const byBob = join(dir, 'change.bob.json')
    writeFileSync(byBob, signedByBob.out)

    // Carol's key is not on the account yet: the node would refuse the whole transaction.
    const byCarol = await cli(['sign', file, '-k', join(carol.dir, 'secret_key.pem'), '-o', '-', '-n', base])
    expect(byCarol.code).toBe(1)
    expect(byCarol.out).toBe('')
    expect(byCarol.err).toContain('Not signed: the account does not hold this key')
    // Another chain than the one asked for.
    const otherChain = await cli([
      'sign',
      file,
      '-k',
      join(alice.dir, 'secret_key.pem'),
      '-o',
      '-',
      '--chain-name',
      'casper',
    ])
    expect(otherChain.code).toBe(1)
    expect(otherChain.err).toContain('reasons: WrongChain: expected chain "casper"')

    // Not ready with one signature; status names what is missing.
    const half = await cli(['status', byAlice, '-n', base, '--labels', labels])
    expect(half.code).toBe(3)
    expect(half.out).toContain(`Transaction ${hash} for ${full(alice, 'alice')}`)
    expect(half.out).toContain(`still needed: ${full(bob, 'bob')}`)

    const merged = join(dir, 'change.merged.json')
    const merging = await cli(['merge', byAlice, byBob, '-o', merged, '--labels', labels])
    expect(merging.err).toBe('')
    expect(merging.code).toBe(0)
    expect(merging.out).toContain(`Merged 2 copies of transaction ${hash}: 2 approvals`)
    expect(merging.out).toContain(`  added: ${full(bob, 'bob')}`)
    expect(JSON.parse(readFileSync(merged, 'utf8')).approvals).toHaveLength(2)

    const ready = await cli(['status', merged, '-n', base, '--json'])
    expect(ready.code).toBe(0)
    expect(JSON.parse(ready.out)).toMatchObject({
      hash,
      kind: 'transaction',
      ready: true,
      progress: { weight: 2, needed: 2, complete: true },
    })

    const sent = await cli(['send', merged, '-n', base, ...wait])
    expect(sent.err).toBe('')
    expect(sent.code).toBe(0)
    expect(sent.out).toMatch(
      /^Preflight: Node: http:\/\/127\.0\.0\.1:\d+\/rpc \(chainspec of the node, not checked against a preset \(none for casper-devnet\)\)\nSent transaction [0-9a-f]{64}\nExecuted in block [0-9a-f]{64}\. Charged \d+ motes, Gas consumed \d+, Gas limit \d+, Refunded \d+ motes$/,
    )
    const after = await cli(['account', '--account', alice.publicKey, '-n', base])
    expect(after.out).toContain(`account-hash-${carol.accountHash} weight 1`)

    const ran = await cli(['status', merged, '-n', base])
    expect(ran.code).toBe(0)
    expect(ran.out).toMatch(
      /\nStatus: executed in block [0-9a-f]{64} at height \d+ \(success; Charged \d+ motes, Gas consumed \d+, Gas limit \d+, Refunded \d+ motes\)$/,
    )
    const waited = await cli(['wait', merged, '-n', base, '--json'])
    expect(waited.code).toBe(0)
    const { execution } = JSON.parse(waited.out)
    expect(execution).toMatchObject({ state: 'succeeded' })
    expect(Object.keys(execution).sort()).toEqual(
      ['blockHash', 'blockHeight', 'charged', 'consumed', 'limit', 'refund', 'state'].sort(),
    )
    // ExecutionResultV2: charged = cost − refund, where cost is the gross limit × price (price 1).
    const reported = devnet.state.items[hash]!.execution!
    expect(execution).toMatchObject({
      charged: String(reported.cost - reported.refund),
      consumed: String(reported.consumed),
      limit: String(reported.limit),
      refund: String(reported.refund),
    })
    expect(BigInt(execution.charged) + BigInt(execution.refund)).toBe(BigInt(execution.limit))
    const byHash = await cli(['wait', hash, '--transaction', '-n', base, '--timeout', '5'])
    expect(byHash.code).toBe(0)
    expect(byHash.out).toMatch(
      /^Executed in block [0-9a-f]{64} at height \d+\. Charged \d+ motes, Gas consumed \d+, Gas limit \d+, Refunded \d+ motes$/,
    )

    // plan --transaction writes TransactionV1 files the other commands read.
    const target = join(dir, 'target.json')
    writeFileSync(
      target,
      JSON.stringify({
        associatedKeys: [
          { key: alice.publicKey, weight: 1 },
          { key: bob.publicKey, weight: 1 },
        ],
        thresholds: { deployment: 2, keyManagement: 2 },
      }),
    )
    const planned = await cli([
      'plan',
      '-n',
      base,
      '--account',
      alice.publicKey,
      '--target',
      target,
      '--signer',
      alice.publicKey,
      '--signer',
      bob.publicKey,
      '--out-dir',
      join(dir, 'plan'),
      '--labels',
      labels,
      '--transaction',
    ])
    expect(planned.err).toBe('')
    expect(planned.code).toBe(0)
    const transactionFile = join(dir, 'plan', 'transaction-1.json')
    expect(planned.out).toMatch(/wrote .*transaction-1\.json \(transaction [0-9a-f]{64}, unsigned\)/)
    expect(Object.keys(JSON.parse(readFileSync(transactionFile, 'utf8')))).toEqual([
      'hash',
      'payload',
      'approvals',
    ])
    const planDescribed = await cli(['describe', transactionFile, '-n', base, '--labels', labels])
    expect(planDescribed.code).toBe(0)
    expect(planDescribed.out).toContain('Session: configure-account (bundled, sha256 ')
    expect(planDescribed.out).toContain(`  remove key ${full(carol, 'carol')}`)
  }, 240_000)

  test('a tampered transaction is DO NOT SIGN (exit 1); an expired one is refused by sign', async () => {
    const dave = await keygen('dave', 'ed25519')
    const { transaction } = await buildTwoPartyTransaction({
      account: dave.publicKey,
      chainName: devnet.chainName,
      deploymentAccount: `account-hash-${'11'.repeat(32)}`,
      chainspec: devnet.chainspec,
    })
    const tampered = JSON.parse(JSON.stringify(transaction))
    tampered.Version1.payload.chain_name = 'casper\u001b[2J\u202e'
    const text = JSON.stringify(tampered)
    const described = await cli(['describe', '-'], { stdin: text })
    expect(described.code).toBe(1)
    expect(described.out).toMatch(
      /^DO NOT SIGN: the content does not match the hash being signed \(HashMismatch\)/,
    )
    // The chain name from the file is shown inert: no escape or bidi character reaches the terminal.
    expect(described.out).toContain('Chain: casper')
    expect(described.out).not.toContain('\u001b')
    expect(described.out).not.toContain('\u202e')
    const signed = await cli(['sign', '-', '-k', join(dave.dir, 'secret_key.pem'), '--force'], {
      stdin: text,
    })
    expect(signed.code).toBe(1)
    expect(signed.out).toBe('')
    expect(signed.err).toContain('DO NOT SIGN')
    expect(signed.err).toContain('Nothing was written')

    const { transaction: old } = await buildTwoPartyTransaction({
      account: dave.publicKey,
      chainName: devnet.chainName,
      deploymentAccount: `account-hash-${'11'.repeat(32)}`,
      chainspec: devnet.chainspec,
      timestamp: Date.now() - 3 * 3600_000,
      ttl: '30m',
    })
    const oldFile = join(dir, 'old.json')
    writeFileSync(oldFile, JSON.stringify({ transaction: old }))
    const refused = await cli(['sign', oldFile, '-k', join(dave.dir, 'secret_key.pem')])
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('reasons: Expired: expired at')
    const forced = await cli(['sign', oldFile, '-k', join(dave.dir, 'secret_key.pem'), '--force', '-o', '-'])
    expect(forced.code).toBe(0)
    const written = JSON.parse(forced.out)
    expect(written.transaction.Version1.approvals).toHaveLength(1)
  }, 120_000)
})
