// The payment of a key-management deploy: the emulated gas plus an explicit margin, and what it will cost.
import type { Chainspec, Ratio, TransactionLane } from './Chainspec.js'
import { type EstimateCostReturnType, estimateCost } from './estimateCost.js'
import { selectLane } from './selectLane.js'

/**
 * Gas added to the emulated gas before it becomes the payment. The emulation is exact for the
 * account it ran on; the margin covers what can change before the deploy executes:
 * `accountGrowthBytes` more bytes in the account record (a named key added meanwhile: 4 + name
 * length + 33 bytes) cost `storage gas per byte` once per account write the session makes, and
 * `ratio` of the gas covers anything else. Under `refund [75, 100]` every unit of margin not used
 * costs 0.25 units: the default margin costs at most 1.25% of the gas.
 */
export type PaymentMargin = {
  /** Fraction of the emulated gas; default `[1, 20]` (5%). */
  ratio: Ratio
  /** Bytes the account record may grow by before execution; default 0. */
  accountGrowthBytes: number
}

/** Default {@link PaymentMargin}: 5% of the gas, no extra growth allowance. */
export const defaultPaymentMargin: PaymentMargin = { ratio: [1, 20], accountGrowthBytes: 0 }

/** A chosen payment with the reasoning behind it. */
export type PaymentChoice = {
  /** Payment amount in motes; under `payment_limited` it is the gas limit. */
  amount: bigint
  /** The emulated gas. */
  gas: bigint
  /** `amount - gas`, from `margin`. */
  marginGas: bigint
  margin: PaymentMargin
  /** The lane the transaction lands in, if it fits one (1.5: a synthetic lane of id -1). */
  lane: TransactionLane | undefined
  /** The cost if the session uses exactly the emulated gas (absent under `fixed` pricing when no lane fits). */
  expected: EstimateCostReturnType | undefined
}

/** What the payment is chosen for. */
export type ChoosePaymentParameters = {
  gas: bigint
  /** Account writes the session makes (each add/update/remove/threshold call). */
  writes: number
  argsLength: number
  transactionLength: number
}

/**
 * The payment that minimises the expected charge while surviving the margin: the charge grows with
 * the unused part of the payment (`1 - refund ratio` of it is kept), so the payment is the emulated
 * gas plus the {@link PaymentMargin} and no more.
 *
 * @example
 * ```ts
 * choosePayment({ gas: 500_000_000n, writes: 3, argsLength: 40, transactionLength: 9_000 }, casperMainnet)
 * // { amount: 525_000_000n, marginGas: 25_000_000n, lane: { id: 5, … }, expected: { charged: 506_250_000n, … } }
 * ```
 */
export function choosePayment(
  parameters: ChoosePaymentParameters,
  chainspec: Chainspec,
  margin: PaymentMargin = defaultPaymentMargin,
): PaymentChoice {
  const [n, d] = margin.ratio
  const proportional = (parameters.gas * BigInt(n) + BigInt(d) - 1n) / BigInt(d)
  const growth =
    BigInt(parameters.writes) * BigInt(margin.accountGrowthBytes) * BigInt(chainspec.wasm.storageGasPerByte)
  const marginGas = proportional + growth
  const amount = parameters.gas + marginGas
  const lane = selectLane(chainspec, {
    gasLimit: amount,
    transactionLength: parameters.transactionLength,
    argsLength: parameters.argsLength,
  })
  const expected =
    chainspec.pricingHandling.type !== 'fixed'
      ? estimateCost({ gas: parameters.gas, paymentAmount: amount }, { chainspec })
      : lane && estimateCost({ gas: parameters.gas, lane }, { chainspec })
  return { amount, gas: parameters.gas, marginGas, margin, lane, expected }
}
