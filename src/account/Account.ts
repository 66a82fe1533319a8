// The account model: associated keys with u8 weights and action thresholds, as casper-types stores them.

/** An account hash as 64 lowercase hex characters (the 32 raw bytes, no `account-hash-` prefix). */
export type AccountHashHex = string

/** Action thresholds of an account (casper-types `ActionThresholds`). Each is a u8 weight. */
export type ActionThresholds = {
  deployment: number
  keyManagement: number
  /** Casper 2.0 addressable entities only; legacy accounts have none. */
  upgradeManagement?: number | undefined
}

/** A named key as the node's JSON shows it, e.g. `{ name: 'counter', key: 'hash-…' }`. */
export type NamedKey = { name: string; key: string }

/**
 * An account as the emulator and the planner see it: the fields casper-node's key-management rules
 * read, plus the named keys, whose size changes what every account write costs.
 */
export type Account = {
  accountHash: AccountHashHex
  /** Associated keys: account hash to weight (0..255). */
  associatedKeys: Readonly<Record<AccountHashHex, number>>
  actionThresholds: ActionThresholds
  namedKeys?: readonly NamedKey[] | undefined
}

/**
 * A fresh account as casper-node creates it: its own key with weight 1, thresholds 1/1.
 *
 * @example
 * ```ts
 * const account = createAccount('a1'.repeat(32))
 * // { accountHash: 'a1a1…', associatedKeys: { 'a1a1…': 1 }, actionThresholds: { deployment: 1, keyManagement: 1 } }
 * ```
 */
export function createAccount(accountHash: AccountHashHex, namedKeys?: readonly NamedKey[]): Account {
  return {
    accountHash,
    associatedKeys: { [accountHash]: 1 },
    actionThresholds: { deployment: 1, keyManagement: 1 },
    ...(namedKeys ? { namedKeys } : {}),
  }
}
