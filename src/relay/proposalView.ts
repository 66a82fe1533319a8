// The answer to GET /proposals/<hash>: the merged file, the one description and verdict, the progress and the status.
import type { Approval } from '../cosign/CosignFile.js'
import { descriptionLines } from '../cosign/descriptionLines.js'
import type { SigningProgress } from '../cosign/signingProgress.js'
import { stringifyCosignFile } from '../cosign/stringifyCosignFile.js'
import { describeProposal } from './describeProposal.js'
import { proposalStatus } from './proposalStatus.js'
import type { RelayContext } from './RelayContext.js'
import type { StoredProposal } from './RelayStore.js'
import { jsonText } from './relayResponse.js'

/**
 * The JSON text of a proposal as the relay shows it: `file` is the merged file exactly as
 * `stringifyCosignFile` writes it (big integers exact), `description` the lines `describe` prints,
 * `verdict` the one verdict (`safeToSign` and every reason not to sign), `progress` the signature
 * progress against the account as the node holds it (null without a node), `status` one word.
 * With a node, the session is emulated against the account (see `describeProposal`).
 *
 * @example
 * ```ts
 * sendJson(response, 200, await proposalView(context, found))
 * ```
 */
export async function proposalView(
  context: RelayContext,
  found: { proposal: StoredProposal; approvals: Approval[] },
): Promise<string> {
  const { proposal } = found
  const now = context.now()
  const { merged, description, progress } = await describeProposal(context, found)
  const rest = {
    account: proposal.account,
    chainName: proposal.chainName,
    state: proposal.state,
    status: proposalStatus(proposal, progress, now),
    createdAt: new Date(proposal.createdAt).toISOString(),
    expiresAt: new Date(proposal.expiresAt).toISOString(),
    approvals: found.approvals.length,
    description: descriptionLines(description),
    verdict: { safeToSign: description.safeToSign, reasons: description.doNotSign },
    progress: progress && progressJson(progress),
    execution: proposal.execution === undefined ? null : JSON.parse(proposal.execution),
    renewedFrom: proposal.renewedFrom ?? null,
    renewedTo: proposal.renewedTo ?? null,
  }
  // The file is written as its own JSON text, so its big integers stay exact.
  return `{"hash":${JSON.stringify(proposal.hash)},"kind":${JSON.stringify(proposal.kind)},"file":${stringifyCosignFile(merged).trim()},${jsonText(rest).slice(1)}`
}

/** Progress as JSON: the weights, the keys that signed and those still needed, and whether it is complete. */
export function progressJson(progress: SigningProgress) {
  return {
    weight: progress.weight,
    needed: progress.needed,
    neededFor: progress.neededFor,
    deploymentThreshold: progress.deploymentThreshold,
    keyManagementThreshold: progress.keyManagementThreshold,
    signed: progress.signed,
    missing: progress.missing,
    neededSets: progress.neededSets,
    unassociated: progress.unassociated,
    invalid: progress.invalid.map((i) => ({
      signer: i.approval.signer,
      reason: i.reason,
      message: i.message,
    })),
    problems: progress.problems,
    complete: progress.complete,
    summary: progress.summary,
  }
}
