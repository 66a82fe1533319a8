// The account rules against a literal transcription of casper-types' checks, for random accounts
// and operations, plus the cases from casper-types' own unit tests.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import { createAccount } from '../../src/account/Account.js'
import {
  addAssociatedKey,
  removeAssociatedKey,
  setActionThreshold,
  updateAssociatedKey,
} from '../../src/account/accountRules.js'
import { accountSerializedLength } from '../../src/account/accountSerializedLength.js'
import { arbitraryAccount, arbitraryOperation, hashOf, type Operation } from '../arbitraries.js'
import { transcription } from '../transcription.js'

function apply(account: Account, op: Operation) {
  const result =
    op.kind === 'add'
      ? addAssociatedKey(account, op.hash, op.weight)
      : op.kind === 'update'
        ? updateAssociatedKey(account, op.hash, op.weight)
        : op.kind === 'remove'
          ? removeAssociatedKey(account, op.hash)
          : setActionThreshold(account, op.action, op.threshold)
  return result.ok ? { account: result.account } : { failure: result.failure }
}

const a = hashOf(1)
const b = hashOf(2)

describe('account rules', () => {
  test('agree with the transcription of casper-types for random accounts and operations', () => {
    fc.assert(
      fc.property(arbitraryAccount(), fc.array(arbitraryOperation(), { maxLength: 8 }), (account, ops) => {
        let state = account
        for (const op of ops) {
          const expected = transcription(state, op)
          expect(apply(state, op)).toEqual(expected)
          if ('account' in expected) state = expected.account
        }
      }),
      { numRuns: 2000 },
    )
  })

  // casper-types account.rs tests: `should_not_allow_to_set_threshold_higher_than_total_weight`,
  // `should_allow_to_update_key_with_higher_weight`, `should_not_allow_key_management_below_deployment`.
  test('a threshold above the total weight is InsufficientTotalWeight', () => {
    const account = { ...createAccount(a), associatedKeys: { [a]: 1, [b]: 2 } }
    expect(setActionThreshold(account, 'keyManagement', 4)).toEqual({
      ok: false,
      failure: 'InsufficientTotalWeight',
    })
    expect(setActionThreshold(account, 'keyManagement', 3).ok).toBe(true)
  })
  test('deployment may not exceed key management, in either direction', () => {
    const account = {
      ...createAccount(a),
      associatedKeys: { [a]: 5 },
      actionThresholds: { deployment: 2, keyManagement: 3 },
    }
    expect(setActionThreshold(account, 'deployment', 4)).toEqual({
      ok: false,
      failure: 'DeploymentThreshold',
    })
    expect(setActionThreshold(account, 'keyManagement', 1)).toEqual({
      ok: false,
      failure: 'KeyManagementThreshold',
    })
  })
  test('raising a weight never fails; lowering checks the remaining weight against both thresholds', () => {
    const account = {
      ...createAccount(a),
      associatedKeys: { [a]: 1, [b]: 1 },
      actionThresholds: { deployment: 2, keyManagement: 2 },
    }
    expect(updateAssociatedKey(account, a, 255).ok).toBe(true)
    expect(updateAssociatedKey(account, a, 0)).toEqual({ ok: false, failure: 'ThresholdViolation' })
    expect(removeAssociatedKey(account, b)).toEqual({ ok: false, failure: 'ThresholdViolation' })
    expect(updateAssociatedKey(account, hashOf(3), 1)).toEqual({ ok: false, failure: 'MissingKey' })
  })
  test('weights saturate at 255', () => {
    const account = { ...createAccount(a), associatedKeys: { [a]: 200, [b]: 200 } }
    expect(setActionThreshold(account, 'keyManagement', 255).ok).toBe(true)
  })
})

describe('accountSerializedLength', () => {
  test('counts the tag, hash, named keys, purse, keys and thresholds', () => {
    expect(accountSerializedLength(createAccount(a))).toBe(1 + 32 + 4 + 33 + (4 + 33) + 2)
    const withNamedKeys = createAccount(a, [
      { name: 'counter', key: `hash-${'00'.repeat(32)}` },
      { name: 'purse', key: `uref-${'00'.repeat(32)}-007` },
    ])
    expect(accountSerializedLength(withNamedKeys)).toBe(109 + (4 + 7 + 33) + (4 + 5 + 34))
  })
  test('refuses a named key it cannot size', () => {
    expect(() =>
      accountSerializedLength(createAccount(a, [{ name: 'x', key: 'nonsense' }])),
    ).toThrowErrorMatchingInlineSnapshot(`
      [AccountError: Unknown named key format for "x"
        name: x
        key: nonsense
      Remedy: Pass named keys as the node prints them, e.g. "uref-<64 hex>-007" or "hash-<64 hex>".]
    `)
  })
})
