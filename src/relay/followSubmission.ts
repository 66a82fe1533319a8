// Follows a submitted proposal to its result and records it: after a submission, and for every
// proposal left 'submitted' when a relay starts again.
import { type AwaitResultSubmitted, awaitResult } from '../rpc/awaitResult.js'
import { ExecutionFailedError } from '../rpc/ExecutionFailedError.js'
import type { RelayContext } from './RelayContext.js'
import type { ProposalState } from './RelayStore.js'

/** How long the relay follows a submission before leaving it `submitted`. */
export const followTimeoutMs = 10 * 60 * 1000

/**
 * Follows a sent proposal to its result in the background (`awaitResult`, at most
 * {@link followTimeoutMs}), then records `executed` or `failed` with the execution (what was charged)
 * and raises `proposal.executed`. The relay's close() aborts it and waits for it.
 *
 * @example
 * ```ts
 * followSubmission(context, { hash, kind: 'deploy', account: undefined }, accountHash, { pollIntervalMs: 1_000 })
 * ```
 */
export function followSubmission(
  context: RelayContext,
  sent: AwaitResultSubmitted,
  account: string,
  options: { pollIntervalMs: number },
): void {
  const node = context.node!
  const task = (async () => {
    let state: ProposalState
    let execution: Record<string, unknown>
    try {
      const result = await awaitResult(node.rpc, sent, {
        timeoutMs: followTimeoutMs,
        pollIntervalMs: options.pollIntervalMs,
        signal: context.background.abort.signal,
        account: sent.account,
      })
      state = 'executed'
      execution = {
        ok: true,
        charged: result.charged.toString(),
        consumed: result.consumed?.toString() ?? null,
        limit: result.limit?.toString() ?? null,
        refund: result.refund?.toString() ?? null,
        blockHash: result.blockHash,
      }
    } catch (error) {
      if (!(error instanceof ExecutionFailedError)) {
        context.log(
          `relay: stopped following ${sent.hash}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        )
        return
      }
      state = 'failed'
      execution = {
        ok: false,
        errorMessage: error.errorMessage,
        explanation: error.explanation,
        charged: error.charged.toString(),
        consumed: error.consumed?.toString() ?? null,
        limit: error.limit?.toString() ?? null,
        refund: error.refund?.toString() ?? null,
        blockHash: error.blockHash,
      }
    }
    await context.store.setState(sent.hash, state, JSON.stringify(execution))
    await context.emit({ type: 'proposal.executed', hash: sent.hash, account, data: execution })
  })().catch((error: unknown) =>
    context.log(
      `relay: recording the result of ${sent.hash} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    ),
  )
  context.background.tasks.add(task)
  void task.finally(() => context.background.tasks.delete(task))
}
