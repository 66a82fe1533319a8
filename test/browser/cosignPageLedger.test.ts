// The page's Sign with Ledger button in headless Chromium: navigator.hid is replaced by a device
// whose HID reports go, through page.exposeFunction, to the in-process Casper app of
// test/support/ledgerDevice.ts in this process, so the page's own WebHID framing is exercised.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { signFile } from '../../src/cosign/signFile.js'
import { stringifyCosignFile } from '../../src/cosign/stringifyCosignFile.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import { namedArgJson } from '../../src/deploy/clValueJson.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { verifyApproval } from '../../src/keys/verifyApproval.js'
import { ledgerScreens } from '../../src/ledger/ledgerScreens.js'
import { ledgerSigner } from '../../src/ledger/ledgerSigner.js'
import { twoPartyMultiSigWasm } from '../../src/wasm/modules/twoPartyMultiSigWasm.js'
import { CasperLedgerDevice, type DeviceUser, inProcessLedger } from '../support/ledgerDevice.js'

const root = resolve(import.meta.dirname, '../..')
const pageUrl = `file://${join(root, 'dist/cosign.html')}`
const alice = localSigner('0f'.repeat(32), { algorithm: 'ed25519' })
const bob = localSigner('11'.repeat(32), { algorithm: 'ed25519' })
const carol = localSigner('44'.repeat(32), { algorithm: 'ed25519' })

let browser: Browser
let ledger: { publicKey: string; accountHash: string }
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  const signer = await ledgerSigner({ transport: inProcessLedger() })
  ledger = { publicKey: signer.publicKey, accountHash: signer.accountHash }
}, 60_000)
afterAll(async () => {
  await browser?.close()
})

/** A two-party deploy by alice's account adding carol. */
function twoParty(): string {
  const deploy = buildModuleBytesDeploy({
    account: alice.publicKey,
    chainName: 'casper',
    timestamp: Date.now() - 60_000,
    ttl: '30m',
    wasm: twoPartyMultiSigWasm,
    args: [namedArgJson('deployment-account', 'ByteArray(32)', hexToBytes(carol.accountHash))],
    payment: 2_500_000_000n,
  })
  return `${JSON.stringify(deploy, null, 2)}\n`
}

/** alice's account with the Ledger's key (unless `withLedger` is false) and bob's, each weight 1, threshold 2. */
function accountJson(withLedger = true): string {
  return JSON.stringify({
    account: {
      account_hash: `account-hash-${alice.accountHash}`,
      associated_keys: [alice.accountHash, ...(withLedger ? [ledger.accountHash] : []), bob.accountHash].map(
        (hash) => ({
          account_hash: `account-hash-${hash}`,
          weight: 1,
        }),
      ),
      action_thresholds: { deployment: 2, key_management: 2 },
    },
  })
}

const json = (name: string, text: string) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(text),
})

/**
 * The page with a Ledger on WebHID: reports the page writes are unframed here (Ledger HID framing:
 * channel, tag 0x05, sequence, length), given to `device`, and its answer framed back as input reports.
 */
async function openWithLedger(device: CasperLedgerDevice): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  let pending: { channel: number; length: number; bytes: number[] } | undefined
  await page.exposeFunction('ledgerHidWrite', (hex: string): string[] => {
    const report = Buffer.from(hex, 'hex')
    const channel = report.readUInt16BE(0)
    expect(report.length).toBe(64)
    expect(report[2]).toBe(0x05)
    const seq = report.readUInt16BE(3)
    if (seq === 0) pending = { channel, length: report.readUInt16BE(5), bytes: [...report.subarray(7)] }
    else pending!.bytes.push(...report.subarray(5))
    if (pending!.bytes.length < pending!.length) return []
    const apdu = Uint8Array.from(pending!.bytes.slice(0, pending!.length))
    pending = undefined
    const answer = device.exchange(apdu)
    const framed = Buffer.concat([Buffer.from([answer.length >> 8, answer.length & 0xff]), answer])
    const out: string[] = []
    for (let i = 0, s = 0; i < framed.length; i += 59, s++) {
      const block = Buffer.alloc(64)
      block.writeUInt16BE(channel, 0)
      block[2] = 0x05
      block.writeUInt16BE(s, 3)
      framed.subarray(i, i + 59).copy(block, 5)
      out.push(block.toString('hex'))
    }
    return out
  })
  await page.addInitScript(() => {
    const listeners = new Set<(event: { data: DataView }) => void>()
    const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
    const device = {
      vendorId: 0x2c97,
      productId: 0x4015,
      opened: false,
      async open() {
        device.opened = true
      },
      async close() {
        device.opened = false
      },
      addEventListener: (_: string, listener: (event: { data: DataView }) => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: (event: { data: DataView }) => void) =>
        listeners.delete(listener),
      async sendReport(_id: number, data: Uint8Array) {
        const write = (window as unknown as { ledgerHidWrite: (h: string) => Promise<string[]> })
          .ledgerHidWrite
        for (const answer of await write(hex(data))) {
          const bytes = Uint8Array.from(answer.match(/../g)!, (b) => Number.parseInt(b, 16))
          setTimeout(() => {
            for (const listener of listeners) listener({ data: new DataView(bytes.buffer) })
          })
        }
      },
    }
    const hid = {
      getDevices: async () => [],
      requestDevice: async () => [device],
      addEventListener() {},
      removeEventListener() {},
    }
    Object.defineProperty(Navigator.prototype, 'hid', { get: () => hid, configurable: true })
  })
  await page.goto(pageUrl)
  return { page, errors }
}

const signStatus = async (page: Page) => (await page.locator('#status').textContent()) ?? ''

async function loadForLedger(page: Page, text: string, withLedger = true): Promise<void> {
  await page.getByLabel('Account JSON', { exact: false }).fill(accountJson(withLedger))
  await page.getByLabel('Deploy file', { exact: true }).setInputFiles(json('deploy.json', text))
  await expect.poll(() => page.locator('#verdict h2').textContent(), { timeout: 30_000 }).toBe('Safe to sign')
}

describe('Sign with Ledger (WebHID)', () => {
  test('screens with the hashes in full, a verified signature, a copy that merges with another approval', async () => {
    const device = new CasperLedgerDevice()
    const { page, errors } = await openWithLedger(device)
    const text = twoParty()
    const hash = JSON.parse(text).hash as string
    await loadForLedger(page, text)
    const button = page.getByRole('button', { name: 'Sign with Ledger' })
    await expect.poll(() => button.isEnabled()).toBe(true)
    // What the device will show, beside the description, before it is asked.
    const expected = ledgerScreens(parseCosignFile(text))
    const shown = ((await page.locator('#ledger-screen-list').textContent()) ?? '').toLowerCase()
    for (const screen of expected.screens) expect(shown).toContain(screen.value.toLowerCase())
    expect(shown).toContain(hash)
    expect(device.signed).toHaveLength(0)
    await button.click()
    await expect.poll(() => signStatus(page), { timeout: 30_000 }).toMatch(/^Signed by/)
    expect(device.signed).toHaveLength(1)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download-signed').click(),
    ])
    expect(download.suggestedFilename()).toBe(
      `${hash.slice(0, 8)}-signed-by-${ledger.accountHash.slice(0, 8)}.json`,
    )
    const signed = parseCosignFile(readFileSync((await download.path())!, 'utf8'))
    expect(signed.approvals).toHaveLength(1)
    expect(signed.approvals[0]!.signer).toBe(ledger.publicKey)
    expect(verifyApproval(signed.hash, signed.approvals[0]!).ok).toBe(true)
    // Merged with bob's approval: two verified approvals, the threshold reached.
    const bobs = stringifyCosignFile(await signFile(parseCosignFile(text), bob))
    await page
      .getByLabel('Signed copies', { exact: true })
      .setInputFiles([
        json('ledger.json', readFileSync((await download.path())!, 'utf8')),
        json('bob.json', bobs),
      ])
    await expect
      .poll(() => page.locator('#merge-report').textContent())
      .toContain('2 valid approval(s) kept.')
    expect((await page.locator('#merge-report').textContent()) ?? '').toContain('Threshold reached')
    expect(errors).toEqual([])
    await page.context().close()
  }, 60_000)

  test('a rejection on the device is shown in plain words and nothing is signed', async () => {
    const user: DeviceUser = 'reject'
    const device = new CasperLedgerDevice({ user })
    const { page, errors } = await openWithLedger(device)
    await loadForLedger(page, twoParty())
    await page.getByRole('button', { name: 'Sign with Ledger' }).click()
    await expect
      .poll(() => signStatus(page), { timeout: 30_000 })
      .toBe('Not signed: it was rejected on the Ledger.')
    expect(device.signed).toHaveLength(0)
    expect(await page.locator('#download-signed').isDisabled()).toBe(true)
    expect(errors).toEqual([])
    await page.context().close()
  }, 60_000)

  test('a Ledger key the account does not hold is refused before the device is asked to sign', async () => {
    const device = new CasperLedgerDevice()
    const { page, errors } = await openWithLedger(device)
    await loadForLedger(page, twoParty(), false)
    await page.getByRole('button', { name: 'Sign with Ledger' }).click()
    await expect
      .poll(() => signStatus(page), { timeout: 30_000 })
      .toContain("is not one of this account's keys")
    expect(device.signed).toHaveLength(0)
    expect(device.received.some((apdu) => apdu.ins === 0x02 || apdu.ins === 0x04)).toBe(false)
    expect(errors).toEqual([])
    await page.context().close()
  }, 60_000)
})
