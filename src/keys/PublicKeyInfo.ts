// What parsePublicKey and parsePrivateKey return: the key in every form the rest of the library uses.
import type { KeyAlgorithm } from './KeyAlgorithm.js'

/** A public key in the forms Casper uses. */
export type PublicKeyInfo = {
  algorithm: KeyAlgorithm
  /** Raw key: 32 bytes (ed25519) or a 33-byte compressed point (secp256k1). */
  publicKey: Uint8Array
  /** Tagged hex as casper-client prints it (`public_key_hex`): `01…` (66 digits) or `02…` (68 digits). */
  publicKeyHex: string
  /** The account hash, 64 lowercase hex digits (no `account-hash-` prefix). */
  accountHash: string
}

/** A secret key with its public key. */
export type PrivateKeyInfo = PublicKeyInfo & {
  /** Raw 32-byte secret key (ed25519 seed, or secp256k1 scalar). */
  secretKey: Uint8Array
}
