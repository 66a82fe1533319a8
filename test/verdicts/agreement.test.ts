// One verdict: for every file of the verdict corpus, the library (both entries), the CLI and the page
// in headless Chromium give the same reasons not to sign, and `sign` refuses exactly those files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeFile, parseAccountJson, parseCosignFile } from '../../src/cosign/index.js'
import { describeDeploy } from '../../src/index.js'
import { cli, writeKey } from '../cli/cliKit.js'
import { alice, bob, type VerdictCase, verdictCases } from '../fixtures/verdicts/verdictCases.js'

const root = resolve(import.meta.dirname, '../..')
const dir = mkdtempSync(join(tmpdir(), 'verdicts-'))
const key = writeKey(dir, 'signer')
const cases = await verdictCases(Date.now())
const pathOf = (c: VerdictCase) => join(dir, `${cases.indexOf(c)}.json`)
for (const c of cases) writeFileSync(pathOf(c), c.text)

let browser: Browser
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
}, 60_000)
afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The library's verdict: the reasons not to sign, empty when it is safe. */
function libraryVerdict(c: VerdictCase): string[] {
  return describeFile(parseCosignFile(c.text)).doNotSign
}

describe('the verdict corpus', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s: the expected verdict', (_, c) => {
    const reasons = libraryVerdict(c)
    if (c.expected === 'safe') expect(reasons).toEqual([])
    else {
      expect(reasons).toHaveLength(c.expected.length)
      for (const [i, pattern] of c.expected.entries()) expect(reasons[i]).toMatch(pattern)
    }
  })

  test('it holds benign and hostile files', () => {
    expect(cases.filter((c) => c.expected === 'safe').length).toBeGreaterThanOrEqual(4)
    expect(cases.filter((c) => c.expected !== 'safe').length).toBeGreaterThanOrEqual(15)
  })
})

describe('every surface gives the same verdict', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s: the main entry', async (_, c) => {
    const description = await describeDeploy(JSON.parse(c.text))
    expect(description.doNotSign).toEqual(libraryVerdict(c))
    expect(description.text.startsWith('DO NOT SIGN: ')).toBe(c.expected !== 'safe')
    for (const shown of c.shows ?? []) expect(description.text).toContain(shown)
  })

  test.each(cases.map((c) => [c.name, c] as const))(
    '%s: CLI describe and sign',
    async (_, c) => {
      const reasons = libraryVerdict(c)
      const [described, text, signed] = await Promise.all([
        cli(['describe', pathOf(c), '--json', '--chain-name', 'casper']),
        cli(['describe', pathOf(c), '--chain-name', 'casper']),
        cli(['sign', pathOf(c), '-k', key.path, '-o', '-', '--chain-name', 'casper']),
      ])
      expect(JSON.parse(described.out).doNotSign).toEqual(reasons)
      expect(described.code).toBe(reasons.length === 0 ? 0 : 1)
      for (const shown of c.shows ?? []) expect(text.out).toContain(shown)
      // sign refuses exactly what describe calls DO NOT SIGN, writing nothing.
      expect(signed.code).toBe(reasons.length === 0 ? 0 : 1)
      if (reasons.length > 0) {
        expect(signed.out).toBe('')
        expect(signed.err).toContain('DO NOT SIGN')
      }
    },
    30_000,
  )

  test('the page, in headless Chromium', async () => {
    const page = await browser.newPage()
    await page.goto(`file://${join(root, 'dist/cosign.html')}`)
    await page.setInputFiles('#key-file', key.path)
    for (const c of cases) {
      const reasons = libraryVerdict(c)
      await page.setInputFiles('#deploy-file', {
        name: `${cases.indexOf(c)}.json`,
        mimeType: 'application/json',
        buffer: Buffer.from(readFileSync(pathOf(c))),
      })
      await page.waitForFunction(() => document.querySelector('#verdict h2') !== null)
      const shown = await page.locator('#verdict li').allTextContents()
      const heading = await page.locator('#verdict h2').textContent()
      expect([c.name, shown]).toEqual([c.name, reasons])
      expect([c.name, heading]).toEqual([
        c.name,
        reasons.length === 0 ? expect.stringMatching(/^Safe to sign/) : 'DO NOT SIGN',
      ])
      expect([c.name, await page.locator('#sign').isDisabled()]).toEqual([c.name, reasons.length > 0])
      const details = (await page.locator('#details').textContent()) ?? ''
      for (const shown of c.shows ?? [])
        expect([c.name, details]).toEqual([c.name, expect.stringContaining(shown)])
    }
    await page.close()
  }, 120_000)
})

/** An account as state_get_account_info returns it. */
function accountJson(accountHash: string, keys: Record<string, number>): string {
  return JSON.stringify({
    account: {
      account_hash: `account-hash-${accountHash}`,
      associated_keys: Object.entries(keys).map(([hash, weight]) => ({
        account_hash: `account-hash-${hash}`,
        weight,
      })),
      action_thresholds: { deployment: 1, key_management: 1 },
    },
  })
}

describe('against the account: the same verdict with the session emulated', () => {
  const file = cases.find((c) => c.name === 'two-party deploy, unsigned')!
  // bob is already a key: the session reverts with DuplicateKey, and a failure is charged in full.
  const holdsBob = accountJson(alice.accountHash, { [alice.accountHash]: 1, [bob.accountHash]: 1 })

  test('the main entry and the page: a session that would fail is DO NOT SIGN', async () => {
    const description = await describeDeploy(JSON.parse(file.text), { account: parseAccountJson(holdsBob) })
    expect(description.doNotSign).toEqual([
      'the session would fail against the account (ApiError::DuplicateKey [22]): it changes nothing and is charged the whole 2.5 CSPR',
    ])
    const page = await browser.newPage()
    await page.goto(`file://${join(root, 'dist/cosign.html')}`)
    await page.setInputFiles('#key-file', key.path)
    await page.setInputFiles('#deploy-file', pathOf(file))
    await expect.poll(() => page.locator('#verdict h2').textContent()).toMatch(/^Safe to sign/)
    expect(await page.locator('#sign').isDisabled()).toBe(false)
    await page.getByLabel(/^Account JSON/).fill(holdsBob)
    await expect.poll(() => page.locator('#verdict li').allTextContents()).toEqual(description.doNotSign)
    expect(await page.locator('#sign').isDisabled()).toBe(true)
    await page.close()
  }, 60_000)

  test("the page refuses an account that is not the file's own, and does not emulate against it", async () => {
    const page = await browser.newPage()
    await page.goto(`file://${join(root, 'dist/cosign.html')}`)
    await page.setInputFiles('#deploy-file', pathOf(file))
    await page.getByLabel(/^Account JSON/).fill(accountJson(bob.accountHash, { [bob.accountHash]: 1 }))
    await expect
      .poll(() => page.locator('#verdict').textContent())
      .toContain(
        `The pasted account is account-hash-${bob.accountHash}, not this file's account account-hash-${alice.accountHash}: it is not used.`,
      )
    expect(await page.locator('#outcome').count()).toBe(0)
    await page.close()
  }, 60_000)
})
