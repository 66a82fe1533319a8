// Serialized size of an account record, which sets the storage gas of every key-management write.
import type { Account, NamedKey } from './Account.js'
import { AccountError } from './AccountError.js'

/**
 * Bytes of a `Key` by its formatted prefix (casper-types `key.rs`: 1 tag byte + payload).
 * Longer prefixes first, so `account-hash-` is not read as `hash-`.
 */
const keyLengths: readonly (readonly [prefix: string, length: number])[] = [
  ['account-hash-', 1 + 32],
  ['hash-', 1 + 32],
  ['uref-', 1 + 33],
  ['transfer-', 1 + 32],
  ['deploy-', 1 + 32],
  ['era-', 1 + 8],
  ['balance-', 1 + 32],
  ['bid-', 1 + 32],
  ['withdraw-', 1 + 32],
  ['dictionary-', 1 + 32],
  ['system-contract-registry-', 1 + 32],
  ['era-summary-', 1 + 32],
  ['unbond-', 1 + 32],
  ['chainspec-registry-', 1 + 32],
  ['checksum-registry-', 1 + 32],
]

/** Serialized length of a named key entry: String (u32 length + UTF-8) followed by the Key. */
function namedKeyLength({ name, key }: NamedKey): number {
  const match = keyLengths
    .filter(([prefix]) => key.startsWith(prefix))
    .sort((a, b) => b[0].length - a[0].length)[0]
  if (!match) {
    throw new AccountError(`Unknown named key format for "${name}"`, {
      code: 'UnknownNamedKey',
      details: { name, key },
      remedy: 'Pass named keys as the node prints them, e.g. "uref-<64 hex>-007" or "hash-<64 hex>".',
    })
  }
  return 4 + new TextEncoder().encode(name).length + match[1]
}

/**
 * Length in bytes of `StoredValue::Account(account)` as casper-node writes it: 1 tag byte, then
 * account hash 32, named keys (u32 count + entries), main purse URef 33, associated keys
 * (u32 count + 32-byte hash + 1-byte weight each), action thresholds 2 bytes
 * (casper-types `account.rs` `ToBytes for Account`).
 *
 * @example
 * ```ts
 * accountSerializedLength(createAccount('a1'.repeat(32))) // 1 + 32 + 4 + 33 + 4 + 33 + 2 = 109
 * ```
 */
export function accountSerializedLength(account: Account): number {
  const namedKeys = (account.namedKeys ?? []).reduce((sum, entry) => sum + namedKeyLength(entry), 4)
  const keys = 4 + 33 * Object.keys(account.associatedKeys).length
  return 1 + 32 + namedKeys + 33 + keys + 2
}
