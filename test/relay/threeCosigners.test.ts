// What a relay is for, end to end on the devnet: three co-signers approve a proposal through a relay
// started with one command (`casper-multisig relay`); each sees the same description; the coordinator's
// webhook is told when the threshold is reached and when it executed; an expired proposal is renewed
// and signed again, then executes. Both stores: SQLite (`--data DIR`) and PostgreSQL (`--database URL`,
// a real server from test/support/postgres.ts; CI requires it with CASPER_MULTISIG_REQUIRE_POSTGRES=1),
// on one devnet.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningRelay, runRelay } from '../../src/cli/commands/relay.js'
import { main } from '../../src/cli/main.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { signFile } from '../../src/cosign/signFile.js'
import { stringifyCosignFile } from '../../src/cosign/stringifyCosignFile.js'
import { buildTransfer } from '../../src/deploy/buildTransfer.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { relayClient } from '../../src/relay/relayClient.js'
import { verifyWebhookSignature } from '../../src/relay/webhookSignature.js'
import { writeKey } from '../cli/cliKit.js'
import { postgresForTests, startTestPostgres, type TestPostgres } from '../support/postgres.js'

type Delivery = {
  event: string
  body: string
  json: { type: string; hash: string; data: Record<string, unknown> }
}

let devnet: Devnet
/** The relay of the store under test (one per suite). */
let relay: RunningRelay
let dir: string
let receiver: Server
let receiverUrl: string
const deliveries: Delivery[] = []
/** The webhook secrets the relays handed out (one per suite). */
const secrets: string[] = []
let alice: ReturnType<typeof writeKey>
let bob: ReturnType<typeof writeKey>
let carol: ReturnType<typeof writeKey>
const wait = ['--wait', '30', '--poll-interval', '50']

async function run(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const { code } = await main(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { CASPER_MULTISIG_CONFIG_DIR: join(dir, 'config') },
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** Resolves with the first delivery of `type` for `hash`, checking its signature. */
async function delivered(type: string, hash: string): Promise<Delivery> {
  for (let i = 0; i < 400; i++) {
    const found = deliveries.find((d) => d.json.type === type && d.json.hash === hash)
    if (found) return found
    await new Promise((done) => setTimeout(done, 50))
  }
  throw new Error(`no ${type} delivery for ${hash}; got ${deliveries.map((d) => d.json.type).join(', ')}`)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-three-'))
  alice = writeKey(dir, 'alice')
  bob = writeKey(dir, 'bob', 'secp256k1-sec1')
  carol = writeKey(dir, 'carol')
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50, accounts: [{ publicKey: alice.publicKey }] })
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const signature = String(request.headers['x-casper-multisig-signature'])
      if (!secrets.some((secret) => verifyWebhookSignature(secret, body, signature))) {
        response.writeHead(401).end()
        return
      }
      deliveries.push({
        event: String(request.headers['x-casper-multisig-event']),
        body,
        json: JSON.parse(body),
      })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/casper`

  // Alice makes her account 3-of-3 with bob and carol.
  const target = join(dir, 'target.json')
  writeFileSync(
    target,
    JSON.stringify({
      associatedKeys: [alice, bob, carol].map((k) => ({ key: k.publicKey, weight: 1 })),
      thresholds: { deployment: 3, keyManagement: 3 },
    }),
  )
  const setup = join(dir, 'setup')
  const plan = ['-n', devnet.url, '--account', alice.publicKey, '--target', target, '--out-dir', setup]
  expect((await run(['plan', ...plan, '--signer', alice.publicKey, '-q'])).code).toBe(0)
  const signed = join(setup, 'signed.json')
  expect((await run(['sign', join(setup, 'deploy-1.json'), '-k', alice.path, '-o', signed, '-q'])).code).toBe(
    0,
  )
  expect(await run(['send', signed, '-n', devnet.url, ...wait, '-q'])).toMatchObject({ code: 0, err: '' })
}, 180_000)

afterAll(async () => {
  await devnet?.stop()
  await new Promise((done) => receiver?.close(done))
  rmSync(dir, { recursive: true, force: true })
})

describe.each([
  { name: 'sqlite', available: true },
  { name: 'postgres', available: postgresForTests() },
] as const)('three co-signers through one relay on $name, on the devnet', ({ name, available }) => {
  const it = test.skipIf(!available)
  let database: TestPostgres | undefined
  let started: RunningRelay | undefined
  beforeAll(async () => {
    if (!available) return
    // One command starts the relay, on this store, following the devnet.
    database = name === 'postgres' ? await startTestPostgres() : undefined
    const store = database ? ['--database', database.url] : ['--data', join(dir, 'relay')]
    const command = await runRelay(['--port', '0', ...store, '--node', devnet.url, '--local-webhooks'], {
      out: () => {},
      err: () => {},
    })
    expect(command.code).toBe(0)
    started = command.relay
    relay = command.relay!
    expect(await (await fetch(`${relay.url}/health`)).json()).toEqual({ ok: true, store: name })

    // The coordinator registers a webhook for the account.
    const hook = await fetch(`${relay.url}/accounts/${alice.accountHash}/webhooks`, {
      method: 'POST',
      body: JSON.stringify({ url: receiverUrl }),
    })
    expect(hook.status).toBe(201)
    secrets.push(((await hook.json()) as { secret: string }).secret)
  }, 120_000)
  afterAll(async () => {
    await started?.stop()
    await database?.stop()
  }, 120_000)

  it('each sees the same description; the webhook hears the threshold and the execution; it executes', async () => {
    const file = join(dir, `transfer-${name}.json`)
    const made = await run([
      'transfer',
      '-n',
      devnet.url,
      '--account',
      alice.publicKey,
      '--target',
      carol.publicKey,
      '--transfer-amount',
      '7cspr',
      '-o',
      file,
    ])
    expect(made.code).toBe(0)
    const hash = parseCosignFile(readFileSync(file, 'utf8')).hash
    const described = await run(['describe', file, '-n', devnet.url])
    expect(described.code).toBe(0)

    // Alice (the coordinator) signs and proposes.
    const byAlice = await run(['sign', file, '-k', alice.path, '--relay', relay.url, '-n', devnet.url])
    expect(byAlice).toMatchObject({ code: 0, err: '' })
    expect(byAlice.out.slice(0, described.out.length)).toBe(described.out)
    await delivered('proposal.created', hash)

    // Bob and carol, each with only the hash, see what `describe` shows of the relay's merged file
    // (the same content as alice's, with the approvals gathered so far), and sign.
    for (const [key, weight] of [
      [bob, 2],
      [carol, 3],
    ] as const) {
      const merged = join(dir, `merged-${name}-${weight}.json`)
      writeFileSync(merged, await (await fetch(`${relay.url}/proposals/${hash}/file`)).text())
      const seen = await run(['describe', merged, '-n', devnet.url])
      expect(seen.out.replace(/Signed by:[\s\S]*?\n(?=\S)/, '')).toBe(
        described.out.replace(/Signed by:[\s\S]*?\n(?=\S)/, ''),
      )
      const signed = await run(['sign', hash, '--relay', relay.url, '-k', key.path, '-n', devnet.url])
      expect(signed).toMatchObject({ code: 0, err: '' })
      expect(signed.out.slice(0, seen.out.length)).toBe(seen.out)
      expect(signed.out).toMatch(new RegExp(`Progress: weight ${weight} of 3`))
    }
    const reached = await delivered('threshold.reached', hash)
    expect(reached.event).toBe('threshold.reached')

    // Anyone asks the relay to send it; the webhook hears the result.
    const sent = await run(['send', hash, '--relay', relay.url])
    expect(sent).toMatchObject({ code: 0, err: '' })
    const executed = await delivered('proposal.executed', hash)
    expect(executed.json.data).toMatchObject({ ok: true, charged: '100000000' })
    const onNode = await run(['wait', hash, '-n', devnet.url, '--timeout', '30'])
    expect(onNode).toMatchObject({ code: 0 })
    expect(onNode.out).toContain('Executed in block')
  }, 180_000)

  it('an expired proposal is renewed by the relay, signed again by all three, and executes', async () => {
    // A transfer made three hours ago with a two-hour TTL: expired before anyone could gather the signatures.
    const built = buildTransfer({
      account: alice.publicKey,
      chainName: devnet.chainName,
      target: bob.publicKey,
      amount: 3_000_000_000n,
      timestamp: Date.now() - 3 * 3600_000,
      ttl: '2h',
    })
    const expired = await signFile(parseCosignFile(built.json), localSigner(readFileSync(alice.path, 'utf8')))
    const client = relayClient(relay.url)
    const proposed = await client.propose(stringifyCosignFile(expired))
    expect(proposed.hash).toBe(built.hash)
    expect((await client.proposal(built.hash)).status).toBe('expired')
    await delivered('proposal.expired', built.hash)

    // Renewed by the relay (casper-multisig renew HASH --relay): the same content, a new timestamp
    // and hash, checked here; the relay links the two and alice must sign again.
    const renewing = await run(['renew', built.hash, '--relay', relay.url, '--json'])
    expect(renewing).toMatchObject({ code: 0, err: '' })
    const renewed = JSON.parse(renewing.out) as {
      hash: string
      previousHash: string
      mustSign: { publicKey: string }[]
    }
    expect(renewed.previousHash).toBe(built.hash)
    expect(renewed.hash).not.toBe(built.hash)
    expect(renewed.mustSign.map((k) => k.publicKey)).toEqual([alice.publicKey])
    expect((await client.proposal(built.hash)).renewedTo).toBe(renewed.hash)
    expect((await client.proposal(renewed.hash)).renewedFrom).toBe(built.hash)

    // All three sign the renewed one through the relay; it is sent and executes.
    for (const key of [alice, bob, carol]) {
      const signed = await run([
        'sign',
        renewed.hash,
        '--relay',
        relay.url,
        '-k',
        key.path,
        '-n',
        devnet.url,
        '-q',
      ])
      expect(signed).toMatchObject({ code: 0, err: '' })
    }
    const sent = await run(['send', renewed.hash, '--relay', relay.url, '-n', devnet.url, ...wait])
    expect(sent).toMatchObject({ code: 0, err: '' })
    expect(sent.out).toContain('Executed in block')
  }, 180_000)
})
