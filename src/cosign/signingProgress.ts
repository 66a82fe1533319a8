// How far the approvals on a file go toward the account's threshold.
import type { Account } from '../account/Account.js'
import { authorizationWeight, canAuthorize } from '../account/accountRules.js'
import type { StrictJson } from '../encoding/parseStrictJson.js'
import type { CosignFile } from './CosignFile.js'
import { type CosignOptions, resolveCosignOptions } from './cosignNetwork.js'
import { describeFile } from './describeFile.js'
import { parseCosignJson } from './parseCosignJson.js'
import { array, integer, invalidShape, object, string } from './readShape.js'

/** What {@link signingProgress} returns. */
export type SigningProgress = {
  weight: number
  needed: number
  neededFor: 'deployment' | 'key management'
  signed: { accountHash: string; weight: number }[]
  missing: { accountHash: string; weight: number }[]
  complete: boolean
  summary: string
}

/**
 * Weight of the distinct signers whose approval verifies, against the threshold the file needs:
 * key management when its session changes keys or thresholds, else deployment (casper-types
 * `account.rs` `can_deploy_with` / `can_manage_keys_with`), with the network's `authorization` rule
 * (2.x presets: any associated signer authorizes, unassociated ones weigh 0).
 *
 * @example
 * ```ts
 * signingProgress(file, account).summary // 'weight 1 of 2 (key management); still needed: account-hash-…'
 * ```
 */
export function signingProgress(
  file: CosignFile,
  account: Account,
  options: CosignOptions = {},
): SigningProgress {
  const description = describeFile(file, options)
  const signers = [
    ...new Set(description.verification.approvals.flatMap((a) => (a.ok ? [a.accountHash] : []))),
  ]
  const keyManagement = description.changes.length > 0 || description.code.kind === 'unknown-wasm'
  const { deployment, keyManagement: km } = account.actionThresholds
  const neededFor = keyManagement && km >= deployment ? 'key management' : 'deployment'
  const needed = neededFor === 'key management' ? km : deployment
  const weight = authorizationWeight(account, signers)
  const entries = Object.entries(account.associatedKeys).map(([accountHash, w]) => ({
    accountHash,
    weight: w,
  }))
  const signed = entries.filter((e) => signers.includes(e.accountHash))
  const missing = entries.filter((e) => !signers.includes(e.accountHash))
  const complete =
    weight >= needed &&
    canAuthorize(account, signers, resolveCosignOptions(options).network) &&
    description.doNotSign.length === 0
  const summary = `weight ${weight} of ${needed} (${neededFor}); ${
    complete
      ? 'ready to send'
      : `still missing: ${missing.map((m) => `account-hash-${m.accountHash} (weight ${m.weight})`).join(', ') || 'nobody left to sign'}`
  }`
  return { weight, needed, neededFor, signed, missing, complete, summary }
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
