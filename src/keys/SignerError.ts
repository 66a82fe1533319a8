// Errors of signers: a hash that is not 32 bytes, or a signature that is malformed or does not verify.
import { BaseError } from '../errors/BaseError.js'

/**
 * Codes of {@link SignerError}:
 * - `InvalidHash`: asked to sign something other than a 32-byte hash;
 * - `InvalidSignatureLength`: a signature that is neither 64 bytes nor tagged 65 bytes;
 * - `TagMismatch`: a tagged signature whose tag is not the signer's algorithm;
 * - `InvalidSignature`: a signature that does not verify for the signer's key and the hash;
 * - `InvalidSignatureEncoding`: a wallet's answer that is text but not hex (e.g. base64);
 * - `WalletFailed`: a wallet's `sign` threw or rejected, whatever with (its message made safe in
 *   `details.message`, the value itself as `cause`).
 */
export type SignerErrorCode =
  | 'InvalidHash'
  | 'InvalidSignatureLength'
  | 'InvalidSignatureEncoding'
  | 'TagMismatch'
  | 'InvalidSignature'
  | 'WalletFailed'

/** A signer was misused or produced an unusable signature; `code` says which. */
export class SignerError extends BaseError {
  override name = 'SignerError'
  declare readonly code: SignerErrorCode
}
