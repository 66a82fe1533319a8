// POST /proposals/<hash>/approvals: a signed copy or a list of approvals, each verified, merged as a set union.
import type { Approval } from '../cosign/CosignFile.js'
import { mergeFiles } from '../cosign/mergeFiles.js'
import { cosignFileFromJson } from '../cosign/parseCosignFile.js'
import { parseCosignJson } from '../cosign/parseCosignJson.js'
import { withApprovals } from '../cosign/stringifyCosignFile.js'
import { assertRoom } from './assertRoom.js'
import { mergedProposalFile } from './mergedProposalFile.js'
import { proposalNetwork } from './proposalNetwork.js'
import type { RelayContext } from './RelayContext.js'
import { RelayError } from './RelayError.js'
import { notFound } from './storeRows.js'
import { verifiedApprovals } from './verifiedApprovals.js'

/**
 * Adds approvals to a stored proposal. The body is a signed copy of the file (the same content and
 * hash: `mergeFiles` refuses another with `DifferentContent` or `HashMismatch`) or
 * `{ "approvals": [{ signer, signature }, …] }`. Every approval is verified against the hash (with a
 * node, by a key associated with the account) before anything is stored: one that does not verify
 * refuses the whole request. Adding is a set union per signer, idempotent and safe when concurrent.
 *
 * @throws {RelayError} `ProposalNotFound`, `InvalidRequest`, a rejection code or `NoValidApproval`.
 * @throws {CosignError} for a copy that is not the same file, or too many approvals.
 * @example
 * ```ts
 * const { added, approvals } = await admitApprovals(context, hash, await readBody(request, limit))
 * ```
 */
export async function admitApprovals(
  context: RelayContext,
  hash: string,
  text: string,
): Promise<{ added: Approval[]; approvals: number }> {
  const found = await context.store.getProposal(hash)
  if (!found) throw notFound(hash)
  const incoming = readApprovals(text, found)
  const account = context.node ? await context.node.account(found.proposal.account) : undefined
  const approvals = verifiedApprovals(hash, incoming, account)
  const network = await proposalNetwork(context.node, found.proposal.chainName)
  assertRoom(found.approvals, approvals, network.maxAssociatedKeys)
  // Checked again in the store's write: concurrent posts all read the same stored approvals above.
  const added = await context.store.addApprovals(
    hash,
    approvals.map(({ signer, signature }) => ({ signer, signature })),
    { max: network.maxAssociatedKeys },
  )
  const known = new Set(found.approvals.map((a) => a.signer))
  for (const a of added) known.add(a.signer)
  return { added, approvals: known.size }
}

function readApprovals(text: string, found: Parameters<typeof mergedProposalFile>[0]): Approval[] {
  const json = parseCosignJson(text)
  if (
    json !== null &&
    typeof json === 'object' &&
    !Array.isArray(json) &&
    'approvals' in json &&
    Object.keys(json).length === 1
  ) {
    const list = json.approvals
    if (!Array.isArray(list)) throw invalidList('approvals is not an array')
    return list.map((item, index) => {
      if (
        item === null ||
        typeof item !== 'object' ||
        Array.isArray(item) ||
        Object.keys(item).length !== 2 ||
        typeof item.signer !== 'string' ||
        typeof item.signature !== 'string'
      )
        throw invalidList(`approvals[${index}] is not { signer, signature } with hex strings`)
      return { signer: item.signer, signature: item.signature }
    })
  }
  const copy = cosignFileFromJson(json)
  // The same content as stored (DifferentContent names the field otherwise), and the same hash.
  mergeFiles([mergedProposalFile({ ...found, approvals: [] }), withApprovals(copy, [])])
  return copy.approvals
}

function invalidList(reason: string): RelayError {
  return new RelayError('The approvals list cannot be read', {
    code: 'InvalidRequest',
    details: { reason },
    remedy: 'Post { "approvals": [{ "signer": "01…", "signature": "01…" }] } or a signed copy of the file.',
  })
}
