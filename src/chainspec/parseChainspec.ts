// Reads casper-node's chainspec.toml into a Chainspec.
import { parse, TomlError } from 'smol-toml'
import { match } from 'ts-pattern'
import { parseDuration } from '../encoding/duration.js'
import { auctionContractHashes } from './auctionContractHashes.js'
import type {
  Chainspec,
  ControlFlowCosts,
  FeeHandling,
  HostFunctionCost,
  HostFunctionCosts,
  OpcodeCosts,
  PricingHandling,
  Ratio,
  RefundHandling,
  TransactionLane,
  TransactionLaneKind,
} from './Chainspec.js'
import { ChainspecError } from './ChainspecError.js'

type Table = Record<string, unknown>

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)

/** Typed reads of a TOML document that name the key path in every error. */
function reader(root: Table) {
  const lookup = (path: string): unknown => {
    let node: unknown = root
    for (const part of path.split('.')) {
      if (!isTable(node)) return undefined
      node = node[part]
    }
    return node
  }
  const required = (path: string): unknown => {
    const value = lookup(path)
    if (value === undefined) throw new ChainspecError({ code: 'ChainspecMissingValue', key: path })
    return value
  }
  const invalid = (key: string, expected: string, got: unknown): never => {
    throw new ChainspecError({ code: 'ChainspecInvalidValue', key, expected, got: show(got) })
  }
  const integer = (value: unknown, key: string, max: bigint): bigint =>
    typeof value === 'bigint' && value >= 0n && value <= max
      ? value
      : invalid(key, `an integer from 0 to ${max}`, value)
  const u64Max = 2n ** 64n - 1n
  const r = {
    has: (path: string) => lookup(path) !== undefined,
    string: (path: string): string => {
      const value = required(path)
      return typeof value === 'string' ? value : invalid(path, 'a string', value)
    },
    boolean: (path: string): boolean => {
      const value = required(path)
      return typeof value === 'boolean' ? value : invalid(path, 'true or false', value)
    },
    /** A u32 (or smaller) as a number. */
    number: (path: string, max = 0xffff_ffffn): number => Number(integer(required(path), path, max)),
    /** A u64 as a bigint. */
    big: (path: string): bigint => integer(required(path), path, u64Max),
    /** casper-types `Motes` / `U512` written as a decimal string (`max_payment_cost = '0'`). */
    motes: (path: string): bigint => {
      const value = required(path)
      if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value)
      return typeof value === 'bigint' && value >= 0n
        ? value
        : invalid(path, 'motes as a decimal string', value)
    },
    /** casper-types `TimeDiff`: a humantime duration (`'2 hours'`), in milliseconds. */
    duration: (path: string): number => {
      const text = r.string(path)
      try {
        return parseDuration(text)
      } catch {
        return invalid(path, "a duration such as '2 hours'", text)
      }
    },
    ratio: (path: string): Ratio => {
      const value = required(path)
      if (!Array.isArray(value) || value.length !== 2) return invalid(path, '[numerator, denominator]', value)
      const [n, d] = value.map((v, i) => Number(integer(v, `${path}[${i}]`, 0xffff_ffffn)))
      if (d === 0) return invalid(path, 'a non-zero denominator', value)
      return [n!, d!]
    },
    /** A lane `[id, max transaction bytes, max args bytes, gas limit, max per block]`. */
    lane: (value: unknown, path: string, kind: TransactionLaneKind): TransactionLane => {
      if (!Array.isArray(value) || value.length !== 5)
        return invalid(path, '[id, max transaction length, max args length, gas limit, max count]', value)
      const [id, length, args, gas, count] = value.map((v, i) => integer(v, `${path}[${i}]`, u64Max))
      return {
        id: Number(integer(id, `${path}[0]`, 255n)),
        kind,
        maxTransactionLength: Number(integer(length, `${path}[1]`, 0xffff_ffffn)),
        maxArgsLength: Number(integer(args, `${path}[2]`, 0xffff_ffffn)),
        maxGasLimit: gas!,
        maxCount: Number(integer(count, `${path}[4]`, 0xffff_ffffn)),
      }
    },
    /** A u32 array element. */
    element: (value: unknown, path: string): number => Number(integer(value, path, 0xffff_ffffn)),
    array: (path: string): readonly unknown[] => {
      const value = required(path)
      return Array.isArray(value) ? value : invalid(path, 'an array', value)
    },
    type: (path: string): string => r.string(`${path}.type`),
    invalid,
  }
  return r
}
type Reader = ReturnType<typeof reader>

/** A value from the file as it may be shown to a person: control, bidi and invisible characters made visible, long text cut. */
function show(value: unknown): string {
  const text =
    typeof value === 'bigint'
      ? value.toString()
      : (JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? Number(v) : v)) ?? String(value))
  const visible = text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
    /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  )
  return visible.length > 120 ? `${visible.slice(0, 117)}...` : visible
}

const opcodeNames = [
  'bit',
  'add',
  'mul',
  'div',
  'load',
  'store',
  'const',
  'local',
  'global',
  'integer_comparison',
  'conversion',
  'unreachable',
  'nop',
  'current_memory',
  'grow_memory',
] as const
const controlFlowNames = [
  'block',
  'loop',
  'if',
  'else',
  'end',
  'br',
  'br_if',
  'return',
  'select',
  'call',
  'call_indirect',
  'drop',
] as const
const hostFunctionNames = [
  'get_named_arg_size',
  'get_named_arg',
  'add_associated_key',
  'update_associated_key',
  'remove_associated_key',
  'set_action_threshold',
  'revert',
] as const

function opcodeCosts(r: Reader, section: string): OpcodeCosts {
  const cf = `${section}.control_flow`
  const controlFlow = Object.fromEntries(controlFlowNames.map((n) => [n, r.number(`${cf}.${n}`)])) as Omit<
    ControlFlowCosts,
    'br_table'
  >
  return {
    ...(Object.fromEntries(opcodeNames.map((n) => [n, r.number(`${section}.${n}`)])) as Omit<
      OpcodeCosts,
      'sign' | 'control_flow'
    >),
    // Absent in 1.5 chainspecs: sign-extension opcodes then have no cost and are refused.
    ...(r.has(`${section}.sign`) ? { sign: r.number(`${section}.sign`) } : {}),
    control_flow: {
      ...controlFlow,
      br_table: {
        cost: r.number(`${cf}.br_table.cost`),
        size_multiplier: r.number(`${cf}.br_table.size_multiplier`),
      },
    },
  }
}

function hostFunctionCosts(r: Reader, section: string): HostFunctionCosts {
  const one = (name: string): HostFunctionCost => {
    const path = `${section}.${name}`
    return {
      cost: r.number(`${path}.cost`),
      arguments: r.array(`${path}.arguments`).map((v, i) => r.element(v, `${path}.arguments[${i}]`)),
    }
  }
  return Object.fromEntries(hostFunctionNames.map((n) => [n, one(n)])) as HostFunctionCosts
}

// casper-types `chainspec/refund_handling.rs`, `fee_handling.rs`, `pricing_handling.rs`: serde
// `tag = "type"`, snake_case variants.
function refundHandling(r: Reader, path: string): RefundHandling {
  const type = r.type(path)
  return match(type)
    .with('refund', () => ({ type: 'refund' as const, ratio: r.ratio(`${path}.refund_ratio`) }))
    .with('burn', () => ({ type: 'burn' as const, ratio: r.ratio(`${path}.refund_ratio`) }))
    .with('no_refund', () => ({ type: 'no_refund' as const }))
    .otherwise(() => r.invalid(`${path}.type`, "'refund', 'burn' or 'no_refund'", type))
}

function feeHandling(r: Reader, path: string): FeeHandling {
  const type = r.type(path)
  return match(type)
    .with('pay_to_proposer', 'accumulate', 'burn', 'no_fee', (t) => ({ type: t }))
    .otherwise(() => r.invalid(`${path}.type`, "'pay_to_proposer', 'accumulate', 'burn' or 'no_fee'", type))
}

function pricingHandling(r: Reader, path: string): PricingHandling {
  const type = r.type(path)
  return match(type)
    .with('payment_limited', 'fixed', 'prepaid', (t) => ({ type: t }))
    .otherwise(() => r.invalid(`${path}.type`, "'payment_limited', 'fixed' or 'prepaid'", type))
}

/**
 * Reads the text of casper-node's `chainspec.toml` (what `info_get_chainspec` returns, or a file
 * from `resources/<network>/chainspec.toml`) into a {@link Chainspec}. Both layouts are read: 2.x
 * (`[transactions]`, `[transactions.v1]` lanes, `[wasm.v1]`, `[storage_costs]`, `[vacancy]`) and
 * 1.5 (`[deploys]`, `[wasm]`, `[wasm.storage_costs]`). Sections the library does not use may be
 * absent; of the host functions only those key-management sessions import are read.
 *
 * @throws {ChainspecError} `ChainspecSyntax` for text that is not TOML, `ChainspecMissingValue` /
 *   `ChainspecInvalidValue` with the TOML key path of a needed value that is absent or malformed.
 * @example
 * ```ts
 * const chainspec = parseChainspec(readFileSync('chainspec.toml', 'utf8'))
 * chainspec.refundHandling // { type: 'refund', ratio: [75, 100] }
 * ```
 */
export function parseChainspec(toml: string): Chainspec {
  let root: Table
  try {
    root = parse(toml, { integersAsBigInt: true }) as Table
  } catch (cause) {
    throw new ChainspecError({
      code: 'ChainspecSyntax',
      got: cause instanceof TomlError ? `line ${cause.line}, column ${cause.column}` : undefined,
      cause,
    })
  }
  const r = reader(root)
  const protocolVersion = r.string('protocol.version')
  const major = /^(\d+)\.\d+\.\d+/.exec(protocolVersion)?.[1]
  if (major === undefined)
    r.invalid('protocol.version', "a semantic version such as '2.2.0'", protocolVersion)
  const v2 = Number(major) >= 2
  const wasm = r.has('wasm.v1') ? 'wasm.v1' : 'wasm'
  const chainName = r.string('network.name')
  const common = {
    protocolVersion,
    auctionContractHash: auctionContractHashes[chainName],
    minimumDelegationAmount: r.motes('core.minimum_delegation_amount'),
    systemCosts: {
      transfer: r.big('system_costs.mint_costs.transfer'),
      delegate: r.big('system_costs.auction_costs.delegate'),
      undelegate: r.big('system_costs.auction_costs.undelegate'),
      redelegate: r.big('system_costs.auction_costs.redelegate'),
      addBid: r.big('system_costs.auction_costs.add_bid'),
      withdrawBid: r.big('system_costs.auction_costs.withdraw_bid'),
      activateBid: r.big('system_costs.auction_costs.activate_bid'),
      // 2.x only (casper-types `chainspec/vm_config/auction_costs.rs`).
      ...optionalCosts(r, {
        changeBidPublicKey: 'change_bid_public_key',
        addReservations: 'add_reservations',
        cancelReservations: 'cancel_reservations',
      }),
    },
    chainName,
    // 1.x `Account::can_authorize`, 2.x `RuntimeFootprint::can_authorize` (types/src/runtime_footprint.rs).
    authorization: v2 ? ('anySignerAssociated' as const) : ('everySignerAssociated' as const),
    maxAssociatedKeys: r.number('core.max_associated_keys'),
    refundHandling: refundHandling(r, 'core.refund_handling'),
    feeHandling: feeHandling(r, 'core.fee_handling'),
    wasm: {
      maxMemoryPages: r.number(`${wasm}.max_memory`),
      maxStackHeight: r.number(`${wasm}.max_stack_height`),
      opcodeCosts: opcodeCosts(r, `${wasm}.opcode_costs`),
      hostFunctionCosts: hostFunctionCosts(r, `${wasm}.host_function_costs`),
      storageGasPerByte: r.number(
        r.has('storage_costs') ? 'storage_costs.gas_per_byte' : `${wasm}.storage_costs.gas_per_byte`,
      ),
    },
  }
  if (!r.has('transactions')) {
    // casper-node 1.5 `[deploys]` (node/src/types/chainspec/deploy_config.rs).
    return {
      ...common,
      enableAddressableEntity: false,
      maxTtlMs: r.duration('deploys.max_ttl'),
      maxTimestampLeewayMs: r.duration('deploys.max_timestamp_leeway'),
      maxDependencies: r.number('deploys.max_dependencies'),
      deploy: {
        sessionArgsMaxLength: r.number('deploys.session_args_max_length'),
        paymentArgsMaxLength: r.number('deploys.payment_args_max_length'),
        maxPaymentCost: r.motes('deploys.max_payment_cost'),
      },
      lanes: [],
      maxTransactionLength: r.number('deploys.max_deploy_size'),
      blockGasLimit: r.big('deploys.block_gas_limit'),
      blockMaxApprovalCount: r.number('deploys.block_max_approval_count'),
      pricingHandling: { type: 'payment_limited' },
      gasPrice: { min: 1, max: 1 },
      baselineMotesAmount: 0n,
      nativeTransferMinimumMotes: r.motes('deploys.native_transfer_minimum_motes'),
    }
  }
  // casper-types 2.x `chainspec/transaction_config.rs`, `transaction_config/transaction_v1_config.rs`.
  const lanes = [
    r.lane(r.array('transactions.v1.native_mint_lane'), 'transactions.v1.native_mint_lane', 'mint'),
    r.lane(r.array('transactions.v1.native_auction_lane'), 'transactions.v1.native_auction_lane', 'auction'),
    r.lane(
      r.array('transactions.v1.install_upgrade_lane'),
      'transactions.v1.install_upgrade_lane',
      'installUpgrade',
    ),
    ...r
      .array('transactions.v1.wasm_lanes')
      .map((lane, i) => r.lane(lane, `transactions.v1.wasm_lanes[${i}]`, 'wasm')),
  ]
  return {
    ...common,
    enableAddressableEntity: r.boolean('core.enable_addressable_entity'),
    maxTtlMs: r.duration('transactions.max_ttl'),
    maxTimestampLeewayMs: r.duration('transactions.max_timestamp_leeway'),
    maxDependencies: 0,
    deploy: {
      sessionArgsMaxLength: r.number('transactions.deploy.session_args_max_length'),
      paymentArgsMaxLength: r.number('transactions.deploy.payment_args_max_length'),
      maxPaymentCost: r.motes('transactions.deploy.max_payment_cost'),
    },
    lanes,
    maxTransactionLength: Math.max(...lanes.map((l) => l.maxTransactionLength)),
    blockGasLimit: r.big('transactions.block_gas_limit'),
    blockMaxApprovalCount: r.number('transactions.block_max_approval_count'),
    pricingHandling: pricingHandling(r, 'core.pricing_handling'),
    gasPrice: { min: r.number('vacancy.min_gas_price', 255n), max: r.number('vacancy.max_gas_price', 255n) },
    baselineMotesAmount: r.big('core.baseline_motes_amount'),
    nativeTransferMinimumMotes: r.motes('transactions.native_transfer_minimum_motes'),
  }
}

/** The `[system_costs.auction_costs]` entries a 1.x chainspec lacks, each read when present. */
function optionalCosts<K extends string>(r: Reader, names: Record<K, string>): Partial<Record<K, bigint>> {
  const out: Partial<Record<K, bigint>> = {}
  for (const [key, name] of Object.entries(names) as [K, string][]) {
    const path = `system_costs.auction_costs.${name}`
    if (r.has(path)) out[key] = r.big(path)
  }
  return out
}
