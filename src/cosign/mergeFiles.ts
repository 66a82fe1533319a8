// Combines signed copies of one deploy or transaction: every approval verified, one valid approval per
// signer kept, deterministically.

import { CosignError } from '../errors/CosignError.js'
import type { RejectionCode } from '../keys/verifyApproval.js'
import type { Approval, CosignFile } from './CosignFile.js'
import { type CosignOptions, resolveCosignOptions } from './cosignNetwork.js'
import { fileToJson } from './fileJson.js'
import { checkHashes } from './hashes.js'
import { tooManyApprovals } from './parseCosignFile.js'
import { stringifyCosignFile, withApprovals } from './stringifyCosignFile.js'
import { type ApprovalVerdict, verifyFile } from './verifyFile.js'

/** Errors {@link mergeFiles} throws. */
export type MergeFilesErrorType = CosignError

/** Why an approval was left out of the merged file: it does not verify, or its signer has a smaller one. */
export type MergeRejectionCode = RejectionCode | 'DuplicateSigner'

/** What {@link mergeFiles} returns. */
export type MergeFilesReturnType<F extends CosignFile> = {
  /** The file with one valid approval per signer, sorted by signer. */
  merged: F
  /** Every approval of every copy with its verdict, and which copy (index) it came from. */
  approvals: (ApprovalVerdict & { copy: number })[]
  /** Approvals of `merged` that the first copy did not carry. */
  added: Approval[]
  /** Every approval left out, once per copy that carried it, and why: none is dropped silently. */
  rejected: { approval: Approval; copy: number; reason: MergeRejectionCode; message: string }[]
}

/**
 * Merges signed copies of one deploy or TransactionV1 (each co-signer's copy):
 *
 * - The copies must be the same file: every field but `approvals` equal (as JSON, key order
 *   ignored), and content that hashes to its `hash` (casper-node v1.5.8 `has_valid_hash`).
 * - Every approval is verified against the hash; invalid ones are left out and reported, since a
 *   single one makes the node refuse the whole file (`validate_deploy`).
 * - One approval per signer: the node counts a signer once (`AssociatedKeys::calculate_keys_weight`
 *   over a set), so another valid signature by the same key only takes an approval slot; the
 *   smallest signature hex is kept, the others reported as `DuplicateSigner`.
 * - Approvals are sorted by signer hex, the order of the node's own `BTreeSet<Approval>`; approval
 *   order is not covered by the hash.
 *
 * The result depends only on the set of valid approvals and on the copies' content, so merging is
 * commutative, associative and idempotent.
 *
 * @throws {CosignError} code `InvalidShape` when `files` is not an array (`mergeFiles(a, b)` for
 *   `mergeFiles([a, b])`); `TooManyApprovals` when the merged file would hold more valid
 *   approvals than the network's `maxAssociatedKeys` (the count in `details.got`);
 *   `DifferentContent` when there are no copies or they are not one file
 *   (`details.field` names the first field that differs), `HashMismatch` when the content does not
 *   match its hash.
 * @example
 * ```ts
 * const { merged, rejected } = mergeFiles(copies.map(parseCosignFile))
 * rejected // forged, broken or duplicate approvals, with reasons and the copy they came from
 * ```
 */
export function mergeFiles<F extends CosignFile>(
  files: F[],
  options: CosignOptions = {},
): MergeFilesReturnType<F> {
  if (!Array.isArray(files)) {
    // mergeFiles(a, b) would read b as the options and a as the list: say what was meant.
    throw new CosignError('mergeFiles takes an array of files: mergeFiles([a, b])', {
      code: 'InvalidShape',
      details: { expected: 'an array of parsed files', got: typeof files },
      remedy: 'Pass the copies in one array: mergeFiles([first, second, …]).',
    })
  }
  const first = files[0]
  if (!first) {
    throw new CosignError('Nothing to merge', {
      code: 'DifferentContent',
      details: { expected: 'at least one copy', got: 'none' },
    })
  }
  const contents = files.map(content)
  files.forEach((file, copy) => {
    const differences: string[] = []
    if (file.kind !== first.kind) differences.push(`kind: ${first.kind} vs ${file.kind}`)
    else diff(contents[0], contents[copy], '', differences)
    if (differences.length === 0) return
    const field = differences[0]!.split(':')[0]!
    throw new CosignError(`Copies 0 and ${copy} are different ${first.kind}s: ${field} differs`, {
      code: 'DifferentContent',
      details: { field, differences: differences.map((line) => `\n    ${line}`).join(''), copy },
      remedy: `Merge only copies of the same ${first.kind}: every co-signer signs the file they were sent, unchanged.`,
    })
  })
  checkHashes(first)
  const reports = files.map((file) => verifyFile(file, options))
  const approvals = reports.flatMap((report, copy) => report.approvals.map((a) => ({ ...a, copy })))
  // Per signer, the smallest valid signature of any copy.
  const kept = new Map<string, Approval>()
  for (const { ok, approval } of approvals) {
    const current = kept.get(approval.signer)
    if (ok && (!current || approval.signature < current.signature)) kept.set(approval.signer, approval)
  }
  // casper-node refuses more approvals than max_associated_keys (ExcessiveApprovals): a merge
  // that would make such a file is refused with the count.
  const { network } = resolveCosignOptions(options)
  if (kept.size > network.maxAssociatedKeys)
    throw tooManyApprovals(
      `${kept.size} valid approvals from ${files.length} copies`,
      network.maxAssociatedKeys,
      'approvals',
    )
  const rejected: MergeFilesReturnType<F>['rejected'] = []
  const reported = new Set<string>()
  for (const a of approvals) {
    const { approval, copy } = a
    const winner = a.ok ? kept.get(approval.signer)! : undefined
    const key = `${copy}:${approval.signer}:${approval.signature}`
    if (reported.has(key) || winner?.signature === approval.signature) continue
    reported.add(key)
    rejected.push(
      a.ok
        ? {
            approval,
            copy,
            reason: 'DuplicateSigner',
            message: `expected one approval per signer, got another valid signature by account-hash-${a.accountHash.slice(0, 8)}…; kept the smaller signature ${winner!.signature.slice(0, 10)}…`,
          }
        : { approval, copy, reason: a.reason, message: a.message },
    )
  }
  const sorted = [...kept.values()].sort((a, b) => (a.signer < b.signer ? -1 : 1))
  const inFirst = new Set(first.approvals.map((a) => `${a.signer}:${a.signature}`))
  // The copies agree; the one written smallest is the base, so the order of the copies does not matter.
  const texts = files.map((file) => stringifyCosignFile(withApprovals(file, [])))
  const base = files[texts.indexOf([...texts].sort()[0]!)]!
  return {
    merged: withApprovals(base, sorted),
    approvals,
    added: sorted.filter((a) => !inFirst.has(`${a.signer}:${a.signature}`)),
    rejected,
  }
}

/** The deploy or transaction object as JSON, without its approvals and its wrapper. */
function content(file: CosignFile): Record<string, unknown> {
  const json = fileToJson(file) as unknown as Record<string, Record<string, unknown>>
  const { approvals: _, ...rest } = file.kind === 'deploy' ? json : json.Version1!
  return rest
}

/** Fields of a deploy or transaction in the order a difference is named: what is hashed before the hashes. */
const fieldOrder = ['payment', 'session', 'payload', 'header', 'hash']

/** Appends `path: a vs b` for every leaf where two JSON values differ, object key order ignored. */
function diff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: ${a.length} items vs ${b.length} items`)
    else for (const [i, item] of a.entries()) diff(item, b[i], `${path}[${i}]`, out)
  } else if (isObject(a) && isObject(b)) {
    const rank = (key: string) => (path ? 0 : fieldOrder.indexOf(key) + 1 || fieldOrder.length + 1)
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(
      (x, y) => rank(x) - rank(y) || (x < y ? -1 : 1),
    )
    for (const key of keys) diff(a[key], b[key], path ? `${path}.${key}` : key, out)
  } else if (a !== b) out.push(`${path}: ${show(a)} vs ${show(b)}`)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function show(value: unknown): string {
  const text = value === undefined ? 'missing' : JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 24)}…${text.slice(-8)}` : text
}
