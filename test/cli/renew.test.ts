// `casper-multisig renew`, in-process: the renewed unsigned file next to the input, old and new hash,
// the new expiry, who must sign again by name, never replacing a file without --force.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { main } from '../../src/cli/main.js'
import { mainnet, parseCosignFile, verifyFile, withApprovals } from '../../src/cosign/index.js'
import { stringifyCosignFile } from '../../src/cosign/stringifyCosignFile.js'

const vectors = new URL('../vectors/', import.meta.url)
const vector = (name: string) => readFileSync(new URL(name, vectors), 'utf8')
const deployText = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
const transactionText = vector('SYNTHETIC_transaction_v1_session_2approvals.json')
const deploy = parseCosignFile(deployText)
const [ed25519, secp256k1] = deploy.approvals as [(typeof deploy.approvals)[0], (typeof deploy.approvals)[0]]
// The vectors' keys: ed25519 `0f` x 32 (account 83b0df3b…), secp256k1 `11` x 32 (account c863d586…).
const ed25519Account = '83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2'
const secp256k1Account = 'c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234'
const now = Date.parse('2025-03-04T05:06:07.089Z')

let dir: string
let config: string

async function run(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const { code } = await main(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { CASPER_MULTISIG_CONFIG_DIR: config },
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-renew-'))
  config = join(dir, 'config')
  mkdirSync(config)
  writeFileSync(join(config, 'labels.json'), JSON.stringify({ [`account-hash-${secp256k1Account}`]: 'bob' }))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(now)
})
afterEach(() => {
  vi.useRealTimers()
})

/** A fresh input file in its own folder, so default output names do not collide between tests. */
function input(name: string, text: string): string {
  const folder = mkdtempSync(join(dir, 'case-'))
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}

describe('casper-multisig renew', () => {
  test('writes <name>.renewed.json: the same deploy, timestamp now, no approvals, hashes that verify', async () => {
    const file = input('deploy-1.json', deployText)
    const { code, out, err } = await run('renew', file, '--label', `${ed25519.signer}=alice`)
    expect(err).toBe('')
    expect(code).toBe(0)
    const written = file.replace(/deploy-1\.json$/, 'deploy-1.renewed.json')
    const renewed = parseCosignFile(readFileSync(written, 'utf8'))
    expect(renewed.kind).toBe('deploy')
    expect(renewed.approvals).toEqual([])
    expect(renewed.kind === 'deploy' && renewed.headerText).toEqual({
      timestamp: '2025-03-04T05:06:07.089Z',
      ttl: '30m',
    })
    const report = verifyFile(renewed, { now, network: { ...mainnet, chainName: 'casper-test' } })
    expect(report.hash).toBe(renewed.hash)
    expect(report.problems).toEqual([])
    const lines = out.split('\n')
    expect(lines[0]).toBe(`Renewed deploy ${deploy.hash} -> ${renewed.hash}`)
    expect(lines[1]).toMatch(
      /^Expires: 2025-03-04T05:36:07\.089Z \(UTC\), \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d \(local time\); TTL 30m$/,
    )
    expect(lines.slice(2)).toEqual([
      'Must sign again:',
      `  account-hash-${ed25519Account} (alice) (public key ${ed25519.signer})`,
      `  account-hash-${secp256k1Account} (bob) (public key ${secp256k1.signer})`,
      `Wrote ${written} (unsigned)`,
    ])
  })

  test('the local time is the expiry in the machine time zone', async () => {
    const before = process.env.TZ
    process.env.TZ = 'Asia/Kolkata'
    try {
      const { code, out } = await run('renew', input('d.json', deployText))
      expect(code).toBe(0)
      expect(out).toContain(
        'Expires: 2025-03-04T05:36:07.089Z (UTC), 2025-03-04 11:06:07 +05:30 (local time)',
      )
    } finally {
      if (before === undefined) delete process.env.TZ
      else process.env.TZ = before
    }
  })

  test('a TransactionV1 keeps its wrapper; --ttl sets the TTL; --json prints the result', async () => {
    const file = input('tx.json', transactionText)
    const { code, out } = await run('renew', file, '--ttl', '45 minutes', '--json')
    expect(code).toBe(0)
    const written = join(file, '..', 'tx.renewed.json')
    const text = readFileSync(written, 'utf8')
    expect(Object.keys(JSON.parse(text))).toEqual(['Version1'])
    const renewed = parseCosignFile(text)
    expect(renewed.kind === 'transaction' && renewed.payloadText.ttl).toBe('45m')
    const transaction = parseCosignFile(transactionText)
    expect(JSON.parse(out)).toEqual({
      hash: renewed.hash,
      kind: 'transaction',
      previousHash: transaction.hash,
      expiresAt: '2025-03-04T05:51:07.089Z',
      ttl: '45m',
      mustSign: [
        { key: `account-hash-${ed25519Account}`, publicKey: transaction.approvals[0]!.signer },
        {
          key: `account-hash-${secp256k1Account}`,
          label: 'bob',
          publicKey: transaction.approvals[1]!.signer,
        },
      ],
      out: written,
      warnings: [],
    })
  })

  test('an invalid approval is not asked again; an unsigned file needs nobody named', async () => {
    const forged = { signer: `01${'ab'.repeat(32)}`, signature: ed25519.signature }
    const messy = stringifyCosignFile(withApprovals(deploy, [forged, secp256k1]))
    const one = await run('renew', input('d.json', messy))
    expect(one.out).toContain(`Must sign again:\n  account-hash-${secp256k1Account} (bob) (public key`)
    expect(one.out).not.toContain('abab')
    const none = await run('renew', input('d.json', stringifyCosignFile(withApprovals(deploy, []))))
    expect(none.code).toBe(0)
    expect(none.out).toContain('Must sign again: nobody had signed it (no valid approval on the old file)')
  })

  test('an existing output is not replaced without --force', async () => {
    const file = input('d.json', deployText)
    const written = join(file, '..', 'd.renewed.json')
    writeFileSync(written, 'mine')
    const refused = await run('renew', file)
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(`${written} already exists`)
    expect(readFileSync(written, 'utf8')).toBe('mine')
    const forced = await run('renew', file, '--force')
    expect(forced.code).toBe(0)
    expect(parseCosignFile(readFileSync(written, 'utf8')).approvals).toEqual([])
  })

  test('-o - writes the renewed file to standard output and the messages to standard error', async () => {
    const file = input('d.json', deployText)
    const { code, out, err } = await run('renew', file, '-o', '-')
    expect(code).toBe(0)
    const renewed = parseCosignFile(out)
    expect(err.split('\n')[0]).toBe(`Renewed deploy ${deploy.hash} -> ${renewed.hash}`)
    expect(err).not.toContain('Wrote')
    expect(existsSync(join(file, '..', 'd.renewed.json'))).toBe(false)
  })

  test("a TTL above the network's max_ttl is a usage error; --chainspec gives another max_ttl", async () => {
    const file = input('d.json', deployText)
    const refused = await run('renew', file, '--ttl', '3h')
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('Invalid --ttl: The TTL is longer than the network allows')
    expect(refused.err).toContain('at most 2h (chainspec max_ttl)')
    expect(existsSync(join(file, '..', 'd.renewed.json'))).toBe(false)
    expect((await run('renew', file, '--ttl', 'soon')).code).toBe(2)
    const chainspec = join(dir, 'chainspec.toml')
    writeFileSync(
      chainspec,
      readFileSync(
        new URL('../chainspec/fixtures/mainnet-2.2.0.chainspec.toml', import.meta.url),
        'utf8',
      ).replace("max_ttl = '2 hours'", "max_ttl = '1 day'"),
    )
    const { code, out } = await run('renew', file, '--ttl', '3h', '--chainspec', chainspec)
    expect(code).toBe(0)
    expect(out).toContain('TTL 3h')
  })

  test('a file changed after hashing is not renewed, and nothing is written', async () => {
    const file = input('d.json', deployText.replace('"gas_price": 1', '"gas_price": 2'))
    const { code, err } = await run('renew', file)
    expect(code).toBe(1)
    expect(err).toContain('hash does not match its content')
    expect(existsSync(join(file, '..', 'd.renewed.json'))).toBe(false)
  })
})
