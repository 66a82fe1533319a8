// The relay's shared store: PostgreSQL through `pg` (an optional dependency loaded here), for several relay
// instances behind one load balancer. Every write is one transaction, durable at COMMIT (the server's
// default synchronous_commit = on is left alone).
import { createRequire } from 'node:module'
import type { Approval } from '../cosign/CosignFile.js'
import { redactUrl, redactUrls } from '../text/redactUrl.js'
import { assertRoom } from './assertRoom.js'
import { RelayError } from './RelayError.js'
import type { Delivery, NewProposal, ProposalState, RelayStore } from './RelayStore.js'
import { relayMigrations, relaySchemaVersion } from './relayMigrations.js'
import {
  type DeliveryRow,
  deliveryFromRow,
  notFound,
  type ProposalRow,
  proposalFromRow,
  webhookFromRow,
} from './storeRows.js'

/** The optional package the PostgreSQL store needs. */
export const postgresPackage = 'pg'

/**
 * The key of the advisory lock migrations run under (any constant the relay alone uses: the bytes of
 * "casprely" as a big-endian int8), so that relay instances started at once migrate one after the other, hence once.
 */
const migrationLock = '7161131809288580217'

type QueryResult = { rows: unknown[]; rowCount: number | null }
type Queryable = { query(text: string, values?: readonly unknown[]): Promise<QueryResult> }
type Client = Queryable & { release(error?: Error | boolean): void }
type Pool = Queryable & {
  connect(): Promise<Client>
  end(): Promise<void>
  on(event: 'error', listener: (error: Error) => void): unknown
}
type Pg = { Pool: new (config: { connectionString: string; max?: number }) => Pool }

/**
 * Connects to the relay's PostgreSQL database at `url` (`postgres://user:password@host:port/database`)
 * through a pool and migrates it to this relay's schema. Several relays may share the database: the
 * migrations run once under an advisory lock, approvals are a set union under concurrent writers, and
 * deliveries are claimed with `FOR UPDATE SKIP LOCKED`. Writes are durable when they resolve (COMMIT).
 * The URL's password is never shown: errors carry it redacted.
 *
 * @throws {RelayError} `StoreUnavailable` when pg is not installed or the database cannot be reached;
 * `StoreSchemaNewer` when a newer relay migrated it.
 * @example
 * ```ts
 * const store = await postgresStore('postgres://relay:secret@127.0.0.1:5432/relay')
 * const found = await store.getProposal('ab'.repeat(32))
 * await store.close()
 * ```
 */
export async function postgresStore(url: string): Promise<RelayStore> {
  const unavailable = (what: string, cause: unknown) =>
    new RelayError(what, {
      code: 'StoreUnavailable',
      // Only the redacted URL and the first line of the reason: the cause itself (a URL parse error
      // keeps its input) could carry the password, so it is not attached.
      details: { database: redactUrl(url), reason: redactUrls(firstLine(cause)) },
      remedy: `Install ${postgresPackage} beside casper-multisig (npm install ${postgresPackage}), check that the URL names a running PostgreSQL server, its user, password and database, or leave out --database to use the embedded SQLite store.`,
    })
  let pool: Pool
  try {
    const require = createRequire(import.meta.url)
    const pg = require(postgresPackage) as Pg
    pool = new pg.Pool({ connectionString: url })
  } catch (cause) {
    throw unavailable('The relay cannot load its PostgreSQL client', cause)
  }
  // An idle connection the server drops emits 'error' on the pool; without a listener that would end the
  // process. The pool discards that connection, and the next query opens another.
  pool.on('error', () => {})

  const transaction = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    let client: Client
    try {
      client = await pool.connect()
    } catch (cause) {
      throw unavailable('The relay cannot reach its PostgreSQL database', cause)
    }
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      client.release()
      return result
    } catch (error) {
      // A failed ROLLBACK means the connection is broken: release it as such so the pool drops it.
      await client.query('ROLLBACK').then(
        () => client.release(),
        (rollbackError: Error) => client.release(rollbackError),
      )
      throw isConnectionError(error) ? unavailable('The relay lost its PostgreSQL connection', error) : error
    }
  }
  const query = async (text: string, values: readonly unknown[]): Promise<QueryResult> => {
    try {
      return await pool.query(text, values)
    } catch (error) {
      throw isConnectionError(error)
        ? unavailable('The relay cannot reach its PostgreSQL database', error)
        : error
    }
  }

  try {
    await transaction((client) => migrate(client, url))
  } catch (error) {
    await pool.end().catch(() => {})
    throw error
  }

  // Approvals of one proposal are written under its row's lock (FOR NO KEY UPDATE, which the foreign
  // keys' KEY SHARE checks do not wait for): two writers posting overlapping signers in different orders
  // would otherwise each wait on the other's uncommitted (hash, signer) row, a deadlock PostgreSQL breaks
  // by failing one of them. Under the lock they run one after the other and each adds what is missing.
  // The same lock makes the count of signers (max) hold: a concurrent writer waits for this one's commit.
  const addApprovals = async (
    client: Client,
    hash: string,
    approvals: readonly Approval[],
    max: number | undefined,
  ) => {
    const locked = await client.query('SELECT 1 FROM proposals WHERE hash = $1 FOR NO KEY UPDATE', [hash])
    if (locked.rows.length === 0) throw notFound(hash)
    if (max !== undefined) {
      const stored = await client.query('SELECT signer, signature FROM approvals WHERE hash = $1', [hash])
      assertRoom(stored.rows as Approval[], approvals, max)
    }
    const added: Approval[] = []
    for (const approval of approvals) {
      const inserted = await client.query(
        `INSERT INTO approvals (hash, signer, signature) VALUES ($1, $2, $3)
         ON CONFLICT (hash, signer) DO NOTHING RETURNING signer`,
        [hash, approval.signer, approval.signature],
      )
      if (inserted.rows.length === 1) added.push(approval)
    }
    return added
  }

  return {
    kind: 'postgres',
    putProposal: (p: NewProposal, approvals, options = {}) =>
      transaction(async (client) => {
        const inserted = await client.query(
          `INSERT INTO proposals (hash, kind, account, chain_name, file, created_at, expires_at, state, renewed_from)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8) ON CONFLICT (hash) DO NOTHING RETURNING hash`,
          [p.hash, p.kind, p.account, p.chainName, p.file, p.createdAt, p.expiresAt, p.renewedFrom ?? null],
        )
        return {
          created: inserted.rows.length === 1,
          added: await addApprovals(client, p.hash, approvals, options.max),
        }
      }),
    addApprovals: (hash, approvals, options = {}) =>
      transaction((client) => addApprovals(client, hash, approvals, options.max)),
    async getProposal(hash) {
      // One statement, so the proposal and its approvals are one snapshot.
      const { rows } = await query(
        `SELECT p.*, COALESCE(
           (SELECT json_agg(json_build_object('signer', a.signer, 'signature', a.signature) ORDER BY a.seq)
            FROM approvals a WHERE a.hash = p.hash), '[]'::json) AS approval_list
         FROM proposals p WHERE p.hash = $1`,
        [hash],
      )
      const row = rows[0] as (ProposalRow & { approval_list: Approval[] }) | undefined
      if (!row) return undefined
      return {
        proposal: proposalFromRow(row),
        approvals: row.approval_list.map((a) => ({ signer: a.signer, signature: a.signature })),
      }
    },
    async listProposals(account, options = {}) {
      const { rows } = await query(
        'SELECT * FROM proposals WHERE account = $1 ORDER BY created_at DESC, hash LIMIT $2',
        [account, options.limit ?? 100],
      )
      return (rows as ProposalRow[]).map(proposalFromRow)
    },
    async proposalsInState(state) {
      const { rows } = await query('SELECT * FROM proposals WHERE state = $1 ORDER BY created_at, hash', [
        state,
      ])
      return (rows as ProposalRow[]).map(proposalFromRow)
    },
    async setState(hash, state: ProposalState, execution) {
      const { rowCount } = await query(
        'UPDATE proposals SET state = $1, execution = COALESCE($2, execution) WHERE hash = $3',
        [state, execution ?? null, hash],
      )
      if (rowCount === 0) throw notFound(hash)
    },
    linkRenewal: (oldHash, newHash) =>
      transaction(async (client) => {
        const old = await client.query('UPDATE proposals SET renewed_to = $1 WHERE hash = $2', [
          newHash,
          oldHash,
        ])
        if (old.rowCount === 0) throw notFound(oldHash)
        const renewed = await client.query('UPDATE proposals SET renewed_from = $1 WHERE hash = $2', [
          oldHash,
          newHash,
        ])
        if (renewed.rowCount === 0) throw notFound(newHash)
      }),
    async addWebhook(w) {
      await query('INSERT INTO webhooks (id, account, url, secret, created_at) VALUES ($1, $2, $3, $4, $5)', [
        w.id,
        w.account,
        w.url,
        w.secret,
        w.createdAt,
      ])
    },
    async listWebhooks(account) {
      const { rows } = await query('SELECT * FROM webhooks WHERE account = $1 ORDER BY created_at, id', [
        account,
      ])
      return (rows as Parameters<typeof webhookFromRow>[0][]).map(webhookFromRow)
    },
    async removeWebhook(account, id) {
      const { rowCount } = await query('DELETE FROM webhooks WHERE account = $1 AND id = $2', [account, id])
      return rowCount === 1
    },
    enqueueDeliveries: (deliveries) =>
      transaction(async (client) => {
        // Inserted in one order (webhook, key) whoever enqueues, so concurrent enqueues never deadlock;
        // answered in the caller's order. A sort is stable: of two equal keys the caller's first wins.
        const byKey = deliveries
          .map((delivery, index) => ({ delivery, index }))
          .sort(
            (a, b) =>
              compare(a.delivery.webhookId, b.delivery.webhookId) ||
              compare(a.delivery.eventKey, b.delivery.eventKey),
          )
        const queued = new Set<number>()
        for (const { delivery: d, index } of byKey) {
          const inserted = await client.query(
            `INSERT INTO deliveries (id, webhook_id, event_key, payload, next_attempt_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (webhook_id, event_key) DO NOTHING RETURNING id`,
            [d.id, d.webhookId, d.eventKey, d.payload, d.nextAttemptAt],
          )
          if (inserted.rows.length === 1) queued.add(index)
        }
        return deliveries
          .filter((_, index) => queued.has(index))
          .map((d): Delivery => ({ ...d, attempts: 0 }))
      }),
    async claimDeliveries(now, leaseUntil, limit) {
      // A row another instance is claiming is skipped, not waited for; the answer carries the time each
      // delivery was due (as the SQLite store's does), and its attempts counting this one.
      const { rows } = await query(
        `WITH due AS (
           SELECT id, next_attempt_at AS due_at FROM deliveries
           WHERE NOT done AND next_attempt_at <= $1
           ORDER BY next_attempt_at LIMIT $3
           FOR UPDATE SKIP LOCKED
         )
         UPDATE deliveries d SET next_attempt_at = $2, attempts = d.attempts + 1
         FROM due WHERE d.id = due.id
         RETURNING d.id, d.webhook_id, d.event_key, d.payload, d.attempts, due.due_at AS next_attempt_at`,
        [now, leaseUntil, limit],
      )
      return (rows as DeliveryRow[])
        .map(deliveryFromRow)
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || compare(a.id, b.id))
    },
    async finishDelivery(id) {
      await query('UPDATE deliveries SET done = TRUE WHERE id = $1', [id])
    },
    async retryDelivery(id, nextAttemptAt) {
      await query('UPDATE deliveries SET next_attempt_at = $1 WHERE id = $2', [nextAttemptAt, id])
    },
    async pendingExpiringBefore(before) {
      const { rows } = await query(
        "SELECT * FROM proposals WHERE state = 'pending' AND expires_at < $1 ORDER BY expires_at",
        [before],
      )
      return (rows as ProposalRow[]).map(proposalFromRow)
    },
    async close() {
      await pool.end()
    },
  }
}

/** Applies the versions the database lacks, inside the caller's transaction, under the migration lock. */
async function migrate(client: Client, url: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [migrationLock])
  await client.query('CREATE TABLE IF NOT EXISTS relay_schema (version int NOT NULL)')
  const { rows } = await client.query('SELECT COALESCE(MAX(version), 0) AS version FROM relay_schema')
  const current = Number((rows[0] as { version: number | string }).version)
  if (current > relaySchemaVersion) {
    throw new RelayError('The database was written by a newer relay', {
      code: 'StoreSchemaNewer',
      details: { database: redactUrl(url), databaseVersion: current, relayVersion: relaySchemaVersion },
      remedy: 'Run the newer casper-multisig relay, or give this one another --database.',
    })
  }
  for (const migration of relayMigrations.filter((m) => m.version > current)) {
    for (const statement of migration.postgres) await client.query(statement)
    await client.query('INSERT INTO relay_schema (version) VALUES ($1)', [migration.version])
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function firstLine(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!
}

/**
 * A failure to reach the server rather than a refused statement: a socket error (`ECONNREFUSED`,
 * `ETIMEDOUT`, …) or SQLSTATE class 08 (connection exception) or 57P0x (the server shutting down).
 */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return (
    typeof code === 'string' && (/^E[A-Z]+$/.test(code) || code.startsWith('08') || code.startsWith('57P0'))
  )
}
