// Builds an unsigned native transfer of CSPR from an account: a TransactionV1 or a deploy.
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { hexToBytes } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import { checkedTimestamp } from './buildModuleBytesDeploy.js'
import {
  amountArg,
  type BuiltSpending,
  buildSpending,
  checkedPublicKey,
  publicKeyArg,
  type SpendingArg,
  type SpendingParameters,
} from './buildSpending.js'

/** Parameters of {@link buildTransfer}. */
export type BuildTransferParameters = SpendingParameters & {
  /** Motes to move: at least the chainspec's `nativeTransferMinimumMotes` (2.5 CSPR on mainnet). */
  amount: bigint
  /**
   * Who receives: a tagged public key hex (the `target` arg is a PublicKey), `account-hash-…` (a
   * 32-byte ByteArray) or a purse `uref-…-007` (a URef).
   */
  target: string
  /**
   * The transfer id (`id`, `Option<U64>`), which exchanges use to match deposits. Always written: a
   * Ledger refuses to sign a transfer without one. Default: the timestamp in milliseconds, so each
   * file made at another millisecond has its own id and the id can be read off the file.
   */
  id?: bigint | number | undefined
  /** The purse the motes leave (`source`, a URef `uref-…-007`); default the account's main purse. */
  source?: string | undefined
}

const maxU64 = (1n << 64n) - 1n

/**
 * An unsigned transfer of `amount` motes from `account` to `target`, with args as casper-node reads
 * them (`arg_handling.rs` `has_valid_transfer_args`): `amount` U512, `target` PublicKey,
 * ByteArray(32) or URef, `id` Option<U64> (always present), and `source` URef when given. A
 * TransactionV1 (Native target, entry point Transfer) pays exactly `systemCosts.transfer` (0.1 CSPR
 * on mainnet) and is charged all of it; a deploy (`kind: 'deploy'`) has a Transfer session and a
 * standard payment of the same cost. With `accountKeys`, `signers` says which keys must sign.
 *
 * @throws {DeployError} `AmountBelowMinimum` below `nativeTransferMinimumMotes`, `InvalidAmount`,
 *   `InvalidTarget`, `InvalidSource`, `InvalidTransferId`, `InvalidPublicKey` for the account,
 *   `TtlTooLong`, `InvalidHeader`.
 * @example
 * ```ts
 * import { buildTransfer, casperMainnet } from 'casper-multisig'
 * const built = buildTransfer({
 *   account: '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c',
 *   chainName: 'casper',
 *   chainspec: casperMainnet,
 *   target: '016e3725ffd940bddb56e692e6309c6c82d2def515421219ddfd1ea0952e52491a',
 *   amount: 10_000_000_000n,
 *   id: 42,
 * })
 * built.transaction?.Version1.hash // what every co-signer signs
 * built.paymentMotes // 100000000n: 0.1 CSPR, all of it charged
 * ```
 */
export function buildTransfer(parameters: BuildTransferParameters): BuiltSpending {
  const chainspec = parameters.chainspec ?? casperMainnet
  // One timestamp for the header and the default id.
  const timestamp = checkedTimestamp(parameters.timestamp)
  const args: SpendingArg[] = []
  if (parameters.source !== undefined) args.push(urefArg('source', parameters.source, 'InvalidSource'))
  args.push(targetArg(parameters.target))
  args.push(
    amountArg(parameters.amount, {
      motes: chainspec.nativeTransferMinimumMotes,
      field: 'native_transfer_minimum_motes',
      what: 'transfer',
    }),
  )
  args.push(idArg(parameters.id ?? timestamp.getTime()))
  return buildSpending({ ...parameters, timestamp }, 'Transfer', args)
}

/** The `target` arg: PublicKey, ByteArray(32) for `account-hash-…`, or URef for `uref-…`. */
function targetArg(target: string): SpendingArg {
  const text = target.trim()
  if (/^account-hash-/i.test(text)) {
    const hex = text.slice('account-hash-'.length)
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw invalidTarget(target)
    return { name: 'target', clType: { ByteArray: 32 }, bytes: hexToBytes(hex), parsed: hex.toLowerCase() }
  }
  if (/^uref-/i.test(text)) return urefArg('target', text, 'InvalidTarget')
  if (!/^0[12][0-9a-fA-F]+$/.test(text)) throw invalidTarget(target)
  try {
    return publicKeyArg('target', checkedPublicKey(text, 'target'))
  } catch (cause) {
    throw invalidTarget(target, cause)
  }
}

function invalidTarget(target: string, cause?: unknown): DeployError {
  return new DeployError('Invalid transfer target', {
    code: 'InvalidTarget',
    details: {
      expected:
        'a public key (01 + 64 hex digits, 02 + 66 hex digits), account-hash-<64 hex digits> or uref-<64 hex digits>-<access rights>',
      got: target,
    },
    remedy:
      "Give the recipient's public key (safest: the account it names is shown to co-signers), its account hash, or a purse URef.",
    cause,
  })
}

/** A URef arg from `uref-<64 hex>-<3 octal digits>` (casper-types `URef::from_formatted_str`). */
function urefArg(
  name: 'source' | 'target',
  text: string,
  code: 'InvalidSource' | 'InvalidTarget',
): SpendingArg {
  const match = /^uref-([0-9a-fA-F]{64})-([0-7]{3})$/.exec(text.trim())
  const rights = match ? Number.parseInt(match[2]!, 8) : -1
  if (!match || rights > 7) {
    if (code === 'InvalidTarget') throw invalidTarget(text)
    throw new DeployError('Invalid source purse', {
      code,
      details: { expected: 'uref-<64 hex digits>-<access rights, 000 to 007>', got: text },
    })
  }
  const bytes = new Uint8Array(33)
  bytes.set(hexToBytes(match[1]!))
  bytes[32] = rights
  const hex = match[1]!.toLowerCase()
  return { name, clType: 'URef', bytes, parsed: `uref-${hex}-${match[2]}` }
}

/** The `id` arg, `Some(id)` as an Option<U64>: tag 1, then the u64 little-endian. */
function idArg(id: bigint | number): SpendingArg {
  const value = typeof id === 'number' && Number.isSafeInteger(id) ? BigInt(id) : id
  if (typeof value !== 'bigint' || value < 0n || value > maxU64) {
    throw new DeployError('Invalid transfer id', {
      code: 'InvalidTransferId',
      details: { expected: 'an integer from 0 to 2^64 - 1', got: String(id) },
    })
  }
  const bytes = new Uint8Array(9)
  bytes[0] = 1
  new DataView(bytes.buffer).setBigUint64(1, value, true)
  // casper-node writes a u64 as a JSON number; one above 2^53 would round, so it is left out (`parsed` is not hashed).
  return {
    name: 'id',
    clType: { Option: 'U64' },
    bytes,
    parsed: value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined,
  }
}
