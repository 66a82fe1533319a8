// Polls the node until a deploy or transaction has executed; resolves on success, rejects typed otherwise.
import type { Account, AccountHashHex } from '../account/Account.js'
import { type AccountIdentifier, accountHashFromPublicKey, accountHashOf } from '../account/accountHash.js'
import type { Rpc, RpcRequestErrorType } from './createRpc.js'
import { ExecutionFailedError } from './ExecutionFailedError.js'
import { explainExecutionError } from './explainExecutionError.js'
import {
  AbortedError,
  HttpError,
  JsonRpcError,
  type RpcError,
  TimeoutError,
  UnreachableError,
} from './RpcError.js'
import { type JsonObject, type ResponseShape, responseShape } from './responseShape.js'

/** Options of {@link awaitResult}. */
export type AwaitResultOptions = {
  /** Overall deadline: give up after this long with `TimeoutError` `scope: 'deadline'`. */
  timeoutMs: number
  /** Rejects with `AbortedError` when it fires. */
  signal?: AbortSignal | undefined
  /** Pause between polls; default 1000 ms. After a transient failure the pause doubles (capped), see {@link awaitResult}. */
  pollIntervalMs?: number | undefined
  /** `'deploy'` (default): `info_get_deploy`; `'transaction'`: `info_get_transaction` (2.0 TransactionV1). */
  kind?: 'deploy' | 'transaction' | undefined
  /** The account as it was before the deploy: failures are then explained in its keys and thresholds. */
  account?: Account | undefined
  /** Who signed; default: the signers of the approvals the node reports. */
  signers?: readonly AccountIdentifier[] | undefined
  /** Motes paid, for the out-of-gas explanation. */
  payment?: bigint | undefined
}

/**
 * What `submit` returns, which {@link awaitResult} takes in place of a hash: the kind (deploy or
 * TransactionV1) and the account checked before sending then come with it.
 */
export type AwaitResultSubmitted = {
  hash: string
  kind: 'deploy' | 'transaction'
  account?: Account | undefined
}

/** What {@link awaitResult} resolves to: the deploy executed and succeeded. */
export type AwaitResultReturnType = {
  ok: true
  hash: string
  /**
   * Motes taken from the payer: 2.x `Version2.cost - Version2.refund` (`cost` is the gross
   * limit x price, casper-types `ExecutionResultV2`); 1.5 (`ExecutionResultV1`) its `cost`, which
   * is what was charged.
   */
  charged: bigint
  /** Gas consumed (2.x `Version2.consumed`); absent on 1.5. */
  consumed?: bigint | undefined
  /** Gas limit (2.x `Version2.limit`); absent on 1.5. */
  limit?: bigint | undefined
  /** Motes given back out of the gross cost (2.x `Version2.refund`; 0 on failure); absent on 1.5. */
  refund?: bigint | undefined
  blockHash: string
  /** The whole last `info_get_deploy` / `info_get_transaction` result. */
  raw: JsonObject
}

/** Errors of {@link awaitResult}. */
export type AwaitResultErrorType = ExecutionFailedError | RpcRequestErrorType

/** Not found yet: the node has not seen it (gossip) — keep polling (`rpcs/error_code.rs`). */
const notYetKnown = new Set([-32000, -32014])

/** Longest pause after repeated transient failures (unless `pollIntervalMs` is longer). */
const maxBackoffMs = 10_000

/**
 * A failure worth polling through: the node restarting (connection refused or reset), a proxy's
 * 5xx or 429, one call that got no answer in its own time limit. Anything else is an answer.
 */
function isTransient(error: unknown): error is RpcError {
  if (error instanceof UnreachableError) return true
  if (error instanceof HttpError) return error.status >= 500 || error.status === 429
  return error instanceof TimeoutError && error.scope === 'call'
}

/**
 * Waits until the node reports the deploy (or transaction) executed. 1.5: `info_get_deploy`
 * `execution_results` (empty until executed; casper-node v1.5.8 `rpcs/info.rs`); 2.0:
 * `execution_info.execution_result` (`Version2`, or `Version1` for blocks before the upgrade;
 * casper-sidecar feat-2.0 `rpc_sidecar/src/rpcs/info.rs`). Unlike casper-js-sdk's `waitForDeploy`
 * (casper-js-sdk 5.0.12 `src/rpc/rpc_client.ts`) it never throws inside a timer: every timer is
 * cleared and every failure is a rejection of the returned promise.
 *
 * Transient failures do not end the wait: `UnreachableError`, `HttpError` 5xx and 429, and a
 * per-call `TimeoutError` (`scope: 'call'`) are polled through until the deadline, pausing
 * `pollIntervalMs`, then twice that after each further failure in a row (at most 10 s or
 * `pollIntervalMs`, whichever is longer). Each call gets `timeoutMs: min(rpc.timeoutMs, time left)`.
 *
 * @throws {ExecutionFailedError} code `ExecutionFailed`: executed and failed, with the decoded `apiError` and an explanation.
 * @throws {TimeoutError} code `Timeout`, `scope: 'deadline'`, after `timeoutMs`; `cause` is the last poll's transport error when that poll failed.
 * @throws {AbortedError} code `Aborted` when `signal` fires.
 * @throws {JsonRpcError} and `MalformedResponseError`, `HttpError` 4xx (not 429) at once: NoSuchDeploy / NoSuchTransaction only keep it polling.
 * @example
 * ```ts
 * const sent = await submit(rpc, deployOrTransaction) // a deploy or a TransactionV1
 * const { charged, consumed, blockHash } = await awaitResult(rpc, sent, { timeoutMs: 180_000 })
 * ```
 */
export async function awaitResult(
  rpc: Rpc,
  submitted: string | AwaitResultSubmitted,
  options: AwaitResultOptions,
): Promise<AwaitResultReturnType> {
  const hash = typeof submitted === 'string' ? submitted : submitted.hash
  const kind = options.kind ?? (typeof submitted === 'string' ? 'deploy' : submitted.kind)
  if (options.account === undefined && typeof submitted !== 'string' && submitted.account !== undefined) {
    options = { ...options, account: submitted.account }
  }
  const method = kind === 'deploy' ? 'info_get_deploy' : 'info_get_transaction'
  const { signal, timeoutMs } = options
  const pollIntervalMs = options.pollIntervalMs ?? 1000
  if (signal?.aborted) throw new AbortedError({ url: rpc.url, method, reason: signal.reason })

  const controller = new AbortController()
  const deadlineAt = Date.now() + timeoutMs
  let timedOut = false
  const expire = () => {
    timedOut = true
    controller.abort()
  }
  const timer = setTimeout(expire, timeoutMs)
  const onAbort = () => controller.abort()
  signal?.addEventListener('abort', onAbort, { once: true })
  // The transport error of the last poll; cleared whenever the node answers.
  let lastError: RpcError | undefined
  const stopped = () =>
    timedOut
      ? new TimeoutError({
          url: rpc.url,
          method,
          timeoutMs,
          waitingFor: `execution of ${hash}`,
          scope: 'deadline',
          cause: lastError,
        })
      : new AbortedError({ url: rpc.url, method, reason: signal?.reason })

  try {
    for (let failures = 0; ; ) {
      const remaining = deadlineAt - Date.now()
      if (remaining <= 0) expire()
      if (controller.signal.aborted) throw stopped()
      // A hand-made Rpc may lack timeoutMs: the time left is the limit then.
      const perCall = Number.isFinite(rpc.timeoutMs) ? Math.min(rpc.timeoutMs, remaining) : remaining
      const callOptions = { signal: controller.signal, timeoutMs: perCall }
      let result: unknown
      try {
        result =
          kind === 'deploy'
            ? await rpc.request(method, { deploy_hash: hash }, callOptions)
            : await rpc.request('info_get_transaction', { transaction_hash: { Version1: hash } }, callOptions)
        lastError = undefined
        failures = 0
      } catch (error) {
        if (controller.signal.aborted) throw stopped()
        if (isTransient(error)) {
          // A poll cut short by the overall deadline failed because of the deadline, not the
          // transport: the deadline's error does not blame it.
          if (!(error instanceof TimeoutError && Date.now() >= deadlineAt)) {
            lastError = error
            failures++
          }
        } else if (error instanceof JsonRpcError && notYetKnown.has(error.rpcCode)) {
          lastError = undefined
          failures = 0
        } else {
          throw error
        }
      }
      if (result !== undefined) {
        const read = responseShape({ url: rpc.url, method })
        assertSameHash(read, result, hash)
        const outcome = readOutcome(read, result, kind)
        if (outcome) return settle(outcome, hash, options)
      }
      const pause =
        failures <= 1
          ? pollIntervalMs
          : Math.min(pollIntervalMs * 2 ** (failures - 1), Math.max(pollIntervalMs, maxBackoffMs))
      await sleep(pause, controller.signal).catch(() => {
        throw stopped()
      })
    }
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

/**
 * The node must answer about the deploy asked for: `result.deploy.hash` (info_get_deploy) or
 * `result.transaction.{Version1|Deploy}.hash` (info_get_transaction) equals the requested hash. A
 * node that returns another deploy's (successful) result is refused, not believed.
 */
function assertSameHash(read: ResponseShape, result: unknown, hash: string): void {
  const raw = read.object(result, 'result')
  const [path, item] =
    'transaction' in raw
      ? (() => {
          const [variant, inner] = read.variant(raw.transaction, 'result.transaction', ['Version1', 'Deploy'])
          return [`result.transaction.${variant}`, inner] as const
        })()
      : (['result.deploy', raw.deploy] as const)
  const reported = read.hash(read.object(item, path).hash, `${path}.hash`)
  if (reported.toLowerCase() !== hash.toLowerCase())
    read.fail(`${path}.hash`, `${hash} (the hash asked for)`, reported)
}

/** The amounts of an execution result, as {@link AwaitResultReturnType} names them. */
type Charges = {
  charged: bigint
  consumed?: bigint | undefined
  limit?: bigint | undefined
  refund?: bigint | undefined
}

type Outcome = Charges & {
  blockHash: string
  errorMessage?: string | undefined
  signers?: AccountHashHex[] | undefined
  raw: JsonObject
}

/** The execution outcome, or undefined while it is still pending. */
function readOutcome(
  read: ResponseShape,
  result: unknown,
  kind: 'deploy' | 'transaction',
): Outcome | undefined {
  const raw = read.object(result, 'result')
  if ('execution_info' in raw) {
    // 2.0 `ExecutionInfo { block_hash, block_height, execution_result: Option<ExecutionResult> }`.
    if (raw.execution_info === null || raw.execution_info === undefined) return undefined
    const info = read.object(raw.execution_info, 'result.execution_info')
    const blockHash = read.hash(info.block_hash, 'result.execution_info.block_hash')
    if (info.execution_result === null || info.execution_result === undefined) return undefined
    const path = 'result.execution_info.execution_result'
    const [version, inner] = read.variant(info.execution_result, path, ['Version1', 'Version2'])
    if (version === 'Version1') return { blockHash, raw, ...readV1(read, inner, `${path}.Version1`) }
    const v2 = read.object(inner, `${path}.Version2`)
    const message = v2.error_message
    const cost = read.decimal(v2.cost, `${path}.Version2.cost`)
    // Released 2.0 results always carry `refund`; release candidates did not (their cost was net).
    const refund = v2.refund === undefined ? 0n : read.decimal(v2.refund, `${path}.Version2.refund`)
    if (refund > cost) read.fail(`${path}.Version2.refund`, `at most the cost ${cost}`, v2.refund)
    return {
      blockHash,
      raw,
      charged: cost - refund,
      consumed: read.decimal(v2.consumed, `${path}.Version2.consumed`),
      limit: read.decimal(v2.limit, `${path}.Version2.limit`),
      refund,
      errorMessage:
        message === null || message === undefined
          ? undefined
          : read.string(message, `${path}.Version2.error_message`),
    }
  }
  if (kind === 'deploy' && 'execution_results' in raw) {
    // 1.5 `execution_results: Vec<JsonExecutionResult { block_hash, result }>`.
    const results = read.array(raw.execution_results, 'result.execution_results')
    if (results.length === 0) return undefined
    const first = read.object(results[0], 'result.execution_results[0]')
    return {
      blockHash: read.hash(first.block_hash, 'result.execution_results[0].block_hash'),
      raw,
      ...readV1(read, first.result, 'result.execution_results[0].result'),
    }
  }
  return read.fail(
    kind === 'deploy' ? 'result.execution_results' : 'result.execution_info',
    kind === 'deploy' ? 'execution_results (1.5) or execution_info (2.0)' : 'execution_info',
    raw,
  )
}

/** casper-types `ExecutionResultV1`: `{ Success: { cost } }` or `{ Failure: { cost, error_message } }`. */
function readV1(read: ResponseShape, value: unknown, path: string) {
  const [variant, inner] = read.variant(value, path, ['Success', 'Failure'])
  const body = read.object(inner, `${path}.${variant}`)
  return {
    // 1.5: `cost` is what the payer was charged; no limit or refund is reported.
    charged: read.decimal(body.cost, `${path}.${variant}.cost`),
    errorMessage:
      variant === 'Failure' ? read.string(body.error_message, `${path}.Failure.error_message`) : undefined,
  }
}

function settle(outcome: Outcome, hash: string, options: AwaitResultOptions): AwaitResultReturnType {
  if (outcome.errorMessage === undefined) {
    return {
      ok: true,
      hash,
      ...charges(outcome),
      blockHash: outcome.blockHash,
      raw: outcome.raw,
    }
  }
  const signers = options.signers?.map(accountHashOf) ?? reportedSigners(outcome.raw)
  const explained = explainExecutionError(outcome.errorMessage, {
    account: options.account,
    signers,
    payment: options.payment,
  })
  throw new ExecutionFailedError({
    hash,
    errorMessage: outcome.errorMessage,
    ...explained,
    ...charges(outcome),
    blockHash: outcome.blockHash,
  })
}

function charges(outcome: Charges): Charges {
  return {
    charged: outcome.charged,
    ...(outcome.consumed !== undefined ? { consumed: outcome.consumed } : {}),
    ...(outcome.limit !== undefined ? { limit: outcome.limit } : {}),
    ...(outcome.refund !== undefined ? { refund: outcome.refund } : {}),
  }
}

/** Signers of the approvals in the response (deploy, or transaction `Version1`), when well formed. */
function reportedSigners(raw: JsonObject): AccountHashHex[] | undefined {
  const item = (raw.deploy ?? (raw.transaction as JsonObject | undefined)?.Version1) as JsonObject | undefined
  const approvals = item?.approvals
  if (!Array.isArray(approvals)) return undefined
  try {
    return approvals.map((a) => accountHashFromPublicKey(String((a as JsonObject).signer)))
  } catch {
    return undefined
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'))
    const onAbort = () => {
      clearTimeout(timer)
      reject(new Error('aborted'))
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
