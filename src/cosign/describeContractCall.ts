// A call of a stored contract or package, as a co-signer must read it: the target in full, the entry
// point, and what casper-multisig cannot say (what the contract's code does).
import { clTypeText } from '../codec/clType.js'
import { clValueText } from '../codec/clValueText.js'
import type { ExecutableItem, InvocationTarget, NamedArg } from '../codec/layouts.js'
import { bytesToHex } from '../encoding/hex.js'

/**
 * A stored contract call. `by` says how the target is named: `hash` a contract hash (a deploy's
 * `StoredContractByHash`, a transaction's `ByHash` invocable entity), `name` a named key of the
 * account (`StoredContractByName`, `ByName` alias), `packageHash` a contract package hash
 * (`StoredVersionedContractByHash`, `ByPackageHash`), `packageName` a named key holding a package.
 */
export type ContractCallDescription = {
  kind: 'stored'
  by: 'hash' | 'name' | 'packageHash' | 'packageName'
  /** The hash (hex), or the named key. */
  target: string
  /** A package's contract version; undefined: the newest enabled version when the call runs. */
  version?: number | undefined
  /** A transaction's package call: the protocol major version the contract version belongs to. */
  protocolVersionMajor?: number | undefined
  entryPoint: string
}

/** The stored call a deploy's session makes; undefined for Wasm and transfers. */
export function deployContractCall(item: ExecutableItem): ContractCallDescription | undefined {
  const entryPoint = 'entry_point' in item.data ? item.data.entry_point : ''
  switch (item.TAG) {
    case 'StoredContractByHash':
      return { kind: 'stored', by: 'hash', target: bytesToHex(item.data.hash), entryPoint }
    case 'StoredContractByName':
      return { kind: 'stored', by: 'name', target: item.data.name, entryPoint }
    case 'StoredVersionedContractByHash':
      return {
        kind: 'stored',
        by: 'packageHash',
        target: bytesToHex(item.data.hash),
        version: item.data.version,
        entryPoint,
      }
    case 'StoredVersionedContractByName':
      return {
        kind: 'stored',
        by: 'packageName',
        target: item.data.name,
        version: item.data.version,
        entryPoint,
      }
    default:
      return undefined
  }
}

/** The stored call a TransactionV1's `Stored` target makes (casper-types 2.x `TransactionInvocationTarget`). */
export function transactionContractCall(id: InvocationTarget, entryPoint: string): ContractCallDescription {
  switch (id.TAG) {
    case 'ByHash':
      return { kind: 'stored', by: 'hash', target: bytesToHex(id.data[0]), entryPoint }
    case 'ByName':
      return { kind: 'stored', by: 'name', target: id.data[0], entryPoint }
    default: {
      const [target, version, protocolVersionMajor] = id.data
      return {
        kind: 'stored',
        by: id.TAG === 'ByPackageHash' ? 'packageHash' : 'packageName',
        target: typeof target === 'string' ? target : bytesToHex(target),
        version,
        protocolVersionMajor,
        entryPoint,
      }
    }
  }
}

/**
 * What a co-signer must be told of a contract call: that the contract's code decides what it does
 * with the account's authority; which named key is resolved when it runs, for a call by name; that
 * a package call without a version runs the newest enabled version. Every arg must be shown in
 * full, else it is a reason not to sign; so is a transaction's named entry point on a stored target
 * (casper-node `meta_transaction_v1.rs` `is_body_metadata_valid`: `EntryPointMustBeCustom`).
 *
 * @example
 * ```ts
 * contractCallNotes(call, args, true).warnings[0] // "The contract's code decides …"
 * ```
 */
export function contractCallNotes(
  call: ContractCallDescription,
  args: readonly NamedArg[],
  customEntryPoint: boolean,
): { doNotSign: string[]; warnings: string[] } {
  const doNotSign: string[] = []
  const warnings = [
    "The contract's code decides what this call does with the account's authority (its purses, its named keys, calls to other contracts): casper-multisig shows the call in full, not what the contract does.",
  ]
  if (!customEntryPoint)
    doNotSign.push(
      `a stored target called with the named entry point ${call.entryPoint}: the node refuses it (EntryPointMustBeCustom)`,
    )
  if (call.by === 'name' || call.by === 'packageName')
    warnings.push(
      `The ${call.by === 'name' ? 'contract' : 'contract package'} is found by the name ${JSON.stringify(call.target)} in the account's named keys when the call runs: whatever that named key holds then is called.`,
    )
  if ((call.by === 'packageHash' || call.by === 'packageName') && call.version === undefined)
    warnings.push(
      "No contract version is given: the package's newest enabled version when the call runs is called.",
    )
  const unreadable = unreadableArgs(args)
  if (unreadable) doNotSign.push(unreadable)
  return { doNotSign, warnings }
}

/**
 * The args whose value cannot be shown in full (bytes that are not one value of their CLType, `Any`),
 * as a reason not to sign; undefined when every arg reads.
 *
 * @example
 * ```ts
 * unreadableArgs([{ name: 'x', clType: 'Any', bytes: Uint8Array.of(1) }]) // 'arg "x" (Any) cannot be shown in full'
 * ```
 */
export function unreadableArgs(args: readonly NamedArg[]): string | undefined {
  const unreadable = args.filter((a) => clValueText(a.clType, a.bytes) === undefined)
  return unreadable.length === 0
    ? undefined
    : `${unreadable.map((a) => `arg ${JSON.stringify(a.name)} (${clTypeText(a.clType)})`).join(', ')} cannot be shown in full`
}
