// Which additional keys would complete a set of signers: the fewest keys, heaviest first.
import type { Account, AccountHashHex } from './Account.js'
import { authorizationWeight } from './accountRules.js'

/**
 * The smallest set of associated keys that, added to `signers`, reaches `threshold`: the heaviest
 * non-signing keys first, so the set has the fewest keys possible. `undefined` when even every
 * key together cannot reach it.
 *
 * @example
 * ```ts
 * missingSigners(account, [alice], account.actionThresholds.keyManagement) // [bob]
 * ```
 */
export function missingSigners(
  account: Account,
  signers: readonly AccountHashHex[],
  threshold: number,
): AccountHashHex[] | undefined {
  const chosen = [...signers]
  const candidates = Object.entries(account.associatedKeys)
    .filter(([hash, weight]) => !signers.includes(hash) && weight > 0)
    .sort(([ha, a], [hb, b]) => b - a || (ha < hb ? -1 : 1))
  const missing: AccountHashHex[] = []
  for (const [hash] of candidates) {
    if (authorizationWeight(account, chosen) >= threshold) break
    chosen.push(hash)
    missing.push(hash)
  }
  return authorizationWeight(account, chosen) >= threshold ? missing : undefined
}
