// `plan` writes the address book co-signers read: a key the plan removes keeps its name there, so the
// removal reads "remove key … (carol)", not a bare hash.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { writeKey } from './cliKit.js'

let devnet: Devnet
let dir: string
let alice: ReturnType<typeof writeKey>
let carol: ReturnType<typeof writeKey>
let onlyAlice: string

async function run(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const { code } = await main(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    // An empty configuration directory: no own address book names anyone.
    env: { CASPER_MULTISIG_CONFIG_DIR: join(dir, 'config') },
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const target = (path: string, keys: readonly { publicKey: string }[]) =>
  writeFileSync(
    path,
    JSON.stringify({
      associatedKeys: keys.map((k) => ({ key: k.publicKey, weight: 1 })),
      thresholds: { deployment: 1, keyManagement: 1 },
    }),
  )

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-plan-names-'))
  alice = writeKey(dir, 'alice')
  carol = writeKey(dir, 'carol')
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50, accounts: [{ publicKey: alice.publicKey }] })
  // Alice adds carol (no names anywhere), so that a later plan can remove her.
  const both = join(dir, 'both.json')
  target(both, [alice, carol])
  const setup = join(dir, 'setup')
  const args = ['-n', devnet.url, '--account', alice.publicKey, '--target', both, '--out-dir', setup]
  expect((await run(['plan', ...args, '--quiet'])).code).toBe(0)
  const signed = join(setup, 'signed.json')
  expect((await run(['sign', join(setup, 'deploy-1.json'), '-k', alice.path, '-o', signed, '-q'])).code).toBe(
    0,
  )
  const sent = await run(['send', signed, '-n', devnet.url, '--wait', '30', '--poll-interval', '50', '-q'])
  expect(sent).toMatchObject({ code: 0, err: '' })
  onlyAlice = join(dir, 'only-alice.json')
  target(onlyAlice, [alice])
}, 60_000)

afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Plans removing carol into DIR, then describes the deploy with the labels.json plan wrote. */
async function planRemovingCarol(outDir: string, ...extra: string[]) {
  const plan = await run([
    'plan',
    '-n',
    devnet.url,
    '--account',
    alice.publicKey,
    '--target',
    onlyAlice,
    '--out-dir',
    outDir,
    ...extra,
  ])
  expect(plan).toMatchObject({ code: 0, err: '' })
  const book = join(outDir, 'labels.json')
  const described = await run(['describe', join(outDir, 'deploy-1.json'), '--labels', book])
  return { plan, book: JSON.parse(readFileSync(book, 'utf8')), described }
}

describe('plan keeps the names of the keys it removes', () => {
  test('a key named in a --labels book: the written labels.json names it; describe shows the name on the removal', async () => {
    const names = join(dir, 'names.json')
    writeFileSync(names, JSON.stringify({ [carol.publicKey]: 'carol', [alice.publicKey]: 'alice' }))
    const { plan, book, described } = await planRemovingCarol(join(dir, 'named'), '--labels', names)
    expect(plan.out).toContain(`remove account-hash-${carol.accountHash} (carol)`)
    expect(book[`account-hash-${carol.accountHash}`]).toBe('carol')
    expect(described.out).toContain(`  remove key account-hash-${carol.accountHash} (carol)`)
  })

  test('a key named in the labels.json already in the output directory keeps that name', async () => {
    const outDir = join(dir, 'again')
    mkdirSync(outDir)
    writeFileSync(
      join(outDir, 'labels.json'),
      JSON.stringify({ [`account-hash-${carol.accountHash}`]: 'carol (old laptop)' }),
    )
    const { book, described } = await planRemovingCarol(outDir)
    expect(book[`account-hash-${carol.accountHash}`]).toBe('carol (old laptop)')
    expect(described.out).toContain(`  remove key account-hash-${carol.accountHash} (carol (old laptop))`)
  })

  test('a key named by --label KEY=NAME keeps that name', async () => {
    const { book, described } = await planRemovingCarol(
      join(dir, 'flag'),
      '--label',
      `${carol.publicKey}=carol`,
    )
    expect(book[`account-hash-${carol.accountHash}`]).toBe('carol')
    expect(described.out).toContain(`  remove key account-hash-${carol.accountHash} (carol)`)
  })
})
