// The target shape of an account's keys and thresholds, as a person writes it, and its normal form.

import type { Account, AccountHashHex, ActionThresholds, NamedKey } from './Account.js'
import { AccountError } from './AccountError.js'
import { type AccountIdentifier, accountHashOf, publicKeyHexOf } from './accountHash.js'

/** One associated key of an {@link AccountConfig}: who, with what weight, and a name for people. */
export type AssociatedKeyConfig = {
  /**
   * The key: a tagged public key hex (`01…` ed25519, `02…` secp256k1), `account-hash-<64 hex>`,
   * bare 64 hex, their bytes, or a casper-js-sdk `PublicKey` / `AccountHash`.
   */
  key: AccountIdentifier
  /** Weight 0..255 (casper-types `Weight` is a u8). */
  weight: number
  /** A name shown in findings and plans, e.g. `'alice laptop'`. */
  label?: string | undefined
}

/** The keys and thresholds an account should have. */
export type AccountConfig = {
  associatedKeys: readonly AssociatedKeyConfig[]
  thresholds: ActionThresholds
}

/** An {@link AssociatedKeyConfig} with its key resolved to the account hash. */
export type NormalizedAssociatedKeyConfig = {
  /** 64 lowercase hex characters, no `account-hash-` prefix. */
  accountHash: AccountHashHex
  weight: number
  /** The tagged public key hex (lowercase), when the key was given as a public key. */
  publicKey?: string | undefined
  label?: string | undefined
}

/** An {@link AccountConfig} with every key resolved to its account hash, entries in the given order. */
export type NormalizedAccountConfig = {
  associatedKeys: readonly NormalizedAssociatedKeyConfig[]
  thresholds: ActionThresholds
}

/** Either form of a configuration; every function taking a configuration accepts both. */
export type AccountConfigInput = AccountConfig | NormalizedAccountConfig

/** Errors {@link normalizeConfig} throws: `AccountError` code `InvalidAccountIdentifier` or `InvalidPublicKey`. */
export type NormalizeConfigErrorType = AccountError

/**
 * Resolves every key of a configuration to its account hash, keeping the public key when one was
 * given, the label, the order and the weights as they are (weights and thresholds are checked by
 * `validateConfig`, not here). Normalising a normalised configuration returns an equal one.
 *
 * @throws {AccountError} code `InvalidAccountIdentifier` (or `InvalidPublicKey`) for a key that names no account.
 * @example
 * ```ts
 * normalizeConfig({
 *   associatedKeys: [
 *     { key: '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c', weight: 2, label: 'alice' },
 *     { key: 'account-hash-c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234', weight: 1 },
 *   ],
 *   thresholds: { deployment: 2, keyManagement: 3 },
 * })
 * // { associatedKeys: [
 * //     { accountHash: '83b0df3b…5dc2', weight: 2, publicKey: '01d9bf21…900c', label: 'alice' },
 * //     { accountHash: 'c863d586…6234', weight: 1 } ],
 * //   thresholds: { deployment: 2, keyManagement: 3 } }
 * ```
 */
export function normalizeConfig(config: AccountConfigInput): NormalizedAccountConfig {
  return {
    associatedKeys: config.associatedKeys.map((entry) => {
      const given = 'accountHash' in entry ? entry : undefined
      const key = given ? given.accountHash : (entry as AssociatedKeyConfig).key
      const publicKey = given ? given.publicKey : publicKeyHexOf(key)
      return {
        accountHash: accountHashOf(key),
        weight: entry.weight,
        ...(publicKey !== undefined ? { publicKey } : {}),
        ...(entry.label !== undefined ? { label: entry.label } : {}),
      }
    }),
    thresholds: copyThresholds(config.thresholds),
  }
}

/**
 * The configuration an account has now: its associated keys (in the account's order) and thresholds.
 * Pass it as `current` to `validateConfig`, or edit it into the next configuration.
 *
 * @example
 * ```ts
 * configFromAccount(createAccount('a1'.repeat(32)))
 * // { associatedKeys: [{ accountHash: 'a1a1…', weight: 1 }], thresholds: { deployment: 1, keyManagement: 1 } }
 * ```
 */
export function configFromAccount(account: Account): NormalizedAccountConfig {
  return {
    associatedKeys: Object.entries(account.associatedKeys).map(([accountHash, weight]) => ({
      accountHash,
      weight,
    })),
    thresholds: copyThresholds(account.actionThresholds),
  }
}

/** Errors {@link accountFromConfig} throws: `AccountError` codes `InvalidAccountIdentifier`, `InvalidPublicKey`, `DuplicateKey`. */
export type AccountFromConfigErrorType = AccountError

/**
 * An account holding exactly the configuration's keys and thresholds, e.g. to run a plan against
 * in the emulator. Weights and thresholds are copied as given; use `assertValidConfig` first
 * when they must be ones the node would accept.
 *
 * @throws {AccountError} code `DuplicateKey` when two entries name the same account (an account holds each key once).
 * @example
 * ```ts
 * const account = accountFromConfig(config, 'account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2')
 * account.associatedKeys // { '83b0df3b…5dc2': 2, 'c863d586…6234': 1 }
 * ```
 */
export function accountFromConfig(
  config: AccountConfigInput,
  accountHash: AccountIdentifier,
  namedKeys?: readonly NamedKey[],
): Account {
  const normalized = normalizeConfig(config)
  const associatedKeys: Record<AccountHashHex, number> = {}
  for (const entry of normalized.associatedKeys) {
    if (entry.accountHash in associatedKeys) {
      throw new AccountError('Duplicate associated key', {
        code: 'DuplicateKey',
        details: { key: `account-hash-${entry.accountHash}`, label: entry.label },
        remedy: 'Keep one entry per key; validateConfig reports every duplicate.',
      })
    }
    associatedKeys[entry.accountHash] = entry.weight
  }
  return {
    accountHash: accountHashOf(accountHash),
    associatedKeys,
    actionThresholds: copyThresholds(normalized.thresholds),
    ...(namedKeys ? { namedKeys } : {}),
  }
}

function copyThresholds(thresholds: ActionThresholds): ActionThresholds {
  const { deployment, keyManagement, upgradeManagement } = thresholds
  return { deployment, keyManagement, ...(upgradeManagement !== undefined ? { upgradeManagement } : {}) }
}
