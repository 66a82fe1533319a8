// Errors about deploys and transactions: malformed JSON, wrong hashes, refused parameters.
import { BaseError } from './BaseError.js'

/** A deploy or transaction that cannot be read, built or used; `code` says which rule. */
export class DeployError extends BaseError {
  override name = 'DeployError'
}
