// What the Casper Ledger app will display for a file, from the app's parser rules, computed without a device.
import { blake2b } from '@noble/hashes/blake2b'
import { type NamedArg, runtimeArgs } from '../codec/layouts.js'
import { decodeU512 } from '../codec/u512.js'
import type { CosignDeploy, CosignFile, CosignTransaction } from '../cosign/CosignFile.js'
import { checkHashes } from '../cosign/hashes.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { checksummedHex, deviceAddress, deviceMotes, selfCasedHex } from './deviceText.js'
import { LedgerError } from './LedgerError.js'
import { ledgerMessage } from './ledgerMessage.js'

/** One item the app shows (a title and its value; a long value scrolls over several pages). */
export type LedgerScreen = { title: string; value: string }

/** What {@link ledgerScreens} returns. */
export type LedgerScreens = {
  /** `sign` (INS 0x02: the app parses and shows the content) or `signWasm` (INS 0x04: hashes only). */
  instruction: 'sign' | 'signWasm'
  /** The bytes sent after the path (with the 0x00 / 0x01 prefix for INS 0x02). */
  messageBytes: number
  /** The app's buffer this was planned for (16,384; 8,192 on a Nano S). */
  bufferBytes: number
  /** The items in the order the app shows them (its default mode; expert mode adds more). */
  screens: LedgerScreen[]
  /** False when the app shows further items for this kind of session that are not modelled here. */
  complete: boolean
  /** True when the device cannot show what the code does: only hashes of it (session Wasm, INS 0x04). */
  blind: boolean
  /** The app's refusal this file will meet (its message for status 0x6984), when the rules predict one. */
  refusal?: string | undefined
  /** The hashes to compare, lowercase hex in full (the screens show them in the app's letter case). */
  hashes: {
    /** The deploy or transaction hash: what is signed. */
    hash: string
    /** A deploy's body hash (blake2b of payment ++ session); with INS 0x04 the app does not check it. */
    bodyHash?: string | undefined
    /** blake2b-256 of the session's module bytes (the Wasm), when the session is Wasm. */
    wasmHash?: string | undefined
    /** blake2b-256 of the session's serialized args (u32 count, then each name and CLValue). */
    argsHash?: string | undefined
  }
}

/** Options of {@link ledgerScreens}. */
export type LedgerScreensOptions = {
  /** The app's buffer: 16,384 bytes (default), 8,192 on a Nano S (Zondax/ledger-casper `app/src/common/tx.c`). */
  bufferBytes?: number
}

/**
 * The items the Casper app (Zondax/ledger-casper 3.0.x, default mode) shows for `file`, with the
 * hashes in full, so a co-signer can compare every screen with what this library computes:
 *
 * - a deploy or TransactionV1 that fits the buffer goes through INS 0x02: "Txn hash", "Type",
 *   "Chain ID", "Account", then the payment and session items (`app/src/parser_impl_deploy.c`
 *   `_getItemDeploy`, `app/src/parser_special.c`, `app/src/parser_impl_transactionV1.c`
 *   `_getItemTxV1`). Session Wasm is shown as "Cntrct hash" (blake2b of the module bytes) and
 *   "Args hash" (blake2b of the serialized args); a TransactionV1 session with entry point `Call`
 *   shows no hash of its code at all, only the transaction hash;
 * - a larger deploy with Wasm goes through INS 0x04, which shows only "DeployHash" and "BodyHash"
 *   (`app/src/parser_wasm.c`), and does not check the body hash on the device: blind signing.
 *
 * Modelled: native transfers, session Wasm without an `auction` arg, standard and other payments;
 * TransactionV1 `Call`, `Custom` and `Transfer`. Other sessions (stored contracts, delegations
 * through the auction Wasm, other native entry points) list the items up to the payment and set
 * `complete: false`.
 *
 * @throws {CosignError} code `HashMismatch` when the content does not match its hash (the app refuses it).
 * @throws {LedgerError} code `TooLarge` when the file fits no instruction.
 * @example
 * ```ts
 * const { screens, hashes } = ledgerScreens(parseCosignFile(text))
 * for (const { title, value } of screens) console.log(`${title}: ${value}`)
 * ```
 */
export function ledgerScreens(file: CosignFile, options: LedgerScreensOptions = {}): LedgerScreens {
  checkHashes(file)
  const bufferBytes = options.bufferBytes ?? 16384
  const messageBytes = 1 + ledgerMessage(file).length
  return file.kind === 'deploy'
    ? deployScreens(file, messageBytes, bufferBytes)
    : transactionScreens(file, messageBytes, bufferBytes)
}

function deployScreens(file: CosignDeploy, messageBytes: number, bufferBytes: number): LedgerScreens {
  const session = file.session
  const hashes = {
    hash: file.hash,
    bodyHash: bytesToHex(file.header.body_hash),
    wasmHash: session.TAG === 'ModuleBytes' ? hashHex(session.data.module_bytes) : undefined,
    argsHash: hashHex(runtimeArgs.encode(session.data.args)),
  }
  if (messageBytes > bufferBytes) {
    tooLargeUnless(
      file.payment.TAG === 'ModuleBytes' && session.TAG === 'ModuleBytes',
      'a deploy whose session is not Wasm has no large-payload instruction',
      messageBytes,
      bufferBytes,
    )
    return {
      instruction: 'signWasm',
      messageBytes: messageBytes - 1,
      bufferBytes,
      screens: [
        { title: 'DeployHash', value: file.hash },
        { title: 'BodyHash', value: hashes.bodyHash },
      ],
      complete: true,
      blind: true,
      hashes,
    }
  }
  const hash = hexToBytes(file.hash)
  const args = session.data.args
  const screens: LedgerScreen[] = [
    { title: 'Txn hash', value: checksummedHex(hash) },
    { title: 'Type', value: deployType(file) },
    { title: 'Chain ID', value: file.header.chain_name },
    { title: 'Account', value: deviceAddress(hexToBytes(file.header.account)) },
  ]
  let refusal: string | undefined
  let complete = true
  // Payment: ModuleBytes only; exactly one `amount` U512 is "Fee", other args an "Args hash".
  if (file.payment.TAG !== 'ModuleBytes') refusal = 'Unexpected data type'
  else {
    const paymentArgs = file.payment.data.args
    const amount = paymentArgs.length === 1 ? arg(paymentArgs, 'amount') : undefined
    if (amount && amount.clType === 'U512') {
      screens.push({ title: 'Fee', value: deviceMotes(decodeU512(amount.bytes)) })
    } else if (paymentArgs.length === 0) refusal = 'Unexpected number of items'
    else screens.push({ title: 'Args hash', value: argsHashText('payment', paymentArgs) })
  }
  if (session.TAG === 'Transfer') {
    const shown = transferScreens(args)
    if (typeof shown === 'string') refusal ??= shown
    else screens.push(...shown)
  } else if (session.TAG === 'ModuleBytes' && !arg(args, 'auction')) {
    screens.push(
      { title: 'Execution', value: 'contract' },
      { title: 'Cntrct hash', value: checksummedHex(blake2b(session.data.module_bytes, { dkLen: 32 })) },
    )
    const amount = arg(args, 'amount')
    const newValidator = arg(args, 'new_validator')
    if (newValidator && newValidator.clType !== 'PublicKey') refusal ??= 'Unexpected data type'
    if (amount) {
      const motes = amountMotes(amount)
      if (motes === undefined) refusal ??= 'Unexpected data type'
      else screens.push({ title: 'Amount', value: deviceMotes(motes) })
    }
    screens.push({ title: 'Args hash', value: argsHashText('execution', args) })
  } else complete = false
  return {
    instruction: 'sign',
    messageBytes,
    bufferBytes,
    screens,
    complete,
    blind: session.TAG === 'ModuleBytes',
    refusal,
    hashes,
  }
}

/** The "Type" item of a deploy (`_getItemDeploy`, display index 1). */
function deployType(file: CosignDeploy): string {
  const session = file.session
  if (session.TAG === 'Transfer') return 'Token transfer'
  const entryPoint = 'entry_point' in session.data ? session.data.entry_point : undefined
  const special =
    session.TAG === 'ModuleBytes'
      ? auctionName(session.data.args)
      : entryPoint === 'delegate' || entryPoint === 'undelegate' || entryPoint === 'redelegate'
        ? entryPoint
        : undefined
  // A recognised delegation keeps its name only when its args are exactly the expected ones.
  if (special && delegationArgsRecognised(session.data.args, special === 'redelegate')) {
    return `${special[0]!.toUpperCase()}${special.slice(1)}`
  }
  return 'Contract execution'
}

function auctionName(args: NamedArg[]): string | undefined {
  const auction = arg(args, 'auction')
  if (auction?.clType !== 'String') return undefined
  const name = new TextDecoder().decode(auction.bytes.slice(4))
  return name === 'delegate' || name === 'undelegate' || name === 'redelegate' ? name : undefined
}

function delegationArgsRecognised(args: NamedArg[], redelegate: boolean): boolean {
  const amount = arg(args, 'amount')
  return (
    arg(args, 'delegator')?.clType === 'PublicKey' &&
    arg(args, 'validator')?.clType === 'PublicKey' &&
    (amount?.clType === 'U512' || amount?.clType === 'U32') &&
    (!redelegate || arg(args, 'new_validator')?.clType === 'PublicKey')
  )
}

/** A native transfer's items (`parser_special.c` `parseNativeTransfer`), or the app's refusal. */
function transferScreens(args: NamedArg[]): LedgerScreen[] | string {
  const amount = arg(args, 'amount')
  if (!amount) return 'RuntimArg not found'
  if (amount.clType !== 'U512') return 'Unexpected data type'
  const id = arg(args, 'id')
  const target = arg(args, 'target')
  const source = args.length === 4 ? arg(args, 'source') : undefined
  const found =
    1 +
    (id && (id.clType === 'U64' || isOptionOf(id, 'U64')) ? 1 : 0) +
    (target && targetValue(target) !== undefined ? 1 : 0) +
    (source && targetValue(source) !== undefined ? 1 : 0)
  if (args.length > found) return [{ title: 'Args hash', value: argsHashText('native-transfer', args) }]
  if (found !== 3 && found !== 4) return 'Unexpected number of items'
  return [
    { title: 'Target', value: targetValue(target!)! },
    { title: 'Amount', value: deviceMotes(decodeU512(amount.bytes)) },
  ]
}

/** A transfer target as `parser_display_runtimeArg` writes it; undefined for a type the app does not take. */
function targetValue(value: NamedArg): string | undefined {
  const { clType, bytes } = value
  if (clType === 'PublicKey') return deviceAddress(bytes)
  if (clType === 'Key') return checksummedHex(bytes.slice(1))
  if (clType === 'URef') return checksummedHex(bytes.slice(0, -1))
  if (typeof clType === 'object' && 'ByteArray' in clType) return checksummedHex(bytes)
  return undefined
}

function amountMotes(value: NamedArg): bigint | undefined {
  const view = new DataView(value.bytes.buffer, value.bytes.byteOffset, value.bytes.length)
  if (value.clType === 'U512') return decodeU512(value.bytes)
  if (value.clType === 'U64' && value.bytes.length === 8) return view.getBigUint64(0, true)
  if (value.clType === 'U32' && value.bytes.length === 4) return BigInt(view.getUint32(0, true))
  return undefined
}

/** `runtime_arg.c` `showRuntimeArgsHash`: NAME-<hash of the serialized args, letters cased by its own bits>. */
function argsHashText(name: string, args: NamedArg[]): string {
  return `${name}-${selfCasedHex(blake2b(runtimeArgs.encode(args), { dkLen: 32 }))}`
}

const entryPointTitles: Record<string, string> = {
  Call: 'Call',
  Custom: 'Contract Execution',
  Transfer: 'Transfer',
  AddBid: 'Add Bid',
  WithdrawBid: 'Withdraw Bid',
  Delegate: 'Delegate',
  Undelegate: 'Undelegate',
  Redelegate: 'Redelegate',
  ActivateBid: 'Activate Bid',
  ChangeBidPublicKey: 'Change Bid PK',
  AddReservations: 'Add Reservations',
  CancelReservations: 'Cancel Reservations',
  Burn: 'Burn',
}

function transactionScreens(
  file: CosignTransaction,
  messageBytes: number,
  bufferBytes: number,
): LedgerScreens {
  const { fields, initiator, chainName } = file.payload
  const target = fields.target
  const hashes = {
    hash: file.hash,
    wasmHash: target.TAG === 'Session' ? hashHex(target.data[2]) : undefined,
    argsHash: hashHex(runtimeArgs.encode(fields.args)),
  }
  tooLargeUnless(
    messageBytes <= bufferBytes,
    'a TransactionV1 has no large-payload instruction',
    messageBytes,
    bufferBytes,
  )
  const entryPoint = fields.entryPoint
  const initiatorBytes =
    initiator.TAG === 'PublicKey' ? hexToBytes(initiator.data[0]) : Uint8Array.from(initiator.data[0])
  const screens: LedgerScreen[] = [
    { title: 'Txn hash', value: checksummedHex(hexToBytes(file.hash)) },
    { title: 'Type', value: entryPointTitles[entryPoint.TAG] ?? 'Unknown' },
    { title: 'Chain ID', value: chainName },
    { title: 'Account', value: checksummedHex(initiatorBytes) },
  ]
  let refusal: string | undefined
  let complete = true
  // check_sanity_native_transfer: only Custom may call a stored target.
  if (entryPoint.TAG !== 'Custom' && target.TAG === 'Stored') refusal = 'Invalid stored contract'
  if (entryPoint.TAG === 'Custom') {
    if (target.TAG === 'Stored') screens.push(...storedScreens(target.data[0], entryPoint.data[0]))
    screens.push({
      title: 'Args hash',
      value: checksummedHex(blake2b(runtimeArgs.encode(fields.args), { dkLen: 32 })),
    })
  } else if (entryPoint.TAG === 'Transfer') {
    const amount = arg(fields.args, 'amount')
    const to = arg(fields.args, 'target')
    const shown = to ? targetValue(to) : undefined
    if (!amount || !to || !arg(fields.args, 'id')) refusal ??= 'No more data'
    else if (amount.clType !== 'U512') refusal ??= 'Unexpected value'
    else if (shown === undefined) refusal ??= 'Unexpected data type'
    else {
      screens.push(
        { title: 'Target', value: shown },
        { title: 'Amount', value: deviceMotes(decodeU512(amount.bytes)) },
      )
    }
  } else if (entryPoint.TAG !== 'Call') complete = false
  return {
    instruction: 'sign',
    messageBytes,
    bufferBytes,
    screens,
    complete,
    blind: target.TAG === 'Session',
    refusal,
    hashes,
  }
}

/** `parser_getItem_txV1_Custom`: how a stored target is shown (an address as decimal bytes, as the app prints it). */
function storedScreens(
  id: Extract<CosignTransaction['payload']['fields']['target'], { TAG: 'Stored' }>['data'][0],
  entryPoint: string,
): LedgerScreen[] {
  const decimal = (bytes: Uint8Array) => Array.from(bytes, String).join('')
  const entry = { title: 'Entry-point', value: entryPoint }
  switch (id.TAG) {
    case 'ByHash':
      return [
        { title: 'Execution', value: 'by-hash' },
        { title: 'Address', value: decimal(id.data[0]) },
        entry,
      ]
    case 'ByName':
      return [{ title: 'Execution', value: 'by-name' }, { title: 'Name', value: id.data[0] }, entry]
    case 'ByPackageHash':
      return [
        { title: 'Execution', value: 'by-hash-versioned' },
        { title: 'Address', value: decimal(id.data[0]) },
        entry,
      ]
    case 'ByPackageName':
      return [{ title: 'Execution', value: 'by-name-versioned' }, { title: 'Name', value: id.data[0] }, entry]
  }
}

function tooLargeUnless(fits: boolean, reason: string, messageBytes: number, bufferBytes: number): void {
  if (fits) return
  throw new LedgerError('The transaction is too large for the device', {
    code: 'TooLarge',
    details: { messageBytes, bufferBytes, reason },
    remedy:
      'The transaction is too large for the device: sign it with another key, or have it rebuilt smaller (a deploy with Wasm can be signed blind, hashes only).',
  })
}

function arg(args: NamedArg[], name: string): NamedArg | undefined {
  return args.find((a) => a.name === name)
}

function isOptionOf(value: NamedArg, inner: string): boolean {
  return typeof value.clType === 'object' && 'Option' in value.clType && value.clType.Option === inner
}

function hashHex(bytes: Uint8Array): string {
  return bytesToHex(blake2b(bytes, { dkLen: 32 }))
}
