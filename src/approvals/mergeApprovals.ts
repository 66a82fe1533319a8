// Combines the approvals of several signed copies of one deploy into one deploy, deterministically.

import type { ApprovalJson, DeployJson } from '../deploy/DeployJson.js'
import { deployHashes } from '../deploy/deployHashes.js'
import { parseDeployJson } from '../deploy/parseDeployJson.js'
import { isObject } from '../encoding/isObject.js'
import { DeployError } from '../errors/DeployError.js'
import { MergeError } from './MergeError.js'
import { approvalKey, type RejectionCode, verifyApproval } from './verifyApproval.js'

/** Why an approval was left out of the merged deploy. */
export type MergeRejectionCode = RejectionCode | 'DuplicateSigner'

/** An approval left out, the copy it came from (index in the arguments) and why. */
export type MergeRejection = {
  approval: ApprovalJson
  from: number
  reason: MergeRejectionCode
  message: string
}

/** What {@link mergeApprovals} returns. */
export type MergeApprovalsReturnType = {
  /** The merged deploy: one valid approval per signer, sorted by signer. */
  deploy: DeployJson
  /** Approvals of the merged deploy that the first copy did not carry. */
  added: ApprovalJson[]
  /** Every approval left out, once per copy that carried it; none is dropped silently. */
  rejected: MergeRejection[]
}

/**
 * The parts of a deploy that every copy must share, compared as canonical JSON (key order ignored).
 * Payment and session first: a change there also changes `header.body_hash` and `hash`, listed after it.
 */
const sharedFields = ['payment', 'session', 'header', 'hash'] as const

/**
 * Merges the approvals of copies of the same deploy (each co-signer's `casper-client sign-deploy`
 * output) into one deploy ready for `account_put_deploy`.
 *
 * - The copies must be the same deploy: `hash`, `header`, `payment` and `session` equal as JSON, and
 *   the hashes right for the content (casper-node v1.5.8 `node/src/types/deploy.rs` `has_valid_hash`).
 * - Every approval is verified ({@link verifyApproval}); invalid ones are left out and reported, since
 *   a single one makes the node refuse the whole deploy (`validate_deploy`).
 * - One approval per signer. The node counts a signer once however many approvals it has
 *   (`AssociatedKeys::calculate_keys_weight` over a set), so another valid signature by the same
 *   key only wastes one of the 100 approval slots; the lexicographically smallest signature hex is
 *   kept and the others reported as `DuplicateSigner`.
 * - Approvals are sorted by signer hex (lowercase), the order of the node's own `BTreeSet<Approval>`
 *   (`PublicKey`'s `Ord`: tag, then key bytes), not casper-client's signing order. Approval order is
 *   not covered by the deploy hash.
 *
 * Because the result depends only on the set of valid (signer, signature) pairs and picks the
 * content with a min over the copies, merging is commutative, associative and idempotent on the
 * resulting deploy.
 *
 * @throws {DeployError} `InvalidDeployJson` when a copy is not deploy JSON ({@link parseDeployJson}),
 * naming the copy and the field.
 * @throws {MergeError} `NoDeploys`, `DifferentDeploys` (naming each differing field),
 * `BodyHashMismatch` or `HashMismatch`.
 * @example
 * ```ts
 * const { deploy, added, rejected } = mergeApprovals(aliceCopy, bobCopy)
 * for (const r of rejected) console.warn(`copy ${r.from}: ${r.reason}: ${r.message}`)
 * writeFileSync('deploy.json', JSON.stringify(deploy, null, 2))
 * ```
 */
export function mergeApprovals(...copies: DeployJson[]): MergeApprovalsReturnType {
  // Copies usually come straight from JSON.parse of files co-signers sent back: check their shape first,
  // so a copy without `approvals` (say) is named as such instead of failing as a TypeError below.
  const deploys = copies.map(parseCopy)
  const first = deploys[0]
  if (!first) {
    throw new MergeError('Nothing to merge', {
      code: 'NoDeploys',
      details: { expected: 'at least one deploy', got: 'none' },
    })
  }
  deploys.forEach((copy, index) => {
    if (index === 0) return
    const differences: string[] = []
    for (const field of sharedFields) diff(first[field], copy[field], field, differences)
    if (differences.length > 0) {
      const field = differences[0]!.split(':')[0]!
      throw new MergeError(`Copies 0 and ${index} are different deploys: ${field} differs`, {
        code: 'DifferentDeploys',
        details: { field, differences: differences.map((line) => `\n    ${line}`).join('') },
        remedy:
          'Merge only copies of the same deploy: every co-signer signs the file they were sent, unchanged.',
      })
    }
  })

  // All copies are equal as canonical JSON; taking the smallest serialisation keeps the choice order-free.
  const content = deploys
    .map(({ hash, header, payment, session }) => ({ hash, header, payment, session }))
    .map((fields) => ({ fields, text: JSON.stringify(fields) }))
    .reduce((a, b) => (b.text < a.text ? b : a))

  const { bodyHash, hash } = deployHashes({ ...content.fields, approvals: [] })
  if (bodyHash !== first.header.body_hash.toLowerCase()) {
    throw new MergeError('The deploy was changed after hashing: header.body_hash is wrong', {
      code: 'BodyHashMismatch',
      details: { expected: bodyHash, got: first.header.body_hash },
      remedy: 'Payment or session was edited after the deploy was made; rebuild it and sign again.',
    })
  }
  if (hash !== first.hash.toLowerCase()) {
    throw new MergeError('The deploy was changed after hashing: hash is wrong', {
      code: 'HashMismatch',
      details: { expected: hash, got: first.hash },
      remedy: 'The header was edited after the deploy was made; rebuild it and sign again.',
    })
  }

  // Verify each distinct approval once, then keep the smallest valid signature per signer.
  const verdicts = new Map<string, ReturnType<typeof verifyApproval>>()
  const kept = new Map<string, ApprovalJson>()
  for (const copy of deploys) {
    for (const approval of copy.approvals) {
      const key = approvalKey(approval)
      let verdict = verdicts.get(key)
      if (!verdict) {
        verdict = verifyApproval(first.hash, approval)
        verdicts.set(key, verdict)
      }
      if (!verdict.ok) continue
      const normalized = {
        signer: approval.signer.toLowerCase(),
        signature: approval.signature.toLowerCase(),
      }
      const current = kept.get(normalized.signer)
      if (!current || normalized.signature < current.signature) kept.set(normalized.signer, normalized)
    }
  }

  const rejected: MergeRejection[] = []
  deploys.forEach((copy, from) => {
    const reported = new Set<string>()
    for (const approval of copy.approvals) {
      const key = approvalKey(approval)
      const verdict = verdicts.get(key)!
      const winner = verdict.ok ? kept.get(approval.signer.toLowerCase())! : undefined
      if (reported.has(key) || (winner && approvalKey(winner) === key)) continue
      reported.add(key)
      if (!verdict.ok) {
        rejected.push({ approval, from, reason: verdict.reason, message: verdict.message })
      } else {
        rejected.push({
          approval,
          from,
          reason: 'DuplicateSigner',
          message: `expected one approval per signer, got another valid signature by account-hash-${verdict.accountHash.slice(0, 8)}…; kept the smaller signature ${winner!.signature.slice(0, 10)}…`,
        })
      }
    }
  })

  const approvals = [...kept.values()].sort((a, b) =>
    a.signer < b.signer ? -1 : a.signer > b.signer ? 1 : 0,
  )
  const inFirst = new Set(first.approvals.map(approvalKey))
  return {
    deploy: { ...structuredClone(content.fields), approvals },
    added: approvals.filter((approval) => !inFirst.has(approvalKey(approval))),
    rejected,
  }
}

/** {@link parseDeployJson}, with the index of the copy added to its error. */
function parseCopy(copy: unknown, index: number): DeployJson {
  try {
    return parseDeployJson(copy)
  } catch (error) {
    if (!(error instanceof DeployError)) throw error
    throw new DeployError(`Copy ${index} is not deploy JSON: ${error.shortMessage}`, {
      code: error.code,
      details: { copy: index, ...error.details },
      remedy: error.remedy ?? 'Merge the files casper-client sign-deploy wrote, unchanged.',
      cause: error,
    })
  }
}

/** Appends `path: a vs b` for every leaf where two JSON values differ, object key order ignored. */
function diff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) {
        out.push(`${path}: ${a.length} items vs ${b.length} items`)
        return
      }
      diff(a[i], b[i], `${path}[${i}]`, out)
    }
    return
  }
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      diff(a[key], b[key], `${path}.${key}`, out)
    }
    return
  }
  if (a !== b) out.push(`${path}: ${show(a)} vs ${show(b)}`)
}

function show(value: unknown): string {
  const text = value === undefined ? 'missing' : JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 24)}…${text.slice(-8)}` : text
}
