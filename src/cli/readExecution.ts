// Whether the node has a deploy, and whether and how it executed: one look, no waiting.
import type { Account } from '../account/Account.js'
import { isObject } from '../encoding/isObject.js'
import { awaitResult } from '../rpc/awaitResult.js'
import type { Rpc } from '../rpc/createRpc.js'
import { ExecutionFailedError } from '../rpc/ExecutionFailedError.js'
import { JsonRpcError } from '../rpc/RpcError.js'

/** What the node knows about a deploy. */
export type Execution =
  | { state: 'unknown' }
  | { state: 'pending' }
  | { state: 'succeeded'; blockHash: string; blockHeight?: number | undefined; cost: bigint }
  | { state: 'failed'; blockHash: string; blockHeight?: number | undefined; error: ExecutionFailedError }

/**
 * `info_get_deploy` (or `info_get_transaction` for a TransactionV1) once: unknown (casper-node `rpcs/error_code.rs` NoSuchDeploy -32000, NoSuchTransaction
 * -32014), pending (known, no execution result yet: 1.5 empty `execution_results`, 2.0 null
 * `execution_info`), or executed, with the outcome read by `awaitResult` (failures explained against `account`).
 *
 * @throws the RPC errors of `info_get_deploy` other than NoSuchDeploy.
 * @example
 * ```ts
 * const execution = await readExecution(rpc, deploy.hash)
 * if (execution.state === 'succeeded') console.log(execution.blockHash)
 * ```
 */
export async function readExecution(
  rpc: Rpc,
  hash: string,
  options: {
    account?: Account | undefined
    payment?: bigint | undefined
    /** `'transaction'`: a TransactionV1 hash, asked with `info_get_transaction`. Default `'deploy'`. */
    kind?: 'deploy' | 'transaction' | undefined
  } = {},
): Promise<Execution> {
  const kind = options.kind ?? 'deploy'
  let result: unknown
  try {
    result =
      kind === 'deploy'
        ? await rpc.request('info_get_deploy', { deploy_hash: hash })
        : await rpc.request('info_get_transaction', { transaction_hash: { Version1: hash } })
  } catch (error) {
    if (error instanceof JsonRpcError && (error.rpcCode === -32000 || error.rpcCode === -32014)) {
      return { state: 'unknown' }
    }
    throw error
  }
  const raw = isObject(result) ? result : {}
  const results = raw.execution_results
  const info = isObject(raw.execution_info) ? raw.execution_info : undefined
  const executed =
    (Array.isArray(results) && results.length > 0) ||
    (info !== undefined && info.execution_result !== null && info.execution_result !== undefined)
  if (!executed) return { state: 'pending' }
  const blockHeight = typeof info?.block_height === 'number' ? info.block_height : undefined
  try {
    const outcome = await awaitResult(rpc, hash, {
      timeoutMs: rpc.timeoutMs,
      kind,
      ...(options.account ? { account: options.account } : {}),
      ...(options.payment === undefined ? {} : { payment: options.payment }),
    })
    return { state: 'succeeded', blockHash: outcome.blockHash, blockHeight, cost: outcome.cost }
  } catch (error) {
    if (error instanceof ExecutionFailedError) {
      return { state: 'failed', blockHash: error.blockHash, blockHeight, error }
    }
    throw error
  }
}

/** `executed in block <hash> (success, cost N motes)` / `(failure: …)` / `pending` / `not known to the node`. */
export function executionText(execution: Execution): string {
  switch (execution.state) {
    case 'unknown':
      return 'not known to the node'
    case 'pending':
      return 'pending: accepted by the node, not executed yet'
    case 'succeeded':
      return `executed in block ${execution.blockHash}${heightText(execution.blockHeight)} (success, cost ${execution.cost} motes)`
    case 'failed':
      return `executed in block ${execution.blockHash}${heightText(execution.blockHeight)} (failure: ${execution.error.errorMessage})`
  }
}

/** The execution for `--json`. */
export function executionJson(execution: Execution) {
  switch (execution.state) {
    case 'unknown':
    case 'pending':
      return { state: execution.state }
    case 'succeeded':
      return {
        state: execution.state,
        blockHash: execution.blockHash,
        blockHeight: execution.blockHeight,
        cost: String(execution.cost),
      }
    case 'failed':
      return {
        state: execution.state,
        blockHash: execution.blockHash,
        blockHeight: execution.blockHeight,
        error: execution.error.errorMessage,
        explanation: execution.error.explanation,
        cost: String(execution.error.cost),
      }
  }
}

function heightText(height: number | undefined): string {
  return height === undefined ? '' : ` at height ${height}`
}
