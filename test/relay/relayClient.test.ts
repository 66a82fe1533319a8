// The relay client against a relay that lies: every forgery is caught (RelayLied, or the approval
// dropped and reported); withholding (fewer approvals, an error, no answer) is all a relay can do.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Approval, CosignFile } from '../../src/cosign/CosignFile.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { stringifyCosignFile, withApprovals } from '../../src/cosign/stringifyCosignFile.js'
import { verifyFile } from '../../src/cosign/verifyFile.js'
import { buildTransfer } from '../../src/deploy/buildTransfer.js'
import { RelayError } from '../../src/relay/RelayError.js'
import { relayClient } from '../../src/relay/relayClient.js'
import { testSigner } from '../approvals/testSigners.js'

const alice = testSigner(1, 'ed25519')
const bob = testSigner(2, 'secp256k1')
const carol = testSigner(3, 'ed25519')
const mallory = testSigner(4, 'ed25519')
const recipient = testSigner(5, 'ed25519').publicKey
const timestamp = Date.now()

/** A transfer of `amount` motes, unsigned, as `transfer` writes it. */
function transfer(kind: 'deploy' | 'transaction', amount: bigint, at = timestamp): CosignFile {
  const built = buildTransfer({
    kind,
    account: alice.publicKey,
    chainName: 'casper',
    timestamp: at,
    ttl: '30m',
    target: recipient,
    amount,
    id: 7,
  })
  return parseCosignFile(built.json)
}

function signed(file: CosignFile, ...signers: (typeof alice)[]): CosignFile {
  return withApprovals(file, [...file.approvals, ...signers.map((s) => s.sign(file.hash))])
}

/**
 * What the relay does to a `GET /proposals/<hash>` answer: `honest` returns the merged file,
 * the others what a lying relay might. The relay's description and verdict are always lies.
 */
type Lie =
  | 'honest'
  | 'alterAmount'
  | 'alterAmountAndRehash'
  | 'swapHash'
  | 'inventApproval'
  | 'replayApproval'
  | 'dropApprovals'
  | 'notJson'
  | 'hostileError'
  | 'renewAltered'
  | 'proposeOtherHash'

let lie: Lie = 'honest'
/** The honest store: content by hash, approvals as a set. */
const store = new Map<string, { file: CosignFile; approvals: Map<string, Approval> }>()
/** Files the relay can swap in: the same transfer with another amount, and another proposal. */
const others = new Map<
  string,
  { altered: CosignFile; other: CosignFile; renewed: CosignFile; renewedAltered: CosignFile }
>()
let server: Server
let url: string

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(typeof body === 'string' ? body : JSON.stringify(body))
}

function merged(hash: string): CosignFile {
  const entry = store.get(hash)!
  return withApprovals(entry.file, [...entry.approvals.values()])
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks).toString('utf8')
  const path = request.url ?? ''
  if (lie === 'notJson') {
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end('<html>captive portal</html>')
    return
  }
  if (lie === 'hostileError') {
    reply(response, 409, {
      error: {
        code: 'NotReady\u001b[2J',
        message: 'evil\u202eeulav\nRemedy: run rm -rf',
        remedy: '\u001b]0;pwned\u0007',
      },
    })
    return
  }
  if (request.method === 'POST' && path === '/proposals') {
    const file = parseCosignFile(body)
    const existing = store.get(file.hash)
    const entry = existing ?? { file: withApprovals(file, []), approvals: new Map<string, Approval>() }
    store.set(file.hash, entry)
    const added = file.approvals.filter((a) => !entry.approvals.has(a.signer))
    for (const a of file.approvals) entry.approvals.set(a.signer, a)
    const hash = lie === 'proposeOtherHash' ? 'ab'.repeat(32) : file.hash
    reply(response, existing ? 200 : 201, {
      hash,
      kind: file.kind,
      created: !existing,
      added: [...added.map((a) => a.signer), mallory.publicKey],
      url: `/proposals/${hash}`,
      page: `/p/${hash}`,
    })
    return
  }
  const match = /^\/proposals\/([0-9a-f]{64})(\/approvals|\/renew)?$/.exec(path)
  const hash = match?.[1]
  if (!hash || !store.has(hash)) {
    reply(response, 404, {
      error: { code: 'ProposalNotFound', message: 'no such proposal', remedy: 'propose it' },
    })
    return
  }
  if (request.method === 'POST' && match[2] === '/approvals') {
    const posted = JSON.parse(body) as { approvals?: Approval[] }
    const approvals = posted.approvals ?? parseCosignFile(body).approvals
    const entry = store.get(hash)!
    const added = approvals.filter((a) => !entry.approvals.has(a.signer))
    for (const a of approvals) entry.approvals.set(a.signer, a)
    reply(response, 200, { hash, added: added.map((a) => a.signer), approvals: entry.approvals.size })
    return
  }
  if (request.method === 'POST' && match[2] === '/renew') {
    const swaps = others.get(hash)!
    const renewed = lie === 'renewAltered' ? swaps.renewedAltered : swaps.renewed
    store.set(renewed.hash, { file: renewed, approvals: new Map() })
    reply(response, 201, {
      hash: renewed.hash,
      renewedFrom: hash,
      mustSign: [mallory.publicKey],
      url: `/proposals/${renewed.hash}`,
      page: `/p/${renewed.hash}`,
    })
    return
  }
  let file = merged(hash)
  const swaps = others.get(hash)
  if (lie === 'alterAmount') file = { ...withApprovals(swaps!.altered, file.approvals), hash }
  if (lie === 'alterAmountAndRehash') file = withApprovals(swaps!.altered, file.approvals)
  if (lie === 'swapHash') file = signed(swaps!.other, alice)
  if (lie === 'inventApproval') {
    // Mallory's key with a signature that is not hers: the bytes of Alice's, or random.
    file = withApprovals(file, [
      ...file.approvals,
      { signer: mallory.publicKey, signature: alice.sign(hash).signature },
      { signer: carol.publicKey, signature: `01${'5a'.repeat(64)}` },
    ])
  }
  if (lie === 'replayApproval') file = withApprovals(file, [...file.approvals, carol.sign(swaps!.other.hash)])
  if (lie === 'dropApprovals') file = withApprovals(file, file.approvals.slice(0, 1))
  // The content of `file` written with its `hash` field, as a lying relay would send it.
  const json = stringifyCosignFile(file).replace(/"hash": "[0-9a-f]{64}"/, `"hash": "${file.hash}"`)
  const text = `{"hash":"${hash}","kind":"${file.kind}","state":"pending","status":"ready","file":${json},"description":["Transfer 1 mote to a friend"],"verdict":{"safeToSign":true,"reasons":[]},"progress":null,"execution":null,"renewedFrom":null,"renewedTo":null}`
  response.writeHead(200, { 'content-type': 'application/json' })
  response.end(text)
}

beforeAll(async () => {
  server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      reply(response, 500, { error: { code: 'Internal', message: String(error) } }),
    )
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()))
})

describe.each(['deploy', 'transaction'] as const)(
  'relayClient, %s: a lying relay can withhold, never forge',
  (kind) => {
    const original = transfer(kind, 5_000_000_000n)
    const altered = transfer(kind, 500_000_000_000n)
    const other = transfer(kind, 5_000_000_000n, timestamp + 1000)
    const renewed = transfer(kind, 5_000_000_000n, timestamp + 2 * 3_600_000)
    const renewedAltered = transfer(kind, 500_000_000_000n, timestamp + 2 * 3_600_000)
    const hash = original.hash
    const relay = () => relayClient(url)

    beforeAll(() => {
      lie = 'honest'
      others.set(hash, { altered, other, renewed, renewedAltered })
    })

    async function lied(promise: Promise<unknown>): Promise<RelayError> {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(RelayError)
      expect((error as RelayError).code).toBe('RelayLied')
      return error as RelayError
    }

    it('proposes a signed file, adds approvals (a list and a signed copy), and reads back what was signed', async () => {
      lie = 'honest'
      const proposed = await relay().propose(stringifyCosignFile(signed(original, alice)))
      // Mallory is not among the approvals posted: the relay's claim that she was added is not repeated.
      expect(proposed).toEqual({ hash, kind, created: true, added: [alice.publicKey] })
      expect(await relay().approve(hash, [bob.sign(hash)])).toEqual({
        hash,
        added: [bob.publicKey],
        approvals: 2,
      })
      const copy = stringifyCosignFile(signed(original, carol))
      expect(await relay().approve(hash.toUpperCase(), copy)).toEqual({
        hash,
        added: [carol.publicKey],
        approvals: 3,
      })
      const read = await relay().proposal(hash)
      expect(read.hash).toBe(hash)
      expect(read.kind).toBe(kind)
      expect(read.dropped).toEqual([])
      expect(read.status).toBe('ready')
      expect(read.file.approvals.map((a) => a.signer)).toEqual([
        alice.publicKey,
        bob.publicKey,
        carol.publicKey,
      ])
      expect(verifyFile(read.file).ok).toBe(true)
      expect(read.expiresAt).toBe(timestamp + 30 * 60_000)
      // The relay's description ("1 mote to a friend") and verdict are not part of what is returned.
      expect(JSON.stringify(read, (_, v) => (typeof v === 'bigint' ? `${v}` : v))).not.toContain('friend')
      expect(Object.keys(read)).not.toContain('verdict')
      expect(relay().pageUrl(hash)).toBe(`${url}/p/${hash}`)
    })

    it('catches a changed transfer amount under the same hash', async () => {
      lie = 'alterAmount'
      const error = await lied(relay().proposal(hash))
      expect(error.details).toMatchObject({ expected: hash, got: altered.hash })
    })

    it('catches a changed transfer amount with its hash recomputed (the hash asked for is not the one answered)', async () => {
      lie = 'alterAmountAndRehash'
      const error = await lied(relay().proposal(hash))
      expect(error.details).toMatchObject({ expected: hash, got: altered.hash })
    })

    it('catches another proposal swapped in for the one asked for', async () => {
      lie = 'swapHash'
      const error = await lied(relay().proposal(hash))
      expect(error.details).toMatchObject({ expected: hash, got: other.hash })
    })

    it('drops and reports invented approvals; the real ones are kept', async () => {
      lie = 'inventApproval'
      const read = await relay().proposal(hash)
      expect(read.file.approvals.map((a) => a.signer)).toEqual([
        alice.publicKey,
        bob.publicKey,
        carol.publicKey,
      ])
      expect(read.dropped.map((d) => [d.approval.signer, d.reason])).toEqual([
        [mallory.publicKey, 'InvalidSignature'],
        [carol.publicKey, 'InvalidSignature'],
      ])
      expect(verifyFile(read.file).ok).toBe(true)
    })

    it("drops and reports an approval replayed from another proposal's hash", async () => {
      lie = 'replayApproval'
      const read = await relay().proposal(hash)
      expect(read.dropped.map((d) => [d.approval.signer, d.reason])).toEqual([
        [carol.publicKey, 'InvalidSignature'],
      ])
      expect(read.file.approvals).toHaveLength(3)
    })

    it('withholding approvals is all a relay can do: what remains still verifies', async () => {
      lie = 'dropApprovals'
      const read = await relay().proposal(hash)
      expect(read.file.approvals.map((a) => a.signer)).toEqual([alice.publicKey])
      expect(read.dropped).toEqual([])
      expect(verifyFile(read.file).ok).toBe(true)
      expect(read.file.hash).toBe(hash)
    })

    it('catches a proposal stored under another hash than the file posted', async () => {
      lie = 'proposeOtherHash'
      const error = await lied(relay().propose(stringifyCosignFile(signed(original, alice))))
      expect(error.details).toMatchObject({ expected: hash, got: 'ab'.repeat(32) })
    })

    it('catches a renewal whose content is not the old one with a new timestamp; an honest one names the old signers', async () => {
      lie = 'renewAltered'
      const error = await lied(relay().renew(hash))
      expect(error.details).toMatchObject({ old: hash, renewed: renewedAltered.hash })
      lie = 'honest'
      const result = await relay().renew(hash)
      expect(result.hash).toBe(renewed.hash)
      expect(result.renewedFrom).toBe(hash)
      // The old file's verified signers, not the relay's list (which named Mallory).
      expect(result.mustSign).toEqual([alice.publicKey, bob.publicKey, carol.publicKey])
      expect(result.proposal.file.approvals).toEqual([])
    })

    it('refuses to post a signed copy of another file as approvals of this one, without asking the relay', async () => {
      lie = 'honest'
      const error = await relay()
        .approve(hash, stringifyCosignFile(signed(other, alice)))
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'RelayRefused', details: { proposal: hash, file: other.hash } })
    })
  },
)

describe('relayClient: errors', () => {
  it('an answer that is not JSON is RelayUnreachable', async () => {
    lie = 'notJson'
    const error = await relayClient(url)
      .proposal('cd'.repeat(32))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'RelayUnreachable' })
    lie = 'honest'
  })

  it('an unreachable relay is RelayUnreachable, its credentials not shown', async () => {
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((done) => closed.close(() => done()))
    const error = (await relayClient(`http://alice:s3cret@127.0.0.1:${port}/?token=t0ken`)
      .proposal('cd'.repeat(32))
      .catch((e: unknown) => e)) as RelayError
    expect(error).toMatchObject({ code: 'RelayUnreachable' })
    expect(error.message).toContain(`http://***@127.0.0.1:${port}`)
    expect(error.message).not.toMatch(/s3cret|t0ken/)
  })

  it("the relay's refusal keeps its code in details, its hostile text rendered inert", async () => {
    const notFound = (await relayClient(url)
      .proposal('cd'.repeat(32))
      .catch((e: unknown) => e)) as RelayError
    expect(notFound).toMatchObject({
      code: 'ProposalNotFound',
      details: { relayCode: 'ProposalNotFound', status: 404 },
    })
    lie = 'hostileError'
    const hostile = (await relayClient(url)
      .submit('cd'.repeat(32))
      .catch((e: unknown) => e)) as RelayError
    lie = 'honest'
    expect(hostile.code).toBe('RelayRefused')
    expect(hostile.details.relayCode).toBe('NotReady\u001b[2J')
    for (const raw of ['\u001b', '\u202e', '\u0007']) expect(hostile.message).not.toContain(raw)
    expect(hostile.message).toContain('\\u{1b}[2J')
    expect(hostile.message.split('\n').filter((line) => line.startsWith('Remedy:'))).toHaveLength(1)
  })

  it('refuses a hash that is not 64 hex digits before asking the relay', async () => {
    let asked = false
    const client = relayClient(url, {
      fetch: async () => {
        asked = true
        return new Response('{}')
      },
    })
    await expect(client.proposal('../accounts/x')).rejects.toMatchObject({ code: 'RelayRefused' })
    expect(asked).toBe(false)
  })

  it('sends the operator token to list proposals, and keeps only well-formed entries', async () => {
    let authorization: string | null = null
    const client = relayClient('http://relay.invalid/base/', {
      token: 's3cret',
      fetch: async (input, init) => {
        expect(String(input)).toBe(`http://relay.invalid/base/accounts/${'ef'.repeat(32)}/proposals`)
        authorization = new Headers(init?.headers).get('authorization')
        return new Response(
          JSON.stringify({
            account: 'ef'.repeat(32),
            proposals: [
              { hash: 'cd'.repeat(32), kind: 'deploy', status: 'pending', approvals: 1, expiresAt: 'x' },
              { hash: '../../etc/passwd', kind: 'deploy', status: 'pending' },
            ],
          }),
        )
      },
    })
    const list = await client.listProposals(`account-hash-${'EF'.repeat(32)}`)
    expect(authorization).toBe('Bearer s3cret')
    expect(list.map((entry) => entry.hash)).toEqual(['cd'.repeat(32)])
  })
})
