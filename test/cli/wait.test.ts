import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { cli, writeKey } from './cliKit.js'

let devnet: Devnet
let dir: string
let erin: ReturnType<typeof writeKey>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-wait-'))
  erin = writeKey(dir, 'erin')
  // No blocks but the ones the test makes: a sent deploy stays pending until then.
  devnet = await startDevnet({ port: 0, blockIntervalMs: 3_600_000 })
  await devnet.createAccount({ publicKey: erin.publicKey })
})

afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Runs the CLI in-process with a terminal's progress line captured (`progress` fills as it runs). */
async function runWithProgress(argv: string[], progress: string[] = []) {
  const out: string[] = []
  const err: string[] = []
  const { code } = await main(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    progress: (line) => progress.push(line),
    env: {},
  })
  return { code, out: out.join('\n'), err: err.join('\n'), progress }
}

describe('casper-multisig status and wait: a sent deploy before and after it executes', () => {
  test('status says pending (exit 4); wait shows elapsed time and block height on a terminal, then the result', async () => {
    const target = join(dir, 'target.json')
    writeFileSync(
      target,
      JSON.stringify({
        associatedKeys: [{ key: erin.publicKey, weight: 3 }],
        thresholds: { deployment: 1, keyManagement: 1 },
      }),
    )
    const node = devnet.url
    expect(
      (
        await cli([
          'plan',
          '-n',
          node,
          '--account',
          erin.publicKey,
          '--target',
          target,
          '--out-dir',
          dir,
          '-q',
        ])
      ).code,
    ).toBe(0)
    const signed = join(dir, 'signed.json')
    expect((await cli(['sign', join(dir, 'deploy-1.json'), '-k', erin.path, '-o', signed, '-q'])).code).toBe(
      0,
    )
    const hash = JSON.parse(readFileSync(signed, 'utf8')).hash
    expect(await cli(['send', signed, '-n', node])).toEqual({
      code: 0,
      out: `Preflight: Node: ${node} (chainspec of the node, not checked against a preset (none for casper-devnet))\nSent deploy ${hash}`,
      err: '',
    })

    const pending = await cli(['status', signed, '-n', node])
    expect(pending.code).toBe(4)
    expect(pending.out).toMatch(/\nStatus: pending: accepted by the node, not executed yet$/)
    expect(JSON.parse((await cli(['status', signed, '-n', node, '--json'])).out)).toEqual({
      hash,
      node: { urls: [node], chainspec: { kind: 'unchecked', chainName: 'casper-devnet' } },
      execution: { state: 'pending' },
    })

    const lines: string[] = []
    const waiting = runWithProgress(
      ['wait', hash, '-n', node, '--timeout', '30', '--poll-interval', '50'],
      lines,
    )
    // Once the wait has drawn its line (however loaded the machine), make the block.
    while (lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
    const block = await devnet.produceBlock()
    const waited = await waiting
    expect(waited.code).toBe(0)
    // Gross cost limit x price, charged cost - refund (mainnet 2.2.0: 75% of the unused limit back).
    const execution = devnet.state.items[hash]!.execution!
    expect(execution.charged).toBe(execution.cost - execution.refund)
    expect(waited.out).toBe(
      `Executed in block ${block.hash} at height ${block.height}. Charged ${execution.charged} motes, Gas consumed ${execution.consumed}, Gas limit ${execution.limit}, Refunded ${execution.refund} motes`,
    )
    expect(waited.progress[0]).toMatch(new RegExp(`^Waiting for ${hash}: 0 s, pending, block height \\d+$`))
    expect(waited.progress.at(-1)).toBe('')

    const ran = await cli(['status', signed, '-n', node])
    expect(ran.code).toBe(0)
    expect(ran.out).toContain(
      `Status: executed in block ${block.hash} at height ${block.height} (success; Charged ${execution.charged} motes, `,
    )
  }, 180_000)

  test('wait gives up after --timeout with a remedy in command-line words', async () => {
    const unknown = 'ab'.repeat(32)
    const result = await runWithProgress([
      'wait',
      unknown,
      '-n',
      devnet.url,
      '--timeout',
      '0.3',
      '--poll-interval',
      '50',
    ])
    expect(result.code).toBe(1)
    expect(result.err).toMatch(
      new RegExp(`^No execution of ${unknown} within the overall deadline of 300 ms\\n`),
    )
    expect(result.err).toContain(
      'Remedy: It was sent: wait again with `casper-multisig wait HASH --timeout SECONDS`',
    )
    expect(result.progress[0]).toMatch(
      new RegExp(`^Waiting for ${unknown}: 0 s, not seen yet, block height \\d+$`),
    )
  })
})
