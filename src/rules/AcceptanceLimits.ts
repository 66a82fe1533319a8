// The part of a network's chainspec the node's acceptance rules read, and the two networks' values.

/** A lane of `[transactions.v1]`: `[id, max transaction bytes, max args bytes, gas limit, max per block]`. */
export type AcceptanceLane = {
  id: number
  kind: 'mint' | 'auction' | 'installUpgrade' | 'wasm'
  maxTransactionLength: number
  maxArgsLength: number
  maxGasLimit: bigint
  maxCount: number
}

/**
 * What the acceptance rules read from a chainspec. The field names are those of the library's
 * `Chainspec`, so a whole `Chainspec` value can be passed wherever this is asked for.
 */
export type AcceptanceLimits = {
  /** `[protocol] version`; its major version chooses the 1.x or 2.x rules. */
  protocolVersion: string
  /** `[network] name`. */
  chainName: string
  /** `[core] max_associated_keys`: also the most approvals a deploy may carry. */
  maxAssociatedKeys: number
  /** `max_ttl` in milliseconds. */
  maxTtlMs: number
  /** 1.5 `[deploys] max_dependencies`; 2.x accepts none (0). */
  maxDependencies: number
  deploy: { sessionArgsMaxLength: number; paymentArgsMaxLength: number }
  /** `[transactions.v1]` lanes; empty on 1.5. */
  lanes: readonly AcceptanceLane[]
  /** 1.5 `[deploys] max_deploy_size`; on 2.x the largest lane's length. */
  maxTransactionLength: number
  /** `block_gas_limit`. */
  blockGasLimit: bigint
  /** `[core] pricing_handling`; 1.5 behaves as `payment_limited`. */
  pricingHandling: { type: 'payment_limited' } | { type: 'fixed' } | { type: 'prepaid' }
  /** `[vacancy] min_gas_price` / `max_gas_price`; 1.5: 1 / 1 (a deploy's own gas price is used). */
  gasPrice: { min: number; max: number }
  /** `[core] baseline_motes_amount`; 0 on 1.5. */
  baselineMotesAmount: bigint
}

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
 * casper-node v1.5.8 `resources/production/chainspec.toml`: `[deploys]` and `[core]` values the
 * acceptor reads.
 */
export const acceptanceLimits15: AcceptanceLimits = {
  protocolVersion: '1.5.8',
  chainName: 'casper',
  maxAssociatedKeys: 100,
  maxTtlMs: 2 * 3_600_000,
  maxDependencies: 10,
  deploy: { sessionArgsMaxLength: 1024, paymentArgsMaxLength: 1024 },
  lanes: [],
  maxTransactionLength: 1_048_576,
  blockGasLimit: 4_000_000_000_000n,
  pricingHandling: { type: 'payment_limited' },
  gasPrice: { min: 1, max: 1 },
  baselineMotesAmount: 0n,
}

/**
 * casper-node `resources/mainnet/chainspec.toml`, protocol 2.2.0 (casper-facts section 11):
 * `[transactions]`, `[transactions.deploy]`, `[transactions.v1]` lanes, `[vacancy]` and `[core]`.
 */
export const acceptanceLimits2x: AcceptanceLimits = {
  protocolVersion: '2.2.0',
  chainName: 'casper',
  maxAssociatedKeys: 100,
  maxTtlMs: 2 * 3_600_000,
  maxDependencies: 0,
  deploy: { sessionArgsMaxLength: 1024, paymentArgsMaxLength: 1024 },
  lanes: [
    {
      id: 0,
      kind: 'mint',
      maxTransactionLength: 2048,
      maxArgsLength: 1024,
      maxGasLimit: 100_000_000n,
      maxCount: 325,
    },
    {
      id: 1,
      kind: 'auction',
      maxTransactionLength: 3096,
      maxArgsLength: 2048,
      maxGasLimit: 2_500_000_000n,
      maxCount: 325,
    },
    {
      id: 2,
      kind: 'installUpgrade',
      maxTransactionLength: 750_000,
      maxArgsLength: 2048,
      maxGasLimit: 1_000_000_000_000n,
      maxCount: 1,
    },
    {
      id: 3,
      kind: 'wasm',
      maxTransactionLength: 750_000,
      maxArgsLength: 2048,
      maxGasLimit: 1_000_000_000_000n,
      maxCount: 1,
    },
    {
      id: 4,
      kind: 'wasm',
      maxTransactionLength: 131_072,
      maxArgsLength: 1024,
      maxGasLimit: 100_000_000_000n,
      maxCount: 2,
    },
    {
      id: 5,
      kind: 'wasm',
      maxTransactionLength: 65_536,
      maxArgsLength: 512,
      maxGasLimit: 5_000_000_000n,
      maxCount: 40,
    },
  ],
  maxTransactionLength: 750_000,
  blockGasLimit: 812_500_000_000n,
  pricingHandling: { type: 'payment_limited' },
  gasPrice: { min: 1, max: 1 },
  baselineMotesAmount: 2_500_000_000n,
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
): AcceptanceLane | undefined {
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
): AcceptanceLane | undefined {
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
