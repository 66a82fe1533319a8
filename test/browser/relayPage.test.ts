// The co-signing page opened from a relay (/p/<hash>) in headless Chromium: a real relay (SQLite in a
// temp directory, the devnet as its node) serves the page and the proposal; a second co-signer reviews
// it, signs in the page and sends the approval back. A lying relay's proposal is refused, a forged
// approval dropped and named, and hostile text from a relay shown as text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { signFile } from '../../src/cosign/signFile.js'
import { stringifyCosignFile } from '../../src/cosign/stringifyCosignFile.js'
import { buildTransfer } from '../../src/deploy/buildTransfer.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { localSigner } from '../../src/keys/localSigner.js'
import type { RelayStore } from '../../src/relay/RelayStore.js'
import { servePage } from '../../src/relay/servePage.js'
import { sqliteStore } from '../../src/relay/sqliteStore.js'
import { type Relay, startRelay } from '../../src/relay/startRelay.js'
import { awaitResult } from '../../src/rpc/awaitResult.js'
import { createRpc } from '../../src/rpc/createRpc.js'
import { submit } from '../../src/rpc/submit.js'
import { call } from '../devnet/devnetKit.js'

const root = resolve(import.meta.dirname, '../..')
const secrets = { alice: '6a'.repeat(32), bob: '6b'.repeat(32) }
// Alice's account is 2-of-2 with bob: alice proposes (her approval posted), bob signs in the page.
const alice = localSigner(secrets.alice, { algorithm: 'ed25519' })
const bob = localSigner(secrets.bob, { algorithm: 'ed25519' })
const carol = localSigner('6c'.repeat(32), { algorithm: 'ed25519' })
const mallory = localSigner('6d'.repeat(32), { algorithm: 'ed25519' })

let devnet: Devnet
let browser: Browser
let dir: string
let store: RelayStore
let relay: Relay

/** PKCS#8 PEM of an ed25519 secret key, as casper-client keygen writes secret_key.pem. */
function pem(secret: string): string {
  const der = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(secret, 'hex'),
  ])
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-relay-page-'))
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50 })
  await devnet.createAccount({ publicKey: alice.publicKey })
  const rpc = createRpc({ url: devnet.url, timeoutMs: 5_000 })
  const { deploy } = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName: devnet.chainName,
    chainspec: devnet.chainspec,
    deploymentAccount: bob.publicKey,
    current: createAccount(alice.accountHash),
  })
  const setup = await signFile(parseCosignFile(JSON.stringify(deploy)), alice, {
    network: devnet.chainspec,
  })
  await awaitResult(rpc, await submit(rpc, JSON.parse(stringifyCosignFile(setup))), {
    timeoutMs: 20_000,
    pollIntervalMs: 25,
  })
  store = await sqliteStore(join(dir, 'store'))
  relay = await startRelay({ store, node: devnet.url, pageDirectory: join(root, 'dist'), log: () => {} })
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await relay?.close()
  await store?.close()
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** An unsigned transfer from alice's account on the devnet. */
function transfer(amount: bigint): string {
  return buildTransfer({
    kind: 'deploy',
    account: alice.publicKey,
    chainName: devnet.chainName,
    chainspec: devnet.chainspec,
    target: carol.publicKey,
    amount,
    id: 3,
  }).json
}

async function signedBy(text: string, ...signers: (typeof alice)[]): Promise<string> {
  let file = parseCosignFile(text)
  for (const signer of signers) file = await signFile(file, signer, { network: devnet.chainspec })
  return stringifyCosignFile(file)
}

/** A page in a fresh context; every request it makes and every error it raises is recorded. */
async function open(url: string) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
  const page = await context.newPage()
  const errors: string[] = []
  const requests: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  // A refused request or script shows as a console error. navigate-to is stated in the policy for
  // browsers that enforce it (scripts/build-page.ts); Chromium only says it does not know it.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes("directive 'navigate-to'"))
      errors.push(message.text())
  })
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`))
  const response = await page.goto(url)
  return { context, page, errors, requests, response: response! }
}

const heading = (page: Page) => page.locator('#verdict h2').textContent()
const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? ''

describe('the page opened from a relay', () => {
  test('loads the proposal, shows the one description and who is still needed, signs and sends the approval back', async () => {
    const proposed = await fetch(`${relay.url}/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: await signedBy(transfer(10_000_000_000n), alice),
    })
    expect(proposed.status).toBe(201)
    const { hash, page: link } = (await proposed.json()) as { hash: string; page: string }
    expect(link).toBe(`/p/${hash}`)

    const { context, page, errors, requests, response } = await open(`${relay.url}${link}`)
    // The relay's header policy and the page's own: this origin only.
    const header = response.headers()['content-security-policy'] ?? ''
    expect(header).toContain("connect-src 'self'")
    const meta =
      (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? ''
    expect(meta).toContain("connect-src 'self'")
    expect(meta).not.toContain("connect-src 'none'")
    expect(meta).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/)
    expect(meta).not.toMatch(/unsafe-inline|https?:|\*/)
    expect(await text(page, '#intro')).toMatch(/^Opened from a relay/)

    await expect.poll(() => text(page, '#relay-source')).toContain(`From the relay ${relay.url}`)
    expect(await text(page, '#relay-source')).toContain('1 approval checked here')
    // Reviewed as a file opened: the devnet's chainspec and alice's account pasted.
    await page.getByLabel('Network', { exact: true }).selectOption(devnet.chainName)
    await page.getByLabel(/^Chainspec/).fill(JSON.stringify(await call(devnet.url, 'info_get_chainspec')))
    await page
      .getByLabel(/^Account JSON/)
      .fill(
        JSON.stringify(
          await call(devnet.url, 'state_get_account_info', { account_identifier: alice.publicKey }),
        ),
      )
    await expect.poll(() => heading(page)).toBe('Safe to sign')
    const details = await text(page, '#details')
    expect(details).toContain(hash)
    const transferLine = /native transfer of 10 CSPR \(10000000000 motes\) to account-hash-[0-9a-f]{64}/
    expect(details).toMatch(transferLine)
    expect(details).toContain(`verified: account-hash-${alice.accountHash}`)
    // The same description as the relay's (and the CLI's): the same transfer line.
    const view = (await (await fetch(`${relay.url}/proposals/${hash}`)).json()) as {
      description: string[]
      approvals: number
    }
    expect(view.description.join('\n')).toMatch(transferLine)
    expect(details.match(transferLine)![0]).toBe(view.description.join('\n').match(transferLine)![0])
    await expect
      .poll(() => text(page, '#progress'))
      .toMatch(/^Still needed: weight 1 more \(deployment threshold 2\), from one of: account-hash-/)
    expect(await page.locator('#send-relay').isDisabled()).toBe(true)

    await page.getByLabel('Secret key file', { exact: true }).setInputFiles({
      name: 'secret_key.pem',
      mimeType: 'application/x-pem-file',
      buffer: Buffer.from(pem(secrets.bob)),
    })
    await expect.poll(() => page.locator('#sign').isDisabled()).toBe(false)
    await page.locator('#sign').click()
    await expect
      .poll(() => text(page, '#status'))
      .toMatch(/^Signed by account-hash-.*Send it to the relay below\.$/)
    await expect.poll(() => page.locator('#send-relay').isDisabled()).toBe(false)
    await page.locator('#send-relay').click()
    await expect
      .poll(() => text(page, '#relay-status'))
      .toBe(`Sent: the relay holds the approval of account-hash-${bob.accountHash}.`)
    // What the relay holds now, re-verified in the page: both approvals, the threshold reached.
    expect(await text(page, '#relay-source')).toContain('2 approvals checked here')
    await expect.poll(() => text(page, '#progress')).toMatch(/^Threshold reached: weight 2/)
    expect(await text(page, '#details')).toContain(`verified: account-hash-${bob.accountHash}`)

    const after = (await (await fetch(`${relay.url}/proposals/${hash}`)).json()) as {
      approvals: number
      status: string
      file: { approvals: { signer: string }[] }
      progress: { complete: boolean }
    }
    expect(after.approvals).toBe(2)
    expect(after.file.approvals.map((a) => a.signer).sort()).toEqual([alice.publicKey, bob.publicKey].sort())
    expect(after.progress.complete).toBe(true)
    expect(after.status).toBe('ready')

    // Only the relay was asked: the page, the proposal twice, the one approval posted.
    const origin = new URL(relay.url).origin
    expect(requests.filter((r) => !r.includes(` ${origin}/`) && !/ (data|blob):/.test(r))).toEqual([])
    expect(requests.filter((r) => r.startsWith('POST '))).toEqual([
      `POST ${origin}/proposals/${hash}/approvals`,
    ])
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})

describe('a relay that lies', () => {
  let liar: Server
  let liarUrl: string
  const answers = new Map<string, { status: number; body: string }>()

  beforeAll(async () => {
    liar = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0]!
      if (request.method === 'GET' && /^\/p\/[0-9a-f]{64}$/.test(path)) {
        void servePage(response, join(root, 'dist'))
        return
      }
      const answer = request.method === 'GET' ? answers.get(path) : undefined
      response.writeHead(answer?.status ?? 404, { 'content-type': 'application/json' })
      response.end(answer?.body ?? JSON.stringify({ error: { code: 'NotFound', message: 'no' } }))
    })
    await new Promise<void>((done) => liar.listen(0, '127.0.0.1', done))
    liarUrl = `http://127.0.0.1:${(liar.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((done) => liar?.close(done))
  })

  test('its altered proposal is refused in plain words; nothing is shown to sign', async () => {
    const genuine = JSON.parse(await signedBy(transfer(20_000_000_000n), alice))
    const hash = genuine.hash as string
    // Same hash, other content: the payment raised.
    const altered = structuredClone(genuine)
    altered.header.gas_price = 7
    answers.set(`/proposals/${hash}`, {
      status: 200,
      body: JSON.stringify({
        hash,
        kind: 'deploy',
        file: altered,
        description: ['<img src=x onerror="window.__pwned=1">'],
        verdict: { safeToSign: true, reasons: [] },
      }),
    })
    const { context, page, errors, requests } = await open(`${liarUrl}/p/${hash}`)
    await expect.poll(() => heading(page)).toBe('DO NOT SIGN')
    const verdict = await text(page, '#verdict')
    expect(verdict).toContain(`The proposal ${hash} cannot be loaded from this relay`)
    expect(verdict).toContain('The relay answered with content that does not hash to the requested hash')
    expect(verdict).toContain('Do not use this relay for this proposal')
    expect(await text(page, '#details')).toBe('')
    expect(await page.locator('#sign').isDisabled()).toBe(true)
    expect(await page.locator('#send-relay').isDisabled()).toBe(true)
    expect(await page.locator('img').count()).toBe(0)
    expect(requests.every((r) => r.includes(` ${liarUrl}/`))).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)

  test('a forged approval is dropped and named; hostile text from the relay stays text', async () => {
    const genuine = JSON.parse(await signedBy(transfer(30_000_000_000n), alice))
    const hash = genuine.hash as string
    // Mallory's key with alice's signature: it does not verify.
    const forged = {
      ...genuine,
      approvals: [
        ...genuine.approvals,
        { signer: mallory.publicKey, signature: genuine.approvals[0].signature },
      ],
    }
    answers.set(`/proposals/${hash}`, {
      status: 200,
      body: JSON.stringify({ hash, kind: 'deploy', file: forged, status: '<b>ready</b>' }),
    })
    const hostile = '3'.repeat(64)
    answers.set(`/proposals/${hostile}`, {
      status: 400,
      body: JSON.stringify({
        error: { code: '<img src=x onerror="window.__pwned=1">', message: '<script>x</script>' },
      }),
    })

    const forgedPage = await open(`${liarUrl}/p/${hash}`)
    const page = forgedPage.page
    await expect.poll(() => text(page, '#relay-source')).toContain('1 approval checked here')
    const source = await text(page, '#relay-source')
    expect(source).toContain(`Dropped, does not verify: the approval by ${mallory.publicKey}`)
    await page.getByLabel('Network', { exact: true }).selectOption(devnet.chainName)
    await page.getByLabel(/^Chainspec/).fill(JSON.stringify(await call(devnet.url, 'info_get_chainspec')))
    await expect.poll(() => heading(page)).toBe('Safe to sign')
    const details = await text(page, '#details')
    expect(details).toContain(`verified: account-hash-${alice.accountHash}`)
    expect(details).not.toContain(mallory.publicKey)
    expect(forgedPage.errors).toEqual([])
    await forgedPage.context.close()

    const hostilePage = await open(`${liarUrl}/p/${hostile}`)
    await expect.poll(() => heading(hostilePage.page)).toBe('DO NOT SIGN')
    expect(await text(hostilePage.page, '#verdict')).toContain(
      'The relay refused: <img src=x onerror="window.__pwned=1">',
    )
    expect(await hostilePage.page.locator('img, script:not(:first-of-type)').count()).toBe(0)
    expect(await hostilePage.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
    // The relay's refusal, as the browser reports any 400; nothing else.
    expect(hostilePage.errors).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ])
    await hostilePage.context.close()
  }, 60_000)
})

describe('the page opened from disk', () => {
  test('keeps its policy closed: no request allowed', () => {
    const html = readFileSync(join(root, 'dist/cosign.html'), 'utf8')
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!
    expect(meta).toContain("connect-src 'none'")
    expect(meta).toContain("default-src 'none'")
    expect(meta).not.toContain("'self'")
  })
})
