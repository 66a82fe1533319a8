// The relay's schema, one list of versions for both databases; each store applies the versions it has not.

/** One schema version: the statements that reach it from the one before, per database. */
export type RelayMigration = { version: number; sqlite: readonly string[]; postgres: readonly string[] }

const proposals = (serial: string) => [
  `CREATE TABLE proposals (
    hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    account TEXT NOT NULL,
    chain_name TEXT NOT NULL,
    file TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    state TEXT NOT NULL,
    execution TEXT,
    renewed_from TEXT,
    renewed_to TEXT
  )`,
  'CREATE INDEX proposals_by_account ON proposals (account, created_at)',
  'CREATE INDEX proposals_by_expiry ON proposals (state, expires_at)',
  `CREATE TABLE approvals (
    seq ${serial},
    hash TEXT NOT NULL REFERENCES proposals (hash),
    signer TEXT NOT NULL,
    signature TEXT NOT NULL,
    UNIQUE (hash, signer)
  )`,
  `CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL
  )`,
  'CREATE INDEX webhooks_by_account ON webhooks (account)',
  `CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    done BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (webhook_id, event_key)
  )`,
  'CREATE INDEX deliveries_due ON deliveries (done, next_attempt_at)',
]

/** Every version, oldest first. A release only ever appends. */
export const relayMigrations: readonly RelayMigration[] = [
  {
    version: 1,
    sqlite: proposals('INTEGER PRIMARY KEY AUTOINCREMENT'),
    postgres: proposals('BIGSERIAL PRIMARY KEY'),
  },
]

/** The schema version this relay writes. */
export const relaySchemaVersion = relayMigrations[relayMigrations.length - 1]!.version
