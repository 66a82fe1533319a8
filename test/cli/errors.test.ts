import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'

import { closedPort, run, writeKey } from './cliKit.js'

let devnet: Devnet
let dir: string
let node: string
let erin: ReturnType<typeof writeKey>
let frank: ReturnType<typeof writeKey>
let grace: ReturnType<typeof writeKey>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-errors-'))
  erin = writeKey(dir, 'erin')
  frank = writeKey(dir, 'frank')
  grace = writeKey(dir, 'grace')
  devnet = await startDevnet({ port: 0, protocol: '1.5', blockIntervalMs: 50 })
  await devnet.createAccount({ publicKey: erin.publicKey })
  node = devnet.url
})

afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const target = (name: string, content: unknown) => {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(content))
  return path
}

describe('casper-multisig: usage errors exit 2 and print the usage', () => {
  test('unknown command, unknown flag, missing flag, missing argument, conflicting flags', async () => {
    expect(await run('nope')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command nope') })
    const unknownFlag = await run('account', '--node', node, '--account', erin.publicKey, '--bogus')
    expect(unknownFlag.code).toBe(2)
    expect(unknownFlag.err).toContain("Unknown option '--bogus'")
    expect(unknownFlag.err).toContain('Usage: casper-multisig account')
    const missingFlag = await run('status', 'deploy.json')
    expect(missingFlag.code).toBe(2)
    expect(missingFlag.err).toMatch(
      /^Missing --node\n {2}expected: --node URL \(or --node-address URL, -n URL, or CASPER_NODE_ADDRESS\)\n/,
    )
    expect((await run('merge', '--out', 'x.json')).err).toMatch(
      /^Missing FILE\n {2}expected: at least 1 FILE/,
    )
    expect((await run('describe', 'a.json', 'b.json')).err).toMatch(/^Too many arguments/)
    const both = await run('sign', 'a.json', '--key', 'k.pem', '--out', 'b.json', '--in-place')
    expect(both).toMatchObject({
      code: 2,
      err: expect.stringContaining('--out and --in-place exclude each other'),
    })
    expect((await run('send', 'a.json', '--node', node, '--wait', 'soon')).err).toMatch(/^Invalid --wait/)
    expect((await run('account', '--node', node, '--account', erin.publicKey, '--label', 'bob')).err).toMatch(
      /^Invalid --label\n {2}expected: KEY=NAME/,
    )
    expect((await run()).code).toBe(2)
  }, 180_000)
})

describe('casper-multisig: failures exit 1 with the typed error message', () => {
  test('a missing file, a file that is not a deploy, a malformed target', async () => {
    const missing = await run('describe', join(dir, 'nope.json'))
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/^Cannot read deploy file .*nope\.json\n {2}reason: ENOENT/)
    const notDeploy = target('not-a-deploy.json', { hello: 'world' })
    const wrong = await run('sign', notDeploy, '--key', erin.path)
    expect(wrong.code).toBe(1)
    expect(wrong.err).toContain('not-a-deploy.json is not a deploy file')
    const badTarget = target('bad-target.json', { associatedKeys: [], threshold: { deployment: 1 } })
    const bad = await run('plan', '--node', node, '--account', erin.publicKey, '--target', badTarget)
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/is not a target configuration\n {2}field: threshold\n/)
    const port = await closedPort()
    const unreachable = await run(
      'account',
      '--node',
      `http://127.0.0.1:${port}`,
      '--account',
      erin.publicKey,
    )
    expect(unreachable.code).toBe(1)
    expect(unreachable.err).toContain(`Cannot reach http://127.0.0.1:${port}/rpc`)
    expect(unreachable.err).toContain('  reason: ECONNREFUSED')
    expect(unreachable.err).toMatch(/\nRemedy: Check that the node is running and that --node/)
  }, 180_000)

  test('plan refuses an invalid target and signers that cannot authorize it', async () => {
    const keys = [
      { key: erin.publicKey, weight: 1, label: 'erin' },
      { key: frank.publicKey, weight: 1, label: 'frank' },
    ]
    const tooHigh = target('too-high.json', {
      associatedKeys: keys,
      thresholds: { deployment: 1, keyManagement: 5 },
    })
    const invalid = await run(
      'plan',
      '--node',
      node,
      '--account',
      erin.publicKey,
      '--target',
      tooHigh,
      '--out-dir',
      dir,
    )
    expect(invalid.code).toBe(1)
    expect(invalid.err).toContain('The target configuration is invalid')
    expect(invalid.err).toContain('key management threshold 5 exceeds the total weight 2')
    expect(invalid.err).toContain('Remedy:')

    const fine = target('fine.json', {
      associatedKeys: keys,
      thresholds: { deployment: 1, keyManagement: 1 },
    })
    const args = ['plan', '--node', node, '--account', erin.publicKey, '--target', fine, '--out-dir', dir]
    const unauthorized = await run(...args, '--signer', grace.publicKey)
    expect(unauthorized.code).toBe(1)
    expect(unauthorized.err).toMatch(/^A signer of the deploy is not an associated key/)

    const byHash = await run(
      'plan',
      '--node',
      node,
      '--account',
      `account-hash-${erin.accountHash}`,
      '--target',
      target('hashes.json', {
        associatedKeys: [
          { key: `account-hash-${erin.accountHash}`, weight: 1 },
          { key: frank.publicKey, weight: 1 },
        ],
        thresholds: { deployment: 1, keyManagement: 1 },
      }),
    )
    expect(byHash.code).toBe(2)
    expect(byHash.err).toContain("The account's public key is needed")
  }, 180_000)

  test('merge of different deploys names the field; an execution failure is explained', async () => {
    const keys = [
      { key: erin.publicKey, weight: 1, label: 'erin' },
      { key: frank.publicKey, weight: 1, label: 'frank' },
    ]
    const addFrank = target('add-frank.json', {
      associatedKeys: keys,
      thresholds: { deployment: 1, keyManagement: 1 },
    })
    const [a, b] = [join(dir, 'a'), join(dir, 'b')]
    const plan = (out: string, ttl: string) =>
      run(
        'plan',
        '--node',
        node,
        '--account',
        erin.publicKey,
        '--target',
        addFrank,
        '--out-dir',
        out,
        '--ttl',
        ttl,
      )
    expect((await plan(a, '1h')).code).toBe(0)
    expect((await plan(b, '30m')).code).toBe(0)
    const again = await plan(a, '1h')
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('deploy-1.json already exists') })
    // A 1.5 devnet has no minimum payment: sign reads its rules from the node (mainnet's otherwise).
    expect(
      (
        await run(
          'sign',
          join(a, 'deploy-1.json'),
          '--key',
          erin.path,
          '--out',
          join(a, 'signed.json'),
          '--node',
          node,
        )
      ).code,
    ).toBe(0)
    expect(
      (await run('sign', join(b, 'deploy-1.json'), '--key', erin.path, '--in-place', '--node', node)).code,
    ).toBe(0)

    const merge = await run(
      'merge',
      join(a, 'signed.json'),
      join(b, 'deploy-1.json'),
      '--out',
      join(dir, 'm.json'),
    )
    expect(merge.code).toBe(1)
    expect(merge.err).toMatch(
      /^Copies 0 and 1 are different deploys: header\.\w+ differs\n {2}field: header\./,
    )
    expect(merge.err).toContain('header.ttl: "1h" vs "30m"')
    expect(merge.err).toContain(`copies: 0 = ${join(a, 'signed.json')}, 1 = ${join(b, 'deploy-1.json')}`)

    // Both add frank: once the first executed, the second reverts with DuplicateKey.
    expect(
      (await run('send', join(a, 'signed.json'), '--node', node, '--wait', '30', '--poll-interval', '50'))
        .code,
    ).toBe(0)
    const preflighted = await run('send', join(b, 'deploy-1.json'), '--node', node)
    expect(preflighted.code).toBe(1)
    expect(preflighted.err).toContain('SessionWouldFail')
    const failed = await run(
      'send',
      join(b, 'deploy-1.json'),
      '--node',
      node,
      '--no-preflight',
      '--wait',
      '30',
      '--poll-interval',
      '50',
    )
    expect(failed.code).toBe(1)
    expect(failed.out).toMatch(/^Sent deploy [0-9a-f]{64}$/)
    expect(failed.err).toMatch(/^Execution failed: ApiError::DuplicateKey \[22\]\n/)
    expect(failed.err).toContain('explanation: ')
    expect(failed.err).toMatch(/\n {2}charged: \d+\n/)
    expect(failed.err).toContain('Remedy: ')
    expect(failed.err).not.toContain('getAccountConfig')
    // Once it ran, status and send say so: executed, with the failure; exit 1.
    const [status, resend] = await Promise.all([
      run('status', join(b, 'deploy-1.json'), '--node', node),
      run('send', join(b, 'deploy-1.json'), '--node', node),
    ])
    expect(status.code).toBe(1)
    expect(status.out).toMatch(
      // 1.5 (ExecutionResultV1): only what was charged is reported.
      /\nStatus: executed in block [0-9a-f]{64} \(failure: ApiError::DuplicateKey \[22\]; Charged \d+ motes\)\n/,
    )
    expect(resend.code).toBe(1)
    expect(resend.out).toMatch(
      /was already sent: executed in block [0-9a-f]{64} \(failure: ApiError::DuplicateKey \[22\]; Charged \d+ motes\)$/,
    )
  }, 180_000)
})
