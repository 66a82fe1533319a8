// What a 2.x execution charges, over loopback RPC, transcribed from casper-node's own tests.
//
// casper-node `node/src/reactor/main_reactor/tests/transactions.rs`:
// - `erroneous_wasm_transaction_no_refund`, run by `wasm_transaction_payment_limited_refund` with
//   `PaymentLimited { payment_amount: 2_500_000_000 }`: invalid module bytes execute and fail, the
//   result reports cost 2,500,000,000 and consumed 0, and the payer's balance drops by the whole
//   2,500,000,000 ("Bob gets no refund, we don't pay refunds on erroneous wasm").
// - `wasm_transaction_ptp_fee_and_refund`: a success is charged the cost less the refund ratio's
//   share of the unused limit.
// The charge comes from `node/src/components/contract_runtime/operations.rs`: when the artifact has
// an error, consumed is `cost_to_use()` ("no refund for penalty"), so every execution that errors
// (revert, trap, out of gas, authorization failing at execution, invalid Wasm) is charged
// max(limit × price, baseline). The result is casper-types `ExecutionResultV2`: `cost` is the gross
// limit × price, the payer is charged `cost − refund`.

import { afterEach, describe, expect, test } from 'vitest'
import createWabt from 'wabt'
import { createAccount } from '../../src/account/Account.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import { buildSessionTransaction } from '../../src/deploy/buildSessionTransaction.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { alice, bob, call } from './devnetKit.js'
import { resultErrors } from './rpcSchema.js'

/** Mainnet `baseline_motes_amount`, and the payment of every session below. */
const payment = 2_500_000_000n

let devnet: Devnet | undefined
afterEach(async () => {
  await devnet?.stop()
  devnet = undefined
})

/** A 2.x devnet (mainnet 2.2.0 chainspec) that makes blocks only when asked. */
async function start(): Promise<Devnet> {
  devnet = await startDevnet({
    protocol: '2.0',
    blockIntervalMs: 3_600_000,
    accounts: [{ publicKey: alice.publicKey }],
  })
  return devnet
}

async function balanceOf(node: Devnet): Promise<bigint> {
  const answer = await call(node.url, 'query_balance', {
    purse_identifier: { main_purse_under_public_key: alice.publicKey },
  })
  return BigInt(answer.result.balance)
}

async function signedTransaction(transaction: TransactionJson): Promise<TransactionJson> {
  const signature = await alice.sign(hexToBytes(transaction.Version1.hash))
  transaction.Version1.approvals.push({ signer: alice.publicKey, signature: bytesToHex(signature) })
  return transaction
}

/** Submits, makes one block, and returns the `Version2` execution result the RPC reports. */
async function execute(node: Devnet, item: DeployJson | TransactionJson) {
  const isDeploy = 'header' in item
  const put = isDeploy
    ? await call(node.url, 'account_put_deploy', { deploy: item })
    : await call(node.url, 'account_put_transaction', { transaction: item })
  expect(put.error).toBeUndefined()
  await node.produceBlock()
  const info = isDeploy
    ? await call(node.url, 'info_get_deploy', { deploy_hash: item.hash })
    : await call(node.url, 'info_get_transaction', { transaction_hash: { Version1: item.Version1.hash } })
  expect(resultErrors('2.0', isDeploy ? 'info_get_deploy' : 'info_get_transaction', info.result)).toEqual([])
  return info.result.execution_info.execution_result.Version2 as {
    error_message: string | null
    current_price: number
    limit: string
    consumed: string
    cost: string
    refund: string
  }
}

/** Alice's two-party-multi-sig deploy adding Bob (2-of-2 afterwards), priced on a fresh account. */
async function twoPartyDeploy(node: Devnet, amount: bigint = payment): Promise<DeployJson> {
  const { deploy } = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName: node.chainName,
    deploymentAccount: bob.publicKey,
    current: createAccount(alice.accountHash),
    payment: amount,
  })
  return signDeploy(deploy, alice)
}

const wabt = await createWabt()

/** A session Wasm module from its text. */
function wat(text: string): Uint8Array {
  const module = wabt.parseWat('session.wat', text)
  try {
    return new Uint8Array(module.toBinary({}).buffer)
  } finally {
    module.destroy()
  }
}

describe('an execution that errors is charged the whole limit, nothing refunded', () => {
  test('invalid module bytes, PaymentLimited 2.5 CSPR (wasm_transaction_payment_limited_refund)', async () => {
    const node = await start()
    const before = await balanceOf(node)
    const transaction = await signedTransaction(
      buildSessionTransaction({
        account: alice.publicKey,
        chainName: node.chainName,
        // Not Wasm at all, as the node test's `invalid_wasm_txn` (bytes of 1).
        wasm: new Uint8Array(1024).fill(1),
        args: [],
        payment,
      }),
    )
    const result = await execute(node, transaction)
    expect(result.error_message).toMatch(/^Wasm preprocessing error: /)
    // assert_exec_result_cost(exec_result, 2_500_000_000, Gas::new(0), …)
    expect(result).toMatchObject({
      current_price: 1,
      limit: '2500000000',
      consumed: '0',
      cost: '2500000000',
      refund: '0',
    })
    // bob_expected_total_balance = bob_initial_balance.total - expected_transaction_cost
    expect(await balanceOf(node)).toBe(before - payment)
  })

  test('a revert (ApiError::DuplicateKey) charges 2.5 CSPR, not the gas it used', async () => {
    const node = await start()
    const setup = await execute(node, await twoPartyDeploy(node, 2_600_000_000n))
    expect(setup.error_message).toBeNull()
    const before = await balanceOf(node)
    // Bob is associated now: the same session reverts at add_associated_key. Alice and Bob sign
    // (weight 2 of deployment 2), so it is accepted and runs.
    const result = await execute(node, await signDeploy(await twoPartyDeploy(node), bob))
    expect(result.error_message).toBe('ApiError::DuplicateKey [22]')
    expect(BigInt(result.consumed)).toBeGreaterThan(0n)
    expect(BigInt(result.consumed)).toBeLessThan(payment)
    expect(result).toMatchObject({ limit: '2500000000', cost: '2500000000', refund: '0' })
    expect(await balanceOf(node)).toBe(before - payment)
  })

  test('a trap (unreachable) and out of gas (an endless loop) charge 2.5 CSPR each', async () => {
    const node = await start()
    const module = (body: string) => wat(`(module (memory 1) (func (export "call") ${body}))`)
    for (const [body, message, consumed] of [
      ['(unreachable)', 'Interpreter error: trap: Code(Unreachable)', undefined],
      ['(loop $again (br $again))', 'Out of gas error', '2500000000'],
    ] as const) {
      const before = await balanceOf(node)
      const deploy = buildModuleBytesDeploy({
        account: alice.publicKey,
        chainName: node.chainName,
        wasm: module(body),
        args: [],
        payment,
      })
      const result = await execute(node, await signDeploy(deploy, alice))
      expect(result.error_message).toBe(message)
      if (consumed !== undefined) expect(result.consumed).toBe(consumed)
      expect(result).toMatchObject({ cost: '2500000000', refund: '0' })
      expect(await balanceOf(node)).toBe(before - payment)
    }
  })

  test('authorization failing at execution is charged too', async () => {
    const node = await start()
    // Both are accepted while Alice's account is 1-of-1; the first makes it 2-of-2 (deployment 2)
    // in the same block, so the second, signed by Alice alone, is no longer authorized when it runs.
    const raise = await twoPartyDeploy(node, 2_600_000_000n)
    const late = await twoPartyDeploy(node)
    for (const item of [raise, late]) {
      expect((await call(node.url, 'account_put_deploy', { deploy: item })).error).toBeUndefined()
    }
    const before = await balanceOf(node)
    await node.produceBlock()
    const first = node.state.items[raise.hash]!.execution!
    expect(first.errorMessage).toBeNull()
    const info = await call(node.url, 'info_get_deploy', { deploy_hash: late.hash })
    expect(resultErrors('2.0', 'info_get_deploy', info.result)).toEqual([])
    const result = info.result.execution_info.execution_result.Version2
    expect(result.error_message).toBe('Tracking copy error: Deployment authorization failure')
    expect(result).toMatchObject({ consumed: '0', cost: '2500000000', refund: '0' })
    expect(await balanceOf(node)).toBe(before - first.charged - payment)
  })
})

describe('a success is charged the cost less the refund', () => {
  test('cost = limit × price, refund = 75% of the unused limit, charged = cost − refund', async () => {
    const node = await start()
    const before = await balanceOf(node)
    const result = await execute(node, await twoPartyDeploy(node, 3_000_000_000n))
    expect(result.error_message).toBeNull()
    const consumed = BigInt(result.consumed)
    // mainnet 2.2.0 `refund_handling = { type = 'refund', refund_ratio = [75, 100] }`, price 1.
    const refund = ((3_000_000_000n - consumed) * 75n) / 100n
    expect(result).toMatchObject({
      current_price: 1,
      limit: '3000000000',
      cost: '3000000000',
      refund: String(refund),
    })
    expect(await balanceOf(node)).toBe(before - (3_000_000_000n - refund))
  })
})
