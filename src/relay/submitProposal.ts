// Sends a proposal whose approvals reach the threshold, then follows it to its result and records what was charged.
import { fileToJson } from '../cosign/fileJson.js'
import { submit } from '../rpc/submit.js'
import { describeProposal } from './describeProposal.js'
import { followSubmission } from './followSubmission.js'
import type { RelayContext } from './RelayContext.js'
import { RelayError } from './RelayError.js'
import type { ProposalState } from './RelayStore.js'
import { notFound } from './storeRows.js'

/**
 * Submits the merged proposal to the relay's node once its approvals reach the account's threshold
 * and the verdict allows it: `submit` with its preflight (the account read now, the session
 * emulated), then records `submitted` and follows the execution in the background
 * (`awaitResult`), recording `executed` or `failed` with the execution (what was charged) and
 * raising `proposal.executed`. A proposal already sent is not sent again.
 *
 * @throws {RelayError} `NoNode` without `--node`; `ProposalNotFound`; `NotReady` when the weight is
 *   below the threshold or the verdict is DO NOT SIGN; `PreflightError` (code `NotReady`) and the
 *   node's errors from `submit`.
 * @example
 * ```ts
 * const { state, sent } = await submitProposal(context, hash, { pollIntervalMs: 1_000 })
 * ```
 */
export async function submitProposal(
  context: RelayContext,
  hash: string,
  options: { pollIntervalMs: number },
): Promise<{ hash: string; state: ProposalState; sent: boolean }> {
  const node = context.node
  if (!node) {
    throw new RelayError('This relay has no node to submit to', {
      code: 'NoNode',
      details: { hash },
      remedy:
        'Fetch the file (GET /proposals/<hash>/file) and send it yourself (casper-multisig send FILE --node URL), or start the relay with --node.',
    })
  }
  const found = await context.store.getProposal(hash)
  if (!found) throw notFound(hash)
  if (found.proposal.state !== 'pending' || context.submitting.has(hash)) {
    return { hash, state: context.submitting.has(hash) ? 'submitted' : found.proposal.state, sent: false }
  }
  context.submitting.add(hash)
  try {
    const { merged, chainspec, account, description, progress } = await describeProposal(context, found)
    if (!progress?.complete || !description.safeToSign) {
      throw new RelayError('The proposal cannot be submitted yet', {
        code: 'NotReady',
        details: {
          hash,
          progress: progress?.summary ?? 'the node has no such account',
          ...(description.safeToSign ? {} : { doNotSign: description.doNotSign.join('; ') }),
        },
        remedy: description.safeToSign
          ? 'Collect the missing approvals first (GET /proposals/<hash> lists who must still sign).'
          : 'The verdict is DO NOT SIGN: this proposal must not be sent.',
      })
    }
    const sent = await submit(node.rpc, fileToJson(merged), { chainspec, now: context.now() })
    await context.store.setState(hash, 'submitted')
    followSubmission(
      context,
      { hash: sent.hash, kind: sent.kind, account: sent.account ?? account },
      found.proposal.account,
      options,
    )
    return { hash, state: 'submitted', sent: true }
  } finally {
    context.submitting.delete(hash)
  }
}
