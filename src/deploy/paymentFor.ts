// Standard payment from emulated gas, with a safety margin.

/** Default margin over the emulated gas: 25%. On 1.5, 99% of unused payment is refunded. */
export const defaultPaymentMargin = 0.25

/**
 * Motes to pay for a session that uses `gas`: gas × gas price × (1 + margin), rounded up. The
 * margin covers state that changes between building and execution (each named key or associated
 * key added meanwhile makes every account write dearer); casper-node 1.5 refunds 99% of what is
 * not used, so the margin costs about 1% of itself.
 *
 * @example
 * ```ts
 * paymentFor(484_130_222n) // 605_162_778n
 * ```
 */
export function paymentFor(gas: bigint, options: { gasPrice?: number; margin?: number } = {}): bigint {
  const margin = options.margin ?? defaultPaymentMargin
  const scaled = gas * BigInt(options.gasPrice ?? 1) * BigInt(Math.round((1 + margin) * 10_000))
  return (scaled + 9_999n) / 10_000n
}
