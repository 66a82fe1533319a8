// A 100-key account loses a key on the 2.x devnet over JSON-RPC. casper-node 1.5.8
// (execution_engine/src/core/runtime_context/mod.rs `remove_associated_key`) checks no key limit on
// removal, and released 2.x dropped the pre-release check (commit 6fdaaf495; test
// `should_remove_associated_key_when_at_max_allowed_cap` in
// execution_engine_testing/tests/src/test/contract_api/account/associated_keys.rs).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Account, createAccount } from '../../src/account/Account.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { buildConfigureDeploy } from '../../src/deploy/buildConfigureDeploy.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { hashOf } from '../arbitraries.js'
import { alice, call } from './devnetKit.js'

describe('2.x devnet: the key limit does not block a removal', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ blockIntervalMs: 50, accounts: [{ publicKey: alice.publicKey }] })
  })
  afterAll(() => devnet.stop())

  /** Plans the change from `current` to `keys` (thresholds 1/1), runs every deploy, returns the account after. */
  async function reconfigure(current: Account, keys: string[]): Promise<Account> {
    const plan = await planReconfiguration(
      current,
      {
        associatedKeys: keys.map((key) => ({ key, weight: 1 })),
        thresholds: { deployment: 1, keyManagement: 1 },
      },
      { signers: [alice.publicKey], chainspec: devnet.chainspec },
    )
    for (const planned of plan.deploys) {
      const deploy = await signDeploy(
        buildConfigureDeploy(planned, { account: alice.publicKey, chainName: devnet.chainName }),
        alice,
      )
      const put = await call(devnet.url, 'account_put_deploy', { deploy })
      expect(put.result?.deploy_hash).toBe(deploy.hash)
      await devnet.waitForExecution(deploy.hash)
      const info = await call(devnet.url, 'info_get_deploy', { deploy_hash: deploy.hash })
      expect(info.result.execution_info.execution_result.Version2.error_message).toBeNull()
    }
    return plan.deploys.at(-1)?.accountAfter ?? current
  }

  async function keysOnChain(): Promise<string[]> {
    const entity = await call(devnet.url, 'state_get_entity', {
      entity_identifier: { PublicKey: alice.publicKey },
    })
    const keys: { account_hash: string }[] = entity.result.entity.Account.associated_keys
    return keys.map((k) => k.account_hash.replace(/^account-hash-/, '')).sort()
  }

  test('fill the account to 100 keys, then drop one', async () => {
    const others = Array.from({ length: 99 }, (_, i) => hashOf(i + 1))
    const full = await reconfigure(createAccount(alice.accountHash), [alice.accountHash, ...others])
    expect(await keysOnChain()).toEqual([alice.accountHash, ...others].sort())
    expect(Object.keys(full.associatedKeys)).toHaveLength(devnet.chainspec.maxAssociatedKeys)

    const kept = others.filter((h) => h !== hashOf(50))
    await reconfigure(full, [alice.accountHash, ...kept])
    expect(await keysOnChain()).toEqual([alice.accountHash, ...kept].sort())
  })
})
