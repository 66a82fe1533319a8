// How far a stored proposal's approvals go toward its account's threshold, as the node holds the account now.
import type { Account } from '../account/Account.js'
import type { Approval } from '../cosign/CosignFile.js'
import { type SigningProgress, signingProgress } from '../cosign/signingProgress.js'
import { mergedProposalFile } from './mergedProposalFile.js'
import { proposalNetwork } from './proposalNetwork.js'
import type { RelayContext } from './RelayContext.js'
import type { StoredProposal } from './RelayStore.js'

/**
 * `signingProgress` of the merged file against the account the node holds (or `account` when already
 * read); null without a node or when the node has no such account.
 *
 * @example
 * ```ts
 * const progress = await proposalProgress(context, found)
 * progress?.complete // the approvals reach the threshold
 * ```
 */
export async function proposalProgress(
  context: RelayContext,
  found: { proposal: StoredProposal; approvals: Approval[] },
  account?: Account,
): Promise<SigningProgress | null> {
  if (!context.node) return null
  const known = account ?? (await context.node.account(found.proposal.account))
  if (!known) return null
  const chainspec = await proposalNetwork(context.node, found.proposal.chainName)
  return signingProgress(mergedProposalFile(found), known, { network: chainspec, now: context.now() })
}
