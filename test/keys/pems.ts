// casper-client-style key files for the test vectors' keys (ed25519 0f x 32, secp256k1 11 x 32).
// Built like casper-types `SecretKey::to_pem` / `PublicKey::to_pem` (v1.5.8 crypto/asymmetric_key.rs):
// ed25519 PKCS#8 v1 without public key; secp256k1 SEC1 with version 1, the key and [0] the curve
// OID only; SPKI with the compressed point; pem 0.8 `encode` (CRLF line endings).

export const casperEd25519SecretPem =
  '-----BEGIN PRIVATE KEY-----\r\nMC4CAQAwBQYDK2VwBCIEIA8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8P\r\n-----END PRIVATE KEY-----\r\n'

export const casperSecp256k1SecretPem =
  '-----BEGIN EC PRIVATE KEY-----\r\nMC4CAQEEIBERERERERERERERERERERERERERERERERERERERERERoAcGBSuBBAAK\r\n-----END EC PRIVATE KEY-----\r\n'

export const casperEd25519PublicPem =
  '-----BEGIN PUBLIC KEY-----\r\nMCowBQYDK2VwAyEA2b8hSHSKhcidparY7gsPwtEF/TnUGkx5ZTY1TwrikAw=\r\n-----END PUBLIC KEY-----\r\n'

export const casperSecp256k1PublicPem =
  '-----BEGIN PUBLIC KEY-----\r\nMDYwEAYHKoZIzj0CAQYFK4EEAAoDIgADTzVb3LfMCvco7zzOuWFdkGhLtbLKX4Wa\r\nsPC3BAdYcao=\r\n-----END PUBLIC KEY-----\r\n'

/** DER bytes as a PEM block (LF line endings, as OpenSSL writes). */
export function toPem(label: string, der: Uint8Array): string {
  const base64 = btoa(String.fromCharCode(...der))
  return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`
}
