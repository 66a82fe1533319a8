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
  /** Motes charged (the failed deploy still pays). */
  cost: bigint
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
  readonly cost: bigint
  readonly blockHash: string

  constructor(parameters: ExecutionFailedErrorParameters) {
    super(`Execution failed: ${parameters.errorMessage}`, {
      code: 'ExecutionFailed',
      details: {
        hash: parameters.hash,
        blockHash: parameters.blockHash,
        cost: parameters.cost,
        explanation: parameters.explanation,
      },
      remedy: parameters.remedy,
    })
    this.hash = parameters.hash
    this.errorMessage = parameters.errorMessage
    this.kind = parameters.kind
    this.apiError = parameters.apiError
    this.explanation = parameters.explanation
    this.cost = parameters.cost
    this.blockHash = parameters.blockHash
  }
}
