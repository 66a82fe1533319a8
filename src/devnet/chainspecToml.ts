// A chainspec.toml for a Chainspec value: what the devnet serves from info_get_chainspec for a preset.
import type { Chainspec, HostFunctionCosts, TransactionLane } from '../chainspec/Chainspec.js'
import { formatDuration } from '../encoding/duration.js'

/**
 * The chainspec.toml text of a `Chainspec`, in casper-node's layout for its major version (2.x:
 * `[transactions]`, `[transactions.v1]` lanes, `[vacancy]`, `[wasm.v1]`, `[storage_costs]`; 1.x:
 * `[deploys]`, `[wasm]`), with every key `parseChainspec` reads, so that
 * `parseChainspec(chainspecToml(c))` is `c`. Sections the library does not model are left out.
 *
 * @example
 * ```ts
 * chainspecToml({ ...casperMainnet, chainName: 'casper-devnet' }) // "[protocol]\nversion = '2.2.0'\n…"
 * ```
 */
export function chainspecToml(chainspec: Chainspec): string {
  const v2 = !chainspec.protocolVersion.startsWith('1.')
  const lane = (l: TransactionLane) =>
    `[${l.id}, ${l.maxTransactionLength}, ${l.maxArgsLength}, ${l.maxGasLimit}, ${l.maxCount}]`
  const laneOf = (kind: TransactionLane['kind']) => chainspec.lanes.filter((l) => l.kind === kind).map(lane)
  const refund = chainspec.refundHandling
  const lines = [
    '[protocol]',
    `version = '${chainspec.protocolVersion}'`,
    '',
    '[network]',
    `name = ${quote(chainspec.chainName)}`,
    '',
    '[core]',
    `max_associated_keys = ${chainspec.maxAssociatedKeys}`,
    `refund_handling = { type = '${refund.type}'${'ratio' in refund ? `, refund_ratio = [${refund.ratio[0]}, ${refund.ratio[1]}]` : ''} }`,
    `fee_handling = { type = '${chainspec.feeHandling.type}' }`,
    `minimum_delegation_amount = ${chainspec.minimumDelegationAmount}`,
  ]
  if (v2) {
    lines.push(
      `enable_addressable_entity = ${chainspec.enableAddressableEntity}`,
      `pricing_handling = { type = '${chainspec.pricingHandling.type}' }`,
      `baseline_motes_amount = ${chainspec.baselineMotesAmount}`,
      '',
      '[vacancy]',
      `min_gas_price = ${chainspec.gasPrice.min}`,
      `max_gas_price = ${chainspec.gasPrice.max}`,
      '',
      '[transactions]',
      `max_ttl = '${formatDuration(chainspec.maxTtlMs)}'`,
      `max_timestamp_leeway = '${formatDuration(chainspec.maxTimestampLeewayMs)}'`,
      `block_gas_limit = ${chainspec.blockGasLimit}`,
      `block_max_approval_count = ${chainspec.blockMaxApprovalCount}`,
      `native_transfer_minimum_motes = ${chainspec.nativeTransferMinimumMotes}`,
      '',
      '[transactions.deploy]',
      `max_payment_cost = '${chainspec.deploy.maxPaymentCost}'`,
      `payment_args_max_length = ${chainspec.deploy.paymentArgsMaxLength}`,
      `session_args_max_length = ${chainspec.deploy.sessionArgsMaxLength}`,
      '',
      '[transactions.v1]',
      `native_mint_lane = ${laneOf('mint')[0]}`,
      `native_auction_lane = ${laneOf('auction')[0]}`,
      `install_upgrade_lane = ${laneOf('installUpgrade')[0]}`,
      `wasm_lanes = [${laneOf('wasm').join(', ')}]`,
    )
  } else {
    lines.push(
      '',
      '[deploys]',
      `max_payment_cost = '${chainspec.deploy.maxPaymentCost}'`,
      `max_ttl = '${formatDuration(chainspec.maxTtlMs)}'`,
      `max_dependencies = ${chainspec.maxDependencies}`,
      `max_deploy_size = ${chainspec.maxTransactionLength}`,
      `max_timestamp_leeway = '${formatDuration(chainspec.maxTimestampLeewayMs)}'`,
      `block_gas_limit = ${chainspec.blockGasLimit}`,
      `block_max_approval_count = ${chainspec.blockMaxApprovalCount}`,
      `payment_args_max_length = ${chainspec.deploy.paymentArgsMaxLength}`,
      `session_args_max_length = ${chainspec.deploy.sessionArgsMaxLength}`,
      `native_transfer_minimum_motes = ${chainspec.nativeTransferMinimumMotes}`,
    )
  }
  const costs = chainspec.systemCosts
  lines.push(
    '',
    '[system_costs.auction_costs]',
    `add_bid = ${costs.addBid}`,
    `withdraw_bid = ${costs.withdrawBid}`,
    `delegate = ${costs.delegate}`,
    `undelegate = ${costs.undelegate}`,
    `activate_bid = ${costs.activateBid}`,
    `redelegate = ${costs.redelegate}`,
    ...(costs.changeBidPublicKey === undefined
      ? []
      : [`change_bid_public_key = ${costs.changeBidPublicKey}`]),
    ...(costs.addReservations === undefined ? [] : [`add_reservations = ${costs.addReservations}`]),
    ...(costs.cancelReservations === undefined ? [] : [`cancel_reservations = ${costs.cancelReservations}`]),
    '',
    '[system_costs.mint_costs]',
    `transfer = ${costs.transfer}`,
  )
  const wasm = v2 ? 'wasm.v1' : 'wasm'
  const { opcodeCosts } = chainspec.wasm
  const { control_flow: controlFlow, ...opcodes } = opcodeCosts
  const { br_table: brTable, ...flow } = controlFlow
  lines.push(
    '',
    `[${wasm}]`,
    `max_memory = ${chainspec.wasm.maxMemoryPages}`,
    `max_stack_height = ${chainspec.wasm.maxStackHeight}`,
    '',
    `[${wasm}.opcode_costs]`,
    ...Object.entries(opcodes)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name} = ${value}`),
    '',
    `[${wasm}.opcode_costs.control_flow]`,
    ...Object.entries(flow).map(([name, value]) => `${name} = ${value}`),
    '',
    `[${wasm}.opcode_costs.control_flow.br_table]`,
    `cost = ${brTable.cost}`,
    `size_multiplier = ${brTable.size_multiplier}`,
    '',
    `[${wasm}.host_function_costs]`,
    ...hostCosts(chainspec.wasm.hostFunctionCosts),
    '',
    v2 ? '[storage_costs]' : '[wasm.storage_costs]',
    `gas_per_byte = ${chainspec.wasm.storageGasPerByte}`,
    '',
  )
  return lines.join('\n')
}

function hostCosts(costs: HostFunctionCosts): string[] {
  return Object.entries(costs).map(
    ([name, cost]) => `${name} = { cost = ${cost.cost}, arguments = [${cost.arguments.join(', ')}] }`,
  )
}

/** A TOML basic string. */
function quote(text: string): string {
  return JSON.stringify(text)
}
