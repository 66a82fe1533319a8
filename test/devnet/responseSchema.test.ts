// Every response the devnet serves validates against the node's published OpenRPC result schema; on
// 2.x, execution results against the released casper-node 2.0.0 schema (see rpcSchema.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { buildTwoPartyDeploy, buildTwoPartyTransaction } from '../../src/deploy/buildTwoPartyDeploy.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { alice, bob, call, type Envelope, twoPartyDeploy } from './devnetKit.js'
import { releasedErrors, releasedSchema, resultErrors } from './rpcSchema.js'

async function signedTransaction(chainName: string): Promise<TransactionJson> {
  const { transaction } = await buildTwoPartyTransaction({
    account: alice.publicKey,
    chainName,
    deploymentAccount: bob.publicKey,
  })
  const signature = await alice.sign(hexToBytes(transaction.Version1.hash))
  transaction.Version1.approvals.push({ signer: alice.publicKey, signature: bytesToHex(signature) })
  return transaction
}

for (const protocol of ['1.5', '2.0'] as const) {
  describe(`${protocol} responses match the published schema`, () => {
    let devnet: Devnet
    const served: { method: string; envelope: Envelope }[] = []
    const rpc = async (method: string, params?: unknown) => {
      const envelope = await call(devnet.url, method, params)
      served.push({ method, envelope })
      return envelope
    }
    beforeAll(async () => {
      devnet = await startDevnet({
        protocol,
        blockIntervalMs: 50,
        accounts: [{ publicKey: alice.publicKey }],
      })
    })
    afterAll(() => devnet.stop())

    test('every method, before and after execution', async () => {
      const account = await devnet.createAccount({ publicKey: alice.publicKey })
      const hashKey = account.accountHash
      await rpc('info_get_status')
      await rpc('info_get_chainspec')
      await rpc('state_get_account_info', { account_identifier: alice.publicKey })
      await rpc('state_get_account_info', { account_identifier: hashKey, block_identifier: { Height: 0 } })
      await rpc('query_global_state', { key: hashKey, path: [] })
      await rpc('query_global_state', { state_identifier: { BlockHeight: 0 }, key: hashKey })
      await rpc('query_balance', { purse_identifier: { main_purse_under_public_key: alice.publicKey } })
      await rpc('state_get_balance', { state_root_hash: '00'.repeat(32), purse_uref: account.mainPurse })
      await rpc('chain_get_state_root_hash')
      await rpc('chain_get_state_root_hash', { block_identifier: { Height: 0 } })

      const deploy = await twoPartyDeploy(devnet.chainName)
      await rpc('account_put_deploy', { deploy })
      await rpc('info_get_deploy', { deploy_hash: deploy.hash })
      await devnet.waitForExecution(deploy.hash)
      const executed = await rpc('info_get_deploy', { deploy_hash: deploy.hash, finalized_approvals: true })
      await rpc('state_get_account_info', { account_identifier: alice.publicKey })
      await rpc('info_get_status')

      if (protocol === '2.0') {
        const executionResult = executed.result.execution_info.execution_result
        expect(executionResult.Version2.error_message).toBeNull()
        expect(releasedErrors('ExecutionResult', executionResult)).toEqual([])
        await rpc('state_get_entity', { entity_identifier: { PublicKey: alice.publicKey } })
        await rpc('state_get_entity', { entity_identifier: { AccountHash: hashKey } })
        await rpc('info_get_transaction', { transaction_hash: { Deploy: deploy.hash } })
        await rpc('query_balance_details', { purse_identifier: { main_purse_under_account_hash: hashKey } })
        await rpc('chain_get_block')
        const block = await rpc('chain_get_block', {
          block_identifier: { Hash: executed.result.execution_info.block_hash },
        })
        expect(
          Object.values(block.result.block_with_signatures.block.Version2.body.transactions).flat(),
        ).toEqual([{ Deploy: deploy.hash }])
        // The account is 2-of-2 now: a transaction Alice alone signs is refused, one for a fresh
        // account goes through.
        await devnet.createAccount({ publicKey: bob.publicKey })
        const transaction = await signedTransaction(devnet.chainName)
        const refused = await rpc('account_put_transaction', { transaction })
        expect(refused.error?.code).toBe(-32016)
      } else {
        expect(Object.keys(executed.result.execution_results[0].result)).toEqual(['Success'])
      }

      const results = served.filter((s) => s.envelope.result !== undefined)
      expect(results.length).toBeGreaterThan(10)
      for (const { method, envelope } of results) {
        expect({ method, errors: resultErrors(protocol, method, envelope.result) }).toEqual({
          method,
          errors: [],
        })
      }
    })

    test('a TransactionV1 round trip on 2.0 validates too', async () => {
      if (protocol === '1.5') {
        expect((await call(devnet.url, 'account_put_transaction', {})).error?.code).toBe(-32601)
        return
      }
      const fresh = await startDevnet({
        protocol,
        blockIntervalMs: 50,
        accounts: [{ publicKey: alice.publicKey }],
      })
      try {
        const transaction = await signedTransaction(fresh.chainName)
        const put = await call(fresh.url, 'account_put_transaction', { transaction })
        expect(put.result.transaction_hash).toEqual({ Version1: transaction.Version1.hash })
        await fresh.waitForExecution(transaction.Version1.hash)
        const got = await call(fresh.url, 'info_get_transaction', {
          transaction_hash: { Version1: transaction.Version1.hash },
        })
        expect(got.result.execution_info.execution_result.Version2.error_message).toBeNull()
        for (const [method, envelope] of [
          ['account_put_transaction', put],
          ['info_get_transaction', got],
        ] as const) {
          expect(resultErrors(protocol, method, envelope.result)).toEqual([])
        }
      } finally {
        await fresh.stop()
      }
    })
  })
}

describe('the released 2.0.0 execution result', () => {
  test('requires refund and current_price: the devnet reports them, the pre-release shape fails', async () => {
    const v2 = releasedSchema().definitions.ExecutionResultV2 as { required: string[] }
    expect(v2.required).toEqual(
      expect.arrayContaining(['refund', 'current_price', 'cost', 'limit', 'consumed']),
    )
    const devnet = await startDevnet({
      protocol: '2.0',
      blockIntervalMs: 50,
      accounts: [{ publicKey: alice.publicKey }],
    })
    try {
      const { deploy: unsigned } = await buildTwoPartyDeploy({
        account: alice.publicKey,
        chainName: devnet.chainName,
        deploymentAccount: bob.publicKey,
        payment: 2_500_000_000n,
      })
      const deploy = await signDeploy(unsigned, alice)
      await call(devnet.url, 'account_put_deploy', { deploy })
      await devnet.waitForExecution(deploy.hash)
      const info = await call(devnet.url, 'info_get_deploy', { deploy_hash: deploy.hash })
      const result = info.result.execution_info.execution_result
      expect(releasedErrors('ExecutionResult', result)).toEqual([])
      expect(resultErrors('2.0', 'info_get_deploy', info.result)).toEqual([])
      // What the devnet served before: the net charge in `cost`, no refund, no current_price.
      const { refund: _refund, current_price: _price, ...preRelease } = result.Version2
      expect(releasedErrors('ExecutionResult', { Version2: preRelease })).not.toEqual([])
      expect(
        resultErrors('2.0', 'info_get_deploy', {
          ...info.result,
          execution_info: { ...info.result.execution_info, execution_result: { Version2: preRelease } },
        }),
      ).not.toEqual([])
    } finally {
      await devnet.stop()
    }
  })
})
