// How every surface names a key: its whole account hash, then its label when it has one.
import { safeText } from './safeText.js'

/**
 * `account-hash-<64 hex>`, followed by ` (name)` when `labels` names it; the name rendered with
 * `safeText`. Keys are never shortened: a co-signer compares them whole.
 *
 * @example
 * ```ts
 * keyName('c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234', new Map()) // 'account-hash-c863d586…34' in full
 * ```
 */
export function keyName(accountHash: string, labels: ReadonlyMap<string, string> = new Map()): string {
  const label = labels.get(accountHash)
  return `account-hash-${accountHash}${label ? ` (${safeText(label)})` : ''}`
}
