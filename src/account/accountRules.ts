// casper-node's account rules for associated keys and action thresholds, one function per check.
//
// Transcribed from casper-types `account.rs`, `account/associated_keys.rs`,
// `account/action_thresholds.rs` and the callers in execution_engine `runtime_context/mod.rs`
// (casper-node v1.5.8). The emulator, validation and the planner all use these functions, so the
// three can never disagree.
import type { Chainspec } from '../chainspec/Chainspec.js'
import type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
import type { Account, AccountHashHex, ActionThresholds } from './Account.js'

/** Maximum associated keys per account (`core.max_associated_keys` of the mainnet chainspec); rules read `chainspec.maxAssociatedKeys`. */
export const maxAssociatedKeys = 100

/** `casper_set_action_threshold`'s action type: 0 Deployment, 1 KeyManagement, 2 UpgradeManagement (2.0). */
export type ActionType = 'deployment' | 'keyManagement' | 'upgradeManagement'

/** Why an account operation failed, named after casper-types' failure enums. */
export type AccountRuleFailure =
  | 'MaxKeysLimit'
  | 'DuplicateKey'
  | 'MissingKey'
  | 'ThresholdViolation'
  | 'KeyManagementThreshold'
  | 'DeploymentThreshold'
  | 'InsufficientTotalWeight'

/** Outcome of one account operation: the new account, or the failure and the account unchanged. */
export type AccountRuleResult = { ok: true; account: Account } | { ok: false; failure: AccountRuleFailure }

/** Sum of u8 weights, saturating at 255 like casper-types `Weight` arithmetic. */
export function saturatingWeightSum(weights: Iterable<number>): number {
  let sum = 0
  for (const weight of weights) sum = Math.min(255, sum + weight)
  return sum
}

/** Total weight of all associated keys (`AssociatedKeys::total_keys_weight`). */
export function totalKeysWeight(account: Account): number {
  return saturatingWeightSum(Object.values(account.associatedKeys))
}

/** Total weight of all keys but one (`AssociatedKeys::total_keys_weight_excluding`). */
function totalKeysWeightExcluding(account: Account, excluded: AccountHashHex): number {
  return saturatingWeightSum(
    Object.entries(account.associatedKeys)
      .filter(([hash]) => hash !== excluded)
      .map(([, weight]) => weight),
  )
}

/**
 * Weight of a set of authorization keys: the associated ones count, each once
 * (`AssociatedKeys::calculate_keys_weight`).
 */
export function authorizationWeight(account: Account, authorizationKeys: Iterable<AccountHashHex>): number {
  return saturatingWeightSum([...new Set(authorizationKeys)].map((hash) => account.associatedKeys[hash] ?? 0))
}

/**
 * Whether the signers may act for the account at all, by the chainspec's `authorization` rule
 * (default `casperMainnet`'s): at least one key, and 1.5 `Account::can_authorize` every key
 * associated; 2.x `RuntimeFootprint::can_authorize` (types/src/runtime_footprint.rs) at least one.
 * The weights are checked separately ({@link canDeployWith}, {@link canManageKeysWith}).
 *
 * @param rules A chainspec (its `authorization`), or the legacy protocol name `'1.5'` / `'2.0'`.
 * @example
 * ```ts
 * canAuthorize(account, [owner, stranger], casperMainnet) // true: the stranger weighs 0
 * canAuthorize(account, [owner, stranger], casper15) // false
 * ```
 */
export function canAuthorize(
  account: Account,
  authorizationKeys: Iterable<AccountHashHex>,
  rules: Pick<Chainspec, 'authorization'> | ProtocolGeneration = { authorization: 'anySignerAssociated' },
): boolean {
  const rule =
    rules === '1.5' ? 'everySignerAssociated' : rules === '2.0' ? 'anySignerAssociated' : rules.authorization
  const keys = [...authorizationKeys]
  const associated = (hash: AccountHashHex) => hash in account.associatedKeys
  return (
    keys.length > 0 && (rule === 'everySignerAssociated' ? keys.every(associated) : keys.some(associated))
  )
}

/** `Account::can_deploy_with`: the keys reach the deployment threshold. */
export function canDeployWith(account: Account, authorizationKeys: Iterable<AccountHashHex>): boolean {
  return authorizationWeight(account, authorizationKeys) >= account.actionThresholds.deployment
}

/** `Account::can_manage_keys_with`: the keys reach the key-management threshold. */
export function canManageKeysWith(account: Account, authorizationKeys: Iterable<AccountHashHex>): boolean {
  return authorizationWeight(account, authorizationKeys) >= account.actionThresholds.keyManagement
}

/**
 * `RuntimeContext::add_associated_key` after its permission check: MaxKeysLimit when the account
 * already has `maxKeys` keys, DuplicateKey when present. No threshold is checked.
 */
export function addAssociatedKey(
  account: Account,
  accountHash: AccountHashHex,
  weight: number,
  maxKeys: number = maxAssociatedKeys,
): AccountRuleResult {
  if (Object.keys(account.associatedKeys).length >= maxKeys) return { ok: false, failure: 'MaxKeysLimit' }
  if (accountHash in account.associatedKeys) return { ok: false, failure: 'DuplicateKey' }
  return { ok: true, account: withKeys(account, { ...account.associatedKeys, [accountHash]: weight }) }
}

/**
 * `Account::update_associated_key`: only a lowering is checked, against both thresholds, using the
 * weight of the other keys plus the new weight.
 */
export function updateAssociatedKey(
  account: Account,
  accountHash: AccountHashHex,
  weight: number,
): AccountRuleResult {
  const current = account.associatedKeys[accountHash]
  if (current === undefined) return { ok: false, failure: 'MissingKey' }
  if (weight < current) {
    const remaining = saturatingWeightSum([totalKeysWeightExcluding(account, accountHash), weight])
    if (!meetsThresholds(remaining, account.actionThresholds))
      return { ok: false, failure: 'ThresholdViolation' }
  }
  return { ok: true, account: withKeys(account, { ...account.associatedKeys, [accountHash]: weight }) }
}

/** `Account::remove_associated_key`: the other keys must still reach both thresholds. */
export function removeAssociatedKey(account: Account, accountHash: AccountHashHex): AccountRuleResult {
  if (!(accountHash in account.associatedKeys)) return { ok: false, failure: 'MissingKey' }
  if (!meetsThresholds(totalKeysWeightExcluding(account, accountHash), account.actionThresholds)) {
    return { ok: false, failure: 'ThresholdViolation' }
  }
  const { [accountHash]: _removed, ...rest } = account.associatedKeys
  return { ok: true, account: withKeys(account, rest) }
}

/**
 * `Account::set_action_threshold`: first the total weight of all keys must reach the new value
 * (InsufficientTotalWeight), then deployment may never exceed key management
 * (`ActionThresholds::set_deployment_threshold` / `set_key_management_threshold`).
 */
export function setActionThreshold(
  account: Account,
  actionType: ActionType,
  threshold: number,
): AccountRuleResult {
  if (threshold > totalKeysWeight(account)) return { ok: false, failure: 'InsufficientTotalWeight' }
  const thresholds = account.actionThresholds
  if (actionType === 'deployment' && threshold > thresholds.keyManagement) {
    return { ok: false, failure: 'DeploymentThreshold' }
  }
  if (actionType === 'keyManagement' && thresholds.deployment > threshold) {
    return { ok: false, failure: 'KeyManagementThreshold' }
  }
  return { ok: true, account: { ...account, actionThresholds: { ...thresholds, [actionType]: threshold } } }
}

/** `Account::can_update_key` / `can_remove_key`: a weight that still meets deployment and key management. */
function meetsThresholds(weight: number, thresholds: ActionThresholds): boolean {
  return weight >= thresholds.deployment && weight >= thresholds.keyManagement
}

function withKeys(account: Account, associatedKeys: Record<AccountHashHex, number>): Account {
  return { ...account, associatedKeys }
}
