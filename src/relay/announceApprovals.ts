// The events a write of approvals raises: created, each approval added, the threshold first reached; and --auto-submit.
import type { Approval } from '../cosign/CosignFile.js'
import { proposalProgress } from './proposalProgress.js'
import type { RelayContext } from './RelayContext.js'
import { submitProposal } from './submitProposal.js'

/**
 * Raises, once the write is durable: `proposal.created` for a new proposal, `approval.added` per
 * new signer, and `threshold.reached` when these approvals took the weight from below the needed
 * threshold to it (known only with a node). With `--auto-submit`, a proposal whose approvals are
 * now complete is submitted in the background (a refusal is logged).
 *
 * @example
 * ```ts
 * await announceApprovals(context, hash, { created: true, added })
 * ```
 */
export async function announceApprovals(
  context: RelayContext,
  hash: string,
  change: { created: boolean; added: readonly Approval[] },
  options: { pollIntervalMs: number },
): Promise<void> {
  const found = await context.store.getProposal(hash)
  if (!found) return
  const { account } = found.proposal
  const count = found.approvals.length
  if (change.created) {
    await context.emit({
      type: 'proposal.created',
      hash,
      account,
      data: {
        kind: found.proposal.kind,
        chainName: found.proposal.chainName,
        expiresAt: new Date(found.proposal.expiresAt).toISOString(),
        approvals: count,
      },
    })
  }
  for (const approval of change.added) {
    await context.emit({
      type: 'approval.added',
      hash,
      account,
      data: { signer: approval.signer, approvals: count },
    })
  }
  if (change.added.length === 0 || !context.node) return
  const after = await proposalProgress(context, found)
  if (!after) return
  const added = new Set(change.added.map((a) => a.signer))
  const before = await proposalProgress(
    context,
    { ...found, approvals: found.approvals.filter((a) => !added.has(a.signer)) },
    undefined,
  )
  if (after.weight >= after.needed && (!before || before.weight < before.needed)) {
    await context.emit({
      type: 'threshold.reached',
      hash,
      account,
      data: { weight: after.weight, needed: after.needed, neededFor: after.neededFor },
    })
  }
  if (context.autoSubmit && after.complete && found.proposal.state === 'pending') {
    const task = submitProposal(context, hash, options).then(
      () => undefined,
      (error: unknown) =>
        context.log(
          `relay: auto-submit of ${hash} refused: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        ),
    )
    context.background.tasks.add(task)
    void task.finally(() => context.background.tasks.delete(task))
  }
}
