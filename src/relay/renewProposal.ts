// POST /proposals/<hash>/renew: an expired (or expiring) proposal stored again with a new timestamp, linked both ways.
import { renewFile } from '../cosign/renewFile.js'
import { stringifyCosignFile } from '../cosign/stringifyCosignFile.js'
import { mergedProposalFile } from './mergedProposalFile.js'
import { proposalFacts } from './proposalFacts.js'
import { proposalNetwork } from './proposalNetwork.js'
import { expiringWindowMs } from './proposalStatus.js'
import type { RelayContext } from './RelayContext.js'
import { RelayError } from './RelayError.js'
import { notFound } from './sqliteStore.js'

/** What {@link renewProposal} answers (201 when the renewed proposal is new, else 200). */
export type RenewProposalReturnType = {
  hash: string
  renewedFrom: string
  /** Signers (tagged public key hex) of the old proposal's valid approvals: they must sign the new hash. */
  mustSign: string[]
  url: string
  page: string
  created: boolean
}

/**
 * Renews a pending proposal that expired or expires within 30 minutes: `renewFile` (the same
 * content, timestamp the relay's now, the same TTL capped by the network's `max_ttl`, a new hash,
 * no approvals), stored as a new proposal without needing an approval (its content was admitted
 * with one) and linked to the old one both ways. A proposal already renewed answers its renewal.
 *
 * @throws {RelayError} `ProposalNotFound`; `NotRenewable` when it has time left or was sent.
 * @example
 * ```ts
 * const { hash, mustSign } = await renewProposal(context, expiredHash)
 * ```
 */
export async function renewProposal(context: RelayContext, hash: string): Promise<RenewProposalReturnType> {
  const found = await context.store.getProposal(hash)
  if (!found) throw notFound(hash)
  const { proposal } = found
  const now = context.now()
  const old = mergedProposalFile(found)
  if (proposal.renewedTo !== undefined) {
    return answer(proposal.renewedTo, hash, false, renewFile(old, { now }).mustSign)
  }
  if (proposal.state !== 'pending' || proposal.expiresAt - now > expiringWindowMs) {
    throw new RelayError('This proposal cannot be renewed', {
      code: 'NotRenewable',
      details: {
        hash,
        state: proposal.state,
        expiresAt: new Date(proposal.expiresAt).toISOString(),
      },
      remedy:
        proposal.state === 'pending'
          ? 'It has more than 30 minutes left: collect the approvals; renew it when it is about to expire.'
          : 'It was sent already; a renewed copy would run it twice.',
    })
  }
  const network = await proposalNetwork(context.node, proposal.chainName)
  const renewed = renewFile(old, { now, network })
  const facts = proposalFacts(renewed.file)
  const { created } = await context.store.putProposal(
    {
      hash: renewed.file.hash,
      kind: renewed.file.kind,
      account: facts.account,
      chainName: facts.chainName,
      file: stringifyCosignFile(renewed.file),
      createdAt: now,
      expiresAt: facts.expiresAt,
      renewedFrom: hash,
    },
    [],
  )
  await context.store.linkRenewal(hash, renewed.file.hash)
  if (created) {
    await context.emit({
      type: 'proposal.created',
      hash: renewed.file.hash,
      account: facts.account,
      data: {
        kind: renewed.file.kind,
        chainName: facts.chainName,
        expiresAt: new Date(facts.expiresAt).toISOString(),
        approvals: 0,
        renewedFrom: hash,
      },
    })
  }
  return answer(renewed.file.hash, hash, created, renewed.mustSign)
}

function answer(
  hash: string,
  renewedFrom: string,
  created: boolean,
  mustSign: string[],
): RenewProposalReturnType {
  return { hash, renewedFrom, mustSign, url: `/proposals/${hash}`, page: `/p/${hash}`, created }
}
