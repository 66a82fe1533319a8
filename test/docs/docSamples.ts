// Sample outputs in README.md and docs/*.md made by real runs of the built CLI: a block preceded by
// `<!-- sample: NAME -->` holds what the command of sample NAME prints. The runs use fixed keys, a
// fixed clock (fixedClock.mjs) and files made from them, so each output is the same on every run.
// The commands that need a node run against a devnet started in this process by the `devnet`
// command itself (runDevnet) on the same fixed clock, its blocks made only when an item is pending
// (never by its timer), so block heights and hashes repeat too; `keygen` draws its key from a
// seeded stream (seededRandom.mjs). The one value that cannot be fixed is the devnet's port: a
// chosen port may be taken on the machine (or by a second run at the same time), so the devnet
// takes a free one and each output has it replaced by 7777, the port the docs start it on.
// scripts/doc-samples.ts rewrites the blocks; test/docs/samples.test.ts fails when one differs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ed25519 } from '@noble/curves/ed25519'
import { runDevnet } from '../../src/cli/commands/devnet.js'
import {
  accountFromConfig,
  buildConfigureDeploy,
  parsePrivateKey,
  planReconfiguration,
  stringifyDeployJson,
} from '../../src/index.js'
import { cli } from '../cli/cliProcess.js'

/** The clock of every sample run, and the timestamp of the files they read. */
export const sampleNow = '2026-03-02T10:00:00.000Z'

/** The marker line before a sample block. */
const marker = /^<!-- sample: ([a-z0-9-]+) -->$/

/** One marked block: the sample's name, the 1-based line of its opening fence, its text. */
export type MarkedSample = { name: string; line: number; text: string }

/**
 * The marked sample blocks of one Markdown text, and the text with each block's body replaced by
 * `outputs.get(name)` (unchanged when `outputs` lacks it).
 *
 * @throws {Error} a marker not followed by a fenced block (```text or ```).
 */
export function rewriteSamples(
  file: string,
  markdown: string,
  outputs: ReadonlyMap<string, string>,
): { samples: MarkedSample[]; markdown: string } {
  const lines = markdown.split('\n')
  const samples: MarkedSample[] = []
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]!)
    const name = marker.exec(lines[i]!)?.[1]
    if (name === undefined) continue
    const fence = lines[i + 1]
    if (fence !== '```' && fence !== '```text') {
      throw new Error(`${file}:${i + 1}: <!-- sample: ${name} --> must be followed by a \`\`\`text block`)
    }
    const end = lines.indexOf('```', i + 2)
    if (end < 0) throw new Error(`${file}:${i + 2}: the sample block ${name} is never closed`)
    const text = lines.slice(i + 2, end).join('\n')
    samples.push({ name, line: i + 2, text })
    out.push(fence, outputs.get(name) ?? text, '```')
    i = end
  }
  return { samples, markdown: out.join('\n') }
}

/** A PEM secret key from a fixed ed25519 seed (PKCS#8, as casper-client keygen writes it). */
function seededKey(byte: number): { pem: string; publicKey: string } {
  const seed = new Uint8Array(32).fill(byte)
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed])
  const pem = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`
  const publicKey = `01${Buffer.from(ed25519.getPublicKey(seed)).toString('hex')}`
  if (parsePrivateKey(pem).publicKeyHex !== publicKey) throw new Error('seeded key does not read back')
  return { pem, publicKey }
}

/**
 * Runs every sample's command with the built CLI in a fresh directory and resolves with each
 * sample's output (standard output, then standard error), by name.
 */
export async function generateSamples(): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'casper-multisig-samples-'))
  try {
    const [alice, bob, carol, dave] = [1, 2, 3, 4].map((byte) => seededKey(byte)) as [
      ReturnType<typeof seededKey>,
      ReturnType<typeof seededKey>,
      ReturnType<typeof seededKey>,
      ReturnType<typeof seededKey>,
    ]
    const names = { alice, bob, carol, dave }
    for (const [name, key] of Object.entries(names)) {
      writeFileSync(join(dir, `${name}.pem`), key.pem, { mode: 0o600 })
    }
    const labels = Object.fromEntries(
      Object.entries(names).map(([name, key]) => [
        `account-hash-${parsePrivateKey(key.pem).accountHash}`,
        name,
      ]),
    )
    writeFileSync(join(dir, 'labels.json'), `${JSON.stringify(labels, null, 2)}\n`)

    // A 2-of-3 account (alice, bob, carol) replacing carol with dave, signed by bob and carol.
    const account = accountFromConfig(
      {
        associatedKeys: [alice, bob, carol].map((key) => ({ key: key.publicKey, weight: 1 })),
        thresholds: { deployment: 2, keyManagement: 2 },
      },
      alice.publicKey,
    )
    const plan = await planReconfiguration(
      account,
      {
        associatedKeys: [alice, bob, dave].map((key) => ({ key: key.publicKey, weight: 1 })),
        thresholds: { deployment: 2, keyManagement: 2 },
      },
      { signers: [bob.publicKey, carol.publicKey] },
    )
    const change = buildConfigureDeploy(plan.deploys[0]!, {
      account: alice.publicKey,
      chainName: 'casper',
      timestamp: new Date(sampleNow).getTime() - 5 * 60_000,
      ttl: '2h',
    })
    writeFileSync(join(dir, 'deploy-1.json'), stringifyDeployJson(change))

    const preload = (file: string) => `--import=${pathToFileURL(join(import.meta.dirname, file)).href}`
    const env = {
      NODE_OPTIONS: preload('fixedClock.mjs'),
      CASPER_MULTISIG_SAMPLE_NOW: sampleNow,
      CASPER_MULTISIG_CONFIG_DIR: join(dir, 'no-config'),
      XDG_CONFIG_HOME: join(dir, 'no-config'),
      HOME: dir,
    }
    const run = async (...args: string[]) => {
      const { out, err } = await cli(args, { cwd: dir, env })
      return [out, err].filter((text) => text !== '').join('\n')
    }
    const outputs = new Map<string, string>()
    const sample = async (name: string, ...args: string[]) => {
      outputs.set(name, await run(...args))
    }
    const keygen = await cli(['keygen', 'alice'], {
      cwd: dir,
      env: {
        ...env,
        NODE_OPTIONS: `${env.NODE_OPTIONS} ${preload('seededRandom.mjs')}`,
        CASPER_MULTISIG_SAMPLE_SEED: 'keygen alice',
      },
    })
    outputs.set('keygen', [keygen.out, keygen.err].filter((text) => text !== '').join('\n'))
    await sample(
      'transfer',
      'transfer',
      '--account',
      alice.publicKey,
      '--target',
      bob.publicKey,
      '--transfer-amount',
      '10cspr',
      '--transfer-id',
      '42',
      '--chain-name',
      'casper',
      '-o',
      'transfer.json',
    )
    await sample('describe-transfer', 'describe', 'transfer.json', '--labels', 'labels.json')
    await sample('describe-key-change', 'describe', 'deploy-1.json', '--labels', 'labels.json')
    await sample(
      'sign',
      'sign',
      'deploy-1.json',
      '-k',
      'bob.pem',
      '-o',
      'bob.json',
      '--labels',
      'labels.json',
    )
    await sample(
      'sign-wrong-chain',
      'sign',
      'deploy-1.json',
      '-k',
      'carol.pem',
      '--chain-name',
      'casper-test',
      '-o',
      'carol.json',
    )
    await run('sign', 'deploy-1.json', '-k', 'carol.pem', '-o', 'carol.json', '--labels', 'labels.json')
    await sample('merge', 'merge', 'bob.json', 'carol.json', '-o', 'merged.json', '--labels', 'labels.json')
    for (const [name, text] of await nodeSamples(dir, env, names)) outputs.set(name, text)
    return outputs
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Milliseconds between the devnet's timer blocks: longer than any run, so it never makes one. */
const noTimerBlocks = 2_000_000_000

/** The port the docs start the devnet on (`casper-multisig devnet --port 7777`). */
const docsPort = 7777

/**
 * The samples that need a node, run against a devnet the `devnet` command starts in this process:
 * alice makes her account 2-of-3 (alice, bob, carol), then bob and carol replace carol with dave.
 */
async function nodeSamples(
  dir: string,
  env: Record<string, string>,
  keys: Record<'alice' | 'bob' | 'carol' | 'dave', { publicKey: string }>,
): Promise<Map<string, string>> {
  const { alice, bob, carol, dave } = keys
  const clock = new Date(sampleNow).getTime()
  const log: string[] = []
  const started = await runDevnet(
    ['--port', '0', '--block-interval', String(noTimerBlocks), '--account', alice.publicKey],
    { out: (line) => log.push(line), err: (line) => log.push(line) },
    () => clock,
  )
  const devnet = started.devnet
  if (devnet === undefined) throw new Error(`the devnet did not start:\n${log.join('\n')}`)
  const placePort = (text: string) => text.replaceAll(`127.0.0.1:${devnet.port}`, `127.0.0.1:${docsPort}`)
  // A block as soon as an item is pending (while a command waits for it, or after it sent one):
  // every block holds the one item a command sent, at the same height on every run.
  const makeBlocks = async () => {
    while (devnet.state.pending.length > 0) await devnet.produceBlock()
  }
  const run = async (...args: string[]) => {
    let running = true
    const blocks = (async () => {
      while (running) {
        await makeBlocks()
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    const { out, err } = await cli(args, { cwd: dir, env }).finally(() => {
      running = false
    })
    await blocks
    await makeBlocks()
    return placePort([out, err].filter((text) => text !== '').join('\n'))
  }
  const outputs = new Map<string, string>()
  const sample = async (name: string, ...args: string[]) => {
    outputs.set(name, await run(...args))
  }
  const node = ['--node', devnet.url]
  const wait = ['--wait', '60', '--poll-interval', '50']
  const labels = ['--labels', 'labels.json']
  const target = (members: { publicKey: string }[]) =>
    `${JSON.stringify({
      associatedKeys: members.map((key) => ({ key: key.publicKey, weight: 1 })),
      thresholds: { deployment: 2, keyManagement: 2 },
    })}\n`
  try {
    await sample('fund', 'fund', ...node, '--public-key', bob.publicKey, '--amount', '5000000000000')
    // 1. alice alone makes her account 2-of-3.
    writeFileSync(join(dir, 'target.json'), target([alice, bob, carol]))
    const planned = ['--target', 'target.json', '--account', alice.publicKey]
    await run('plan', ...node, ...planned, '--signer', alice.publicKey, '--out-dir', 'setup')
    await run('sign', 'setup/deploy-1.json', '-k', 'alice.pem', '-o', 'setup/signed.json')
    await run('send', 'setup/signed.json', ...node, ...wait)
    await sample('account', 'account', ...node, '--account', alice.publicKey, ...labels)
    // 2. Replace carol with dave, signed by bob and carol; and the same change again, planned from
    // the same account for alice and bob, which fails once the first has run (dave is then a key).
    writeFileSync(join(dir, 'target2.json'), target([alice, bob, dave]))
    const change = ['--target', 'target2.json', '--account', alice.publicKey]
    await run(
      'plan',
      ...node,
      ...change,
      '--signer',
      bob.publicKey,
      '--signer',
      carol.publicKey,
      '--out-dir',
      'change',
    )
    await run(
      'plan',
      ...node,
      ...change,
      '--signer',
      alice.publicKey,
      '--signer',
      bob.publicKey,
      '--ttl',
      '1h',
      '--out-dir',
      'again',
    )
    await run('sign', 'change/deploy-1.json', '-k', 'bob.pem', '-o', 'change/bob.json')
    await sample('status-not-ready', 'status', 'change/bob.json', ...node, ...labels)
    await sample('send-refused', 'send', 'change/bob.json', ...node, '--no-preflight')
    await run('sign', 'change/deploy-1.json', '-k', 'carol.pem', '-o', 'change/carol.json')
    await run('merge', 'change/bob.json', 'change/carol.json', '-o', 'change/merged.json')
    await sample('send', 'send', 'change/merged.json', ...node)
    await sample('wait', 'wait', 'change/merged.json', ...node, '--poll-interval', '50')
    await sample('status-executed', 'status', 'change/merged.json', ...node, ...labels)
    await run('sign', 'again/deploy-1.json', '-k', 'alice.pem', '-o', 'again/alice.json')
    await run('sign', 'again/deploy-1.json', '-k', 'bob.pem', '-o', 'again/bob.json')
    await run('merge', 'again/alice.json', 'again/bob.json', '-o', 'again/merged.json')
    await sample('send-failed', 'send', 'again/merged.json', ...node, '--no-preflight', ...wait)
  } finally {
    await devnet.stop()
  }
  outputs.set('devnet', placePort(log.join('\n')))
  return outputs
}
