// What `sign` never overrides, and the signature progress in full: every key whole (and labelled).
import type { AccountHashHex } from '../account/Account.js'
import type { FileDescription } from '../cosign/describeFile.js'
import type { SigningProgress } from '../cosign/signingProgress.js'
import type { FileProblemCode } from '../cosign/verifyFile.js'
import { safeText } from '../text/safeText.js'
import { keyJson, keyName } from './labels.js'

/** The problems `sign --force` may override: the file is intact, only its time or chain is off. */
const overridable: ReadonlySet<FileProblemCode> = new Set([
  'WrongChain',
  'Expired',
  'TtlTooLong',
  'FutureTimestamp',
])

/**
 * The reasons the file must not be signed even with `--force`: its content does not match its hash,
 * or an approval on it does not verify.
 */
export function integrityProblems(description: FileDescription): string[] {
  const problems = description.verification.problems
    .filter((p) => !overridable.has(p.code))
    .map((p) => `${p.code}: ${safeText(p.message)}`)
  const rejected = description.verification.approvals.filter((a) => !a.ok).length
  if (rejected > 0) {
    problems.push(
      `${rejected} approval(s) do not verify; the node refuses a file carrying any invalid approval`,
    )
  }
  return problems
}

/** `weight 1 of 2 (key management); still needed: account-hash-… (bob)`, or `…; complete`. */
export function signingProgressText(
  progress: SigningProgress,
  labels: ReadonlyMap<AccountHashHex, string>,
): string {
  const head = `weight ${progress.weight} of ${progress.needed} (${progress.neededFor})`
  if (progress.complete) return `${head}; complete`
  const missing = progress.missing.map((m) => `${keyName(m.accountHash, labels)} weight ${m.weight}`)
  return `${head}; not signed yet: ${missing.join(', ') || 'nobody left to sign'}`
}

/** The progress for `--json`. */
export function signingProgressJson(progress: SigningProgress, labels: ReadonlyMap<AccountHashHex, string>) {
  return {
    weight: progress.weight,
    needed: progress.needed,
    neededFor: progress.neededFor,
    complete: progress.complete,
    signed: progress.signed.map(({ accountHash, weight }) => ({ ...keyJson(accountHash, labels), weight })),
    missing: progress.missing.map(({ accountHash, weight }) => ({ ...keyJson(accountHash, labels), weight })),
  }
}
