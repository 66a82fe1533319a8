// Loads a public key from SPKI PEM/DER (public_key.pem, OpenSSL) or tagged hex, always compressed.
import { hexToBytes } from '../encoding/hex.js'
import { decodePem } from './decodePem.js'
import { algorithmOfTag } from './KeyAlgorithm.js'
import { KeyError } from './KeyError.js'
import { describeOid, keyOids } from './keyOids.js'
import type { PublicKeyInfo } from './PublicKeyInfo.js'
import { publicKeyFromBytes } from './publicKeyFromBytes.js'
import { bitStringBytes, derTag, expectTag, oidToString, readDer, readDerOne } from './readDer.js'

/** What {@link parsePublicKey} reads: SPKI PEM, tagged hex, or bytes (tagged, or SPKI DER). */
export type PublicKeyInput = string | Uint8Array

/** Errors {@link parsePublicKey} throws: always a {@link KeyError}. */
export type ParsePublicKeyErrorType = KeyError

/**
 * Reads a public key:
 * - `-----BEGIN PUBLIC KEY-----` SubjectPublicKeyInfo (RFC 5280 / RFC 8410 / RFC 5480), as
 *   casper-client writes public_key.pem (casper-types `PublicKey::to_der`) and OpenSSL writes it;
 * - tagged hex or bytes (`01` + 32 bytes, `02` + 33 bytes), as in public_key_hex.
 *
 * A secp256k1 key given uncompressed (`04…`, as OpenSSL and Node write SPKI) is returned
 * COMPRESSED: casper-types only knows the 33-byte form, and the account hash is computed over it.
 * casper-js-sdk 5.0.12 `PublicKey.fromPem` (`src/types/keypair/secp256k1/PublicKey.ts`) keeps the
 * 65-byte form and so derives a wrong account hash.
 *
 * @throws {KeyError} codes `InvalidPem`, `InvalidDer`, `UnsupportedKey`, `InvalidPublicKey`.
 * @example
 * ```ts
 * const key = parsePublicKey(readFileSync('public_key.pem', 'utf8'))
 * key.publicKeyHex // '02…' (68 hex digits) even when the PEM holds an uncompressed point
 * parsePublicKey('01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c').accountHash
 * ```
 */
export function parsePublicKey(input: PublicKeyInput): PublicKeyInfo {
  if (input instanceof Uint8Array) return input[0] === derTag.sequence ? fromSpki(input) : fromTagged(input)
  const text = input.trim()
  if (!text.includes('-----BEGIN')) {
    if (!/^0[12](?:[0-9a-fA-F]{2})+$/.test(text)) {
      throw new KeyError('Not a public key', {
        code: 'InvalidPublicKey',
        details: {
          expected: 'PUBLIC KEY PEM, or tagged hex (01 + 64 hex digits, 02 + 66 hex digits)',
          got: text.length > 70 ? `${text.slice(0, 70)}…` : text,
        },
      })
    }
    return fromTagged(hexToBytes(text))
  }
  const blocks = decodePem(text)
  const block = blocks.find((b) => b.label === 'PUBLIC KEY')
  if (!block) {
    const labels = blocks.map((b) => b.label).join(', ')
    const secret = labels.includes('PRIVATE KEY')
    throw new KeyError('Not a public key PEM', {
      code: 'InvalidPem',
      details: { expected: 'PUBLIC KEY (SubjectPublicKeyInfo)', got: labels },
      remedy: secret
        ? 'This is a secret key: use parsePrivateKey(…).publicKeyHex, and keep the file private.'
        : 'Pass public_key.pem as casper-client keygen wrote it.',
      ...(secret ? { found: 'secretKey' } : {}),
    })
  }
  return fromSpki(block.der)
}

function fromTagged(bytes: Uint8Array): PublicKeyInfo {
  const algorithm = algorithmOfTag(bytes[0])
  if (!algorithm) {
    throw new KeyError('Unknown public key tag', {
      code: 'UnsupportedKey',
      details: { expected: '01 (ed25519) or 02 (secp256k1)', got: `${bytes[0] ?? 'no byte'}` },
    })
  }
  return publicKeyFromBytes(bytes.subarray(1), algorithm)
}

/** SubjectPublicKeyInfo; the rules are casper-types `PublicKey::from_der` (`crypto/asymmetric_key.rs`). */
function fromSpki(der: Uint8Array): PublicKeyInfo {
  const what = 'SubjectPublicKeyInfo'
  const [algorithmId, subjectPublicKey] = readDer(readDerOne(der, derTag.sequence, what).value, what)
  const [oid, parameters] = readDer(expectTag(algorithmId, derTag.sequence, `${what} algorithm`).value)
  const algorithmOid = oidToString(expectTag(oid, derTag.oid, `${what} algorithm OID`).value)
  const key = bitStringBytes(expectTag(subjectPublicKey, derTag.bitString, `${what} subjectPublicKey`), what)
  if (algorithmOid === keyOids.ed25519) return publicKeyFromBytes(key, 'ed25519')
  if (algorithmOid === keyOids.ecPublicKey) {
    const curve = parameters?.tag === derTag.oid ? oidToString(parameters.value) : undefined
    if (curve === keyOids.secp256k1) return publicKeyFromBytes(key, 'secp256k1')
    throw unsupported(describeOid(keyOids.secp256k1), describeOid(curve ?? 'no named curve'), 'curve')
  }
  throw unsupported(
    `${describeOid(keyOids.ed25519)} or ${describeOid(keyOids.ecPublicKey)}`,
    describeOid(algorithmOid),
    'algorithm',
  )
}

function unsupported(expected: string, got: string, what: 'algorithm' | 'curve'): KeyError {
  return new KeyError(`Unsupported key ${what}`, {
    code: 'UnsupportedKey',
    details: { expected, got },
    remedy: 'Casper accounts use ed25519 or secp256k1 keys only.',
  })
}
