// Combines signed copies of one deploy or transaction: every approval verified, the valid ones kept once.

import { CosignError } from '../errors/CosignError.js'
import type { Approval, CosignFile } from './CosignFile.js'
import type { CosignOptions } from './cosignNetwork.js'
import { withApprovals } from './stringifyCosignFile.js'
import { type ApprovalVerdict, verifyFile } from './verifyFile.js'

/** Errors {@link mergeFiles} throws. */
export type MergeFilesErrorType = CosignError

/** What {@link mergeFiles} returns. */
export type MergeFilesReturnType<F extends CosignFile> = {
  /** The file with every distinct valid approval, in the order first seen. */
  merged: F
  /** Every approval of every copy with its verdict, and which copy (index) it came from. */
  approvals: (ApprovalVerdict & { copy: number })[]
}

/**
 * Merges signed copies: they must be the same deploy or transaction (same `hash`, and content that
 * hashes to it); every approval is verified against the hash, refused ones are reported with their
 * reason and left out, valid ones are kept once per signer.
 *
 * @throws {CosignError} code `DifferentContent` when the copies are not one file, or content does
 *   not match its hash.
 * @example
 * ```ts
 * const { merged, approvals } = mergeFiles(copies.map(parseCosignFile))
 * approvals.filter((a) => !a.ok) // forged or broken approvals, with reasons
 * ```
 */
export function mergeFiles<F extends CosignFile>(
  files: F[],
  options: CosignOptions = {},
): MergeFilesReturnType<F> {
  const first = files[0]
  if (!first) {
    throw new CosignError('Nothing to merge', {
      code: 'DifferentContent',
      details: { expected: 'at least one copy', got: '0' },
    })
  }
  const approvals: MergeFilesReturnType<F>['approvals'] = []
  const kept: Approval[] = []
  const signers = new Set<string>()
  files.forEach((file, copy) => {
    const report = verifyFile(file, options)
    if (file.kind !== first.kind || file.hash !== first.hash || report.hash !== file.hash) {
      throw new CosignError('The copies are not the same deploy or transaction', {
        code: 'DifferentContent',
        details: {
          copy,
          expected: `a ${first.kind} with hash ${first.hash} matching its content`,
          got: `a ${file.kind} with hash ${file.hash}${report.hash !== file.hash ? ` whose content hashes to ${report.hash}` : ''}`,
        },
        remedy: 'Merge only copies of the one file that was sent out for signing.',
      })
    }
    for (const verdict of report.approvals) {
      approvals.push({ ...verdict, copy })
      if (verdict.ok && !signers.has(verdict.approval.signer)) {
        signers.add(verdict.approval.signer)
        kept.push(verdict.approval)
      }
    }
  })
  return { merged: withApprovals(first, kept), approvals }
}
