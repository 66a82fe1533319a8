// Every response the devnet serves validates against the node's published OpenRPC result schema.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildTwoPartyTransaction } from '../../src/deploy/buildTwoPartyDeploy.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { alice, bob, call, type Envelope, twoPartyDeploy } from './devnetKit.js'
import { resultErrors } from './rpcSchema.js'

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
        expect(executed.result.execution_info.execution_result.Version2.error_message).toBeNull()
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
