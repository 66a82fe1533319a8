// Errors of the co-signer entry: a file that cannot be read as a deploy or transaction, or bytes that break the layout.
import { BaseError, type BaseErrorParameters } from './BaseError.js'

/**
 * Why a co-signer file or value was refused:
 * - `InvalidJson`: not JSON, a duplicate key, nesting deeper than the limit, or a number that is not exact
 *   (`details.path` names where, `details.reason` is the `StrictJsonError` code);
 * - `InvalidShape`: a field missing, unknown, or of the wrong kind (the field is named in `details.field`);
 * - `UnknownClType`: a `cl_type` that is not one of casper-types' 23 CLTypes, or nested too deep;
 * - `ClTypeTooLarge`: the CLTypes of one args list hold more than `maxClTypeNodes` nodes;
 * - `TooManyApprovals`: more distinct approvals than the network's `max_associated_keys` in a
 *   file read, merged or signed (casper-types `ExcessiveApprovals`: the node refuses such a file);
 * - `InvalidBytes`: bytes that do not follow the bytesrepr layout (a count or length beyond the bytes left);
 * - `UnsupportedTransaction`: a transaction variant this entry does not hash;
 * - `SigningFailed`: a signer or wallet refused or returned something unusable;
 * - `DifferentContent`: copies being merged are not the same deploy or transaction (`details.field`
 *   names the first field that differs), or there is nothing to merge;
 * - `HashMismatch`: the content does not hash to the `hash` (or `header.body_hash`) its approvals
 *   sign, so it is neither signed nor merged (`details.field` says which);
 * - `InvalidTtl`: a TTL given to renew a file is not a duration above zero;
 * - `TtlTooLong`: a TTL given to renew a file is above the network's `max_ttl`.
 */
export type CosignErrorCode =
  | 'InvalidJson'
  | 'InvalidShape'
  | 'UnknownClType'
  | 'ClTypeTooLarge'
  | 'TooManyApprovals'
  | 'InvalidBytes'
  | 'UnsupportedTransaction'
  | 'SigningFailed'
  | 'DifferentContent'
  | 'HashMismatch'
  | 'InvalidTtl'
  | 'TtlTooLong'

/**
 * Thrown by the `casper-multisig/cosign` entry; `code` says which rule.
 *
 * @example
 * ```ts
 * try {
 *   parseCosignFile(text)
 * } catch (error) {
 *   if (error instanceof CosignError && error.code === 'InvalidShape') console.error(error.details.field)
 * }
 * ```
 */
export class CosignError extends BaseError {
  override name = 'CosignError'
  declare readonly code: CosignErrorCode

  constructor(shortMessage: string, parameters: BaseErrorParameters & { code: CosignErrorCode }) {
    super(shortMessage, parameters)
  }
}
