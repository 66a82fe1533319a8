// Conformance: casper-node `node/src/types/transaction/arg_handling.rs` (its `mod tests`: the args
// a TransactionV1 with the Native target must carry for each entry point), the native-lane payment
// rule of `meta_transaction/meta_transaction_v1.rs` `is_config_compliant`, and the native cases of
// `node/src/components/transaction_acceptor/tests.rs` (`should_reject_native_delegate_with_exceeding_amount`,
// `should_reject_native_redelegate_with_exceeding_amount`).
//
// Versions read: casper-node 2.0.0 release, commit 1c3b8ad90bf0d83e73c73a6e6ddfc09f148b88b1
// (`fetch` of EdHastingsCasperAssociation/casper-node), and casper-network/casper-node at commit
// 403e9dd6 (the newer file in the search index). The newer `has_valid_transfer_args` takes an
// `evm_enabled` switch that also accepts a 20-byte EVM address as target; the 2.0.0 code has no such
// target and mainnet 2.2.0's chainspec no such switch, so the 2.0.0 rules are followed (the EVM
// case is transcribed with the switch off, as the newer test checks it). Error texts: casper-types
// `transaction_v1/errors_v1.rs` (preflight's message) and casper-binary-port `error_code.rs` (what
// the sidecar answers, -32016 "Invalid transaction").
//
// Each node case is one test, checked twice: with the public `preflight` (the refusal's code) and
// on the loopback devnet over JSON-RPC (`account_put_transaction`). The node's tests use
// `min_motes = 10` for the transfer minimum and `Chainspec::default()` for the auction's bounds;
// here the network is mainnet 2.2.0 (`native_transfer_minimum_motes` 2.5 CSPR, the same
// `maximum_delegation_amount` 10^18 and `max_delegators_per_validator` 1200), and the random values
// are fixed ones in the same ranges. Every transaction pays its entry point's system cost, as
// `is_config_compliant` requires (cases at the end).
//
// "Check with extra arg" cases: the node accepts an arg its entry point does not read. The
// co-signer's verdict is stricter on purpose: `describeFile` says DO NOT SIGN for any arg it cannot
// explain (default deny), so acceptance and "safe to sign" differ there (the test after the cases).
//
// Not covered: `should_validate_add_reservations_args` and
// `add_reservations_args_with_too_many_reservations_should_be_invalid` (a non-empty
// `List<Any>` of reservations: the library refuses to read `Any` values it cannot show,
// src/codec/clValue.ts, so the devnet answers -32602 where the node accepts or answers
// InvalidReservedSlots); `native_calls_require_named_args` (the codec writes only Named args);
// Native `Call` / `Custom` entry points (refused earlier, by the lane calculation); `Burn` (no test
// in arg_handling.rs).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Chainspec } from '../../src/chainspec/Chainspec.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { mainnet } from '../../src/cosign/cosignNetwork.js'
import { describeFile } from '../../src/cosign/describeFile.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { buildSpending } from '../../src/deploy/buildSpending.js'
import { encodeU512 } from '../../src/deploy/clValueJson.js'
import type { NamedArgJson } from '../../src/deploy/DeployJson.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import type { LocalSigner } from '../../src/keys/localSigner.js'
import type { Signer } from '../../src/keys/Signer.js'
import { call } from '../devnet/devnetKit.js'
import {
  acceptance,
  alice,
  bob,
  carol,
  expectAccepted,
  expectRefusal,
  mallory,
  type NodeVariant,
  net1,
  signTransaction,
  stringArg,
} from './conformanceKit.js'

// CLValues as `runtime_args!` writes them.
const arg = (name: string, clType: unknown, bytes: Uint8Array): NamedArgJson => [
  name,
  { cl_type: clType, bytes: bytesToHex(bytes) },
]
const le = (value: bigint, width: number) => {
  const bytes = new Uint8Array(width)
  for (let i = 0; i < width; i++) bytes[i] = Number((value >> BigInt(8 * i)) & 0xffn)
  return bytes
}
const u512 = (name: string, value: bigint) => arg(name, 'U512', encodeU512(value))
const u64 = (name: string, value: bigint) => arg(name, 'U64', le(value, 8))
const u32 = (name: string, value: number) => arg(name, 'U32', le(BigInt(value), 4))
const u8 = (name: string, value: number) => arg(name, 'U8', Uint8Array.of(value))
/** `args.insert("a", 1)`: a Rust integer literal is an i32. */
const extra = arg('a', 'I32', le(1n, 4))
const key = (name: string, signer: Signer) => arg(name, 'PublicKey', hexToBytes(signer.publicKey))
const uref = (name: string) => arg(name, 'URef', Uint8Array.of(...new Uint8Array(32).fill(0x2a), 7))
const someId = arg('id', { Option: 'U64' }, Uint8Array.of(1, ...le(42n, 8)))
const accountHash = (name: string, signer: LocalSigner) =>
  arg(name, { ByteArray: 32 }, hexToBytes(signer.accountHash))
/** A `Vec<DelegatorKind>` (CLType `List<Any>`) of no items. */
const noDelegators = arg('delegators', { List: 'Any' }, le(0n, 4))
/** A `Vec<PublicKey>` of two keys. */
const keyList = (name: string) =>
  arg(
    name,
    { List: 'PublicKey' },
    Uint8Array.of(...le(2n, 4), ...hexToBytes(bob.publicKey), ...hexToBytes(carol.publicKey)),
  )

const minimum = casperMainnet.nativeTransferMinimumMotes
const ceiling = casperMainnet.maximumDelegationAmount
const cost: Record<string, bigint> = {
  Transfer: casperMainnet.systemCosts.transfer,
  AddBid: casperMainnet.systemCosts.addBid,
  ActivateBid: casperMainnet.systemCosts.addBid,
  WithdrawBid: casperMainnet.systemCosts.withdrawBid,
  Delegate: casperMainnet.systemCosts.delegate,
  Undelegate: casperMainnet.systemCosts.undelegate,
  Redelegate: casperMainnet.systemCosts.redelegate,
  ChangeBidPublicKey: casperMainnet.systemCosts.changeBidPublicKey,
  AddReservations: casperMainnet.systemCosts.addReservations,
  CancelReservations: casperMainnet.systemCosts.cancelReservations,
}

/**
 * Alice's signed TransactionV1: Native target, `entryPoint`, `args`, PaymentLimited paying the entry
 * point's system cost (or `payment`). Built with `buildSpending`, then given the case's entry point
 * and args (the builders refuse to write most of these) and hashed again.
 */
async function nativeTransaction(
  chainspec: Chainspec,
  entryPoint: string,
  args: NamedArgJson[],
  payment = cost[entryPoint]!,
): Promise<TransactionJson> {
  const built = buildSpending(
    { account: alice.publicKey, chainName: chainspec.chainName, ttl: 30 * 60_000, chainspec },
    'Delegate',
    [],
  )
  const transaction = structuredClone(built.transaction!)
  const payload = transaction.Version1.payload as unknown as {
    fields: { entry_point: string; args: { Named: NamedArgJson[] } }
    pricing_mode: { PaymentLimited: { payment_amount: number } }
  }
  payload.fields.entry_point = entryPoint
  payload.fields.args = { Named: args }
  payload.pricing_mode.PaymentLimited.payment_amount = Number(payment)
  return signTransaction(transaction, alice)
}

type Case = {
  /** The node test (and the check inside it) this case transcribes. */
  name: string
  entryPoint: string
  args: NamedArgJson[]
  payment?: bigint
  /** The node's answer: accepted, or this `InvalidTransactionV1` variant. */
  refused?: NodeVariant
  /** For UnexpectedArgType / InvalidArg / amounts: the node's Display text preflight must carry. */
  text?: RegExp
}

const delegation = (amount: bigint): NamedArgJson[] => [
  key('delegator', alice),
  key('validator', bob),
  u512('amount', amount),
]
const redelegation = (amount: bigint): NamedArgJson[] => [...delegation(amount), key('new_validator', carol)]

const cases: Case[] = [
  // should_validate_transfer_args
  {
    name: 'should_validate_transfer_args: PublicKey target, source and id',
    entryPoint: 'Transfer',
    args: [uref('source'), key('target', bob), u512('amount', minimum + 123_456_789n), someId],
  },
  {
    name: 'should_validate_transfer_args: AccountHash target, no source nor id',
    entryPoint: 'Transfer',
    args: [accountHash('target', bob), u512('amount', 18_000_000_000_000_000_000n)],
  },
  {
    name: 'should_validate_transfer_args: URef target, id',
    entryPoint: 'Transfer',
    args: [uref('target'), u512('amount', minimum * 3n), someId],
  },
  {
    name: 'should_validate_transfer_args: EVM address target with evm disabled (UnexpectedArgType)',
    entryPoint: 'Transfer',
    args: [arg('target', { ByteArray: 20 }, new Uint8Array(20).fill(9)), u512('amount', minimum)],
    refused: 'UnexpectedArgType',
    text: /^expected type of 'target' runtime argument to be one of public-key, byte-array\[32\], uref, but got byte-array\[20\]$/,
  },
  {
    name: 'should_validate_transfer_args: at the minimum',
    entryPoint: 'Transfer',
    args: [key('target', bob), u512('amount', minimum)],
  },
  {
    name: 'should_validate_transfer_args: with extra arg',
    entryPoint: 'Transfer',
    args: [key('target', bob), u512('amount', minimum), someId, extra],
  },
  {
    name: 'transfer_args_with_low_amount_should_be_invalid',
    entryPoint: 'Transfer',
    args: [u512('amount', minimum - 1n), key('target', bob)],
    refused: 'InsufficientTransferAmount',
    text: /^insufficient transfer amount; minimum: 2500000000 attempted: 2499999999$/,
  },
  {
    name: 'transfer_args_with_missing_required_should_be_invalid: missing target',
    entryPoint: 'Transfer',
    args: [u512('amount', minimum)],
    refused: 'MissingArg',
    text: /^missing required runtime argument 'target'$/,
  },
  {
    name: 'transfer_args_with_missing_required_should_be_invalid: missing amount',
    entryPoint: 'Transfer',
    args: [key('target', bob)],
    refused: 'MissingArg',
    text: /^missing required runtime argument 'amount'$/,
  },
  {
    name: 'transfer_args_with_wrong_type_should_be_invalid: target a String',
    entryPoint: 'Transfer',
    args: [u512('amount', minimum), stringArg('target', 'wrong')],
    refused: 'UnexpectedArgType',
    text: /^expected type of 'target' runtime argument to be one of public-key, byte-array\[32\], uref, but got string$/,
  },
  {
    name: 'transfer_args_with_wrong_type_should_be_invalid: source a U8',
    entryPoint: 'Transfer',
    args: [u512('amount', minimum), u8('source', 1), key('target', bob)],
    refused: 'UnexpectedArgType',
    text: /^expected type of 'source' runtime argument to be one of uref, but got u8$/,
  },
  {
    // TRANSFER_ARG_ID is an OptionalArg<Option<u64>> ("id" for legacy reasons).
    name: 'has_valid_transfer_args: id a bare U64 (UnexpectedArgType)',
    entryPoint: 'Transfer',
    args: [u512('amount', minimum), key('target', bob), u64('id', 42n)],
    refused: 'UnexpectedArgType',
    text: /^expected type of 'id' runtime argument to be one of option<u64>, but got u64$/,
  },
  {
    // parse_cl_value: the CLType matches, the bytes are not one value of it (CLValueError::Serialization).
    name: 'has_valid_transfer_args: amount bytes longer than the U512 they declare (InvalidArg)',
    entryPoint: 'Transfer',
    args: [arg('amount', 'U512', Uint8Array.of(...encodeU512(minimum), 0)), key('target', bob)],
    refused: 'InvalidArg',
    text: /^invalid runtime argument 'amount': /,
  },
  // add_bid
  {
    name: 'should_validate_add_bid_args: with minimum, maximum and reserved slots',
    entryPoint: 'AddBid',
    args: [
      key('public_key', alice),
      u8('delegation_rate', 10),
      u512('amount', 7_777_777_777_777n),
      u64('minimum_delegation_amount', casperMainnet.minimumDelegationAmount + 1n),
      u64('maximum_delegation_amount', casperMainnet.minimumDelegationAmount * 1000n),
      u32('reserved_slots', 12),
    ],
  },
  {
    name: 'should_validate_add_bid_args: with extra arg',
    entryPoint: 'AddBid',
    args: [key('public_key', alice), u8('delegation_rate', 255), u512('amount', 1n), extra],
  },
  {
    name: 'add_bid_args_with_missing_required_should_be_invalid: missing public_key',
    entryPoint: 'AddBid',
    args: [u8('delegation_rate', 3), u512('amount', 9n)],
    refused: 'MissingArg',
    text: /'public_key'/,
  },
  {
    name: 'add_bid_args_with_missing_required_should_be_invalid: missing delegation_rate',
    entryPoint: 'AddBid',
    args: [key('public_key', alice), u512('amount', 9n)],
    refused: 'MissingArg',
    text: /'delegation_rate'/,
  },
  {
    name: 'add_bid_args_with_missing_required_should_be_invalid: missing amount',
    entryPoint: 'AddBid',
    args: [key('public_key', alice), u8('delegation_rate', 3)],
    refused: 'MissingArg',
    text: /'amount'/,
  },
  {
    name: 'add_bid_args_with_wrong_type_should_be_invalid: amount a U64',
    entryPoint: 'AddBid',
    args: [key('public_key', alice), u8('delegation_rate', 3), u64('amount', 9n)],
    refused: 'UnexpectedArgType',
    text: /^expected type of 'amount' runtime argument to be one of u512, but got u64$/,
  },
  {
    name: 'has_valid_add_bid_args: a zero amount (InsufficientAmount)',
    entryPoint: 'AddBid',
    args: [key('public_key', alice), u8('delegation_rate', 3), u512('amount', 0n)],
    refused: 'InsufficientAmount',
    text: /^the value provided for the argument \(0\) named amount is too low\.$/,
  },
  {
    name: 'has_valid_add_bid_args: minimum_delegation_amount below the chainspec floor',
    entryPoint: 'AddBid',
    args: [
      key('public_key', alice),
      u8('delegation_rate', 3),
      u512('amount', 9n),
      u64('minimum_delegation_amount', casperMainnet.minimumDelegationAmount - 1n),
    ],
    refused: 'InvalidMinimumDelegationAmount',
  },
  {
    name: 'has_valid_add_bid_args: maximum_delegation_amount above the chainspec ceiling',
    entryPoint: 'AddBid',
    args: [
      key('public_key', alice),
      u8('delegation_rate', 3),
      u512('amount', 9n),
      u64('maximum_delegation_amount', ceiling + 1n),
    ],
    refused: 'InvalidMaximumDelegationAmount',
  },
  {
    name: 'has_valid_add_bid_args: reserved_slots above max_delegators_per_validator',
    entryPoint: 'AddBid',
    args: [
      key('public_key', alice),
      u8('delegation_rate', 3),
      u512('amount', 9n),
      u32('reserved_slots', 1201),
    ],
    refused: 'InvalidReservedSlots',
  },
  // withdraw_bid
  {
    name: 'should_validate_withdraw_bid_args',
    entryPoint: 'WithdrawBid',
    args: [key('public_key', alice), u512('amount', 123n)],
  },
  {
    name: 'should_validate_withdraw_bid_args: with extra arg',
    entryPoint: 'WithdrawBid',
    args: [key('public_key', alice), u512('amount', 123n), extra],
  },
  {
    name: 'withdraw_bid_args_with_missing_required_should_be_invalid: missing public_key',
    entryPoint: 'WithdrawBid',
    args: [u512('amount', 123n)],
    refused: 'MissingArg',
    text: /'public_key'/,
  },
  {
    name: 'withdraw_bid_args_with_missing_required_should_be_invalid: missing amount',
    entryPoint: 'WithdrawBid',
    args: [key('public_key', alice)],
    refused: 'MissingArg',
    text: /'amount'/,
  },
  {
    name: 'withdraw_bid_args_with_wrong_type_should_be_invalid: amount a U64',
    entryPoint: 'WithdrawBid',
    args: [key('public_key', alice), u64('amount', 123n)],
    refused: 'UnexpectedArgType',
  },
  // delegate
  { name: 'should_validate_delegate_args', entryPoint: 'Delegate', args: delegation(ceiling - 1n) },
  {
    name: 'should_validate_delegate_args: with extra arg',
    entryPoint: 'Delegate',
    args: [...delegation(5n), extra],
  },
  {
    name: 'delegate_args_with_too_big_amount_should_fail',
    entryPoint: 'Delegate',
    args: delegation(ceiling + 1n),
    refused: 'InvalidDelegationAmount',
    text: /^the value provided for the delegation amount \(1000000000000000001\) cannot be higher than 1000000000000000000\.$/,
  },
  {
    name: 'transaction_acceptor should_reject_native_delegate_with_exceeding_amount',
    entryPoint: 'Delegate',
    args: [key('delegator', alice), key('validator', bob), u512('amount', 1_000_000_000_000_000_001n)],
    refused: 'InvalidDelegationAmount',
  },
  {
    name: 'delegate_args_with_missing_required_should_be_invalid: missing delegator',
    entryPoint: 'Delegate',
    args: [key('validator', bob), u512('amount', 5n)],
    refused: 'MissingArg',
    text: /'delegator'/,
  },
  {
    name: 'delegate_args_with_missing_required_should_be_invalid: missing validator',
    entryPoint: 'Delegate',
    args: [key('delegator', alice), u512('amount', 5n)],
    refused: 'MissingArg',
    text: /'validator'/,
  },
  {
    name: 'delegate_args_with_missing_required_should_be_invalid: missing amount',
    entryPoint: 'Delegate',
    args: [key('delegator', alice), key('validator', bob)],
    refused: 'MissingArg',
    text: /'amount'/,
  },
  {
    name: 'delegate_args_with_wrong_type_should_be_invalid: amount a U64',
    entryPoint: 'Delegate',
    args: [key('delegator', alice), key('validator', bob), u64('amount', 5n)],
    refused: 'UnexpectedArgType',
  },
  {
    // parse_cl_value::<PublicKey>: an Ed25519 tag with 31 bytes is not one PublicKey.
    name: 'has_valid_delegate_args: a validator key one byte short (InvalidArg)',
    entryPoint: 'Delegate',
    args: [
      key('delegator', alice),
      arg('validator', 'PublicKey', hexToBytes(mallory.publicKey).subarray(0, 32)),
      u512('amount', 5n),
    ],
    refused: 'InvalidArg',
    text: /^invalid runtime argument 'validator': /,
  },
  // undelegate
  { name: 'should_validate_undelegate_args', entryPoint: 'Undelegate', args: delegation(2n ** 63n) },
  {
    name: 'should_validate_undelegate_args: with extra arg',
    entryPoint: 'Undelegate',
    args: [...delegation(2n ** 63n), extra],
  },
  {
    name: 'undelegate_args_with_missing_required_should_be_invalid: missing delegator',
    entryPoint: 'Undelegate',
    args: [key('validator', bob), u512('amount', 5n)],
    refused: 'MissingArg',
  },
  {
    name: 'undelegate_args_with_missing_required_should_be_invalid: missing validator',
    entryPoint: 'Undelegate',
    args: [key('delegator', alice), u512('amount', 5n)],
    refused: 'MissingArg',
  },
  {
    name: 'undelegate_args_with_missing_required_should_be_invalid: missing amount',
    entryPoint: 'Undelegate',
    args: [key('delegator', alice), key('validator', bob)],
    refused: 'MissingArg',
  },
  {
    name: 'undelegate_args_with_wrong_type_should_be_invalid: amount a U64',
    entryPoint: 'Undelegate',
    args: [key('delegator', alice), key('validator', bob), u64('amount', 5n)],
    refused: 'UnexpectedArgType',
  },
  // redelegate
  { name: 'should_validate_redelegate_args', entryPoint: 'Redelegate', args: redelegation(ceiling - 1n) },
  {
    name: 'should_validate_redelegate_args: with extra arg',
    entryPoint: 'Redelegate',
    args: [...redelegation(5n), extra],
  },
  {
    name: 'redelegate_args_with_too_much_amount_should_be_invalid',
    entryPoint: 'Redelegate',
    args: redelegation(ceiling + 1n),
    refused: 'InvalidDelegationAmount',
  },
  {
    name: 'transaction_acceptor should_reject_native_redelegate_with_exceeding_amount',
    entryPoint: 'Redelegate',
    args: [
      key('delegator', alice),
      key('validator', bob),
      u512('amount', 1_000_000_000_000_000_001n),
      key('new_validator', carol),
    ],
    refused: 'InvalidDelegationAmount',
  },
  {
    name: 'redelegate_args_with_missing_required_should_be_invalid: missing delegator',
    entryPoint: 'Redelegate',
    args: [key('validator', bob), u512('amount', 5n), key('new_validator', carol)],
    refused: 'MissingArg',
    text: /'delegator'/,
  },
  {
    name: 'redelegate_args_with_missing_required_should_be_invalid: missing validator',
    entryPoint: 'Redelegate',
    args: [key('delegator', alice), u512('amount', 5n), key('new_validator', carol)],
    refused: 'MissingArg',
    text: /'validator'/,
  },
  {
    name: 'redelegate_args_with_missing_required_should_be_invalid: missing amount',
    entryPoint: 'Redelegate',
    args: [key('delegator', alice), key('validator', bob), key('new_validator', carol)],
    refused: 'MissingArg',
    text: /'amount'/,
  },
  {
    name: 'redelegate_args_with_missing_required_should_be_invalid: missing new_validator',
    entryPoint: 'Redelegate',
    args: delegation(5n),
    refused: 'MissingArg',
    text: /'new_validator'/,
  },
  {
    name: 'redelegate_args_with_wrong_type_should_be_invalid: amount a U64',
    entryPoint: 'Redelegate',
    args: [key('delegator', alice), key('validator', bob), u64('amount', 5n), key('new_validator', carol)],
    refused: 'UnexpectedArgType',
  },
  // change_bid_public_key
  {
    name: 'should_validate_change_bid_public_key_args',
    entryPoint: 'ChangeBidPublicKey',
    args: [key('public_key', alice), key('new_public_key', bob)],
  },
  {
    name: 'should_validate_change_bid_public_key_args: with extra arg',
    entryPoint: 'ChangeBidPublicKey',
    args: [key('public_key', alice), key('new_public_key', bob), extra],
  },
  {
    name: 'change_bid_public_key_args_with_missing_required_should_be_invalid: missing public_key',
    entryPoint: 'ChangeBidPublicKey',
    args: [key('new_public_key', bob)],
    refused: 'MissingArg',
    text: /'public_key'/,
  },
  {
    name: 'change_bid_public_key_args_with_missing_required_should_be_invalid: missing new_public_key',
    entryPoint: 'ChangeBidPublicKey',
    args: [key('public_key', alice)],
    refused: 'MissingArg',
    text: /'new_public_key'/,
  },
  {
    name: 'change_bid_public_key_args_with_wrong_type_should_be_invalid: public_key a U8',
    entryPoint: 'ChangeBidPublicKey',
    args: [u8('public_key', 7), key('new_public_key', bob)],
    refused: 'UnexpectedArgType',
    text: /^expected type of 'public_key' runtime argument to be one of public-key, but got u8$/,
  },
  {
    name: 'change_bid_public_key_args_with_wrong_type_should_be_invalid: new_public_key a U8',
    entryPoint: 'ChangeBidPublicKey',
    args: [key('public_key', alice), u8('new_public_key', 7)],
    refused: 'UnexpectedArgType',
    text: /'new_public_key'/,
  },
  // activate_bid (no test in arg_handling.rs: has_valid_activate_bid_args' two outcomes)
  {
    name: 'has_valid_activate_bid_args: validator',
    entryPoint: 'ActivateBid',
    args: [key('validator', alice)],
  },
  {
    name: 'has_valid_activate_bid_args: missing validator',
    entryPoint: 'ActivateBid',
    args: [],
    refused: 'MissingArg',
    text: /'validator'/,
  },
  // add / cancel reservations
  {
    name: 'add_reservations_args_with_missing_required_should_be_invalid',
    entryPoint: 'AddReservations',
    args: [],
    refused: 'MissingArg',
    text: /'reservations'/,
  },
  {
    name: 'add_reservations_args_with_wrong_type_should_be_invalid: reservations a PublicKey',
    entryPoint: 'AddReservations',
    args: [key('reservations', bob)],
    refused: 'UnexpectedArgType',
    text: /^expected type of 'reservations' runtime argument to be one of list<any>, but got public-key$/,
  },
  {
    name: 'should_validate_cancel_reservations_args: no delegators',
    entryPoint: 'CancelReservations',
    args: [key('validator', alice), noDelegators],
  },
  {
    name: 'should_validate_cancel_reservations_args: with extra arg',
    entryPoint: 'CancelReservations',
    args: [key('validator', alice), noDelegators, extra],
  },
  {
    name: 'cancel_reservations_args_with_missing_required_should_be_invalid: missing validator',
    entryPoint: 'CancelReservations',
    args: [noDelegators],
    refused: 'MissingArg',
    text: /'validator'/,
  },
  {
    name: 'cancel_reservations_args_with_missing_required_should_be_invalid: missing delegators',
    entryPoint: 'CancelReservations',
    args: [key('validator', alice)],
    refused: 'MissingArg',
    text: /'delegators'/,
  },
  {
    name: 'cancel_reservations_args_with_wrong_type_should_be_invalid: validator a List<PublicKey>',
    entryPoint: 'CancelReservations',
    args: [keyList('validator'), noDelegators],
    refused: 'UnexpectedArgType',
    text: /^expected type of 'validator' runtime argument to be one of public-key, but got list<public-key>$/,
  },
  {
    name: 'cancel_reservations_args_with_wrong_type_should_be_invalid: delegators a U8',
    entryPoint: 'CancelReservations',
    args: [key('validator', alice), u8('delegators', 1)],
    refused: 'UnexpectedArgType',
    text: /^expected type of 'delegators' runtime argument to be one of list<any>, but got u8$/,
  },
  // meta_transaction_v1.rs is_config_compliant, PaymentLimited under `payment_limited`: the mint
  // lane compares payment_amount with mint_costs.transfer, the auction lane with the entry point's
  // auction cost (AddBid and ActivateBid: add_bid); below it is InvalidPaymentAmount.
  {
    name: 'is_config_compliant: a native Transfer paying one mote below mint_costs.transfer',
    entryPoint: 'Transfer',
    args: [key('target', bob), u512('amount', minimum)],
    payment: casperMainnet.systemCosts.transfer - 1n,
    refused: 'InvalidPaymentAmount',
    text: /mint_costs\.transfer of 100000000/,
  },
  {
    name: 'is_config_compliant: a native Delegate paying one mote below auction_costs.delegate',
    entryPoint: 'Delegate',
    args: delegation(casperMainnet.minimumDelegationAmount),
    payment: casperMainnet.systemCosts.delegate - 1n,
    refused: 'InvalidPaymentAmount',
  },
  {
    name: 'is_config_compliant: a ChangeBidPublicKey paying the 2.5 CSPR baseline, below its 5 CSPR cost',
    entryPoint: 'ChangeBidPublicKey',
    args: [key('public_key', alice), key('new_public_key', bob)],
    payment: casperMainnet.baselineMotesAmount,
    refused: 'InvalidPaymentAmount',
    text: /auction_costs\.change_bid_public_key of 5000000000/,
  },
  {
    name: 'is_config_compliant: a native Transfer paying more than its cost is accepted',
    entryPoint: 'Transfer',
    args: [key('target', bob), u512('amount', minimum)],
    payment: casperMainnet.baselineMotesAmount,
  },
]

/** casper-binary-port `error_code.rs`: the text the sidecar answers for each variant. */
const nodeTexts: Partial<Record<NodeVariant, string>> = {
  MissingArg: 'the transaction sent to the network was missing an argument',
  UnexpectedArgType: 'the transaction sent to the network had an unexpected argument type',
  InvalidArg: 'the transaction sent to the network had an invalid argument',
  InsufficientTransferAmount: 'the transaction sent to the network had an insufficient transfer amount',
  InsufficientAmount: 'Transaction includes an argument named amount with a value below a relevant limit',
  InvalidMinimumDelegationAmount:
    'Transaction attempts to set a minimum delegation amount below the lowest allowed value',
  InvalidMaximumDelegationAmount:
    'Transaction attempts to set a maximum delegation amount above the highest allowed value',
  InvalidReservedSlots: 'Transaction attempts to set a reserved slots count above the highest allowed value',
  InvalidDelegationAmount: 'Transaction attempts to set a delegation amount above the highest allowed value',
  InvalidPaymentAmount: 'Invalid payment amount for Transaction::V1',
}

describe('node/src/types/transaction/arg_handling.rs (preflight)', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const result = await acceptance(await nativeTransaction(net1(), c.entryPoint, c.args, c.payment))
      if (!c.refused) return expectAccepted(result)
      expectRefusal(result, c.refused)
      if (c.text) expect(result.refusals[0]?.message).toMatch(c.text)
    })
  }
})

describe('node/src/types/transaction/arg_handling.rs (loopback devnet over JSON-RPC)', () => {
  let devnet: Devnet
  let chainspec: Chainspec

  beforeAll(async () => {
    devnet = await startDevnet({ blockIntervalMs: 60_000, accounts: [{ publicKey: alice.publicKey }] })
    chainspec = { ...casperMainnet, chainName: devnet.chainName }
  })
  afterAll(async () => {
    await devnet?.stop()
  })

  for (const c of cases) {
    test(c.name, async () => {
      const transaction = await nativeTransaction(chainspec, c.entryPoint, c.args, c.payment)
      const answer = await call(devnet.url, 'account_put_transaction', { transaction })
      if (!c.refused) {
        expect(answer.error).toBeUndefined()
        expect(answer.result?.transaction_hash).toEqual({ Version1: transaction.Version1.hash })
        return
      }
      expect(answer.error?.code).toBe(-32016)
      expect(answer.error?.message).toBe('Invalid transaction')
      expect(answer.error?.data).toBe(`the transaction was invalid: ${nodeTexts[c.refused]}`)
    })
  }
})

describe('acceptance is not "safe to sign" (default deny)', () => {
  test('the node accepts a transfer with an extra arg; describeFile says DO NOT SIGN and names the arg', async () => {
    const transaction = await nativeTransaction(net1(), 'Transfer', [
      key('target', bob),
      u512('amount', minimum),
      someId,
      extra,
    ])
    expectAccepted(await acceptance(transaction))
    const description = describeFile(parseCosignFile(JSON.stringify(transaction)), {
      network: { ...mainnet, chainName: 'net-1' },
    })
    expect(description.safeToSign).toBe(false)
    expect(description.doNotSign.join('\n')).toContain('an arg a the node does not read for it')
  })

  test('the same transfer without the extra arg is explained in full', async () => {
    const transaction = await nativeTransaction(net1(), 'Transfer', [
      key('target', bob),
      u512('amount', minimum),
      someId,
    ])
    const description = describeFile(parseCosignFile(JSON.stringify(transaction)), {
      network: { ...mainnet, chainName: 'net-1' },
    })
    expect(description.doNotSign.join('\n')).not.toContain('does not read')
  })
})
