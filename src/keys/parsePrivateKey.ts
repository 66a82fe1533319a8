// Loads a secret key from any PEM casper-client or OpenSSL writes, from DER, or from raw hex.
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { decodePem } from './decodePem.js'
import type { KeyAlgorithm } from './KeyAlgorithm.js'
import { KeyError } from './KeyError.js'
import { describeOid, isKnownOid, keyOids } from './keyOids.js'
import type { PrivateKeyInfo } from './PublicKeyInfo.js'
import { privateKeyFromBytes } from './privateKeyFromBytes.js'
import { publicKeyFromBytes } from './publicKeyFromBytes.js'
import {
  bitStringBytes,
  type DerElement,
  derTag,
  expectTag,
  oidToString,
  readDer,
  readDerOne,
} from './readDer.js'

/** What {@link parsePrivateKey} reads: PEM text, 64 hex digits, or bytes (32 raw, or DER). */
export type PrivateKeyInput = string | Uint8Array

/** Options of {@link parsePrivateKey}. */
export type ParsePrivateKeyOptions = {
  /**
   * Required for raw hex or 32 raw bytes. For PEM/DER it is checked against the key's own OIDs, and
   * it names the curve of a SEC1 key that carries no curve parameters.
   */
  algorithm?: KeyAlgorithm | undefined
}

/** Errors {@link parsePrivateKey} throws: always a {@link KeyError} (see `KeyErrorCode`). */
export type ParsePrivateKeyErrorType = KeyError

/**
 * Reads a secret key. Accepted:
 * - `-----BEGIN PRIVATE KEY-----` PKCS#8 (RFC 5208 / RFC 5958 v2) for ed25519 (what
 *   `casper-client keygen` writes to secret_key.pem, casper-types `SecretKey::to_der`) and for
 *   secp256k1 (`openssl genpkey` / Node `generateKeyPairSync('ec').export({ type: 'pkcs8' })`);
 * - `-----BEGIN EC PRIVATE KEY-----` SEC1 (RFC 5915) for secp256k1, with or without the public key
 *   (casper-client writes version 1, the key and `[0]` the curve OID; OpenSSL adds `[1]` the
 *   public key and may put an `EC PARAMETERS` block before it);
 * - the same structures as DER bytes;
 * - 64 hex digits or 32 bytes with `{ algorithm }`.
 *
 * Only ed25519 (OID 1.3.101.112) and secp256k1 (1.2.840.10045.2.1 with curve 1.3.132.0.10) are
 * accepted, as in casper-types `SecretKey::from_der`. A public key stored beside the secret one
 * must be the one it derives.
 *
 * @throws {KeyError} codes `InvalidPem`, `InvalidDer`, `EncryptedKey`, `UnsupportedKey`,
 *   `InvalidSecretKey`, `PublicKeyMismatch`, `MissingAlgorithm`, `AlgorithmMismatch`.
 * @example
 * ```ts
 * const key = parsePrivateKey(readFileSync('secret_key.pem', 'utf8'))
 * key.publicKeyHex // '01…' or '02…', as casper-client prints in public_key_hex
 * parsePrivateKey('11'.repeat(32), { algorithm: 'secp256k1' }).accountHash
 * ```
 */
export function parsePrivateKey(
  input: PrivateKeyInput,
  options: ParsePrivateKeyOptions = {},
): PrivateKeyInfo {
  const key = read(input, options.algorithm)
  if (options.algorithm && key.algorithm !== options.algorithm) {
    throw new KeyError('Key algorithm mismatch', {
      code: 'AlgorithmMismatch',
      details: { expected: options.algorithm, got: key.algorithm },
    })
  }
  return key
}

/**
 * The shapes a secret key may have, for errors about input that has none of them: an error about a
 * secret says what was expected and never what was read (see `readDer.ts`).
 */
const secretKeyShapes =
  'PEM (PRIVATE KEY or EC PRIVATE KEY), DER PKCS#8 or SEC1, 32 raw bytes with an algorithm, or 64 hex digits with an algorithm'

function read(input: PrivateKeyInput, algorithm: KeyAlgorithm | undefined): PrivateKeyInfo {
  if (input instanceof Uint8Array) {
    if (input.length === 32) return privateKeyFromBytes(input, requireAlgorithm(algorithm, '32 raw bytes'))
    try {
      return fromDer(input, algorithm)
    } catch (error) {
      // Bytes that are not DER at all are more often a raw key of the wrong length (a trailing
      // newline, a 64-byte expanded key) than a damaged DER file: name every shape a key may have.
      if (!(error instanceof KeyError) || error.code !== 'InvalidDer') throw error
      throw new KeyError('Not a secret key', {
        code: 'InvalidDer',
        details: {
          expected: secretKeyShapes,
          got: `${input.length} bytes that are none of these (${error.shortMessage}: ${String(error.details.got)})`,
        },
        remedy:
          'Pass secret_key.pem as casper-client keygen wrote it, or the 32 raw key bytes with the algorithm.',
      })
    }
  }
  const text = input.trim()
  if (text.includes('-----BEGIN')) return fromPem(text, algorithm)
  const hex = text.replace(/^0x/i, '')
  if (/^[0-9a-fA-F]{64}$/.test(hex)) {
    return privateKeyFromBytes(hexToBytes(hex), requireAlgorithm(algorithm, '64 hex digits'))
  }
  throw new KeyError('Not a secret key', {
    code: 'InvalidSecretKey',
    // Only the shape: the text may be a secret.
    details: {
      expected: secretKeyShapes,
      got: /^[0-9a-fA-F]*$/.test(hex) ? `${hex.length} hex digits` : `${text.length} characters of text`,
    },
  })
}

function fromPem(text: string, algorithm: KeyAlgorithm | undefined): PrivateKeyInfo {
  const blocks = decodePem(text)
  const block = blocks.find((b) => b.label !== 'EC PARAMETERS')
  switch (block?.label) {
    case 'PRIVATE KEY':
      return fromPkcs8(block.der)
    case 'EC PRIVATE KEY':
      return fromSec1(block.der, algorithm === 'secp256k1' ? 'secp256k1' : undefined)
    case 'ENCRYPTED PRIVATE KEY':
      throw new KeyError('Encrypted PEM key', {
        code: 'EncryptedKey',
        details: { expected: 'PRIVATE KEY or EC PRIVATE KEY', got: 'ENCRYPTED PRIVATE KEY' },
        remedy: 'Decrypt it first, e.g. `openssl pkcs8 -in key.pem -out plain.pem`.',
      })
    default: {
      const labels = blocks.map((b) => b.label).join(', ')
      const isPublic = blocks.some((b) => b.label === 'PUBLIC KEY')
      const isOther = /^(RSA|DSA|OPENSSH) PRIVATE KEY$/.test(block?.label ?? '')
      throw new KeyError(isOther ? 'Unsupported key type' : 'Not a secret key PEM', {
        code: isOther ? 'UnsupportedKey' : 'InvalidPem',
        details: { expected: 'PRIVATE KEY (PKCS#8) or EC PRIVATE KEY (SEC1)', got: labels },
        remedy: isPublic
          ? 'This is a public key: use parsePublicKey, or pass secret_key.pem to sign.'
          : 'Use an ed25519 or secp256k1 key, e.g. from `casper-client keygen`.',
        ...(isPublic ? { found: 'publicKey' } : {}),
      })
    }
  }
}

function fromDer(der: Uint8Array, algorithm: KeyAlgorithm | undefined): PrivateKeyInfo {
  const fields = readDer(readDerOne(der, derTag.sequence, 'private key').value, 'private key')
  // PKCS#8: version, then an AlgorithmIdentifier SEQUENCE; SEC1: version 1, then an OCTET STRING.
  return fields[1]?.tag === derTag.sequence
    ? fromPkcs8(der)
    : fromSec1(der, algorithm === 'secp256k1' ? 'secp256k1' : undefined)
}

/** PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` (RFC 5208, RFC 5958). */
function fromPkcs8(der: Uint8Array): PrivateKeyInfo {
  const what = 'PKCS#8 PrivateKeyInfo'
  const [version, algorithmId, privateKey, ...rest] = readDer(
    readDerOne(der, derTag.sequence, what).value,
    what,
  )
  const v = integer(expectTag(version, derTag.integer, `${what} version`))
  if (v !== 0 && v !== 1) throw invalidDer(`${what} version`, '0 or 1', 'another version')
  const [oid, parameters] = readDer(expectTag(algorithmId, derTag.sequence, `${what} algorithm`).value)
  const algorithmOid = oidToString(expectTag(oid, derTag.oid, `${what} algorithm OID`).value)
  const keyOctets = expectTag(privateKey, derTag.octetString, `${what} privateKey`).value
  // RFC 5958: [0] attributes, then [1] publicKey (implicit BIT STRING, version 1 only).
  const publicKey = rest.find((e) => e.tag === derTag.context1Primitive)
  if (algorithmOid === keyOids.ed25519) {
    // RFC 8410 section 7: CurvePrivateKey ::= OCTET STRING inside the privateKey OCTET STRING;
    // casper-types `SecretKey::to_der` writes exactly this with version 0 and no parameters.
    const seed = readDerOne(keyOctets, derTag.octetString, 'Ed25519 CurvePrivateKey').value
    if (seed.length !== 32) throw wrongLength('Invalid ed25519 secret key')
    const key = privateKeyFromBytes(seed, 'ed25519')
    if (publicKey) checkStoredPublicKey(key, bitStringBytes(publicKey, `${what} publicKey`))
    return key
  }
  if (algorithmOid === keyOids.ecPublicKey) {
    const curve = parameters?.tag === derTag.oid ? oidToString(parameters.value) : undefined
    if (curve !== keyOids.secp256k1)
      throw unsupported(curve === undefined ? 'no named curve' : oidShown(curve), 'curve')
    return fromSec1(keyOctets, 'secp256k1')
  }
  throw unsupported(oidShown(algorithmOid), 'algorithm')
}

/** SEC1 `ECPrivateKey` (RFC 5915 section 3), alone or inside PKCS#8. */
function fromSec1(der: Uint8Array, outerCurve: 'secp256k1' | undefined): PrivateKeyInfo {
  const what = 'SEC1 ECPrivateKey'
  const [version, privateKey, ...rest] = readDer(readDerOne(der, derTag.sequence, what).value, what)
  const v = integer(expectTag(version, derTag.integer, `${what} version`))
  if (v !== 1) throw invalidDer(`${what} version`, '1 (ecPrivkeyVer1)', 'another version')
  const scalar = expectTag(privateKey, derTag.octetString, `${what} privateKey`).value
  const parameters = rest.find((e) => e.tag === derTag.context0)
  const publicKey = rest.find((e) => e.tag === derTag.context1)
  if (parameters) {
    const [named] = readDer(parameters.value, `${what} parameters`)
    if (named?.tag !== derTag.oid) throw unsupported('explicit curve parameters', 'curve')
    const curve = oidToString(named.value)
    // casper-types `SecretKey::from_der` requires [0] to hold the secp256k1 OID.
    if (curve !== keyOids.secp256k1) throw unsupported(oidShown(curve), 'curve')
  } else if (!outerCurve) {
    throw new KeyError('Unknown curve', {
      code: 'UnsupportedKey',
      details: { expected: `curve parameters ${describeOid(keyOids.secp256k1)}`, got: 'no curve parameters' },
      remedy: "If this is a secp256k1 key, pass { algorithm: 'secp256k1' }.",
      found: 'noCurve',
    })
  }
  if (scalar.length > 32) throw wrongLength('Invalid secp256k1 secret key')
  // RFC 5915 fixes the length at 32 bytes, but some encoders drop leading zero bytes.
  const padded = new Uint8Array(32)
  padded.set(scalar, 32 - scalar.length)
  const key = privateKeyFromBytes(padded, 'secp256k1')
  if (publicKey) {
    const bitString = readDerOne(publicKey.value, derTag.bitString, `${what} publicKey`)
    checkStoredPublicKey(key, bitStringBytes(bitString, `${what} publicKey`))
  }
  return key
}

function checkStoredPublicKey(key: PrivateKeyInfo, stored: Uint8Array): void {
  let storedKey: PrivateKeyInfo | ReturnType<typeof publicKeyFromBytes>
  try {
    storedKey = publicKeyFromBytes(stored, key.algorithm)
  } catch (error) {
    if (!(error instanceof KeyError)) throw error
    // publicKeyFromBytes shows the bytes it was given: here they are bytes of a secret key file.
    throw new KeyError('Invalid public key stored beside the secret key', {
      code: 'InvalidPublicKey',
      details: {
        expected: error.details.expected,
        got: 'other bytes (not shown: they come from a secret key file)',
      },
      remedy: 'The file is corrupt; regenerate or re-export it.',
    })
  }
  if (storedKey.publicKeyHex !== key.publicKeyHex) {
    // The public key the secret derives is shown; the stored one is bytes read from the file.
    throw new KeyError('Public key does not match the secret key', {
      code: 'PublicKeyMismatch',
      details: { expected: key.publicKeyHex, got: 'another public key (stored in the file)' },
      remedy: 'The file is corrupt or was assembled from two keys; regenerate or re-export it.',
    })
  }
}

function requireAlgorithm(algorithm: KeyAlgorithm | undefined, got: string): KeyAlgorithm {
  if (algorithm) return algorithm
  throw new KeyError('Which algorithm is this key for?', {
    code: 'MissingAlgorithm',
    details: {
      expected: "{ algorithm: 'ed25519' } or { algorithm: 'secp256k1' }",
      got: `${got} and no algorithm`,
    },
    remedy: 'Raw secret keys do not say their algorithm; pass it, or use the PEM file.',
  })
}

/** A secret key's length is not echoed: in a damaged file it is a DER length byte, maybe a key byte. */
function wrongLength(message: string): KeyError {
  return new KeyError(message, {
    code: 'InvalidSecretKey',
    details: { expected: '32 bytes', got: 'another length' },
  })
}

/**
 * An OID read from a secret key file, shown only when it is one the library knows by name: an
 * unknown one may be bytes of a secret read as an OID.
 */
function oidShown(oid: string): string {
  return isKnownOid(oid) ? describeOid(oid) : 'an OID this library does not know (not shown)'
}

function integer(element: DerElement): number {
  if (element.value.length === 0 || element.value.length > 4) return Number.NaN
  return Number.parseInt(bytesToHex(element.value), 16)
}

function unsupported(got: string, what: 'algorithm' | 'curve'): KeyError {
  return new KeyError(`Unsupported key ${what}`, {
    code: 'UnsupportedKey',
    details: {
      expected:
        what === 'algorithm'
          ? `${describeOid(keyOids.ed25519)} or ${describeOid(keyOids.ecPublicKey)}`
          : describeOid(keyOids.secp256k1),
      got,
    },
    remedy: 'Casper accounts use ed25519 or secp256k1 keys only; create one with `casper-client keygen`.',
  })
}

function invalidDer(what: string, expected: string, got: string): KeyError {
  return new KeyError(`Invalid DER in ${what}`, { code: 'InvalidDer', details: { expected, got } })
}
