// `send --no-preflight`: when the node refuses the deploy, its error comes first and unchanged, then
// our own reading of why, marked as such: the preflight run against the account after the refusal.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { cli, writeKey } from './cliKit.js'

let devnet: Devnet
let dir: string
let erin: ReturnType<typeof writeKey>
let frank: ReturnType<typeof writeKey>
/** erin's 2-of-2 account (erin, frank): a change signed by erin alone. */
let erinOnly: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-refused-'))
  erin = writeKey(dir, 'erin')
  frank = writeKey(dir, 'frank')
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50 })
  await devnet.createAccount({ publicKey: erin.publicKey })
  const target = (file: string, deployment: number) => {
    writeFileSync(
      join(dir, file),
      JSON.stringify({
        associatedKeys: [
          { key: erin.publicKey, weight: 1 },
          { key: frank.publicKey, weight: 1 },
        ],
        thresholds: { deployment, keyManagement: 2 },
      }),
    )
    return join(dir, file)
  }
  const plan = (file: string, out: string, ...signers: string[]) =>
    cli([
      'plan',
      '-n',
      devnet.url,
      '--account',
      erin.publicKey,
      '--target',
      file,
      '--out-dir',
      join(dir, out),
      ...signers.flatMap((key) => ['--signer', key]),
      '--quiet',
    ])
  expect(await plan(target('two.json', 2), 'setup', erin.publicKey)).toMatchObject({ code: 0 })
  const setup = join(dir, 'setup', 'signed.json')
  expect(
    await cli(['sign', join(dir, 'setup', 'deploy-1.json'), '-k', erin.path, '-o', setup, '-q']),
  ).toMatchObject({
    code: 0,
  })
  expect(
    await cli(['send', setup, '-n', devnet.url, '--wait', '30', '--poll-interval', '50', '--quiet']),
  ).toMatchObject({ code: 0 })
  expect(await plan(target('one.json', 1), 'change', erin.publicKey, frank.publicKey)).toMatchObject({
    code: 0,
  })
  erinOnly = join(dir, 'change', 'erin.json')
  expect(
    await cli(['sign', join(dir, 'change', 'deploy-1.json'), '-k', erin.path, '-o', erinOnly, '-q']),
  ).toMatchObject({ code: 0 })
}, 120_000)

afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('send --no-preflight: the node refuses, and we say why', () => {
  test("too little weight: the node's error, then our reading with the weight and the missing key", async () => {
    const frankHash = accountHashFromPublicKey(frank.publicKey)
    const sent = await cli(['send', erinOnly, '-n', devnet.url, '--no-preflight'])
    expect(sent.code).toBe(1)
    expect(sent.out).toBe('')
    const lines = sent.err.split('\n')
    expect(lines[0]).toBe('The node returned JSON-RPC error -32008 (InvalidDeploy)')
    expect(lines).toContain('  message: Invalid Deploy')
    expect(sent.err).toMatch(/\n {2}data: .*insufficient .*signature weight.*\n/)
    // Ours comes after the node's data, under its own name, with numbers and the key to add.
    expect(sent.err.indexOf('  our reading (the preflight, run after the refusal): ')).toBeGreaterThan(
      sent.err.indexOf('  data: '),
    )
    expect(sent.err).toContain(
      `  our reading (the preflight, run after the refusal): BelowDeploymentThreshold: too little signature weight: weight 1 of 2 (key management); still needed: account-hash-${frankHash}`,
    )
    expect(lines.at(-1)).toMatch(/^Remedy: The node refused the deploy \(see data\)/)
    const { hash } = JSON.parse(readFileSync(erinOnly, 'utf8')) as { hash: string }
    expect(devnet.state.items[hash]).toBeUndefined()

    const json = await cli(['send', erinOnly, '-n', devnet.url, '--no-preflight', '--json'])
    expect(json.code).toBe(1)
    const { error } = JSON.parse(json.out) as {
      error: { code: string; message: string; details: Record<string, string> }
    }
    expect(error.code).toBe('NodeRefused')
    expect(error.message).toBe('The node returned JSON-RPC error -32008 (InvalidDeploy)')
    expect(error.details['our reading (the preflight, run after the refusal)']).toMatch(
      /^BelowDeploymentThreshold: too little signature weight: weight 1 of 2 /,
    )
  })

  test('an account the node does not have: the reading says it could not be worked out', async () => {
    const stranger = writeKey(dir, 'stranger')
    const file = join(dir, 'stranger.json')
    const made = await cli([
      'transfer',
      '--account',
      stranger.publicKey,
      '--target',
      erin.publicKey,
      '--transfer-amount',
      '10cspr',
      '--chain-name',
      devnet.chainName,
      '-o',
      file,
    ])
    expect(made.code).toBe(0)
    expect(await cli(['sign', file, '-k', stranger.path, '--in-place', '-q'])).toMatchObject({ code: 0 })
    const sent = await cli(['send', file, '-n', devnet.url, '--no-preflight'])
    expect(sent.code).toBe(1)
    expect(sent.err).toMatch(/^The node returned JSON-RPC error -\d+ /)
    expect(sent.err).toMatch(
      /\n {2}our reading \(the preflight, run after the refusal\): not worked out: .+ \(the node's data above is the reason\)\n/,
    )
  })
})
