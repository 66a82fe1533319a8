// The one description, verdict and progress of a stored proposal, judged as the CLI judges a file.
import type { Account } from '../account/Account.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import type { Approval, CosignFile } from '../cosign/CosignFile.js'
import { describeFile } from '../cosign/describeFile.js'
import { type SigningProgress, signingProgress } from '../cosign/signingProgress.js'
import { type DeployDescription, describeDeploy } from '../preflight/describeDeploy.js'
import { getSpendingState } from '../rpc/getSpendingState.js'
import { mergedProposalFile } from './mergedProposalFile.js'
import { proposalNetwork } from './proposalNetwork.js'
import type { RelayContext } from './RelayContext.js'
import type { StoredProposal } from './RelayStore.js'

/** What {@link describeProposal} returns. */
export type ProposalDescription = {
  merged: CosignFile
  chainspec: Chainspec
  /** The account as the node holds it now (undefined without a node, or when the node has none). */
  account: Account | undefined
  description: DeployDescription
  progress: SigningProgress | null
}

/**
 * `describeDeploy` of the merged file (as `casper-multisig describe` does): with a node, against its
 * chainspec, the session emulated against the account and a transfer or auction call checked
 * against the account's balance and the bids; without one, mainnet's rules under the file's chain.
 * `progress` is `signingProgress` against the account, or null without one.
 *
 * @example
 * ```ts
 * const { description, progress } = await describeProposal(context, found)
 * description.safeToSign
 * ```
 */
export async function describeProposal(
  context: RelayContext,
  found: { proposal: StoredProposal; approvals: Approval[] },
): Promise<ProposalDescription> {
  const { proposal } = found
  const now = context.now()
  const merged = mergedProposalFile(found)
  const chainspec = await proposalNetwork(context.node, proposal.chainName)
  const account = context.node ? await context.node.account(proposal.account) : undefined
  const { code } = describeFile(merged, { network: chainspec, now })
  const state =
    account && context.node && (code.kind === 'transfer' || code.kind === 'auction')
      ? await getSpendingState(context.node.rpc, account.accountHash, { auction: code.kind === 'auction' })
      : undefined
  const description = await describeDeploy(merged, { chainspec, account, state, now })
  const progress = account ? signingProgress(merged, account, { network: chainspec, now }) : null
  return { merged, chainspec, account, description, progress }
}
