// Motes as CSPR text, exact: what every surface shows a co-signer about to pay.

/**
 * Motes as CSPR text (1 CSPR = 1,000,000,000 motes), exact to the mote, trailing zeros trimmed:
 * never rounded.
 *
 * @example
 * ```ts
 * formatCspr(2_500_000_000n) // '2.5'
 * formatCspr(484_130_222n) // '0.484130222'
 * ```
 */
export function formatCspr(motes: bigint): string {
  const sign = motes < 0n ? '-' : ''
  const abs = motes < 0n ? -motes : motes
  const fraction = (abs % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '')
  return `${sign}${abs / 1_000_000_000n}${fraction ? `.${fraction}` : ''}`
}
