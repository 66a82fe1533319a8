// Every approval a request brings, verified against the proposal's hash before anything is stored.
import type { Account } from '../account/Account.js'
import type { Approval } from '../cosign/CosignFile.js'
import { verifyApproval } from '../keys/verifyApproval.js'
import { safeText } from '../text/safeText.js'
import { RelayError } from './RelayError.js'

/** An approval that verifies, with its signer's account hash. */
export type VerifiedApproval = Approval & { accountHash: string }

/**
 * Verifies each approval over `hash` with casper-node's rules (`verifyApproval`) and keeps one per
 * signer (the smallest signature, as `mergeFiles` does). With the account read from the node, a
 * signer that is not one of its associated keys is refused: only keys of the account write to its
 * proposals.
 *
 * @throws {RelayError} with the rejection's code (`InvalidSignature`, `TagMismatch`, `HighS`,
 *   `MalformedSigner`, `MalformedSignature`) for the first approval that does not verify, or
 *   `NoValidApproval` for a signer the account does not hold; nothing of the request is kept then.
 * @example
 * ```ts
 * const approvals = verifiedApprovals(file.hash, file.approvals, account)
 * ```
 */
export function verifiedApprovals(
  hash: string,
  approvals: readonly Approval[],
  account: Account | undefined,
): VerifiedApproval[] {
  const kept = new Map<string, VerifiedApproval>()
  approvals.forEach((approval, index) => {
    const result = verifyApproval(hash, approval)
    if (!result.ok) {
      throw new RelayError('An approval does not verify against the proposal hash', {
        code: result.reason,
        details: { index, signer: safeText(String(approval.signer)), reason: result.message },
        remedy:
          'Sign the hash of this very deploy or transaction with the key named, and post only valid approvals.',
      })
    }
    if (account && !(result.accountHash in account.associatedKeys)) {
      throw new RelayError('An approval is by a key that is not associated with the account', {
        code: 'NoValidApproval',
        details: {
          index,
          signer: approval.signer,
          accountHash: result.accountHash,
          account: account.accountHash,
        },
        remedy: "Only the account's associated keys approve its proposals: sign with one of them.",
      })
    }
    const signer = approval.signer.toLowerCase()
    const signature = approval.signature.toLowerCase()
    const current = kept.get(signer)
    if (!current || signature < current.signature)
      kept.set(signer, { signer, signature, accountHash: result.accountHash })
  })
  return [...kept.values()]
}
