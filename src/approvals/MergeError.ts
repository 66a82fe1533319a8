// Errors of mergeApprovals: copies that are not the same deploy, or whose hash does not match their content.
import { BaseError, type BaseErrorParameters } from '../errors/BaseError.js'

/**
 * Why deploy copies could not be merged:
 * - `NoDeploys`: nothing to merge;
 * - `DifferentDeploys`: the copies differ outside `approvals` (details name each differing field);
 * - `BodyHashMismatch` / `HashMismatch`: the copies agree, but their `header.body_hash` or `hash`
 *   is not what their content hashes to, so every approval on them is worthless.
 */
export type MergeErrorCode = 'NoDeploys' | 'DifferentDeploys' | 'BodyHashMismatch' | 'HashMismatch'

/**
 * Thrown by `mergeApprovals` when the copies cannot be merged; `code` says which rule.
 *
 * @example
 * ```ts
 * try {
 *   mergeApprovals(mine, theirs)
 * } catch (error) {
 *   if (error instanceof MergeError && error.code === 'DifferentDeploys') console.error(error.details.differences)
 * }
 * ```
 */
export class MergeError extends BaseError {
  override name = 'MergeError'
  declare readonly code: MergeErrorCode

  constructor(shortMessage: string, parameters: BaseErrorParameters & { code: MergeErrorCode }) {
    super(shortMessage, parameters)
  }
}
