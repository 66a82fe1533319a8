// The args a TransactionV1 with the Native target must carry for its entry point, checked as
// casper-node checks them before accepting it.
//
// casper-node `node/src/types/transaction/arg_handling.rs` (`has_valid_transfer_args`,
// `has_valid_burn_args`, `has_valid_add_bid_args`, … `has_valid_cancel_reservations_args`),
// called from `meta_transaction/meta_transaction_v1.rs` `is_body_metadata_valid`. Read at the
// 2.0.0 release (commit 1c3b8ad9) and at the newer commit 403e9dd6, which only adds an EVM address
// target to transfers behind a chainspec switch (`evm_enabled`) that mainnet 2.2.0 does not have:
// the 2.0.0 rules are followed. Texts: casper-types `transaction_v1/errors_v1.rs` Display.
import type { Chainspec } from '../chainspec/Chainspec.js'
import type { ClType } from '../codec/clType.js'
import { checkClValue } from '../codec/clValue.js'
import type { NamedArg } from '../codec/layouts.js'
import { decodeU512 } from '../codec/u512.js'
import { publicKeyFromBytes } from '../keys/publicKeyFromBytes.js'

/** The `InvalidTransactionV1` variants `arg_handling.rs` answers with. */
export type NativeArgsVariant =
  | 'MissingArg'
  | 'UnexpectedArgType'
  | 'InvalidArg'
  | 'InsufficientTransferAmount'
  | 'InsufficientBurnAmount'
  | 'InsufficientAmount'
  | 'InvalidMinimumDelegationAmount'
  | 'InvalidMaximumDelegationAmount'
  | 'InvalidReservedSlots'
  | 'InvalidDelegationAmount'

/** The first refusal, as the node's `InvalidTransactionV1` names and words it. */
export type NativeArgsFailure = {
  variant: NativeArgsVariant
  /** casper-types Display text of the variant. */
  message: string
  details: Record<string, unknown>
}

/** The chainspec values the args are held to. */
export type NativeArgsLimits = Pick<
  Chainspec,
  | 'nativeTransferMinimumMotes'
  | 'minimumDelegationAmount'
  | 'maximumDelegationAmount'
  | 'maxDelegatorsPerValidator'
>

/** What a required or optional arg must decode as: its CLType and how its bytes are read. */
type ArgKind =
  | 'U512'
  | 'U64'
  | 'U32'
  | 'U8'
  | 'URef'
  | 'PublicKey'
  | 'OptionU64'
  | 'Reservations'
  | 'Delegators'

const clTypeOf: Readonly<Record<ArgKind, ClType>> = {
  U512: 'U512',
  U64: 'U64',
  U32: 'U32',
  U8: 'U8',
  URef: 'URef',
  PublicKey: 'PublicKey',
  OptionU64: { Option: 'U64' },
  // `Vec<Reservation>` / `Vec<DelegatorKind>`: both item types report `CLType::Any`.
  Reservations: { List: 'Any' },
  Delegators: { List: 'Any' },
}

class Refusal {
  constructor(readonly failure: NativeArgsFailure) {}
}

const refuse = (variant: NativeArgsVariant, message: string, details: Record<string, unknown>): never => {
  throw new Refusal({ variant, message, details })
}

/**
 * casper-types `cl_type.rs` `Display` of a CLType (`public-key`, `byte-array[32]`, `list<any>`…),
 * as `InvalidTransactionV1::unexpected_arg_type` writes it.
 */
function clTypeDisplay(type: ClType): string {
  if (typeof type === 'string') {
    return type === 'PublicKey' ? 'public-key' : type.toLowerCase()
  }
  if ('Option' in type) return `option<${clTypeDisplay(type.Option)}>`
  if ('List' in type) return `list<${clTypeDisplay(type.List)}>`
  if ('ByteArray' in type) return `byte-array[${type.ByteArray}]`
  if ('Result' in type) return `result<${clTypeDisplay(type.Result.ok)}, ${clTypeDisplay(type.Result.err)}>`
  if ('Map' in type) return `map<${clTypeDisplay(type.Map.key)}, ${clTypeDisplay(type.Map.value)}>`
  const items = 'Tuple1' in type ? type.Tuple1 : 'Tuple2' in type ? type.Tuple2 : type.Tuple3
  return items.length === 1 ? `(${clTypeDisplay(items[0]!)},)` : `(${items.map(clTypeDisplay).join(', ')})`
}

const sameType = (a: ClType, b: ClType) => JSON.stringify(a) === JSON.stringify(b)

function unexpectedType(name: string, expected: readonly ClType[], got: ClType): never {
  const list = expected.map(clTypeDisplay).join(', ')
  return refuse(
    'UnexpectedArgType',
    `expected type of '${name}' runtime argument to be one of ${list}, but got ${clTypeDisplay(got)}`,
    { arg: name, expected: expected.map(clTypeDisplay), got: clTypeDisplay(got) },
  )
}

function invalidArg(name: string, error: string): never {
  return refuse('InvalidArg', `invalid runtime argument '${name}': ${error}`, { arg: name, error })
}

/** Reads a `PublicKey` at `at` as casper-types does (tag, then a key that is a curve point). */
function readPublicKey(bytes: Uint8Array, at: number, name: string): number {
  const tag = bytes[at]
  const size = tag === undefined ? undefined : [0, 32, 33][tag]
  if (size === undefined) return invalidArg(name, 'Deserialization error: formatting')
  if (at + 1 + size > bytes.length) return invalidArg(name, 'Deserialization error: early end of stream')
  if (tag !== 0) {
    try {
      publicKeyFromBytes(bytes.subarray(at + 1, at + 1 + size), tag === 1 ? 'ed25519' : 'secp256k1')
    } catch {
      return invalidArg(name, 'Deserialization error: formatting')
    }
  }
  return at + 1 + size
}

/** casper-types `system/auction/delegator_kind.rs`: tag 0 a public key, 1 a purse address (32 bytes). */
function readDelegatorKind(bytes: Uint8Array, at: number, name: string): number {
  const tag = bytes[at]
  if (tag === 0) return readPublicKey(bytes, at + 1, name)
  if (tag !== 1) return invalidArg(name, 'Deserialization error: formatting')
  if (at + 33 > bytes.length) return invalidArg(name, 'Deserialization error: early end of stream')
  return at + 33
}

/** A `Vec` of reservations or delegator kinds; returns the item count. */
function readItems(bytes: Uint8Array, name: string, kind: 'Reservations' | 'Delegators'): number {
  if (bytes.length < 4) return invalidArg(name, 'Deserialization error: early end of stream')
  const count = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true)
  let at = 4
  for (let i = 0; i < count; i++) {
    if (at >= bytes.length) return invalidArg(name, 'Deserialization error: early end of stream')
    at = readDelegatorKind(bytes, at, name)
    if (kind === 'Reservations') {
      // reservation.rs: delegator kind, validator public key, delegation rate (u8).
      at = readPublicKey(bytes, at, name)
      if (at + 1 > bytes.length) return invalidArg(name, 'Deserialization error: early end of stream')
      at += 1
    }
  }
  if (at !== bytes.length) invalidArg(name, 'Deserialization error: left-over bytes')
  return count
}

/** `parse_cl_value::<T>`: the CLType must be T's (`UnexpectedArgType`), the bytes exactly one T (`InvalidArg`). */
function parse(arg: NamedArg, kind: ArgKind): bigint | number | undefined {
  const expected = clTypeOf[kind]
  if (!sameType(arg.clType, expected)) return unexpectedType(arg.name, [expected], arg.clType)
  const bytes = arg.bytes
  if (kind === 'Reservations' || kind === 'Delegators') return readItems(bytes, arg.name, kind)
  if (kind === 'PublicKey') {
    if (readPublicKey(bytes, 0, arg.name) !== bytes.length)
      invalidArg(arg.name, 'Deserialization error: left-over bytes')
    return undefined
  }
  try {
    checkClValue(expected, bytes, arg.name)
  } catch {
    return invalidArg(arg.name, 'Deserialization error: formatting')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length)
  if (kind === 'U512') return decodeU512(bytes)
  if (kind === 'U64') return view.getBigUint64(0, true)
  if (kind === 'U32') return view.getUint32(0, true)
  return undefined
}

/** `RequiredArg::get`: a missing arg is `MissingArg`. */
function required(args: readonly NamedArg[], name: string, kind: ArgKind) {
  const arg = args.find((a) => a.name === name)
  if (!arg) return refuse('MissingArg', `missing required runtime argument '${name}'`, { arg: name })
  return parse(arg, kind)
}

/** `OptionalArg::get`: absent is fine, present must parse. */
function optional(args: readonly NamedArg[], name: string, kind: ArgKind) {
  const arg = args.find((a) => a.name === name)
  return arg ? parse(arg, kind) : undefined
}

function delegationCeiling(amount: bigint, limits: NativeArgsLimits): void {
  // "We don't check for minimum since this could be a second delegation" (arg_handling.rs).
  const ceiling = limits.maximumDelegationAmount
  if (amount > ceiling)
    refuse(
      'InvalidDelegationAmount',
      `the value provided for the delegation amount (${amount}) cannot be higher than ${ceiling}.`,
      { ceiling, attempted: amount },
    )
}

const checks: Readonly<Record<string, (args: readonly NamedArg[], limits: NativeArgsLimits) => void>> = {
  Transfer: (args, limits) => {
    const amount = required(args, 'amount', 'U512') as bigint
    const minimum = limits.nativeTransferMinimumMotes
    if (amount < minimum)
      refuse(
        'InsufficientTransferAmount',
        `insufficient transfer amount; minimum: ${minimum} attempted: ${amount}`,
        { minimum, attempted: amount },
      )
    optional(args, 'source', 'URef')
    const target = args.find((a) => a.name === 'target')
    if (!target) refuse('MissingArg', "missing required runtime argument 'target'", { arg: 'target' })
    const targets: ClType[] = ['PublicKey', { ByteArray: 32 }, 'URef']
    // The target's bytes are parsed and the result dropped (`let _ = parse_cl_value…`): only its type counts.
    if (target && !targets.some((t) => sameType(t, target.clType)))
      unexpectedType('target', targets, target.clType)
    optional(args, 'id', 'OptionU64')
  },
  Burn: (args) => {
    const amount = required(args, 'amount', 'U512') as bigint
    if (amount < 1n)
      refuse('InsufficientBurnAmount', `insufficient burn amount: 1 ${amount}`, {
        minimum: 1n,
        attempted: amount,
      })
    optional(args, 'source', 'URef')
  },
  AddBid: (args, limits) => {
    required(args, 'public_key', 'PublicKey')
    required(args, 'delegation_rate', 'U8')
    const amount = required(args, 'amount', 'U512') as bigint
    if (amount === 0n)
      refuse(
        'InsufficientAmount',
        `the value provided for the argument (${amount}) named amount is too low.`,
        { attempted: amount },
      )
    const minimum = optional(args, 'minimum_delegation_amount', 'U64') as bigint | undefined
    const floor = limits.minimumDelegationAmount
    if (minimum !== undefined && minimum < floor)
      refuse(
        'InvalidMinimumDelegationAmount',
        `the value provided for the minimum delegation amount (${minimum}) cannot be lower than ${floor}.`,
        { floor, attempted: minimum },
      )
    const maximum = optional(args, 'maximum_delegation_amount', 'U64') as bigint | undefined
    const ceiling = limits.maximumDelegationAmount
    if (maximum !== undefined && maximum > ceiling)
      // The node's text names the ceiling where it means the attempt, and the reverse.
      refuse(
        'InvalidMaximumDelegationAmount',
        `the value provided for the maximum delegation amount (${ceiling}) cannot be higher than ${maximum}.`,
        { ceiling, attempted: maximum },
      )
    const slots = optional(args, 'reserved_slots', 'U32') as number | undefined
    const most = limits.maxDelegatorsPerValidator
    if (slots !== undefined && slots > most)
      refuse(
        'InvalidReservedSlots',
        `the value provided for reserved slots (${most}) cannot be higher than ${slots}.`,
        { ceiling: most, attempted: slots },
      )
  },
  WithdrawBid: (args) => {
    required(args, 'public_key', 'PublicKey')
    required(args, 'amount', 'U512')
  },
  Delegate: (args, limits) => {
    required(args, 'delegator', 'PublicKey')
    required(args, 'validator', 'PublicKey')
    delegationCeiling(required(args, 'amount', 'U512') as bigint, limits)
  },
  Undelegate: (args) => {
    required(args, 'delegator', 'PublicKey')
    required(args, 'validator', 'PublicKey')
    required(args, 'amount', 'U512')
  },
  Redelegate: (args, limits) => {
    required(args, 'delegator', 'PublicKey')
    required(args, 'validator', 'PublicKey')
    required(args, 'new_validator', 'PublicKey')
    delegationCeiling(required(args, 'amount', 'U512') as bigint, limits)
  },
  ActivateBid: (args) => {
    required(args, 'validator', 'PublicKey')
  },
  ChangeBidPublicKey: (args) => {
    required(args, 'public_key', 'PublicKey')
    required(args, 'new_public_key', 'PublicKey')
  },
  AddReservations: (args, limits) => {
    const count = required(args, 'reservations', 'Reservations') as number
    const most = limits.maxDelegatorsPerValidator
    if (count > most)
      refuse(
        'InvalidReservedSlots',
        `the value provided for reserved slots (${most}) cannot be higher than ${count}.`,
        { ceiling: most, attempted: count },
      )
  },
  CancelReservations: (args) => {
    required(args, 'validator', 'PublicKey')
    required(args, 'delegators', 'Delegators')
  },
}

/**
 * The first refusal casper-node's `arg_handling.rs` answers for a Native TransactionV1's args, in
 * its order (each required arg, then its bound, then the next), or `undefined` when it accepts.
 * Args the entry point does not read are accepted, as the node accepts them. Entry points other
 * than the native ones are not checked here (`Call` and `Custom` are refused earlier, when the
 * lane is chosen).
 *
 * @example
 * ```ts
 * nativeArgsFailure('Delegate', [], casperMainnet)?.message // "missing required runtime argument 'delegator'"
 * ```
 */
export function nativeArgsFailure(
  entryPoint: string,
  args: readonly NamedArg[],
  limits: NativeArgsLimits,
): NativeArgsFailure | undefined {
  const check = checks[entryPoint]
  if (!check) return undefined
  try {
    check(args, limits)
    return undefined
  } catch (error) {
    if (error instanceof Refusal) return error.failure
    throw error
  }
}
