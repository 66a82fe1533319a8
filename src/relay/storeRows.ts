// How rows of the relay's tables become the store's values, shared by the SQLite and PostgreSQL stores
// (PostgreSQL returns BIGINT columns as strings, SQLite as numbers: both are read with Number()).
import { RelayError } from './RelayError.js'
import type { Delivery, ProposalState, StoredProposal, Webhook } from './RelayStore.js'

/** A row of `proposals` as SQL returns it. */
export type ProposalRow = {
  hash: string
  kind: string
  account: string
  chain_name: string
  file: string
  created_at: number | string
  expires_at: number | string
  state: string
  execution: string | null
  renewed_from: string | null
  renewed_to: string | null
}

/** A stored proposal from its row (both stores). */
export function proposalFromRow(row: ProposalRow): StoredProposal {
  return {
    hash: row.hash,
    kind: row.kind === 'transaction' ? 'transaction' : 'deploy',
    account: row.account,
    chainName: row.chain_name,
    file: row.file,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    state: row.state as ProposalState,
    execution: row.execution ?? undefined,
    renewedFrom: row.renewed_from ?? undefined,
    renewedTo: row.renewed_to ?? undefined,
  }
}

/** A row of `deliveries` as SQL returns it. */
export type DeliveryRow = {
  id: string
  webhook_id: string
  event_key: string
  payload: string
  attempts: number | string
  next_attempt_at: number | string
}

/** A delivery from its row (both stores). */
export function deliveryFromRow(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventKey: row.event_key,
    payload: row.payload,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
  }
}

/** A webhook from its row (both stores). */
export function webhookFromRow(row: {
  id: string
  account: string
  url: string
  secret: string
  created_at: number | string
}): Webhook {
  return {
    id: row.id,
    account: row.account,
    url: row.url,
    secret: row.secret,
    createdAt: Number(row.created_at),
  }
}

/** The error for a hash the store does not hold. */
export function notFound(hash: string): RelayError {
  return new RelayError('No proposal has this hash', {
    code: 'ProposalNotFound',
    details: { hash },
    remedy: 'Check the hash, or post the file first (casper-multisig propose FILE --relay URL).',
  })
}
