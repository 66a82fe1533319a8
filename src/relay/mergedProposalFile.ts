// A stored proposal as one file: the file first posted with every approval the relay holds.
import type { Approval, CosignFile } from '../cosign/CosignFile.js'
import { parseCosignFile } from '../cosign/parseCosignFile.js'
import { withApprovals } from '../cosign/stringifyCosignFile.js'
import type { StoredProposal } from './RelayStore.js'

/**
 * The stored file with the stored approvals (in the order they were first stored): what
 * `GET /proposals/<hash>/file` answers, as `stringifyCosignFile` writes it.
 *
 * @example
 * ```ts
 * const text = stringifyCosignFile(mergedProposalFile(found))
 * ```
 */
export function mergedProposalFile(found: { proposal: StoredProposal; approvals: Approval[] }): CosignFile {
  return withApprovals(parseCosignFile(found.proposal.file), found.approvals)
}
