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
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ed25519 } from '@noble/curves/ed25519'
import { runDevnet } from '../../src/cli/commands/devnet.js'
import { main } from '../../src/cli/main.js'
import { devnetValidatorOf } from '../../src/devnet/devnetValidator.js'
import {
  accountFromConfig,
  assertValidConfig,
  buildConfigureDeploy,
  parsePrivateKey,
  planReconfiguration,
  stringifyDeployJson,
} from '../../src/index.js'
import { sqliteStore } from '../../src/relay/sqliteStore.js'
import { startRelay } from '../../src/relay/startRelay.js'
import { cli } from '../cli/cliProcess.js'
import { root } from './docBlocks.js'

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
  // The example runs beside the other samples (it has its own devnet), so it adds little time.
  const example = exampleSample()
  // Settled even when a sample below fails first, so no run is left unhandled.
  example.catch(() => {})
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
      // `renew` prints the expiry in local time too: the same zone on every machine.
      TZ: 'UTC',
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
    // The same change made again a moment later with a shorter TTL: another deploy, refused by merge.
    const other = buildConfigureDeploy(plan.deploys[0]!, {
      account: alice.publicKey,
      chainName: 'casper',
      timestamp: new Date(sampleNow).getTime() - 4 * 60_000,
      ttl: '30m',
    })
    mkdirSync(join(dir, 'other'))
    writeFileSync(join(dir, 'other', 'deploy-1.json'), stringifyDeployJson(other))
    await sample('merge-different', 'merge', 'bob.json', 'other/deploy-1.json', '-o', 'merged-2.json')
    outputs.set('page', await pageSample(dir))
    outputs.set('invalid-config', invalidConfigMessage())
    for (const [name, text] of await nodeSamples(dir, env, names)) outputs.set(name, text)
    outputs.set('example', await example)
    return outputs
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Steps 3 to 6 of `npm run example` (examples/multisig-flow.ts, the package imports mapped to src/
 * by tsconfig's paths), on the samples' clock. Its devnet makes a block every 200 ms of real time, so
 * the height at which each item lands, and with it the block's hash, depends on the machine's speed:
 * each block hash is shown as `<block hash>`. Everything else (keys, deploys, hashes, costs) repeats.
 */
async function exampleSample(): Promise<string> {
  const fixedClock = pathToFileURL(join(import.meta.dirname, 'fixedClock.mjs')).href
  const { CASPER_NODE_ADDRESS: _, ...parentEnv } = process.env
  const output = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', `--import=${fixedClock}`, 'examples/multisig-flow.ts'],
      {
        cwd: root,
        env: { ...parentEnv, NODE_OPTIONS: '', CASPER_MULTISIG_SAMPLE_NOW: sampleNow, TZ: 'UTC' },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`npm run example failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  )
  const lines = output.split('\n')
  const from = lines.findIndex((line) => line.startsWith('3. '))
  const to = lines.findIndex((line) => line.startsWith('7. '))
  if (from < 0 || to < from) throw new Error(`npm run example printed no steps 3 to 6:\n${output}`)
  return lines
    .slice(from, to)
    .join('\n')
    .trimEnd()
    .replace(/ in block [0-9a-f]{8}…/g, ' in block <block hash>')
}

/**
 * `page -o cosign.html`, run in this process from the source (`main`): the CLI bundle the other
 * samples run is built without the page beside it, while src/cli/commands/page.ts finds
 * dist/cosign.html (built before the tests by test/setup/buildPage.ts, and by `npm run build`).
 * The file is named by its absolute path in the temporary directory, shown relative to it as a
 * co-signer in that directory types it.
 */
async function pageSample(dir: string): Promise<string> {
  const lines: string[] = []
  const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line), env: {} }
  await main(['page', '-o', join(dir, 'cosign.html')], io)
  return lines.join('\n').replaceAll(`${dir}/`, '')
}

/**
 * The message of `InvalidConfigError` (docs/account-config.md), from the library: alice and bob of
 * that page's example with bob given twice and a key management threshold above the total weight.
 */
function invalidConfigMessage(): string {
  const alice = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
  const bob = '02034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa'
  try {
    assertValidConfig({
      associatedKeys: [
        { key: alice, weight: 3, label: 'alice' },
        { key: bob, weight: 1, label: 'bob' },
        { key: bob, weight: 1, label: 'bob' },
      ],
      thresholds: { deployment: 1, keyManagement: 5 },
    })
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('assertValidConfig accepted an invalid configuration')
}

/** Milliseconds between the devnet's timer blocks: longer than any run, so it never makes one. */
const noTimerBlocks = 2_000_000_000

/** The port the docs start the devnet on (`casper-multisig devnet --port 7777`). */
const docsPort = 7777

/** The port the docs start the relay on (`casper-multisig relay --port 7780`). */
const docsRelayPort = 7780

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
  // The relay (docs/relay.md) runs in this process too, on the devnet, its store in the temporary
  // directory; like the devnet it takes a free port, shown as the docs' 7780. Its clock is the
  // samples' one, moved past the proposals' expiry for `renew`.
  let relayClock = clock
  const relayLog: string[] = []
  const relay = await startRelay({
    store: await sqliteStore(join(dir, 'relay')),
    node: devnet.url,
    now: () => relayClock,
    log: (line) => relayLog.push(line),
  }).catch(async (error: unknown) => {
    await devnet.stop()
    throw error
  })
  const relayPort = new URL(relay.url).port
  const placePort = (text: string) =>
    text
      .replace(new RegExp(`127\\.0\\.0\\.1:${devnet.port}(?!\\d)`, 'g'), `127.0.0.1:${docsPort}`)
      .replace(new RegExp(`127\\.0\\.0\\.1:${relayPort}(?!\\d)`, 'g'), `127.0.0.1:${docsRelayPort}`)
  // A block as soon as an item is pending (while a command waits for it, or after it sent one):
  // every block holds the one item a command sent, at the same height on every run.
  const makeBlocks = async () => {
    while (devnet.state.pending.length > 0) await devnet.produceBlock()
  }
  let runEnv = env
  const run = async (...args: string[]) => {
    let running = true
    const blocks = (async () => {
      while (running) {
        await makeBlocks()
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    const { out, err } = await cli(args, { cwd: dir, env: runEnv }).finally(() => {
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
    // A target no account can have: key management above the total weight.
    writeFileSync(
      join(dir, 'invalid.json'),
      `${JSON.stringify({
        associatedKeys: [alice, bob].map((key) => ({ key: key.publicKey, weight: 1 })),
        thresholds: { deployment: 1, keyManagement: 5 },
      })}\n`,
    )
    await sample('plan-invalid', 'plan', ...node, '--target', 'invalid.json', '--account', alice.publicKey)
    // 1. alice alone makes her account 2-of-3.
    writeFileSync(join(dir, 'target.json'), target([alice, bob, carol]))
    const planned = ['--target', 'target.json', '--account', alice.publicKey]
    await run('plan', ...node, ...planned, '--signer', alice.publicKey, '--out-dir', 'setup')
    await run('sign', 'setup/deploy-1.json', '-k', 'alice.pem', '-o', 'setup/signed.json')
    await run('send', 'setup/signed.json', ...node, ...wait)
    await sample('account', 'account', ...node, '--account', alice.publicKey, ...labels)
    await sample(
      'delegate-node',
      'delegate',
      '--account',
      alice.publicKey,
      '--validator',
      devnetValidatorOf('casper-devnet'),
      '--amount',
      '1000cspr',
      ...node,
      '-o',
      'delegate.json',
    )
    // The relay walkthrough: alice proposes a transfer to carol, bob signs it by its hash.
    const relayed = ['--relay', relay.url]
    await run(
      'transfer',
      ...node,
      '--account',
      alice.publicKey,
      '--target',
      carol.publicKey,
      '--transfer-amount',
      '3cspr',
      '-o',
      'relay-transfer.json',
    )
    await run('sign', 'relay-transfer.json', '-k', 'alice.pem', '-o', 'relay-transfer.alice.json')
    await sample('relay-propose', 'propose', 'relay-transfer.alice.json', ...relayed)
    const proposed = /Proposed \S+ ([0-9a-f]{64})/.exec(outputs.get('relay-propose') ?? '')?.[1]
    if (proposed === undefined) throw new Error(`propose printed no hash:\n${outputs.get('relay-propose')}`)
    await sample('relay-sign', 'sign', proposed, '-k', 'bob.pem', ...node, ...relayed)
    // Three hours on (the transfer's 2-hour TTL is over), for the relay and the CLI alike.
    relayClock = clock + 3 * 3_600_000
    runEnv = { ...env, CASPER_MULTISIG_SAMPLE_NOW: new Date(relayClock).toISOString() }
    await sample('relay-renew', 'renew', proposed, ...relayed, ...labels)
    runEnv = env
    relayClock = clock
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
    await relay.close()
    await devnet.stop()
  }
  if (relayLog.length > 0) throw new Error(`the relay reported:\n${relayLog.join('\n')}`)
  outputs.set('devnet', placePort(log.join('\n')))
  return outputs
}
