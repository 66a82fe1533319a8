// `--label KEY=NAME` flags: names for keys in what the commands print.
import type { AccountHashHex } from '../account/Account.js'
import { accountHashOf } from '../account/accountHash.js'
import { CliError } from './CliError.js'

/**
 * Reads `KEY=NAME` pairs (KEY: a public key hex or `account-hash-…`) into names by account hash.
 *
 * @throws {CliError} code `UsageError` for a pair without `=` or a KEY that names no account.
 * @example
 * ```ts
 * parseLabels(['01d9bf…900c=alice']) // Map { '83b0df3b…5dc2' => 'alice' }
 * ```
 */
export function parseLabels(pairs: readonly string[] | undefined): Map<AccountHashHex, string> {
  const labels = new Map<AccountHashHex, string>()
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=')
    const key = pair.slice(0, Math.max(at, 0))
    const name = pair.slice(at + 1)
    let accountHash: AccountHashHex | undefined
    try {
      accountHash = at > 0 && name !== '' ? accountHashOf(key) : undefined
    } catch {
      accountHash = undefined
    }
    if (accountHash === undefined) {
      throw new CliError('Invalid --label', {
        code: 'UsageError',
        details: { expected: 'KEY=NAME, KEY a public key hex or account-hash-<64 hex>', got: pair },
      })
    }
    labels.set(accountHash, name)
  }
  return labels
}

/** `account-hash-<hex>`, followed by ` (name)` when labelled. */
export function keyName(accountHash: AccountHashHex, labels: ReadonlyMap<AccountHashHex, string>): string {
  const label = labels.get(accountHash)
  return `account-hash-${accountHash}${label ? ` (${label})` : ''}`
}
