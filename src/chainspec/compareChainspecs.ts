// Which values of two chainspecs differ, and whether the served one loosens a check the reference makes.
import type { Chainspec } from './Chainspec.js'
import { ruleGeneration } from './resolveChainspec.js'

/** One value two chainspecs disagree on. */
export type ChainspecDifference = {
  /** The chainspec.toml key (or what the library derives from it), e.g. `transactions.max_ttl`. */
  field: string
  /** The value in the served chainspec, as text. */
  served: string
  /** The value in the reference chainspec, as text. */
  reference: string
  /**
   * True when the served value makes a check the library runs more lenient than the reference
   * does (a larger limit, a smaller minimum), or changes a rule or a price (where either direction
   * misleads the payment verdict or the signer rule).
   */
  loosens: boolean
}

/** Which way a value loosens the checks: up (a limit), down (a minimum), or any change (a rule or a price). */
type Direction = 'larger' | 'smaller' | 'any'

type Field = { field: string; read: (c: Chainspec) => unknown; loosens: Direction }

/** `max_payment_cost = 0` means no cap: larger than any cap. */
const paymentCap = (c: Chainspec) =>
  c.deploy.maxPaymentCost === 0n ? Number.POSITIVE_INFINITY : c.deploy.maxPaymentCost

/**
 * Every value a check of the library reads (`describeFile`, `preflight`, the acceptance rules, the
 * emulator's gas, the charge and refund), with the direction that loosens it.
 */
const fields: readonly Field[] = [
  { field: 'protocol.version (the rule generation)', read: ruleGeneration, loosens: 'any' },
  { field: 'network.name', read: (c) => c.chainName, loosens: 'any' },
  { field: 'authorization (from protocol.version)', read: (c) => c.authorization, loosens: 'any' },
  { field: 'core.enable_addressable_entity', read: (c) => c.enableAddressableEntity, loosens: 'any' },
  { field: 'core.max_associated_keys', read: (c) => c.maxAssociatedKeys, loosens: 'larger' },
  { field: 'transactions.max_ttl', read: (c) => c.maxTtlMs, loosens: 'larger' },
  { field: 'transactions.max_timestamp_leeway', read: (c) => c.maxTimestampLeewayMs, loosens: 'larger' },
  { field: 'deploys.max_dependencies', read: (c) => c.maxDependencies, loosens: 'larger' },
  {
    field: 'transactions.deploy.session_args_max_length',
    read: (c) => c.deploy.sessionArgsMaxLength,
    loosens: 'larger',
  },
  {
    field: 'transactions.deploy.payment_args_max_length',
    read: (c) => c.deploy.paymentArgsMaxLength,
    loosens: 'larger',
  },
  { field: 'transactions.deploy.max_payment_cost', read: paymentCap, loosens: 'larger' },
  {
    field: 'transactions.v1 lanes (id and kind)',
    read: (c) => c.lanes.map((l) => `${l.id} ${l.kind}`).join(', '),
    loosens: 'any',
  },
  { field: 'max transaction length', read: (c) => c.maxTransactionLength, loosens: 'larger' },
  { field: 'transactions.block_gas_limit', read: (c) => c.blockGasLimit, loosens: 'larger' },
  { field: 'transactions.block_max_approval_count', read: (c) => c.blockMaxApprovalCount, loosens: 'larger' },
  { field: 'core.pricing_handling', read: (c) => c.pricingHandling, loosens: 'any' },
  { field: 'core.refund_handling', read: (c) => c.refundHandling, loosens: 'any' },
  { field: 'core.fee_handling', read: (c) => c.feeHandling, loosens: 'any' },
  { field: 'vacancy.min_gas_price, max_gas_price', read: (c) => c.gasPrice, loosens: 'any' },
  { field: 'core.baseline_motes_amount', read: (c) => c.baselineMotesAmount, loosens: 'any' },
  {
    field: 'transactions.native_transfer_minimum_motes',
    read: (c) => c.nativeTransferMinimumMotes,
    loosens: 'smaller',
  },
  { field: 'core.minimum_delegation_amount', read: (c) => c.minimumDelegationAmount, loosens: 'smaller' },
  { field: 'system_costs (mint transfer, auction)', read: (c) => c.systemCosts, loosens: 'any' },
  { field: 'wasm.v1.max_memory', read: (c) => c.wasm.maxMemoryPages, loosens: 'larger' },
  { field: 'wasm.v1.max_stack_height', read: (c) => c.wasm.maxStackHeight, loosens: 'larger' },
  { field: 'wasm.v1.opcode_costs', read: (c) => c.wasm.opcodeCosts, loosens: 'any' },
  { field: 'wasm.v1.host_function_costs', read: (c) => c.wasm.hostFunctionCosts, loosens: 'any' },
  { field: 'storage_costs.gas_per_byte', read: (c) => c.wasm.storageGasPerByte, loosens: 'any' },
]

/** The limits of one lane, each loosened by a larger value. */
const laneFields = [
  ['max_transaction_length', 'maxTransactionLength'],
  ['max_transaction_args_length', 'maxArgsLength'],
  ['max_transaction_gas_limit', 'maxGasLimit'],
  ['max_transaction_count', 'maxCount'],
] as const

/**
 * Every value the library's checks read on which `served` (what a node says) differs from
 * `reference` (a preset, or another node's), each marked `loosens` when it makes a check more
 * lenient than the reference: a larger gas limit, payment cap, TTL, size, count or number of keys;
 * a smaller minimum payment, transfer or delegation; any change of the signer rule, the pricing,
 * refund or fee handling, the gas price or a cost (each misleads the payment verdict). Values
 * that tighten a check are listed with `loosens: false`.
 *
 * @example
 * ```ts
 * const served = await getChainspec(rpc)
 * const loose = compareChainspecs(served, casperMainnet).filter((d) => d.loosens)
 * if (loose.length > 0) throw new Error(loose.map((d) => d.field).join(', '))
 * ```
 */
export function compareChainspecs(served: Chainspec, reference: Chainspec): ChainspecDifference[] {
  const differences: ChainspecDifference[] = []
  const add = (field: string, a: unknown, b: unknown, loosens: Direction) => {
    const [textA, textB] = [text(a), text(b)]
    if (textA === textB) return
    // Relational operators compare a bigint with a number exactly (and Infinity, for no cap).
    const more = (a as number | bigint) > (b as number | bigint)
    differences.push({
      field,
      served: textA,
      reference: textB,
      loosens: loosens === 'any' || (loosens === 'larger' ? more : !more),
    })
  }
  for (const { field, read, loosens } of fields) add(field, read(served), read(reference), loosens)
  for (const lane of served.lanes) {
    const other = reference.lanes.find((l) => l.id === lane.id && l.kind === lane.kind)
    if (!other) continue
    for (const [name, key] of laneFields) {
      add(`transactions.v1 lane ${lane.id} ${name}`, lane[key], other[key], 'larger')
    }
  }
  return differences
}

function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === Number.POSITIVE_INFINITY) return '0 (no cap)'
  if (typeof value === 'bigint' || typeof value === 'number') return String(value)
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v)) ?? String(value)
}
