// The relay's HTTP server over real loopback HTTP, one suite on both stores: SQLite in a temp directory and a
// real PostgreSQL server (test/support/postgres.ts starts Debian's; CI requires it with
// CASPER_MULTISIG_REQUIRE_POSTGRES=1). The node is the devnet, one for the file.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import type { CosignDeploy } from '../../src/cosign/CosignFile.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { stringifyCosignFile, withApprovals } from '../../src/cosign/stringifyCosignFile.js'
import { buildTransfer } from '../../src/deploy/buildTransfer.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { postgresStore } from '../../src/relay/postgresStore.js'
import type { RelayContext } from '../../src/relay/RelayContext.js'
import type { RelayEvent } from '../../src/relay/RelayEvent.js'
import type { RelayStore } from '../../src/relay/RelayStore.js'
import { rateLimit } from '../../src/relay/rateLimit.js'
import { rateLimitKey } from '../../src/relay/rateLimitKey.js'
import { relayRoutes } from '../../src/relay/relayRoutes.js'
import { sqliteStore } from '../../src/relay/sqliteStore.js'
import { type StartRelayOptions, startRelay } from '../../src/relay/startRelay.js'
import { awaitResult } from '../../src/rpc/awaitResult.js'
import { createRpc } from '../../src/rpc/createRpc.js'
import { submit } from '../../src/rpc/submit.js'
import { type TestSigner, testSigner } from '../approvals/testSigners.js'
import { builtCli, cli } from '../cli/cliKit.js'
import { postgresForTests, startTestPostgres, type TestPostgres } from '../support/postgres.js'

const alice = testSigner(1, 'ed25519')
const bob = testSigner(2, 'secp256k1')
const carol = testSigner(3, 'ed25519')
const mallory = testSigner(4, 'ed25519')

let dir: string
const running: { close(): Promise<void> }[] = []
const stores: RelayStore[] = []
/** Drops the PostgreSQL databases of the test's relays (after their stores are closed). */
const drops: (() => Promise<void>)[] = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-relay-'))
})
afterEach(async () => {
  for (const relay of running.splice(0)) await relay.close()
  for (const store of stores.splice(0)) await store.close()
  for (const drop of drops.splice(0)) await drop()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A kind of store: each relay of a test gets a fresh, empty one. */
type Backend = { name: 'sqlite' | 'postgres'; available: boolean; fresh(): Promise<RelayStore> }

let n = 0
const sqlite: Backend = {
  name: 'sqlite',
  available: true,
  fresh: () => sqliteStore(join(dir, `store-${++n}`)),
}
const postgres: Backend = {
  name: 'postgres',
  available: postgresForTests(),
  async fresh() {
    const db = await startTestPostgres()
    drops.push(() => db.stop())
    return postgresStore(db.url)
  },
}

/** `relay(options)`: a relay on a fresh store of `backend`'s kind; events are collected. */
function relayOn(backend: Backend) {
  return async (options: Partial<StartRelayOptions> = {}) => {
    const store = await backend.fresh()
    stores.push(store)
    const events: RelayEvent[] = []
    const logged: string[] = []
    const started = await startRelay({
      store,
      events: { emit: async (event) => void events.push(event) },
      log: (line) => logged.push(line),
      ...options,
    })
    running.push(started)
    return { ...started, store, events, logged }
  }
}

let devnet: Devnet | undefined
let devnetReady: Promise<Devnet> | undefined
/** The file's one devnet (started on first use), where Alice's account is 2-of-2 with Bob (thresholds 2/2). */
function sharedDevnet(): Promise<Devnet> {
  devnetReady ??= (async () => {
    const started = await startDevnet({ port: 0, blockIntervalMs: 50 })
    devnet = started
    const rpc = createRpc({ url: started.url, timeoutMs: 5_000 })
    await started.createAccount({ publicKey: alice.publicKey })
    const { deploy } = await buildTwoPartyDeploy({
      account: alice.publicKey,
      chainName: started.chainName,
      chainspec: started.chainspec,
      deploymentAccount: bob.publicKey,
      current: createAccount(alice.accountHash),
    })
    const setup = { ...deploy, approvals: [alice.sign(deploy.hash)] }
    await awaitResult(rpc, await submit(rpc, setup), { timeoutMs: 20_000, pollIntervalMs: 25 })
    return started
  })()
  return devnetReady
}
afterAll(async () => {
  await devnet?.stop()
})

/** An unsigned transfer deploy from `from` (mainnet rules under `chainName`). */
function transfer(
  from: TestSigner,
  options: { chainName?: string; amount?: bigint; timestamp?: number } = {},
) {
  return buildTransfer({
    kind: 'deploy',
    account: from.publicKey,
    chainName: options.chainName ?? 'casper',
    target: carol.publicKey,
    amount: options.amount ?? 10_000_000_000n,
    id: 7,
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  }).json
}

/** The file's text with approvals by `signers` added. */
function signed(text: string, ...signers: TestSigner[]): string {
  const file = parseCosignFile(text)
  return stringifyCosignFile(
    withApprovals(file, [...file.approvals, ...signers.map((s) => s.sign(file.hash))]),
  )
}

function hashOf(text: string): string {
  return parseCosignFile(text).hash
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read the relay's JSON answers field by field
type Answer = { status: number; headers: Headers; text: string; json: any }

async function http(
  base: string,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body }),
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

/** The names of the answer's `Access-Control-*` headers. */
function corsHeaders(answer: Answer): string[] {
  const names: string[] = []
  answer.headers.forEach((_, name) => {
    if (name.startsWith('access-control-')) names.push(name)
  })
  return names
}

/** Control, escape and bidi characters that must never reach a terminal or a page raw. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters looked for are control characters
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)])
  return []
}

describe.each([sqlite, postgres])('relay on $name', (backend) => {
  const relay = relayOn(backend)
  // Holds the PostgreSQL server for the whole suite (initdb and the start take seconds on a busy
  // machine); each relay gets a database of its own, dropped after its test.
  let server: TestPostgres | undefined
  beforeAll(async () => {
    if (backend.name === 'postgres' && backend.available) server = await startTestPostgres()
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
  }, 120_000)

  describe.skipIf(!backend.available)('without a node', () => {
    test('POST /proposals: spam rule, 201 then 200 (idempotent), GET shows the merged file, description, verdict, status', async () => {
      const r = await relay()
      const unsigned = transfer(alice)
      const hash = hashOf(unsigned)

      const refused = await http(r.url, 'POST', '/proposals', unsigned)
      expect(refused.status).toBe(400)
      expect(refused.json.error).toMatchObject({ code: 'NoValidApproval', message: expect.any(String) })
      expect(refused.json.error.remedy).toMatch(/Sign the file/)
      expect((await http(r.url, 'GET', `/proposals/${hash}`)).status).toBe(404)
      expect(await r.store.getProposal(hash)).toBeUndefined()

      const first = await http(r.url, 'POST', '/proposals', signed(unsigned, alice))
      expect(first.status).toBe(201)
      expect(first.json).toEqual({
        hash,
        kind: 'deploy',
        created: true,
        added: [alice.publicKey],
        url: `/proposals/${hash}`,
        page: `/p/${hash}`,
      })
      const again = await http(r.url, 'POST', '/proposals', signed(unsigned, alice))
      expect(again.status).toBe(200)
      expect(again.json).toMatchObject({ hash, created: false, added: [] })
      // The same file with one more approval: merged in.
      const more = await http(r.url, 'POST', '/proposals', signed(unsigned, alice, bob))
      expect(more.json).toMatchObject({ created: false, added: [bob.publicKey] })

      const view = await http(r.url, 'GET', `/proposals/${hash}`)
      expect(view.status).toBe(200)
      expect(view.headers.get('content-type')).toBe('application/json; charset=utf-8')
      const expected = withApprovals(parseCosignFile(unsigned), [alice.sign(hash), bob.sign(hash)])
      expect(view.text).toContain(`"file":${stringifyCosignFile(expected).trim()},`)
      expect(view.json).toMatchObject({
        hash,
        kind: 'deploy',
        account: alice.accountHash,
        chainName: 'casper',
        state: 'pending',
        status: 'pending',
        approvals: 2,
        progress: null,
        execution: null,
        renewedFrom: null,
        renewedTo: null,
        verdict: { safeToSign: expect.any(Boolean), reasons: expect.any(Array) },
      })
      expect(view.json.description).toContain(`Deploy ${hash}`)
      expect(view.json.description).toContain('Signed by:')
      const { header } = parseCosignFile(unsigned) as CosignDeploy
      expect(new Date(view.json.expiresAt).getTime()).toBe(Number(header.timestamp + header.ttl))

      const file = await http(r.url, 'GET', `/proposals/${hash}/file`)
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(file.text).toBe(stringifyCosignFile(expected))

      expect(r.events.map((e) => [e.type, e.data.signer ?? ''])).toEqual([
        ['proposal.created', ''],
        ['approval.added', alice.publicKey],
        ['approval.added', bob.publicKey],
      ])
      expect(r.events.every((e) => e.hash === hash && e.account === alice.accountHash)).toBe(true)
    })

    test('a TransactionV1 proposal: posted, merged, described and listed like a deploy', async () => {
      const r = await relay()
      const unsigned = buildTransfer({
        account: alice.publicKey,
        chainName: 'casper',
        target: carol.publicKey,
        amount: 10_000_000_000n,
        id: 9,
      }).json
      const hash = hashOf(unsigned)
      expect(parseCosignFile(unsigned).kind).toBe('transaction')
      const posted = await http(r.url, 'POST', '/proposals', signed(unsigned, bob))
      expect(posted).toMatchObject({
        status: 201,
        json: { hash, kind: 'transaction', added: [bob.publicKey] },
      })
      await http(r.url, 'POST', `/proposals/${hash}/approvals`, signed(unsigned, alice))
      const view = await http(r.url, 'GET', `/proposals/${hash}`)
      expect(view.json).toMatchObject({ kind: 'transaction', account: alice.accountHash, approvals: 2 })
      expect(view.json.description).toContain(`Transaction ${hash}`)
      const file = parseCosignFile((await http(r.url, 'GET', `/proposals/${hash}/file`)).text)
      expect(file).toMatchObject({ kind: 'transaction', hash })
      expect(file.approvals.map((a) => a.signer)).toEqual([bob.publicKey, alice.publicKey])
      expect(
        (await http(r.url, 'GET', `/accounts/${alice.accountHash}/proposals`)).json.proposals,
      ).toMatchObject([{ hash, kind: 'transaction', status: 'pending', approvals: 2 }])
    })

    test('a forged or broken approval is refused with its code and nothing is stored; a changed file is HashMismatch', async () => {
      const r = await relay()
      const unsigned = transfer(alice, { amount: 11_000_000_000n })
      const hash = hashOf(unsigned)
      const good = alice.sign(hash)
      const forged = {
        ...good,
        signature: `${good.signature.slice(0, 10)}${good.signature[10] === '0' ? '1' : '0'}${good.signature.slice(11)}`,
      }
      const file = parseCosignFile(unsigned)
      const withForged = stringifyCosignFile(withApprovals(file, [bob.sign(hash), forged]))
      const refused = await http(r.url, 'POST', '/proposals', withForged)
      expect(refused.status).toBe(400)
      expect(refused.json.error).toMatchObject({ code: 'InvalidSignature', details: { index: 1 } })
      expect(await r.store.getProposal(hash)).toBeUndefined()

      // Alice's signature under Bob's key: a tag mismatch.
      const swapped = stringifyCosignFile(
        withApprovals(file, [{ signer: bob.publicKey, signature: good.signature }]),
      )
      expect((await http(r.url, 'POST', '/proposals', swapped)).json.error.code).toBe('TagMismatch')

      const tampered = signed(unsigned, alice).replace('"gas_price": 1,', '"gas_price": 2,')
      expect(tampered).not.toBe(signed(unsigned, alice))
      const mismatch = await http(r.url, 'POST', '/proposals', tampered)
      expect(mismatch.status).toBe(400)
      expect(mismatch.json.error).toMatchObject({ code: 'HashMismatch' })

      const notJson = await http(r.url, 'POST', '/proposals', '{"deploy":')
      expect(notJson.status).toBe(400)
      expect(notJson.json.error.code).toBe('InvalidJson')

      // Stored with Alice's approval; a list with one forged approval stores nothing of the list.
      expect((await http(r.url, 'POST', '/proposals', signed(unsigned, alice))).status).toBe(201)
      const mixed = await http(
        r.url,
        'POST',
        `/proposals/${hash}/approvals`,
        JSON.stringify({ approvals: [bob.sign(hash), { ...forged, signer: alice.publicKey }] }),
      )
      expect(mixed.status).toBe(400)
      expect(mixed.json.error.code).toBe('InvalidSignature')
      expect((await r.store.getProposal(hash))!.approvals).toEqual([good])

      // A signed copy of another deploy is not an approval of this one.
      const other = signed(transfer(alice, { amount: 12_000_000_000n }), bob)
      const different = await http(r.url, 'POST', `/proposals/${hash}/approvals`, other)
      expect(different.status).toBe(400)
      expect(different.json.error.code).toBe('DifferentContent')
      expect((await r.store.getProposal(hash))!.approvals).toHaveLength(1)
      expect(
        (await http(r.url, 'POST', `/proposals/${'ab'.repeat(32)}/approvals`, other)).json.error.code,
      ).toBe('ProposalNotFound')
    })

    test('approvals: a signed copy or a list, idempotent; 50 concurrent posts end with the union', async () => {
      const r = await relay({ limits: { rateLimit: { burst: 1000, perSecond: 1000 } } })
      const unsigned = transfer(alice, { amount: 13_000_000_000n })
      const hash = hashOf(unsigned)
      await http(r.url, 'POST', '/proposals', signed(unsigned, alice))

      const copy = await http(r.url, 'POST', `/proposals/${hash}/approvals`, signed(unsigned, bob))
      expect(copy).toMatchObject({ status: 200, json: { hash, added: [bob.publicKey], approvals: 2 } })
      const list = JSON.stringify({ approvals: [bob.sign(hash), alice.sign(hash)] })
      expect((await http(r.url, 'POST', `/proposals/${hash}/approvals`, list)).json).toEqual({
        hash,
        added: [],
        approvals: 2,
      })

      const signers = Array.from({ length: 50 }, (_, i) =>
        testSigner(100 + i, i % 2 === 0 ? 'ed25519' : 'secp256k1'),
      )
      const answers = await Promise.all(
        signers.map((s, i) =>
          http(
            r.url,
            'POST',
            `/proposals/${hash}/approvals`,
            i % 2 === 0 ? JSON.stringify({ approvals: [s.sign(hash)] }) : signed(unsigned, s, alice),
          ),
        ),
      )
      expect(answers.map((a) => a.status)).toEqual(signers.map(() => 200))
      expect(answers.flatMap((a) => a.json.added).sort()).toEqual(signers.map((s) => s.publicKey).sort())
      const stored = (await r.store.getProposal(hash))!.approvals
      expect(stored.map((a) => a.signer).sort()).toEqual(
        [alice, bob, ...signers].map((s) => s.publicKey).sort(),
      )
      const file = parseCosignFile((await http(r.url, 'GET', `/proposals/${hash}/file`)).text)
      expect(file.approvals).toHaveLength(52)
      expect(r.events.filter((e) => e.type === 'approval.added')).toHaveLength(52)
    })

    test('concurrent posts of new signers cannot take a proposal past max_associated_keys (100)', async () => {
      const r = await relay({ limits: { rateLimit: { burst: 1000, perSecond: 1000 } } })
      const unsigned = transfer(alice, { amount: 14_000_000_000n })
      const hash = hashOf(unsigned)
      await http(r.url, 'POST', '/proposals', signed(unsigned, alice))
      // A store that answers reads after a moment, as PostgreSQL does: every post reads the same state.
      const read = r.store.getProposal.bind(r.store)
      r.store.getProposal = async (h) => {
        const found = await read(h)
        await new Promise((resolve) => setTimeout(resolve, 20))
        return found
      }
      const signers = Array.from({ length: 110 }, (_, i) => testSigner(300 + i, 'ed25519'))
      const answers = await Promise.all(
        signers.map((s) =>
          http(r.url, 'POST', `/proposals/${hash}/approvals`, JSON.stringify({ approvals: [s.sign(hash)] })),
        ),
      )
      const refused = answers.filter((a) => a.status !== 200)
      expect(refused.length).toBe(11)
      for (const a of refused) expect(a.json.error.code).toBe('TooManyApprovals')
      expect((await read(hash))!.approvals).toHaveLength(100)
      const file = parseCosignFile((await http(r.url, 'GET', `/proposals/${hash}/file`)).text)
      expect(file.approvals).toHaveLength(100)
    })

    test('body cap 413, rate limit 429 with Retry-After, token 401, no CORS headers, OPTIONS refused', async () => {
      let now = 1_800_000_000_000
      const r = await relay({
        now: () => now,
        token: 'operator-secret',
        limits: { maxBodyBytes: 64 * 1024, rateLimit: { burst: 3, perSecond: 0.5 } },
      })
      const big = await http(r.url, 'POST', '/proposals', `{"deploy":"${'a'.repeat(100 * 1024)}"}`)
      expect(big.status).toBe(413)
      expect(big.json.error).toMatchObject({ code: 'BodyTooLarge' })
      // A body streamed without Content-Length is cut as well.
      const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          `${r.url}/proposals`,
          { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
          (res) => {
            let body = ''
            res.on('data', (chunk) => {
              body += chunk
            })
            res.on('end', () => resolve({ status: res.statusCode!, body }))
          },
        )
        req.on('error', reject)
        for (let i = 0; i < 10; i++) req.write('x'.repeat(10 * 1024))
        req.end()
      })
      expect(streamed.status).toBe(413)
      expect(JSON.parse(streamed.body).error.code).toBe('BodyTooLarge')

      const account = `/accounts/account-hash-${alice.accountHash}/proposals`
      const unauthorized = await http(r.url, 'GET', account)
      expect(unauthorized.status).toBe(401)
      expect(unauthorized.json.error.code).toBe('Unauthorized')
      // Three requests spent the burst; the fourth waits for a token (0.5 a second: 2 s).
      const limited = await http(r.url, 'GET', account, undefined, {
        authorization: 'Bearer operator-secret',
      })
      expect(limited.status).toBe(429)
      expect(limited.headers.get('retry-after')).toBe('2')
      expect(limited.json.error.code).toBe('RateLimited')
      now += 2_000
      const listed = await http(r.url, 'GET', account, undefined, { authorization: 'Bearer operator-secret' })
      expect(listed).toMatchObject({ status: 200, json: { account: alice.accountHash, proposals: [] } })
      now += 60_000
      expect((await http(r.url, 'GET', account, undefined, { authorization: 'Bearer wrong' })).status).toBe(
        401,
      )

      const options = await http(r.url, 'OPTIONS', '/proposals', undefined, {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
      })
      expect(options.status).toBe(405)
      expect(options.json.error.code).toBe('MethodNotAllowed')
      for (const answer of [big, unauthorized, limited, listed, options]) {
        expect(corsHeaders(answer)).toEqual([])
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
      }
      const health = await http(r.url, 'GET', '/health', undefined, { origin: 'https://evil.example' })
      expect(health).toMatchObject({ status: 200, json: { ok: true, store: backend.name } })
      expect(corsHeaders(health)).toEqual([])
      now += 60_000
      expect((await http(r.url, 'GET', '/nothing/here')).json.error.code).toBe('NotFound')
    })

    test('listing by account: statuses pending, expiring, expired; account as account-hash- or hex', async () => {
      const now = Date.now()
      let clock = now
      const r = await relay({ now: () => clock })
      const fresh = transfer(alice, { amount: 14_000_000_000n, timestamp: now })
      const soon = transfer(alice, { amount: 15_000_000_000n, timestamp: now - 100 * 60_000 })
      await http(r.url, 'POST', '/proposals', signed(fresh, alice))
      clock += 1
      await http(r.url, 'POST', '/proposals', signed(soon, alice))
      const listed = await http(r.url, 'GET', `/accounts/${alice.accountHash}/proposals`)
      expect(listed.status).toBe(200)
      expect(listed.json.proposals.map((p: { hash: string; status: string }) => [p.hash, p.status])).toEqual([
        [hashOf(soon), 'expiring'],
        [hashOf(fresh), 'pending'],
      ])
      expect(listed.json.proposals[0]).toMatchObject({
        kind: 'deploy',
        approvals: 1,
        renewedFrom: null,
        renewedTo: null,
      })
      clock = now + 2 * 60 * 60_000 + 1
      const later = await http(
        r.url,
        'GET',
        `/accounts/account-hash-${alice.accountHash.toUpperCase()}/proposals`,
      )
      expect(later.json.proposals.map((p: { status: string }) => p.status)).toEqual(['expired', 'expired'])
      expect((await http(r.url, 'GET', `/accounts/${bob.accountHash}/proposals`)).json.proposals).toEqual([])
      expect((await http(r.url, 'GET', '/accounts/nothex/proposals')).status).toBe(404)
    })

    test('renew: an expiring or expired proposal is stored again with a new hash, no approvals, linked both ways', async () => {
      const now = Date.now()
      let clock = now
      const r = await relay({ now: () => clock })
      const fresh = transfer(alice, { amount: 17_000_000_000n, timestamp: now })
      const old = transfer(alice, { amount: 18_000_000_000n, timestamp: now - 100 * 60_000 })
      await http(r.url, 'POST', '/proposals', signed(fresh, alice))
      await http(r.url, 'POST', '/proposals', signed(old, alice, bob))
      const early = await http(r.url, 'POST', `/proposals/${hashOf(fresh)}/renew`)
      expect(early.status).toBe(409)
      expect(early.json.error.code).toBe('NotRenewable')
      expect((await http(r.url, 'POST', `/proposals/${'ef'.repeat(32)}/renew`)).json.error.code).toBe(
        'ProposalNotFound',
      )

      clock = now + 30 * 60_000
      const renewed = await http(r.url, 'POST', `/proposals/${hashOf(old)}/renew`)
      expect(renewed.status).toBe(201)
      const next = renewed.json.hash as string
      expect(next).not.toBe(hashOf(old))
      expect(renewed.json).toEqual({
        hash: next,
        renewedFrom: hashOf(old),
        mustSign: [alice.publicKey, bob.publicKey],
        url: `/proposals/${next}`,
        page: `/p/${next}`,
        created: true,
      })
      const file = parseCosignFile((await http(r.url, 'GET', `/proposals/${next}/file`)).text) as CosignDeploy
      expect(file.approvals).toEqual([])
      expect(Number(file.header.timestamp)).toBe(clock)
      expect(file.session).toEqual((parseCosignFile(old) as CosignDeploy).session)
      expect((await http(r.url, 'GET', `/proposals/${hashOf(old)}`)).json).toMatchObject({
        status: 'expired',
        renewedTo: next,
      })
      expect((await http(r.url, 'GET', `/proposals/${next}`)).json).toMatchObject({
        status: 'pending',
        approvals: 0,
        renewedFrom: hashOf(old),
      })
      const again = await http(r.url, 'POST', `/proposals/${hashOf(old)}/renew`)
      expect(again).toMatchObject({ status: 200, json: { hash: next, created: false } })
      expect(r.events.filter((e) => e.type === 'proposal.created').map((e) => e.hash)).toEqual([
        hashOf(fresh),
        hashOf(old),
        next,
      ])
      // The renewed proposal takes approvals of its own hash only.
      expect(
        (
          await http(
            r.url,
            'POST',
            `/proposals/${next}/approvals`,
            JSON.stringify({ approvals: [alice.sign(hashOf(old))] }),
          )
        ).json.error.code,
      ).toBe('InvalidSignature')
      expect(
        (
          await http(
            r.url,
            'POST',
            `/proposals/${next}/approvals`,
            JSON.stringify({ approvals: [alice.sign(next)] }),
          )
        ).json,
      ).toMatchObject({ added: [alice.publicKey], approvals: 1 })
    })

    test('webhooks: create (secret shown once), list without secrets, delete; only https or loopback http', async () => {
      const r = await relay({ token: 't0ken', localWebhooks: true })
      const auth = { authorization: 'Bearer t0ken' }
      const path = `/accounts/${alice.accountHash}/webhooks`
      expect(
        (await http(r.url, 'POST', path, JSON.stringify({ url: 'https://hooks.example/a' }))).status,
      ).toBe(401)
      const made = await http(r.url, 'POST', path, JSON.stringify({ url: 'https://hooks.example/a' }), auth)
      expect(made.status).toBe(201)
      expect(made.json).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        secret: expect.stringMatching(/^[0-9a-f]{64}$/),
      })
      for (const url of [
        'http://hooks.example/a',
        'ftp://x',
        'https://user:pw@hooks.example/',
        'not a url',
      ]) {
        const bad = await http(r.url, 'POST', path, JSON.stringify({ url }), auth)
        expect(bad.status).toBe(400)
        expect(bad.json.error.code).toBe('InvalidWebhook')
      }
      expect(
        (await http(r.url, 'POST', path, JSON.stringify({ url: 'http://127.0.0.1:9/hook' }), auth)).status,
      ).toBe(201)
      const listed = await http(r.url, 'GET', path, undefined, auth)
      expect(listed.json.webhooks.map((w: { url: string }) => w.url)).toEqual([
        'https://hooks.example/a',
        'http://127.0.0.1:9/hook',
      ])
      expect(listed.text).not.toContain(made.json.secret)
      expect((await r.store.listWebhooks(alice.accountHash))[0]!.secret).toBe(made.json.secret)
      const removed = await http(r.url, 'DELETE', `${path}/${made.json.id}`, undefined, auth)
      expect(removed).toMatchObject({ status: 200, json: { id: made.json.id, deleted: true } })
      expect((await http(r.url, 'DELETE', `${path}/${made.json.id}`, undefined, auth)).json.error.code).toBe(
        'NotFound',
      )
      expect((await http(r.url, 'GET', path, undefined, auth)).json.webhooks).toHaveLength(1)
    })

    test('without --local-webhooks (on loopback behind a proxy, or on a public address) webhooks to its own loopback and private network are refused', async () => {
      for (const r of [await relay(), await relay({ host: '0.0.0.0' })]) {
        const path = `/accounts/${alice.accountHash}/webhooks`
        for (const url of [
          'http://127.0.0.1:7777/rpc',
          'http://localhost:5432/',
          'https://127.0.0.1:7777/rpc',
          'https://[::ffff:127.0.0.1]:7777/',
          'https://10.1.2.3/',
          'https://169.254.169.254/latest/meta-data/',
        ]) {
          const refused = await http(r.url, 'POST', path, JSON.stringify({ url }))
          expect(refused.status).toBe(400)
          expect(refused.json.error.code).toBe('InvalidWebhook')
          expect(refused.json.error.remedy).toContain('--local-webhooks')
        }
        expect(
          (await http(r.url, 'POST', path, JSON.stringify({ url: 'https://hooks.example/a' }))).status,
        ).toBe(201)
        expect((await r.store.listWebhooks(alice.accountHash)).map((w) => w.url)).toEqual([
          'https://hooks.example/a',
        ])
      }
    })

    test('hostile strings in a file and a request are rendered inert; unexpected errors are INTERNAL without details', async () => {
      const r = await relay()
      const hostile = transfer(alice, { chainName: 'casper\u001b[2J\u202eevil</script>' })
      const posted = await http(r.url, 'POST', '/proposals', signed(hostile, alice))
      expect(posted.status).toBe(201)
      const view = await http(r.url, 'GET', `/proposals/${hashOf(hostile)}`)
      expect(view.status).toBe(200)
      expect(view.json.verdict.safeToSign).toBe(false)
      for (const text of strings({ ...view.json, file: undefined, chainName: undefined }))
        expect(text).not.toMatch(unsafe)
      // The file itself is returned as it was signed (clients re-verify it); everything said about it is inert.
      expect(view.json.description.join('\n')).toContain('\\u{1b}')

      const list = JSON.stringify({ approvals: [{ signer: '01\u001b[31m\u202e', signature: '01' }] })
      const refused = await http(r.url, 'POST', `/proposals/${hashOf(hostile)}/approvals`, list)
      expect(refused.status).toBe(400)
      expect(refused.json.error.code).toBe('MalformedSigner')
      for (const text of strings(refused.json)) expect(text).not.toMatch(unsafe)

      const broken = await relay()
      broken.store.getProposal = async () => {
        throw new Error('disk failure at /secret/path/relay.sqlite')
      }
      const internal = await http(broken.url, 'GET', `/proposals/${'cd'.repeat(32)}`)
      expect(internal.status).toBe(500)
      expect(internal.json).toEqual({
        error: { code: 'INTERNAL', message: 'Internal error', remedy: expect.any(String), details: {} },
      })
      expect(internal.text).not.toContain('secret')
      expect(broken.logged.join('\n')).toContain('/secret/path')

      // Without a log given, the lines reach standard error inert: no escape sequence, no forged line.
      const store = await backend.fresh()
      stores.push(store)
      store.getProposal = async () => {
        throw new Error('failure \u001b[2J\u202e\nrelay: forged line')
      }
      const quiet = await startRelay({ store })
      running.push(quiet)
      const written: string[] = []
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        written.push(String(chunk))
        return true
      })
      try {
        expect((await http(quiet.url, 'GET', `/proposals/${'cd'.repeat(32)}`)).status).toBe(500)
      } finally {
        spy.mockRestore()
      }
      const line = written.join('')
      expect(line).toContain('relay: internal error on GET')
      expect(line).toContain('failure \\u{1b}[2J\\u{202e}\\u{a}relay: forged line')
      expect(line.slice(0, -1)).not.toMatch(unsafe)
    })

    test('GET /p/<hash> serves the built page with connect-src self; a missing build is a clear 404; submit needs a node', async () => {
      const pages = join(dir, 'page')
      mkdirSync(pages, { recursive: true })
      writeFileSync(
        join(pages, 'cosign.html'),
        `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'none'; form-action 'none'"><title>co-sign</title>`,
      )
      const r = await relay({ pageDirectory: pages })
      const page = await http(r.url, 'GET', `/p/${'ab'.repeat(32)}`)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'")
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(page.text).toContain('co-sign')
      // The page's own policy: this origin only, the rest as built.
      expect(page.text).toContain(`content="default-src 'none'; connect-src 'self'; form-action 'none'"`)

      const none = await relay({ pageDirectory: join(dir, 'no-page') })
      const missing = await http(none.url, 'GET', `/p/${'ab'.repeat(32)}`)
      expect(missing.status).toBe(404)
      expect(missing.json.error).toMatchObject({
        code: 'PageNotBuilt',
        remedy: expect.stringMatching(/npm run build/),
      })

      const unsigned = transfer(alice, { amount: 16_000_000_000n })
      await http(none.url, 'POST', '/proposals', signed(unsigned, alice))
      const submitted = await http(none.url, 'POST', `/proposals/${hashOf(unsigned)}/submit`)
      expect(submitted.status).toBe(409)
      expect(submitted.json.error.code).toBe('NoNode')
    })
  })

  describe.skipIf(!backend.available)('with a node (the devnet)', () => {
    let devnet: Devnet
    beforeAll(async () => {
      devnet = await sharedDevnet()
    }, 120_000)

    function devnetTransfer(amount: bigint) {
      return buildTransfer({
        kind: 'deploy',
        account: alice.publicKey,
        chainName: devnet.chainName,
        chainspec: devnet.chainspec,
        target: carol.publicKey,
        amount,
        id: 1,
      }).json
    }

    test('spam rule with a node: a key not on the account is refused; a 2-of-2 deploy is submitted, executed and its cost recorded', async () => {
      const r = await relay({ node: devnet.url, limits: { pollIntervalMs: 50 } })
      const unsigned = devnetTransfer(20_000_000_000n)
      const hash = hashOf(unsigned)

      const stranger = await http(r.url, 'POST', '/proposals', signed(unsigned, mallory))
      expect(stranger.status).toBe(400)
      expect(stranger.json.error).toMatchObject({
        code: 'NoValidApproval',
        details: { accountHash: mallory.accountHash },
      })
      expect(await r.store.getProposal(hash)).toBeUndefined()
      const nobody = await http(r.url, 'POST', '/proposals', signed(devnetTransfer(21_000_000_000n)))
      expect(nobody.json.error.code).toBe('NoValidApproval')

      expect((await http(r.url, 'POST', '/proposals', signed(unsigned, alice))).status).toBe(201)
      const pending = await http(r.url, 'GET', `/proposals/${hash}`)
      expect(pending.json).toMatchObject({
        status: 'pending',
        progress: { weight: 1, needed: 2, complete: false, signed: [{ accountHash: alice.accountHash }] },
      })
      const early = await http(r.url, 'POST', `/proposals/${hash}/submit`)
      expect(early.status).toBe(409)
      expect(early.json.error).toMatchObject({ code: 'NotReady' })
      const strangerApproval = await http(
        r.url,
        'POST',
        `/proposals/${hash}/approvals`,
        JSON.stringify({ approvals: [mallory.sign(hash)] }),
      )
      expect(strangerApproval.json.error.code).toBe('NoValidApproval')
      expect(r.events.map((e) => e.type)).toEqual(['proposal.created', 'approval.added'])

      expect(
        (await http(r.url, 'POST', `/proposals/${hash}/approvals`, signed(unsigned, bob))).json.added,
      ).toEqual([bob.publicKey])
      expect(r.events.map((e) => e.type)).toEqual([
        'proposal.created',
        'approval.added',
        'approval.added',
        'threshold.reached',
      ])
      expect(r.events[3]!.data).toEqual({ weight: 2, needed: 2, neededFor: 'deployment' })
      const ready = await http(r.url, 'GET', `/proposals/${hash}`)
      expect(ready.json).toMatchObject({ status: 'ready', verdict: { safeToSign: true, reasons: [] } })
      expect(
        (await http(r.url, 'GET', `/accounts/${alice.accountHash}/proposals`)).json.proposals[0],
      ).toMatchObject({
        hash,
        status: 'ready',
        approvals: 2,
      })

      const sent = await http(r.url, 'POST', `/proposals/${hash}/submit`)
      expect(sent).toMatchObject({ status: 200, json: { hash, state: 'submitted', sent: true } })
      const twice = await http(r.url, 'POST', `/proposals/${hash}/submit`)
      expect(twice.json).toMatchObject({ hash, sent: false })
      let view = (await http(r.url, 'GET', `/proposals/${hash}`)).json
      for (let i = 0; i < 200 && view.state === 'submitted'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        view = (await http(r.url, 'GET', `/proposals/${hash}`)).json
      }
      expect(view).toMatchObject({
        state: 'executed',
        status: 'executed',
        execution: { ok: true, blockHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      })
      expect(BigInt(view.execution.charged)).toBeGreaterThan(0n)
      const executed = r.events.find((e) => e.type === 'proposal.executed')
      expect(executed).toMatchObject({
        hash,
        account: alice.accountHash,
        data: { ok: true, charged: view.execution.charged },
      })
    })

    test('a relay started again follows a proposal it had submitted to its result', async () => {
      // The first relay stored the proposal, sent it and recorded `submitted`, then stopped before the
      // result (as a relay killed while following it).
      const store = await backend.fresh()
      stores.push(store)
      const first = await startRelay({ store, log: () => {} })
      const unsigned = devnetTransfer(23_000_000_000n)
      const hash = hashOf(unsigned)
      expect((await http(first.url, 'POST', '/proposals', signed(unsigned, alice, bob))).status).toBe(201)
      await first.close()
      const rpc = createRpc({ url: devnet.url, timeoutMs: 5_000 })
      await submit(rpc, JSON.parse(signed(unsigned, alice, bob)))
      await store.setState(hash, 'submitted')

      const events: RelayEvent[] = []
      const logged: string[] = []
      const again = await startRelay({
        store,
        node: devnet.url,
        events: { emit: async (event) => void events.push(event) },
        log: (line) => logged.push(line),
        limits: { pollIntervalMs: 50 },
      })
      running.push(again)
      let view = (await http(again.url, 'GET', `/proposals/${hash}`)).json
      for (let i = 0; i < 200 && view.state === 'submitted'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        view = (await http(again.url, 'GET', `/proposals/${hash}`)).json
      }
      expect(view).toMatchObject({ state: 'executed', execution: { ok: true } })
      expect(BigInt(view.execution.charged)).toBeGreaterThan(0n)
      expect(events).toMatchObject([
        { type: 'proposal.executed', hash, account: alice.accountHash, data: { ok: true } },
      ])
      expect(logged).toEqual([])
    })

    test('--auto-submit sends a proposal as soon as its approvals reach the threshold', async () => {
      const r = await relay({ node: devnet.url, autoSubmit: true, limits: { pollIntervalMs: 50 } })
      const unsigned = devnetTransfer(22_000_000_000n)
      const hash = hashOf(unsigned)
      await http(r.url, 'POST', '/proposals', signed(unsigned, alice))
      expect((await r.store.getProposal(hash))!.proposal.state).toBe('pending')
      await http(
        r.url,
        'POST',
        `/proposals/${hash}/approvals`,
        JSON.stringify({ approvals: [bob.sign(hash)] }),
      )
      let state = (await r.store.getProposal(hash))!.proposal.state
      for (let i = 0; i < 200 && state !== 'executed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        state = (await r.store.getProposal(hash))!.proposal.state
      }
      expect(state).toBe('executed')
      expect(r.events.map((e) => e.type)).toContain('proposal.executed')
      expect(r.logged).toEqual([])
    })
  })
})

describe('relay HTTP layer (on SQLite: these do not depend on the store)', () => {
  const relay = relayOn(sqlite)

  test('the rate limit is per IPv6 /64 and per IPv4 address (mapped or not), never by X-Forwarded-For', async () => {
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7')
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(rateLimitKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64')
    expect(rateLimitKey('2001:db8::1.2.3.4')).toBe('2001:db8:0:0::/64')
    expect(rateLimitKey('2001:db8:1:3::1')).not.toBe(rateLimitKey('2001:db8:1:2::1'))

    // The relay's handler behind a server that gives each request the address the test names.
    const store = await sqliteStore(join(dir, `store-${++n}`))
    stores.push(store)
    const context: RelayContext = {
      store,
      node: undefined,
      token: undefined,
      autoSubmit: false,
      now: Date.now,
      emit: async () => {},
      events: undefined,
      log: () => {},
      background: { tasks: new Set(), abort: new AbortController() },
      pageDirectory: '',
      submitting: new Set(),
      localWebhooks: true,
    }
    const limits = { maxBodyBytes: 1024, pollIntervalMs: 50, maxWebhooks: 1 }
    const handle = relayRoutes(context, rateLimit({ burst: 2, perSecond: 0.001 }, Date.now), limits)
    const server = createServer((request, response) => {
      Object.defineProperty(request.socket, 'remoteAddress', {
        value: request.headers['x-test-address'],
        configurable: true,
      })
      void handle(request, response)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    running.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        }),
    })
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const from = async (address: string, forwarded?: string) =>
      (
        await http(base, 'GET', '/health', undefined, {
          'x-test-address': address,
          ...(forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }),
        })
      ).status
    // One host rotating through the addresses of its /64 shares one budget.
    expect(await from('2001:db8:1:2::1')).toBe(200)
    expect(await from('2001:db8:1:2::2')).toBe(200)
    expect(await from('2001:db8:1:2:ffff::3')).toBe(429)
    expect(await from('2001:db8:1:3::1')).toBe(200)
    // An IPv4 client is one budget however it is written; a forwarded address changes nothing.
    expect(await from('203.0.113.7', '198.51.100.1')).toBe(200)
    expect(await from('::ffff:203.0.113.7', '198.51.100.2')).toBe(200)
    expect(await from('203.0.113.7', '198.51.100.3')).toBe(429)
  })

  test('bodies one address sends at once are held up to a budget: stalled bodies cannot pile up in memory', async () => {
    const r = await relay({ limits: { maxBodyBytes: 1000, maxInFlightBodyBytes: 2500 } })
    const { port } = new URL(r.url)
    // Two requests that send most of their body, then stall (slowloris): 1800 bytes held.
    const stalled = [0, 1].map(() => {
      const socket = connect(Number(port), '127.0.0.1')
      socket.on('error', () => {})
      socket.write(
        `POST /proposals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n${' '.repeat(900)}`,
      )
      return socket
    })
    const full = ' '.repeat(1000)
    let answer = await http(r.url, 'POST', '/proposals', full)
    // Until the stalled bytes have reached the relay, a complete body is still read (and refused as a file).
    for (let i = 0; i < 100 && answer.status !== 429; i++)
      answer = await http(r.url, 'POST', '/proposals', full)
    expect(answer.status).toBe(429)
    expect(answer.json.error.code).toBe('RateLimited')
    expect(answer.headers.get('retry-after')).toBe('1')
    // Small bodies still fit beside them.
    expect((await http(r.url, 'POST', '/proposals', '{}')).json.error.code).not.toBe('RateLimited')
    // Once the stalled requests end, their share is released.
    for (const socket of stalled) socket.destroy()
    answer = await http(r.url, 'POST', '/proposals', full)
    for (let i = 0; i < 100 && answer.status === 429; i++)
      answer = await http(r.url, 'POST', '/proposals', full)
    expect(answer.status).toBe(400)
    expect(answer.json.error.code).not.toBe('RateLimited')
    // A client that goes away mid-body is no internal error of the relay.
    expect(r.logged).toEqual([])
  })
})

describe('casper-multisig relay', () => {
  test('prints its URL, serves, and stops cleanly on SIGINT; usage errors exit 2', async () => {
    const data = join(dir, 'cli-data')
    const child = spawn(process.execPath, [await builtCli(), 'relay', '--port', '0', '--data', data], {
      env: { ...process.env, CASPER_MULTISIG_RELAY_TOKEN: 'from-env' },
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    for (let i = 0; i < 400 && !/^http:\/\/127\.0\.0\.1:\d+$/m.test(out); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const url = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)![1]!
    expect(out).toContain(
      `casper-multisig relay (store: sqlite ${data}; node: none; listing and webhooks: operator token)`,
    )
    expect((await http(url, 'GET', '/health')).json).toEqual({ ok: true, store: 'sqlite' })
    expect((await http(url, 'GET', `/accounts/${alice.accountHash}/proposals`)).status).toBe(401)
    const posted = await http(
      url,
      'POST',
      '/proposals',
      signed(transfer(alice, { amount: 19_000_000_000n }), alice),
    )
    expect(posted.status).toBe(201)
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    // What it acknowledged is in the database it closed.
    const store = await sqliteStore(data)
    stores.push(store)
    expect((await store.getProposal(posted.json.hash))?.approvals).toHaveLength(1)

    // A PostgreSQL relay that cannot connect fails (exit 1) without printing the password.
    const unreachable = await cli(['relay', '--database', 'postgres://relay:pw@127.0.0.1:1/relay'])
    expect(unreachable.code).toBe(1)
    expect(unreachable.err).toContain('cannot reach its PostgreSQL database')
    expect(unreachable.err).not.toContain('pw@')
    for (const args of [['--auto-submit'], ['--port', '70000']]) {
      const run = await cli(['relay', ...args])
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.err).not.toContain('pw@')
    }
  })
})
