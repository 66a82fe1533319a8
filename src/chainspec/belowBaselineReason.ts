// The one reason a payment is below the least a 2.x node accepts, shown by every describer.
import { formatCspr } from '../text/formatCspr.js'

/**
 * Why a Wasm session's payment is refused at acceptance, or `undefined` when it is not: below the
 * chainspec's `baseline_motes_amount`, or zero where there is a floor (casper-types 2.0.0
 * `transaction/deploy.rs` and node `meta_transaction_v1.rs` `is_config_compliant`,
 * `InvalidPaymentAmount`; tested by transaction_acceptor/tests.rs
 * `should_reject_deploy_with_insufficient_payment`). Native transfers are exempt: callers do not ask.
 *
 * @example
 * ```ts
 * belowBaselineReason(2_000_000_000n, 2_500_000_000n, 'deploy')
 * // 'the payment of 2 CSPR is below the network's minimum payment of 2.5 CSPR (baseline_motes_amount): …'
 * belowBaselineReason(0n, 0n, 'deploy') // undefined (1.5: no floor)
 * ```
 */
export function belowBaselineReason(
  payment: bigint,
  floor: bigint,
  kind: 'deploy' | 'transaction',
): string | undefined {
  if (payment >= floor && !(payment === 0n && floor > 0n)) return undefined
  const error = kind === 'deploy' ? 'InvalidDeploy' : 'InvalidTransactionV1'
  return `the payment of ${formatCspr(payment)} CSPR is below the network's minimum payment of ${formatCspr(floor)} CSPR (baseline_motes_amount): the node refuses it (${error}::InvalidPaymentAmount, "invalid payment amount")`
}
