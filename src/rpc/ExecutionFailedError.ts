// The error awaitResult throws when the node executed a deploy or transaction and it failed.
import type { ApiError } from '../emulator/apiError.js'
import { BaseError } from '../errors/BaseError.js'
import type { ExecutionErrorKind } from './explainExecutionError.js'

/** Parameters of {@link ExecutionFailedError}. */
export type ExecutionFailedErrorParameters = {
  /** The deploy or transaction hash. */
  hash: string
  /** The node's `error_message`, verbatim. */
  errorMessage: string
  kind: ExecutionErrorKind
  apiError?: ApiError | undefined
  explanation: string
  remedy: string
  /**
   * Motes taken from the payer: on 2.x the whole max(limit x price, baseline), nothing refunded
   * (casper-node `contract_runtime/operations.rs`, "no refund for penalty"); on 1.5 the `cost`.
   */
  charged: bigint
  /** Gas consumed (2.x); absent on 1.5. */
  consumed?: bigint | undefined
  /** Gas limit (2.x); absent on 1.5. */
  limit?: bigint | undefined
  /** Motes refunded (2.x: 0 for a failure); absent on 1.5. */
  refund?: bigint | undefined
  blockHash: string
}

/**
 * Executed and failed (code `ExecutionFailed`): the node's `error_message` decoded (`apiError` for
 * `ApiError::ThresholdViolation [25]` and the like) and explained in the account's terms when
 * `awaitResult` was given the account.
 *
 * @example
 * ```ts
 * try {
 *   await awaitResult(rpc, hash, { timeoutMs: 120_000, account })
 * } catch (error) {
 *   if (error instanceof ExecutionFailedError) console.error(error.apiError?.name, error.explanation)
 * }
 * ```
 */
export class ExecutionFailedError extends BaseError {
  override name = 'ExecutionFailedError'
  readonly hash: string
  readonly errorMessage: string
  readonly kind: ExecutionErrorKind
  readonly apiError: ApiError | undefined
  readonly explanation: string
  readonly charged: bigint
  readonly consumed: bigint | undefined
  readonly limit: bigint | undefined
  readonly refund: bigint | undefined
  readonly blockHash: string

  constructor(parameters: ExecutionFailedErrorParameters) {
    super(`Execution failed: ${parameters.errorMessage}`, {
      code: 'ExecutionFailed',
      details: {
        hash: parameters.hash,
        blockHash: parameters.blockHash,
        charged: parameters.charged,
        ...(parameters.consumed === undefined ? {} : { consumed: parameters.consumed }),
        ...(parameters.limit === undefined ? {} : { limit: parameters.limit }),
        ...(parameters.refund === undefined ? {} : { refund: parameters.refund }),
        explanation: parameters.explanation,
      },
      remedy: parameters.remedy,
    })
    this.hash = parameters.hash
    this.errorMessage = parameters.errorMessage
    this.kind = parameters.kind
    this.apiError = parameters.apiError
    this.explanation = parameters.explanation
    this.charged = parameters.charged
    this.consumed = parameters.consumed
    this.limit = parameters.limit
    this.refund = parameters.refund
    this.blockHash = parameters.blockHash
  }
}
