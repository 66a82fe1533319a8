// What went wrong, in the words of a co-signer who is not a developer: the page's one mapping from
// the library's error codes (CosignError, KeyError, SignerError, ChainspecError, LedgerError) to plain text.

/** The parts of a casper-multisig error the mapping reads (any entry's copy of BaseError has them). */
type Coded = Error & {
  code?: unknown
  shortMessage?: unknown
  details?: Record<string, unknown>
  found?: unknown
}

/**
 * One plain sentence or clause for an error: no error codes, no function or option names, no
 * escaped newlines. Key-file problems read as whole sentences starting with "This file"; problems
 * with a deploy, an account or a chainspec as a clause the caller puts after the file's name
 * (`deploy.json is not a deploy or transaction this page can read: <clause>`). The text is raw:
 * render it through `safeText` once.
 *
 * @example
 * ```ts
 * try {
 *   localSigner(await keyFile.text())
 * } catch (error) {
 *   status.textContent = safeText(plainError(error))
 * }
 * ```
 */
export function plainError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const e = error as Coded
  const d = e.details ?? {}
  const short = typeof e.shortMessage === 'string' ? e.shortMessage : (e.message.split('\n')[0] ?? '')
  const at = (key: string) => (typeof d[key] === 'string' && d[key] !== '$' ? ` (at ${d[key]})` : '')
  switch (e.code) {
    case 'InvalidJson':
      return `it is not valid JSON: ${lower(short)}${at('path')}`
    case 'InvalidShape':
      return d.field === '(file)' || d.entry === '(file)'
        ? `it is not ${d.expected ?? 'the right kind of file'}`
        : `${String(d.field ?? d.entry)}: expected ${String(d.expected)}, found ${unquote(d.got)}`
    case 'UnknownClType':
      return `it holds a value of a type Casper does not have${at('field')}`
    case 'InvalidBytes':
      return `it holds bytes that do not follow the layout of their type${at('field')}`
    case 'UnsupportedTransaction':
      return 'it is a kind of transaction this page cannot check'
    case 'HashMismatch':
      return 'its content does not match its hash: what is shown is not what a signature would approve'
    case 'SigningFailed':
    case 'DifferentContent':
      return short
    case 'InvalidPem':
      return e.found === 'publicKey'
        ? 'This file holds a public key, not a secret key: choose secret_key.pem (the file casper-client keygen wrote beside public_key.pem).'
        : 'This file is not a secret key file: choose the secret_key.pem that casper-client keygen wrote.'
    case 'MissingAlgorithm':
      return 'This file holds a bare secret key, which does not say whether it is ed25519 or secp256k1: choose the secret_key.pem file instead.'
    case 'InvalidSecretKey':
      return 'This file is not a usable secret key: choose the secret_key.pem that casper-client keygen wrote.'
    case 'EncryptedKey':
      return 'This file holds a password-protected key: save a copy without the password first (openssl pkcs8 -in key.pem -out plain.pem).'
    case 'UnsupportedKey':
      return e.found === 'noCurve'
        ? 'This file holds an elliptic-curve key that does not name its curve: choose the secret_key.pem casper-client keygen wrote.'
        : 'This file holds a kind of key Casper does not use: only ed25519 and secp256k1 keys can sign.'
    case 'InvalidDer':
    case 'PublicKeyMismatch':
    case 'AlgorithmMismatch':
      return 'This file is damaged: it looks like a key file, but what is inside is not a usable secret key.'
    case 'InvalidSignature':
    case 'InvalidSignatureLength':
    case 'InvalidSignatureEncoding':
    case 'TagMismatch':
    case 'InvalidHash':
      return 'the signature made does not verify, so it was not added'
    case 'ChainspecSyntax':
      return 'it is not a chainspec.toml (nor the answer of a node to info_get_chainspec)'
    case 'ChainspecUnavailable':
      return 'it holds no chainspec: paste chainspec.toml or the whole info_get_chainspec answer'
    case 'ChainspecMissingValue':
    case 'ChainspecInvalidValue':
      return `it is not a chainspec this page can use: ${short}`
    case 'UserRejected':
      return 'it was rejected on the Ledger'
    case 'AppNotOpen':
      return 'the Casper app is not open on the Ledger: open it, then sign again'
    case 'DeviceLocked':
      return 'the Ledger is locked: unlock it with its PIN, open the Casper app, then sign again'
    case 'DataInvalid':
      return `the Casper app on the Ledger refused this file${typeof d.deviceMessage === 'string' && d.deviceMessage ? ` (it says: ${d.deviceMessage})` : ''}`
    case 'TooLarge':
      return 'this file is too large for the Ledger to sign: sign it with a key file or Casper Wallet'
    case 'InvalidPath':
      return "the Ledger key path is not one the Casper app uses: write it as m/44'/506'/0'/0/N"
    case 'DeviceError':
      if (d.reason === 'notChosen')
        return 'no Ledger was chosen: connect and unlock it, open the Casper app, then sign again and pick it'
      return 'the Ledger did not answer as expected: reconnect it, open the Casper app, then sign again'
    default:
      return short
  }
}

/** `Invalid JSON: unexpected character` → `invalid JSON: unexpected character`. */
function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/** A detail quoted as JSON text (`"the field deploy"`) shown without its quotes. */
function unquote(got: unknown): string {
  const text = String(got)
  return /^"[^"]*"$/.test(text) ? text.slice(1, -1) : text
}
