// Reads the target configuration file of `casper-multisig plan` (the shape `account --json` prints).

import type { AccountConfig, AssociatedKeyConfig } from '../account/AccountConfig.js'
import { isObject } from '../encoding/isObject.js'
import { parseStrictJson } from '../encoding/parseStrictJson.js'
import { CliError } from './CliError.js'
import { readText } from './files.js'

/** Top-level fields `account --json` adds for people; a target file may carry them, `plan` ignores them. */
const informational = new Set(['account', 'chainName', 'protocol', 'kind'])

/**
 * Reads `{ "associatedKeys": [{ "key": "01…", "weight": 1, "label": "bob" }], "thresholds":
 * { "deployment": 2, "keyManagement": 2 } }`. Only the shape is checked here: keys, weights and
 * thresholds are judged by `validateConfig` when the plan is made. Unknown fields are refused, so a
 * misspelt threshold is not silently ignored.
 *
 * @throws {CliError} code `FileError` naming the file and the first field that is wrong.
 */
export function readTargetFile(path: string): AccountConfig {
  const text = readText(path, 'target file')
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new CliError(`${path} is not a target configuration`, {
      code: 'FileError',
      details: { field, expected, got: got === undefined ? 'missing' : JSON.stringify(got) },
      remedy:
        'Write { "associatedKeys": [{ "key": "01…", "weight": 1, "label": "bob" }], "thresholds": { "deployment": 2, "keyManagement": 2 } }, or start from `casper-multisig account --json`.',
    })
  }
  let value: unknown
  try {
    // Strict: a repeated key would let a reader and this command see different files.
    value = parseStrictJson(text)
  } catch (cause) {
    return fail('(file)', 'JSON', cause instanceof Error ? cause.message : String(cause))
  }
  if (!isObject(value)) return fail('(file)', 'an object', value)
  for (const field of Object.keys(value)) {
    if (field !== 'associatedKeys' && field !== 'thresholds' && !informational.has(field)) {
      fail(field, 'only associatedKeys and thresholds', value[field])
    }
  }
  const keys = value.associatedKeys
  if (!Array.isArray(keys)) return fail('associatedKeys', 'an array of { key, weight, label? }', keys)
  const associatedKeys = keys.map((entry: unknown, i): AssociatedKeyConfig => {
    const at = `associatedKeys[${i}]`
    if (!isObject(entry)) return fail(at, 'an object { key, weight, label? }', entry)
    for (const field of Object.keys(entry)) {
      if (!['key', 'weight', 'label'].includes(field))
        fail(`${at}.${field}`, 'only key, weight, label', entry[field])
    }
    if (typeof entry.key !== 'string') fail(`${at}.key`, 'a public key hex or account-hash-…', entry.key)
    if (typeof entry.weight !== 'number') fail(`${at}.weight`, 'a number 0..255', entry.weight)
    if (entry.label !== undefined && typeof entry.label !== 'string')
      fail(`${at}.label`, 'a string', entry.label)
    return {
      key: entry.key as string,
      weight: entry.weight as number,
      ...(entry.label === undefined ? {} : { label: entry.label as string }),
    }
  })
  const thresholds = value.thresholds
  if (!isObject(thresholds)) return fail('thresholds', 'an object { deployment, keyManagement }', thresholds)
  for (const field of Object.keys(thresholds)) {
    if (!['deployment', 'keyManagement', 'upgradeManagement'].includes(field)) {
      fail(`thresholds.${field}`, 'only deployment, keyManagement, upgradeManagement', thresholds[field])
    }
  }
  const { deployment, keyManagement, upgradeManagement } = thresholds
  if (typeof deployment !== 'number') fail('thresholds.deployment', 'a number 0..255', deployment)
  if (typeof keyManagement !== 'number') fail('thresholds.keyManagement', 'a number 0..255', keyManagement)
  if (upgradeManagement !== undefined && typeof upgradeManagement !== 'number')
    fail('thresholds.upgradeManagement', 'a number 0..255', upgradeManagement)
  return {
    associatedKeys,
    thresholds: {
      deployment: deployment as number,
      keyManagement: keyManagement as number,
      ...(upgradeManagement === undefined ? {} : { upgradeManagement: upgradeManagement as number }),
    },
  }
}
