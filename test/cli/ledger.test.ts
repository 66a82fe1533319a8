import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { CliIo } from '../../src/cli/CliIo.js'
import { main } from '../../src/cli/main.js'
import { openLedger } from '../../src/cli/openLedger.js'
import { mergeFiles } from '../../src/cosign/mergeFiles.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { signFile } from '../../src/cosign/signFile.js'
import { verifyFile } from '../../src/cosign/verifyFile.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { transactionText, unsignedDeploy } from '../ledger/ledgerKit.js'
import { type CasperLedgerDeviceOptions, inProcessLedger } from '../support/ledgerDevice.js'

const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const zemuPublicKey = '02028b2ddbe59976ad2f4138ca46553866de5124d13db4e13611ca751eedde9e0297'

async function exit(args: string[], cliIo: CliIo): Promise<number> {
  return (await main(args, cliIo)).code
}

function io(device: CasperLedgerDeviceOptions = {}) {
  const out: string[] = []
  const err: string[] = []
  const transport = inProcessLedger(device)
  let closed = false
  transport.close = async () => {
    closed = true
  }
  const cliIo: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
    openLedger: async () => transport,
  }
  return { cliIo, out, err, transport, closed: () => closed }
}

describe('sign --ledger', () => {
  test('signs a deploy, prints the screens with the hashes in full; the copy merges and verifies', async () => {
    const file = join(dir, 'deploy.json')
    writeFileSync(file, JSON.stringify(unsignedDeploy()))
    const run = io()
    const code = await exit(
      ['sign', file, '--ledger', '--force', '-o', join(dir, 'deploy.ledger.json')],
      run.cliIo,
    )
    expect(code).toBe(0)
    const text = run.err.join('\n')
    const deploy = unsignedDeploy()
    expect(text).toContain('The Ledger will show (the code only as hashes):')
    expect(text).toMatch(/ {2}Txn hash +[0-9a-fA-F]{64}/)
    expect(text).toContain(`  hash       ${deploy.hash}`)
    expect(text).toContain(`  body hash  ${deploy.header.body_hash}`)
    expect(text).toMatch(/ {2}Wasm hash {2}[0-9a-f]{64}/)
    expect(run.closed()).toBe(true)
    const byLedger = parseCosignFile(readFileSync(join(dir, 'deploy.ledger.json'), 'utf8'))
    expect(byLedger.approvals.map((a) => a.signer)).toEqual([zemuPublicKey])
    const byKey = await signFile(byLedger, localSigner('11'.repeat(32), { algorithm: 'secp256k1' }))
    const { merged } = mergeFiles([byLedger, byKey])
    expect(verifyFile(merged).approvals.map((a) => a.ok)).toEqual([true, true])
  })

  test('signs a TransactionV1 at another path', async () => {
    const file = join(dir, 'transaction.json')
    writeFileSync(file, transactionText)
    const run = io()
    const out = join(dir, 'transaction.ledger.json')
    const path = "m/44'/506'/0'/0/7"
    expect(
      await exit(['sign', file, '--ledger', '--ledger-path', path, '--force', '-o', out], run.cliIo),
    ).toBe(0)
    const signed = parseCosignFile(readFileSync(out, 'utf8'))
    expect(signed.approvals).toHaveLength(3)
    expect(verifyFile(signed).approvals.every((a) => a.ok)).toBe(true)
    expect(run.transport.device.signed[0]!.message[0]).toBe(1)
    expect(run.err.join('\n')).toContain('Type      Call')
  })

  test('a rejection on the device is a typed error with its remedy; nothing is written', async () => {
    const file = join(dir, 'reject.json')
    writeFileSync(file, JSON.stringify(unsignedDeploy()))
    const run = io({ user: 'reject' })
    const out = join(dir, 'reject.ledger.json')
    expect(await exit(['sign', file, '--ledger', '--force', '-o', out], run.cliIo)).toBe(1)
    const text = run.err.join('\n')
    expect(text).toContain('You rejected on the device')
    expect(text).toContain('Remedy: Nothing was signed.')
    expect(() => readFileSync(out)).toThrow()
    expect(run.closed()).toBe(true)
  })

  test('the app not open, a locked device', async () => {
    const file = join(dir, 'closed.json')
    writeFileSync(file, JSON.stringify(unsignedDeploy()))
    for (const [device, text] of [
      [{ appOpen: false }, 'open the Casper app'],
      [{ locked: true }, 'Unlock the device'],
    ] as const) {
      const run = io(device)
      expect(await exit(['sign', file, '--ledger', '--force'], run.cliIo)).toBe(1)
      expect(run.err.join('\n')).toContain(text)
    }
  })

  test('--ledger with --key, --ledger-path alone: usage errors', async () => {
    const run = io()
    expect(await exit(['sign', 'x.json', '--ledger', '--key', 'k.pem'], run.cliIo)).toBe(2)
    expect(
      await exit(['sign', 'x.json', '--key', 'k.pem', '--ledger-path', "m/44'/506'/0'/0/1"], run.cliIo),
    ).toBe(2)
  })
})

describe('account-address --ledger', () => {
  test("prints the account hash of the device's key, and its public key with --json", async () => {
    const run = io()
    expect(await exit(['account-address', '--ledger', '--json'], run.cliIo)).toBe(0)
    const json = JSON.parse(run.out.join('\n'))
    expect(json.publicKey).toBe(zemuPublicKey)
    expect(json.path).toBe("m/44'/506'/0'/0/0")
    expect(json.accountHash).toMatch(/^account-hash-[0-9a-f]{64}$/)
    const plain = io()
    expect(await exit(['account-address', '--public-key', zemuPublicKey], plain.cliIo)).toBe(0)
    expect(plain.out).toEqual([json.accountHash])
  })
})

describe('openLedger', () => {
  test('names the package when it is missing', async () => {
    const error = await openLedger(
      { out: () => {}, err: () => {} },
      '@ledgerhq/not-installed-transport',
    ).catch((e: unknown) => e)
    expect((error as { code: string }).code).toBe('LedgerUnavailable')
    expect((error as Error).message).toContain('@ledgerhq/not-installed-transport')
    expect((error as Error).message).toContain('npm install @ledgerhq/not-installed-transport')
  })
})
