// estimateCost against casper-node's own payment tests (2.x storage
// `src/system/handle_payment/internal.rs` `calculate_overpayment_and_fee` and its tests).
import { describe, expect, test } from 'vitest'
import type { Chainspec, Ratio } from '../../src/chainspec/Chainspec.js'
import { ChainspecError } from '../../src/chainspec/ChainspecError.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { estimateCost } from '../../src/chainspec/estimateCost.js'

const refunding = (ratio: Ratio): Chainspec => ({
  ...casperMainnet,
  refundHandling: { type: 'refund', ratio },
})

describe('estimateCost, payment_limited', () => {
  test('should_handle_straight_percentages: limit 100, consumed 50, every ratio n/100', () => {
    for (let n = 0; n <= 100; n++) {
      const { refunded, charged } = estimateCost(
        { gas: 50n, paymentAmount: 100n },
        { chainspec: refunding([n, 100]) },
      )
      expect(refunded).toBe((50n * BigInt(n)) / 100n)
      expect(charged).toBe(100n - refunded)
    }
  })
  test('should_roll_over_dust: limit 6, consumed 3; the refund rounds down, refund + fee = cost', () => {
    for (let n = 0; n <= 100; n++) {
      const { refunded, charged, cost } = estimateCost(
        { gas: 3n, paymentAmount: 6n },
        { chainspec: refunding([n, 100]) },
      )
      expect(refunded + charged).toBe(cost)
      expect(refunded).toBe((3n * BigInt(n)) / 100n)
    }
  })
  test('should_handle_non_1_gas_price: limit 6, price 2, consumed 3, ratio 1: refund 6, fee 6', () => {
    expect(
      estimateCost({ gas: 3n, paymentAmount: 6n, gasPrice: 2 }, { chainspec: refunding([1, 1]) }),
    ).toEqual({
      charged: 6n,
      refunded: 6n,
      cost: 12n,
      gasLimit: 6n,
      fits: true,
      outcome: 'success',
    })
  })
  test('mainnet: consumed + 25% of the unused limit', () => {
    expect(estimateCost({ gas: 484_130_222n, paymentAmount: 2_500_000_000n })).toEqual({
      charged: 484_130_222n + (2_500_000_000n - 484_130_222n) / 4n + 1n,
      refunded: ((2_500_000_000n - 484_130_222n) * 75n) / 100n,
      cost: 2_500_000_000n,
      gasLimit: 2_500_000_000n,
      fits: true,
      outcome: 'success',
    })
  })
  test('casper15: 99% of the unused payment back', () => {
    expect(estimateCost({ gas: 100n, paymentAmount: 1_100n }, { chainspec: casper15 }).charged).toBe(110n)
  })
  test('out of gas: the whole limit is consumed, nothing comes back', () => {
    expect(estimateCost({ gas: 101n, paymentAmount: 100n }, { chainspec: casper15 })).toMatchObject({
      charged: 100n,
      refunded: 0n,
      fits: false,
      outcome: 'failure',
    })
  })
  // node/src/reactor/main_reactor/tests/transactions.rs `erroneous_wasm_transaction_no_refund` and
  // `wasm_transaction_payment_limited_refund` (a reverting session): the whole 2.5 CSPR is charged;
  // operations.rs: an execution error consumes cost_to_use() = max(limit × price, min cost).
  test('failure on mainnet: no refund, at least the baseline', () => {
    expect(estimateCost({ gas: 10_000n, paymentAmount: 2_500_000_000n, outcome: 'failure' })).toMatchObject({
      charged: 2_500_000_000n,
      refunded: 0n,
      fits: true,
      outcome: 'failure',
    })
    expect(estimateCost({ gas: 10_000n, paymentAmount: 3_000_000_000n, outcome: 'failure' }).charged).toBe(
      3_000_000_000n,
    )
    expect(estimateCost({ gas: 101n, paymentAmount: 100n }).charged).toBe(2_500_000_000n)
  })
  test('burn and no_refund keep the unused part from the sender', () => {
    const burn: Chainspec = { ...casperMainnet, refundHandling: { type: 'burn', ratio: [75, 100] } }
    const none: Chainspec = { ...casperMainnet, refundHandling: { type: 'no_refund' } }
    expect(estimateCost({ gas: 10n, paymentAmount: 100n }, { chainspec: burn })).toMatchObject({
      charged: 100n,
      refunded: 0n,
    })
    expect(estimateCost({ gas: 10n, paymentAmount: 100n }, { chainspec: none })).toMatchObject({
      charged: 100n,
      refunded: 0n,
    })
  })
  test('a payment_limited estimate needs the payment amount', () => {
    expect(() => estimateCost({ gas: 1n })).toThrowError(ChainspecError)
  })
})

describe('estimateCost, fixed', () => {
  const fixed: Chainspec = {
    ...casperMainnet,
    pricingHandling: { type: 'fixed' },
    refundHandling: { type: 'no_refund' },
  }
  test("the lane's gas limit times the gas price, whatever the payment", () => {
    const lane = casperMainnet.lanes.at(-1)!
    expect(estimateCost({ gas: 1_000n, paymentAmount: 1n, lane }, { chainspec: fixed })).toMatchObject({
      cost: 5_000_000_000n,
      charged: 5_000_000_000n,
      gasLimit: 5_000_000_000n,
    })
    expect(() => estimateCost({ gas: 1n }, { chainspec: fixed })).toThrowError(ChainspecError)
  })
  test('prepaid is refused', () => {
    const prepaid: Chainspec = { ...casperMainnet, pricingHandling: { type: 'prepaid' } }
    expect(() => estimateCost({ gas: 1n, paymentAmount: 1n }, { chainspec: prepaid })).toThrowError(
      ChainspecError,
    )
  })
})
