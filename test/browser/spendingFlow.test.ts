// A 2-of-3 account on the loopback devnet spends: a transfer and a delegation, each co-signed by two
// keys, one with the CLI and one in the co-signing page (dist/cosign.html in headless Chromium), each
// co-signer shown the exact amount and the recipient in full before signing; the copies are merged,
// sent, executed, and the balances and the auction move by exactly the amount.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { buildConfigureDeploy } from '../../src/deploy/buildConfigureDeploy.js'
import { buildDelegate } from '../../src/deploy/buildDelegate.js'
import type { BuiltSpending } from '../../src/deploy/buildSpending.js'
import { buildTransfer } from '../../src/deploy/buildTransfer.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { devnetValidatorOf } from '../../src/devnet/devnetValidator.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { cli } from '../cli/cliKit.js'
import { call } from '../devnet/devnetKit.js'

const root = resolve(import.meta.dirname, '../..')
const pageUrl = `file://${join(root, 'dist/cosign.html')}`
const secrets = { alice: '5a'.repeat(32), bob: '5b'.repeat(32), carol: '5c'.repeat(32) }
// The multi-sig account is alice's; bob signs with the CLI, carol in the page; alice never signs a spend.
const alice = localSigner(secrets.alice, { algorithm: 'ed25519' })
const bob = localSigner(secrets.bob, { algorithm: 'ed25519' })
const carol = localSigner(secrets.carol, { algorithm: 'ed25519' })
const dave = localSigner('5d'.repeat(32), { algorithm: 'ed25519' })

let devnet: Devnet
let base: string
let browser: Browser
let dir: string

/** PKCS#8 PEM of an ed25519 secret key, as casper-client keygen writes secret_key.pem. */
function pem(secret: string): string {
  const der = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(secret, 'hex'),
  ])
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`
}

const rpc = async (method: string, params?: unknown) => {
  const answer = await call(devnet.url, method, params)
  expect(answer.error).toBeUndefined()
  return answer
}

const balanceOf = async (publicKey: string) =>
  BigInt(
    (await rpc('query_balance', { purse_identifier: { main_purse_under_public_key: publicKey } })).result
      .balance,
  )

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-spending-flow-'))
  devnet = await startDevnet({
    port: 0,
    blockIntervalMs: 50,
    accounts: [{ publicKey: alice.publicKey, balance: 10_000n * 1_000_000_000n }],
  })
  base = devnet.url.replace(/\/rpc$/, '')
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  writeFileSync(join(dir, 'bob.pem'), pem(secrets.bob), { mode: 0o600 })

  // Alice's account becomes 2-of-3 (alice, bob, carol, weight 1 each): alice alone signs the change.
  const plan = await planReconfiguration(
    {
      accountHash: alice.accountHash,
      associatedKeys: { [alice.accountHash]: 1 },
      actionThresholds: { deployment: 1, keyManagement: 1 },
    },
    {
      associatedKeys: [
        { key: alice.publicKey, weight: 1 },
        { key: bob.publicKey, weight: 1 },
        { key: carol.publicKey, weight: 1 },
      ],
      thresholds: { deployment: 2, keyManagement: 2 },
    },
    { signers: [alice.publicKey], chainspec: devnet.chainspec },
  )
  expect(plan.deploys).toHaveLength(1)
  const setup = await signDeploy(
    buildConfigureDeploy(plan.deploys[0]!, {
      account: alice.publicKey,
      chainName: devnet.chainName,
      chainspec: devnet.chainspec,
    }),
    alice,
  )
  await rpc('account_put_deploy', { deploy: setup })
  await devnet.waitForExecution(setup.hash)
  const { account } = (await rpc('state_get_account_info', { account_identifier: alice.publicKey })).result
  expect(account.action_thresholds).toMatchObject({ deployment: 2, key_management: 2 })
  expect(account.associated_keys).toHaveLength(3)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** What a co-signer must read, word for word, on both surfaces. */
type Shown = { amount: RegExp; recipient: RegExp }

/**
 * Bob signs `built` with the CLI and carol in the page, each after reading `shown`; the copies are
 * merged and sent with the CLI, which waits for the execution.
 */
async function cosignAndSend(built: BuiltSpending, name: string, shown: Shown): Promise<void> {
  const unsigned = join(dir, `${name}.json`)
  writeFileSync(unsigned, built.json)

  // 1. Bob, with the CLI against the devnet: the description, then his approval.
  const byBob = join(dir, `${name}.bob.json`)
  const signed = await cli(['sign', unsigned, '-k', join(dir, 'bob.pem'), '-o', byBob, '-n', base])
  expect(signed.err).toBe('')
  expect(signed.code).toBe(0)
  expect(signed.out).toContain(`Transaction ${built.hash}\n`)
  expect(signed.out).toMatch(shown.amount)
  expect(signed.out).toMatch(shown.recipient)
  expect(signed.out).toContain(`Signed transaction ${built.hash} by account-hash-${bob.accountHash}`)
  expect(signed.out).toContain('Progress: weight 1 of 2 (deployment)')

  // 2. Carol, in the page: the devnet's account and chainspec pasted, the file loaded, her key chosen.
  const byCarol = await signInPage(
    built,
    JSON.stringify(await rpc('state_get_account_info', { account_identifier: alice.publicKey })),
    JSON.stringify(await rpc('info_get_chainspec')),
    shown,
  )
  const carolFile = join(dir, `${name}.carol.json`)
  writeFileSync(carolFile, byCarol)

  // 3. Merged, sent, executed.
  const merged = join(dir, `${name}.merged.json`)
  const merging = await cli(['merge', byBob, carolFile, '-o', merged])
  expect(merging.err).toBe('')
  expect(merging.code).toBe(0)
  expect(merging.out).toContain(`Merged 2 copies of transaction ${built.hash}: 2 approvals`)
  const sent = await cli(['send', merged, '-n', base, '--wait', '30', '--poll-interval', '50'])
  expect(sent.err).toBe('')
  expect(sent.code).toBe(0)
  expect(sent.out).toContain(`Sent transaction ${built.hash}\n`)
  expect(sent.out).toMatch(/\nExecuted in block [0-9a-f]{64}\. Charged \d+ motes/)
}

async function signInPage(built: BuiltSpending, account: string, chainspec: string, shown: Shown) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  page.on('request', (request) => {
    if (!/^(file|blob|data):/.test(request.url())) errors.push(`network request ${request.url()}`)
  })
  await page.goto(pageUrl)
  const heading = (p: Page) => p.locator('#verdict h2').textContent()
  await page.getByLabel(/^Account JSON/).fill(account)
  await page.getByLabel('Deploy file', { exact: true }).setInputFiles({
    name: 'unsigned.json',
    mimeType: 'application/json',
    buffer: Buffer.from(built.json),
  })
  await expect.poll(() => heading(page)).toMatch(/^(Safe to sign|DO NOT SIGN|Choose|Check)/)
  await page.getByLabel('Network', { exact: true }).selectOption(devnet.chainName)
  await page.getByLabel(/^Chainspec/).fill(chainspec)
  await expect.poll(() => heading(page)).toMatch(/^Safe to sign/)
  // Read before signing: the amount with its motes and the recipient in full.
  const details = (await page.locator('#details').textContent()) ?? ''
  expect(details).toContain(built.hash)
  expect(details).toMatch(shown.amount)
  expect(details).toMatch(shown.recipient)
  await expect
    .poll(() => page.locator('#progress').textContent())
    .toMatch(/^Still needed: weight 2 more \(deployment threshold 2\)/)

  await page.getByLabel('Secret key file', { exact: true }).setInputFiles({
    name: 'secret_key.pem',
    mimeType: 'application/x-pem-file',
    buffer: Buffer.from(pem(secrets.carol)),
  })
  await expect.poll(() => page.locator('#sign').isDisabled()).toBe(false)
  await page.locator('#sign').click()
  await expect
    .poll(async () => (await page.locator('#status').textContent()) ?? '')
    .toMatch(new RegExp(`^Signed by account-hash-${carol.accountHash}`))
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#download-signed').click(),
  ])
  const text = readFileSync((await download.path())!, 'utf8')
  expect(errors).toEqual([])
  await context.close()
  return text
}

describe('a 2-of-3 account spends, co-signed with the CLI and the page', () => {
  test('a transfer: the recipient receives exactly the amount', async () => {
    const amount = 12_345_678_901n
    const built = buildTransfer({
      account: alice.publicKey,
      chainName: devnet.chainName,
      chainspec: devnet.chainspec,
      target: dave.publicKey,
      amount,
      id: 16,
    })
    const senderBefore = await balanceOf(alice.publicKey)
    await cosignAndSend(built, 'transfer', {
      amount: /native transfer of 12\.345678901 CSPR \(12345678901 motes\) to /,
      recipient: new RegExp(`to account-hash-${dave.accountHash} \\(public key ${dave.publicKey}\\)`),
    })
    expect(await balanceOf(dave.publicKey)).toBe(amount)
    expect(await balanceOf(alice.publicKey)).toBe(senderBefore - amount - built.expectedChargeMotes)
  }, 120_000)

  test('a delegation: the auction lists the stake with the validator', async () => {
    const amount = 600_500_000_000n
    const validator = devnetValidatorOf(devnet.chainName)
    expect((await rpc('info_get_status')).result.our_public_signing_key).toBe(validator)
    const built = buildDelegate({
      account: alice.publicKey,
      chainName: devnet.chainName,
      chainspec: devnet.chainspec,
      validator,
      amount,
    })
    const senderBefore = await balanceOf(alice.publicKey)
    await cosignAndSend(built, 'delegate', {
      amount: /delegate 600\.5 CSPR \(600500000000 motes\) to validator /,
      recipient: new RegExp(`to validator ${validator}, delegator ${alice.publicKey}`),
    })
    expect(await balanceOf(alice.publicKey)).toBe(senderBefore - amount - built.expectedChargeMotes)
    const auction = (await rpc('state_get_auction_info')).result.auction_state
    const bid = auction.bids.find((b: { public_key: string }) => b.public_key === validator)
    expect(bid.bid.delegators).toEqual([
      {
        delegator_public_key: alice.publicKey,
        delegator: expect.objectContaining({
          delegator_public_key: alice.publicKey,
          staked_amount: amount.toString(),
          validator_public_key: validator,
        }),
      },
    ])
  }, 120_000)
})
