// Load on a relay over loopback, and the cost of admitting one approval against verifying it alone
// (npm run bench:relay; npx tsx bench/relayLoad.ts [--clients 50] [--proposals 20] [--database postgres://… | --postgres]).
// SQLite in a temporary directory by default; --database uses that PostgreSQL database, --postgres a
// throwaway server from Debian's binaries (test/support/postgres.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { parseCosignFile } from '../src/cosign/parseCosignFile.js'
import { stringifyCosignFile, withApprovals } from '../src/cosign/stringifyCosignFile.js'
import { buildTransfer } from '../src/deploy/buildTransfer.js'
import { verifyApproval } from '../src/keys/verifyApproval.js'
import { admitApprovals } from '../src/relay/admitApprovals.js'
import { postgresStore } from '../src/relay/postgresStore.js'
import type { RelayContext } from '../src/relay/RelayContext.js'
import type { RelayStore } from '../src/relay/RelayStore.js'
import { sqliteStore } from '../src/relay/sqliteStore.js'
import { testSigner } from '../test/approvals/testSigners.js'
import { spawnRelay } from '../test/relay/spawnRelay.js'
import { startTestPostgres, type TestPostgres } from '../test/support/postgres.js'

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    proposals: { type: 'string', default: '20' },
    database: { type: 'string' },
    postgres: { type: 'boolean' },
  },
})
const clients = Number(values.clients)
const proposalCount = Number(values.proposals)
// A proposal holds at most max_associated_keys (100 on mainnet) approvals: the proposer's and one per client.
if (!(clients >= 1 && clients <= 99 && proposalCount >= 1)) throw new Error('--clients 1…99, --proposals ≥ 1')

const proposer = testSigner(900, 'ed25519')
const target = testSigner(901, 'ed25519')
const cosigners = Array.from({ length: 99 }, (_, i) =>
  testSigner(2000 + i, i % 2 === 0 ? 'ed25519' : 'secp256k1'),
)

let timestamp = Date.now()
/** A new unsigned transfer deploy of the proposer's account: a new hash each time. */
function newProposal(): { text: string; hash: string } {
  timestamp += 1000
  const text = buildTransfer({
    kind: 'deploy',
    account: proposer.publicKey,
    chainName: 'casper',
    target: target.publicKey,
    amount: 10_000_000_000n,
    id: 7,
    timestamp,
  }).json
  return { text, hash: parseCosignFile(text).hash }
}

function signedByProposer(text: string): string {
  const file = parseCosignFile(text)
  return stringifyCosignFile(withApprovals(file, [proposer.sign(file.hash)]))
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  )

async function post(url: string, body: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  await response.arrayBuffer()
  return response.status
}

/** `clients` co-signers at once, each posting its approval of every proposal in turn, to a relay in its own process. */
async function loadTest(store: { data: string } | { database: string }) {
  const relay = await spawnRelay(store)
  try {
    const proposals = Array.from({ length: proposalCount }, newProposal)
    for (const p of proposals) {
      const status = await post(`${relay.url}/proposals`, signedByProposer(p.text))
      if (status !== 201) throw new Error(`POST /proposals answered ${status}`)
    }
    // Signed before the clock starts: the load is the relay's, not the signers'.
    const bodies = cosigners.slice(0, clients).map((cosigner, i) =>
      proposals
        .map((_, step) => proposals[(i + step) % proposals.length]!)
        .map((p) => ({
          url: `${relay.url}/proposals/${p.hash}/approvals`,
          body: JSON.stringify({ approvals: [cosigner.sign(p.hash)] }),
        })),
    )
    // Warm-up (untimed): every client posts its approval of one more proposal, so the relay's code is compiled.
    const warm = newProposal()
    await post(`${relay.url}/proposals`, signedByProposer(warm.text))
    await Promise.all(
      cosigners.slice(0, clients).map(async (cosigner) => {
        const status = await post(
          `${relay.url}/proposals/${warm.hash}/approvals`,
          JSON.stringify({ approvals: [cosigner.sign(warm.hash)] }),
        )
        if (status !== 200) throw new Error(`POST …/approvals answered ${status}`)
      }),
    )
    const latencies: number[] = []
    const start = performance.now()
    await Promise.all(
      bodies.map(async (requests) => {
        for (const { url, body } of requests) {
          const sent = performance.now()
          const status = await post(url, body)
          latencies.push(performance.now() - sent)
          if (status !== 200) throw new Error(`POST …/approvals answered ${status}`)
        }
      }),
    )
    const seconds = (performance.now() - start) / 1000
    const sorted = latencies.sort((a, b) => a - b)
    return {
      approvals: latencies.length,
      perSecond: latencies.length / seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1]!,
    }
  } finally {
    relay.child.kill('SIGKILL')
    await relay.exited
  }
}

/** The relay's admit path in this process, over `store`: what one POST …/approvals does but HTTP. */
function context(store: RelayStore): RelayContext {
  return {
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
}

/**
 * Microseconds per approval: `verifyApproval` alone and the store's write alone, against
 * `admitApprovals` (read the body, read the proposal, verify, check the room, store) of as many approvals, each case on its own new
 * proposal with new signatures (no verdict cached), rounds interleaved, median of the rounds.
 */
async function admitBench(store: RelayStore) {
  const perRound = 50
  const warmUp = 2
  const rounds = 11
  const relay = context(store)
  const fresh = async () => {
    const p = newProposal()
    await store.putProposal(
      {
        hash: p.hash,
        kind: 'deploy',
        account: proposer.accountHash,
        chainName: 'casper',
        file: p.text,
        createdAt: Date.now(),
        expiresAt: Date.now() + 3_600_000,
        renewedFrom: undefined,
      },
      [proposer.sign(p.hash)],
    )
    return { hash: p.hash, approvals: cosigners.slice(0, perRound).map((c) => c.sign(p.hash)) }
  }
  const cases = {
    verifyApproval: async ({ hash, approvals }: Awaited<ReturnType<typeof fresh>>) => {
      for (const approval of approvals)
        if (!verifyApproval(hash, approval).ok) throw new Error('expected valid')
    },
    'store.addApprovals': async ({ hash, approvals }: Awaited<ReturnType<typeof fresh>>) => {
      for (const approval of approvals) {
        if ((await store.addApprovals(hash, [approval])).length !== 1)
          throw new Error('expected one approval added')
      }
    },
    admitApprovals: async ({ hash, approvals }: Awaited<ReturnType<typeof fresh>>) => {
      for (const approval of approvals) {
        const { added } = await admitApprovals(relay, hash, JSON.stringify({ approvals: [approval] }))
        if (added.length !== 1) throw new Error('expected one approval added')
      }
    },
  }
  const samples = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]))
  for (let i = 0; i < warmUp + rounds; i++) {
    for (const [name, run] of Object.entries(cases)) {
      const input = await fresh()
      const start = performance.now()
      await run(input)
      const elapsed = ((performance.now() - start) * 1000) / perRound
      if (i >= warmUp) samples.get(name)!.push(elapsed)
    }
  }
  const verify = median(samples.get('verifyApproval')!)
  const write = median(samples.get('store.addApprovals')!)
  const admit = median(samples.get('admitApprovals')!)
  return { perRound, warmUp, rounds, verify, write, admit, ratio: admit / verify }
}

const dir = mkdtempSync(join(tmpdir(), 'casper-multisig-relay-bench-'))
const throwaway: TestPostgres | undefined = values.postgres ? await startTestPostgres() : undefined
try {
  const database = throwaway?.url ?? values.database
  const where = database === undefined ? { data: join(dir, 'load') } : { database }
  const storeName = database === undefined ? 'sqlite' : 'postgres'
  console.log(
    `relay load, ${storeName}: ${clients} clients × ${proposalCount} proposals over loopback; Node ${process.versions.node}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`,
  )
  const load = await loadTest(where)
  console.log(
    `  ${load.approvals} approvals: ${load.perSecond.toFixed(0)} approvals/s, latency p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms, max ${load.max.toFixed(1)} ms`,
  )
  const store = database === undefined ? await sqliteStore(join(dir, 'admit')) : await postgresStore(database)
  try {
    const admit = await admitBench(store)
    console.log(
      `verify-and-store per approval, ${store.kind}, ${admit.perRound} approvals a round, ${admit.warmUp} warm-up rounds, median of ${admit.rounds}; load average ${loadavg()[0]!.toFixed(1)}`,
    )
    console.log(`  ${admit.verify.toFixed(0).padStart(6)} µs  verifyApproval alone`)
    console.log(`  ${admit.write.toFixed(0).padStart(6)} µs  store.addApprovals alone (one durable write)`)
    console.log(
      `  ${admit.admit.toFixed(0).padStart(6)} µs  admitApprovals (read body and proposal, verify, store)`,
    )
    console.log(`  admit / verify: ${admit.ratio.toFixed(2)}x`)
  } finally {
    await store.close()
  }
} finally {
  await throwaway?.stop()
  rmSync(dir, { recursive: true, force: true })
}
