// Errors about secret and public keys: unreadable PEM or DER, unsupported algorithms, bad key bytes.
import { BaseError, type BaseErrorParameters } from '../errors/BaseError.js'

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

/**
 * What the input was, when that is what went wrong (a {@link KeyError}'s `found`), so a caller can
 * say what to pass instead in its own terms:
 * - `secretKey`: a secret key PEM where a public key was expected;
 * - `publicKey`: a public key PEM where a secret key was expected;
 * - `noPem`: text without a complete PEM block (e.g. a file's path instead of its contents);
 * - `noCurve`: an EC secret key that does not name its curve (secp256k1 must be given).
 */
export type KeyFound = 'secretKey' | 'publicKey' | 'noPem' | 'noCurve'

/** Parameters of {@link KeyError}. */
export type KeyErrorParameters = BaseErrorParameters & {
  code: KeyErrorCode
  /** What the input was, when that is what went wrong. */
  found?: KeyFound | undefined
}

/**
 * A key that cannot be read or used; `code` says why (see {@link KeyErrorCode}), `found` what was
 * given instead when that is the reason (see {@link KeyFound}).
 *
 * @example
 * ```ts
 * try {
 *   parsePublicKey(text)
 * } catch (error) {
 *   if (error instanceof KeyError && error.found === 'secretKey') console.error('a secret key: pass the public one')
 * }
 * ```
 */
export class KeyError extends BaseError {
  override name = 'KeyError'
  declare readonly code: KeyErrorCode
  readonly found: KeyFound | undefined

  constructor(shortMessage: string, { found, ...parameters }: KeyErrorParameters) {
    super(shortMessage, parameters)
    this.found = found
  }
}
