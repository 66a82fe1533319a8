// Where a proposal stands for the people waiting on it: one word, from its state, its expiry and its signatures.
import type { SigningProgress } from '../cosign/signingProgress.js'
import type { StoredProposal } from './RelayStore.js'

/** A proposal's status as the relay shows it. */
export type ProposalStatus =
  | 'pending'
  | 'ready'
  | 'expiring'
  | 'expired'
  | 'submitted'
  | 'executed'
  | 'failed'

/** A proposal with less than this left is `expiring` (the webhook's `proposal.expiring` notice too). */
export const expiringWindowMs = 30 * 60 * 1000

/**
 * The status: `submitted`, `executed` or `failed` once sent; else `expired` past its expiry; else
 * `ready` when the node's account says its approvals are enough (`progress.complete`; without a
 * node there is no progress and never `ready`); else `expiring` within 30 minutes of its expiry;
 * else `pending`.
 *
 * @example
 * ```ts
 * proposalStatus(proposal, progress, Date.now()) // 'ready'
 * ```
 */
export function proposalStatus(
  proposal: Pick<StoredProposal, 'state' | 'expiresAt'>,
  progress: Pick<SigningProgress, 'complete'> | null,
  now: number,
): ProposalStatus {
  if (proposal.state !== 'pending') return proposal.state
  if (proposal.expiresAt <= now) return 'expired'
  if (progress?.complete) return 'ready'
  if (proposal.expiresAt - now <= expiringWindowMs) return 'expiring'
  return 'pending'
}
