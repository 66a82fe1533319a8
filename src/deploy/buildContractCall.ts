// Builds an unsigned call of a stored contract or package from an account: a TransactionV1 or a deploy.
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { laneArgsLength } from '../chainspec/laneArgsLength.js'
import { selectLane } from '../chainspec/selectLane.js'
import type { ExecutableItem, InvocationTarget, NamedArg, Runtime } from '../codec/layouts.js'
import { runtimeArgs } from '../codec/layouts.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import { argJson, type BuiltSpending, type SpendingParameters, writeSpendingFile } from './buildSpending.js'
import type { DeployJson } from './DeployJson.js'

/**
 * Which stored code to call: a contract by its hash or by a named key of the account, or a
 * contract package by its hash or named key, at a contract `version` (default: the newest enabled
 * one when the call runs). Hashes are 64 hex digits, with or without a `hash-`, `contract-`,
 * `package-` or `contract-package-` prefix.
 */
export type ContractCallTarget =
  | { contractHash: string }
  | { contractName: string }
  | { packageHash: string; version?: number | undefined }
  | { packageName: string; version?: number | undefined }

/** Parameters of {@link buildContractCall}. */
export type BuildContractCallParameters = SpendingParameters & {
  target: ContractCallTarget
  /** The entry point to call. */
  entryPoint: string
  /** The args, each with its CLType and bytes (`parseSessionArg` reads casper-client's `name:type='value'`). */
  args?: readonly NamedArg[] | undefined
  /**
   * The payment limit in motes: required, as no system cost says what a contract's code consumes.
   * At least the chainspec's `baselineMotesAmount` (2.5 CSPR on mainnet), which a 2.x node
   * requires of any call that is not native.
   */
  paymentAmount: bigint
}

/**
 * An unsigned call of `entryPoint` on a stored contract or package, from `account`, with `args` as
 * given. A TransactionV1 (default; Stored target, `VmCasperV1` runtime, a `Custom` entry point as
 * casper-node requires of stored targets, `meta_transaction_v1.rs`) or with `kind: 'deploy'` a deploy
 * (`StoredContractByHash`, `StoredContractByName`, `StoredVersionedContractByHash`,
 * `StoredVersionedContractByName`), each with standard payment of `paymentAmount`. What the
 * contract consumes is unknown until it runs: `expectedChargeMotes` is what it is charged when it
 * consumes the whole limit (the most); a 2.x node refunds 75% of what it leaves (`refund_handling`),
 * and a failed call is charged the whole limit. With `accountKeys`, `signers` says which keys must
 * sign (the deployment threshold).
 *
 * @throws {DeployError} `MissingPaymentAmount`, `PaymentBelowMinimum`, `InvalidContractTarget`,
 *   `InvalidEntryPoint`, `DuplicateArg`, `NoLane`, `InvalidPublicKey`, `TtlTooLong`, `InvalidHeader`.
 * @example
 * ```ts
 * import { buildContractCall, casperMainnet, parseSessionArg } from 'casper-multisig'
 * const built = buildContractCall({
 *   account: '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c',
 *   chainName: 'casper',
 *   chainspec: casperMainnet,
 *   target: { packageHash: 'hash-' + 'ab'.repeat(32) },
 *   entryPoint: 'transfer',
 *   args: [parseSessionArg("amount:u256='1000'")],
 *   paymentAmount: 3_000_000_000n,
 * })
 * built.paymentMotes // 3000000000n
 * ```
 */
export function buildContractCall(parameters: BuildContractCallParameters): BuiltSpending {
  const chainspec = parameters.chainspec ?? casperMainnet
  const payment = checkedPayment(parameters.paymentAmount, chainspec.baselineMotesAmount)
  const entryPoint = parameters.entryPoint
  if (typeof entryPoint !== 'string' || entryPoint === '' || /[\p{Cc}\p{Cf}]/u.test(entryPoint))
    throw new DeployError('Invalid entry point', {
      code: 'InvalidEntryPoint',
      details: {
        expected: 'the entry point name, without control or invisible characters',
        got: String(entryPoint),
      },
    })
  const args = [...(parameters.args ?? [])]
  const names = new Set<string>()
  for (const arg of args) {
    if (names.has(arg.name))
      throw new DeployError('An arg is given twice', {
        code: 'DuplicateArg',
        details: { name: arg.name },
        remedy: 'The node reads args by name: give each once.',
      })
    names.add(arg.name)
  }
  const kind = parameters.kind ?? 'transaction'
  // The Wasm lanes take stored calls too (casper-types `transaction.rs`): one must hold its gas
  // limit and args (the whole file's length the node checks when it arrives).
  const argsLength = laneArgsLength(runtimeArgs.encode(args).length, payment, chainspec)
  if (!selectLane(chainspec, { gasLimit: payment, transactionLength: 0, argsLength }))
    throw new DeployError('No lane of the network takes this call', {
      code: 'NoLane',
      details: { paymentAmount: payment, argsLength },
      remedy:
        'Lower the payment amount or shorten the args: every lane of the chainspec has a smaller gas limit or args length.',
    })
  const target = checkedTarget(parameters.target)
  // The most it is charged: its whole limit, when it consumes it or fails; less when it leaves some,
  // of which a 2.x node refunds 75% (`refund_handling`). What its code consumes is not known here.
  const charge = payment
  if (kind === 'transaction') {
    const runtime: Runtime = { TAG: 'VmCasperV1', data: [] }
    return writeSpendingFile(parameters, {
      kind: 'transaction',
      args,
      target: { TAG: 'Stored', data: [target.id, runtime] },
      targetJson: { Stored: { id: target.idJson, runtime: 'VmCasperV1' } },
      entryPoint: { TAG: 'Custom', data: [entryPoint] },
      entryPointJson: { Custom: entryPoint },
      paymentMotes: payment,
      chargeMotes: charge,
    })
  }
  const { session, sessionJson } = deploySession(target, entryPoint, args)
  return writeSpendingFile(parameters, {
    kind: 'deploy',
    session,
    sessionJson,
    paymentMotes: payment,
    chargeMotes: charge,
  })
}

type CheckedTarget = { id: InvocationTarget; idJson: unknown }

function checkedPayment(amount: bigint | undefined, floor: bigint): bigint {
  if (amount === undefined)
    throw new DeployError('No payment amount', {
      code: 'MissingPaymentAmount',
      details: { expected: 'motes as a bigint, at least the baseline', baseline: floor },
      remedy:
        'A contract call has no system cost to pay: give paymentAmount (--payment-amount), what its code may consume. A 2.x node keeps a quarter of what it leaves unused, and a failed call is charged all of it.',
    })
  if (typeof amount !== 'bigint' || amount < 0n || amount >= 1n << 64n)
    throw new DeployError('Invalid payment amount', {
      code: 'InvalidAmount',
      details: { expected: 'motes as a bigint from 0 to 2^64 - 1', got: String(amount) },
    })
  if (amount < floor)
    throw new DeployError('The payment is below the network minimum', {
      code: 'PaymentBelowMinimum',
      details: { paymentAmount: amount, minimum: floor, field: 'baseline_motes_amount' },
      remedy: `A 2.x node refuses a contract call paying less than ${floor} motes (InvalidPaymentAmount).`,
    })
  return amount
}

function checkedTarget(target: ContractCallTarget): CheckedTarget {
  const t = (target ?? {}) as Record<string, unknown>
  const given = ['contractHash', 'contractName', 'packageHash', 'packageName'].filter(
    (k) => t[k] !== undefined,
  )
  const invalid = (reason: string) =>
    new DeployError('Invalid contract target', {
      code: 'InvalidContractTarget',
      details: { reason, got: JSON.stringify(target) },
      remedy:
        'Give exactly one of contractHash, contractName, packageHash (with an optional version) or packageName.',
    })
  if (given.length !== 1) throw invalid(given.length === 0 ? 'no target' : `${given.join(' and ')} given`)
  const key = given[0]!
  const value = t[key]
  const version = t.version
  if (version !== undefined && (key === 'contractHash' || key === 'contractName'))
    throw invalid('a version is given for a contract, not a package')
  if (
    version !== undefined &&
    (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > 0xffff_ffff)
  )
    throw invalid('the version is not an integer from 1 to 2^32 - 1')
  if (typeof value !== 'string') throw invalid(`${key} is not a string`)
  if (key === 'contractHash' || key === 'packageHash') {
    const hex = value.trim().replace(/^(hash-|contract-package-|contract-|package-)/, '')
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw invalid(`${key} is not 64 hex digits`)
    const bytes = hexToBytes(hex)
    const lower = bytesToHex(bytes)
    return key === 'contractHash'
      ? { id: { TAG: 'ByHash', data: [bytes] }, idJson: { ByHash: lower } }
      : {
          id: { TAG: 'ByPackageHash', data: [bytes, version as number | undefined] },
          idJson: { ByPackageHash: { addr: lower, version: version ?? null } },
        }
  }
  if (value === '' || /[\p{Cc}\p{Cf}]/u.test(value))
    throw invalid(`${key} is empty or holds control or invisible characters`)
  return key === 'contractName'
    ? { id: { TAG: 'ByName', data: [value] }, idJson: { ByName: value } }
    : {
        id: { TAG: 'ByPackageName', data: [value, version as number | undefined] },
        idJson: { ByPackageName: { name: value, version: version ?? null } },
      }
}

/** The deploy session of a target (casper-types `executable_deploy_item.rs`), and its JSON. */
function deploySession(
  target: CheckedTarget,
  entryPoint: string,
  args: NamedArg[],
): { session: ExecutableItem; sessionJson: DeployJson['session'] } {
  const id = target.id
  const argsJson = args.map(argJson)
  switch (id.TAG) {
    case 'ByHash': {
      const hash = bytesToHex(id.data[0])
      return {
        session: { TAG: 'StoredContractByHash', data: { hash: id.data[0], entry_point: entryPoint, args } },
        sessionJson: { StoredContractByHash: { hash, entry_point: entryPoint, args: argsJson } },
      }
    }
    case 'ByName':
      return {
        session: { TAG: 'StoredContractByName', data: { name: id.data[0], entry_point: entryPoint, args } },
        sessionJson: { StoredContractByName: { name: id.data[0], entry_point: entryPoint, args: argsJson } },
      }
    case 'ByPackageHash': {
      const [hash, version] = id.data
      return {
        session: {
          TAG: 'StoredVersionedContractByHash',
          data: { hash, version, entry_point: entryPoint, args },
        },
        sessionJson: {
          StoredVersionedContractByHash: {
            hash: bytesToHex(hash),
            version: version ?? null,
            entry_point: entryPoint,
            args: argsJson,
          },
        },
      }
    }
    case 'ByPackageName': {
      const [name, version] = id.data
      return {
        session: {
          TAG: 'StoredVersionedContractByName',
          data: { name, version, entry_point: entryPoint, args },
        },
        sessionJson: {
          StoredVersionedContractByName: {
            name,
            version: version ?? null,
            entry_point: entryPoint,
            args: argsJson,
          },
        },
      }
    }
  }
}
