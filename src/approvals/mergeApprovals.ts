// Combines the approvals of several signed copies of one deploy or TransactionV1 JSON into one,
// deterministically: the cosign core's mergeFiles on the JSON.

import { fileToJson } from '../cosign/fileJson.js'
import { type MergeRejectionCode, mergeFiles } from '../cosign/mergeFiles.js'
import type { ApprovalJson, DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { CosignError } from '../errors/CosignError.js'
import { DeployError } from '../errors/DeployError.js'
import { fileOf, isTransactionJson } from './fileOf.js'
import { MergeError } from './MergeError.js'

export type { MergeRejectionCode } from '../cosign/mergeFiles.js'

/** An approval left out, the copy it came from (index in the arguments) and why. */
export type MergeRejection = {
  approval: ApprovalJson
  from: number
  reason: MergeRejectionCode
  message: string
}

/** What {@link mergeApprovals} returns. */
export type MergeApprovalsReturnType<T extends DeployJson | TransactionJson = DeployJson> = {
  /** The merged deploy (or TransactionV1, when the copies are): one valid approval per signer, sorted by signer. */
  deploy: T
  /** Approvals of the merged file that the first copy did not carry. */
  added: ApprovalJson[]
  /** Every approval left out, once per copy that carried it; none is dropped silently. */
  rejected: MergeRejection[]
}

/**
 * Merges the approvals of copies of the same deploy (each co-signer's `casper-client sign-deploy`
 * output), or of the same TransactionV1 (`{ Version1: … }`), into one ready for
 * `account_put_deploy` / `account_put_transaction`. It is `mergeFiles` of the cosign entry on the
 * decoded JSON:
 *
 * - The copies must be the same file: every field but `approvals` equal as JSON (key order
 *   ignored), and the hashes right for the content (casper-node v1.5.8 `has_valid_hash`).
 * - Every approval is verified; invalid ones are left out and reported, since a single one makes
 *   the node refuse the whole file (`validate_deploy`).
 * - One approval per signer (the node counts a signer once): the smallest signature hex is kept,
 *   the others reported as `DuplicateSigner`.
 * - Approvals are sorted by signer hex, the order of the node's own `BTreeSet<Approval>`.
 *
 * Merging is commutative, associative and idempotent on the resulting file.
 *
 * @throws {DeployError} `InvalidDeployJson` when a copy is not deploy JSON (`parseDeployJson`),
 * naming the copy and the field.
 * @throws {CosignError} for a malformed TransactionV1 copy (see `parseCosignFile`).
 * @throws {MergeError} `NoDeploys`, `DifferentDeploys` (naming the first differing field),
 * `BodyHashMismatch` or `HashMismatch`.
 * @example
 * ```ts
 * const { deploy, added, rejected } = mergeApprovals(aliceCopy, bobCopy)
 * for (const r of rejected) console.warn(`copy ${r.from}: ${r.reason}: ${r.message}`)
 * writeFileSync('deploy.json', stringifyDeployJson(deploy))
 * ```
 */
export function mergeApprovals(...copies: TransactionJson[]): MergeApprovalsReturnType<TransactionJson>
export function mergeApprovals(...copies: DeployJson[]): MergeApprovalsReturnType<DeployJson>
export function mergeApprovals(
  ...copies: (DeployJson | TransactionJson)[]
): MergeApprovalsReturnType<DeployJson | TransactionJson> {
  if (copies.length === 0) {
    throw new MergeError('Nothing to merge', {
      code: 'NoDeploys',
      details: { expected: 'at least one deploy', got: 'none' },
    })
  }
  // Copies usually come straight from JSON.parse of files co-signers sent back: read each first, so a
  // copy without `approvals` (say) is named as such.
  const files = copies.map(readCopy)
  let result: ReturnType<typeof mergeFiles>
  try {
    result = mergeFiles(files)
  } catch (error) {
    if (!(error instanceof CosignError)) throw error
    const code =
      error.code === 'DifferentContent'
        ? 'DifferentDeploys'
        : error.details.field === 'hash'
          ? 'HashMismatch'
          : 'BodyHashMismatch'
    throw new MergeError(error.shortMessage, {
      code,
      details: error.details,
      remedy: error.remedy,
      cause: error,
    })
  }
  return {
    deploy: fileToJson(result.merged),
    added: result.added,
    rejected: result.rejected.map(({ copy, ...rejection }) => ({ ...rejection, from: copy })),
  }
}

/** {@link fileOf}, with the index of the copy added to its error. */
function readCopy(copy: DeployJson | TransactionJson, index: number) {
  try {
    return fileOf(copy)
  } catch (error) {
    if (!(error instanceof DeployError || error instanceof CosignError)) throw error
    const Kind = error instanceof DeployError ? DeployError : CosignError
    const what = isTransactionJson(copy) ? 'TransactionV1' : 'deploy'
    throw new Kind(`Copy ${index} is not ${what} JSON: ${error.shortMessage}`, {
      code: error.code as never,
      details: { copy: index, ...error.details },
      remedy: error.remedy ?? 'Merge the files casper-client sign-deploy wrote, unchanged.',
      cause: error,
    })
  }
}
