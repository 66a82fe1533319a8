// The devnet's mint and auction: native transfers, delegate, undelegate and redelegate, run on the
// devnet's balances and delegations.
//
// casper-node 2.0: `contract_runtime/operations.rs` runs the mint lane through `transfer`
// (storage `system/transfer.rs` `TransferRuntimeArgsBuilder`, `system/mint/mint_native.rs`) and the
// auction lane through `bidding` (storage `system/auction.rs` `delegate` / `undelegate` /
// `redelegate`); a processing hold on the payment is placed first, so a transfer can move only what
// is left beside it. Error texts: the node writes `format!("{}", err)` of the failure
// (`contract_runtime/types.rs` `with_transfer_result` / `with_bidding_result`).
import type { AccountHashHex } from '../account/Account.js'
import { createAccount as createAccountModel } from '../account/Account.js'
import { accountHashFromPublicKey } from '../account/accountHash.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { publicKey as publicKeyCoder } from '../codec/bytesrepr.js'
import { decodeU512 } from '../codec/u512.js'
import type { NamedArgJson } from '../deploy/DeployJson.js'
import { apiError } from '../emulator/apiError.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import type { DevnetAccount, DevnetItem, DevnetState, DevnetTransfer } from './DevnetState.js'
import { devnetValidatorOf } from './devnetValidator.js'
import { purseAddress } from './handleRpc.js'

/** A call of the mint or the auction a deploy or transaction makes. */
export type NativeCall = {
  system: 'mint' | 'auction'
  /** The native entry point: `Transfer`, `Delegate`, `Undelegate`, `Redelegate`, … */
  entryPoint: string
  args: readonly NamedArgJson[]
  /** A deploy calling the auction contract by hash (charged as a stored call, not a native one). */
  viaDeploy: boolean
}

/** What a native call did: `null` on success, else the node's error text. */
export type NativeOutcome = { errorMessage: string | null; transfers: DevnetTransfer[] }

/** The auction entry points a deploy names (casper-types `system/auction/constants.rs`). */
const auctionEntryPoints: Readonly<Record<string, string>> = {
  delegate: 'Delegate',
  undelegate: 'Undelegate',
  redelegate: 'Redelegate',
  add_bid: 'AddBid',
  withdraw_bid: 'WithdrawBid',
  activate_bid: 'ActivateBid',
}

/**
 * The mint or auction call an item makes, or `undefined` when it runs Wasm or a stored contract:
 * a deploy's `Transfer` session; a deploy calling `StoredContractByHash` at the chainspec's
 * `auctionContractHash` (when it has one); a TransactionV1 with the `Native` target (entry points
 * `Transfer` and `Burn` in the mint lane, the others in the auction lane, casper-node
 * `meta_transaction/lane_id.rs`).
 *
 * @example
 * ```ts
 * nativeCallOf(item, devnetChainspec(state))?.entryPoint // 'Transfer'
 * ```
 */
export function nativeCallOf(item: DevnetItem, chainspec: Chainspec): NativeCall | undefined {
  if (item.kind === 'deploy') {
    const [variant, body] = Object.entries(item.json.session)[0] ?? []
    if (variant === 'Transfer' && body) {
      return { system: 'mint', entryPoint: 'Transfer', args: body.args, viaDeploy: false }
    }
    const auction = chainspec.auctionContractHash?.toLowerCase()
    if (variant === 'StoredContractByHash' && body && auction !== undefined) {
      const hash = String(body.hash)
        .toLowerCase()
        .replace(/^hash-/, '')
      const entryPoint = auctionEntryPoints[String(body.entry_point)]
      if (hash === auction) {
        return {
          system: 'auction',
          entryPoint: entryPoint ?? String(body.entry_point),
          args: body.args,
          viaDeploy: true,
        }
      }
    }
    return undefined
  }
  const fields = (
    item.json.payload as unknown as {
      fields: { args?: { Named?: NamedArgJson[] }; target?: unknown; entry_point?: unknown }
    }
  ).fields
  if (fields.target !== 'Native') return undefined
  const entryPoint = typeof fields.entry_point === 'string' ? fields.entry_point : 'Custom'
  return {
    system: entryPoint === 'Transfer' || entryPoint === 'Burn' ? 'mint' : 'auction',
    entryPoint,
    args: fields.args?.Named ?? [],
    viaDeploy: false,
  }
}

/** The gas a native call costs (`[system_costs]`); `undefined` for entry points without one. */
export function nativeCallCost(call: NativeCall, chainspec: Chainspec): bigint | undefined {
  const costs = chainspec.systemCosts
  switch (call.entryPoint) {
    case 'Transfer':
      return costs.transfer
    case 'Delegate':
      return costs.delegate
    case 'Undelegate':
      return costs.undelegate
    case 'Redelegate':
      return costs.redelegate
    case 'AddBid':
      return costs.addBid
    case 'WithdrawBid':
      return costs.withdrawBid
    case 'ActivateBid':
      return costs.activateBid
    default:
      return undefined
  }
}

/** What executing a native call needs beside the state. */
export type NativeContext = {
  state: DevnetState
  chainspec: Chainspec
  /** The paying account (the caller). */
  caller: DevnetAccount
  /** Motes held for the payment while the call runs: not available to it. */
  held: bigint
}

class CallFailure {
  constructor(readonly message: string) {}
}

/**
 * Runs a native call on the devnet's state: moves balances, records delegations. On failure
 * nothing is changed. The charge is the caller's business (taken after, as the node does).
 *
 * @example
 * ```ts
 * const outcome = executeNative(call, { state, chainspec, caller, held: 100_000_000n })
 * outcome.errorMessage // null, or e.g. 'Insufficient funds'
 * ```
 */
export function executeNative(call: NativeCall, context: NativeContext): NativeOutcome {
  try {
    if (call.system === 'mint' && call.entryPoint === 'Transfer') {
      return { errorMessage: null, transfers: [transfer(call, context)] }
    }
    if (
      call.entryPoint === 'Delegate' ||
      call.entryPoint === 'Undelegate' ||
      call.entryPoint === 'Redelegate'
    ) {
      delegation(call, context)
      return { errorMessage: null, transfers: [] }
    }
    return {
      errorMessage: `Unsupported by the casper-multisig devnet: the native entry point ${call.entryPoint} is not executed`,
      transfers: [],
    }
  } catch (error) {
    if (error instanceof CallFailure) return { errorMessage: error.message, transfers: [] }
    throw error
  }
}

// storage `system/transfer.rs` `TransferError` Display texts.
const missingArgument = () => new CallFailure('Missing argument')
const invalidArgument = () => new CallFailure('Invalid argument')

/** storage `system/transfer.rs` `TransferRuntimeArgsBuilder` on the devnet's purses, then the mint's transfer. */
function transfer(call: NativeCall, context: NativeContext): DevnetTransfer {
  const { state, caller } = context
  const amountArg = argOf(call.args, 'amount')
  if (!amountArg) throw missingArgument()
  const amount = amountOf(amountArg)
  if (amount === undefined) throw invalidArgument()
  // transfer.rs: "Attempt to transfer amount 0".
  if (amount === 0n) throw new CallFailure('Attempt to transfer amount 0')
  const sourceArg = argOf(call.args, 'source')
  if (sourceArg) {
    const source = urefOf(sourceArg, true)
    if (source === undefined) throw invalidArgument()
    // The devnet models one purse per account, its main purse; another purse is not the caller's
    // (transfer.rs `ForgedReference`).
    if (source !== null && source.address !== purseAddress(caller.account.accountHash)) {
      throw new CallFailure(`Forged reference: uref-${source.address}-${source.rights}`)
    }
  }
  const targetArg = argOf(call.args, 'target')
  if (!targetArg) throw missingArgument()
  const to = targetOf(targetArg, state)
  const idArg = argOf(call.args, 'id')
  const id = idArg ? idOf(idArg) : null
  if (id === undefined) throw invalidArgument()
  // mint `transfer`: the source's available balance (total less the payment's hold) must cover it;
  // types `system/mint/error.rs` Display "Insufficient funds".
  if (caller.balance - context.held < amount) throw new CallFailure('Insufficient funds')
  // A transfer to an account that does not exist creates it (transfer.rs
  // `TransferTargetMode::CreateAccount`), with the amount as its balance.
  state.accounts[to.accountHash] ??= {
    publicKey: to.publicKey ?? '',
    account: createAccountModel(to.accountHash),
    mainPurse: `uref-${purseAddress(to.accountHash)}-007`,
    balance: 0n,
  }
  const target = state.accounts[to.accountHash]!
  caller.balance -= amount
  target.balance += amount
  return {
    from: caller.account.accountHash,
    to: to.accountHash,
    source: caller.mainPurse,
    target: target.mainPurse,
    amount,
    id,
  }
}

/** storage `system/auction.rs` `delegate` / `undelegate` / `redelegate` against the devnet's one validator. */
function delegation(call: NativeCall, context: NativeContext): void {
  const { state, caller, chainspec } = context
  const auctionError = (name: string) => new CallFailure(apiError(64_512 + auctionErrorCodes[name]!).message)
  const required = (name: string) => {
    const arg = argOf(call.args, name)
    if (!arg) throw new CallFailure(apiError(2).message)
    return arg
  }
  const delegator = publicKeyOf(required('delegator'))
  const validator = publicKeyOf(required('validator'))
  const amount = u512Of(required('amount'))
  const newValidator = call.entryPoint === 'Redelegate' ? publicKeyOf(required('new_validator')) : undefined
  if (
    delegator === undefined ||
    validator === undefined ||
    amount === undefined ||
    (newValidator === undefined && call.entryPoint === 'Redelegate')
  ) {
    throw new CallFailure(apiError(3).message)
  }
  // auction.rs: the delegator must be the caller's own account ("Invalid context").
  if (accountHashFromPublicKey(delegator) !== caller.account.accountHash) throw auctionError('InvalidContext')
  const known = devnetValidatorOf(state.chainName)
  state.delegations ??= []
  const delegations = state.delegations
  const find = (of: string) => delegations.find((d) => d.delegator === delegator && d.validator === of)
  if (call.entryPoint === 'Delegate') {
    if (validator !== known) throw auctionError('ValidatorNotFound')
    // auction/detail.rs: every delegation at least the minimum delegation amount.
    const existing = find(validator)
    if (
      (existing?.amount ?? 0n) + amount < chainspec.minimumDelegationAmount ||
      amount < chainspec.minimumDelegationAmount
    ) {
      throw auctionError('DelegationAmountTooSmall')
    }
    // auction/detail.rs: the mint's error is passed on (`ApiError::from(mint_error)`), here
    // `InsufficientFunds` (mint error 0).
    if (caller.balance - context.held < amount) throw new CallFailure(apiError(65_024).message)
    caller.balance -= amount
    if (existing) existing.amount += amount
    else delegations.push({ delegator, validator, amount })
    return
  }
  const existing = find(validator)
  if (!existing) throw auctionError('DelegatorNotFound')
  if (amount > existing.amount) throw auctionError('UnbondTooLarge')
  if (newValidator !== undefined && newValidator !== known) throw auctionError('ValidatorNotFound')
  existing.amount -= amount
  if (existing.amount === 0n) delegations.splice(delegations.indexOf(existing), 1)
  if (newValidator === undefined) {
    // The devnet pays an undelegation back at once (the node after the unbonding delay).
    caller.balance += amount
    return
  }
  const moved = find(newValidator)
  if (moved) moved.amount += amount
  else delegations.push({ delegator, validator: newValidator, amount })
}

/** casper-types `system/auction/error.rs` discriminants of the errors the devnet's auction returns. */
const auctionErrorCodes: Readonly<Record<string, number>> = {
  ValidatorNotFound: 7,
  DelegatorNotFound: 8,
  InvalidContext: 14,
  UnbondTooLarge: 20,
  DelegationAmountTooSmall: 45,
}

type Arg = { type: string; bytes: Uint8Array }

function argOf(args: readonly NamedArgJson[], name: string): Arg | undefined {
  const found = args.find((arg) => arg[0] === name)
  if (!found) return undefined
  try {
    return { type: JSON.stringify(found[1].cl_type), bytes: hexToBytes(found[1].bytes) }
  } catch {
    return { type: JSON.stringify(found[1].cl_type), bytes: new Uint8Array([0xff]) }
  }
}

function u512Of(arg: Arg): bigint | undefined {
  if (arg.type !== '"U512"') return undefined
  const length = arg.bytes[0]
  if (length === undefined || length > 64 || arg.bytes.length !== 1 + length) return undefined
  return decodeU512(arg.bytes)
}

function u64Of(bytes: Uint8Array): bigint | undefined {
  if (bytes.length !== 8) return undefined
  let value = 0n
  for (let i = 7; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] ?? 0)
  return value
}

/** transfer.rs: `amount` as U512, or U64. */
function amountOf(arg: Arg): bigint | undefined {
  return arg.type === '"U64"' ? u64Of(arg.bytes) : u512Of(arg)
}

/** `id`: `Option<U64>` (deploys also take a bare U64); `null` for `None`. */
function idOf(arg: Arg): bigint | null | undefined {
  if (arg.type === '"U64"') return u64Of(arg.bytes)
  if (arg.type !== '{"Option":"U64"}') return undefined
  if (arg.bytes.length === 1 && arg.bytes[0] === 0) return null
  return arg.bytes[0] === 1 ? u64Of(arg.bytes.subarray(1)) : undefined
}

function publicKeyOf(arg: Arg): string | undefined {
  if (arg.type !== '"PublicKey"') return undefined
  try {
    const key = publicKeyCoder.decode(arg.bytes)
    return key.startsWith('00') ? undefined : key
  } catch {
    return undefined
  }
}

/** A URef (or `Option<URef>` when `optional`): address and access rights (3 octal digits); `null` for `None`. */
function urefOf(arg: Arg, optional: boolean): { address: string; rights: string } | null | undefined {
  let bytes = arg.bytes
  if (optional && arg.type === '{"Option":"URef"}') {
    if (bytes.length === 1 && bytes[0] === 0) return null
    if (bytes[0] !== 1) return undefined
    bytes = bytes.subarray(1)
  } else if (arg.type !== '"URef"') {
    return undefined
  }
  if (bytes.length !== 33) return undefined
  return {
    address: bytesToHex(bytes.subarray(0, 32)),
    rights: (bytes[32] ?? 0).toString(8).padStart(3, '0'),
  }
}

/**
 * transfer.rs `resolve_transfer_target_mode`: a PublicKey or an account hash (ByteArray(32), or a
 * Key of the Account variant) names an account, created when missing; a URef must be an existing
 * purse (here: an account's main purse).
 */
function targetOf(arg: Arg, state: DevnetState): { accountHash: AccountHashHex; publicKey?: string } {
  if (arg.type === '"PublicKey"') {
    const key = publicKeyOf(arg)
    if (key === undefined) throw invalidArgument()
    return { accountHash: accountHashFromPublicKey(key), publicKey: key }
  }
  if (arg.type === '{"ByteArray":32}' && arg.bytes.length === 32) {
    return { accountHash: bytesToHex(arg.bytes) as AccountHashHex }
  }
  if (arg.type === '"Key"') {
    if (arg.bytes.length === 33 && arg.bytes[0] === 0) {
      return { accountHash: bytesToHex(arg.bytes.subarray(1)) as AccountHashHex }
    }
    // transfer.rs `UnexpectedKeyVariant`: only Account keys.
    throw invalidArgument()
  }
  if (arg.type === '"URef"') {
    const uref = urefOf(arg, false)
    const owner = Object.values(state.accounts).find(
      (entry) => uref && entry.mainPurse.slice(5, 69) === uref.address,
    )
    // transfer.rs: a URef target must be a purse that exists.
    if (!owner) throw new CallFailure('Invalid purse')
    return { accountHash: owner.account.accountHash }
  }
  throw invalidArgument()
}
