// kill -9 of a relay while 50 co-signers post approvals concurrently loses no acknowledged approval:
// the relay runs as a child process over SQLite and over PostgreSQL, is killed with SIGKILL after a fixed
// number of 2xx answers, restarted on the same data, and every acknowledged approval is read back and
// re-verified with the one model.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { stringifyCosignFile, withApprovals } from '../../src/cosign/stringifyCosignFile.js'
import { verifyFile } from '../../src/cosign/verifyFile.js'
import { buildTransfer } from '../../src/deploy/buildTransfer.js'
import { type TestSigner, testSigner } from '../approvals/testSigners.js'
import { postgresForTests, startTestPostgres } from '../support/postgres.js'
import { type RelayProcess, spawnRelay } from './spawnRelay.js'

/** The account's key that proposes (its approval makes each proposal admissible). */
const proposer = testSigner(900, 'ed25519')
const target = testSigner(901, 'ed25519')
/** 50 co-signers with distinct keys, both algorithms. */
const cosigners = Array.from({ length: 50 }, (_, i) =>
  testSigner(1000 + i, i % 2 === 0 ? 'ed25519' : 'secp256k1'),
)
/** Approvals posted in the concurrent phase: 50 co-signers × 3 proposals. */
const total = cosigners.length * 3
/** The relay is killed once this many approval posts were answered 2xx. */
const killAfter = 60

/** Three proposals of one account: two deploys and a TransactionV1. */
function proposals(): string[] {
  return (['deploy', 'transaction', 'deploy'] as const).map(
    (kind, i) =>
      buildTransfer({
        kind,
        account: proposer.publicKey,
        chainName: 'casper',
        target: target.publicKey,
        amount: 10_000_000_000n + BigInt(i),
        id: 70 + i,
      }).json,
  )
}

function signed(text: string, ...signers: TestSigner[]): string {
  const file = parseCosignFile(text)
  return stringifyCosignFile(
    withApprovals(file, [...file.approvals, ...signers.map((s) => s.sign(file.hash))]),
  )
}

async function post(url: string, body: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  return { status: response.status, json: await response.json() }
}

/** A co-signer's approval of one proposal, as a signed copy (even co-signers) or as a list (odd ones). */
function approvalBody(file: string, index: number): string {
  const cosigner = cosigners[index]!
  if (index % 2 === 0) return signed(file, cosigner)
  return JSON.stringify({ approvals: [cosigner.sign(parseCosignFile(file).hash)] })
}

type Outcome = { proposal: number; cosigner: number; status: number | 'not sent' | 'failed' }

/**
 * The 50 co-signers post at once, each its 3 approvals in turn (starting at a different proposal);
 * the relay is killed with SIGKILL when the `killAfter`-th 2xx answer arrives, and no post starts after.
 */
async function postUntilKilled(relay: RelayProcess, files: string[], hashes: string[]): Promise<Outcome[]> {
  let acknowledged = 0
  let killed = false
  const outcomes: Outcome[] = []
  await Promise.all(
    cosigners.map(async (_, cosigner) => {
      for (let step = 0; step < files.length; step++) {
        const proposal = (cosigner + step) % files.length
        if (killed) {
          outcomes.push({ proposal, cosigner, status: 'not sent' })
          continue
        }
        try {
          const answer = await post(
            `${relay.url}/proposals/${hashes[proposal]}/approvals`,
            approvalBody(files[proposal]!, cosigner),
          )
          outcomes.push({ proposal, cosigner, status: answer.status })
          if (answer.status >= 200 && answer.status < 300 && ++acknowledged === killAfter) {
            killed = true
            relay.child.kill('SIGKILL')
          }
        } catch {
          outcomes.push({ proposal, cosigner, status: 'failed' })
        }
      }
    }),
  )
  return outcomes
}

const acknowledged = (o: Outcome) => typeof o.status === 'number' && o.status >= 200 && o.status < 300

/** GET /proposals/<hash> and /file, each file re-verified: the signers whose approvals verify. */
async function verifiedSigners(url: string, hash: string): Promise<Set<string>> {
  const view = await fetch(`${url}/proposals/${hash}`)
  expect(view.status).toBe(200)
  const json = (await view.json()) as { hash: string; file: unknown }
  expect(json.hash).toBe(hash)
  const fromView = parseCosignFile(JSON.stringify(json.file))
  const fromFile = parseCosignFile(await (await fetch(`${url}/proposals/${hash}/file`)).text())
  expect(stringifyCosignFile(fromFile)).toBe(stringifyCosignFile(fromView))
  const report = verifyFile(fromView)
  expect(report.problems.filter((p) => p.code === 'HashMismatch')).toEqual([])
  expect(report.hash).toBe(hash)
  expect(report.approvals.every((a) => a.ok)).toBe(true)
  expect(report.ok).toBe(true)
  return new Set(report.approvals.map((a) => a.approval.signer))
}

/** The whole scenario against one store; `store` names the same data on every (re)start. */
async function killAndRestart(store: { data: string } | { database: string }): Promise<void> {
  const files = proposals()
  const hashes = files.map((f) => parseCosignFile(f).hash)
  const first = await spawnRelay(store)
  try {
    for (const file of files) {
      expect((await post(`${first.url}/proposals`, signed(file, proposer))).status).toBe(201)
    }
    const outcomes = await postUntilKilled(first, files, hashes)
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' })
    expect(outcomes).toHaveLength(total)
    const acked = outcomes.filter(acknowledged)
    // At most one post per co-signer was in flight at the kill: the kill came partway.
    expect(acked.length).toBeGreaterThanOrEqual(killAfter)
    expect(acked.length).toBeLessThan(killAfter + cosigners.length)
    expect(outcomes.filter((o) => o.status === 'not sent').length).toBeGreaterThan(0)
    // Before the kill every answer was 2xx; after it, a post fails or is never sent.
    expect(outcomes.every((o) => acknowledged(o) || o.status === 'failed' || o.status === 'not sent')).toBe(
      true,
    )

    const second = await spawnRelay(store)
    try {
      for (const [proposal, hash] of hashes.entries()) {
        const signers = await verifiedSigners(second.url, hash)
        const mustHave = [
          proposer.publicKey,
          ...acked.filter((o) => o.proposal === proposal).map((o) => cosigners[o.cosigner]!.publicKey),
        ]
        expect(mustHave.filter((signer) => !signers.has(signer))).toEqual([])
        const ours = new Set([proposer.publicKey, ...cosigners.map((c) => c.publicKey)])
        expect([...signers].filter((signer) => !ours.has(signer))).toEqual([])
      }
      // The co-signers not acknowledged post again: every proposal then holds all 51 approvals.
      for (const o of outcomes.filter((o) => !acknowledged(o))) {
        const answer = await post(
          `${second.url}/proposals/${hashes[o.proposal]}/approvals`,
          approvalBody(files[o.proposal]!, o.cosigner),
        )
        expect(answer.status).toBe(200)
      }
      for (const hash of hashes)
        expect((await verifiedSigners(second.url, hash)).size).toBe(1 + cosigners.length)
    } finally {
      second.child.kill('SIGKILL')
      await second.exited
    }
  } finally {
    first.child.kill('SIGKILL')
    await first.exited
  }
}

describe('kill -9 during 50 concurrent co-signers loses no acknowledged approval', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'casper-multisig-kill9-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('SQLite (WAL, synchronous=FULL)', async () => {
    await killAndRestart({ data: join(dir, 'sqlite') })
  }, 180_000)

  // test/support/postgres.ts starts Debian's server (initdb takes seconds on a busy machine); it
  // outlives the killed relay, as a database server does.
  test.skipIf(!postgresForTests())(
    'PostgreSQL (COMMIT)',
    async () => {
      const db = await startTestPostgres()
      try {
        await killAndRestart({ database: db.url })
      } finally {
        await db.stop()
      }
    },
    240_000,
  )
})
