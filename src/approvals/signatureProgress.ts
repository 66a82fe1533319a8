// How far a deploy's or transaction's approvals are from authorizing it on an account: the cosign core's
// progress calculator on the JSON.
import type { Account } from '../account/Account.js'
import { type ChainspecOption, resolveChainspec } from '../chainspec/resolveChainspec.js'
import type { CosignFile } from '../cosign/CosignFile.js'
import { fileFromJson } from '../cosign/fileJson.js'
import { needsKeyManagement, progressOf, type SigningProgress } from '../cosign/signingProgress.js'
import type { ApprovalVerdict } from '../cosign/verifyFile.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { type VerifyDeployReturnType, verifyDeployJson } from './verifyDeployJson.js'

/**
 * Options of {@link signatureProgress}. `chainspec` (default `casperMainnet`) gives the signer rule:
 * on 1.5 one unassociated signer voids the deploy; on 2.x it counts 0.
 */
export type SignatureProgressOptions = ChainspecOption & {
  /**
   * Whether the session changes keys or thresholds, so the key-management threshold must be met as
   * well as the deployment one. Default: read from the file (a bundled session that changes keys,
   * or Wasm casper-multisig does not know), as `signingProgress` does.
   */
  keyManagement?: boolean | undefined
  /** The deploy's (or transaction's) hashes and verified approvals, when already computed: not verified again. */
  verification?: VerifyDeployReturnType | undefined
}

/** What {@link signatureProgress} reports: `signingProgress`'s report. */
export type SignatureProgress = SigningProgress

/**
 * Compares the valid approvals of a deploy or a TransactionV1 (`{ Version1: … }`) with an account's
 * associated keys and thresholds: `signingProgress` of the cosign entry on the JSON, judging the
 * signatures and the file's own problems (hashes, approval count); the chain, the time and the
 * payment are `preflight`'s. Weights follow casper-types `AssociatedKeys::calculate_keys_weight`
 * (each signer once, saturating at 255) and `Account::can_authorize` (v1.5.8 `types/src/account.rs`;
 * 2.0 `RuntimeFootprint`).
 *
 * @throws {CosignError} when the JSON is not a deploy or TransactionV1 `parseCosignFile` reads.
 * @example
 * ```ts
 * const progress = signatureProgress(deploy, account)
 * console.log(progress.summary) // 'weight 1 of 2 (key management); still needed: one of account-hash-c863d586…; not ready'
 * if (progress.complete) await submit(rpc, deploy)
 * ```
 */
export function signatureProgress(
  json: DeployJson | TransactionJson,
  account: Account,
  options: SignatureProgressOptions = {},
): SignatureProgress {
  let file: CosignFile | undefined
  const read = () => {
    file ??= fileFromJson(json)
    return file
  }
  const report = options.verification ?? verifyDeployJson(read())
  const approvals: ApprovalVerdict[] = [
    ...report.valid.map((v) => ({ ...v, ok: true as const })),
    ...report.rejected.map((r) => ({ ...r, ok: false as const })),
  ].sort((a, b) => a.index - b.index)
  return progressOf(approvals, report.problems, account, {
    keyManagement: options.keyManagement ?? needsKeyManagement(read()),
    rules: resolveChainspec(options),
  })
}
