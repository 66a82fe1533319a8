// The auction's validator entry points (add_bid, withdraw_bid, activate_bid, change_bid_public_key,
// add_reservations, cancel_reservations) described in full: casper-js-sdk's native builders as the
// oracle for TransactionV1, the auction contract's hash for deploys; anything unread is DO NOT SIGN.
import { describe, expect, it } from 'vitest'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import type { ClType } from '../../src/codec/clType.js'
import type { NamedArg, TransactionEntryPoint } from '../../src/codec/layouts.js'
import { encodeU512 } from '../../src/codec/u512.js'
import { describeFile } from '../../src/cosign/describeFile.js'
import { descriptionLines } from '../../src/cosign/descriptionLines.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { argJson, writeSpendingFile } from '../../src/deploy/buildSpending.js'
import { sdk } from '../../src/deploy/sdk.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { ed25519Signer } from '../approvals/testSigners.js'

const validator = ed25519Signer(new Uint8Array(32).fill(5)).publicKey
const other = ed25519Signer(new Uint8Array(32).fill(6)).publicKey
const delegator = ed25519Signer(new Uint8Array(32).fill(7)).publicKey
const now = Date.now()
const header = {
  account: validator,
  chainName: 'casper',
  chainspec: casperMainnet,
  timestamp: now,
  ttl: '30m',
}
const cspr = 1_000_000_000n
const auction = casperMainnet.auctionContractHash!

function sdkText(builder: { build(): InstanceType<typeof sdk.Transaction> }) {
  return JSON.stringify({ Version1: sdk.TransactionV1.toJSON(builder.build().getTransactionV1()!) })
}

/** The header every native builder of casper-js-sdk takes (its setters return the builder itself). */
function common<T>(b: T, payment: bigint): T {
  ;(b as unknown as InstanceType<typeof sdk.NativeAddBidBuilder>)
    .from(sdk.PublicKey.fromHex(validator))
    .chainName('casper')
    .payment(Number(payment), 1)
    .ttl(30 * 60 * 1000)
    .timestamp(new sdk.Timestamp(new Date(now)))
  return b
}

const describeText = (text: string) => describeFile(parseCosignFile(text), { now })

const arg = (name: string, clType: ClType, bytes: Uint8Array): NamedArg => ({ name, clType, bytes })
const key = (name: string, hex: string) => arg(name, 'PublicKey', hexToBytes(hex))
const list = (items: Uint8Array[]) => Uint8Array.of(items.length, 0, 0, 0, ...items.flatMap((i) => [...i]))

/** A native TransactionV1 of `entryPoint` paying `payment`, built with the library's writer. */
function native(entryPoint: TransactionEntryPoint['TAG'], args: NamedArg[], payment = 2_500_000_000n) {
  return writeSpendingFile(header, {
    kind: 'transaction',
    args,
    target: { TAG: 'Native', data: [] },
    targetJson: 'Native',
    entryPoint: { TAG: entryPoint, data: [] } as TransactionEntryPoint,
    entryPointJson: entryPoint,
    paymentMotes: payment,
    chargeMotes: payment,
  }).json
}

/** A deploy calling `entryPoint` on the mainnet auction contract. */
function auctionDeploy(entryPoint: string, args: NamedArg[], contract = auction) {
  return writeSpendingFile(header, {
    kind: 'deploy',
    session: {
      TAG: 'StoredContractByHash',
      data: { hash: hexToBytes(contract), entry_point: entryPoint, args },
    },
    sessionJson: {
      StoredContractByHash: { hash: contract, entry_point: entryPoint, args: args.map(argJson) },
    },
    paymentMotes: 2_500_000_000n,
    chargeMotes: 2_500_000_000n,
  }).json
}

describe("the auction's validator entry points", () => {
  it("casper-js-sdk's AddBid, WithdrawBid, ActivateBid and ChangeBidPublicKey are described in full and can be signed", () => {
    const addBid = describeText(
      sdkText(
        common(new sdk.NativeAddBidBuilder(), 2_500_000_000n)
          .validator(sdk.PublicKey.fromHex(validator))
          .amount((1_000n * cspr).toString())
          .delegationRate(10),
      ),
    )
    expect(addBid.code).toMatchObject({
      kind: 'bid',
      entryPoint: 'add_bid',
      validator,
      amount: 1_000n * cspr,
      delegationRate: 10,
    })
    expect(addBid.doNotSign).toEqual([])
    expect(descriptionLines(addBid).join('\n')).toContain(
      `Session: add_bid: stake 1000 CSPR (1000000000000 motes) as validator ${validator}, delegation rate 10%`,
    )
    const withdraw = describeText(
      sdkText(
        common(new sdk.NativeWithdrawBidBuilder(), 2_500_000_000n)
          .validator(sdk.PublicKey.fromHex(validator))
          .amount((7n * cspr + 1n).toString()),
      ),
    )
    expect(withdraw.code).toMatchObject({ entryPoint: 'withdraw_bid', validator, amount: 7n * cspr + 1n })
    expect(withdraw.doNotSign).toEqual([])
    // A TransactionV1 ActivateBid pays the add_bid cost (meta_transaction_v1.rs).
    const activate = describeText(
      sdkText(
        common(new sdk.NativeActivateBidBuilder(), 2_500_000_000n).validator(
          sdk.PublicKey.fromHex(validator),
        ),
      ),
    )
    expect(activate.code).toMatchObject({ entryPoint: 'activate_bid', validator })
    expect(activate.doNotSign).toEqual([])
    const change = describeText(
      sdkText(
        common(new sdk.NativeChangeBidPublicKeyBuilder(), 5_000_000_000n)
          .previousPublicKey(sdk.PublicKey.fromHex(validator))
          .newPublicKey(sdk.PublicKey.fromHex(other)),
      ),
    )
    expect(change.code).toMatchObject({ entryPoint: 'change_bid_public_key', validator, newPublicKey: other })
    expect(change.doNotSign).toEqual([])
    expect(change.warnings.join()).toContain(`move to ${other}: whoever holds that key controls them`)
    expect(change.payment).toMatchObject({ need: 5_000_000_000n, needFrom: 'system cost' })
  })

  it("refuses a bid of another account's key, a rate above 100%, an amount of 0, and mistyped or unknown args", () => {
    const bid = (args: NamedArg[]) => describeText(native('AddBid', args)).doNotSign.join('; ')
    const rate = (n: number) => arg('delegation_rate', 'U8', Uint8Array.of(n))
    const amount = (m: bigint) => arg('amount', 'U512', encodeU512(m))
    expect(bid([key('public_key', validator), rate(10), amount(cspr)])).toBe('')
    expect(bid([key('public_key', other), rate(10), amount(cspr)])).toMatch(
      /^the validator 01[0-9a-f]{64} is not this account .*InvalidContext/,
    )
    expect(bid([key('public_key', validator), rate(101), amount(cspr)])).toMatch(/DelegationRateTooLarge/)
    expect(bid([key('public_key', validator), rate(10), amount(0n)])).toMatch(/add_bid of 0 motes/)
    expect(
      bid([
        key('public_key', validator),
        arg('delegation_rate', 'U32', Uint8Array.of(10, 0, 0, 0)),
        amount(cspr),
      ]),
    ).toMatch(/arg delegation_rate is U32, expected U8/)
    expect(
      bid([key('public_key', validator), rate(10), amount(cspr), arg('x', 'U8', Uint8Array.of(1))]),
    ).toMatch(/an arg x the node does not read/)
    expect(bid([key('public_key', validator), amount(cspr)])).toMatch(/no delegation_rate arg/)
    expect(
      bid([
        key('public_key', validator),
        rate(10),
        amount(cspr),
        arg('minimum_delegation_amount', 'U64', Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0)),
      ]),
    ).toMatch(/minimum delegation of 0.000000001 CSPR is below the network's 500 CSPR/)
  })

  it('reads reservations and cancelled delegators (List<Any>) in full, and refuses them unreadable', () => {
    const reservation = (d: Uint8Array, v: string, r: number) => Uint8Array.of(...d, ...hexToBytes(v), r)
    const byKey = Uint8Array.of(0, ...hexToBytes(delegator))
    const byPurse = Uint8Array.of(1, ...new Uint8Array(32).fill(9))
    const reservations = list([reservation(byKey, validator, 5), reservation(byPurse, validator, 0)])
    const add = describeText(native('AddReservations', [arg('reservations', { List: 'Any' }, reservations)]))
    expect(add.doNotSign).toEqual([])
    expect(add.code).toMatchObject({
      entryPoint: 'add_reservations',
      reservations: [
        { delegator: { kind: 'publicKey', publicKey: delegator }, validator, delegationRate: 5 },
        { delegator: { kind: 'purse', address: '09'.repeat(32) }, validator, delegationRate: 0 },
      ],
    })
    expect(descriptionLines(add).join('\n')).toContain(
      `add_reservations: 2 reserved delegator slots; delegator ${delegator} with validator ${validator} at delegation rate 5%; delegator purse ${'09'.repeat(32)}`,
    )
    const cut = reservations.slice(0, -1)
    expect(
      describeText(native('AddReservations', [arg('reservations', { List: 'Any' }, cut)])).doNotSign.join(),
    ).toMatch(/arg reservations is not a readable List<Any> of Reservation/)
    expect(
      describeText(
        native('AddReservations', [arg('reservations', { List: 'U8' }, reservations)]),
      ).doNotSign.join(),
    ).toMatch(/not a readable List<Any>/)
    const foreign = list([reservation(byKey, other, 5)])
    expect(
      describeText(
        native('AddReservations', [arg('reservations', { List: 'Any' }, foreign)]),
      ).doNotSign.join(),
    ).toMatch(/InvalidContext/)
    const cancel = describeText(
      native('CancelReservations', [
        key('validator', validator),
        arg('delegators', { List: 'Any' }, list([byKey, byPurse])),
      ]),
    )
    expect(cancel.doNotSign).toEqual([])
    expect(cancel.code).toMatchObject({
      entryPoint: 'cancel_reservations',
      validator,
      delegators: [
        { kind: 'publicKey', publicKey: delegator },
        { kind: 'purse', address: '09'.repeat(32) },
      ],
    })
  })

  it('a deploy is read as an auction call only on the auction contract hash, with its 2.0 entry point names', () => {
    const args = [key('public_key', validator), arg('amount', 'U512', encodeU512(9n * cspr))]
    const withdraw = describeText(auctionDeploy('withdraw_bid', args))
    expect(withdraw.code).toMatchObject({
      kind: 'bid',
      entryPoint: 'withdraw_bid',
      contract: auction,
      amount: 9n * cspr,
    })
    expect(withdraw.doNotSign).toEqual([])
    // Another contract with the same entry point: a contract call, described arg by arg.
    const elsewhere = describeText(auctionDeploy('withdraw_bid', args, 'ee'.repeat(32)))
    expect(elsewhere.code).toMatchObject({ kind: 'stored', by: 'hash', target: 'ee'.repeat(32) })
    const change = [key('public_key', validator), key('new_public_key', other)]
    expect(describeText(auctionDeploy(' change_bid_public_key', change)).code).toMatchObject({
      entryPoint: 'change_bid_public_key',
      newPublicKey: other,
    })
    expect(describeText(auctionDeploy('change_bid_public_key', change)).doNotSign.join()).toMatch(
      /with a leading space .* fails and is charged/,
    )
    expect(describeText(auctionDeploy('run_auction', [])).doNotSign.join()).toMatch(
      /entry point run_auction is not one an account calls/,
    )
  })
})
