// Casper mainnet before Condor: casper-node v1.5.8 resources/production/chainspec.toml.
import { auctionContractHashes } from './auctionContractHashes.js'
import type { Chainspec, HostFunctionCosts, OpcodeCosts } from './Chainspec.js'

/** `[wasm.opcode_costs]` of casper-node v1.5.8 `resources/production/chainspec.toml`. */
const opcodeCosts: OpcodeCosts = {
  bit: 300,
  add: 210,
  mul: 240,
  div: 320,
  load: 2_500,
  store: 4_700,
  const: 110,
  local: 390,
  global: 390,
  integer_comparison: 250,
  conversion: 420,
  unreachable: 270,
  nop: 200,
  current_memory: 290,
  grow_memory: 240_000,
  control_flow: {
    block: 440,
    loop: 440,
    if: 440,
    else: 440,
    end: 440,
    br: 35_000,
    br_if: 35_000,
    return: 440,
    select: 440,
    call: 68_000,
    call_indirect: 68_000,
    drop: 440,
    br_table: { cost: 35_000, size_multiplier: 100 },
  },
}

/** `[wasm.host_function_costs]` of the same file. */
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
 * Casper mainnet as it was on casper-node 1.5.8 (`resources/production/chainspec.toml` at tag
 * v1.5.8): every signer must be an associated key, 99% of unused payment refunded, fees to the
 * proposer, no lanes (one 4e12 block gas limit and a 1 MiB deploy size for every deploy). For
 * private networks still on 1.5 and for reproducing 1.5 results; live networks run 2.x.
 *
 * @example
 * ```ts
 * await emulateSession({ wasm, args, account, signers, chainspec: casper15 })
 * ```
 */
export const casper15: Chainspec = {
  protocolVersion: '1.5.8',
  chainName: 'casper',
  authorization: 'everySignerAssociated',
  enableAddressableEntity: false,
  maxAssociatedKeys: 100,
  maxTtlMs: 2 * 60 * 60 * 1000,
  maxTimestampLeewayMs: 5_000,
  maxDependencies: 10,
  deploy: { sessionArgsMaxLength: 1024, paymentArgsMaxLength: 1024, maxPaymentCost: 0n },
  lanes: [],
  maxTransactionLength: 1_048_576,
  blockGasLimit: 4_000_000_000_000n,
  blockMaxApprovalCount: 2600,
  pricingHandling: { type: 'payment_limited' },
  refundHandling: { type: 'refund', ratio: [99, 100] },
  feeHandling: { type: 'pay_to_proposer' },
  gasPrice: { min: 1, max: 1 },
  baselineMotesAmount: 0n,
  nativeTransferMinimumMotes: 2_500_000_000n,
  auctionContractHash: auctionContractHashes.casper,
  minimumDelegationAmount: 500_000_000_000n,
  // 1.5.8 has no `maximum_delegation_amount`, nor the 2.x costs below.
  maximumDelegationAmount: 2n ** 64n - 1n,
  maxDelegatorsPerValidator: 1200,
  systemCosts: {
    transfer: 10_000n,
    burn: 0n,
    delegate: 2_500_000_000n,
    undelegate: 2_500_000_000n,
    redelegate: 2_500_000_000n,
    addBid: 5_000_000_000_000n,
    withdrawBid: 2_500_000_000n,
    activateBid: 10_000n,
    changeBidPublicKey: 0n,
    addReservations: 0n,
    cancelReservations: 0n,
  },
  wasm: {
    maxMemoryPages: 64,
    maxStackHeight: 500,
    opcodeCosts,
    hostFunctionCosts,
    storageGasPerByte: 1_117_587,
  },
}
