// Which keys must still sign for an account's threshold: the missing keys, heaviest first, and the
// smallest sets of them that reach it. Shared by signing progress and the spending builders.
import type { Account, AccountHashHex } from './Account.js'
import { authorizationWeight } from './accountRules.js'

/** An associated key and its weight. */
export type WeightedKey = { accountHash: AccountHashHex; weight: number }

/** Most missing keys for which every minimum-size completing set is listed (C(12, 6) = 924 sets at most). */
const maxEnumeratedKeys = 12

/**
 * The account's associated keys that are not among `signers`, heaviest first, then by account hash.
 *
 * @example
 * ```ts
 * missingKeys(account, []) // every associated key, heaviest first
 * ```
 */
export function missingKeys(account: Account, signers: Iterable<AccountHashHex>): WeightedKey[] {
  const signed = new Set(signers)
  return Object.entries(account.associatedKeys)
    .map(([accountHash, weight]) => ({ accountHash, weight }))
    .filter((key) => !signed.has(key.accountHash))
    .sort((a, b) => b.weight - a.weight || (a.accountHash < b.accountHash ? -1 : 1))
}

/**
 * The smallest sets of missing keys whose approvals, with `signers`', reach `needed` (weights as
 * casper-types `AssociatedKeys::calculate_keys_weight` adds them). All sets of the minimum size when
 * at most 12 keys with weight are missing, else one set (heaviest keys first). `[[]]` when `needed`
 * is already reached; `[]` when no set can reach it. Keys within a set, and the sets, follow the
 * order of `missing` (heaviest first, then account hash).
 *
 * @example
 * ```ts
 * completingSets(account, [], missingKeys(account, []), account.actionThresholds.deployment)
 * // [['a1…'], ['b2…']]: either key alone reaches the deployment threshold
 * ```
 */
export function completingSets(
  account: Account,
  signers: readonly AccountHashHex[],
  missing: readonly WeightedKey[],
  needed: number,
): AccountHashHex[][] {
  const reaches = (set: AccountHashHex[]) => authorizationWeight(account, [...signers, ...set]) >= needed
  if (reaches([])) return [[]]
  // Keys of weight 0 never help; heaviest first, so the greedy prefix is a smallest completing set.
  const useful = missing.filter((key) => key.weight > 0).map((key) => key.accountHash)
  let size = 0
  while (size <= useful.length && !reaches(useful.slice(0, size))) size++
  if (size > useful.length) return []
  if (useful.length > maxEnumeratedKeys) return [useful.slice(0, size)]
  const sets: AccountHashHex[][] = []
  const choose = (start: number, chosen: AccountHashHex[]) => {
    if (chosen.length === size) {
      if (reaches(chosen)) sets.push([...chosen])
      return
    }
    for (let i = start; i <= useful.length - (size - chosen.length); i++)
      choose(i + 1, [...chosen, useful[i]!])
  }
  choose(0, [])
  return sets
}
