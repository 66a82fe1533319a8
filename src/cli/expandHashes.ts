// Library messages shorten account hashes to 8 hex digits; a co-signer must see them whole.
import type { AccountHashHex } from '../account/Account.js'
import { keyName } from './labels.js'

/**
 * The text with every shortened `account-hash-<8 hex>…` replaced by the one known account hash it
 * starts with, in full and with its label; a prefix that matches no known hash, or several, is left as is.
 *
 * @example
 * ```ts
 * expandHashes('still needed: account-hash-1bb38108…', [fullHash], labels)
 * // 'still needed: account-hash-1bb38108…ae35 (carol)' (all 64 digits)
 * ```
 */
export function expandHashes(
  text: string,
  known: Iterable<AccountHashHex>,
  labels: ReadonlyMap<AccountHashHex, string>,
): string {
  const hashes = [...new Set(known)]
  return text.replace(/account-hash-([0-9a-f]{8})…(?: \([^)]*\))?/g, (whole, prefix: string) => {
    const matches = hashes.filter((hash) => hash.startsWith(prefix))
    return matches.length === 1 ? keyName(matches[0]!, labels) : whole
  })
}
