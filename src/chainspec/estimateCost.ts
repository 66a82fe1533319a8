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
  /** The block's gas price; default the chainspec's minimum (`[vacancy] min_gas_price`). */
  gasPrice?: number | undefined
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
}

/**
 * The motes a transaction charges, computed as casper-node does (storage
 * `system/handle_payment/payment.rs` `calculate_overpayment_and_fee`, 2.x; execution_engine
 * `system/handle_payment/internal.rs` `calculate_refund_and_fee`, 1.5.8):
 *
 * - cost = gas limit × gas price, where the gas limit is the payment amount (`payment_limited`) or the
 *   lane's gas limit (`fixed`);
 * - unspent = gas limit − consumed; refund = ⌊unspent × gas price × refund ratio⌋ for `refund` (sent
 *   back) and `burn` (burned: charged all the same), 0 for `no_refund`;
 * - charged = cost − refund. An execution that runs out of gas consumes its whole limit.
 *
 * Not modelled: a purse holding less than the cost (the node then takes what it has), and
 * `prepaid` pricing, which casper-node does not support.
 *
 * @throws {ChainspecError} `ChainspecInvalidValue` for a `payment_limited` estimate without
 *   `paymentAmount`, a `fixed` one without `lane`, or `prepaid` pricing.
 * @example
 * ```ts
 * estimateCost({ gas: 1_000_000_000n, paymentAmount: 1_050_000_000n }) // mainnet: 75% of unused back
 * // { charged: 1_012_500_000n, refunded: 37_500_000n, cost: 1_050_000_000n, gasLimit: 1_050_000_000n, fits: true }
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
  const consumed = fits ? parameters.gas : gasLimit
  const unspent = (gasLimit - consumed) * gasPrice
  const share = ([n, d]: readonly [number, number]) => (unspent * BigInt(n)) / BigInt(d)
  // `burn` computes the same share as `refund` but burns it: the sender is charged the whole cost.
  const refunded = match(chainspec.refundHandling)
    .with({ type: 'refund' }, ({ ratio }) => share(ratio))
    .with({ type: 'burn' }, { type: 'no_refund' }, () => 0n)
    .exhaustive()
  return { charged: cost - refunded, refunded, cost, gasLimit, fits }
}
