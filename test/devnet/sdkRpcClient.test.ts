// casper-js-sdk's own RpcClient against the devnet: status, account info, putDeploy, getDeploy.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sdk } from '../../src/deploy/sdk.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { alice, bob, twoPartyDeploy } from './devnetKit.js'

describe('casper-js-sdk RpcClient against the 1.5 devnet', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({
      protocol: '1.5',
      blockIntervalMs: 50,
      accounts: [{ publicKey: alice.publicKey }],
    })
  })
  afterAll(() => devnet.stop())

  test('reads status and account info, submits a deploy and reads its result', async () => {
    const rpc = new sdk.RpcClient(new sdk.HttpHandler(devnet.url))
    const status = await rpc.getStatus()
    expect(status.chainSpecName).toBe('casper-devnet')
    expect(status.apiVersion).toBe('1.5.8')

    const identifier = new sdk.AccountIdentifier(undefined, sdk.PublicKey.fromHex(alice.publicKey))
    const before = await rpc.getAccountInfo(null, identifier)
    expect(before.account.actionThresholds).toMatchObject({ deployment: 1, keyManagement: 1 })
    expect(before.account.associatedKeys.map((k) => [k.accountHash.toHex(), k.weight])).toEqual([
      [alice.accountHash, 1],
    ])

    const deploy = await twoPartyDeploy(devnet.chainName)
    const put = await rpc.putDeploy(sdk.Deploy.fromJSON(deploy))
    expect(put.deployHash.toHex()).toBe(deploy.hash)
    await devnet.waitForExecution(deploy.hash)

    const result = await rpc.getDeploy(deploy.hash)
    expect(result.rawJSON.execution_results).toHaveLength(1)
    expect(Object.keys(result.rawJSON.execution_results[0].result)).toEqual(['Success'])
    const [executed] = result.executionResultsV1 ?? []
    expect(executed?.blockHash.toHex()).toMatch(/^[0-9a-f]{64}$/)
    expect(executed?.result.success?.cost).toBeDefined()
    expect(executed?.result.failure).toBeUndefined()

    const after = await rpc.getAccountInfo(null, identifier)
    expect(after.account.actionThresholds).toMatchObject({ deployment: 2, keyManagement: 2 })
    expect(after.account.associatedKeys.map((k) => k.accountHash.toHex()).sort()).toEqual(
      [alice.accountHash, bob.accountHash].sort(),
    )
  })
})
