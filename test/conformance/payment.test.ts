// Conformance: what a transaction costs, from casper-node's own tests.
//
// - `storage/src/system/handle_payment/internal.rs`, `calculate_overpayment_and_fee` unit tests,
//   read with the search index's `read_file` (casper-network/casper-node, commit
//   0c94cc5bda10d811fc59b8d75df7ce4305efc490), transcribed against `estimateCost`: the node's
//   `(overpay, fee)` is `(refunded, charged)` under `refund`; under `burn` the overpay is burned from
//   the payer, so the payer's charge is overpay + fee.
// - `types/src/transaction/deploy.rs` `should_use_payment_amount_for_payment_limited_payment`.
// - `node/src/reactor/main_reactor/tests/transactions.rs` (casper-node 2.0.0 release code, commit
//   1c3b8ad90bf0d83e73c73a6e6ddfc09f148b88b1, `fetch` of EdHastingsCasperAssociation/casper-node),
//   transcribed against `estimateCost` and against the loopback devnet over JSON-RPC
//   (`info_get_transaction` `ExecutionResultV2`, `query_balance`, `awaitResult`). The node tests
//   adjust the chainspec's refund ratio; the devnet is started with the same ratio.
//
// Not covered: `should_take_all_of_insufficient_balance` (a purse holding less than the cost:
// estimateCost does not model it), `should_handle_extra_cost` (costs beyond limit x price are not
// modelled); in transactions.rs the fee-handling variants (`*_burn_*`, `fee_ptp_*`,
// `fee_is_accumulated_*`, `*_gas_hold_*`: the devnet has no proposer, rewards purse or holds),
// `should_native_*` and the transfer / auction / custom-payment / burn cases (native transactions,
// custom payment and purses are not modelled), `charge_when_session_code_succeeds` (needs
// `transfer_purse_to_account.wasm`), the lane-sizing scenarios (`run_sizing_scenario`), and every
// `*_fixed` instance whose pricing the devnet's mainnet chainspec (payment_limited) does not run:
// their payment-limited instance is transcribed instead where one exists.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Chainspec } from '../../src/chainspec/Chainspec.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { estimateCost } from '../../src/chainspec/estimateCost.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { type AwaitResultReturnType, awaitResult } from '../../src/rpc/awaitResult.js'
import { createRpc } from '../../src/rpc/createRpc.js'
import { call } from '../devnet/devnetKit.js'
import { alice, bob, doNothingWasm, wasmTransaction } from './conformanceKit.js'

/** A chainspec paying back `ratio` of the unused gas (RefundHandling::Refund). */
const refunding = (ratio: [number, number], base: Chainspec = casperMainnet): Chainspec => ({
  ...base,
  refundHandling: { type: 'refund', ratio },
})

describe('storage/src/system/handle_payment/internal.rs', () => {
  test('should_refund_expected_amount: limit 6, consumed 3, ratio 1/1 -> overpay 3, fee 3', () => {
    const cost = estimateCost({ gas: 3n, paymentAmount: 6n, gasPrice: 1 }, { chainspec: refunding([1, 1]) })
    expect({ overpay: cost.refunded, fee: cost.charged }).toEqual({ overpay: 3n, fee: 3n })
  })

  test('should_burn_expected_amount: ratio 1/1 under burn -> overpay 3 burned, fee 3: the payer loses 6', () => {
    const chainspec: Chainspec = { ...casperMainnet, refundHandling: { type: 'burn', ratio: [1, 1] } }
    const cost = estimateCost({ gas: 3n, paymentAmount: 6n, gasPrice: 1 }, { chainspec })
    expect({ refunded: cost.refunded, charged: cost.charged }).toEqual({ refunded: 0n, charged: 3n + 3n })
  })

  test('should_handle_straight_percentages: limit 100, consumed 50, every ratio n/100', () => {
    for (let numer = 0; numer <= 100; numer++) {
      const cost = estimateCost(
        { gas: 50n, paymentAmount: 100n, gasPrice: 1 },
        { chainspec: refunding([numer, 100]) },
      )
      const expected = (50n * BigInt(numer)) / 100n
      expect(cost.refunded, `overpay at ${numer}/100`).toBe(expected)
      expect(cost.charged, `fee at ${numer}/100`).toBe(100n - expected)
    }
  })

  test('should_roll_over_dust: limit 6, consumed 3, overpay + fee = cost at every percentage', () => {
    for (let percentage = 0; percentage <= 100; percentage++) {
      const cost = estimateCost(
        { gas: 3n, paymentAmount: 6n, gasPrice: 1 },
        { chainspec: refunding([percentage, 100]) },
      )
      expect(cost.refunded + cost.charged, `${percentage}%`).toBe(6n)
      expect(cost.cost).toBe(6n)
    }
  })

  test('should_handle_non_1_gas_price: limit 6, price 2, consumed 3 -> overpay 6, fee 6', () => {
    const cost = estimateCost({ gas: 3n, paymentAmount: 6n, gasPrice: 2 }, { chainspec: refunding([1, 1]) })
    expect({ cost: cost.cost, overpay: cost.refunded, fee: cost.charged }).toEqual({
      cost: 12n,
      overpay: (6n - 3n) * 2n,
      fee: 3n * 2n,
    })
  })
})

describe('types/src/transaction/deploy.rs', () => {
  test('should_use_payment_amount_for_payment_limited_payment: cost = payment amount x gas price', () => {
    expect(estimateCost({ gas: 0n, paymentAmount: 500n, gasPrice: 1 }).cost).toBe(500n)
    expect(estimateCost({ gas: 0n, paymentAmount: 500n, gasPrice: 2 }).cost).toBe(1000n)
  })
})

/** `invalid_wasm_txn`: 172,033 bytes of 0x01 (not Wasm), large enough for the large Wasm lane. */
const invalidWasm = new Uint8Array(172_033).fill(1)
/**
 * `revert.wasm`: `runtime::revert(ApiError::User(100))`, i.e. `casper_revert(65536 + 100)` (with the
 * memory section the node's preprocessing wants).
 */
const revertWasm = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x00,
  0x02, 0x15, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x0d, 0x63, 0x61, 0x73, 0x70, 0x65, 0x72, 0x5f, 0x72, 0x65, 0x76,
  0x65, 0x72, 0x74, 0x00, 0x00, 0x03, 0x02, 0x01, 0x01, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x08, 0x01, 0x04,
  0x63, 0x61, 0x6c, 0x6c, 0x00, 0x01, 0x0a, 0x0a, 0x01, 0x08, 0x00, 0x41, 0xe4, 0x80, 0x04, 0x10, 0x00, 0x0b,
])
/** `endless_loop.wasm`: `(loop (br 0))`, with a memory section. */
const endlessLoopWasm = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
  0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x08, 0x01, 0x04, 0x63, 0x61, 0x6c, 0x6c, 0x00, 0x00, 0x0a, 0x09, 0x01,
  0x07, 0x00, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b,
])

/** `wasm_transaction_payment_limited_refund`'s pricing: PaymentLimited 2,500,000,000 at MIN_GAS_PRICE. */
const paymentLimited = 2_500_000_000n

describe('node/src/reactor/main_reactor/tests/transactions.rs (estimateCost)', () => {
  test('wasm_transaction_payment_limited_refund (erroneous_wasm_transaction_no_refund, ratio 1/2): the whole limit, no refund', () => {
    const cost = estimateCost(
      { gas: 0n, paymentAmount: paymentLimited, gasPrice: 1, outcome: 'failure' },
      { chainspec: refunding([1, 2]) },
    )
    expect({ charged: cost.charged, refunded: cost.refunded, cost: cost.cost }).toEqual({
      charged: paymentLimited,
      refunded: 0n,
      cost: paymentLimited,
    })
  })

  test('wasm_transaction_ptp_fee_and_refund (ratio 1/3): refund = 1/3 x (cost - consumed x price)', () => {
    const consumed = 1_000_000n
    const cost = estimateCost(
      { gas: consumed, paymentAmount: paymentLimited, gasPrice: 1 },
      { chainspec: refunding([1, 3]) },
    )
    const refund = (paymentLimited - consumed) / 3n
    expect({ refunded: cost.refunded, charged: cost.charged }).toEqual({
      refunded: refund,
      charged: paymentLimited - refund,
    })
  })
})

describe('node/src/reactor/main_reactor/tests/transactions.rs (loopback devnet over JSON-RPC)', () => {
  /** One devnet per refund ratio the node tests configure. */
  const devnets: Devnet[] = []
  afterAll(async () => {
    for (const devnet of devnets) await devnet.stop()
  })

  async function start(ratio: [number, number]): Promise<Devnet> {
    const devnet = await startDevnet({
      chainspec: { ...refunding([...ratio]), chainName: 'single-transaction-test-net' },
      blockIntervalMs: 600_000,
      accounts: [{ publicKey: alice.publicKey }, { publicKey: bob.publicKey }],
    })
    devnets.push(devnet)
    return devnet
  }

  async function bobBalance(devnet: Devnet): Promise<bigint> {
    const answer = await call(devnet.url, 'query_balance', {
      purse_identifier: { main_purse_under_public_key: bob.publicKey },
    })
    return BigInt(answer.result.balance)
  }

  /** Bob sends the session, a block is made; returns the ExecutionResultV2 and what Bob paid. */
  async function send(devnet: Devnet, wasm: Uint8Array) {
    const transaction = await wasmTransaction({
      chainspec: { ...devnet.chainspec, chainName: devnet.chainName },
      initiator: bob,
      wasm,
      payment: paymentLimited,
    })
    const before = await bobBalance(devnet)
    const put = await call(devnet.url, 'account_put_transaction', { transaction })
    expect(put.error).toBeUndefined()
    await devnet.produceBlock()
    await devnet.waitForExecution(transaction.Version1.hash, 10_000)
    const info = await call(devnet.url, 'info_get_transaction', {
      transaction_hash: { Version1: transaction.Version1.hash },
    })
    const result = info.result.execution_info.execution_result.Version2 as Record<string, unknown>
    return { transaction, result, paid: before - (await bobBalance(devnet)) }
  }

  let halfRefund: Devnet
  let thirdRefund: Devnet
  let noRefund: Devnet
  beforeAll(async () => {
    halfRefund = await start([1, 2])
    thirdRefund = await start([1, 3])
    noRefund = await start([0, 1])
  })

  test('wasm_transaction_payment_limited_refund: invalid Wasm costs the whole limit, consumed 0, no refund', async () => {
    const { result, paid } = await send(halfRefund, invalidWasm)
    expect(result.error_message).not.toBeNull()
    // assert_exec_result_cost(exec_result, expected_transaction_cost, Gas::new(0))
    expect(result.cost).toBe(paymentLimited.toString())
    expect(result.consumed).toBe('0')
    // Bob gets no refund, we don't pay refunds on erroneous wasm.
    expect(paid).toBe(paymentLimited)
  })

  test('wasm_transaction_ptp_fee_and_refund (payment-limited, ratio 1/3): cost = limit, refund = 1/3 of the unused', async () => {
    const { transaction, result, paid } = await send(thirdRefund, doNothingWasm)
    expect(result.error_message).toBeNull()
    expect(result.cost).toBe(paymentLimited.toString())
    // The node test's do_nothing.wasm is a Rust build that consumes DO_NOTHING_WASM_EXECUTION_GAS
    // (116,955); this one is the smallest valid module, whose only instruction (`end`) costs nothing.
    const consumed = BigInt(String(result.consumed))
    expect(consumed).toBe(0n)
    const refund = (paymentLimited - consumed) / 3n
    expect(paid).toBe(paymentLimited - refund)
    if ('refund' in result) expect(result.refund).toBe(refund.toString())

    // The same charge through awaitResult; `charged`, `limit` and `refund` are the fields it reports.
    const rpc = createRpc(thirdRefund.url)
    const outcome = (await awaitResult(
      rpc,
      { hash: transaction.Version1.hash, kind: 'transaction' },
      { timeoutMs: 10_000, pollIntervalMs: 50 },
    )) as AwaitResultReturnType & { charged?: bigint; limit?: bigint; refund?: bigint }
    expect(outcome.consumed).toBe(consumed)
    expect(outcome.limit).toBe(paymentLimited)
    expect(outcome.refund).toBe(refund)
    expect(outcome.charged).toBe(paymentLimited - refund)
  })

  test('charge_when_session_code_fails_with_user_error: "User error: 100", Bob pays the fee (the whole limit)', async () => {
    const { result, paid } = await send(noRefund, revertWasm)
    expect(result.error_message).toBe('User error: 100')
    expect(paid).toBeGreaterThan(0n)
    expect(paid).toBe(BigInt(String(result.cost)))
    expect(paid).toBe(paymentLimited)
  })

  test('charge_when_session_code_runs_out_of_gas: "Out of gas error", Bob pays the fee (the whole limit)', async () => {
    const { result, paid } = await send(noRefund, endlessLoopWasm)
    expect(result.error_message).toBe('Out of gas error')
    expect(paid).toBe(BigInt(String(result.cost)))
    expect(paid).toBe(paymentLimited)
  })
})
