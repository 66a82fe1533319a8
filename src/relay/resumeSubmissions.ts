// A relay started again follows what it had sent: every proposal left 'submitted' (the relay stopped or
// was killed while following it) is followed to its result, as right after its submission.
import { followSubmission } from './followSubmission.js'
import type { RelayContext } from './RelayContext.js'

/**
 * Follows every proposal the store holds in state `submitted` to its result in the background
 * ({@link followSubmission}: `executed` or `failed` recorded, `proposal.executed` raised). Needs the
 * relay's node; without one nothing is done. The relay's close() aborts it and waits for it; a store
 * or node that fails is logged.
 *
 * @example
 * ```ts
 * resumeSubmissions(context, { pollIntervalMs: 1_000 })
 * ```
 */
export function resumeSubmissions(context: RelayContext, options: { pollIntervalMs: number }): void {
  const node = context.node
  if (!node) return
  const task = (async () => {
    for (const proposal of await context.store.proposalsInState('submitted')) {
      if (context.background.abort.signal.aborted) return
      // The account explains a failure; the result is recorded without it when the node cannot say.
      const account = await node.account(proposal.account).catch(() => undefined)
      followSubmission(
        context,
        { hash: proposal.hash, kind: proposal.kind, account },
        proposal.account,
        options,
      )
    }
  })().catch((error: unknown) =>
    context.log(
      `relay: resuming the submitted proposals failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    ),
  )
  context.background.tasks.add(task)
  void task.finally(() => context.background.tasks.delete(task))
}
