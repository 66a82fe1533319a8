// Signature progress with every key in full: what is signed, and the smallest sets of keys still needed.
import type { AccountHashHex } from '../account/Account.js'
import type { SignatureProgress } from '../approvals/signatureProgress.js'
import { keyJson, keyName } from './labels.js'

/**
 * One line: `weight 1 of 2 (key management); still needed: one of account-hash-… (bob), account-hash-… (carol)`,
 * each key as its full account hash and label.
 *
 * @example
 * ```ts
 * output.info(`Signatures: ${progressText(progress, labels)}`)
 * ```
 */
export function progressText(
  progress: SignatureProgress,
  labels: ReadonlyMap<AccountHashHex, string>,
): string {
  const head = `weight ${progress.weight} of ${progress.needed} (${progress.neededFor})`
  if (progress.complete) return `${head}; complete`
  const sets = progress.neededSets
  const needed =
    sets.length === 0
      ? 'no set of the remaining keys reaches it'
      : sets.length === 1 && sets[0]!.length === 0
        ? 'no more weight (see the problems below)'
        : sets.every((set) => set.length === 1)
          ? `${sets.length === 1 ? '' : 'one of '}${sets.map(([hash]) => keyName(hash!, labels)).join(', ')}`
          : sets.map((set) => `(${set.map((hash) => keyName(hash, labels)).join(' and ')})`).join(' or ')
  return `${head}; still needed: ${needed}`
}

/** The progress for `--json`: weights, the signers, and the minimal sets of keys still needed. */
export function progressJson(progress: SignatureProgress, labels: ReadonlyMap<AccountHashHex, string>) {
  return {
    weight: progress.weight,
    needed: progress.needed,
    neededFor: progress.neededFor,
    complete: progress.complete,
    signed: progress.signed.map(({ accountHash, publicKey, weight }) => ({
      ...keyJson(accountHash, labels),
      publicKey,
      weight,
    })),
    stillNeeded: progress.neededSets.map((set) => set.map((hash) => keyJson(hash, labels))),
    unassociated: progress.unassociated.map(({ accountHash, publicKey }) => ({
      ...keyJson(accountHash, labels),
      publicKey,
    })),
  }
}
