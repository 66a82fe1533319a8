// Waits for a deploy's execution, redrawing elapsed time and block height on a terminal, silent when piped.
import type { Account } from '../account/Account.js'
import type { Rpc } from '../rpc/createRpc.js'
import { getProtocol } from '../rpc/getProtocol.js'
import { TimeoutError, UnreachableError } from '../rpc/RpcError.js'
import type { CliIo } from './CliIo.js'
import { type Execution, readExecution } from './readExecution.js'

/** Options of {@link waitExecution}. */
export type WaitExecutionOptions = {
  timeoutMs: number
  pollIntervalMs?: number | undefined
  account?: Account | undefined
  payment?: bigint | undefined
  /** `'transaction'` for a TransactionV1 hash. Default `'deploy'`. */
  kind?: 'deploy' | 'transaction' | undefined
}

/**
 * Polls {@link readExecution} until the deploy executed (success or failure). On a terminal
 * (`io.progress`) one line shows the elapsed seconds, whether the node knows the deploy yet, and the
 * node's latest block height; nothing is drawn when stderr is not a terminal. A node that cannot be
 * reached is polled through until the deadline.
 *
 * @throws {TimeoutError} code `Timeout` (scope `deadline`) when it has not executed within `timeoutMs`.
 */
export async function waitExecution(
  rpc: Rpc,
  hash: string,
  io: CliIo,
  options: WaitExecutionOptions,
): Promise<Extract<Execution, { state: 'succeeded' | 'failed' }>> {
  const started = Date.now()
  const pollIntervalMs = options.pollIntervalMs ?? 1000
  let lastError: UnreachableError | undefined
  try {
    for (;;) {
      let execution: Execution | undefined
      try {
        execution = await readExecution(rpc, hash, options)
        lastError = undefined
      } catch (error) {
        if (!(error instanceof UnreachableError)) throw error
        lastError = error
      }
      if (execution?.state === 'succeeded' || execution?.state === 'failed') return execution
      const elapsed = Date.now() - started
      if (elapsed >= options.timeoutMs) {
        throw new TimeoutError({
          url: rpc.url,
          method: options.kind === 'transaction' ? 'info_get_transaction' : 'info_get_deploy',
          timeoutMs: options.timeoutMs,
          waitingFor: `execution of ${hash}`,
          scope: 'deadline',
          cause: lastError,
        })
      }
      if (io.progress) {
        const height = await getProtocol(rpc).then(
          (status) => blockHeight(status.raw),
          () => undefined,
        )
        const seen = lastError
          ? 'node unreachable'
          : execution?.state === 'pending'
            ? 'pending'
            : 'not seen yet'
        io.progress(
          `Waiting for ${hash}: ${Math.round(elapsed / 1000)} s, ${seen}${height === undefined ? '' : `, block height ${height}`}`,
        )
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(pollIntervalMs, Math.max(1, options.timeoutMs - elapsed))),
      )
    }
  } finally {
    io.progress?.('')
  }
}

/** `last_added_block_info.height` of `info_get_status`, when the node reports it. */
function blockHeight(raw: Record<string, unknown>): number | undefined {
  const info = raw.last_added_block_info as { height?: unknown } | null | undefined
  return typeof info?.height === 'number' ? info.height : undefined
}
