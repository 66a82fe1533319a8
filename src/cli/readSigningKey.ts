// The secret key `sign -k` names, with the usual mistakes recognised and named: a public key file, a
// key written as hex, a raw key without its algorithm, an --algorithm the file contradicts.
import type { KeyAlgorithm } from '../keys/KeyAlgorithm.js'
import { KeyError } from '../keys/KeyError.js'
import type { PrivateKeyInfo } from '../keys/PublicKeyInfo.js'
import { parsePrivateKey } from '../keys/parsePrivateKey.js'
import { safeText } from '../text/safeText.js'
import { CliError } from './CliError.js'
import { readBytes, readSecretKeyFile } from './files.js'

/** What {@link readSigningKey} returns: the key, a warning to print (a mode others can read), and for a raw key the same bytes read as the other algorithm. */
export type SigningKey = {
  key: PrivateKeyInfo
  warning?: string | undefined
  /** A raw 64-hex key only: the key the same digits make under the other algorithm. */
  otherAlgorithm?: PrivateKeyInfo | undefined
}

/**
 * Reads and parses the secret key file `path` (`-`: standard input). PEM (PKCS#8 or SEC1) and DER
 * say their algorithm; 64 hex digits are a raw key and need `algorithm`. The file's mode is checked
 * (as ssh does) only once the file is a secret key.
 *
 * @throws {CliError} code `FileError` for a public key file (`PUBLIC KEY` PEM, or a `public_key_hex`
 * 01/02-tagged key), a DER key written as hex text, a raw key without `algorithm`, or an `algorithm`
 * the file contradicts; the `KeyError`s of `parsePrivateKey` for anything else that is not a key.
 * @example
 * ```ts
 * const { key, warning } = readSigningKey('bob/secret_key.pem', undefined)
 * ```
 */
export function readSigningKey(path: string, algorithm: KeyAlgorithm | undefined): SigningKey {
  const read = path === '-' ? { bytes: readBytes(path, 'secret key file') } : readSecretKeyFile(path)
  const name = path === '-' ? 'standard input' : safeText(path)
  const text = new TextDecoder('utf-8', { fatal: false }).decode(read.bytes)
  const trimmed = text.trim()
  const pemLabel = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1]
  if (pemLabel?.endsWith('PUBLIC KEY') || /^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/.test(trimmed)) {
    throw new CliError(`${name} is a public key, not a secret key`, {
      code: 'FileError',
      details: {
        found: pemLabel ? `${pemLabel} PEM (public_key.pem)` : 'a tagged public key in hex (public_key_hex)',
      },
      remedy:
        'Pass the secret key: secret_key.pem, which casper-client keygen (and casper-multisig keygen) writes beside public_key.pem and public_key_hex.',
    })
  }
  const isHex = /^[0-9a-fA-F]+$/.test(trimmed)
  if (pemLabel === undefined && isHex && trimmed.length !== 64) {
    throw new CliError(`${name} is hex text (${trimmed.length} digits), not a key file`, {
      code: 'FileError',
      details: {
        expected: 'a PEM or DER key file, or 64 hex digits (a raw secret key) with --algorithm',
        got: `${trimmed.length} hex digits${trimmed.startsWith('30') ? ', which look like a DER key written as hex' : ''}`,
      },
      remedy: `Convert it to a DER file and pass that: xxd -r -p ${path === '-' ? 'KEY_FILE' : name} > secret_key.der (or use the secret_key.pem keygen wrote).`,
    })
  }
  if (pemLabel === undefined && isHex && algorithm === undefined) {
    throw new CliError(`${name} holds 64 hex digits: a raw secret key, which does not say its algorithm`, {
      code: 'FileError',
      details: { expected: '--algorithm ed25519 or --algorithm secp256k1' },
      remedy:
        'Pass --algorithm with the algorithm the key was made for, or pass the secret_key.pem keygen wrote, which says it.',
    })
  }
  const input = pemLabel !== undefined ? text : isHex ? trimmed : read.bytes
  let key: PrivateKeyInfo
  try {
    key = parsePrivateKey(input, algorithm ? { algorithm } : {})
  } catch (error) {
    const found = error instanceof KeyError ? error.details.got : undefined
    if (
      error instanceof KeyError &&
      algorithm &&
      (found === 'ed25519' || found === 'secp256k1') &&
      found !== algorithm
    ) {
      throw new CliError(`${name} is a ${found} key, not ${algorithm}`, {
        code: 'FileError',
        details: { algorithm, file: found },
        remedy: `Leave --algorithm out: a PEM or DER file says its algorithm (it is needed only for 64 raw hex digits).`,
        cause: error,
      })
    }
    throw error
  }
  let otherAlgorithm: PrivateKeyInfo | undefined
  if (isHex && pemLabel === undefined) {
    try {
      otherAlgorithm = parsePrivateKey(trimmed, {
        algorithm: key.algorithm === 'ed25519' ? 'secp256k1' : 'ed25519',
      })
    } catch {
      // Not a valid secp256k1 scalar: the digits are a key under one algorithm only.
    }
  }
  return { key, warning: 'warning' in read ? read.warning : undefined, otherAlgorithm }
}
