// Waits for a deploy's execution, redrawing elapsed time and block height on a terminal, silent when piped.
import type { Account } from '../account/Account.js'
import type { Rpc } from '../rpc/createRpc.js'
import { getProtocol } from '../rpc/getProtocol.js'
import { JsonRpcError, TimeoutError, UnreachableError } from '../rpc/RpcError.js'
import type { CliIo } from './CliIo.js'
import { type Execution, readExecution } from './readExecution.js'

/** Options of {@link waitExecution}. */
export type WaitExecutionOptions = {
  timeoutMs: number
  pollIntervalMs?: number | undefined
  account?: Account | undefined
  payment?: bigint | undefined
  /**
   * `'deploy'` or `'transaction'` (a TransactionV1) when the caller knows which; without it the node
   * is asked both ways until it knows the hash as one of them.
   */
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
  let kind = options.kind
  try {
    for (;;) {
      let execution: Execution | undefined
      try {
        const read = await readEitherKind(rpc, hash, { ...options, kind })
        execution = read.execution
        kind = read.kind
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
          method:
            kind === 'transaction'
              ? 'info_get_transaction'
              : kind === 'deploy'
                ? 'info_get_deploy'
                : 'info_get_deploy and info_get_transaction',
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

/**
 * {@link readExecution} of the kind given; without one, as a deploy and, when the node does not know
 * it as one, as a TransactionV1 (`info_get_transaction` with `{ Version1: hash }`; a 1.5 node without
 * that method answers MethodNotFound, -32601). The kind is returned once the node knows the hash.
 */
async function readEitherKind(
  rpc: Rpc,
  hash: string,
  options: WaitExecutionOptions,
): Promise<{ execution: Execution; kind: 'deploy' | 'transaction' | undefined }> {
  if (options.kind) return { execution: await readExecution(rpc, hash, options), kind: options.kind }
  const asDeploy = await readExecution(rpc, hash, { ...options, kind: 'deploy' })
  if (asDeploy.state !== 'unknown') return { execution: asDeploy, kind: 'deploy' }
  try {
    const asTransaction = await readExecution(rpc, hash, { ...options, kind: 'transaction' })
    return asTransaction.state === 'unknown'
      ? { execution: asTransaction, kind: undefined }
      : { execution: asTransaction, kind: 'transaction' }
  } catch (error) {
    if (error instanceof JsonRpcError && error.rpcCode === -32601)
      return { execution: asDeploy, kind: undefined }
    throw error
  }
}

/** `last_added_block_info.height` of `info_get_status`, when the node reports it. */
function blockHeight(raw: Record<string, unknown>): number | undefined {
  const info = raw.last_added_block_info as { height?: unknown } | null | undefined
  return typeof info?.height === 'number' ? info.height : undefined
}
