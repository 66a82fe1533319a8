// The relay's store, one suite on both databases: SQLite (better-sqlite3) and a real PostgreSQL server
// (test/support/postgres.ts starts Debian's; CI requires it with CASPER_MULTISIG_REQUIRE_POSTGRES=1).
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { Approval } from '../../src/cosign/CosignFile.js'
import { postgresStore } from '../../src/relay/postgresStore.js'
import { RelayError } from '../../src/relay/RelayError.js'
import type { Delivery, NewProposal, RelayStore, Webhook } from '../../src/relay/RelayStore.js'
import { relaySchemaVersion } from '../../src/relay/relayMigrations.js'
import { sqliteStore } from '../../src/relay/sqliteStore.js'
import { postgresForTests, startTestPostgres, type TestPostgres } from '../support/postgres.js'

/** A database of one kind, empty, and what the tests need to look under the store. */
type Database = {
  open(): Promise<RelayStore>
  /** The schema versions the database records (SQLite: its user_version). */
  schemaVersions(): Promise<number[]>
  /** Marks the database as migrated to `version` by some relay. */
  recordVersion(version: number): Promise<void>
  drop(): Promise<void>
}

type Backend = { name: 'sqlite' | 'postgres'; available: boolean; fresh(): Promise<Database> }

const sqlite: Backend = {
  name: 'sqlite',
  available: true,
  async fresh() {
    const directory = mkdtempSync(join(tmpdir(), 'relay-store-'))
    const raw = <T>(work: (db: Sqlite.Database) => T): T => {
      const db = new Sqlite(join(directory, 'relay.sqlite'))
      try {
        return work(db)
      } finally {
        db.close()
      }
    }
    return {
      open: () => sqliteStore(directory),
      schemaVersions: async () => [Number(raw((db) => db.pragma('user_version', { simple: true })))],
      recordVersion: async (version) => void raw((db) => db.pragma(`user_version = ${version}`)),
      drop: async () => rmSync(directory, { recursive: true, force: true }),
    }
  },
}

const postgres: Backend = {
  name: 'postgres',
  available: postgresForTests(),
  async fresh() {
    const db = await startTestPostgres()
    const raw = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
      const client = new pg.Client({ connectionString: db.url })
      await client.connect()
      try {
        return await work(client)
      } finally {
        await client.end()
      }
    }
    return {
      open: () => postgresStore(db.url),
      schemaVersions: () =>
        raw(async (client) =>
          (await client.query('SELECT version FROM relay_schema ORDER BY version')).rows.map((r) =>
            Number(r.version),
          ),
        ),
      recordVersion: (version) =>
        raw(async (client) => void (await client.query('INSERT INTO relay_schema VALUES ($1)', [version]))),
      drop: () => db.stop(),
    }
  },
}

/** The deploy file of casper-client-rs's test vector: the store keeps a file's text as given. */
const vector = readFileSync(
  new URL('../vectors/deploy_2approvals_casper-client-rs.json', import.meta.url),
  'utf8',
)
const hex = (label: string, bytes = 32) =>
  createHash('sha512')
    .update(label)
    .digest('hex')
    .slice(0, bytes * 2)
const account = hex('account a')
/** Milliseconds past 2^31, so a BIGINT read back as a 32-bit or string value would show. */
const t0 = 1_765_000_000_000

function proposal(label: string, overrides: Partial<NewProposal> = {}): NewProposal {
  return {
    hash: hex(`proposal ${label}`),
    kind: 'deploy',
    account,
    chainName: 'casper-test',
    file: vector,
    createdAt: t0,
    expiresAt: t0 + 2 * 3600_000,
    renewedFrom: undefined,
    ...overrides,
  }
}

/** An Ed25519 approval's shape: signer 01 + 32 bytes, signature 01 + 64 bytes. */
function approval(signer: string, signatureLabel = 'first'): Approval {
  return {
    signer: `01${hex(`signer ${signer}`)}`,
    signature: `01${hex(`signature ${signer} ${signatureLabel}`, 64)}`,
  }
}

function webhook(id: string, owner = account, createdAt = t0): Webhook {
  return { id, account: owner, url: `https://hooks.example/${id}`, secret: hex(`secret ${id}`), createdAt }
}

function delivery(
  id: string,
  webhookId: string,
  eventKey: string,
  nextAttemptAt = t0,
): Omit<Delivery, 'attempts'> {
  return {
    id,
    webhookId,
    eventKey,
    payload: JSON.stringify({ type: eventKey.split(':')[0], id }),
    nextAttemptAt,
  }
}

async function refusal(promise: Promise<unknown>): Promise<RelayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(RelayError)
  return error as RelayError
}

describe.each([sqlite, postgres])('$name store', (backend) => {
  const it = test.skipIf(!backend.available)
  let server: TestPostgres | undefined
  let database: Database
  const opened: RelayStore[] = []
  const open = async () => {
    const store = await database.open()
    opened.push(store)
    return store
  }

  // initdb and the server start take seconds, more on a busy machine: the hooks get two minutes.
  const hookTimeout = 120_000
  beforeAll(async () => {
    // Holds the PostgreSQL server for the whole suite; each test gets a database of its own.
    if (backend.name === 'postgres' && backend.available) server = await startTestPostgres()
  }, hookTimeout)
  afterAll(async () => {
    await server?.stop()
  }, hookTimeout)
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
    await database?.drop()
  }, hookTimeout)
  const fresh = async () => {
    database = await backend.fresh()
    return open()
  }

  it('stores a proposal and its approvals and reads them back', async () => {
    const store = await fresh()
    expect(store.kind).toBe(backend.name)
    const p = proposal('one')
    expect(await store.putProposal(p, [approval('a'), approval('b')])).toEqual({
      created: true,
      added: [approval('a'), approval('b')],
    })
    const found = await store.getProposal(p.hash)
    expect(found).toEqual({
      proposal: { ...p, state: 'pending', execution: undefined, renewedTo: undefined },
      approvals: [approval('a'), approval('b')],
    })
    expect(typeof found?.proposal.createdAt).toBe('number')
    expect(await store.getProposal(hex('proposal never posted'))).toBeUndefined()
  })

  it('putProposal of a stored hash keeps the first file and adds only new approvals', async () => {
    const store = await fresh()
    const p = proposal('one')
    await store.putProposal(p, [approval('a')])
    const again = await store.putProposal({ ...p, file: '{"hash":"other text"}', createdAt: t0 + 5 }, [
      approval('a', 'second'),
      approval('b'),
    ])
    expect(again).toEqual({ created: false, added: [approval('b')] })
    const found = await store.getProposal(p.hash)
    expect(found?.proposal.file).toBe(vector)
    expect(found?.proposal.createdAt).toBe(t0)
    expect(found?.approvals).toEqual([approval('a'), approval('b')])
  })

  it('adds approvals as a union by signer: the first signature and the first order are kept', async () => {
    const store = await fresh()
    const p = proposal('one')
    await store.putProposal(p, [approval('a'), approval('b')])
    const added = await store.addApprovals(p.hash, [
      approval('c'),
      approval('a', 'second'),
      approval('c', 'second'),
      approval('d'),
    ])
    expect(added).toEqual([approval('c'), approval('d')])
    expect(await store.addApprovals(p.hash, [approval('d'), approval('b', 'third')])).toEqual([])
    expect((await store.getProposal(p.hash))?.approvals).toEqual([
      approval('a'),
      approval('b'),
      approval('c'),
      approval('d'),
    ])
  })

  it('with max, adds nothing that would take a proposal past max distinct signers, even when posted at once', async () => {
    const store = await fresh()
    const p = proposal('capped')
    const tooMany = { code: 'TooManyApprovals' }
    await expect(
      store.putProposal(
        p,
        ['a', 'b', 'c', 'd'].map((s) => approval(s)),
        { max: 3 },
      ),
    ).rejects.toMatchObject(tooMany)
    expect(await store.getProposal(p.hash)).toBeUndefined()
    await store.putProposal(p, [approval('a'), approval('b')], { max: 3 })
    await expect(
      store.addApprovals(p.hash, [approval('c'), approval('d')], { max: 3 }),
    ).rejects.toMatchObject(tooMany)
    // Signers already stored do not count twice.
    expect(await store.addApprovals(p.hash, [approval('a', 'second'), approval('c')], { max: 3 })).toEqual([
      approval('c'),
    ])
    // Ten writers at once, each with a new signer, under max 5: exactly two more get in.
    const answers = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => store.addApprovals(p.hash, [approval(`w${i}`)], { max: 5 })),
    )
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(2)
    for (const a of answers) if (a.status === 'rejected') expect(a.reason).toMatchObject(tooMany)
    expect((await store.getProposal(p.hash))!.approvals).toHaveLength(5)
  })

  it('refuses approvals for an unknown hash with ProposalNotFound and stores nothing', async () => {
    const store = await fresh()
    const missing = hex('proposal never posted')
    const error = await refusal(store.addApprovals(missing, [approval('a')]))
    expect(error.code).toBe('ProposalNotFound')
    expect(error.details).toEqual({ hash: missing })
    expect(await store.getProposal(missing)).toBeUndefined()
  })

  it("lists an account's proposals newest first, at most limit", async () => {
    const store = await fresh()
    const other = hex('account b')
    for (const [label, at] of [
      ['old', t0],
      ['newest', t0 + 20],
      ['middle', t0 + 10],
    ] as const)
      await store.putProposal(proposal(label, { createdAt: at }), [approval('a')])
    await store.putProposal(proposal('elsewhere', { account: other, createdAt: t0 + 30 }), [approval('a')])
    const hashes = (list: { hash: string }[]) => list.map((p) => p.hash)
    expect(hashes(await store.listProposals(account))).toEqual(
      ['newest', 'middle', 'old'].map((l) => hex(`proposal ${l}`)),
    )
    expect(hashes(await store.listProposals(account, { limit: 2 }))).toEqual(
      ['newest', 'middle'].map((l) => hex(`proposal ${l}`)),
    )
    expect(hashes(await store.listProposals(other))).toEqual([hex('proposal elsewhere')])
    expect(await store.listProposals(hex('account without proposals'))).toEqual([])
  })

  it('records submission and execution; an unknown hash is ProposalNotFound', async () => {
    const store = await fresh()
    const p = proposal('one')
    await store.putProposal(p, [approval('a')])
    await store.setState(p.hash, 'submitted')
    expect((await store.getProposal(p.hash))?.proposal).toMatchObject({
      state: 'submitted',
      execution: undefined,
    })
    const execution = JSON.stringify({ cost: '100000000', error: null })
    await store.setState(p.hash, 'executed', execution)
    expect((await store.getProposal(p.hash))?.proposal).toMatchObject({ state: 'executed', execution })
    // A later state without a result keeps the one recorded.
    await store.setState(p.hash, 'failed')
    expect((await store.getProposal(p.hash))?.proposal).toMatchObject({ state: 'failed', execution })
    expect((await refusal(store.setState(hex('proposal never posted'), 'submitted'))).code).toBe(
      'ProposalNotFound',
    )
  })

  it('links a renewal both ways, and all or nothing', async () => {
    const store = await fresh()
    const old = proposal('old')
    const renewed = proposal('renewed', { createdAt: t0 + 7200_000, renewedFrom: old.hash })
    await store.putProposal(old, [approval('a')])
    await store.putProposal(renewed, [])
    await store.linkRenewal(old.hash, renewed.hash)
    expect((await store.getProposal(old.hash))?.proposal).toMatchObject({ renewedTo: renewed.hash })
    expect((await store.getProposal(renewed.hash))?.proposal).toMatchObject({ renewedFrom: old.hash })

    const lone = proposal('lone')
    await store.putProposal(lone, [approval('a')])
    const missing = hex('proposal never posted')
    const error = await refusal(store.linkRenewal(lone.hash, missing))
    expect(error.code).toBe('ProposalNotFound')
    expect(error.details).toEqual({ hash: missing })
    expect((await store.getProposal(lone.hash))?.proposal.renewedTo).toBeUndefined()
    expect((await refusal(store.linkRenewal(missing, lone.hash))).code).toBe('ProposalNotFound')
  })

  it('adds, lists and removes webhooks; removing one drops what is owed to it', async () => {
    const store = await fresh()
    const other = hex('account b')
    await store.addWebhook(webhook('w2', account, t0 + 1))
    await store.addWebhook(webhook('w1', account, t0))
    await store.addWebhook(webhook('w3', other, t0))
    expect(await store.listWebhooks(account)).toEqual([
      webhook('w1', account, t0),
      webhook('w2', account, t0 + 1),
    ])
    expect(await store.listWebhooks(hex('account without webhooks'))).toEqual([])
    await store.enqueueDeliveries([
      delivery('d1', 'w1', 'proposal.created:x'),
      delivery('d2', 'w2', 'proposal.created:x'),
    ])
    expect(await store.removeWebhook(other, 'w1')).toBe(false)
    expect(await store.removeWebhook(account, 'w1')).toBe(true)
    expect(await store.removeWebhook(account, 'w1')).toBe(false)
    expect(await store.listWebhooks(account)).toEqual([webhook('w2', account, t0 + 1)])
    expect((await store.claimDeliveries(t0, t0 + 60_000, 10)).map((d) => d.id)).toEqual(['d2'])
  })

  it('queues one delivery per webhook and event key, even after it was delivered', async () => {
    const store = await fresh()
    await store.addWebhook(webhook('w1'))
    await store.addWebhook(webhook('w2'))
    const queued = await store.enqueueDeliveries([
      delivery('d1', 'w2', 'threshold.reached:x'),
      delivery('d2', 'w1', 'threshold.reached:x'),
      delivery('d3', 'w1', 'approval.added:x:01aa'),
      delivery('d1 again', 'w2', 'threshold.reached:x'),
    ])
    expect(queued).toEqual(
      [
        delivery('d1', 'w2', 'threshold.reached:x'),
        delivery('d2', 'w1', 'threshold.reached:x'),
        delivery('d3', 'w1', 'approval.added:x:01aa'),
      ].map((d) => ({ ...d, attempts: 0 })),
    )
    expect(await store.enqueueDeliveries([delivery('d4', 'w1', 'threshold.reached:x')])).toEqual([])
    const claimed = await store.claimDeliveries(t0, t0 + 60_000, 10)
    expect(claimed.map((d) => d.id).sort()).toEqual(['d1', 'd2', 'd3'])
    await store.finishDelivery('d2')
    expect(
      await store.enqueueDeliveries([delivery('d5', 'w1', 'threshold.reached:x', t0 + 120_000)]),
    ).toEqual([])
    // Given up or delivered, a finished delivery is never claimed again.
    expect((await store.claimDeliveries(t0 + 60_000, t0 + 120_000, 10)).map((d) => d.id).sort()).toEqual([
      'd1',
      'd3',
    ])
  })

  it('claims due deliveries under a lease: a second claim before it ends gets nothing', async () => {
    const store = await fresh()
    await store.addWebhook(webhook('w1'))
    await store.enqueueDeliveries([
      delivery('late', 'w1', 'proposal.expired:x', t0 + 5000),
      delivery('first', 'w1', 'proposal.created:x', t0 + 1000),
      delivery('second', 'w1', 'approval.added:x:01aa', t0 + 2000),
    ])
    const lease = t0 + 60_000
    expect(await store.claimDeliveries(t0 + 2000, lease, 1)).toEqual([
      { ...delivery('first', 'w1', 'proposal.created:x', t0 + 1000), attempts: 1 },
    ])
    expect(await store.claimDeliveries(t0 + 2000, lease, 10)).toEqual([
      { ...delivery('second', 'w1', 'approval.added:x:01aa', t0 + 2000), attempts: 1 },
    ])
    expect(await store.claimDeliveries(t0 + 3000, lease, 10)).toEqual([])
    expect((await store.claimDeliveries(t0 + 5000, lease, 10)).map((d) => d.id)).toEqual(['late'])
    expect(await store.claimDeliveries(lease - 1, lease + 60_000, 10)).toEqual([])
    // The lease ran out with nothing finished: every delivery is due again, its attempts counted.
    const again = await store.claimDeliveries(lease, lease + 60_000, 10)
    expect(again.map((d) => [d.id, d.attempts, d.nextAttemptAt]).sort()).toEqual([
      ['first', 2, lease],
      ['late', 2, lease],
      ['second', 2, lease],
    ])
  })

  it('never hands one delivery to two instances claiming at once', async () => {
    const stores = [await fresh(), await open()]
    await stores[0]!.addWebhook(webhook('w1'))
    const ids = Array.from({ length: 30 }, (_, i) => `d${String(i).padStart(2, '0')}`)
    await stores[0]!.enqueueDeliveries(ids.map((id) => delivery(id, 'w1', `approval.added:x:${id}`)))
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => stores[i % 2]!.claimDeliveries(t0, t0 + 60_000, 4)),
    )
    const claimed = claims.flat().map((d) => d.id)
    expect(new Set(claimed).size).toBe(claimed.length)
    const rest = (await stores[1]!.claimDeliveries(t0, t0 + 60_000, 30)).map((d) => d.id)
    expect([...claimed, ...rest].sort()).toEqual(ids)
  })

  it('retries a delivery at the time given', async () => {
    const store = await fresh()
    await store.addWebhook(webhook('w1'))
    await store.enqueueDeliveries([delivery('d1', 'w1', 'proposal.created:x')])
    await store.claimDeliveries(t0, t0 + 60_000, 10)
    await store.retryDelivery('d1', t0 + 2000)
    expect(await store.claimDeliveries(t0 + 1999, t0 + 60_000, 10)).toEqual([])
    expect(await store.claimDeliveries(t0 + 2000, t0 + 60_000, 10)).toEqual([
      { ...delivery('d1', 'w1', 'proposal.created:x', t0 + 2000), attempts: 2 },
    ])
  })

  it('finds pending proposals expiring before a time, soonest first', async () => {
    const store = await fresh()
    for (const [label, expiresAt] of [
      ['third', t0 + 3000],
      ['first', t0 + 1000],
      ['second', t0 + 2000],
      ['submitted', t0 + 500],
    ] as const)
      await store.putProposal(proposal(label, { expiresAt }), [approval('a')])
    await store.setState(hex('proposal submitted'), 'submitted')
    expect((await store.pendingExpiringBefore(t0 + 2000)).map((p) => p.hash)).toEqual([hex('proposal first')])
    expect((await store.pendingExpiringBefore(t0 + 2500)).map((p) => [p.hash, p.expiresAt])).toEqual([
      [hex('proposal first'), t0 + 1000],
      [hex('proposal second'), t0 + 2000],
    ])
  })

  it('lists the proposals in a state, oldest first', async () => {
    const store = await fresh()
    for (const [label, createdAt] of [
      ['late', t0 + 3000],
      ['early', t0 + 1000],
      ['pending', t0 + 2000],
      ['executed', t0 + 500],
    ] as const)
      await store.putProposal(proposal(label, { createdAt }), [approval('a')])
    expect(await store.proposalsInState('submitted')).toEqual([])
    for (const label of ['late', 'early', 'executed'])
      await store.setState(hex(`proposal ${label}`), 'submitted')
    await store.setState(hex('proposal executed'), 'executed', '{"ok":true}')
    const submitted = await store.proposalsInState('submitted')
    expect(submitted.map((p) => [p.hash, p.state, p.createdAt])).toEqual([
      [hex('proposal early'), 'submitted', t0 + 1000],
      [hex('proposal late'), 'submitted', t0 + 3000],
    ])
    expect((await store.proposalsInState('pending')).map((p) => p.hash)).toEqual([hex('proposal pending')])
    expect(await store.proposalsInState('executed')).toMatchObject([
      { hash: hex('proposal executed'), execution: '{"ok":true}' },
    ])
  })

  it('reopens with its data and without migrating again; instances opening at once migrate once', async () => {
    const first = await fresh()
    const p = proposal('one')
    await first.putProposal(p, [approval('a')])
    await first.close()
    opened.splice(opened.indexOf(first), 1)
    const stores = await Promise.all([open(), open(), open(), open()])
    for (const store of stores) expect((await store.getProposal(p.hash))?.approvals).toEqual([approval('a')])
    expect(await database.schemaVersions()).toEqual([relaySchemaVersion])

    await database.drop()
    database = await backend.fresh()
    await Promise.all([open(), open(), open(), open()])
    expect(await database.schemaVersions()).toEqual([relaySchemaVersion])
  })

  it('refuses a database a newer relay migrated with StoreSchemaNewer', async () => {
    const store = await fresh()
    await store.close()
    opened.splice(0)
    await database.recordVersion(relaySchemaVersion + 1)
    const error = await refusal(database.open())
    expect(error.code).toBe('StoreSchemaNewer')
    expect(error.details).toMatchObject({
      databaseVersion: relaySchemaVersion + 1,
      relayVersion: relaySchemaVersion,
    })
  })

  it('ends with exactly the union after 50 concurrent addApprovals from two store instances', async () => {
    const stores = [await fresh(), await open()]
    const p = proposal('contended')
    await stores[0]!.putProposal(p, [approval('s0')])
    const signers = Array.from({ length: 20 }, (_, i) => `s${i}`)
    // Request r posts 6 signers starting at 3r (mod 20), in an order that alternates, so requests overlap
    // in both orders; each request signs with its own signature, so the one kept tells whose insert won.
    const requests = Array.from({ length: 50 }, (_, r) => {
      const picked = Array.from({ length: 6 }, (_, k) => signers[(3 * r + k) % 20]!)
      if (r % 2 === 1) picked.reverse()
      return picked.map((s) => approval(s, `request ${r}`))
    })
    const results = await Promise.all(requests.map((list, r) => stores[r % 2]!.addApprovals(p.hash, list)))
    const added = results.flat()
    // Every signer but the proposal's first is reported added exactly once, by the request whose copy is kept.
    expect(added.map((a) => a.signer).sort()).toEqual(
      signers
        .filter((s) => s !== 's0')
        .map((s) => approval(s).signer)
        .sort(),
    )
    const stored = (await stores[1]!.getProposal(p.hash))?.approvals ?? []
    expect(stored).toHaveLength(20)
    expect(stored[0]).toEqual(approval('s0'))
    expect(new Set(stored.map((a) => a.signer)).size).toBe(20)
    expect(stored.slice(1).sort((a, b) => (a.signer < b.signer ? -1 : 1))).toEqual(
      [...added].sort((a, b) => (a.signer < b.signer ? -1 : 1)),
    )
  })
})

describe('postgresStore without a server', () => {
  test('is StoreUnavailable, and never shows the password of the URL', async () => {
    const url = 'postgres://relay:hunter2-secret@127.0.0.1:1/relay?sslmode=disable'
    const error = await refusal(postgresStore(url))
    expect(error.code).toBe('StoreUnavailable')
    expect(error.details.database).toBe('postgres://***@127.0.0.1:1/relay?sslmode=***')
    expect(error.remedy).toContain('npm install pg')
    expect(`${error.message} ${JSON.stringify(error.details)} ${String(error.cause)}`).not.toContain(
      'hunter2',
    )
  })
})
