// Errors about secret and public keys: unreadable PEM or DER, unsupported algorithms, bad key bytes.
import { BaseError } from '../errors/BaseError.js'

/**
 * Codes of {@link KeyError}:
 * - `InvalidPem`: no PEM block with a key label, or its base64 is broken;
 * - `InvalidDer`: the DER inside is not the ASN.1 structure its label promises;
 * - `EncryptedKey`: a password-protected PKCS#8 key (decrypt it first);
 * - `UnsupportedKey`: an algorithm or curve other than ed25519 / secp256k1 (e.g. P-256, RSA);
 * - `InvalidSecretKey`: secret key bytes of the wrong length or out of range;
 * - `InvalidPublicKey`: public key bytes that are not a point of the curve;
 * - `PublicKeyMismatch`: the public key stored beside a secret key is not the one it derives;
 * - `MissingAlgorithm`: raw hex given without saying which algorithm it is for;
 * - `AlgorithmMismatch`: the key is of another algorithm than the one asked for.
 */
export type KeyErrorCode =
  | 'InvalidPem'
  | 'InvalidDer'
  | 'EncryptedKey'
  | 'UnsupportedKey'
  | 'InvalidSecretKey'
  | 'InvalidPublicKey'
  | 'PublicKeyMismatch'
  | 'MissingAlgorithm'
  | 'AlgorithmMismatch'

/** A key that cannot be read or used; `code` says why (see {@link KeyErrorCode}). */
export class KeyError extends BaseError {
  override name = 'KeyError'
  declare readonly code: KeyErrorCode
}
