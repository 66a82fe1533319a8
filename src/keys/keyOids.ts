// Object identifiers of the key algorithms casper-types reads and writes, and names for others.

/**
 * OIDs casper-types checks in `crypto/asymmetric_key.rs` (`ED25519_OBJECT_IDENTIFIER`,
 * `EC_PUBLIC_KEY_OBJECT_IDENTIFIER`, `SECP256K1_OBJECT_IDENTIFIER`), dotted.
 */
export const keyOids = {
  /** id-Ed25519, RFC 8410 section 3. */
  ed25519: '1.3.101.112',
  /** id-ecPublicKey, RFC 5480 section 2.1.1 (the curve follows as a parameter). */
  ecPublicKey: '1.2.840.10045.2.1',
  /** secp256k1 named curve, SEC 2 section A.2.1. */
  secp256k1: '1.3.132.0.10',
} as const

const knownNames: Record<string, string> = {
  [keyOids.ed25519]: 'Ed25519',
  [keyOids.ecPublicKey]: 'id-ecPublicKey',
  [keyOids.secp256k1]: 'secp256k1',
  '1.2.840.10045.3.1.7': 'P-256 / prime256v1',
  '1.3.132.0.34': 'P-384 / secp384r1',
  '1.3.132.0.35': 'P-521 / secp521r1',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.3.101.113': 'Ed448',
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.10040.4.1': 'DSA',
  '1.2.840.113549.1.5.13': 'PBES2 (an encrypted key)',
}

/**
 * An OID with its name when known, for error messages.
 *
 * @example
 * ```ts
 * describeOid('1.2.840.10045.3.1.7') // '1.2.840.10045.3.1.7 (P-256 / prime256v1)'
 * ```
 */
export function describeOid(oid: string): string {
  const name = knownNames[oid]
  return name ? `${oid} (${name})` : oid
}

/**
 * Whether the OID is one {@link describeOid} names (a key algorithm or curve), so that showing it
 * reveals nothing of the file it was read from.
 *
 * @example
 * ```ts
 * isKnownOid('1.3.101.112') // true
 * isKnownOid('1.2.3')       // false
 * ```
 */
export function isKnownOid(oid: string): boolean {
  return Object.hasOwn(knownNames, oid)
}
