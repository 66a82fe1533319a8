// validateConfig: one case per finding with its exact text, and properties against the account rules.
import sdk from 'casper-js-sdk'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import { createAccount } from '../../src/account/Account.js'
import {
  type AccountConfig,
  type AssociatedKeyConfig,
  accountFromConfig,
  configFromAccount,
  normalizeConfig,
} from '../../src/account/AccountConfig.js'
import { AccountError } from '../../src/account/AccountError.js'
import { accountHashFromPublicKey, accountHashOf } from '../../src/account/accountHash.js'
import { type ActionType, setActionThreshold } from '../../src/account/accountRules.js'
import { assertValidConfig } from '../../src/account/assertValidConfig.js'
import { InvalidConfigError } from '../../src/account/InvalidConfigError.js'
import { type ValidateConfigOptions, validateConfig } from '../../src/account/validateConfig.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { hashOf } from '../arbitraries.js'

// Keys from the published vector SYNTHETIC_deploy_multisig_modulebytes_2approvals (meta.json).
const alicePublicKey = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
const aliceHash = '83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2'
const bobPublicKey = '02034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa'
const bobHash = 'c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234'
const carol = `account-hash-${hashOf(3)}`

const alice = (weight: number): AssociatedKeyConfig => ({ key: alicePublicKey, weight, label: 'alice' })
const bob = (weight: number): AssociatedKeyConfig => ({ key: bobPublicKey, weight, label: 'bob' })
const carolKey = (weight: number): AssociatedKeyConfig => ({ key: carol, weight, label: 'carol' })

function config(
  associatedKeys: AssociatedKeyConfig[],
  deployment: number,
  keyManagement: number,
  upgradeManagement?: number,
): AccountConfig {
  return {
    associatedKeys,
    thresholds: {
      deployment,
      keyManagement,
      ...(upgradeManagement === undefined ? {} : { upgradeManagement }),
    },
  }
}

/** The part of each finding a reader checks: code, severity and message. */
function findings(input: AccountConfig, options?: ValidateConfigOptions) {
  return validateConfig(input, options).findings.map(({ code, severity, message }) => ({
    code,
    severity,
    message,
  }))
}

describe('validateConfig: errors', () => {
  test('a 2-of-3 account that survives the loss of any key has no findings', () => {
    const result = validateConfig(config([alice(1), bob(1), carolKey(1)], 2, 2))
    expect(result).toEqual({ ok: true, errors: [], warnings: [], findings: [] })
  })

  // account.rs Account::can_set_threshold: with no keys the total weight is 0, below any threshold >= 1.
  test('NoKeys', () => {
    expect(findings(config([], 1, 1))).toMatchInlineSnapshot(`
      [
        {
          "code": "NoKeys",
          "message": "the configuration has no associated keys, so no signature can ever reach a threshold; add at least one key with weight reaching the key management threshold",
          "severity": "error",
        },
      ]
    `)
  })

  // runtime_context/mod.rs add_associated_key: `associated_keys().len() >= max_associated_keys` -> MaxKeysLimit.
  test('TooManyKeys, default limit 100 and the maxAssociatedKeys option', () => {
    const keys = Array.from({ length: 101 }, (_, i) => ({ key: hashOf(i + 1), weight: 1 }))
    expect(findings(config(keys, 2, 2))).toMatchInlineSnapshot(`
      [
        {
          "code": "TooManyKeys",
          "message": "expected at most 100 associated keys (core.max_associated_keys), got 101; remove 1 key",
          "severity": "error",
        },
      ]
    `)
    expect(findings(config(keys.slice(0, 100), 2, 2))).toEqual([])
    expect(
      findings(config([alice(1), bob(1), carolKey(1)], 2, 2), {
        chainspec: { ...casperMainnet, maxAssociatedKeys: 2 },
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "TooManyKeys",
          "message": "expected at most 2 associated keys (core.max_associated_keys), got 3; remove 1 key",
          "severity": "error",
        },
      ]
    `)
  })

  // associated_keys.rs AssociatedKeys::add_key: an existing key -> AddKeyFailure::DuplicateKey.
  test('DuplicateKey, also when the same key is given as a public key and as its account hash', () => {
    const duplicate = { key: `account-hash-${aliceHash.toUpperCase()}`, weight: 3, label: 'alice again' }
    const result = validateConfig(config([alice(1), bob(1), duplicate], 1, 2))
    expect(result.findings.map(({ code, message }) => ({ code, message }))).toMatchInlineSnapshot(`
      [
        {
          "code": "DuplicateKey",
          "message": "key account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2 (alice, alice again) appears 2 times, at entries 0, 2 (keys are compared by account hash, whatever their text form); an account holds each key once: keep one entry with the intended weight (the other checks count entry 0, weight 1)",
        },
        {
          "code": "SingleKeyLossLocksOut",
          "message": "losing any one of the keys alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, the others hold 1), bob (account-hash-c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234, the others hold 1) leaves less than the key management threshold 2, and then the keys can never be changed again; add a backup key or weight on the other keys, so that without any one key the others still reach 2",
        },
      ]
    `)
    expect(result.errors[0]!.details).toEqual({
      key: `account-hash-${aliceHash}`,
      labels: ['alice', 'alice again'],
      indices: [0, 2],
      weights: [1, 3],
    })
  })

  // casper-types `Weight(u8)`: a weight is one byte.
  test('WeightOutOfRange', () => {
    expect(findings(config([alice(256), bob(1.5), carolKey(-1)], 1, 1))).toMatchInlineSnapshot(`
      [
        {
          "code": "WeightOutOfRange",
          "message": "key alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2) has weight 256; expected an integer from 0 to 255 (weights are u8); change it to a value in that range",
          "severity": "error",
        },
        {
          "code": "WeightOutOfRange",
          "message": "key bob (account-hash-c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234) has weight 1.5; expected an integer from 0 to 255 (weights are u8); change it to a value in that range",
          "severity": "error",
        },
        {
          "code": "WeightOutOfRange",
          "message": "key carol (account-hash-0303030303030303030303030303030303030303030303030303030303030303) has weight -1; expected an integer from 0 to 255 (weights are u8); change it to a value in that range",
          "severity": "error",
        },
      ]
    `)
  })

  // casper-types `Weight(u8)`: a threshold is one byte.
  test('ThresholdOutOfRange', () => {
    expect(findings(config([alice(1), bob(1)], 1, 300, 2.5))).toMatchInlineSnapshot(`
      [
        {
          "code": "ThresholdOutOfRange",
          "message": "key management threshold is 300; expected an integer from 0 to 255 (thresholds are u8 weights); set it to a value from 1 to 255",
          "severity": "error",
        },
        {
          "code": "ThresholdOutOfRange",
          "message": "upgrade management threshold is 2.5; expected an integer from 0 to 255 (thresholds are u8 weights); set it to a value from 1 to 255",
          "severity": "error",
        },
      ]
    `)
  })

  // Not a node rule: casper-node accepts thresholds of 0 (action_thresholds.rs has no lower bound).
  test('ThresholdZero', () => {
    expect(findings(config([alice(1), bob(1)], 0, 2))).toMatchInlineSnapshot(`
      [
        {
          "code": "ThresholdZero",
          "message": "deployment threshold is 0; casper-node accepts it, but the library refuses it: any associated key, even one of weight 0, could then send deploys (and spend from the main purse) alone; set it to at least 1",
          "severity": "error",
        },
        {
          "code": "SingleKeyLossLocksOut",
          "message": "losing any one of the keys alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, the others hold 1), bob (account-hash-c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234, the others hold 1) leaves less than the key management threshold 2, and then the keys can never be changed again; add a backup key or weight on the other keys, so that without any one key the others still reach 2",
          "severity": "warning",
        },
      ]
    `)
    expect(findings(config([alice(1), bob(1)], 0, 0, 0)).map((f) => f.code)).toEqual([
      'ThresholdZero',
      'ThresholdZero',
      'ThresholdZero',
    ])
  })

  // action_thresholds.rs ActionThresholds::set_deployment_threshold: `if new_threshold > self.key_management`
  // -> SetThresholdFailure::DeploymentThreshold (and set_key_management_threshold the other way).
  test('DeploymentAboveKeyManagement', () => {
    expect(findings(config([alice(2), bob(2)], 3, 2))).toMatchInlineSnapshot(`
      [
        {
          "code": "DeploymentAboveKeyManagement",
          "message": "deployment threshold 3 exceeds the key management threshold 2; casper-node requires deployment <= key management: lower deployment to at most 2 or raise key management to at least 3",
          "severity": "error",
        },
        {
          "code": "SingleKeyControl",
          "message": "keys alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, weight 2), bob (account-hash-c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234, weight 2) each alone reach the key management threshold 2, so any one of them can change every key without the others: this is not a multi-signature account; raise key management to more than 2 (at most 4, the total weight) or lower their weights",
          "severity": "warning",
        },
      ]
    `)
  })

  // account.rs Account::can_set_threshold: `new_threshold > self.associated_keys.total_keys_weight()`
  // -> SetThresholdFailure::InsufficientTotalWeight, per threshold, with saturating sums.
  test('ThresholdAboveTotalWeight', () => {
    expect(findings(config([alice(2), bob(2)], 2, 5))).toMatchInlineSnapshot(`
      [
        {
          "code": "ThresholdAboveTotalWeight",
          "message": "key management threshold 5 exceeds the total weight 4 of all keys (sums saturate at 255); lower it to at most 4 or add weight",
          "severity": "error",
        },
      ]
    `)
    expect(findings(config([alice(2), bob(2)], 5, 5, 6)).map((f) => f.code)).toEqual([
      'ThresholdAboveTotalWeight',
      'ThresholdAboveTotalWeight',
      'ThresholdAboveTotalWeight',
    ])
    // 200 + 200 saturates at 255, which still reaches 255.
    expect(validateConfig(config([alice(200), bob(200)], 255, 255)).ok).toBe(true)
  })

  test('an invalid key throws the AccountError of accountHashOf', () => {
    expect(() => validateConfig(config([{ key: 'account-hash-12', weight: 1 }], 1, 1))).toThrow(AccountError)
    expect(() => validateConfig(config([alice(1)], 1, 1), { deployer: 'nonsense' })).toThrow(
      expect.objectContaining({ code: 'InvalidAccountIdentifier' }),
    )
  })
})

describe('validateConfig: warnings', () => {
  test('ZeroWeightKey', () => {
    expect(
      findings(config([alice(1), bob(1), carolKey(1), { key: hashOf(4), weight: 0 }], 2, 2)),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "ZeroWeightKey",
          "message": "key account-hash-0404040404040404040404040404040404040404040404040404040404040404 has weight 0: it may sign deploys but adds nothing towards any threshold; give it a weight or remove it",
          "severity": "warning",
        },
      ]
    `)
  })

  test('SingleKeyControl', () => {
    expect(findings(config([alice(3), bob(1), carolKey(1)], 1, 3))).toMatchInlineSnapshot(`
      [
        {
          "code": "SingleKeyControl",
          "message": "key alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, weight 3) alone reaches the key management threshold 3, so it can change every key without the others: this is not a multi-signature account; raise key management to more than 3 (at most 5, the total weight) or lower its weight",
          "severity": "warning",
        },
        {
          "code": "SingleKeyLossLocksOut",
          "message": "losing key alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, the others hold 2) leaves less than the key management threshold 3, and then the keys can never be changed again; add a backup key or weight on the other keys, so that without any one key the others still reach 3",
          "severity": "warning",
        },
      ]
    `)
    expect(findings(config([alice(2), bob(2)], 1, 2))).toMatchInlineSnapshot(`
      [
        {
          "code": "SingleKeyControl",
          "message": "keys alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, weight 2), bob (account-hash-c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234, weight 2) each alone reach the key management threshold 2, so any one of them can change every key without the others: this is not a multi-signature account; raise key management to more than 2 (at most 4, the total weight) or lower their weights",
          "severity": "warning",
        },
      ]
    `)
  })

  test('SingleKeyLossLocksOut', () => {
    expect(findings(config([alice(2), bob(1), carolKey(1)], 1, 3))).toMatchInlineSnapshot(`
      [
        {
          "code": "SingleKeyLossLocksOut",
          "message": "losing key alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, the others hold 2) leaves less than the key management threshold 3, and then the keys can never be changed again; add a backup key or weight on the other keys, so that without any one key the others still reach 3",
          "severity": "warning",
        },
      ]
    `)
    // 2-of-2: either loss locks the account; key management 1 would make it 1-of-2, so only a key helps.
    expect(findings(config([alice(1), bob(1)], 1, 2))).toMatchInlineSnapshot(`
      [
        {
          "code": "SingleKeyLossLocksOut",
          "message": "losing any one of the keys alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, the others hold 1), bob (account-hash-c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234, the others hold 1) leaves less than the key management threshold 2, and then the keys can never be changed again; add a backup key or weight on the other keys, so that without any one key the others still reach 2",
          "severity": "warning",
        },
      ]
    `)
  })

  test('SingleKeyLossLocksOut suggests a lower threshold when one keeps the account multi-signature', () => {
    expect(
      findings(config([alice(2), bob(2), carolKey(2)], 2, 5)).map((f) => f.message),
    ).toMatchInlineSnapshot(`
      [
        "losing any one of the keys alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, the others hold 4), bob (account-hash-c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234, the others hold 4), carol (account-hash-0303030303030303030303030303030303030303030303030303030303030303, the others hold 4) leaves less than the key management threshold 5, and then the keys can never be changed again; lower key management to 4, or add a backup key or weight on the other keys, so that without any one key the others still reach 5",
      ]
    `)
  })

  test('DeployerRemoved and DeployerLosesKeyManagement, against the current configuration', () => {
    const current = config([alice(3), bob(1), carolKey(1)], 1, 3)
    const next = config([bob(1), carolKey(1), { key: hashOf(4), weight: 1, label: 'dave' }], 1, 2)
    expect(findings(next, { deployer: alicePublicKey, current })).toMatchInlineSnapshot(`
      [
        {
          "code": "DeployerRemoved",
          "message": "the deployer key alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2) is not in the new configuration: after this change it can no longer sign for the account (casper-node 1.5 rejects deploys signed by keys that are not associated); keep it, or make sure other keys will sign from now on",
          "severity": "warning",
        },
        {
          "code": "DeployerLosesKeyManagement",
          "message": "the deployer key alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2) will hold weight 0 in the new configuration, below the key management threshold 2 (now it holds 3 of the key management threshold 3): after this change it can no longer change the keys by itself; keep its weight at 2 or more, or make sure other keys can sign future changes",
          "severity": "warning",
        },
      ]
    `)
    const result = validateConfig(next, { deployer: aliceHash, current })
    expect(result.warnings.find((f) => f.code === 'DeployerLosesKeyManagement')?.details).toEqual({
      deployer: `account-hash-${aliceHash}`,
      label: 'alice',
      weight: 0,
      keyManagement: 2,
      currentWeight: 3,
      currentKeyManagement: 3,
    })
  })

  test('DeployerLosesKeyManagement when the deployer stays with less weight, with and without current', () => {
    const next = config([alice(1), bob(1), carolKey(1)], 1, 2)
    expect(findings(next, { deployer: alicePublicKey })).toMatchInlineSnapshot(`
      [
        {
          "code": "DeployerLosesKeyManagement",
          "message": "the deployer key alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2) will hold weight 1 in the new configuration, below the key management threshold 2: after this change it can no longer change the keys by itself; keep its weight at 2 or more, or make sure other keys can sign future changes",
          "severity": "warning",
        },
      ]
    `)
    // Before, alice could not manage keys alone either: nothing is lost.
    expect(findings(next, { deployer: alicePublicKey, current: config([alice(1), bob(1)], 1, 2) })).toEqual(
      [],
    )
  })

  test('the example in docs/account-config.md', () => {
    const account: Account = {
      accountHash: aliceHash,
      associatedKeys: { [aliceHash]: 3, [bobHash]: 1 },
      actionThresholds: { deployment: 1, keyManagement: 3 },
    }
    const next = config([alice(1), bob(1)], 1, 2)
    const options = { current: configFromAccount(account), deployer: alicePublicKey }
    const result = validateConfig(next, options)
    expect(result.ok).toBe(true)
    expect(result.warnings.map((f) => f.code)).toEqual([
      'SingleKeyLossLocksOut',
      'DeployerLosesKeyManagement',
    ])
    const twoOfThree = config([alice(1), bob(1), carolKey(1)], 1, 2)
    expect(validateConfig(twoOfThree, options).warnings.map((f) => f.code)).toEqual([
      'DeployerLosesKeyManagement',
    ])
  })
})

describe('assertValidConfig', () => {
  test('throws InvalidConfigError listing each error, with the findings attached', () => {
    const bad = config([alice(2), bob(2), { key: `account-hash-${bobHash}`, weight: 1 }], 3, 5)
    expect(() => assertValidConfig(bad)).toThrowErrorMatchingInlineSnapshot(`
      [InvalidConfigError: Invalid account configuration: 2 problems
        DuplicateKey: key account-hash-c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234 (bob) appears 2 times, at entries 1, 2 (keys are compared by account hash, whatever their text form); an account holds each key once: keep one entry with the intended weight (the other checks count entry 1, weight 2)
        ThresholdAboveTotalWeight: key management threshold 5 exceeds the total weight 4 of all keys (sums saturate at 255); lower it to at most 4 or add weight
      Remedy: Change the configuration as each line says; validateConfig(config) returns the same findings with their values.]
    `)
    try {
      assertValidConfig(bad)
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigError)
      expect((error as InvalidConfigError).code).toBe('InvalidConfig')
      expect((error as InvalidConfigError).findings.map((f) => f.code)).toEqual([
        'DuplicateKey',
        'ThresholdAboveTotalWeight',
      ])
    }
  })
  test('passes with warnings unless warningsAsErrors', () => {
    const single = config([alice(1)], 1, 1)
    expect(() => assertValidConfig(single)).not.toThrow()
    expect(() => assertValidConfig(single, { warningsAsErrors: true })).toThrowErrorMatchingInlineSnapshot(`
      [InvalidConfigError: Invalid account configuration: 2 problems
        SingleKeyControl: key alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, weight 1) alone reaches the key management threshold 1, so it can change every key without the others: this is not a multi-signature account; add keys and raise key management above the heaviest single weight
        SingleKeyLossLocksOut: losing key alice (account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, the others hold 0) leaves less than the key management threshold 1, and then the keys can never be changed again; add a backup key or weight on the other keys, so that without any one key the others still reach 1
      Remedy: Change the configuration as each line says; validateConfig(config) returns the same findings with their values.]
    `)
  })
})

describe('AccountConfig', () => {
  test('normalizeConfig resolves every form of a key, keeps public keys and labels, and is idempotent', () => {
    const sdkKey = sdk.PublicKey.fromHex(bobPublicKey)
    const input: AccountConfig = {
      associatedKeys: [
        { key: alicePublicKey.toUpperCase(), weight: 2, label: 'alice' },
        { key: sdkKey, weight: 1 },
        { key: sdkKey.accountHash(), weight: 1 },
        { key: carol, weight: 1, label: 'carol' },
      ],
      thresholds: { deployment: 1, keyManagement: 2 },
    }
    const normalized = normalizeConfig(input)
    expect(normalized).toEqual({
      associatedKeys: [
        { accountHash: aliceHash, weight: 2, publicKey: alicePublicKey, label: 'alice' },
        { accountHash: bobHash, weight: 1, publicKey: bobPublicKey },
        { accountHash: bobHash, weight: 1 },
        { accountHash: hashOf(3), weight: 1, label: 'carol' },
      ],
      thresholds: { deployment: 1, keyManagement: 2 },
    })
    expect(normalizeConfig(normalized)).toEqual(normalized)
    expect(() => normalizeConfig(config([{ key: '03ab', weight: 1 }], 1, 1))).toThrow(
      expect.objectContaining({ code: 'InvalidAccountIdentifier' }),
    )
  })

  test('configFromAccount and accountFromConfig convert both ways', () => {
    const account: Account = {
      accountHash: aliceHash,
      associatedKeys: { [aliceHash]: 2, [bobHash]: 1 },
      actionThresholds: { deployment: 1, keyManagement: 3 },
    }
    const current = configFromAccount(account)
    expect(current).toEqual({
      associatedKeys: [
        { accountHash: aliceHash, weight: 2 },
        { accountHash: bobHash, weight: 1 },
      ],
      thresholds: { deployment: 1, keyManagement: 3 },
    })
    expect(accountFromConfig(current, `account-hash-${aliceHash}`)).toEqual(account)
    const named = [{ name: 'counter', key: `hash-${'00'.repeat(32)}` }]
    expect(accountFromConfig(config([alice(1)], 1, 1), alicePublicKey, named)).toEqual(
      createAccount(aliceHash, named),
    )
    expect(() =>
      accountFromConfig(config([alice(1), { key: aliceHash, weight: 1 }], 1, 1), aliceHash),
    ).toThrow(expect.objectContaining({ code: 'DuplicateKey' }))
  })
})

// ---------------------------------------------------------------------------------------------------------
// Properties

/** Keys in several text forms over a small pool, so the same account often appears in different forms. */
const publicKeyOf = (n: number) => `01${hashOf(n)}`
const arbitraryKeyText = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.constantFrom(
      hashOf(n),
      `account-hash-${hashOf(n)}`,
      hashOf(n).toUpperCase(),
      publicKeyOf(n),
      `account-hash-${accountHashFromPublicKey(publicKeyOf(n))}`,
    ),
  )
const arbitraryWeight = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 4 }) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 255 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 256, 1.5, 1000) },
)
const arbitraryThreshold = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 8 }) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 255 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 256, 2.5) },
)
const arbitraryThresholds = fc.record(
  {
    deployment: arbitraryThreshold,
    keyManagement: arbitraryThreshold,
    upgradeManagement: arbitraryThreshold,
  },
  { requiredKeys: ['deployment', 'keyManagement'] },
)
const arbitrarySmallConfig: fc.Arbitrary<AccountConfig> = fc.record({
  associatedKeys: fc.array(fc.record({ key: arbitraryKeyText, weight: arbitraryWeight }), { maxLength: 8 }),
  thresholds: arbitraryThresholds,
})
/** Around the 100-key limit: distinct keys 1..110, unit weights. */
const arbitraryLargeConfig: fc.Arbitrary<AccountConfig> = fc.record({
  associatedKeys: fc
    .uniqueArray(fc.integer({ min: 1, max: 110 }), { minLength: 95, maxLength: 105 })
    .map((ids) => ids.map((id) => ({ key: hashOf(id), weight: 1 }))),
  thresholds: arbitraryThresholds,
})
/** Distinct keys and deployment <= key management: mostly accepted, probing the threshold edges. */
const arbitraryDistinctConfig: fc.Arbitrary<AccountConfig> = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
    fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 8, maxLength: 8 }),
    fc.integer({ min: 0, max: 12 }),
    fc.integer({ min: 0, max: 12 }),
  )
  .map(([ids, weights, t1, t2]) => ({
    associatedKeys: ids.map((id, i) => ({ key: publicKeyOf(id), weight: weights[i]! })),
    thresholds: { deployment: Math.min(t1, t2), keyManagement: Math.max(t1, t2) },
  }))
const arbitraryConfig = fc.oneof(
  { weight: 6, arbitrary: arbitrarySmallConfig },
  { weight: 3, arbitrary: arbitraryDistinctConfig },
  { weight: 1, arbitrary: arbitraryLargeConfig },
)

const isU8 = (value: number) => Number.isInteger(value) && value >= 0 && value <= 255

/**
 * Whether casper-node could hold this configuration, by its own rules: every value a u8, no key
 * twice (AddKeyFailure::DuplicateKey), at most 100 keys (MaxKeysLimit), then the thresholds set on an
 * account holding exactly these keys in the order that works for any valid target (key management
 * first when deployment rises above the current key management), each through
 * `Account::set_action_threshold`; plus the library's refusal of thresholds of 0.
 */
function nodeAccepts(input: AccountConfig): boolean {
  const hashes = input.associatedKeys.map((entry) => accountHashOf(entry.key))
  if (new Set(hashes).size !== hashes.length || hashes.length > 100) return false
  if (!input.associatedKeys.every((entry) => isU8(entry.weight))) return false
  const { deployment, keyManagement, upgradeManagement } = input.thresholds
  const targets: [ActionType, number][] = [
    ['deployment', deployment],
    ['keyManagement', keyManagement],
  ]
  if (deployment > 1) targets.reverse()
  if (upgradeManagement !== undefined) targets.push(['upgradeManagement', upgradeManagement])
  if (!targets.every(([, value]) => isU8(value) && value > 0)) return false
  let account: Account = {
    ...createAccount(hashes[0] ?? hashOf(1)),
    associatedKeys: Object.fromEntries(input.associatedKeys.map((entry, i) => [hashes[i]!, entry.weight])),
  }
  for (const [action, value] of targets) {
    const result = setActionThreshold(account, action, value)
    if (!result.ok) return false
    account = result.account
  }
  return true
}

/** Is key management reachable by some subset of the given weights? Every subset, plain arithmetic. */
function reachableBySomeSubset(weights: number[], threshold: number): boolean {
  for (let mask = 0; mask < 1 << weights.length; mask++) {
    let sum = 0
    weights.forEach((weight, i) => {
      if (mask & (1 << i)) sum += weight
    })
    if (Math.min(sum, 255) >= threshold) return true
  }
  return false
}

describe('validateConfig: properties', () => {
  test('reports no error exactly when the account rules accept the configuration', () => {
    fc.assert(
      fc.property(arbitraryConfig, (input) => {
        const result = validateConfig(input)
        expect(result.ok).toBe(nodeAccepts(input))
        expect(result.ok).toBe(result.errors.length === 0)
        expect(result.findings).toEqual([...result.errors, ...result.warnings])
      }),
      { numRuns: 3000 },
    )
  })

  test('SingleKeyLossLocksOut names exactly the keys without which no subset of the others reaches key management', () => {
    fc.assert(
      fc.property(arbitrarySmallConfig, (input) => {
        const normalized = normalizeConfig(input)
        const km = input.thresholds.keyManagement
        const first = new Map<string, number>()
        for (const entry of normalized.associatedKeys) {
          if (!first.has(entry.accountHash)) first.set(entry.accountHash, entry.weight)
        }
        const applies =
          normalized.associatedKeys.every((entry) => isU8(entry.weight)) &&
          isU8(km) &&
          km > 0 &&
          reachableBySomeSubset([...first.values()], km)
        const expected = applies
          ? [...first.keys()].filter(
              (hash) =>
                !reachableBySomeSubset(
                  [...first].filter(([other]) => other !== hash).map(([, weight]) => weight),
                  km,
                ),
            )
          : []
        const finding = validateConfig(input).warnings.find((f) => f.code === 'SingleKeyLossLocksOut')
        const named = finding?.code === 'SingleKeyLossLocksOut' ? finding.details.keys.map((k) => k.key) : []
        expect(named).toEqual(expected.map((hash) => `account-hash-${hash}`))
      }),
      { numRuns: 3000 },
    )
  })

  test('DeployerLosesKeyManagement fires exactly when the deployer alone reached key management and no longer does', () => {
    fc.assert(
      fc.property(
        arbitrarySmallConfig,
        fc.option(arbitrarySmallConfig, { nil: undefined }),
        arbitraryKeyText,
        (input, current, deployer) => {
          const hash = accountHashOf(deployer)
          const weightIn = (c: AccountConfig) =>
            normalizeConfig(c).associatedKeys.find((entry) => entry.accountHash === hash)?.weight
          const km = input.thresholds.keyManagement
          const applies = input.associatedKeys.every((entry) => isU8(entry.weight)) && isU8(km) && km > 0
          const currentWeight = current === undefined ? undefined : weightIn(current)
          const before =
            current === undefined ||
            (currentWeight !== undefined && currentWeight >= current.thresholds.keyManagement)
          const expected = applies && (weightIn(input) ?? 0) < km && before
          const codes = validateConfig(input, { deployer, current }).warnings.map((f) => f.code)
          expect(codes.includes('DeployerLosesKeyManagement')).toBe(expected)
          const removed =
            weightIn(input) === undefined && (current === undefined || weightIn(current) !== undefined)
          expect(codes.includes('DeployerRemoved')).toBe(removed)
        },
      ),
      { numRuns: 3000 },
    )
  })
})

describe('validateConfig: a margin of keys the account can lose', () => {
  const four = {
    associatedKeys: [1, 2, 3, 4].map((n) => ({ key: n.toString(16).padStart(2, '0').repeat(32), weight: 1 })),
    thresholds: { deployment: 2, keyManagement: 2 },
  }
  test('2-of-4 survives losing any two keys, not three', () => {
    expect(validateConfig(four, { lossMargin: 2 }).warnings.map((w) => w.code)).not.toContain(
      'KeyLossMarginNotMet',
    )
    const [warning] = validateConfig(four, { lossMargin: 3 }).warnings.filter(
      (w) => w.code === 'KeyLossMarginNotMet',
    )
    expect(warning?.details).toMatchObject({ margin: 3, survivableLosses: 2, remainingWeight: 1 })
    expect(warning?.message).toMatchInlineSnapshot(
      `"losing 3 keys (account-hash-0101010101010101010101010101010101010101010101010101010101010101 (weight 1), account-hash-0202020202020202020202020202020202020202020202020202020202020202 (weight 1), account-hash-0303030303030303030303030303030303030303030303030303030303030303 (weight 1)) leaves weight 1, below the key management threshold 2: the account survives the loss of only 2 keys; add backup keys or weight, or lower key management"`,
    )
  })
})
