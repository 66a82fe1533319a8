// A proposal holds at most max_associated_keys approvals: the node refuses a file with more.
import type { Approval } from '../cosign/CosignFile.js'
import { tooManyApprovals } from '../cosign/parseCosignFile.js'

/**
 * Refuses approvals that would take a proposal past `max` distinct signers (the network's
 * `max_associated_keys`; casper-node refuses such a file with `ExcessiveApprovals`).
 *
 * @throws {CosignError} `TooManyApprovals`.
 * @example
 * ```ts
 * assertRoom(found.approvals, incoming, chainspec.maxAssociatedKeys)
 * ```
 */
export function assertRoom(stored: readonly Approval[], incoming: readonly Approval[], max: number): void {
  const signers = new Set(stored.map((a) => a.signer))
  for (const a of incoming) signers.add(a.signer)
  if (signers.size > max) throw tooManyApprovals(`${signers.size} signers`, max, 'approvals')
}
