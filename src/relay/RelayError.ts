// Errors of the relay and its clients: a proposal the relay refuses, a store it cannot open, a relay that lies.
import { BaseError, type BaseErrorParameters } from '../errors/BaseError.js'
import type { RejectionCode } from '../keys/verifyApproval.js'

/**
 * Why the relay (or a client talking to one) refused:
 * - `StoreUnavailable`: the database package is not installed or the database cannot be opened;
 * - `StoreSchemaNewer`: the database was migrated by a newer relay than this one;
 * - `ProposalNotFound`: no proposal has this hash;
 * - `NoValidApproval`: a new proposal carries no valid approval by a key of its account (spam rule);
 * - `BodyTooLarge`: the request body is over the relay's limit;
 * - `RateLimited`: too many requests, or request bodies held at once, from one address;
 * - `Unauthorized`: the operator token is missing or wrong;
 * - `NotReady`: the proposal cannot be submitted yet (weight below the threshold, or the verdict refuses it);
 * - `NoNode`: the relay was started without `--node`, so it cannot do this;
 * - `RelayUnreachable`: a client could not reach the relay or got something that is not the relay's answer;
 * - `RelayLied`: a relay answered with a file whose hash, content or approvals do not verify;
 * - `InvalidWebhook`: a webhook URL is not an http or https URL the relay may call (credentials in it, too long,
 *   a loopback or private address while the relay does not listen on loopback);
 * - `RelayRefused`: a relay refused with a code of its own (`details.relayCode`: a `CosignError` code
 *   such as `HashMismatch`, or one a client does not know), or a client refused to send it something
 *   (not a hash, a copy of another file);
 * - `InvalidRequest`: a request the relay cannot read (not JSON, not UTF-8, a malformed hash, account or URL);
 * - `NotFound`: no such route, or no such webhook;
 * - `MethodNotAllowed`: the route exists but not with this method (CORS preflights included);
 * - `PageNotBuilt`: the co-signer page was not built, so `/p/<hash>` cannot serve it;
 * - `NotRenewable`: the proposal is not expired nor expiring within 30 minutes, or was already sent;
 * - `CannotListen`: the relay cannot listen on its host and port (in use, not allowed);
 * - `MalformedSigner`, `MalformedSignature`, `TagMismatch`, `HighS`, `InvalidSignature`: an approval
 *   that does not verify, refused with its rejection's code (see `verifyApproval`).
 */
export type RelayErrorCode =
  | 'StoreUnavailable'
  | 'StoreSchemaNewer'
  | 'ProposalNotFound'
  | 'NoValidApproval'
  | 'BodyTooLarge'
  | 'RateLimited'
  | 'Unauthorized'
  | 'NotReady'
  | 'NoNode'
  | 'RelayUnreachable'
  | 'RelayLied'
  | 'InvalidWebhook'
  | 'RelayRefused'
  | 'InvalidRequest'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'PageNotBuilt'
  | 'CannotListen'
  | 'NotRenewable'
  | RejectionCode

/**
 * Thrown by the relay and its clients; `code` says which rule.
 *
 * @example
 * ```ts
 * try {
 *   await store.getProposal(hash)
 * } catch (error) {
 *   if (error instanceof RelayError && error.code === 'StoreUnavailable') console.error(error.remedy)
 * }
 * ```
 */
export class RelayError extends BaseError {
  override name = 'RelayError'
  declare readonly code: RelayErrorCode

  constructor(shortMessage: string, parameters: BaseErrorParameters & { code: RelayErrorCode }) {
    super(shortMessage, parameters)
  }
}
