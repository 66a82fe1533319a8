// What a relay keeps: proposals (content-addressed by deploy or transaction hash), their approvals, webhooks
// and the deliveries still owed. SQLite (one process) and PostgreSQL (several instances) implement it alike.
import type { Approval } from '../cosign/CosignFile.js'

/** Where a proposal stands, as the relay last recorded it. */
export type ProposalState = 'pending' | 'submitted' | 'executed' | 'failed'

/** A proposal as stored: the file first posted (its JSON text as received) and what the relay learned since. */
export type StoredProposal = {
  /** Deploy or transaction hash, 64 lowercase hex digits: the proposal's address. */
  hash: string
  kind: 'deploy' | 'transaction'
  /** The initiating account's hash, 64 lowercase hex digits (no `account-hash-` prefix). */
  account: string
  /** The chain name the file names. */
  chainName: string
  /** The file's JSON text as first posted; approvals are kept apart and merged in on read. */
  file: string
  /** Milliseconds since the Unix epoch. */
  createdAt: number
  /** The file's timestamp plus its TTL, in milliseconds since the Unix epoch. */
  expiresAt: number
  state: ProposalState
  /** The node's execution result as JSON text (cost, error), once known. */
  execution: string | undefined
  /** The proposal this one renews, and the one that renewed it. */
  renewedFrom: string | undefined
  renewedTo: string | undefined
}

/** A new proposal: everything but what the relay learns later. */
export type NewProposal = Omit<StoredProposal, 'state' | 'execution' | 'renewedTo'>

/** A webhook an account's coordinator registered. The secret keys the HMAC-SHA256 of each payload. */
export type Webhook = { id: string; account: string; url: string; secret: string; createdAt: number }

/** Events a relay notifies. */
export type RelayEventType =
  | 'proposal.created'
  | 'approval.added'
  | 'threshold.reached'
  | 'proposal.expiring'
  | 'proposal.expired'
  | 'proposal.executed'

/** A payload owed to one webhook, retried with back-off until delivered or given up. */
export type Delivery = {
  id: string
  webhookId: string
  /** The event's key: one delivery per webhook and key (`threshold.reached:<hash>`), however often it is raised. */
  eventKey: string
  /** The JSON text sent, exactly as signed. */
  payload: string
  attempts: number
  /** Milliseconds since the Unix epoch. */
  nextAttemptAt: number
}

/**
 * The relay's storage. Every write is durable when its promise resolves (SQLite WAL with
 * `synchronous=FULL`, PostgreSQL's commit): an approval acknowledged to a client survives `kill -9`.
 * Approvals are a set per proposal keyed by signer: adding is a union, idempotent and safe under
 * concurrent writers (several relay instances on one PostgreSQL).
 */
export type RelayStore = {
  /** `sqlite` or `postgres`. */
  readonly kind: 'sqlite' | 'postgres'
  /**
   * Inserts the proposal unless its hash is stored; `created` says which. Its approvals are added either
   * way. With `max`, nothing is written when the proposal would hold more than `max` distinct signers
   * (`TooManyApprovals`), checked in the write's transaction: concurrent posts cannot pass it together.
   */
  putProposal(
    proposal: NewProposal,
    approvals: readonly Approval[],
    options?: { max?: number | undefined },
  ): Promise<{ created: boolean; added: Approval[] }>
  /**
   * Adds approvals (set union by signer, the first signature kept); returns those that were new. With
   * `max`, as for {@link RelayStore.putProposal}: nothing is added past `max` distinct signers.
   */
  addApprovals(
    hash: string,
    approvals: readonly Approval[],
    options?: { max?: number | undefined },
  ): Promise<Approval[]>
  /** The proposal and its approvals in the order they were first stored, or undefined. */
  getProposal(hash: string): Promise<{ proposal: StoredProposal; approvals: Approval[] } | undefined>
  /** An account's proposals, newest first, at most `limit`. */
  listProposals(account: string, options?: { limit?: number }): Promise<StoredProposal[]>
  /** The proposals in a state, oldest first (a relay started again follows those `submitted`). */
  proposalsInState(state: ProposalState): Promise<StoredProposal[]>
  /** Records a submission or an execution result. */
  setState(hash: string, state: ProposalState, execution?: string): Promise<void>
  /** Links a proposal to the one that renews it (both stored). */
  linkRenewal(oldHash: string, newHash: string): Promise<void>
  addWebhook(webhook: Webhook): Promise<void>
  listWebhooks(account: string): Promise<Webhook[]>
  /** Deletes a webhook and what is still owed to it; false when there was none. */
  removeWebhook(account: string, id: string): Promise<boolean>
  /** Queues deliveries; one already queued for the same webhook and event key is kept as is. Returns those queued now. */
  enqueueDeliveries(deliveries: readonly Omit<Delivery, 'attempts'>[]): Promise<Delivery[]>
  /**
   * Takes up to `limit` deliveries due at `now` and pushes their next attempt to `leaseUntil`, so that
   * two instances never send the same one at once (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
   */
  claimDeliveries(now: number, leaseUntil: number, limit: number): Promise<Delivery[]>
  /** Marks a delivery done (delivered or given up); it is kept, so the same event is never queued again. */
  finishDelivery(id: string): Promise<void>
  /** Schedules another attempt. */
  retryDelivery(id: string, nextAttemptAt: number): Promise<void>
  /** Proposals still pending whose expiry falls before `before`: for the expiring and expired notices. */
  pendingExpiringBefore(before: number): Promise<StoredProposal[]>
  close(): Promise<void>
}
