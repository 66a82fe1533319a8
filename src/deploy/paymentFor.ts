// The payment for a session from its emulated gas: the gas plus an explicit margin.

import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { choosePayment, defaultPaymentMargin, type PaymentMargin } from '../chainspec/choosePayment.js'

export type { PaymentMargin }
export { defaultPaymentMargin }

/** Options of {@link paymentFor}. */
export type PaymentForOptions = {
  /** Default `casperMainnet`. */
  chainspec?: Chainspec | undefined
  /** Default {@link defaultPaymentMargin}: 4% of the gas. */
  margin?: PaymentMargin | undefined
  /** Account writes the session makes, for `margin.accountGrowthBytes`; default 0. */
  writes?: number | undefined
}

/**
 * Motes to pay (the gas limit under `payment_limited`) for a session that uses `gas`: the gas plus
 * `margin`, rounded up, and never below the chainspec's `baseline_motes_amount` (the least payment
 * a 2.x node accepts). The builders use it with the emulated gas; see `PaymentMargin` for what the
 * margin is for and what it costs.
 *
 * @example
 * ```ts
 * paymentFor(484_130_222n) // 2_500_000_000n (mainnet's floor)
 * paymentFor(484_130_222n, { chainspec: casper15 }) // 503_495_431n (4% margin, no floor)
 * paymentFor(3_000_000_000n) // 3_120_000_000n
 * ```
 */
export function paymentFor(gas: bigint, options: PaymentForOptions = {}): bigint {
  return choosePayment(
    { gas, writes: options.writes ?? 0, argsLength: 0, transactionLength: 0 },
    options.chainspec ?? casperMainnet,
    options.margin,
  ).amount
}
