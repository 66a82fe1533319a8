// How far a deploy's approvals are from authorizing it on an account, and which keys would finish the job.
import type { Account, AccountHashHex } from '../account/Account.js'
import { authorizationWeight, canAuthorize } from '../account/accountRules.js'
import { type ChainspecOption, resolveChainspec } from '../chainspec/resolveChainspec.js'
import type { ApprovalJson, DeployJson } from '../deploy/DeployJson.js'
import {
  type DeployProblemCode,
  type RejectionCode,
  type VerifyDeployReturnType,
  verifyDeploy,
} from './verifyApproval.js'

/**
 * Options of {@link signatureProgress}. `chainspec` (default `casperMainnet`) gives the signer rule:
 * on 1.5 one unassociated signer voids the deploy; on 2.x it counts 0.
 */
export type SignatureProgressOptions = ChainspecOption & {
  /**
   * Whether the deploy's session changes keys or thresholds, so the key-management threshold must be
   * met as well as the deployment one. Default `true` (the sessions this library builds do).
   */
  keyManagement?: boolean | undefined
  /** The deploy's (or transaction's) hashes and verified approvals, when already computed: not verified again. */
  verification?: VerifyDeployReturnType | undefined
}

/** Most missing keys for which every minimum-size completing set is listed (C(12, 6) = 924 sets at most). */
const maxEnumeratedKeys = 12

/** What {@link signatureProgress} reports. */
export type SignatureProgress = {
  /**
   * Saturating weight of the distinct associated signers with a valid approval (casper-types
   * `types/src/account/associated_keys.rs` `AssociatedKeys::calculate_keys_weight`).
   */
  weight: number
  /** The account's deployment threshold now. */
  deploymentThreshold: number
  /** The account's key-management threshold now. */
  keyManagementThreshold: number
  /** The threshold this deploy must reach: the higher of the two when `keyManagement`, else deployment. */
  needed: number
  /** Which threshold `needed` is. */
  neededFor: 'deployment' | 'key management'
  /** Associated keys with a valid approval, each once, heaviest first. */
  signed: { accountHash: AccountHashHex; publicKey: string; weight: number }[]
  /** Associated keys with no valid approval yet, heaviest first. */
  missing: { accountHash: AccountHashHex; weight: number }[]
  /**
   * The smallest sets of missing keys whose approvals would reach `needed`. All sets of the minimum
   * size when at most 12 keys with weight are missing, else one set (heaviest keys first).
   * `[[]]` when `needed` is already reached; `[]` when no set can reach it (all keys together are too light).
   * Keys within a set, and the sets, follow the order of `missing` (heaviest first, then account hash).
   */
  neededSets: AccountHashHex[][]
  /** Valid approvals from keys that are not associated keys: casper-node 1.5 refuses the whole deploy. */
  unassociated: { accountHash: AccountHashHex; publicKey: string }[]
  /** Approvals that do not verify: the node refuses the whole deploy until they are removed. */
  invalid: { approval: ApprovalJson; reason: RejectionCode; message: string }[]
  /** Deploy-level problems (hash mismatch, 0 or more than 100 approvals) from `verifyDeploy`. */
  problems: { code: DeployProblemCode; message: string }[]
  /**
   * True when the node would authorize the deploy now: no problems, no invalid approval, `needed`
   * reached, and the signers acceptable to the protocol (`Account::can_authorize`).
   */
  complete: boolean
  /** One line for people, e.g. `weight 2 of 3 (key management); still needed: one of account-hash-c863d586…`. */
  summary: string
}

/**
 * Compares a deploy's valid approvals with an account's associated keys and thresholds (as they are
 * now; a key-management session is checked against the account as it was at deploy start). Weights
 * follow casper-types `AssociatedKeys::calculate_keys_weight` (each signer once, saturating at 255)
 * and `Account::can_authorize` (v1.5.8 `types/src/account.rs`; 2.0 `RuntimeFootprint`).
 *
 * @example
 * ```ts
 * const progress = signatureProgress(deploy, account)
 * console.log(progress.summary) // 'weight 1 of 2 (key management); still needed: one of account-hash-c863d586…'
 * if (progress.complete) await submit(deploy)
 * ```
 */
export function signatureProgress(
  deploy: DeployJson,
  account: Account,
  options: SignatureProgressOptions = {},
): SignatureProgress {
  const keyManagement = options.keyManagement ?? true
  const chainspec = resolveChainspec(options)
  const protocol = chainspec.authorization === 'everySignerAssociated' ? '1.5' : '2.0'
  const report = options.verification ?? verifyDeploy(deploy)
  const { deployment, keyManagement: keyManagementThreshold } = account.actionThresholds
  const neededFor = keyManagement && keyManagementThreshold >= deployment ? 'key management' : 'deployment'
  const needed = neededFor === 'key management' ? keyManagementThreshold : deployment

  const publicKeys = new Map<AccountHashHex, string>()
  for (const { accountHash, approval } of report.valid) {
    if (!publicKeys.has(accountHash)) publicKeys.set(accountHash, approval.signer.toLowerCase())
  }
  const signers = [...publicKeys.keys()]
  const byWeight = <T extends { accountHash: string; weight: number }>(a: T, b: T) =>
    b.weight - a.weight || (a.accountHash < b.accountHash ? -1 : 1)

  const signed = signers
    .filter((hash) => hash in account.associatedKeys)
    .map((accountHash) => ({
      accountHash,
      publicKey: publicKeys.get(accountHash)!,
      weight: account.associatedKeys[accountHash]!,
    }))
    .sort(byWeight)
  const unassociated = signers
    .filter((hash) => !(hash in account.associatedKeys))
    .sort()
    .map((accountHash) => ({ accountHash, publicKey: publicKeys.get(accountHash)! }))
  const missing = Object.entries(account.associatedKeys)
    .filter(([hash]) => !publicKeys.has(hash))
    .map(([accountHash, weight]) => ({ accountHash, weight }))
    .sort(byWeight)
  const weight = authorizationWeight(account, signers)
  const neededSets = completingSets(account, signers, missing, needed)
  const invalid = report.rejected.map(({ approval, reason, message }) => ({ approval, reason, message }))
  const complete =
    report.problems.length === 0 &&
    invalid.length === 0 &&
    weight >= needed &&
    canAuthorize(account, signers, chainspec)

  return {
    weight,
    deploymentThreshold: deployment,
    keyManagementThreshold,
    needed,
    neededFor,
    signed,
    missing,
    neededSets,
    unassociated,
    invalid,
    problems: report.problems,
    complete,
    summary: summarize(
      { weight, needed, neededFor, neededSets, missing, unassociated, invalid, protocol, complete },
      report.problems,
    ),
  }
}

/** Minimum-cardinality sets of missing keys that reach `needed` together with `signers`. */
function completingSets(
  account: Account,
  signers: AccountHashHex[],
  missing: { accountHash: AccountHashHex; weight: number }[],
  needed: number,
): AccountHashHex[][] {
  if (authorizationWeight(account, signers) >= needed) return [[]]
  // Keys of weight 0 never help; heaviest first, so the greedy prefix is a smallest completing set.
  const useful = missing.filter((key) => key.weight > 0).map((key) => key.accountHash)
  const reaches = (set: AccountHashHex[]) => authorizationWeight(account, [...signers, ...set]) >= needed
  let size = 0
  while (size <= useful.length && !reaches(useful.slice(0, size))) size++
  if (size > useful.length) return []
  if (useful.length > maxEnumeratedKeys) return [useful.slice(0, size)]
  const sets: AccountHashHex[][] = []
  const choose = (start: number, chosen: AccountHashHex[]) => {
    if (chosen.length === size) {
      if (reaches(chosen)) sets.push([...chosen])
      return
    }
    for (let i = start; i <= useful.length - (size - chosen.length); i++)
      choose(i + 1, [...chosen, useful[i]!])
  }
  choose(0, [])
  return sets
}

function summarize(
  progress: Pick<
    SignatureProgress,
    'weight' | 'needed' | 'neededFor' | 'neededSets' | 'missing' | 'unassociated' | 'invalid' | 'complete'
  > & { protocol: '1.5' | '2.0' },
  problems: SignatureProgress['problems'],
): string {
  const parts = [`weight ${progress.weight} of ${progress.needed} (${progress.neededFor})`]
  const sets = progress.neededSets
  if (sets.length === 0) {
    const total = progress.missing.reduce((sum, key) => Math.min(255, sum + key.weight), progress.weight)
    parts.push(`cannot be reached: every associated key together holds ${total}`)
  } else if (sets.length === 1 && sets[0]!.length === 0) {
    parts.push('threshold reached')
  } else if (sets.length > 1 && sets.every((set) => set.length === 1)) {
    parts.push(`still needed: one of ${sets.map((set) => label(set[0]!)).join(', ')}`)
  } else if (sets.length === 1) {
    const keys = sets[0]!.map(label)
    parts.push(`still needed: ${keys.length === 1 ? keys[0] : `all of ${keys.join(', ')}`}`)
  } else {
    const shown = sets.slice(0, 3).map((set) => set.map(label).join(' + '))
    parts.push(
      `still needed: ${shown.join(', or ')}${sets.length > 3 ? `, or ${sets.length - 3} more sets` : ''}`,
    )
  }
  if (progress.unassociated.length > 0) {
    const who = progress.unassociated.map((key) => label(key.accountHash)).join(', ')
    parts.push(
      progress.protocol === '1.5'
        ? `remove the approval of unassociated ${who} (casper-node 1.5 refuses the deploy)`
        : `unassociated ${who} counts 0`,
    )
  }
  if (progress.invalid.length > 0) {
    parts.push(
      `remove ${progress.invalid.length} invalid approval(s) (${[...new Set(progress.invalid.map((i) => i.reason))].join(', ')})`,
    )
  }
  for (const problem of problems) parts.push(problem.code)
  parts.push(progress.complete ? 'ready to send' : 'not ready')
  return parts.join('; ')
}

function label(accountHash: AccountHashHex): string {
  return `account-hash-${accountHash.slice(0, 8)}…`
}
