// The part of a network's chainspec the node's acceptance rules read, and the lanes it defines.

import type { Chainspec, TransactionLane } from '../chainspec/Chainspec.js'

/** The part of a {@link Chainspec} the acceptance rules read (a whole `Chainspec` fits). */
export type AcceptanceLimits = Pick<
  Chainspec,
  | 'protocolVersion'
  | 'chainName'
  | 'authorization'
  | 'maxAssociatedKeys'
  | 'maxTtlMs'
  | 'maxDependencies'
  | 'lanes'
  | 'maxTransactionLength'
  | 'blockGasLimit'
  | 'pricingHandling'
  | 'gasPrice'
  | 'baselineMotesAmount'
> & { deploy: Pick<Chainspec['deploy'], 'sessionArgsMaxLength' | 'paymentArgsMaxLength'> }

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
 * The Wasm lane a payment-limited transaction lands in: the first of the Wasm lanes ordered by
 * (gas limit, length, args length, id) that its gas limit, size and args all fit, or `undefined`
 * (`NoLaneMatch`). casper-types `transaction_v1_config.rs` `get_wasm_lane_id_by_payment_limited`
 * and `build_wasm_lanes_ordered`.
 */
export function wasmLaneFor(
  limits: AcceptanceLimits,
  gasLimit: bigint,
  size: number,
  argsLength: number,
): TransactionLane | undefined {
  const ordered = limits.lanes
    .filter((lane) => lane.kind === 'wasm')
    .sort(
      (a, b) =>
        compare(a.maxGasLimit, b.maxGasLimit) ||
        a.maxTransactionLength - b.maxTransactionLength ||
        a.maxArgsLength - b.maxArgsLength ||
        a.id - b.id,
    )
  return ordered.find(
    (lane) =>
      gasLimit <= lane.maxGasLimit && size <= lane.maxTransactionLength && argsLength <= lane.maxArgsLength,
  )
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

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}
