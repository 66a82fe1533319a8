// describeDeploy: what a co-signer sees before approving.
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { planReconfiguration } from '../../src/account/planReconfiguration.js'
import { buildConfigureDeploy } from '../../src/deploy/buildConfigureDeploy.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { describeDeploy } from '../../src/deploy/describeDeploy.js'
import { vector } from '../vectors.js'

const owner = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
const bob = `02${'03'.repeat(33)}`
const carol = `01${'04'.repeat(32)}`
const labels = { [owner]: 'alice', [bob]: 'bob', [carol]: 'carol' }
const at = new Date('2024-01-01T00:00:00.000Z')

describe('describeDeploy', () => {
  test('a two-party deploy: the bundled Wasm, the key it adds, the thresholds, payment, expiry and the result', async () => {
    const { deploy } = await buildTwoPartyDeploy({
      account: owner,
      chainName: 'casper-test',
      deploymentAccount: bob,
      timestamp: at,
    })
    const account = createAccount(accountHashFromPublicKey(owner))
    const description = await describeDeploy(deploy, { account, labels, now: at })
    expect(description.session.kind).toBe('two-party-multi-sig')
    expect(description.changes).toEqual([
      { kind: 'addKey', accountHash: accountHashFromPublicKey(bob), weight: 1 },
      { kind: 'setThreshold', action: 'keyManagement', value: 2 },
      { kind: 'setThreshold', action: 'deployment', value: 2 },
    ])
    expect(description.text).toMatchInlineSnapshot(`
      "Deploy c0860e34… for account alice (account-hash-83b0df3b…) on casper-test
      Session: two-party-multi-sig (bundled, sha256 54a236d7…)
        add key bob (account-hash-4483ce57…) with weight 1
        set the key-management threshold to 2
        set the deployment threshold to 2
      Result: keys alice (account-hash-83b0df3b…)=1, bob (account-hash-4483ce57…)=1; thresholds deployment 2, key management 2
      Payment: 0.605162778 CSPR
      Expires: 2024-01-01T02:00:00.000Z
      Signed by: nobody yet"
    `)
  })

  test('a configure deploy lists every change in execution order', async () => {
    const account = createAccount(accountHashFromPublicKey(owner))
    const plan = await planReconfiguration(account, {
      associatedKeys: [
        { key: bob, weight: 1 },
        { key: carol, weight: 1 },
      ],
      thresholds: { deployment: 1, keyManagement: 2 },
    })
    const deploy = buildConfigureDeploy(plan.deploys[0]!, {
      account: owner,
      chainName: 'casper',
      timestamp: at,
      ttl: '1h',
    })
    const description = await describeDeploy(deploy, { labels, now: new Date('2024-01-01T02:00:00.000Z') })
    expect(description.expired).toBe(true)
    expect(description.text).toMatchInlineSnapshot(`
      "Deploy 7ce4c926… for account alice (account-hash-83b0df3b…) on casper
      Session: configure-account (bundled, sha256 6cc34446…)
        add key bob (account-hash-4483ce57…) with weight 1
        add key carol (account-hash-036f5b47…) with weight 1
        set the key-management threshold to 2
        remove key alice (account-hash-83b0df3b…)
      Payment: 0.912358648 CSPR
      Expires: 2024-01-01T01:00:00.000Z (expired)
      Signed by: nobody yet
      Warning: The deploy expired at 2024-01-01T01:00:00.000Z; the node will refuse it."
    `)
  })

  test('unknown Wasm is called out', async () => {
    const description = await describeDeploy(
      vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json'),
      { now: at },
    )
    expect(description.session.kind).toBe('unknown-wasm')
    expect(description.warnings[0]).toMatch(/does not know/)
    expect(description.signers).toHaveLength(2)
  })
})
