// What a transaction costs its sender, by the chainspec's pricing and refund handling.
import { match } from 'ts-pattern'
import type { Chainspec, TransactionLane } from './Chainspec.js'
import { ChainspecError } from './ChainspecError.js'
import { casperMainnet } from './casperMainnet.js'

/** Parameters of {@link estimateCost}. */
export type EstimateCostParameters = {
  /** Gas the execution consumes (the emulator's `gas.total`). */
  gas: bigint
  /** `payment_limited`: the payment amount, which is the gas limit (a deploy's payment `amount`). */
  paymentAmount?: bigint | undefined
  /** `fixed`: the lane the transaction lands in; its `maxGasLimit` is the gas limit. */
  lane?: TransactionLane | undefined
  /**
   * The network's current gas price (the era's, 1 on mainnet); default the chainspec's minimum
   * (`[vacancy] min_gas_price`). Never a deploy header's `gas_price` or a TransactionV1's
   * `gas_price_tolerance`: those are the most the sender accepts, not what is charged.
   */
  gasPrice?: number | undefined
  /**
   * `'success'` (default): the unused part of the limit is refunded by the chainspec's ratio.
   * `'failure'` (a revert, a trap, out of gas, authorization failing at execution, invalid Wasm):
   * nothing is refunded and the whole max(limit × price, baseline) is charged.
   */
  outcome?: 'success' | 'failure' | undefined
}

/** Options of {@link estimateCost}. */
export type EstimateCostOptions = {
  /** Default `casperMainnet`. */
  chainspec?: Chainspec | undefined
}

/** Motes a transaction takes from its sender. */
export type EstimateCostReturnType = {
  /** What the sender ends up paying: the cost minus what is refunded. */
  charged: bigint
  /** Given back to the sender (0 under `burn` and `no_refund`). */
  refunded: bigint
  /** Held or taken up front: gas limit × gas price. The purse must hold this much. */
  cost: bigint
  /** The gas limit the cost was computed from. */
  gasLimit: bigint
  /** False when `gas` exceeds the gas limit: the execution runs out of gas and nothing is refunded. */
  fits: boolean
  /** The outcome the charge is for: `'failure'` when asked for, or when `gas` does not fit. */
  outcome: 'success' | 'failure'
}

/**
 * The motes a transaction charges, computed as casper-node does (2.x: storage
 * `system/handle_payment/internal.rs` `calculate_overpayment_and_fee`, and
 * `node/src/components/contract_runtime/operations.rs`, where an execution error consumes
 * `cost_to_use()`: "no refund for penalty"; 1.5.8: execution_engine
 * `system/handle_payment/internal.rs` `calculate_refund_and_fee`):
 *
 * - cost = gas limit × gas price, where the gas limit is the payment amount (`payment_limited`) or the
 *   lane's gas limit (`fixed`), and the gas price the network's current one;
 * - success: unspent = gas limit − consumed; refund = ⌊unspent × gas price × refund ratio⌋ for
 *   `refund` (sent back) and `burn` (burned: charged all the same), 0 for `no_refund`;
 *   charged = cost − refund;
 * - failure (asked for with `outcome: 'failure'`, or `gas` above the limit, which runs out of gas):
 *   no refund, charged = max(cost, `baseline_motes_amount`).
 *
 * Not modelled: a purse holding less than the cost (the node then takes what it has), and
 * `prepaid` pricing, which casper-node does not support.
 *
 * @throws {ChainspecError} `ChainspecInvalidValue` for a `payment_limited` estimate without
 *   `paymentAmount`, a `fixed` one without `lane`, or `prepaid` pricing.
 * @example
 * ```ts
 * estimateCost({ gas: 1_000_000_000n, paymentAmount: 2_500_000_000n }) // mainnet: 75% of unused back
 * // { charged: 1_375_000_000n, refunded: 1_125_000_000n, cost: 2_500_000_000n, fits: true, outcome: 'success', … }
 * estimateCost({ gas: 1_000_000_000n, paymentAmount: 2_500_000_000n, outcome: 'failure' })
 * // { charged: 2_500_000_000n, refunded: 0n, … outcome: 'failure' }
 * ```
 */
export function estimateCost(
  parameters: EstimateCostParameters,
  options: EstimateCostOptions = {},
): EstimateCostReturnType {
  const chainspec = options.chainspec ?? casperMainnet
  const gasPrice = BigInt(parameters.gasPrice ?? chainspec.gasPrice.min)
  const missing = (what: string): never => {
    throw new ChainspecError({
      code: 'ChainspecInvalidValue',
      key: 'core.pricing_handling',
      expected: what,
      got: chainspec.pricingHandling.type,
    })
  }
  const gasLimit = match(chainspec.pricingHandling)
    .with(
      { type: 'payment_limited' },
      () => parameters.paymentAmount ?? missing('a paymentAmount for payment_limited'),
    )
    .with({ type: 'fixed' }, () => parameters.lane?.maxGasLimit ?? missing('a lane for fixed pricing'))
    .with({ type: 'prepaid' }, () => missing('payment_limited or fixed pricing (prepaid is not supported)'))
    .exhaustive()
  const cost = gasLimit * gasPrice
  const fits = parameters.gas <= gasLimit
  if (!fits || parameters.outcome === 'failure') {
    const charged = cost > chainspec.baselineMotesAmount ? cost : chainspec.baselineMotesAmount
    return { charged, refunded: 0n, cost, gasLimit, fits, outcome: 'failure' }
  }
  const unspent = (gasLimit - parameters.gas) * gasPrice
  const share = ([n, d]: readonly [number, number]) => (unspent * BigInt(n)) / BigInt(d)
  // `burn` computes the same share as `refund` but burns it: the sender is charged the whole cost.
  const refunded = match(chainspec.refundHandling)
    .with({ type: 'refund' }, ({ ratio }) => share(ratio))
    .with({ type: 'burn' }, { type: 'no_refund' }, () => 0n)
    .exhaustive()
  return { charged: cost - refunded, refunded, cost, gasLimit, fits, outcome: 'success' }
}
