// Casper mainnet as it runs today: casper-node resources/mainnet/chainspec.toml, version 2.2.0.
import { auctionContractHashes } from './auctionContractHashes.js'
import type { Chainspec, HostFunctionCosts, OpcodeCosts } from './Chainspec.js'

/** `[wasm.v1.opcode_costs]` of casper-node `resources/mainnet/chainspec.toml` (2.2.0). */
const opcodeCosts: OpcodeCosts = {
  bit: 105,
  add: 105,
  mul: 105,
  div: 105,
  load: 105,
  store: 105,
  const: 105,
  local: 105,
  global: 105,
  integer_comparison: 105,
  conversion: 105,
  unreachable: 105,
  nop: 105,
  current_memory: 105,
  grow_memory: 900,
  sign: 105,
  control_flow: {
    block: 255,
    loop: 255,
    if: 105,
    else: 105,
    end: 105,
    br: 1_665,
    br_if: 510,
    return: 105,
    select: 105,
    call: 225,
    call_indirect: 270,
    drop: 105,
    br_table: { cost: 150, size_multiplier: 100 },
  },
}

/** `[wasm.v1.host_function_costs]` of the same file (unchanged since 1.5.8 for these functions). */
const hostFunctionCosts: HostFunctionCosts = {
  get_named_arg_size: { cost: 200, arguments: [0, 0, 0] },
  get_named_arg: { cost: 200, arguments: [0, 120_000, 0, 120_000] },
  add_associated_key: { cost: 1_200_000, arguments: [0, 0, 0] },
  update_associated_key: { cost: 4_200, arguments: [0, 0, 0] },
  remove_associated_key: { cost: 4_200, arguments: [0, 0] },
  set_action_threshold: { cost: 74_000, arguments: [0, 0] },
  revert: { cost: 500, arguments: [0] },
}

/**
 * Casper mainnet, protocol 2.2.0: casper-node `resources/mainnet/chainspec.toml` (`version = '2.2.0'`,
 * `activation_point = 21742`). Payment-limited pricing, 75% of unused gas refunded, fees burned,
 * gas price 1, accounts kept as `Account` records. The default of every rule in the library.
 *
 * @example
 * ```ts
 * const { protocolVersion, lanes } = casperMainnet
 * protocolVersion // '2.2.0'
 * lanes.at(-1) // { id: 5, kind: 'wasm', maxTransactionLength: 65_536, maxArgsLength: 512, maxGasLimit: 5_000_000_000n, maxCount: 40 }
 * ```
 */
export const casperMainnet: Chainspec = {
  protocolVersion: '2.2.0',
  chainName: 'casper',
  authorization: 'anySignerAssociated',
  enableAddressableEntity: false,
  maxAssociatedKeys: 100,
  maxTtlMs: 2 * 60 * 60 * 1000,
  maxTimestampLeewayMs: 5_000,
  maxDependencies: 0,
  deploy: { sessionArgsMaxLength: 1024, paymentArgsMaxLength: 1024, maxPaymentCost: 0n },
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
  blockMaxApprovalCount: 2600,
  pricingHandling: { type: 'payment_limited' },
  refundHandling: { type: 'refund', ratio: [75, 100] },
  feeHandling: { type: 'burn' },
  gasPrice: { min: 1, max: 1 },
  baselineMotesAmount: 2_500_000_000n,
  nativeTransferMinimumMotes: 2_500_000_000n,
  minimumDelegationAmount: 500_000_000_000n,
  auctionContractHash: auctionContractHashes.casper,
  systemCosts: {
    transfer: 100_000_000n,
    delegate: 2_500_000_000n,
    undelegate: 2_500_000_000n,
    redelegate: 2_500_000_000n,
    addBid: 2_500_000_000n,
    withdrawBid: 2_500_000_000n,
    activateBid: 2_500_000_000n,
    changeBidPublicKey: 5_000_000_000n,
    addReservations: 2_500_000_000n,
    cancelReservations: 2_500_000_000n,
  },
  wasm: {
    maxMemoryPages: 64,
    maxStackHeight: 500,
    opcodeCosts,
    hostFunctionCosts,
    storageGasPerByte: 1_117_587,
  },
}
