// Checks a target account configuration against casper-node's rules and against ways to lock yourself out.
//
// Errors mirror the checks in casper-types `account.rs`, `account/action_thresholds.rs`,
// `account/associated_keys.rs` and execution_engine `runtime_context/mod.rs` (casper-node v1.5.8),
// through the same functions the emulator uses (./accountRules.ts), plus the library's own refusal
// of thresholds of 0. Warnings are configurations the node accepts that are easy to regret.

import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import type { AccountHashHex } from './Account.js'
import {
  type AccountConfigInput,
  type NormalizedAccountConfig,
  type NormalizedAssociatedKeyConfig,
  normalizeConfig,
} from './AccountConfig.js'
import type { AccountError } from './AccountError.js'
import { type AccountIdentifier, accountHashOf } from './accountHash.js'
import { saturatingWeightSum } from './accountRules.js'

/** A threshold of an `AccountConfig`: `deployment`, `keyManagement` or (Casper 2.0) `upgradeManagement`. */
export type ThresholdName = 'deployment' | 'keyManagement' | 'upgradeManagement'

/** A key a finding is about: its `account-hash-…` text, label, position in the configuration and weight. */
export type FindingKey = {
  /** `account-hash-<64 hex>`. */
  key: string
  label?: string | undefined
  /** Position of the entry in `config.associatedKeys`. */
  index: number
  weight: number
}

/** The values each finding carries in `details`, by code. */
export type FindingDetailsByCode = {
  NoKeys: { thresholds: Record<ThresholdName, number | undefined> }
  TooManyKeys: { keyCount: number; maxAssociatedKeys: number }
  DuplicateKey: { key: string; labels: (string | undefined)[]; indices: number[]; weights: number[] }
  WeightOutOfRange: FindingKey
  ThresholdOutOfRange: { threshold: ThresholdName; value: number }
  ThresholdZero: { threshold: ThresholdName }
  DeploymentAboveKeyManagement: { deployment: number; keyManagement: number }
  ThresholdAboveTotalWeight: { threshold: ThresholdName; value: number; totalWeight: number }
  ZeroWeightKey: FindingKey
  SingleKeyControl: { keyManagement: number; keys: FindingKey[] }
  SingleKeyLossLocksOut: {
    keyManagement: number
    totalWeight: number
    /** Each key whose loss locks key management, with the weight the other keys hold together. */
    keys: (FindingKey & { remainingWeight: number })[]
  }
  KeyLossMarginNotMet: {
    keyManagement: number
    /** `options.lossMargin`: how many keys the account must be able to lose. */
    margin: number
    /** How many keys it can lose, whichever they are, and still reach key management. */
    survivableLosses: number
    /** The heaviest `margin` keys, whose loss together is the worst case. */
    keys: FindingKey[]
    remainingWeight: number
  }
  DeployerRemoved: { deployer: string; label?: string | undefined; currentWeight?: number | undefined }
  DeployerLosesKeyManagement: {
    deployer: string
    label?: string | undefined
    /** The deployer's weight in the new configuration (0 when absent). */
    weight: number
    keyManagement: number
    /** Present when `options.current` was given. */
    currentWeight?: number | undefined
    currentKeyManagement?: number | undefined
  }
}

/** Stable identifier of a finding; see {@link validateConfig} for what each means. */
export type FindingCode = keyof FindingDetailsByCode

/** Codes whose findings are errors: the node would refuse the configuration, or the account would be unusable. */
export type ErrorFindingCode =
  | 'NoKeys'
  | 'TooManyKeys'
  | 'DuplicateKey'
  | 'WeightOutOfRange'
  | 'ThresholdOutOfRange'
  | 'ThresholdZero'
  | 'DeploymentAboveKeyManagement'
  | 'ThresholdAboveTotalWeight'

/** Codes whose findings are warnings: legal, but dangerous. */
export type WarningFindingCode = Exclude<FindingCode, ErrorFindingCode>

/** One problem with a configuration: a stable code, its severity, what to change, and the values involved. */
export type Finding<code extends FindingCode = FindingCode> = {
  [C in code]: {
    code: C
    severity: C extends ErrorFindingCode ? 'error' : 'warning'
    /** What is wrong and what to change, with the numbers. */
    message: string
    details: FindingDetailsByCode[C]
  }
}[code]

/** Options of {@link validateConfig}. `chainspec` (default `casperMainnet`) gives `max_associated_keys`. */
export type ValidateConfigOptions = {
  /** The network whose limits apply; default `casperMainnet`. */
  chainspec?: Chainspec | undefined
  /** The key that will sign and send the change; enables `DeployerRemoved` and `DeployerLosesKeyManagement`. */
  deployer?: AccountIdentifier | undefined
  /** The account's configuration before the change, e.g. `configFromAccount(account)`. */
  current?: AccountConfigInput | undefined
  /**
   * How many keys the account must be able to lose, whichever they are, and still reach key
   * management. Default 1 (`SingleKeyLossLocksOut`); above 1 enables `KeyLossMarginNotMet`.
   */
  lossMargin?: number | undefined
}

/** Result of {@link validateConfig}. */
export type ValidateConfigReturnType = {
  /** `true` when there are no errors (warnings allowed). */
  ok: boolean
  errors: Finding<ErrorFindingCode>[]
  warnings: Finding<WarningFindingCode>[]
  /** Errors then warnings, each in check order. */
  findings: Finding[]
}

/** Errors {@link validateConfig} throws: `AccountError` for a key (or deployer) that names no account. */
export type ValidateConfigErrorType = AccountError

const thresholdNames: Record<ThresholdName, string> = {
  deployment: 'deployment',
  keyManagement: 'key management',
  upgradeManagement: 'upgrade management',
}

/**
 * Checks a configuration an account should be changed to, and says what to fix.
 *
 * A weight or threshold that is not an integer 0..255 is reported once and left out of the other
 * checks (sums, comparisons), so one mistake gives one finding. When a key appears twice, its first
 * entry counts. Keys are compared by account hash, so a public key and its `account-hash-…` text
 * are the same key.
 *
 * | Code | Severity | Meaning | What to do | Mirrors |
 * | --- | --- | --- | --- | --- |
 * | `NoKeys` | error | No associated keys: nothing can ever reach a threshold. | Add a key. | `account.rs` `can_set_threshold` (total weight 0) |
 * | `TooManyKeys` | error | More distinct keys than the chainspec's `max_associated_keys` (100 on mainnet). | Remove keys. | `runtime_context` `add_associated_key` `MaxKeysLimit` |
 * | `DuplicateKey` | error | The same account hash twice, in any text form. | Keep one entry. | `associated_keys.rs` `add_key` `DuplicateKey` |
 * | `WeightOutOfRange` | error | A weight that is not an integer 0..255. | Use 0..255. | `Weight(u8)` |
 * | `ThresholdOutOfRange` | error | A threshold that is not an integer 0..255. | Use 1..255. | `Weight(u8)` |
 * | `ThresholdZero` | error | A threshold of 0: the node accepts it, the library refuses it. | Use at least 1. | library rule |
 * | `DeploymentAboveKeyManagement` | error | Deployment threshold above key management. | Lower deployment or raise key management. | `action_thresholds.rs` `set_deployment_threshold` |
 * | `ThresholdAboveTotalWeight` | error | A threshold above the saturating sum of all weights. | Lower it or add weight. | `account.rs` `can_set_threshold` `InsufficientTotalWeight` |
 * | `ZeroWeightKey` | warning | A key with weight 0: it may sign but counts for nothing. | Give it weight or remove it. | |
 * | `SingleKeyControl` | warning | One key alone reaches key management. | Raise key management above its weight. | |
 * | `SingleKeyLossLocksOut` | warning | Losing one key leaves the others below key management. | Add weight elsewhere or lower key management. | |
 * | `KeyLossMarginNotMet` | warning | With `options.lossMargin` N above 1: losing some N keys leaves the rest below key management. | Add backup keys or weight, or lower key management. | |
 * | `DeployerRemoved` | warning | `options.deployer` is not in the new configuration. | Keep it, or have other keys sign from now on. | |
 * | `DeployerLosesKeyManagement` | warning | `options.deployer` alone reaches key management before (per `options.current`; assumed without it) but not after. | Keep its weight, or have other keys sign future changes. | |
 *
 * @throws {AccountError} code `InvalidAccountIdentifier` / `InvalidPublicKey` when a key, the deployer or a key of `current` names no account.
 * @example
 * ```ts
 * const { ok, errors, warnings } = validateConfig({
 *   associatedKeys: [
 *     { key: '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c', weight: 2, label: 'alice' },
 *     { key: '02034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa', weight: 2, label: 'bob' },
 *   ],
 *   thresholds: { deployment: 2, keyManagement: 5 },
 * })
 * // ok === false; errors[0].code === 'ThresholdAboveTotalWeight'
 * // errors[0].message: 'key management threshold 5 exceeds the total weight 4 of all keys (sums saturate
 * //   at 255); lower it to at most 4 or add weight'
 * ```
 */
export function validateConfig(
  config: AccountConfigInput,
  options: ValidateConfigOptions = {},
): ValidateConfigReturnType {
  const normalized = normalizeConfig(config)
  const entries = normalized.associatedKeys
  const errors: Finding<ErrorFindingCode>[] = []
  const warnings: Finding<WarningFindingCode>[] = []
  const maxKeys = (options.chainspec ?? casperMainnet).maxAssociatedKeys

  // The first entry of each account hash: the keys the account would hold.
  const distinct = new Map<AccountHashHex, number>()
  entries.forEach((entry, index) => {
    if (!distinct.has(entry.accountHash)) distinct.set(entry.accountHash, index)
  })
  const keyAt = (index: number): FindingKey => findingKey(entries[index]!, index)

  if (entries.length === 0) {
    errors.push({
      code: 'NoKeys',
      severity: 'error',
      message:
        'the configuration has no associated keys, so no signature can ever reach a threshold; add at least one key with weight reaching the key management threshold',
      details: { thresholds: thresholdValues(normalized) },
    })
  }

  // runtime_context::add_associated_key: `if account.associated_keys().len() >= max_associated_keys` -> MaxKeysLimit
  if (distinct.size > maxKeys) {
    errors.push({
      code: 'TooManyKeys',
      severity: 'error',
      message: `expected at most ${maxKeys} associated keys (core.max_associated_keys), got ${distinct.size}; remove ${distinct.size - maxKeys} ${plural(distinct.size - maxKeys, 'key')}`,
      details: { keyCount: distinct.size, maxAssociatedKeys: maxKeys },
    })
  }

  // associated_keys.rs AssociatedKeys::add_key: an existing key -> AddKeyFailure::DuplicateKey
  for (const [accountHash, first] of distinct) {
    const indices = entries.flatMap((entry, index) => (entry.accountHash === accountHash ? [index] : []))
    if (indices.length < 2) continue
    const labels = indices.map((index) => entries[index]!.label)
    const named = labels.filter((label): label is string => label !== undefined)
    errors.push({
      code: 'DuplicateKey',
      severity: 'error',
      message: `key account-hash-${accountHash}${named.length > 0 ? ` (${[...new Set(named)].join(', ')})` : ''} appears ${indices.length} times, at entries ${indices.join(', ')} (keys are compared by account hash, whatever their text form); an account holds each key once: keep one entry with the intended weight (the other checks count entry ${first}, weight ${entries[first]!.weight})`,
      details: {
        key: `account-hash-${accountHash}`,
        labels,
        indices,
        weights: indices.map((index) => entries[index]!.weight),
      },
    })
  }

  // casper-types Weight is a u8.
  entries.forEach((entry, index) => {
    if (isU8(entry.weight)) return
    errors.push({
      code: 'WeightOutOfRange',
      severity: 'error',
      message: `key ${describeKey(keyAt(index))} has weight ${entry.weight}; expected an integer from 0 to 255 (weights are u8); change it to a value in that range`,
      details: keyAt(index),
    })
  })
  const weightsValid = entries.every((entry) => isU8(entry.weight))

  const thresholds = normalized.thresholds
  const present = (['deployment', 'keyManagement', 'upgradeManagement'] as const).filter(
    (name) => name !== 'upgradeManagement' || thresholds.upgradeManagement !== undefined,
  )
  /** The value of a threshold that is a u8, else undefined: the other checks skip it. */
  const valid = (name: ThresholdName): number | undefined => {
    const value = thresholds[name]
    return value !== undefined && isU8(value) ? value : undefined
  }
  for (const name of present) {
    const value = thresholds[name]!
    if (!isU8(value)) {
      errors.push({
        code: 'ThresholdOutOfRange',
        severity: 'error',
        message: `${thresholdNames[name]} threshold is ${value}; expected an integer from 0 to 255 (thresholds are u8 weights); set it to a value from 1 to 255`,
        details: { threshold: name, value },
      })
    } else if (value === 0) {
      errors.push({
        code: 'ThresholdZero',
        severity: 'error',
        message: `${thresholdNames[name]} threshold is 0; casper-node accepts it, but the library refuses it: ${zeroThresholdRisk[name]}; set it to at least 1`,
        details: { threshold: name },
      })
    }
  }

  // action_thresholds.rs ActionThresholds::set_deployment_threshold / set_key_management_threshold:
  // deployment may never exceed key management.
  const deployment = valid('deployment')
  const keyManagement = valid('keyManagement')
  if (deployment !== undefined && keyManagement !== undefined && deployment > keyManagement) {
    errors.push({
      code: 'DeploymentAboveKeyManagement',
      severity: 'error',
      message: `deployment threshold ${deployment} exceeds the key management threshold ${keyManagement}; casper-node requires deployment <= key management: lower deployment to at most ${keyManagement} or raise key management to at least ${deployment}`,
      details: { deployment, keyManagement },
    })
  }

  const totalWeight = saturatingWeightSum([...distinct.values()].map((index) => entries[index]!.weight))
  // account.rs Account::can_set_threshold: `if new_threshold > self.associated_keys.total_keys_weight()`
  // -> SetThresholdFailure::InsufficientTotalWeight. With no keys, NoKeys already says it.
  if (weightsValid && entries.length > 0) {
    for (const name of present) {
      const value = valid(name)
      if (value === undefined || value <= totalWeight) continue
      errors.push({
        code: 'ThresholdAboveTotalWeight',
        severity: 'error',
        message: `${thresholdNames[name]} threshold ${value} exceeds the total weight ${totalWeight} of all keys (sums saturate at 255); lower it to at most ${totalWeight} or add weight`,
        details: { threshold: name, value, totalWeight },
      })
    }
  }

  if (weightsValid) {
    entries.forEach((entry, index) => {
      if (entry.weight !== 0) return
      warnings.push({
        code: 'ZeroWeightKey',
        severity: 'warning',
        message: `key ${describeKey(keyAt(index))} has weight 0: it may sign deploys but adds nothing towards any threshold; give it a weight or remove it`,
        details: keyAt(index),
      })
    })
  }

  if (weightsValid && keyManagement !== undefined && keyManagement > 0) {
    const controllers = [...distinct.values()].filter((index) => entries[index]!.weight >= keyManagement)
    if (controllers.length > 0) {
      const keys = controllers.map(keyAt)
      const heaviest = Math.max(...keys.map((key) => key.weight))
      const who =
        keys.length === 1
          ? `key ${describeWithWeight(keys[0]!)} alone reaches`
          : `keys ${keys.map(describeWithWeight).join(', ')} each alone reach`
      const fix =
        heaviest < totalWeight
          ? `raise key management to more than ${heaviest} (at most ${totalWeight}, the total weight) or lower ${keys.length === 1 ? 'its weight' : 'their weights'}`
          : 'add keys and raise key management above the heaviest single weight'
      warnings.push({
        code: 'SingleKeyControl',
        severity: 'warning',
        message: `${who} the key management threshold ${keyManagement}, so ${keys.length === 1 ? 'it' : 'any one of them'} can change every key without the others: this is not a multi-signature account; ${fix}`,
        details: { keyManagement, keys },
      })
    }

    if (entries.length > 0 && totalWeight >= keyManagement) {
      const remaining = [...distinct.values()].map((index) => ({
        ...keyAt(index),
        remainingWeight: saturatingWeightSum(
          [...distinct.values()].filter((other) => other !== index).map((other) => entries[other]!.weight),
        ),
      }))
      const locked = remaining.filter((key) => key.remainingWeight < keyManagement)
      if (locked.length > 0) {
        // Lowering key management to the least weight left after any one loss fixes this, but only
        // stays multi-signature when that is more than the heaviest single key.
        const least = Math.min(...remaining.map((key) => key.remainingWeight))
        const heaviest = Math.max(...remaining.map((key) => key.weight))
        const lowerDeployment =
          deployment !== undefined && deployment > least ? ' (and deployment with it)' : ''
        const lower = least > heaviest ? `lower key management to ${least}${lowerDeployment}, or ` : ''
        const fix = `${lower}add a backup key or weight on the other keys, so that without any one key the others still reach ${keyManagement}`
        warnings.push({
          code: 'SingleKeyLossLocksOut',
          severity: 'warning',
          message: `losing ${locked.length === 1 ? 'key' : 'any one of the keys'} ${locked.map((key) => describeKey(key, `the others hold ${key.remainingWeight}`)).join(', ')} leaves less than the key management threshold ${keyManagement}, and then the keys can never be changed again; ${fix}`,
          details: { keyManagement, totalWeight, keys: locked },
        })
      }
    }
  }

  const margin = options.lossMargin ?? 1
  if (margin > 1 && keyManagement !== undefined && entries.length > 0 && totalWeight >= keyManagement) {
    // The worst case loses the heaviest keys; count how many of those the rest survives.
    const heaviestFirst = [...distinct.values()].map(keyAt).sort((a, b) => b.weight - a.weight)
    const remainingAfter = (n: number) => saturatingWeightSum(heaviestFirst.slice(n).map((key) => key.weight))
    let survivableLosses = 0
    while (survivableLosses < heaviestFirst.length && remainingAfter(survivableLosses + 1) >= keyManagement)
      survivableLosses++
    if (survivableLosses < margin) {
      const lost = heaviestFirst.slice(0, margin)
      warnings.push({
        code: 'KeyLossMarginNotMet',
        severity: 'warning',
        message: `losing ${margin} keys (${lost.map(describeWithWeight).join(', ')}) leaves weight ${remainingAfter(margin)}, below the key management threshold ${keyManagement}: the account survives the loss of only ${survivableLosses} key${survivableLosses === 1 ? '' : 's'}; add backup keys or weight, or lower key management`,
        details: {
          keyManagement,
          margin,
          survivableLosses,
          keys: lost,
          remainingWeight: remainingAfter(margin),
        },
      })
    }
  }

  if (options.deployer !== undefined) {
    const deployer = accountHashOf(options.deployer)
    const current = options.current === undefined ? undefined : normalizeConfig(options.current)
    const inNew = entries.find((entry) => entry.accountHash === deployer)
    const inCurrent = current?.associatedKeys.find((entry) => entry.accountHash === deployer)
    const label = inNew?.label ?? inCurrent?.label
    const text = describeKey({ key: `account-hash-${deployer}`, label })
    if (inNew === undefined && (current === undefined || inCurrent !== undefined)) {
      warnings.push({
        code: 'DeployerRemoved',
        severity: 'warning',
        message: `the deployer key ${text} is not in the new configuration: after this change it can no longer sign for the account (casper-node 1.5 rejects deploys signed by keys that are not associated); keep it, or make sure other keys will sign from now on`,
        details: { deployer: `account-hash-${deployer}`, label, currentWeight: inCurrent?.weight },
      })
    }
    const weight = inNew?.weight ?? 0
    const currentKeyManagement = current?.thresholds.keyManagement
    const couldBefore =
      current === undefined || (inCurrent !== undefined && inCurrent.weight >= currentKeyManagement!)
    if (
      weightsValid &&
      keyManagement !== undefined &&
      keyManagement > 0 &&
      weight < keyManagement &&
      couldBefore
    ) {
      const before =
        current === undefined
          ? ''
          : ` (now it holds ${inCurrent!.weight} of the key management threshold ${currentKeyManagement})`
      warnings.push({
        code: 'DeployerLosesKeyManagement',
        severity: 'warning',
        message: `the deployer key ${text} will hold weight ${weight} in the new configuration, below the key management threshold ${keyManagement}${before}: after this change it can no longer change the keys by itself; keep its weight at ${keyManagement} or more, or make sure other keys can sign future changes`,
        details: {
          deployer: `account-hash-${deployer}`,
          label,
          weight,
          keyManagement,
          ...(current === undefined ? {} : { currentWeight: inCurrent!.weight, currentKeyManagement }),
        },
      })
    }
  }

  return { ok: errors.length === 0, errors, warnings, findings: [...errors, ...warnings] }
}

/** Why each threshold of 0 is refused (casper-node accepts them all). */
const zeroThresholdRisk: Record<ThresholdName, string> = {
  deployment:
    'any associated key, even one of weight 0, could then send deploys (and spend from the main purse) alone',
  keyManagement:
    'any associated key, even one of weight 0, could then change the keys alone, and every key could be removed (the remaining weight 0 still meets it), leaving an account nobody can ever sign for again',
  upgradeManagement: 'any associated key, even one of weight 0, could then upgrade the contracts alone',
}

function isU8(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 255
}

function findingKey(entry: NormalizedAssociatedKeyConfig, index: number): FindingKey {
  return {
    key: `account-hash-${entry.accountHash}`,
    ...(entry.label !== undefined ? { label: entry.label } : {}),
    index,
    weight: entry.weight,
  }
}

/** `account-hash-…`, `alice (account-hash-…)`, or with a note: `alice (account-hash-…, weight 3)`. */
function describeKey(key: { key: string; label?: string | undefined }, note?: string): string {
  const inner = note === undefined ? key.key : `${key.key}, ${note}`
  return key.label === undefined
    ? note === undefined
      ? key.key
      : `${key.key} (${note})`
    : `${key.label} (${inner})`
}

function describeWithWeight(key: FindingKey): string {
  return describeKey(key, `weight ${key.weight}`)
}

function thresholdValues(config: NormalizedAccountConfig): Record<ThresholdName, number | undefined> {
  const { deployment, keyManagement, upgradeManagement } = config.thresholds
  return { deployment, keyManagement, upgradeManagement }
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`
}
