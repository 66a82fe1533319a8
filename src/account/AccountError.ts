// Errors about account data given to the library (not failures of casper-node's rules).
import { BaseError } from '../errors/BaseError.js'

/** Invalid account data: a malformed account hash, weight, threshold or named key. */
export class AccountError extends BaseError {
  override name = 'AccountError'
}
