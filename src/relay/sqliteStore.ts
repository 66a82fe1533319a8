// The relay's embedded store: one SQLite file (better-sqlite3, an optional dependency loaded here), WAL, synchronous=FULL.
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Approval } from '../cosign/CosignFile.js'
import { assertRoom } from './assertRoom.js'
import { RelayError } from './RelayError.js'
import type { Delivery, NewProposal, RelayStore } from './RelayStore.js'
import { relayMigrations, relaySchemaVersion } from './relayMigrations.js'
import {
  type DeliveryRow,
  deliveryFromRow,
  notFound,
  type ProposalRow,
  proposalFromRow,
  webhookFromRow,
} from './storeRows.js'

/** The optional package the SQLite store needs. */
export const sqlitePackage = 'better-sqlite3'

type Statement = {
  run(...params: unknown[]): { changes: number }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
}
type Database = {
  pragma(source: string, options?: { simple: boolean }): unknown
  prepare(source: string): Statement
  exec(source: string): void
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R
  close(): void
}

/**
 * Opens (creating it if needed) the relay's SQLite database `relay.sqlite` in `directory`, migrated to
 * this relay's schema. Writes are durable when they resolve: WAL with `synchronous=FULL`.
 *
 * @throws {RelayError} `StoreUnavailable` when better-sqlite3 is not installed or the file cannot be
 * opened; `StoreSchemaNewer` when a newer relay migrated it.
 * @example
 * ```ts
 * const store = await sqliteStore('./relay-data')
 * const found = await store.getProposal('ab'.repeat(32))
 * await store.close()
 * ```
 */
export async function sqliteStore(directory: string): Promise<RelayStore> {
  const path = join(directory, 'relay.sqlite')
  let db: Database
  try {
    const require = createRequire(import.meta.url)
    const open = require(sqlitePackage) as new (file: string) => Database
    mkdirSync(directory, { recursive: true })
    db = new open(path)
  } catch (cause) {
    throw new RelayError('The relay cannot open its SQLite database', {
      code: 'StoreUnavailable',
      details: { path, reason: cause instanceof Error ? cause.message.split('\n')[0] : String(cause) },
      remedy: `Install ${sqlitePackage} beside casper-multisig (npm install ${sqlitePackage}; it builds with python3, make and a C++ compiler), check the directory is writable, or give --database postgres://….`,
      cause,
    })
  }
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db, path)

  const insertProposal = db.prepare(
    `INSERT INTO proposals (hash, kind, account, chain_name, file, created_at, expires_at, state, renewed_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (hash) DO NOTHING`,
  )
  const insertApproval = db.prepare(
    'INSERT INTO approvals (hash, signer, signature) VALUES (?, ?, ?) ON CONFLICT (hash, signer) DO NOTHING',
  )
  const selectProposal = db.prepare('SELECT * FROM proposals WHERE hash = ?')
  const selectApprovals = db.prepare('SELECT signer, signature FROM approvals WHERE hash = ? ORDER BY seq')
  // Inside the write's transaction: what is stored and what is added are counted together.
  const addApprovals = (
    hash: string,
    approvals: readonly Approval[],
    max: number | undefined,
  ): Approval[] => {
    if (max !== undefined) assertRoom(selectApprovals.all(hash) as Approval[], approvals, max)
    return approvals.filter((a) => insertApproval.run(hash, a.signer, a.signature).changes === 1)
  }
  const put = db.transaction((p: NewProposal, approvals: readonly Approval[], max: number | undefined) => {
    const created =
      insertProposal.run(
        p.hash,
        p.kind,
        p.account,
        p.chainName,
        p.file,
        p.createdAt,
        p.expiresAt,
        p.renewedFrom ?? null,
      ).changes === 1
    return { created, added: addApprovals(p.hash, approvals, max) }
  })
  const add = db.transaction((hash: string, approvals: readonly Approval[], max: number | undefined) => {
    if (selectProposal.get(hash) === undefined) throw notFound(hash)
    return addApprovals(hash, approvals, max)
  })
  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (id, webhook_id, event_key, payload, next_attempt_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (webhook_id, event_key) DO NOTHING`,
  )
  const enqueue = db.transaction((deliveries: readonly Omit<Delivery, 'attempts'>[]) =>
    deliveries
      .filter(
        (d) => insertDelivery.run(d.id, d.webhookId, d.eventKey, d.payload, d.nextAttemptAt).changes === 1,
      )
      .map((d) => ({ ...d, attempts: 0 })),
  )
  const due = db.prepare(
    'SELECT * FROM deliveries WHERE done = 0 AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?',
  )
  const lease = db.prepare('UPDATE deliveries SET next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?')
  const claim = db.transaction((now: number, leaseUntil: number, limit: number) =>
    (due.all(now, limit) as DeliveryRow[]).map((row) => {
      lease.run(leaseUntil, row.id)
      return { ...deliveryFromRow(row), attempts: Number(row.attempts) + 1 }
    }),
  )

  return {
    kind: 'sqlite',
    putProposal: async (proposal, approvals, options = {}) => put(proposal, approvals, options.max),
    addApprovals: async (hash, approvals, options = {}) => add(hash, approvals, options.max),
    async getProposal(hash) {
      const row = selectProposal.get(hash) as ProposalRow | undefined
      if (!row) return undefined
      return { proposal: proposalFromRow(row), approvals: selectApprovals.all(hash) as Approval[] }
    },
    async listProposals(account, options = {}) {
      const rows = db
        .prepare('SELECT * FROM proposals WHERE account = ? ORDER BY created_at DESC, hash LIMIT ?')
        .all(account, options.limit ?? 100) as ProposalRow[]
      return rows.map(proposalFromRow)
    },
    async proposalsInState(state) {
      return (
        db
          .prepare('SELECT * FROM proposals WHERE state = ? ORDER BY created_at, hash')
          .all(state) as ProposalRow[]
      ).map(proposalFromRow)
    },
    async setState(hash, state, execution) {
      const { changes } = db
        .prepare('UPDATE proposals SET state = ?, execution = COALESCE(?, execution) WHERE hash = ?')
        .run(state, execution ?? null, hash)
      if (changes === 0) throw notFound(hash)
    },
    async linkRenewal(oldHash, newHash) {
      db.transaction(() => {
        if (
          db.prepare('UPDATE proposals SET renewed_to = ? WHERE hash = ?').run(newHash, oldHash).changes === 0
        )
          throw notFound(oldHash)
        if (
          db.prepare('UPDATE proposals SET renewed_from = ? WHERE hash = ?').run(oldHash, newHash).changes ===
          0
        )
          throw notFound(newHash)
      })()
    },
    async addWebhook(w) {
      db.prepare('INSERT INTO webhooks (id, account, url, secret, created_at) VALUES (?, ?, ?, ?, ?)').run(
        w.id,
        w.account,
        w.url,
        w.secret,
        w.createdAt,
      )
    },
    async listWebhooks(account) {
      return (
        db
          .prepare('SELECT * FROM webhooks WHERE account = ? ORDER BY created_at, id')
          .all(account) as Parameters<typeof webhookFromRow>[0][]
      ).map(webhookFromRow)
    },
    async removeWebhook(account, id) {
      return db.prepare('DELETE FROM webhooks WHERE account = ? AND id = ?').run(account, id).changes === 1
    },
    enqueueDeliveries: async (deliveries) => enqueue(deliveries),
    claimDeliveries: async (now, leaseUntil, limit) => claim(now, leaseUntil, limit),
    async finishDelivery(id) {
      db.prepare('UPDATE deliveries SET done = 1 WHERE id = ?').run(id)
    },
    async retryDelivery(id, nextAttemptAt) {
      db.prepare('UPDATE deliveries SET next_attempt_at = ? WHERE id = ?').run(nextAttemptAt, id)
    },
    async pendingExpiringBefore(before) {
      return (
        db
          .prepare("SELECT * FROM proposals WHERE state = 'pending' AND expires_at < ? ORDER BY expires_at")
          .all(before) as ProposalRow[]
      ).map(proposalFromRow)
    },
    async close() {
      db.close()
    },
  }
}

function migrate(db: Database, path: string): void {
  const current = Number(db.pragma('user_version', { simple: true }))
  if (current > relaySchemaVersion) {
    db.close()
    throw new RelayError('The database was written by a newer relay', {
      code: 'StoreSchemaNewer',
      details: { path, databaseVersion: current, relayVersion: relaySchemaVersion },
      remedy: 'Run the newer casper-multisig relay, or give this one another --data directory.',
    })
  }
  for (const migration of relayMigrations.filter((m) => m.version > current)) {
    db.transaction(() => {
      for (const statement of migration.sqlite) db.exec(statement)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}
