// How far the approvals on a deploy or transaction go toward the account's threshold, and which keys
// would finish the job: the one progress calculator of both entries.
import type { Account, AccountHashHex } from '../account/Account.js'
import { authorizationWeight, canAuthorize } from '../account/accountRules.js'
import { completingSets, missingKeys } from '../account/completingSets.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import type { StrictJson } from '../encoding/parseStrictJson.js'
import type { RejectionCode } from '../keys/verifyApproval.js'
import type { Approval, CosignFile } from './CosignFile.js'
import { type CosignOptions, resolveCosignOptions } from './cosignNetwork.js'
import { describeFile } from './describeFile.js'
import { parseCosignJson } from './parseCosignJson.js'
import { array, integer, invalidShape, object, string } from './readShape.js'
import type { ApprovalVerdict, FileProblemCode } from './verifyFile.js'

/** A problem that keeps the file from being sent: one of `verifyFile`'s, or no approval at all. */
export type ProgressProblemCode = FileProblemCode | 'EmptyApprovals'

/** What `signingProgress` (the main entry: `signatureProgress`) reports. */
export type SigningProgress = {
  /**
   * Saturating weight of the distinct associated signers with a valid approval (casper-types
   * `types/src/account/associated_keys.rs` `AssociatedKeys::calculate_keys_weight`).
   */
  weight: number
  /** The account's deployment threshold now. */
  deploymentThreshold: number
  /** The account's key-management threshold now. */
  keyManagementThreshold: number
  /** The threshold the file must reach: the higher of the two when it manages keys, else deployment. */
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
  /** Valid approvals from keys that are not associated keys: casper-node 1.5 refuses the whole file. */
  unassociated: { accountHash: AccountHashHex; publicKey: string }[]
  /** Approvals that do not verify: the node refuses the whole file until they are removed. */
  invalid: { approval: Approval; reason: RejectionCode; message: string }[]
  /** What keeps the file from being sent besides its signatures (a hash mismatch, no approval, …). */
  problems: { code: ProgressProblemCode; message: string }[]
  /**
   * True when the node would authorize the file now: no problems, no invalid approval, `needed`
   * reached, and the signers acceptable to the protocol (`Account::can_authorize`).
   */
  complete: boolean
  /** One line for people, e.g. `weight 2 of 3 (key management); still needed: one of account-hash-c863d586…; not ready`. */
  summary: string
}

/** Options of {@link signingProgress}. */
export type SigningProgressOptions = CosignOptions & {
  /**
   * Whether the session changes keys or thresholds, so the key-management threshold must be met as
   * well as the deployment one. Default: read from the file (a bundled session that changes keys,
   * or Wasm casper-multisig does not know).
   */
  keyManagement?: boolean | undefined
}

/**
 * Compares the valid approvals of a deploy or TransactionV1 with an account's associated keys and
 * thresholds (as they are now; a key-management session is checked against the account as it was
 * at the start). Weights follow casper-types `AssociatedKeys::calculate_keys_weight` (each signer
 * once, saturating at 255) and `Account::can_authorize` with the network's `authorization` rule
 * (2.x: any associated signer authorizes, unassociated ones weigh 0; 1.5: every signer must be
 * associated). Every problem `verifyFile` finds against `options.network` and `options.now`
 * (hashes, chain, expiry) keeps it from being complete.
 *
 * @example
 * ```ts
 * const progress = signingProgress(file, account, { network: testnet })
 * progress.summary // 'weight 1 of 2 (key management); still needed: one of account-hash-c863d586…; not ready'
 * ```
 */
export function signingProgress(
  file: CosignFile,
  account: Account,
  options: SigningProgressOptions = {},
): SigningProgress {
  const description = describeFile(file, options)
  const { approvals, approvalCount, problems } = description.verification
  return progressOf(approvals, approvalCount === 0 ? [...problems, noApprovals] : problems, account, {
    keyManagement: options.keyManagement ?? needsKeyManagement(file, description),
    rules: resolveCosignOptions(options).network,
  })
}

/**
 * Whether the key-management threshold applies to the file: its session is a bundled one that
 * changes keys or thresholds, or Wasm casper-multisig does not know (it may change them).
 *
 * @example
 * ```ts
 * needsKeyManagement(file) // true for a configure-account session
 * ```
 */
export function needsKeyManagement(file: CosignFile, description = describeFile(file)): boolean {
  return description.changes.length > 0 || description.code.kind === 'unknown-wasm'
}

/** The problem a file without approvals has: the node refuses it (`EmptyApprovals`). */
export const noApprovals = { code: 'EmptyApprovals', message: 'expected at least 1 approval, got 0' } as const

/**
 * The calculator behind {@link signingProgress}, from approvals already verified and the problems
 * already found (so each approval is verified once, wherever that happened).
 */
export function progressOf(
  approvals: readonly ApprovalVerdict[],
  problems: SigningProgress['problems'],
  account: Account,
  options: { keyManagement: boolean; rules: Pick<Chainspec, 'authorization'> },
): SigningProgress {
  const { deployment, keyManagement: keyManagementThreshold } = account.actionThresholds
  const neededFor =
    options.keyManagement && keyManagementThreshold >= deployment ? 'key management' : 'deployment'
  const needed = neededFor === 'key management' ? keyManagementThreshold : deployment
  const publicKeys = new Map<AccountHashHex, string>()
  const invalid: SigningProgress['invalid'] = []
  for (const v of approvals) {
    if (!v.ok) invalid.push({ approval: v.approval, reason: v.reason, message: v.message })
    else if (!publicKeys.has(v.accountHash)) publicKeys.set(v.accountHash, v.approval.signer.toLowerCase())
  }
  const signers = [...publicKeys.keys()]
  // The keys that signed are the ones missing once every key that did not sign is counted as signed.
  const unsigned = Object.keys(account.associatedKeys).filter((hash) => !publicKeys.has(hash))
  const signed = missingKeys(account, unsigned).map((k) => ({
    ...k,
    publicKey: publicKeys.get(k.accountHash)!,
  }))
  const missing = missingKeys(account, signers)
  const unassociated = signers
    .filter((hash) => !(hash in account.associatedKeys))
    .sort()
    .map((accountHash) => ({ accountHash, publicKey: publicKeys.get(accountHash)! }))
  const weight = authorizationWeight(account, signers)
  const neededSets = completingSets(account, signers, missing, needed)
  const complete =
    problems.length === 0 &&
    invalid.length === 0 &&
    weight >= needed &&
    canAuthorize(account, signers, options.rules)
  const progress = {
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
    problems,
    complete,
  } as const
  return { ...progress, summary: summarize(progress, options.rules.authorization) }
}

function summarize(p: Omit<SigningProgress, 'summary'>, rule: Chainspec['authorization']): string {
  const label = (accountHash: AccountHashHex) => `account-hash-${accountHash.slice(0, 8)}…`
  const parts = [`weight ${p.weight} of ${p.needed} (${p.neededFor})`]
  const sets = p.neededSets
  if (sets.length === 0) {
    const total = p.missing.reduce((sum, key) => Math.min(255, sum + key.weight), p.weight)
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
  if (p.unassociated.length > 0) {
    const who = p.unassociated.map((key) => label(key.accountHash)).join(', ')
    parts.push(
      rule === 'everySignerAssociated'
        ? `remove the approval of unassociated ${who} (casper-node 1.5 refuses the deploy)`
        : `unassociated ${who} counts 0`,
    )
  }
  if (p.invalid.length > 0) {
    parts.push(
      `remove ${p.invalid.length} invalid approval(s) (${[...new Set(p.invalid.map((i) => i.reason))].join(', ')})`,
    )
  }
  for (const problem of p.problems) parts.push(problem.code)
  parts.push(p.complete ? 'ready to send' : 'not ready')
  return parts.join('; ')
}

/**
 * Reads an account's keys and thresholds from JSON as `state_get_account_info` returns it: the
 * whole response, its `result`, `{ account }` or the account object.
 *
 * @throws {CosignError} `InvalidJson` or `InvalidShape`.
 * @example
 * ```ts
 * const account = parseAccountJson(pastedText)
 * ```
 */
export function parseAccountJson(text: string): Account {
  let value: StrictJson = parseCosignJson(text)
  for (const key of ['result', 'account', 'Account']) {
    if (value && typeof value === 'object' && !Array.isArray(value) && key in value) value = value[key]!
  }
  const account = object(
    value,
    'account',
    ['account_hash', 'associated_keys', 'action_thresholds'],
    ['named_keys', 'main_purse'],
  )
  const hash = (v: unknown, path: string) =>
    string(v, path, /^account-hash-[0-9a-f]{64}$/, 'account-hash- + 64 lowercase hex').slice(13)
  const associatedKeys: Record<string, number> = {}
  array(account.associated_keys, 'account.associated_keys').forEach((k, i) => {
    const key = object(k, `account.associated_keys[${i}]`, ['account_hash', 'weight'])
    const h = hash(key.account_hash, `account.associated_keys[${i}].account_hash`)
    if (h in associatedKeys) throw invalidShape(`account.associated_keys[${i}]`, 'each key once', h)
    associatedKeys[h] = integer(key.weight, `account.associated_keys[${i}].weight`, 255)
  })
  const t = object(
    account.action_thresholds,
    'account.action_thresholds',
    ['deployment', 'key_management'],
    ['upgrade_management'],
  )
  return {
    accountHash: hash(account.account_hash, 'account.account_hash'),
    associatedKeys,
    actionThresholds: {
      deployment: integer(t.deployment, 'account.action_thresholds.deployment', 255),
      keyManagement: integer(t.key_management, 'account.action_thresholds.key_management', 255),
    },
  }
}
