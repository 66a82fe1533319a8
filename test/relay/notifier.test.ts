// The relay's notifier against the real SQLite store in a temporary directory and a real webhook
// receiver on loopback: what is sent, how it is signed, retried, given up, deduplicated, and the
// expiring and expired notices of the scanner. The clock is injected, so back-off is checked to the
// millisecond without waiting for it.
import { createHmac, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import fc from 'fast-check'
import ts from 'typescript'
import { afterEach, describe, expect, test } from 'vitest'
import { deliveryBackoff, deliveryRetry } from '../../src/relay/deliveryBackoff.js'
import { RelayError } from '../../src/relay/RelayError.js'
import type { RelayEvent } from '../../src/relay/RelayEvent.js'
import type { RelayEventType, RelayStore, Webhook } from '../../src/relay/RelayStore.js'
import { relayEventKey } from '../../src/relay/relayEventKey.js'
import { sqliteStore } from '../../src/relay/sqliteStore.js'
import { type NotifierOptions, startNotifier } from '../../src/relay/startNotifier.js'
import { webhookHeaders } from '../../src/relay/webhookHeaders.js'
import { verifyWebhookSignature, webhookSignature } from '../../src/relay/webhookSignature.js'
import { maxWebhookUrlLength, webhookUrl } from '../../src/relay/webhookUrl.js'
import { extractBlocks, root } from '../docs/docBlocks.js'

const account = 'a1'.repeat(32)
const otherAccount = 'b2'.repeat(32)
const hash = 'c3'.repeat(32)
const signer = `01${'d4'.repeat(32)}`
const t0 = Date.UTC(2026, 0, 1, 12, 0, 0)

type Received = { path: string; headers: IncomingHttpHeaders; body: Buffer }
/** What the receiver answers to the n-th request (0-based) on a path: a status, a redirect, or nothing. */
type Answer = { status: number; location?: string } | 'hang'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A webhook receiver on 127.0.0.1 that records every request, raw. */
async function startReceiver(answer: (path: string, n: number) => Answer = () => ({ status: 200 })) {
  const received: Received[] = []
  const hanging: ServerResponse[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const path = request.url ?? ''
      const n = received.filter((r) => r.path === path).length
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks) })
      const a = answer(path, n)
      if (a === 'hang') {
        hanging.push(response)
        return
      }
      response.writeHead(a.status, a.location ? { location: a.location } : {}).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return { base, received, on: (path: string) => received.filter((r) => r.path === path) }
}

/** A SQLite store in a fresh directory, a clock the test moves, and a notifier on both. */
async function startRelay(options: Partial<NotifierOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'casper-multisig-notifier-'))
  const store = await sqliteStore(dir)
  const clock = { now: t0 }
  const errors: unknown[] = []
  const notifier = startNotifier({
    store,
    now: () => clock.now,
    intervalMs: 3_600_000,
    onError: (error) => errors.push(error),
    localWebhooks: true,
    ...options,
  })
  cleanups.push(async () => {
    await notifier.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
    expect(errors).toEqual([])
  })
  return { store, clock, notifier, dir }
}

async function addWebhook(store: RelayStore, url: string, owner = account, createdAt = t0): Promise<Webhook> {
  const webhook = {
    id: randomBytes(8).toString('hex'),
    account: owner,
    url: webhookUrl(url, { localWebhooks: true }),
    secret: randomBytes(32).toString('hex'),
    createdAt,
  }
  await store.addWebhook(webhook)
  return webhook
}

const header = (r: Received, name: string) => r.headers[name.toLowerCase()]

function event(type: RelayEventType, data: Record<string, unknown> = {}): RelayEvent {
  return { type, hash, account, data }
}

const allEvents: RelayEvent[] = [
  event('proposal.created', { kind: 'deploy' }),
  event('approval.added', { signer }),
  event('threshold.reached', { weight: 2, threshold: 2 }),
  event('proposal.expiring', { expiresAt: new Date(t0 + 60_000).toISOString() }),
  event('proposal.expired', { expiresAt: new Date(t0).toISOString() }),
  event('proposal.executed', { execution: { cost: '2500000000', error: null } }),
]

describe('deliveries', () => {
  test('every event type reaches each webhook of its account once, signed with that webhook’s secret', async () => {
    const receiver = await startReceiver()
    const { store, notifier } = await startRelay()
    const one = await addWebhook(store, `${receiver.base}/one`)
    const two = await addWebhook(store, `${receiver.base}/two`)
    await addWebhook(store, `${receiver.base}/other`, otherAccount)
    for (const e of allEvents) await notifier.events.emit(e)
    await notifier.runOnce()

    expect(receiver.on('/other')).toEqual([])
    for (const [webhook, other] of [
      [one, two],
      [two, one],
    ] as const) {
      const got = receiver.on(new URL(webhook.url).pathname)
      expect(got.map((r) => header(r, webhookHeaders.event)).sort()).toEqual(
        allEvents.map((e) => e.type).sort(),
      )
      for (const r of got) {
        const signature = header(r, webhookHeaders.signature)
        expect(signature).toBe(`sha256=${createHmac('sha256', webhook.secret).update(r.body).digest('hex')}`)
        expect(verifyWebhookSignature(webhook.secret, r.body, signature)).toBe(true)
        expect(verifyWebhookSignature(other.secret, r.body, signature)).toBe(false)
        expect(header(r, 'content-type')).toBe('application/json')
        expect(header(r, webhookHeaders.delivery)).toMatch(/^[0-9a-f-]{36}$/)
        const payload = JSON.parse(r.body.toString('utf8'))
        const sent = allEvents.find((e) => e.type === payload.type)!
        expect(payload).toEqual({
          type: sent.type,
          hash,
          account,
          at: new Date(t0).toISOString(),
          data: sent.data,
        })
        expect(header(r, webhookHeaders.event)).toBe(payload.type)
      }
    }
    // One payload per event, the same bytes to both webhooks; one delivery id per webhook and event.
    const bodies = (path: string) =>
      receiver
        .on(path)
        .map((r) => r.body.toString('utf8'))
        .sort()
    expect(bodies('/one')).toEqual(bodies('/two'))
    expect(new Set(receiver.received.map((r) => header(r, webhookHeaders.delivery))).size).toBe(12)
  })

  test('an event raised again (the same key) is not sent again, before or after delivery', async () => {
    const receiver = await startReceiver()
    const { store, notifier, clock } = await startRelay()
    await addWebhook(store, `${receiver.base}/hook`)
    await notifier.events.emit(event('threshold.reached', { weight: 2 }))
    await notifier.events.emit(event('threshold.reached', { weight: 3 }))
    await notifier.events.emit(event('approval.added', { signer }))
    await notifier.events.emit(event('approval.added', { signer: signer.toUpperCase() }))
    await notifier.runOnce()
    clock.now += 3_600_000
    await notifier.events.emit(event('threshold.reached', { weight: 2 }))
    await notifier.events.emit(event('approval.added', { signer }))
    await notifier.runOnce()
    expect(receiver.received.map((r) => header(r, webhookHeaders.event)).sort()).toEqual([
      'approval.added',
      'threshold.reached',
    ])
    expect(
      JSON.parse(receiver.received.find((r) => r.body.includes('threshold'))!.body.toString()).data,
    ).toEqual({
      weight: 2,
    })
    // Another signer is another approval, so another notice.
    await notifier.events.emit(event('approval.added', { signer: `02${'e5'.repeat(33)}` }))
    await notifier.runOnce()
    expect(receiver.received).toHaveLength(3)
  })

  test('event keys: one per proposal and type, one per signer for approvals', () => {
    expect(relayEventKey(event('proposal.executed'))).toBe(`proposal.executed:${hash}`)
    expect(relayEventKey(event('approval.added', { signer: signer.toUpperCase() }))).toBe(
      `approval.added:${hash}:${signer}`,
    )
    expect(() => relayEventKey(event('approval.added'))).toThrow(TypeError)
  })

  test('after 500s it retries on the back-off schedule, with the same body, id and signature, until a 2xx', async () => {
    const receiver = await startReceiver((_, n) => ({ status: n < 3 ? 500 : 204 }))
    const { store, notifier, clock } = await startRelay()
    await addWebhook(store, `${receiver.base}/hook`)
    await notifier.events.emit(event('proposal.created'))
    const attemptsAt = async (offset: number) => {
      clock.now = t0 + offset
      await notifier.runOnce()
      return receiver.received.length
    }
    expect(await attemptsAt(0)).toBe(1)
    expect(await attemptsAt(999)).toBe(1)
    expect(await attemptsAt(1_000)).toBe(2)
    expect(await attemptsAt(1_000 + 1_999)).toBe(2)
    expect(await attemptsAt(3_000)).toBe(3)
    expect(await attemptsAt(3_000 + 3_999)).toBe(3)
    expect(await attemptsAt(7_000)).toBe(4)
    // Delivered (204): never again.
    expect(await attemptsAt(7_000 + 24 * 3_600_000)).toBe(4)
    const first = receiver.received[0]!
    for (const r of receiver.received) {
      expect(r.body.equals(first.body)).toBe(true)
      expect(header(r, webhookHeaders.delivery)).toBe(header(first, webhookHeaders.delivery))
      expect(header(r, webhookHeaders.signature)).toBe(header(first, webhookHeaders.signature))
    }
  })

  test('it gives up after maxAttempts failures', async () => {
    const receiver = await startReceiver(() => ({ status: 503 }))
    const { store, notifier, clock } = await startRelay({ maxAttempts: 3, backoff: (n) => n * 10 })
    await addWebhook(store, `${receiver.base}/hook`)
    await notifier.events.emit(event('proposal.created'))
    for (let i = 0; i < 8; i++) {
      await notifier.runOnce()
      clock.now += 1_000
    }
    expect(receiver.received).toHaveLength(3)
    expect(await store.claimDeliveries(clock.now + 3_600_000, clock.now, 100)).toEqual([])
  })

  test('the default schedule: 1 s doubling, capped at 10 min, 12 attempts', () => {
    const delays = Array.from({ length: deliveryRetry.maxAttempts - 1 }, (_, i) => deliveryBackoff(i + 1))
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 600].map((s) => s * 1_000))
    expect(deliveryBackoff(1_000_000)).toBe(600_000)
  })

  test('a redirect is not followed: it is a failed attempt', async () => {
    for (const status of [301, 302, 307, 308]) {
      const receiver = await startReceiver((path) =>
        path === '/hook' ? { status, location: '/target' } : { status: 200 },
      )
      const { store, notifier, clock } = await startRelay({ maxAttempts: 2 })
      await addWebhook(store, `${receiver.base}/hook`)
      await notifier.events.emit(event('proposal.created'))
      await notifier.runOnce()
      clock.now += 1_000
      await notifier.runOnce()
      clock.now += 3_600_000
      await notifier.runOnce()
      expect(receiver.received.map((r) => r.path)).toEqual(['/hook', '/hook'])
    }
  })

  test('a receiver that does not answer within the timeout is a failed attempt', async () => {
    const receiver = await startReceiver((path) => (path === '/slow' ? 'hang' : { status: 200 }))
    const { store, notifier, clock } = await startRelay({ timeoutMs: 100, maxAttempts: 2 })
    await addWebhook(store, `${receiver.base}/slow`)
    await notifier.events.emit(event('proposal.created'))
    await notifier.runOnce()
    clock.now += 1_000
    await notifier.runOnce()
    expect(receiver.received).toHaveLength(2)
    expect(await store.claimDeliveries(clock.now + 3_600_000, clock.now, 100)).toEqual([])
  })

  test('a removed webhook gets nothing more: neither retries nor new events', async () => {
    const receiver = await startReceiver((path) => ({ status: path === '/failing' ? 500 : 200 }))
    const { store, notifier, clock } = await startRelay()
    const failing = await addWebhook(store, `${receiver.base}/failing`)
    await addWebhook(store, `${receiver.base}/kept`)
    await notifier.events.emit(event('proposal.created'))
    await notifier.runOnce()
    expect(receiver.on('/failing')).toHaveLength(1)
    expect(await store.removeWebhook(account, failing.id)).toBe(true)
    for (let i = 0; i < 5; i++) {
      clock.now += 3_600_000
      await notifier.runOnce()
    }
    await notifier.events.emit(event('threshold.reached'))
    await notifier.runOnce()
    expect(receiver.on('/failing')).toHaveLength(1)
    expect(receiver.on('/kept').map((r) => header(r, webhookHeaders.event))).toEqual([
      'proposal.created',
      'threshold.reached',
    ])
  })

  test('a stored URL the relay no longer accepts is never fetched and is given up', async () => {
    const calls: string[] = []
    const spy: typeof fetch = async (input) => {
      calls.push(String(input))
      return new Response(null, { status: 200 })
    }
    const { store, notifier } = await startRelay({ fetch: spy })
    await store.addWebhook({
      id: 'w',
      account,
      url: 'file:///etc/passwd',
      secret: 'ff'.repeat(32),
      createdAt: t0,
    })
    await notifier.events.emit(event('proposal.created'))
    await notifier.runOnce()
    expect(calls).toEqual([])
    expect(await store.claimDeliveries(t0 + 3_600_000, t0, 100)).toEqual([])
  })
})

describe('the expiring and expired scanner', () => {
  async function propose(store: RelayStore, suffix: string, expiresAt: number): Promise<string> {
    const h = suffix.repeat(64 / suffix.length)
    await store.putProposal(
      {
        hash: h,
        kind: 'deploy',
        account,
        chainName: 'casper-test',
        file: '{}',
        createdAt: expiresAt - 7_200_000,
        expiresAt,
        renewedFrom: undefined,
      },
      [],
    )
    return h
  }
  const notices = (r: Received[]) =>
    r.map((x) => {
      const payload = JSON.parse(x.body.toString('utf8'))
      return `${payload.type} ${payload.hash.slice(0, 2)}`
    })

  test('expiring within 30 min, expired past expiry, each once; not for what is not pending or far off', async () => {
    const receiver = await startReceiver()
    const { store, notifier, clock } = await startRelay()
    await addWebhook(store, `${receiver.base}/early`, account, t0 - 3_600_000)
    // Registered at t0: after 01's expiry and after 10's expiring moment (t0 - 20 min).
    await addWebhook(store, `${receiver.base}/late`, account, t0)
    const soon = await propose(store, '10', t0 + 10 * 60_000)
    await propose(store, '01', t0 - 60_000)
    await propose(store, '20', t0 + 2 * 3_600_000)
    const done = await propose(store, '30', t0 + 5 * 60_000)
    await store.setState(done, 'executed', '{}')

    await notifier.runOnce()
    await notifier.runOnce()
    expect(notices(receiver.on('/early')).sort()).toEqual(['proposal.expired 01', 'proposal.expiring 10'])
    expect(receiver.on('/late')).toEqual([])
    const expiring = JSON.parse(
      receiver
        .on('/early')
        .find((r) => r.body.includes('expiring'))!
        .body.toString(),
    )
    expect(expiring).toMatchObject({
      hash: soon,
      account,
      at: new Date(t0).toISOString(),
      data: { expiresAt: new Date(t0 + 10 * 60_000).toISOString(), chainName: 'casper-test', kind: 'deploy' },
    })

    // 10 expires: both webhooks are told (the late one was registered before that moment).
    clock.now = t0 + 10 * 60_000
    await notifier.runOnce()
    expect(notices(receiver.on('/early')).sort()).toEqual([
      'proposal.expired 01',
      'proposal.expired 10',
      'proposal.expiring 10',
    ])
    expect(notices(receiver.on('/late'))).toEqual(['proposal.expired 10'])

    // A restarted notifier on the same database repeats nothing.
    const again = startNotifier({ store, now: () => clock.now, intervalMs: 3_600_000 })
    await again.runOnce()
    await again.close()
    expect(receiver.received).toHaveLength(4)
  })
})

describe('webhook URLs', () => {
  const local = { localWebhooks: true }
  const open = { localWebhooks: false }
  test('https URLs, and http URLs to loopback, are accepted, normalized', () => {
    for (const options of [local, open]) {
      expect(webhookUrl('https://hooks.example.com/casper?x=1', options)).toBe(
        'https://hooks.example.com/casper?x=1',
      )
      expect(webhookUrl('HTTPS://Example.COM', options)).toBe('https://example.com/')
      expect(webhookUrl('https://8.8.8.8/h', options)).toBe('https://8.8.8.8/h')
      expect(webhookUrl('https://172.32.0.1/h', options)).toBe('https://172.32.0.1/h')
    }
    expect(webhookUrl('http://127.0.0.1:8080/h', local)).toBe('http://127.0.0.1:8080/h')
    expect(webhookUrl('HTTP://LOCALHOST:9/h', local)).toBe('http://localhost:9/h')
    expect(webhookUrl('http://[::1]:9/h', local)).toBe('http://[::1]:9/h')
    expect(webhookUrl('https://10.0.0.1/h', local)).toBe('https://10.0.0.1/h')
  })

  // Unless its operator asks for it (--local-webhooks), a relay must not be made to POST to its own
  // machine's services (the node's RPC on 127.0.0.1:7777) or its private network (a cloud metadata
  // address), even from behind a TLS proxy in front of a relay on 127.0.0.1.
  test.each([
    ['http://127.0.0.1:7777/rpc'],
    ['http://localhost:7777/rpc'],
    ['http://[::1]:7777/rpc'],
    ['https://127.0.0.1:7777/rpc'],
    ['https://127.1/'],
    ['https://0x7f.1/'],
    ['https://localhost./'],
    ['https://relay.localhost/'],
    ['https://0.0.0.0:7777/'],
    ['https://[::]/'],
    ['https://[::ffff:127.0.0.1]/'],
    ['https://[::ffff:10.0.0.1]/'],
    ['https://10.0.0.1/'],
    ['https://172.16.0.1/'],
    ['https://172.31.255.255/'],
    ['https://192.168.1.1/'],
    ['https://169.254.169.254/latest/meta-data/'],
    ['https://[fd00::1]/'],
    ['https://[fe80::1]/'],
  ])('%s is refused with InvalidWebhook without localWebhooks', (url) => {
    let thrown: unknown
    try {
      webhookUrl(url, open)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(RelayError)
    expect((thrown as RelayError).code).toBe('InvalidWebhook')
    expect((thrown as RelayError).remedy).toContain('--local-webhooks')
    expect(String((thrown as RelayError).details.reason)).toMatch(/(loopback|private) address/)
  })

  test('a notifier without localWebhooks drops a delivery to a loopback webhook unsent', async () => {
    const receiver = await startReceiver()
    const { store, notifier } = await startRelay({ localWebhooks: false })
    await addWebhook(store, `${receiver.base}/hook`)
    await notifier.events.emit(event('proposal.created', { kind: 'deploy' }))
    await notifier.runOnce()
    expect(receiver.received).toEqual([])
    // Dropped for good: nothing is left to retry.
    expect(await store.claimDeliveries(t0 + 3_600_000, t0 + 3_700_000, 10)).toEqual([])
  })

  test.each([
    ['ftp://example.com/'],
    ['http://example.com/hook'],
    ['http://10.0.0.1/hook'],
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['data:text/plain,x'],
    ['/relative/path'],
    ['example.com'],
    ['https://user:pass@example.com/'],
    ['https://user@example.com/'],
    [`https://example.com/${'a'.repeat(maxWebhookUrlLength)}`],
    [''],
    [42],
    [undefined],
  ])('%s is refused with InvalidWebhook', (url) => {
    let thrown: unknown
    try {
      webhookUrl(url, local)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(RelayError)
    expect((thrown as RelayError).code).toBe('InvalidWebhook')
    expect((thrown as RelayError).remedy).toMatch(/http/)
  })
})

describe('signatures', () => {
  const secrets = fc.stringMatching(/^[0-9a-f]{1,128}$/)
  const bodies = fc.uint8Array({ maxLength: 512 })

  test('a signature verifies if and only if the body and the secret are unchanged', () => {
    fc.assert(
      fc.property(
        secrets,
        bodies,
        fc.option(secrets, { nil: undefined }),
        fc.option(bodies, { nil: undefined }),
        (secret, body, otherSecret, otherBody) => {
          const header = webhookSignature(secret, body)
          const s = otherSecret ?? secret
          const b = otherBody ?? body
          const same = s === secret && Buffer.from(b).equals(Buffer.from(body))
          expect(verifyWebhookSignature(s, b, header)).toBe(same)
          expect(header).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`)
        },
      ),
      { numRuns: 1000 },
    )
  })

  test('one flipped bit of the body or one changed character of the header is refused', () => {
    fc.assert(
      fc.property(
        secrets,
        bodies.filter((b) => b.length > 0),
        fc.nat(),
        fc.nat(7),
        fc.nat(),
        (secret, body, at, bit, headerAt) => {
          const header = webhookSignature(secret, body)
          const flipped = Uint8Array.from(body)
          flipped[at % body.length]! ^= 1 << bit
          expect(verifyWebhookSignature(secret, flipped, header)).toBe(false)
          const i = 'sha256='.length + (headerAt % 64)
          const changed = `${header.slice(0, i)}${header[i] === '0' ? '1' : '0'}${header.slice(i + 1)}`
          expect(verifyWebhookSignature(secret, body, changed)).toBe(false)
          expect(verifyWebhookSignature(secret, body, header.toUpperCase())).toBe(false)
          expect(verifyWebhookSignature(secret, body, header)).toBe(true)
        },
      ),
      { numRuns: 500 },
    )
  })

  test('a missing, repeated or malformed header is refused', () => {
    const body = '{"type":"proposal.created"}'
    const good = webhookSignature('ab', body)
    expect(verifyWebhookSignature('ab', body, good)).toBe(true)
    for (const header of [
      undefined,
      [good, good],
      '',
      'sha256=',
      good.slice(7),
      `${good}0`,
      `sha1=${good.slice(7)}`,
    ]) {
      expect(verifyWebhookSignature('ab', body, header)).toBe(false)
    }
  })

  test('the verifier docs/relay.md shows accepts a delivery as received and refuses a tampered one', async () => {
    const markdown = readFileSync(join(root, 'docs/relay.md'), 'utf8')
    const section = markdown.slice(markdown.indexOf('## Webhooks'))
    const schedule = deliveryRetry
    expect(section).toContain(`give up after ${schedule.maxAttempts} attempts`)
    expect(section).toContain(`capped at ${schedule.maxDelayMs / 60_000} min`)
    const [block] = extractBlocks('docs/relay.md', section)
    expect(block?.code).toMatch(/export function verify\(/)
    const dir = mkdtempSync(join(tmpdir(), 'casper-multisig-docverify-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'verify.mjs')
    writeFileSync(
      file,
      ts.transpileModule(block!.code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText,
    )
    const { verify } = (await import(pathToFileURL(file).href)) as {
      verify: (secret: string, body: Buffer, header: string | string[] | undefined) => boolean
    }

    const receiver = await startReceiver()
    const { store, notifier } = await startRelay()
    const webhook = await addWebhook(store, `${receiver.base}/hook`)
    await notifier.events.emit(event('approval.added', { signer }))
    await notifier.runOnce()
    const [r] = receiver.received
    const signature = header(r!, webhookHeaders.signature)
    expect(verify(webhook.secret, r!.body, signature)).toBe(true)
    expect(verify(webhook.secret, Buffer.concat([r!.body, Buffer.from(' ')]), signature)).toBe(false)
    expect(verify('00'.repeat(32), r!.body, signature)).toBe(false)
    expect(verify(webhook.secret, r!.body, undefined)).toBe(false)
  })
})
