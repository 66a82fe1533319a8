// What a native transfer or a delegation moves, read from its args as the node reads them.
import { accountHashFromPublicKey } from '../account/accountHash.js'
import type { ClType } from '../codec/clType.js'
import { clTypeText } from '../codec/clType.js'
import { clValueText } from '../codec/clValueText.js'
import type { NamedArg } from '../codec/layouts.js'
import { formatCspr } from '../text/formatCspr.js'
import type { CosignNetwork } from './cosignNetwork.js'

/** Who receives a transfer: a public key (and its account), an account hash, or a purse. */
export type TransferTarget =
  | { kind: 'publicKey'; publicKey: string; accountHash: string }
  | { kind: 'accountHash'; accountHash: string }
  | { kind: 'purse'; uref: string }

/** A native transfer, every arg read: the motes, the target, the source purse and the id. */
export type TransferDescription = {
  kind: 'transfer'
  entryPoint: string
  amount: bigint
  target: TransferTarget
  /** The purse it is taken from (`uref-…`); undefined: the account's main purse. */
  source?: string | undefined
  /** The transfer id; undefined when the file has none. */
  id?: bigint | undefined
}

/** A delegation, undelegation or redelegation, every arg read. */
export type DelegationDescription = {
  kind: 'auction'
  entryPoint: 'delegate' | 'undelegate' | 'redelegate'
  /** Tagged public key hex of the delegator (the account itself). */
  delegator: string
  validator: string
  /** Redelegate: the validator the stake moves to. */
  newValidator?: string | undefined
  amount: bigint
  /** A deploy: the auction contract it calls (hex). */
  contract?: string | undefined
}

/** What {@link describeSpending} returns: the call explained, or why it cannot be. */
export type SpendingReading<T> = {
  call?: T | undefined
  /** Reasons not to sign. */
  doNotSign: string[]
  warnings: string[]
  /**
   * The gas the call costs on the network (its system cost): a native transaction pays exactly
   * this. Undefined when the network's chainspec does not state it.
   */
  costMotes: bigint | undefined
}

/** The CLTypes the node accepts for each arg, by name. */
export type Expected = Readonly<Record<string, readonly ClType[]>>

/**
 * Reads a native transfer's args as the node does (casper-node `arg_handling.rs`
 * `has_valid_transfer_args` for a TransactionV1; `TransferRuntimeArgsBuilder` in
 * `storage/src/system/transfer.rs` for a deploy): `amount` U512 at least
 * `native_transfer_minimum_motes`, `target` a PublicKey, a 32-byte account hash or a URef (a deploy
 * also a Key::Account), optional `source` URef and `id` Option<U64>. Anything else is not
 * explained, so DO NOT SIGN.
 *
 * @example
 * ```ts
 * describeTransfer(args, 'transaction', mainnet).call?.amount
 * ```
 */
export function describeTransfer(
  args: readonly NamedArg[],
  fileKind: 'deploy' | 'transaction',
  network: CosignNetwork,
  entryPoint = 'transfer',
): SpendingReading<TransferDescription> {
  const expected: Expected = {
    amount: ['U512'],
    target:
      fileKind === 'deploy'
        ? ['PublicKey', { ByteArray: 32 }, 'URef', 'Key']
        : ['PublicKey', { ByteArray: 32 }, 'URef'],
    source: fileKind === 'deploy' ? ['URef', { Option: 'URef' }] : ['URef'],
    id: [{ Option: 'U64' }],
  }
  const read = readArgs(args, expected, ['amount', 'target'], 'the transfer')
  const reading: SpendingReading<TransferDescription> = {
    doNotSign: read.doNotSign,
    warnings: [],
    costMotes: network.systemCosts.transfer,
  }
  if (read.doNotSign.length > 0) return reading
  const amount = BigInt(read.values.amount!.text)
  const target = transferTarget(read.values.target!)
  if (!target) {
    reading.doNotSign.push(
      `the transfer's target ${read.values.target!.text} is a Key other than an account: the node refuses it`,
    )
    return reading
  }
  if (amount < network.nativeTransferMinimumMotes)
    reading.doNotSign.push(
      `the transfer of ${formatCspr(amount)} CSPR is below the network's minimum of ${formatCspr(network.nativeTransferMinimumMotes)} CSPR (native_transfer_minimum_motes): the node refuses it`,
    )
  const source = read.values.source?.text.replace(/^Some\((.*)\)$/, '$1')
  const idText = read.values.id?.text
  const id = idText === undefined || idText === 'None' ? undefined : BigInt(idText.slice(5, -1))
  if (target.kind === 'purse')
    reading.warnings.push(
      `The target is the purse ${target.uref}: whoever holds that purse receives the motes; casper-multisig cannot tell whose it is.`,
    )
  if (id === undefined)
    reading.warnings.push('The transfer has no id: a Ledger device refuses to sign a transfer without one.')
  reading.call = {
    kind: 'transfer',
    entryPoint,
    amount,
    target,
    source: source === 'None' ? undefined : source,
    id,
  }
  return reading
}

/**
 * Reads a delegation as the auction does (casper-node `arg_handling.rs`
 * `has_valid_delegate_args` / `undelegate` / `redelegate`; the auction's `call_host_auction`):
 * `delegator` and `validator` PublicKeys, `amount` U512, and for a redelegation `new_validator`.
 * The delegator must be the account itself (else the auction refuses it, `InvalidContext`), and a
 * delegation at least `minimum_delegation_amount`.
 *
 * @example
 * ```ts
 * describeDelegation(args, 'delegate', account, mainnet).call?.validator
 * ```
 */
export function describeDelegation(
  args: readonly NamedArg[],
  entryPoint: DelegationDescription['entryPoint'],
  account: { accountHash: string },
  network: CosignNetwork,
  contract?: string,
): SpendingReading<DelegationDescription> {
  const names = [
    'delegator',
    'validator',
    'amount',
    ...(entryPoint === 'redelegate' ? ['new_validator'] : []),
  ]
  const expected: Expected = Object.fromEntries(
    names.map((name) => [name, name === 'amount' ? ['U512'] : ['PublicKey']] as const),
  )
  const read = readArgs(args, expected, names, `the ${entryPoint}`)
  const reading: SpendingReading<DelegationDescription> = {
    doNotSign: read.doNotSign,
    warnings: [],
    costMotes: network.systemCosts[entryPoint],
  }
  if (read.doNotSign.length > 0) return reading
  const delegator = read.values.delegator!.text
  const amount = BigInt(read.values.amount!.text)
  if (accountHashFromPublicKey(delegator) !== account.accountHash)
    reading.doNotSign.push(
      `the delegator ${delegator} is not this account (account-hash-${account.accountHash}): the auction refuses it (InvalidContext) and the payment is charged`,
    )
  if (entryPoint !== 'undelegate' && amount < network.minimumDelegationAmount)
    reading.doNotSign.push(
      `the ${entryPoint} of ${formatCspr(amount)} CSPR is below the network's minimum delegation of ${formatCspr(network.minimumDelegationAmount)} CSPR: the auction refuses it`,
    )
  reading.call = {
    kind: 'auction',
    entryPoint,
    delegator,
    validator: read.values.validator!.text,
    newValidator: read.values.new_validator?.text,
    amount,
    contract,
  }
  return reading
}

/**
 * Each arg read against the types the node accepts for it: every arg known, of an accepted type,
 * readable in full, and the required ones present; else the reasons not to sign.
 *
 * @example
 * ```ts
 * readArgs(args, { amount: ['U512'] }, ['amount'], 'the burn').values.amount?.text
 * ```
 */
export function readArgs(
  args: readonly NamedArg[],
  expected: Expected,
  required: readonly string[],
  what: string,
): { values: Record<string, { type: ClType; text: string }>; doNotSign: string[] } {
  const values: Record<string, { type: ClType; text: string }> = {}
  const problems: string[] = []
  for (const arg of args) {
    const accepted = expected[arg.name]
    if (!accepted) {
      problems.push(`an arg ${arg.name} the node does not read for it`)
      continue
    }
    const type = clTypeText(arg.clType)
    if (!accepted.some((t) => clTypeText(t) === type)) {
      problems.push(`arg ${arg.name} is ${type}, expected ${accepted.map(clTypeText).join(' or ')}`)
      continue
    }
    if (arg.name in values) {
      problems.push(`arg ${arg.name} given twice`)
      continue
    }
    const text = clValueText(arg.clType, arg.bytes)
    if (text === undefined) problems.push(`arg ${arg.name} is not a readable ${type}`)
    // The system key (tag 00) is no account's key: nothing can be sent to or delegated by it.
    else if (type === 'PublicKey' && text === '00') problems.push(`arg ${arg.name} is the system public key`)
    else values[arg.name] = { type: arg.clType, text }
  }
  for (const name of required) if (!args.some((a) => a.name === name)) problems.push(`no ${name} arg`)
  return {
    values,
    doNotSign: problems.length > 0 ? [`${what} cannot be explained in full: ${problems.join('; ')}`] : [],
  }
}

function transferTarget(value: { type: ClType; text: string }): TransferTarget | undefined {
  switch (clTypeText(value.type)) {
    case 'PublicKey':
      return { kind: 'publicKey', publicKey: value.text, accountHash: accountHashFromPublicKey(value.text) }
    case 'ByteArray(32)':
      return { kind: 'accountHash', accountHash: value.text }
    case 'URef':
      return { kind: 'purse', uref: value.text }
    default:
      // A deploy's Key target: only Key::Account is a transfer target (TransferRuntimeArgsBuilder).
      return value.text.startsWith('account-hash-')
        ? { kind: 'accountHash', accountHash: value.text.slice('account-hash-'.length) }
        : undefined
  }
}
