// POST /proposals: a file parsed and hashed by the one model, every approval verified, the spam rule applied, then stored.
import { checkHashes } from '../cosign/hashes.js'
import { parseCosignFile } from '../cosign/parseCosignFile.js'
import { stringifyCosignFile, withApprovals } from '../cosign/stringifyCosignFile.js'
import { assertRoom } from './assertRoom.js'
import { proposalFacts } from './proposalFacts.js'
import { proposalNetwork } from './proposalNetwork.js'
import type { RelayContext } from './RelayContext.js'
import { RelayError } from './RelayError.js'
import { verifiedApprovals } from './verifiedApprovals.js'

/** What {@link admitProposal} answers (201 when `created`, else 200). */
export type AdmitProposalReturnType = {
  hash: string
  kind: 'deploy' | 'transaction'
  created: boolean
  /** Signers (tagged public key hex) whose approvals were new. */
  added: string[]
  url: string
  page: string
}

/**
 * Admits a posted deploy or TransactionV1 file: `parseCosignFile` (strict), the hashes recomputed
 * (`HashMismatch` refused), every approval verified (one that does not verify refuses the whole
 * request with its rejection's code). A new proposal must carry at least one valid approval (with a
 * node: every approval by a key associated with the account, which must exist); a known one gets its
 * approvals merged in (set union, idempotent). The file is stored without its approvals, which are
 * kept apart, one per signer.
 *
 * @throws {CosignError} `InvalidJson`, `InvalidShape`, `HashMismatch`, `TooManyApprovals`, …
 * @throws {RelayError} a rejection code (`InvalidSignature`, …) or `NoValidApproval`.
 * @example
 * ```ts
 * const { created, added } = await admitProposal(context, await readBody(request, limit))
 * ```
 */
export async function admitProposal(
  context: RelayContext,
  text: string,
): Promise<{ answer: AdmitProposalReturnType; added: { signer: string; signature: string }[] }> {
  const file = parseCosignFile(text)
  const facts = proposalFacts(file)
  const network = await proposalNetwork(context.node, facts.chainName)
  checkHashes(file)
  const existing = await context.store.getProposal(file.hash)
  const account = context.node ? await context.node.account(facts.account) : undefined
  if (context.node && !account && !existing) {
    throw new RelayError("The node has no account for this proposal's sender", {
      code: 'NoValidApproval',
      details: { account: facts.account },
      remedy:
        'Create and fund the account first, or check that the relay runs on the same network as the file.',
    })
  }
  const approvals = verifiedApprovals(file.hash, file.approvals, account)
  if (!existing && approvals.length === 0) {
    throw new RelayError('A new proposal must carry at least one valid approval', {
      code: 'NoValidApproval',
      details: { hash: file.hash, account: facts.account },
      remedy: context.node
        ? "Sign the file with one of the account's associated keys first (casper-multisig sign FILE), then post it."
        : 'Sign the file first (casper-multisig sign FILE), then post it.',
    })
  }
  assertRoom(existing?.approvals ?? [], approvals, network.maxAssociatedKeys)
  const stored = approvals.map(({ signer, signature }) => ({ signer, signature }))
  const { created, added } = await context.store.putProposal(
    {
      hash: file.hash,
      kind: file.kind,
      account: facts.account,
      chainName: facts.chainName,
      file: stringifyCosignFile(withApprovals(file, [])),
      createdAt: context.now(),
      expiresAt: facts.expiresAt,
      renewedFrom: undefined,
    },
    stored,
    { max: network.maxAssociatedKeys },
  )
  return {
    answer: {
      hash: file.hash,
      kind: file.kind,
      created,
      added: added.map((a) => a.signer),
      url: `/proposals/${file.hash}`,
      page: `/p/${file.hash}`,
    },
    added,
  }
}
