// Whether the node has a deploy, and whether and how it executed: one look, no waiting.
import type { Account } from '../account/Account.js'
import { isObject } from '../encoding/isObject.js'
import { awaitResult } from '../rpc/awaitResult.js'
import type { Rpc } from '../rpc/createRpc.js'
import { ExecutionFailedError } from '../rpc/ExecutionFailedError.js'
import { JsonRpcError } from '../rpc/RpcError.js'

/**
 * What an execution took, as `awaitResult` reads it: `charged` is what left the payer's purse (2.x
 * `cost - refund`, 1.5 `cost`); gas consumed, gas limit and refund are reported by 2.x only.
 */
export type ExecutionCharges = {
  charged: bigint
  consumed?: bigint | undefined
  limit?: bigint | undefined
  refund?: bigint | undefined
}

/** What the node knows about a deploy. */
export type Execution =
  | { state: 'unknown' }
  | { state: 'pending' }
  | ({ state: 'succeeded'; blockHash: string; blockHeight?: number | undefined } & ExecutionCharges)
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
    return { state: 'succeeded', blockHash: outcome.blockHash, blockHeight, ...chargesOf(outcome) }
  } catch (error) {
    if (error instanceof ExecutionFailedError) {
      return { state: 'failed', blockHash: error.blockHash, blockHeight, error }
    }
    throw error
  }
}

/**
 * `executed in block <hash> at height <n> (success; Charged N motes, Gas consumed G, Gas limit L,
 * Refunded R motes)` / `(failure: …; Charged …)` / `pending` / `not known to the node`.
 */
export function executionText(execution: Execution): string {
  switch (execution.state) {
    case 'unknown':
      return 'not known to the node'
    case 'pending':
      return 'pending: accepted by the node, not executed yet'
    case 'succeeded':
      return `executed in block ${execution.blockHash}${heightText(execution.blockHeight)} (success; ${chargesText(execution)})`
    case 'failed':
      return `executed in block ${execution.blockHash}${heightText(execution.blockHeight)} (failure: ${execution.error.errorMessage}; ${chargesText(execution.error)})`
  }
}

/**
 * `Charged N motes, Gas consumed G, Gas limit L, Refunded R motes`; a 1.5 result reports only what
 * was charged.
 *
 * @example
 * ```ts
 * chargesText({ charged: 1_375_000_000n, consumed: 1_000_000_000n, limit: 2_500_000_000n, refund: 1_125_000_000n })
 * // 'Charged 1375000000 motes, Gas consumed 1000000000, Gas limit 2500000000, Refunded 1125000000 motes'
 * ```
 */
export function chargesText(charges: ExecutionCharges): string {
  return [
    `Charged ${charges.charged} motes`,
    ...(charges.consumed === undefined ? [] : [`Gas consumed ${charges.consumed}`]),
    ...(charges.limit === undefined ? [] : [`Gas limit ${charges.limit}`]),
    ...(charges.refund === undefined ? [] : [`Refunded ${charges.refund} motes`]),
  ].join(', ')
}

/** The execution for `--json`: amounts as decimal strings, `consumed`, `limit`, `refund` on 2.x only. */
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
        ...chargesJson(execution),
      }
    case 'failed':
      return {
        state: execution.state,
        blockHash: execution.blockHash,
        blockHeight: execution.blockHeight,
        error: execution.error.errorMessage,
        explanation: execution.error.explanation,
        ...chargesJson(execution.error),
      }
  }
}

function chargesOf(charges: ExecutionCharges): ExecutionCharges {
  return {
    charged: charges.charged,
    ...(charges.consumed === undefined ? {} : { consumed: charges.consumed }),
    ...(charges.limit === undefined ? {} : { limit: charges.limit }),
    ...(charges.refund === undefined ? {} : { refund: charges.refund }),
  }
}

function chargesJson(charges: ExecutionCharges) {
  return {
    charged: String(charges.charged),
    ...(charges.consumed === undefined ? {} : { consumed: String(charges.consumed) }),
    ...(charges.limit === undefined ? {} : { limit: String(charges.limit) }),
    ...(charges.refund === undefined ? {} : { refund: String(charges.refund) }),
  }
}

function heightText(height: number | undefined): string {
  return height === undefined ? '' : ` at height ${height}`
}
