// Sample outputs in README.md and docs/*.md made by real runs of the built CLI: a block preceded by
// `<!-- sample: NAME -->` holds what the command of sample NAME prints. The runs use fixed keys, a
// fixed clock (fixedClock.mjs) and files made from them, so each output is the same on every run.
// scripts/doc-samples.ts rewrites the blocks; test/docs/samples.test.ts fails when one differs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ed25519 } from '@noble/curves/ed25519'
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

    const env = {
      NODE_OPTIONS: `--import=${pathToFileURL(join(import.meta.dirname, 'fixedClock.mjs')).href}`,
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
    return outputs
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
