// Conformance: associated keys and action thresholds, from casper-node's own tests.
//
// - `execution_engine/src/runtime_context/tests.rs` (`manage_associated_keys`,
//   `action_thresholds_management`, `associated_keys_add_full`), transcribed against the account
//   rules (`addAssociatedKey`, `updateAssociatedKey`, `removeAssociatedKey`, `setActionThreshold`),
//   `validateConfig`, and the emulator running `configure-account.wasm`.
// - `execution_engine_testing/tests/src/test/contract_api/account/associated_keys.rs`
//   `should_remove_associated_key_when_at_max_allowed_cap`, added by commit 6fdaaf495
//   (2025-02-03, "Remove incorrect check in remove_associated_key", before 2.0.0): on 2.x a key can
//   be removed from an account holding `max_associated_keys` keys; only adding is refused.
//
// Version read: casper-node 2.0.0 release code, commit 1c3b8ad90bf0d83e73c73a6e6ddfc09f148b88b1
// (2025-05-16, `fetch` of EdHastingsCasperAssociation/casper-node), and commit 6fdaaf495 in it.
//
// Not covered: `should_verify_ownership_before_adding_key`, `..._removing_a_key`,
// `..._setting_action_threshold` (a session whose context is another entity: not modelled), and the
// key/URef access tests of the same file (not about accounts' keys).
import { describe, expect, test } from 'vitest'
import { type Account, createAccount } from '../../src/account/Account.js'
import {
  addAssociatedKey,
  removeAssociatedKey,
  setActionThreshold,
  updateAssociatedKey,
} from '../../src/account/accountRules.js'
import { validateConfig } from '../../src/account/validateConfig.js'
import type { Chainspec } from '../../src/chainspec/Chainspec.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { emulateSession } from '../../src/emulator/emulateSession.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { configureAccountWasm } from '../../src/wasm/modules/configureAccountWasm.js'
import { alice, bob } from './conformanceKit.js'

/** `AccountHash::new([n; 32])`. */
const filled = (n: number) => n.toString(16).padStart(2, '0').repeat(32)
/**
 * `build_runtime_context_and_execute`'s account: the ed25519 key of secret `[222; 32]`, its own key
 * at weight 1, thresholds 1/1.
 */
const owner = localSigner('de'.repeat(32), { algorithm: 'ed25519' }).accountHash
const fresh = (): Account => createAccount(owner)

describe('execution_engine/src/runtime_context/tests.rs', () => {
  test('manage_associated_keys: add [42; 32] at 155, update to 100, remove, remove again fails', () => {
    const key = filled(42)
    const added = addAssociatedKey(fresh(), key, 155)
    if (!added.ok) throw new Error(`add failed: ${added.failure}`)
    expect(added.account.associatedKeys[key]).toBe(155)

    const updated = updateAssociatedKey(added.account, key, 100)
    if (!updated.ok) throw new Error(`update failed: ${updated.failure}`)
    expect(updated.account.associatedKeys[key]).toBe(100)

    const removed = removeAssociatedKey(updated.account, key)
    if (!removed.ok) throw new Error(`remove failed: ${removed.failure}`)
    expect(key in removed.account.associatedKeys).toBe(false)

    // "A non existing key was unexpectedly removed again"
    expect(removeAssociatedKey(removed.account, key)).toEqual({ ok: false, failure: 'MissingKey' })
  })

  test('action_thresholds_management: key at 254, key management 253, deployment 252, then deployment 255 fails', () => {
    const added = addAssociatedKey(fresh(), filled(42), 254)
    if (!added.ok) throw new Error(`add failed: ${added.failure}`)
    const keyManagement = setActionThreshold(added.account, 'keyManagement', 253)
    if (!keyManagement.ok) throw new Error(`key management failed: ${keyManagement.failure}`)
    const deployment = setActionThreshold(keyManagement.account, 'deployment', 252)
    if (!deployment.ok) throw new Error(`deployment failed: ${deployment.failure}`)
    expect(deployment.account.actionThresholds).toMatchObject({ deployment: 252, keyManagement: 253 })

    // "Shouldn't be able to set deployment threshold higher than key management"
    expect(setActionThreshold(deployment.account, 'deployment', 255)).toEqual({
      ok: false,
      failure: 'DeploymentThreshold',
    })
  })

  test('associated_keys_add_full: keys up to max_associated_keys (weights 0, 1, …) are added, one more is MaxKeysLimit', () => {
    let account = fresh()
    const before = Object.keys(account.associatedKeys).length
    for (let count = 0; count < casperMainnet.maxAssociatedKeys - before; count++) {
      // AccountHash of U256::from(count) big-endian.
      const hash = count.toString(16).padStart(64, '0')
      const result = addAssociatedKey(account, hash, count, casperMainnet.maxAssociatedKeys)
      if (!result.ok) throw new Error(`should add key ${count}: ${result.failure}`)
      account = result.account
    }
    expect(addAssociatedKey(account, filled(42), 42, casperMainnet.maxAssociatedKeys)).toEqual({
      ok: false,
      failure: 'MaxKeysLimit',
    })
  })

  test('associated_keys_add_full: validateConfig takes max_associated_keys keys and refuses one more', () => {
    const keys = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        key: `account-hash-${(i + 1).toString(16).padStart(64, '0')}`,
        weight: 1,
      }))
    const thresholds = { deployment: 1, keyManagement: 1 }
    const atMax = validateConfig({ associatedKeys: keys(casperMainnet.maxAssociatedKeys), thresholds })
    expect(atMax.errors.map((e) => e.code)).not.toContain('TooManyKeys')
    const overMax = validateConfig({ associatedKeys: keys(casperMainnet.maxAssociatedKeys + 1), thresholds })
    expect(overMax.errors.map((e) => e.code)).toContain('TooManyKeys')
  })
})

describe('execution_engine_testing/tests/src/test/contract_api/account/associated_keys.rs', () => {
  // EngineConfig with max_associated_keys = 2; ACCOUNT_1 holds its own key and DEFAULT_ACCOUNT.
  const capTwo: Chainspec = { ...casperMainnet, maxAssociatedKeys: 2 }
  const atCap: Account = {
    accountHash: alice.accountHash,
    associatedKeys: { [alice.accountHash]: 1, [bob.accountHash]: 1 },
    actionThresholds: { deployment: 1, keyManagement: 1 },
  }
  /** configure-account's `rm` arg: List<ByteArray(32)>, u32 count then the hashes. */
  const removeArg = (hash: string) => Uint8Array.from([1, 0, 0, 0, ...hexToBytes(hash)])
  const addArgs = (hash: string) => ({
    add: Uint8Array.from([1, 0, 0, 0, ...hexToBytes(hash)]),
    add_w: Uint8Array.from([1, 0, 0, 0, 1]),
  })

  test('should_remove_associated_key_when_at_max_allowed_cap: adding at the cap reverts MaxKeysLimit', async () => {
    const result = await emulateSession({
      wasm: configureAccountWasm,
      args: addArgs('77'.repeat(32)),
      account: atCap,
      signers: [alice.accountHash],
      chainspec: capTwo,
    })
    expect(result.ok).toBe(false)
    expect(result.revert?.name).toBe('MaxKeysLimit')
  })

  test('should_remove_associated_key_when_at_max_allowed_cap: removing at the cap succeeds (emulateSession)', async () => {
    const result = await emulateSession({
      wasm: configureAccountWasm,
      args: { rm: removeArg(bob.accountHash) },
      account: atCap,
      signers: [alice.accountHash],
      chainspec: capTwo,
    })
    expect(result.failure).toBeUndefined()
    expect(result.ok).toBe(true)
    expect(result.account.associatedKeys).toEqual({ [alice.accountHash]: 1 })
  })

  test('should_remove_associated_key_when_at_max_allowed_cap: planReconfiguration plans the removal in one deploy', async () => {
    const plan = await planReconfiguration(
      atCap,
      {
        associatedKeys: [{ key: alice.publicKey, weight: 1 }],
        thresholds: { deployment: 1, keyManagement: 1 },
      },
      { signers: [alice.publicKey], chainspec: capTwo },
    )
    expect(plan.deploys).toHaveLength(1)
    expect(plan.deploys[0]?.accountAfter.associatedKeys).toEqual({ [alice.accountHash]: 1 })
  })
})
