// The payment of a key-management deploy: the emulated gas plus an explicit margin, never below the
// network's minimum payment, and what it will cost if it succeeds and if it fails.
import type { Chainspec, Ratio, TransactionLane } from './Chainspec.js'
import { type EstimateCostReturnType, estimateCost } from './estimateCost.js'
import { laneArgsLength } from './laneArgsLength.js'
import { selectLane } from './selectLane.js'

/**
 * Gas added to the emulated gas before it becomes the payment. The emulation is exact for the
 * account it ran on; the margin covers what can change before the deploy executes:
 * `accountGrowthBytes` more bytes in the account record (a named key added meanwhile: 4 + name
 * length + 33 bytes) cost `storage gas per byte` once per account write the session makes, and
 * `ratio` of the gas covers anything else. Under `refund [75, 100]` every unit of margin not used
 * costs 0.25 units: the default margin costs at most 1% of the gas (once the gas is above the
 * floor; below it the floor, not the margin, sets the payment).
 */
export type PaymentMargin = {
  /** Fraction of the emulated gas; default `[1, 25]` (4%). */
  ratio: Ratio
  /** Bytes the account record may grow by before execution; default 0. */
  accountGrowthBytes: number
}

/** Default {@link PaymentMargin}: 4% of the gas, no extra growth allowance. */
export const defaultPaymentMargin: PaymentMargin = { ratio: [1, 25], accountGrowthBytes: 0 }

/** A chosen payment with the reasoning behind it. */
export type PaymentChoice = {
  /** Payment amount in motes; under `payment_limited` it is the gas limit. max(`gas + marginGas`, `floor`). */
  amount: bigint
  /** The emulated gas. */
  gas: bigint
  /** The margin added to the gas, from `margin` (the floor may raise `amount` above `gas + marginGas`). */
  marginGas: bigint
  /**
   * The least payment the network accepts: `[core] baseline_motes_amount` (2.5 CSPR on mainnet, 0
   * on 1.5). Below it a 2.x node refuses the deploy (`InvalidDeploy::InvalidPaymentAmount`).
   */
  floor: bigint
  /** True when the floor, not the gas and margin, set the amount. */
  floored: boolean
  margin: PaymentMargin
  /** The lane the transaction lands in, if it fits one (1.5: a synthetic lane of id -1). */
  lane: TransactionLane | undefined
  /** The cost if the session uses exactly the emulated gas (absent under `fixed` pricing when no lane fits). */
  expected: EstimateCostReturnType | undefined
  /**
   * The cost if the execution fails (a revert, a trap, out of gas): no refund, max(limit × price,
   * baseline) is charged (absent under `fixed` pricing when no lane fits).
   */
  ifFails: EstimateCostReturnType | undefined
}

/** What the payment is chosen for. */
export type ChoosePaymentParameters = {
  gas: bigint
  /** Account writes the session makes (each add/update/remove/threshold call). */
  writes: number
  /** Serialized args the lane compares: a TransactionV1's `args` field, or a deploy's session args. */
  argsLength: number
  /**
   * A deploy with standard payment: its payment args (the `amount` this function chooses) count
   * toward the lane's args too, as casper-node measures a deploy's ({@link laneArgsLength}).
   */
  standardPayment?: boolean | undefined
  transactionLength: number
}

/**
 * The payment that minimises the expected charge while surviving the margin and being accepted:
 * the charge grows with the unused part of the payment (`1 - refund ratio` of it is kept), so the
 * payment is the emulated gas plus the {@link PaymentMargin}, raised to the chainspec's
 * `baseline_motes_amount` when below it (a 2.x node refuses a smaller payment at acceptance:
 * casper-types `transaction/deploy.rs` `is_config_compliant`, `InvalidDeploy::InvalidPaymentAmount`).
 *
 * @example
 * ```ts
 * choosePayment({ gas: 500_000_000n, writes: 3, argsLength: 40, transactionLength: 9_000 }, casperMainnet)
 * // { amount: 2_500_000_000n, floored: true, lane: { id: 5, … },
 * //   expected: { charged: 1_000_000_000n, … }, ifFails: { charged: 2_500_000_000n, … } }
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
  const floor = chainspec.baselineMotesAmount
  const wanted = parameters.gas + marginGas
  const floored = wanted < floor
  const amount = floored ? floor : wanted
  const lane = selectLane(chainspec, {
    gasLimit: amount,
    transactionLength: parameters.transactionLength,
    argsLength: parameters.standardPayment
      ? laneArgsLength(parameters.argsLength, amount, chainspec)
      : parameters.argsLength,
  })
  const estimate = (outcome: 'success' | 'failure') =>
    chainspec.pricingHandling.type !== 'fixed'
      ? estimateCost({ gas: parameters.gas, paymentAmount: amount, outcome }, { chainspec })
      : lane && estimateCost({ gas: parameters.gas, lane, outcome }, { chainspec })
  return {
    amount,
    gas: parameters.gas,
    marginGas,
    floor,
    floored,
    margin,
    lane,
    expected: estimate('success'),
    ifFails: estimate('failure'),
  }
}
