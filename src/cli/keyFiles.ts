// The three files casper-client keygen writes, byte for byte: secret_key.pem, public_key.pem, public_key_hex.
import type { PrivateKeyInfo } from '../keys/PublicKeyInfo.js'

/** casper-client-rs `lib/keygen.rs`: the file names, in the order it checks them. */
export const keyFileNames = ['secret_key.pem', 'public_key.pem', 'public_key_hex'] as const

/** The contents of each file of {@link keyFileNames} for `key`. */
export type KeyFiles = Record<(typeof keyFileNames)[number], string>

// Object identifiers as DER content bytes (casper-node `crypto/asymmetric_key_ext.rs`): Ed25519
// 1.3.101.112 (RFC 8410), id-ecPublicKey 1.2.840.10045.2.1 and secp256k1 1.3.132.0.10 (SEC 1).
const ed25519Oid = [0x06, 0x03, 0x2b, 0x65, 0x70]
const ecPublicKeyOid = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
const secp256k1Oid = [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a]

/**
 * The files as casper-client keygen writes them (casper-node `crypto/asymmetric_key_ext.rs`
 * `SecretKey::to_der` / `PublicKey::to_der`, PEM by the `pem` crate's `encode`: 64-character lines,
 * CRLF line endings):
 * - ed25519: secret `PRIVATE KEY` = PKCS#8 `SEQUENCE { 0, SEQUENCE { OID Ed25519 }, OCTET STRING { OCTET STRING seed } }`;
 *   public `PUBLIC KEY` = `SEQUENCE { SEQUENCE { OID Ed25519 }, BIT STRING key }`;
 * - secp256k1: secret `EC PRIVATE KEY` = SEC 1 `SEQUENCE { 1, OCTET STRING scalar, [0] { OID secp256k1 } }`
 *   (no public key); public `PUBLIC KEY` = `SEQUENCE { SEQUENCE { OID ecPublicKey, OID secp256k1 }, BIT STRING compressed point }`;
 * - public_key_hex: the tag byte and key in lowercase hex, no newline (`AsymmetricType::to_hex`).
 *
 * @example
 * ```ts
 * keyFiles(privateKeyFromBytes(seed, 'ed25519'))['public_key_hex'] // '01…'
 * ```
 */
export function keyFiles(key: PrivateKeyInfo): KeyFiles {
  const secret =
    key.algorithm === 'ed25519'
      ? der(0x30, [der(0x02, [0x00]), der(0x30, ed25519Oid), der(0x04, der(0x04, [...key.secretKey]))].flat())
      : der(0x30, [der(0x02, [0x01]), der(0x04, [...key.secretKey]), der(0xa0, secp256k1Oid)].flat())
  const algorithm = key.algorithm === 'ed25519' ? ed25519Oid : [...ecPublicKeyOid, ...secp256k1Oid]
  const publicDer = der(0x30, [der(0x30, algorithm), der(0x03, [0x00, ...key.publicKey])].flat())
  return {
    'secret_key.pem': pem(key.algorithm === 'ed25519' ? 'PRIVATE KEY' : 'EC PRIVATE KEY', secret),
    'public_key.pem': pem('PUBLIC KEY', publicDer),
    public_key_hex: key.publicKeyHex.toLowerCase(),
  }
}

/** One DER element; every element here is shorter than 128 bytes (short-form length). */
function der(tag: number, content: readonly number[]): number[] {
  return [tag, content.length, ...content]
}

/** The `pem` crate's `encode`: BEGIN line, base64 in 64-character lines, END line, each ending CRLF. */
function pem(label: string, bytes: readonly number[]): string {
  const base64 = Buffer.from(bytes).toString('base64')
  const lines = base64.match(/.{1,64}/g) ?? []
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`, ''].join('\r\n')
}
