// One Casper network's limits and prices, as its chainspec.toml states them: the value every rule reads.

/** A fraction `[numerator, denominator]` as the chainspec writes it, e.g. `refund_ratio = [75, 100]`. */
export type Ratio = readonly [numerator: number, denominator: number]

/** `{ cost, arguments }` of a host function: gas = cost + sum(arguments[i] * argument value i). */
export type HostFunctionCost = { cost: number; arguments: readonly number[] }

/**
 * `[wasm.v1.host_function_costs]` (2.x) / `[wasm.host_function_costs]` (1.5) of the host functions
 * key-management sessions import, by import name without the `casper_` prefix.
 */
export type HostFunctionCosts = {
  get_named_arg_size: HostFunctionCost
  get_named_arg: HostFunctionCost
  add_associated_key: HostFunctionCost
  update_associated_key: HostFunctionCost
  remove_associated_key: HostFunctionCost
  set_action_threshold: HostFunctionCost
  revert: HostFunctionCost
}

/** Cost of `br_table`: `cost + size_multiplier * number of targets (default excluded)`. */
export type BrTableCost = { cost: number; size_multiplier: number }

/** `[wasm.v1.opcode_costs.control_flow]` of the chainspec. */
export type ControlFlowCosts = {
  block: number
  loop: number
  if: number
  else: number
  end: number
  br: number
  br_if: number
  return: number
  select: number
  call: number
  call_indirect: number
  drop: number
  br_table: BrTableCost
}

/** `[wasm.v1.opcode_costs]` of the chainspec (names as in the TOML). */
export type OpcodeCosts = {
  bit: number
  add: number
  mul: number
  div: number
  load: number
  store: number
  const: number
  local: number
  global: number
  integer_comparison: number
  conversion: number
  unreachable: number
  nop: number
  current_memory: number
  /** Per 64 KiB page, charged by the injected grow function; 0 turns that off. */
  grow_memory: number
  /** Sign-extension opcodes; absent in 1.5, where they are refused. */
  sign?: number | undefined
  control_flow: ControlFlowCosts
}

/**
 * `[core] pricing_handling`: who sets a transaction's gas limit. `payment_limited`: the sender (a
 * deploy's payment `amount`, a TransactionV1's `PaymentLimited.payment_amount`); `fixed`: the lane's
 * gas limit; `prepaid`: not supported by casper-node.
 */
export type PricingHandling = { type: 'payment_limited' } | { type: 'fixed' } | { type: 'prepaid' }

/**
 * `[core] refund_handling`: what happens to the paid-for but unused gas. `refund` gives `ratio` of it
 * back, `burn` burns that part, `no_refund` keeps it all.
 */
export type RefundHandling =
  | { type: 'refund'; ratio: Ratio }
  | { type: 'burn'; ratio: Ratio }
  | { type: 'no_refund' }

/** `[core] fee_handling`: where the fee goes (it does not change what the sender pays). */
export type FeeHandling =
  | { type: 'pay_to_proposer' }
  | { type: 'accumulate' }
  | { type: 'burn' }
  | { type: 'no_fee' }

/** What a lane carries: the reserved native lanes 0 (mint) and 1 (auction), 2 (install/upgrade), or Wasm. */
export type TransactionLaneKind = 'mint' | 'auction' | 'installUpgrade' | 'wasm'

/**
 * One `[transactions.v1]` lane, `[id, max transaction bytes, max args bytes, gas limit, max per block]`.
 */
export type TransactionLane = {
  id: number
  kind: TransactionLaneKind
  /** Largest serialized transaction, in bytes. */
  maxTransactionLength: number
  /** Largest serialized runtime args, in bytes. */
  maxArgsLength: number
  /** Largest gas limit a transaction in this lane may have. */
  maxGasLimit: bigint
  /** Transactions of this lane one block holds. */
  maxCount: number
}

/**
 * Which signers a deploy may carry. `everySignerAssociated` (1.x `Account::can_authorize`): every
 * signer must be an associated key. `anySignerAssociated` (2.x `RuntimeFootprint::can_authorize`):
 * at least one must be; the others weigh 0.
 */
export type AuthorizationRule = 'everySignerAssociated' | 'anySignerAssociated'

/** The gas of the mint's transfer and of the auction's entry points (`[system_costs]`). */
export type SystemCosts = {
  transfer: bigint
  delegate: bigint
  undelegate: bigint
  redelegate: bigint
  addBid: bigint
  withdrawBid: bigint
  activateBid: bigint
  /** casper-node 2.x only (`auction_costs.change_bid_public_key`). */
  changeBidPublicKey?: bigint | undefined
  /** casper-node 2.x only (`auction_costs.add_reservations`). */
  addReservations?: bigint | undefined
  /** casper-node 2.x only (`auction_costs.cancel_reservations`). */
  cancelReservations?: bigint | undefined
}

/**
 * A Casper network's rules and prices, read from its `chainspec.toml` ({@link parseChainspec}, or
 * `getChainspec` from a node) or taken from a preset (`casperMainnet`, `casperTestnet`, `casper15`).
 * Every rule in the library takes one: the emulator's gas, the account limits, deploy limits and
 * the cost of a deploy all come from here. Gas and motes are bigint, sizes and times numbers.
 *
 * @example
 * ```ts
 * import { casperMainnet } from 'casper-multisig'
 * casperMainnet.protocolVersion // '2.2.0'
 * casperMainnet.refundHandling // { type: 'refund', ratio: [75, 100] }
 * ```
 */
export type Chainspec = {
  /** `[protocol] version`, e.g. `'2.2.0'`. */
  protocolVersion: string
  /** `[network] name`: the `chain_name` deploys must carry, e.g. `'casper'`. */
  chainName: string
  /** Derived from the major version: 1.x every signer associated, 2.x any signer associated. */
  authorization: AuthorizationRule
  /** `[core] enable_addressable_entity`: false keeps accounts as `Account` records (no upgrade threshold). */
  enableAddressableEntity: boolean
  /** `[core] max_associated_keys`. */
  maxAssociatedKeys: number
  /** `[transactions] max_ttl` (1.5 `[deploys] max_ttl`), in milliseconds. */
  maxTtlMs: number
  /** `[transactions] max_timestamp_leeway` (1.5 `[deploys]`), in milliseconds. */
  maxTimestampLeewayMs: number
  /** Deploy dependencies allowed: 1.5 `[deploys] max_dependencies`; 2.x accepts none. */
  maxDependencies: number
  /** `[transactions.deploy]` (1.5 `[deploys]`). */
  deploy: {
    /** `session_args_max_length`: serialized session args, in bytes. */
    sessionArgsMaxLength: number
    /** `payment_args_max_length`: serialized payment args, in bytes. */
    paymentArgsMaxLength: number
    /** `max_payment_cost` in motes; 0 means no cap. */
    maxPaymentCost: bigint
  }
  /**
   * `[transactions.v1]` lanes: `native_mint_lane`, `native_auction_lane`, `install_upgrade_lane`,
   * then `wasm_lanes`. Empty on 1.5, which has no lanes (one `block_gas_limit` and
   * `max_deploy_size` for every deploy).
   */
  lanes: readonly TransactionLane[]
  /** 1.5 `[deploys] max_deploy_size`; on 2.x the largest lane's `max_transaction_length`. */
  maxTransactionLength: number
  /** `[transactions] block_gas_limit` (1.5 `[deploys]`). */
  blockGasLimit: bigint
  /** `[transactions] block_max_approval_count`. */
  blockMaxApprovalCount: number
  /** `[core] pricing_handling`; 1.5 has none and behaves as `payment_limited`. */
  pricingHandling: PricingHandling
  /** `[core] refund_handling`. */
  refundHandling: RefundHandling
  /** `[core] fee_handling`. */
  feeHandling: FeeHandling
  /** `[vacancy] min_gas_price` / `max_gas_price`; 1.5 has no vacancy (a deploy's own `gas_price`, 1). */
  gasPrice: { min: number; max: number }
  /** `[core] baseline_motes_amount`: the penalty payment and lowest cost; 1.5 has none (0). */
  baselineMotesAmount: bigint
  /**
   * `[transactions] native_transfer_minimum_motes` (1.5 `[deploys]`): the least a native transfer
   * may move (casper-node `arg_handling.rs` `has_valid_transfer_args`, `InsufficientTransferAmount`).
   */
  nativeTransferMinimumMotes: bigint
  /** `[core] minimum_delegation_amount`: the least a delegation may be. */
  minimumDelegationAmount: bigint
  /**
   * The gas of native calls: `[system_costs.mint_costs] transfer` and
   * `[system_costs.auction_costs]`. On 2.x a native transaction in the mint or auction lane pays at
   * least this and is charged its whole payment (casper-node `meta_transaction_v1.rs`
   * `is_config_compliant`, `contract_runtime/operations.rs`).
   */
  systemCosts: SystemCosts
  /**
   * The auction system contract's hash (hex), which a deploy calling the auction targets. Not in
   * chainspec.toml: the presets carry it (mainnet and testnet, as casper-js-sdk's
   * `AuctionManagerContractHashMap` lists them); `parseChainspec` leaves it undefined, and then a
   * deploy to the auction cannot be told from any other stored contract.
   */
  auctionContractHash?: string | undefined
  /** `[wasm.v1]` (1.5 `[wasm]`): limits and gas schedule of session Wasm. */
  wasm: {
    /** `max_memory`, in 64 KiB pages. */
    maxMemoryPages: number
    /** `max_stack_height` of the stack limiter. */
    maxStackHeight: number
    opcodeCosts: OpcodeCosts
    hostFunctionCosts: HostFunctionCosts
    /** `[storage_costs] gas_per_byte` (1.5 `[wasm.storage_costs]`). */
    storageGasPerByte: number
  }
}
