// What `sign` never overrides, even with --force: a file that is not what its hash says.
import type { FileDescription } from '../cosign/describeFile.js'
import type { FileProblemCode } from '../cosign/verifyFile.js'
import { safeText } from '../text/safeText.js'

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
