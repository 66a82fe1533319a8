// The part of a network's chainspec the node's acceptance rules read, and the lanes it defines.

import type { Chainspec, TransactionLane } from '../chainspec/Chainspec.js'
import { selectLane } from '../chainspec/selectLane.js'

/** The chainspec the acceptance rules read (the library's {@link Chainspec}). */
export type AcceptanceLimits = Chainspec

/** `native_transfer_minimum_motes` of the mainnet chainspecs (v1.5.8 and 2.x). */
export const nativeTransferMinimumMotes = 2_500_000_000n

/** execution_engine `engine_state` `MAX_PAYMENT` (v1.5.8): the balance the 1.5 deploy acceptor requires. */
export const maxPaymentMotes15 = 2_500_000_000n

/**
 * The balance the acceptor requires of the paying purse: 1.5 `MAX_PAYMENT` (deploy_acceptor.rs
 * `handle_get_balance_result`), 2.x `baseline_motes_amount` (transaction_acceptor.rs, the same
 * function, against the available balance: total minus holds).
 */
export function minimumBalance(limits: AcceptanceLimits): bigint {
  return isProtocol15(limits) ? maxPaymentMotes15 : limits.baselineMotesAmount
}

/** Whether these limits are a 1.x network's. */
export function isProtocol15(limits: Pick<AcceptanceLimits, 'protocolVersion'>): boolean {
  return limits.protocolVersion.startsWith('1.')
}

/**
 * The Wasm lane a payment-limited transaction lands in, or `undefined` (`NoLaneMatch`): the
 * library's `selectLane` (casper-types `transaction_v1_config.rs`
 * `get_wasm_lane_id_by_payment_limited`), so the planner and the acceptor choose alike.
 *
 * @example
 * ```ts
 * wasmLaneFor(casperMainnet, 2_500_000_000n, 5_000, 300)?.id // 5
 * ```
 */
export function wasmLaneFor(
  limits: AcceptanceLimits,
  gasLimit: bigint,
  size: number,
  argsLength: number,
): TransactionLane | undefined {
  return selectLane(limits, { gasLimit, transactionLength: size, argsLength })
}

/**
 * The Wasm lane of a fixed-price transaction: the first Wasm lane by length its size and args fit,
 * moved up `additionalComputationFactor` lanes (at most to the last). casper-types
 * `transaction_v1_config.rs` `get_wasm_lane_id_by_size`.
 */
export function wasmLaneBySize(
  limits: AcceptanceLimits,
  size: number,
  additionalComputationFactor: number,
  argsLength: number,
): TransactionLane | undefined {
  const ordered = limits.lanes
    .filter((lane) => lane.kind === 'wasm')
    .sort((a, b) => a.maxTransactionLength - b.maxTransactionLength)
  const index = ordered.findIndex(
    (lane) => lane.maxTransactionLength >= size && lane.maxArgsLength >= argsLength,
  )
  if (index === -1) return undefined
  return ordered[Math.min(index + additionalComputationFactor, ordered.length - 1)]
}
