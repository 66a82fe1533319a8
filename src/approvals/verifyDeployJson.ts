// A deploy's or transaction's hashes and approvals checked, in the report the JSON-level functions use.
import type { AccountHashHex } from '../account/Account.js'
import type { CosignFile } from '../cosign/CosignFile.js'
import { type FileJson, fileFromJson } from '../cosign/fileJson.js'
import { noApprovals } from '../cosign/signingProgress.js'
import { integrityCodes, verifyFile } from '../cosign/verifyFile.js'
import type { ApprovalJson } from '../deploy/DeployJson.js'
import type { RejectionCode } from '../keys/verifyApproval.js'

/** A problem of the file itself: wrong hashes, or an approval count the node refuses. */
export type DeployProblemCode = 'BodyHashMismatch' | 'HashMismatch' | 'EmptyApprovals' | 'ExcessiveApprovals'

/** What `verifyDeployJson` found: `verifyFile`'s verdict, split into valid and rejected approvals. */
export type VerifyDeployReturnType = {
  /** `verifyFile`'s `ok`: both hashes, 1 to 100 distinct approvals, every approval. */
  ok: boolean
  /**
   * The body hash (deploys; empty for a TransactionV1) and hash the content implies: `hash` is that
   * of the header with the right body hash, so a changed payment or session reports both
   * `BodyHashMismatch` and `HashMismatch`.
   */
  bodyHash: string
  hash: string
  /** Problems of the file itself, each with a stable code (not the chain or the time: see `verifyFile`). */
  problems: { code: DeployProblemCode; message: string }[]
  /** Approvals that verify against the file's `hash`, with their index in `approvals`. */
  valid: { index: number; approval: ApprovalJson; accountHash: AccountHashHex }[]
  /** Approvals that do not, with the reason. One bad approval makes the node refuse the whole file. */
  rejected: { index: number; approval: ApprovalJson; reason: RejectionCode; message: string }[]
  /** Distinct approvals, as the node counts them (it holds them in a `BTreeSet`, so exact repeats collapse). */
  approvalCount: number
}

/**
 * `verifyFile` of a deploy or TransactionV1 JSON object, as the report `describeDeploy`, `preflight`
 * and `signatureProgress` read: the problems of the file itself (the chain and the time are
 * `preflight`'s), the approvals split into valid and rejected.
 *
 * @throws {CosignError} when the JSON is not a deploy or TransactionV1 `parseCosignFile` reads.
 * @example
 * ```ts
 * const report = verifyDeployJson(parseDeployJson(text))
 * if (!report.ok) console.error(report.problems, report.rejected)
 * ```
 */
export function verifyDeployJson(json: FileJson | CosignFile): VerifyDeployReturnType {
  const report = verifyFile(fileFromJson(json))
  const problems = report.problems.filter((p) =>
    integrityCodes.includes(p.code),
  ) as VerifyDeployReturnType['problems']
  if (report.approvalCount === 0) problems.push({ ...noApprovals })
  const valid: VerifyDeployReturnType['valid'] = []
  const rejected: VerifyDeployReturnType['rejected'] = []
  for (const a of report.approvals) {
    if (a.ok) valid.push({ index: a.index, approval: a.approval, accountHash: a.accountHash })
    else rejected.push({ index: a.index, approval: a.approval, reason: a.reason, message: a.message })
  }
  return {
    ok: report.ok,
    bodyHash: report.bodyHash ?? '',
    hash: report.hash,
    problems,
    valid,
    rejected,
    approvalCount: report.approvalCount,
  }
}
