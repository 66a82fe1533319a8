// Which lane of a 2.x chainspec a Wasm transaction lands in.
import type { Chainspec, TransactionLane } from './Chainspec.js'

/** What decides a Wasm transaction's lane. */
export type LaneRequest = {
  /** The gas limit: a deploy's payment amount (`payment_limited`). */
  gasLimit: bigint
  /** Serialized length of the whole transaction, in bytes. */
  transactionLength: number
  /** Serialized length of its session args, in bytes. */
  argsLength: number
}

/**
 * The Wasm lane casper-node assigns under `payment_limited` pricing: of the Wasm lanes ordered by
 * gas limit, then transaction length, then args length, then id, the first one whose gas limit,
 * transaction length and args length are all at least the transaction's (casper-types
 * `chainspec/transaction_config/transaction_v1_config.rs` `get_wasm_lane_id_by_payment_limited`,
 * called through `transaction.rs` `get_lane_for_non_install_wasm` for TransactionV1 and deploys).
 * `undefined` when none fits (the node refuses the transaction: `NoLaneMatch`).
 *
 * A 1.5 chainspec has no lanes: a fitting deploy gets a synthetic lane `-1` made of its block gas
 * limit, `max_deploy_size` and `session_args_max_length`.
 *
 * @example
 * ```ts
 * selectLane(casperMainnet, { gasLimit: 600_000_000n, transactionLength: 9_000, argsLength: 40 })?.id // 5
 * selectLane(casperMainnet, { gasLimit: 6_000_000_000n, transactionLength: 9_000, argsLength: 40 })?.id // 4
 * ```
 */
export function selectLane(chainspec: Chainspec, request: LaneRequest): TransactionLane | undefined {
  const lanes = wasmLanes(chainspec)
  return lanes.find(
    (lane) =>
      request.gasLimit <= lane.maxGasLimit &&
      request.transactionLength <= lane.maxTransactionLength &&
      request.argsLength <= lane.maxArgsLength,
  )
}

/** The chainspec's Wasm lanes in the node's selection order (or the 1.5 synthetic lane). */
export function wasmLanes(chainspec: Chainspec): TransactionLane[] {
  if (chainspec.lanes.length === 0) {
    return [
      {
        id: -1,
        kind: 'wasm',
        maxTransactionLength: chainspec.maxTransactionLength,
        maxArgsLength: chainspec.deploy.sessionArgsMaxLength,
        maxGasLimit: chainspec.blockGasLimit,
        maxCount: Number.MAX_SAFE_INTEGER,
      },
    ]
  }
  const big = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)
  return chainspec.lanes
    .filter((lane) => lane.kind === 'wasm')
    .sort(
      (a, b) =>
        big(a.maxGasLimit, b.maxGasLimit) ||
        a.maxTransactionLength - b.maxTransactionLength ||
        a.maxArgsLength - b.maxArgsLength ||
        a.id - b.id,
    )
}
