// What a validator's call to the auction does (add_bid, withdraw_bid, activate_bid,
// change_bid_public_key, add_reservations, cancel_reservations), read from its args as the node reads them.
import { accountHashFromPublicKey } from '../account/accountHash.js'
import type { NamedArg } from '../codec/layouts.js'
import { bytesToHex } from '../encoding/hex.js'
import { formatCspr } from '../text/formatCspr.js'
import type { CosignNetwork } from './cosignNetwork.js'
import { type Expected, readArgs, type SpendingReading } from './describeSpending.js'

/** The auction's entry points a validator calls, by their deploy names (casper-types `system/auction/constants.rs`). */
export type BidEntryPoint =
  | 'add_bid'
  | 'withdraw_bid'
  | 'activate_bid'
  | 'change_bid_public_key'
  | 'add_reservations'
  | 'cancel_reservations'

/** A delegator a reservation names: by public key (tagged hex), or by purse address (32-byte hex). */
export type ReservedDelegator = { kind: 'publicKey'; publicKey: string } | { kind: 'purse'; address: string }

/** One reserved delegator slot (casper-types `system/auction/reservation.rs`). */
export type Reservation = { delegator: ReservedDelegator; validator: string; delegationRate: number }

/** A validator's call to the auction, every arg read; the fields its entry point takes are set. */
export type BidDescription = {
  kind: 'bid'
  entryPoint: BidEntryPoint
  /** The validator's public key (`public_key`, or `validator`); add_reservations: none, each reservation names one. */
  validator?: string | undefined
  /** add_bid: motes staked; withdraw_bid: motes withdrawn. */
  amount?: bigint | undefined
  /** add_bid: the percentage of delegators' rewards the validator keeps. */
  delegationRate?: number | undefined
  /** add_bid: the least and most a delegator may delegate, the slots reserved (defaults: the network's). */
  minimumDelegationAmount?: bigint | undefined
  maximumDelegationAmount?: bigint | undefined
  reservedSlots?: number | undefined
  /** change_bid_public_key: the key the bid, its stake and its delegators move to. */
  newPublicKey?: string | undefined
  /** add_reservations. */
  reservations?: Reservation[] | undefined
  /** cancel_reservations: the delegators whose reserved slots are cancelled. */
  delegators?: ReservedDelegator[] | undefined
  /** A deploy: the auction contract it calls (hex). */
  contract?: string | undefined
}

const bidEntryPoints: ReadonlySet<string> = new Set<BidEntryPoint>([
  'add_bid',
  'withdraw_bid',
  'activate_bid',
  'change_bid_public_key',
  'add_reservations',
  'cancel_reservations',
])

/**
 * True when `entryPoint` is one of the auction's validator entry points.
 *
 * @example
 * ```ts
 * isBidEntryPoint('add_bid') // true
 * ```
 */
export function isBidEntryPoint(entryPoint: string): entryPoint is BidEntryPoint {
  return bidEntryPoints.has(entryPoint)
}

/** DELEGATION_RATE_DENOMINATOR (casper-types `system/auction/constants.rs`): a rate is a percentage. */
const maxDelegationRate = 100

/**
 * Reads a validator's call to the auction as casper-node does (`node/src/types/transaction/
 * arg_handling.rs` `has_valid_add_bid_args` … `has_valid_cancel_reservations_args` for a
 * TransactionV1; `execution_engine/src/runtime/mod.rs` `call_host_auction` for a deploy):
 * - add_bid: `public_key` PublicKey, `delegation_rate` U8, `amount` U512 (not zero), optional
 *   `minimum_delegation_amount` and `maximum_delegation_amount` U64, `reserved_slots` U32;
 * - withdraw_bid: `public_key`, `amount` U512; activate_bid: `validator`;
 * - change_bid_public_key: `public_key`, `new_public_key`;
 * - add_reservations: `reservations`, a `List<Any>` of casper-types `Reservation`;
 * - cancel_reservations: `validator`, `delegators`, a `List<Any>` of `DelegatorKind`.
 *
 * The auction refuses a call whose validator key is not the calling account's (`storage/src/system/
 * auction.rs`, `is_allowed_session_caller`, `InvalidContext`), and a delegation rate above 100
 * (`DelegationRateTooLarge`). Any unknown, missing, mistyped or unreadable arg is a reason not to sign.
 *
 * @example
 * ```ts
 * describeBid(args, 'add_bid', account, mainnet, 'transaction').call?.amount
 * ```
 */
export function describeBid(
  args: readonly NamedArg[],
  entryPoint: BidEntryPoint,
  account: { accountHash: string },
  network: CosignNetwork,
  fileKind: 'deploy' | 'transaction',
  contract?: string,
): SpendingReading<BidDescription> {
  const key = ['PublicKey'] as const
  const expected: Record<BidEntryPoint, [Expected, string[]]> = {
    add_bid: [
      {
        public_key: key,
        delegation_rate: ['U8'],
        amount: ['U512'],
        minimum_delegation_amount: ['U64'],
        maximum_delegation_amount: ['U64'],
        reserved_slots: ['U32'],
      },
      ['public_key', 'delegation_rate', 'amount'],
    ],
    withdraw_bid: [{ public_key: key, amount: ['U512'] }, ['public_key', 'amount']],
    activate_bid: [{ validator: key }, ['validator']],
    change_bid_public_key: [{ public_key: key, new_public_key: key }, ['public_key', 'new_public_key']],
    add_reservations: [{ reservations: [{ List: 'Any' }] }, ['reservations']],
    cancel_reservations: [{ validator: key, delegators: [{ List: 'Any' }] }, ['validator', 'delegators']],
  }
  const [types, required] = expected[entryPoint]
  // `Any` has no text of its own: these two lists are read below, as the auction reads them.
  const lists = args.filter((a) => a.name === 'reservations' || a.name === 'delegators')
  const read = readArgs(
    args.filter((a) => !lists.includes(a) || !(a.name in types)),
    types,
    required.filter((name) => !lists.some((a) => a.name === name)),
    `the ${entryPoint}`,
  )
  const costs = network.systemCosts
  const reading: SpendingReading<BidDescription> = {
    doNotSign: read.doNotSign,
    warnings: [],
    // A TransactionV1 ActivateBid pays the add_bid cost (casper-node `meta_transaction_v1.rs` `is_config_compliant`).
    costMotes: {
      add_bid: costs.addBid,
      withdraw_bid: costs.withdrawBid,
      activate_bid: fileKind === 'transaction' ? costs.addBid : costs.activateBid,
      change_bid_public_key: costs.changeBidPublicKey,
      add_reservations: costs.addReservations,
      cancel_reservations: costs.cancelReservations,
    }[entryPoint],
  }
  let reservations: Reservation[] | undefined
  let delegators: ReservedDelegator[] | undefined
  for (const arg of lists) {
    if (!(arg.name in types)) continue
    if (lists.filter((a) => a.name === arg.name).length > 1) {
      reading.doNotSign.push(`the ${entryPoint} cannot be explained in full: arg ${arg.name} given twice`)
      break
    }
    const type = arg.clType
    const listOfAny = typeof type === 'object' && 'List' in type && type.List === 'Any'
    if (arg.name === 'reservations')
      reservations = listOfAny ? readList(arg.bytes, readReservation) : undefined
    else delegators = listOfAny ? readList(arg.bytes, readDelegator) : undefined
    if (!(arg.name === 'reservations' ? reservations : delegators))
      reading.doNotSign.push(
        `the ${entryPoint} cannot be explained in full: arg ${arg.name} is not a readable List<Any> of ${arg.name === 'reservations' ? 'Reservation' : 'DelegatorKind'}`,
      )
  }
  if (reading.doNotSign.length > 0) return reading
  const text = (name: string) => read.values[name]?.text
  const number = (name: string) => (text(name) === undefined ? undefined : Number(text(name)))
  const big = (name: string) => (text(name) === undefined ? undefined : BigInt(text(name)!))
  const validator = text('public_key') ?? text('validator')
  const call: BidDescription = {
    kind: 'bid',
    entryPoint,
    validator,
    amount: big('amount'),
    delegationRate: number('delegation_rate'),
    minimumDelegationAmount: big('minimum_delegation_amount'),
    maximumDelegationAmount: big('maximum_delegation_amount'),
    reservedSlots: number('reserved_slots'),
    newPublicKey: text('new_public_key'),
    reservations,
    delegators,
    contract,
  }
  const notAccount = (key: string) => accountHashFromPublicKey(key) !== account.accountHash
  const keys = reservations ? reservations.map((r) => r.validator) : validator ? [validator] : []
  for (const k of new Set(keys.filter(notAccount)))
    reading.doNotSign.push(
      `the validator ${k} is not this account (account-hash-${account.accountHash}): the auction refuses it (InvalidContext) and the payment is charged`,
    )
  const rates = [call.delegationRate, ...(reservations ?? []).map((r) => r.delegationRate)]
  if (rates.some((rate) => rate !== undefined && rate > maxDelegationRate))
    reading.doNotSign.push(
      `a delegation rate above ${maxDelegationRate}%: the auction refuses it (DelegationRateTooLarge)`,
    )
  if (entryPoint === 'add_bid') {
    if (call.amount === 0n) reading.doNotSign.push('the add_bid of 0 motes: the node refuses it')
    const least = call.minimumDelegationAmount
    if (least !== undefined && least < network.minimumDelegationAmount)
      reading.doNotSign.push(
        `the bid's minimum delegation of ${formatCspr(least)} CSPR is below the network's ${formatCspr(network.minimumDelegationAmount)} CSPR: the node refuses it`,
      )
    const most = call.maximumDelegationAmount
    if (least !== undefined && most !== undefined && least > most)
      reading.doNotSign.push(
        "the bid's minimum delegation is above its maximum: the auction refuses it (InvalidDelegationAmountLimits)",
      )
    reading.warnings.push(
      `The add_bid stakes ${formatCspr(call.amount!)} CSPR from the account's main purse as validator ${validator}'s bid.`,
    )
  }
  if (entryPoint === 'change_bid_public_key')
    reading.warnings.push(
      `The bid of ${validator}, its stake and every delegation to it move to ${call.newPublicKey}: whoever holds that key controls them.`,
    )
  reading.call = call
  return reading
}

type Reader = { bytes: Uint8Array; at: number }

function take(r: Reader, n: number): Uint8Array {
  if (r.at + n > r.bytes.length) throw new RangeError('short')
  const out = r.bytes.subarray(r.at, r.at + n)
  r.at += n
  return out
}

/** casper-types `PublicKey` bytesrepr: tag 0 system (no bytes), 1 ed25519 (32), 2 secp256k1 (33). */
function readPublicKey(r: Reader): string {
  const tag = take(r, 1)[0]!
  const length = tag === 1 ? 32 : tag === 2 ? 33 : -1
  if (length < 0) throw new RangeError('not an account key')
  return `0${tag}${bytesToHex(take(r, length))}`
}

/** casper-types `system/auction/delegator_kind.rs`: tag 0 PublicKey, 1 Purse (a 32-byte URef address). */
function readDelegator(r: Reader): ReservedDelegator {
  const tag = take(r, 1)[0]
  if (tag === 0) return { kind: 'publicKey', publicKey: readPublicKey(r) }
  if (tag === 1) return { kind: 'purse', address: bytesToHex(take(r, 32)) }
  throw new RangeError('unknown DelegatorKind')
}

/** casper-types `system/auction/reservation.rs`: delegator kind, validator public key, delegation rate u8. */
function readReservation(r: Reader): Reservation {
  const delegator = readDelegator(r)
  const validator = readPublicKey(r)
  return { delegator, validator, delegationRate: take(r, 1)[0]! }
}

/** A bytesrepr `Vec` (u32 count, then the items) of exactly `bytes`; undefined when it is not. */
function readList<T>(bytes: Uint8Array, item: (r: Reader) => T): T[] | undefined {
  const r: Reader = { bytes, at: 0 }
  try {
    const count = new DataView(take(r, 4).slice().buffer).getUint32(0, true)
    // Each item takes at least 33 bytes: no count the bytes cannot hold is believed.
    if (count * 33 > bytes.length) return undefined
    const items: T[] = []
    for (let i = 0; i < count; i++) items.push(item(r))
    return r.at === bytes.length ? items : undefined
  } catch {
    return undefined
  }
}
