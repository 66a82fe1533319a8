// What a co-signer is about to approve, decoded from the file, and the one verdict on whether to sign it.
import { sha256 } from '@noble/hashes/sha2'
import { accountHashFromPublicKey } from '../account/accountHash.js'
import { belowBaselineReason } from '../chainspec/belowBaselineReason.js'
import { string as stringCoder } from '../codec/bytesrepr.js'
import { clTypeText } from '../codec/clType.js'
import { clValueText } from '../codec/clValueText.js'
import type { ExecutableItem, NamedArg } from '../codec/layouts.js'
import { configureAccountArgTypes, decodeArgValue, decodeU512, knownArgType } from '../deploy/clValueJson.js'
import { bytesToHex } from '../encoding/hex.js'
import { formatCspr } from '../text/formatCspr.js'
import { hasUnsafeText, safeText } from '../text/safeText.js'
import { configureAccountWasmSha256 } from '../wasm/modules/configureAccountWasm.js'
import { twoPartyMultiSigWasmSha256 } from '../wasm/modules/twoPartyMultiSigWasm.js'
import type { CosignFile } from './CosignFile.js'
import { type CosignOptions, resolveCosignOptions } from './cosignNetwork.js'
import { type BidDescription, describeBid, isBidEntryPoint } from './describeBid.js'
import {
  type ContractCallDescription,
  contractCallNotes,
  deployContractCall,
  transactionContractCall,
  unreadableArgs,
} from './describeContractCall.js'
import {
  type DelegationDescription,
  describeDelegation,
  describeTransfer,
  type SpendingReading,
  type TransferDescription,
} from './describeSpending.js'
import type { ExpectedOutcome } from './ExpectedOutcome.js'
import { type VerifyFileReturnType, verifyFile } from './verifyFile.js'

/** A change to the account's keys or thresholds, decoded from a bundled session's args. */
export type KeyChange =
  | { kind: 'addKey'; accountHash: string; weight: number }
  | { kind: 'updateKey'; accountHash: string; weight: number }
  | { kind: 'removeKey'; accountHash: string }
  | { kind: 'setThreshold'; action: 'deployment' | 'keyManagement'; value: number }

/**
 * The code that runs: a bundled module (by sha256), other Wasm, a native transfer, a delegation or
 * a validator's auction call with every arg read, a stored contract call (target in full), or
 * another native call.
 */
export type CodeDescription =
  | { kind: 'two-party-multi-sig' | 'configure-account'; sha256: string; bytes: number }
  | {
      kind: 'unknown-wasm'
      sha256: string
      bytes: number
      /** The name the co-signer's address book accepts this Wasm under (`acceptedWasm` option). */
      accepted?: string | undefined
    }
  | TransferDescription
  | DelegationDescription
  | BidDescription
  | ContractCallDescription
  | { kind: 'native'; entryPoint: string }

/**
 * A TransactionV1's runtime (casper-types 2.x `TransactionRuntimeParams`): `VmCasperV1`, the one
 * mainnet runs, or `VmCasperV2` with the motes it may move from the account before its code runs
 * and the seed of an installer (hex).
 */
export type RuntimeDescription =
  | { name: 'VmCasperV1' }
  | { name: 'VmCasperV2'; transferredValue: bigint; seed: string | undefined }

/**
 * What pays. `standard`: the node's own payment with a readable limit (a deploy's empty
 * `ModuleBytes` with a U512 `amount`, casper-types `executable_deploy_item.rs` `is_standard_payment`;
 * a transaction's `PaymentLimited` with `standard_payment` true). Anything else is code run with
 * the account's authority, or pricing this description cannot explain in full.
 */
export type PaymentDescription =
  | {
      kind: 'standard'
      /** The payment limit in motes. */
      motes: bigint
      /** The network's least payment, `[core] baseline_motes_amount` (2.5 CSPR on mainnet). */
      floor: bigint
      /** What a failed execution (a revert, a trap, out of gas) is charged: max(limit, floor), no refund. */
      ifFails: bigint
      /** The cost in motes: emulated against the account, or a native call's system cost. */
      need?: bigint | undefined
      /** Where `need` comes from. */
      needFrom?: 'emulation' | 'system cost' | undefined
      /** What the account is expected to be charged, when the session was emulated. */
      expectedCharge?: bigint | undefined
      /** Below `floor` for a Wasm session: the node refuses it (`InvalidPaymentAmount`). */
      belowFloor: boolean
      /** Below the emulated cost: the session runs out of gas and the whole payment is charged. */
      outOfGas: boolean
      /** More than `maxPaymentRatio` × max(need, floor), or above the ceiling when the need is unknown. */
      excessive: boolean
    }
  | {
      kind: 'custom-wasm' | 'stored-contract' | 'transfer' | 'malformed-standard' | 'fixed' | 'prepaid'
      /** The `amount` arg or `payment_amount` when readable (what it claims to pay). */
      claimedMotes?: bigint | undefined
      /** The pricing in words. */
      text: string
    }

/** Options of {@link describeFile}. */
export type DescribeFileOptions = CosignOptions & {
  /**
   * The session run against the account (`expectedOutcome` in the main entry, or the page's
   * emulator): then the payment is compared with what the session needs, and a run that fails is a
   * reason not to sign.
   */
  outcome?: ExpectedOutcome | undefined
  /**
   * A standard payment above this many times max(need, `baselineMotesAmount`) is excessive: a 2.x
   * node keeps a quarter of any unused limit (`refund_handling = refund [75, 100]`). Default 4.
   */
  maxPaymentRatio?: number | undefined
  /** The most a standard payment may be when its need is unknown (no outcome). Default 100 CSPR. */
  paymentCeilingMotes?: bigint | undefined
  /**
   * Session Wasm the co-signer has checked and accepts, by sha256 (hex) to a name, from their own
   * address book: such Wasm is still described (sha256, size, every arg) but is no longer a reason
   * not to sign by itself. Default: none (unknown Wasm is DO NOT SIGN).
   */
  acceptedWasm?: Readonly<Record<string, string>> | undefined
}

/** The name `acceptedWasm` gives the Wasm with this sha256 (its keys compared in lowercase). */
function acceptedWasmName(
  acceptedWasm: Readonly<Record<string, string>> | undefined,
  sha256: string,
): string | undefined {
  for (const [hash, name] of Object.entries(acceptedWasm ?? {})) {
    if (hash.toLowerCase() === sha256 && name !== '') return name
  }
  return undefined
}

/** What {@link describeFile} returns. */
export type FileDescription = {
  kind: CosignFile['kind']
  /** Full hash, what a signature approves. */
  hash: string
  chainName: string
  /** The sending account: public key when the file names one, and its full account hash. */
  account: { publicKey?: string | undefined; accountHash: string }
  code: CodeDescription
  /** A transaction's runtime, when its target has one (`Session`, `Stored`); deploys: none. */
  runtime?: RuntimeDescription | undefined
  changes: KeyChange[]
  /** Every session arg: name, CLType text, the bytes as hex, and the value in full when it can be read. */
  args: { name: string; type: string; hex: string; value?: string | undefined }[]
  payment: PaymentDescription
  /** The payment limit in motes when the file states one (deploy `amount`, transaction `payment_amount`). */
  paymentMotes?: bigint | undefined
  /** The pricing in words. */
  pricing: string
  /** What a failed execution is charged when the file states a payment limit: max(limit, baseline), no refund. */
  ifFailsMotes?: bigint | undefined
  /** The emulated run, when the `outcome` option was given. */
  outcome?: ExpectedOutcome | undefined
  timestamp: number
  expiresAt: number
  expired: boolean
  /** Signers whose approval verifies against the hash, each once, in file order. */
  signers: { publicKey: string; accountHash: string }[]
  verification: VerifyFileReturnType
  /** The verdict: why not to sign, each rendered inert; empty when it is safe to sign. */
  doNotSign: string[]
  /** `doNotSign` is empty. */
  safeToSign: boolean
  warnings: string[]
}

const defaultRatio = 4
const defaultCeiling = 100_000_000_000n

/**
 * Describes a deploy or TransactionV1 for the person about to sign it, from the decoded file only,
 * and gives the one verdict every surface shows (the library, the CLI and the page). `doNotSign`
 * lists every reason not to sign:
 * - the content not matching its hash, an approval that does not verify;
 * - the wrong chain, an expired file, a timestamp ahead of the network's leeway, a TTL above its
 *   `max_ttl`, too many approvals;
 * - code that cannot be explained in full (default deny): unknown Wasm (unless its sha256 is in
 *   `options.acceptedWasm`: then a warning), a stored contract, a native
 *   call, a `VmCasperV2` runtime, scheduling other than `Standard`, args the bundled session reads
 *   malformed (it would revert and be charged in full);
 * - a payment that is not the standard payment (custom Wasm, a stored contract, a transfer as
 *   payment, pricing other than payment-limited), below the network's floor, below the emulated
 *   need (out of gas, charged in full), or excessive (above 4 × max(need, floor), or above 100 CSPR
 *   when the need is unknown);
 * - an emulated run (`options.outcome`) that fails;
 * - control, escape or invisible characters in any name or string.
 *
 * @example
 * ```ts
 * const d = describeFile(parseCosignFile(text), { network: testnet })
 * if (!d.safeToSign) console.error('DO NOT SIGN', d.doNotSign)
 * ```
 */
export function describeFile(file: CosignFile, options: DescribeFileOptions = {}): FileDescription {
  const { network, now } = resolveCosignOptions(options)
  const verification = verifyFile(file, options)
  const warnings: string[] = []
  const doNotSign: string[] = []
  const strings: [what: string, text: string][] = []
  let account: FileDescription['account']
  let code: CodeDescription
  let args: NamedArg[]
  let runtime: RuntimeDescription | undefined
  let payment: { kind: 'standard'; motes: bigint } | Extract<PaymentDescription, { text: string }>
  let chainName: string
  let spending: SpendingReading<TransferDescription | DelegationDescription | BidDescription> | undefined
  /** What a stored contract call needs said, and its reasons not to sign. */
  let contract: { doNotSign: string[]; warnings: string[] } | undefined
  if (file.kind === 'deploy') {
    chainName = file.header.chain_name
    account = { publicKey: file.header.account, accountHash: accountHashFromPublicKey(file.header.account) }
    const session = file.session
    args = session.data.args
    if (session.TAG === 'ModuleBytes') code = wasm(session.data.module_bytes)
    else if (session.TAG === 'Transfer') {
      spending = describeTransfer(args, 'deploy', network)
      code = spending.call ?? { kind: 'native', entryPoint: 'transfer' }
    } else {
      const call = deployContractCall(session)!
      const { target, entryPoint } = call
      // The auction is recognised by its contract hash (never by a name), on the networks whose hash is known.
      if (call.by === 'hash' && target === network.auctionContractHash) {
        // casper-types 2.0.0 `system/auction/constants.rs`: METHOD_CHANGE_BID_PUBLIC_KEY is
        // " change_bid_public_key", with a leading space, and so is the auction's entry point.
        const method = entryPoint === ' change_bid_public_key' ? 'change_bid_public_key' : entryPoint
        if (isDelegation(method)) spending = describeDelegation(args, method, account, network, target)
        else if (isBidEntryPoint(method) && entryPoint !== 'change_bid_public_key')
          spending = describeBid(args, method, account, network, 'deploy', target)
        else
          contract = {
            doNotSign: [
              entryPoint === 'change_bid_public_key'
                ? 'the auction names this entry point " change_bid_public_key", with a leading space (casper-types 2.0.0 system/auction/constants.rs): a call of "change_bid_public_key" fails and is charged'
                : `the auction contract's entry point ${entryPoint} is not one an account calls`,
            ],
            warnings: [],
          }
        code = spending?.call ?? call
      } else {
        code = call
        contract = contractCallNotes(call, args, true)
      }
    }
    payment = deployPayment(file.payment)
    for (const [where, item] of [
      ['payment', file.payment],
      ['session', file.session],
    ] as const) {
      collectArgStrings(strings, `the ${where} arg`, item.data.args)
      if ('name' in item.data) strings.push([`the ${where}'s contract name`, item.data.name])
      if ('entry_point' in item.data) strings.push([`the ${where}'s entry point`, item.data.entry_point])
    }
  } else {
    const p = file.payload
    chainName = p.chainName
    account =
      p.initiator.TAG === 'PublicKey'
        ? { publicKey: p.initiator.data[0], accountHash: accountHashFromPublicKey(p.initiator.data[0]) }
        : { accountHash: bytesToHex(p.initiator.data[0]) }
    const target = p.fields.target
    const entryPoint =
      p.fields.entryPoint.TAG === 'Custom' ? p.fields.entryPoint.data[0] : p.fields.entryPoint.TAG
    if (p.fields.entryPoint.TAG === 'Custom') strings.push(['the entry point', entryPoint])
    args = p.fields.args
    collectArgStrings(strings, 'the arg', args)
    if (target.TAG !== 'Native') {
      const params = target.data[1]
      runtime =
        params.TAG === 'VmCasperV1'
          ? { name: 'VmCasperV1' }
          : {
              name: 'VmCasperV2',
              transferredValue: params.data[0],
              seed: params.data[1] && bytesToHex(params.data[1]),
            }
      if (runtime.name === 'VmCasperV2') {
        // casper-node 2.x meta_transaction_v1.rs `is_config_compliant`: a VmCasperV2 target needs
        // `[transactions.enabled_runtime] vm_casper_v2`, false on mainnet (InvalidTransactionRuntime).
        doNotSign.push(
          `VmCasperV2: the ${target.TAG === 'Session' ? 'session' : 'stored code'} runs on Casper VM 2, which mainnet does not run (vm_casper_v2 = false), and may move up to ${runtime.transferredValue} motes from the account before it runs`,
        )
      }
    }
    if (p.fields.entryPoint.TAG === 'Burn') {
      warnings.push('Burn: the native mint destroys motes of the account for good (the amount arg).')
    }
    // AddBid → add_bid: the auction's own names for its entry points.
    const method = entryPoint.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()
    const named = p.fields.entryPoint.TAG !== 'Custom'
    if (target.TAG === 'Session') code = wasm(target.data[2])
    else if (target.TAG === 'Native') {
      spending =
        entryPoint === 'Transfer'
          ? describeTransfer(args, 'transaction', network, entryPoint)
          : named && isDelegation(method)
            ? describeDelegation(args, method, account, network)
            : named && isBidEntryPoint(method)
              ? describeBid(args, method, account, network, 'transaction')
              : undefined
      code = spending?.call ?? { kind: 'native', entryPoint }
    } else {
      const id = target.data[0]
      const name = id.data[0]
      if (typeof name === 'string') strings.push(['the contract name', name])
      const call = transactionContractCall(id, entryPoint)
      code = call
      contract = contractCallNotes(call, args, !named)
    }
    const mode = p.pricingMode
    if (mode.TAG === 'PaymentLimited') {
      const [motes, tolerance, standard] = mode.data
      payment = standard
        ? { kind: 'standard', motes }
        : {
            kind: 'custom-wasm',
            claimedMotes: motes,
            text: `payment limited ${formatCspr(motes)} CSPR with custom payment code (standard_payment false)`,
          }
      if (standard && tolerance < 1) warnings.push(`Gas price tolerance ${tolerance}: below any gas price.`)
    } else if (mode.TAG === 'Fixed')
      payment = {
        kind: 'fixed',
        text: `fixed pricing, gas price tolerance ${mode.data[0]}, additional computation factor ${mode.data[1]}`,
      }
    else payment = { kind: 'prepaid', text: `prepaid, receipt ${bytesToHex(mode.data[0])}` }
    if (p.fields.scheduling.TAG !== 'Standard')
      doNotSign.push(
        `the transaction is scheduled ${p.fields.scheduling.TAG} (${p.fields.scheduling.data[0]}), which casper-multisig cannot explain and mainnet does not run`,
      )
  }
  strings.unshift(['the chain name', chainName])

  const { changes, reverts } =
    code.kind === 'two-party-multi-sig'
      ? twoPartyChanges(args, warnings)
      : code.kind === 'configure-account'
        ? configureChanges(args, warnings)
        : { changes: [], reverts: [] }

  // The verdict, in the order a co-signer reads it: integrity, network rules, code, payment, text.
  const mismatch = verification.problems.filter(
    (p) => p.code === 'BodyHashMismatch' || p.code === 'HashMismatch',
  )
  if (mismatch.length > 0)
    doNotSign.push(
      `the content does not match the hash being signed (${mismatch.map((p) => p.code).join(', ')}): what is shown here is not what a signature approves`,
    )
  const rejected = verification.approvals.filter((a) => !a.ok)
  if (rejected.length > 0)
    doNotSign.push(
      `${rejected.length} approval${rejected.length === 1 ? ' does' : 's do'} not verify, and the node refuses a ${file.kind} carrying any invalid approval`,
    )
  for (const problem of verification.problems) {
    if (!mismatch.includes(problem)) doNotSign.push(`${problem.code}: ${problem.message}`)
  }
  // Native calls in a transaction's mint or auction lane pay their system cost, not the baseline
  // (casper-node `meta_transaction_v1.rs` `is_config_compliant`); so does a deploy's transfer
  // (casper-types `deploy.rs`). A deploy calling the auction is a stored contract call: floored.
  const native =
    file.kind === 'transaction'
      ? file.payload.fields.target.TAG === 'Native'
      : file.session.TAG === 'Transfer'
  for (const notes of [spending, contract]) {
    if (!notes) continue
    doNotSign.push(...notes.doNotSign)
    warnings.push(...notes.warnings)
  }
  switch (code.kind) {
    case 'unknown-wasm': {
      const accepted = acceptedWasmName(options.acceptedWasm, code.sha256)
      if (accepted !== undefined) {
        code = { ...code, accepted }
        warnings.push(
          `the session is Wasm your address book accepts as "${safeText(accepted)}" (sha256 ${code.sha256}, ${code.bytes} bytes): casper-multisig cannot explain what it does, and it can do anything the account can; check every arg`,
        )
      } else
        doNotSign.push(
          `the session is Wasm casper-multisig does not know (sha256 ${code.sha256}, ${code.bytes} bytes): it can do anything the account can (once you have checked this Wasm yourself, accept it in your own address book: "acceptedWasm": { "${code.sha256}": "<name>" })`,
        )
      const unreadable = unreadableArgs(args)
      if (unreadable) doNotSign.push(unreadable)
      break
    }
    case 'native':
      if (!spending)
        doNotSign.push(
          `the session is the native ${code.entryPoint}, which casper-multisig does not explain yet: its args say what it does`,
        )
      break
  }
  for (const reason of reverts) doNotSign.push(reason)

  const ratio = options.maxPaymentRatio ?? defaultRatio
  const ceiling = options.paymentCeilingMotes ?? defaultCeiling
  const floor = network.baselineMotesAmount
  const outcome = options.outcome
  let described: PaymentDescription
  if (payment.kind === 'standard') {
    const { motes } = payment
    // A native call's need is its system cost; a Wasm session's, the emulated gas.
    const need = outcome?.ok ? outcome.needMotes : spending?.costMotes
    // A deploy's transfer runs with a gas limit of the transfer cost whatever its payment says
    // (casper-types `deploy.rs` `GasLimited::gas_limit`): its payment is neither short nor excessive.
    const fixedGas = native && file.kind === 'deploy'
    // The emulated run spent the gas the payment buys (it ran with no more, as on the node).
    const ranOut = outcome?.ok === false && outcome.outOfGas === true
    const outOfGas =
      ranOut ||
      (outcome?.ok === true && outcome.outOfGas === true) ||
      (!fixedGas && need !== undefined && motes < need)
    // Nothing up to the floor is excessive for a Wasm session; a native call has no floor.
    const base = need === undefined || (!native && need < floor) ? floor : need
    const excessive =
      !fixedGas &&
      (native || motes > floor) &&
      (need === undefined ? motes > ceiling : motes * 1000n > base * BigInt(Math.round(ratio * 1000)))
    const belowFloor = !native && belowBaselineReason(motes, floor, file.kind) !== undefined
    // What a failure is charged: a Wasm session max(limit, floor) with no refund; a native
    // transaction its whole payment; a deploy's transfer its fixed gas (the transfer cost).
    const ifFails = fixedGas
      ? (spending?.costMotes ?? motes)
      : native && file.kind === 'transaction'
        ? motes
        : // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.max does not take
          motes > floor
          ? motes
          : floor
    described = {
      kind: 'standard',
      motes,
      floor,
      ifFails,
      need,
      needFrom: outcome?.ok ? 'emulation' : spending ? 'system cost' : undefined,
      // A native transaction is charged its whole payment (operations.rs: the gas limit is consumed).
      expectedCharge: outcome?.ok
        ? outcome.chargeMotes
        : native && file.kind === 'transaction'
          ? motes
          : spending?.costMotes,
      belowFloor,
      outOfGas,
      excessive,
    }
    if (belowFloor) doNotSign.push(belowBaselineReason(motes, floor, file.kind)!)
    else if (ranOut)
      doNotSign.push(
        `the session runs out of gas within the ${outcome.gasLimit === undefined ? '' : `${outcome.gasLimit} `}gas its payment of ${formatCspr(motes)} CSPR buys: it changes nothing and is charged the whole ${formatCspr(ifFails)} CSPR`,
      )
    else if (outOfGas)
      doNotSign.push(
        spending && !outcome
          ? `the payment of ${formatCspr(motes)} CSPR is below the ${'entryPoint' in code ? code.entryPoint : 'call'}'s cost of ${formatCspr(need!)} CSPR: it cannot run`
          : `the payment of ${formatCspr(motes)} CSPR is below the emulated cost of ${formatCspr(need!)} CSPR: the session would run out of gas, change nothing, and be charged the whole ${formatCspr(ifFails)} CSPR`,
      )
    else if (excessive)
      doNotSign.push(
        need === undefined
          ? `the payment of ${formatCspr(motes)} CSPR is above ${formatCspr(ceiling)} CSPR and its need is unknown (emulate it against the account)`
          : spending && !outcome
            ? `the payment of ${formatCspr(motes)} CSPR is over ${ratio} times the call's cost of ${formatCspr(need)} CSPR${native && file.kind === 'transaction' ? ', and a native transaction is charged its whole payment' : ''}`
            : `the payment of ${formatCspr(motes)} CSPR is over ${ratio} times the larger of the emulated cost of ${formatCspr(need)} CSPR and the minimum payment of ${formatCspr(floor)} CSPR${outcome?.ok && outcome.chargeMotes !== undefined ? `; it would be charged ${formatCspr(outcome.chargeMotes)} CSPR` : ''}`,
      )
  } else {
    described = payment
    doNotSign.push(
      payment.kind === 'fixed' || payment.kind === 'prepaid'
        ? `the pricing is ${payment.text}: casper-multisig cannot say what it charges, and mainnet prices by payment limit`
        : `the payment is ${payment.kind === 'malformed-standard' ? 'standard payment without a readable U512 amount' : `${payment.kind} payment code, which runs with the account's authority and is not examined`}`,
    )
  }
  // A revert the args already explain is not said twice.
  if (outcome && !outcome.ok && reverts.length === 0 && !(outcome.outOfGas && described.kind === 'standard'))
    doNotSign.push(
      `the session would fail against the account (${outcome.failure}): it changes nothing and is charged ${described.kind === 'standard' ? `the whole ${formatCspr(described.ifFails)} CSPR` : 'in full'}`,
    )

  // casper-types `types/src/runtime_args.rs`: RuntimeArgs is a Vec<NamedArg>, kept as sent (no
  // check for a repeated name on parse or acceptance), and `RuntimeArgs::get` returns the FIRST arg
  // of a name: that one is what the session reads, while a Map-based reader (casper-js-sdk's
  // `Args`) keeps the last. Which value is meant cannot be told: default deny.
  const argLists: [where: string, args: readonly NamedArg[]][] =
    file.kind === 'deploy'
      ? [
          ['payment', file.payment.data.args],
          ['session', file.session.data.args],
        ]
      : [['transaction', args]]
  for (const [where, list] of argLists) {
    for (const [name, count] of repeatedArgNames(list))
      doNotSign.push(
        `the ${where} arg ${JSON.stringify(name)} is given ${count} times: the node keeps every copy and the code reads the first, while other tools show the last`,
      )
  }

  const hidden = strings.filter(([, text]) => hasUnsafeText(text))
  if (hidden.length > 0)
    doNotSign.push(
      `${hidden.map(([what, text]) => `${what} ${text}`).join(', ')} hold${hidden.length === 1 ? 's' : ''} control, escape or invisible characters, shown escaped`,
    )

  const signers: FileDescription['signers'] = []
  for (const a of verification.approvals) {
    if (a.ok && !signers.some((s) => s.accountHash === a.accountHash))
      signers.push({ publicKey: a.approval.signer, accountHash: a.accountHash })
  }
  const timestamp = Number(file.kind === 'deploy' ? file.header.timestamp : file.payload.timestamp)
  const paymentMotes = described.kind === 'standard' ? described.motes : described.claimedMotes
  return {
    kind: file.kind,
    hash: file.hash,
    chainName,
    account,
    code,
    runtime,
    changes,
    args: args.map((a) => ({
      name: a.name,
      type: clTypeText(a.clType),
      hex: bytesToHex(a.bytes),
      value: clValueText(a.clType, a.bytes),
    })),
    payment: described,
    paymentMotes,
    pricing: described.kind === 'standard' ? 'standard payment' : described.text,
    ifFailsMotes: described.kind === 'standard' ? described.ifFails : undefined,
    outcome,
    timestamp,
    expiresAt: verification.expiresAt,
    expired: verification.expiresAt <= now,
    signers,
    verification,
    doNotSign: doNotSign.map(safeText),
    safeToSign: doNotSign.length === 0,
    warnings: warnings.map(safeText),
  }
}

/**
 * A deploy's payment. casper-types `executable_deploy_item.rs` `is_standard_payment`: `ModuleBytes`
 * with empty module bytes is the node's standard payment, which reads `amount` as U512; anything
 * else is code run with the account's authority.
 */
function deployPayment(
  item: ExecutableItem,
): { kind: 'standard'; motes: bigint } | Extract<PaymentDescription, { text: string }> {
  const amount = item.data.args.find((a) => a.name === 'amount')
  const readable =
    amount && knownArgType(amount.clType) === 'U512' ? decodeArgValue('U512', amount.bytes) : undefined
  const motes = readable?.ok ? decodeU512(amount!.bytes) : undefined
  if (item.TAG === 'ModuleBytes' && item.data.module_bytes.length === 0 && motes !== undefined)
    return { kind: 'standard', motes }
  const kind =
    item.TAG === 'Transfer'
      ? 'transfer'
      : item.TAG !== 'ModuleBytes'
        ? 'stored-contract'
        : item.data.module_bytes.length > 0
          ? 'custom-wasm'
          : 'malformed-standard'
  const claimed = motes === undefined ? '' : `, amount arg ${formatCspr(motes)} CSPR`
  return { kind, claimedMotes: motes, text: `${kind} (not standard payment${claimed})` }
}

/** The arg names given more than once, with their counts, in the order of first appearance. */
function repeatedArgNames(args: readonly NamedArg[]): [name: string, count: number][] {
  const counts = new Map<string, number>()
  for (const arg of args) counts.set(arg.name, (counts.get(arg.name) ?? 0) + 1)
  return [...counts].filter(([, count]) => count > 1)
}

/** Arg names, and the values of String args, as strings to check for hidden characters. */
function collectArgStrings(into: [string, string][], what: string, args: readonly NamedArg[]): void {
  for (const arg of args) {
    into.push([`${what} name`, arg.name])
    if (arg.clType === 'String') {
      try {
        into.push([`the value of ${what} ${JSON.stringify(arg.name)}`, stringCoder.decode(arg.bytes)])
      } catch {
        // Not a readable String: its hex is shown with the args.
      }
    }
  }
}

function wasm(bytes: Uint8Array): CodeDescription {
  const digest = bytesToHex(sha256(bytes))
  const kind =
    digest === twoPartyMultiSigWasmSha256
      ? 'two-party-multi-sig'
      : digest === configureAccountWasmSha256
        ? 'configure-account'
        : 'unknown-wasm'
  return { kind, sha256: digest, bytes: bytes.length }
}

type Decoded = { changes: KeyChange[]; reverts: string[] }

/**
 * two-party-multi-sig `contract/src/main.rs`: `get_named_arg::<AccountHash>("deployment-account")`.
 * The host hands the session the arg's bytes whatever its declared CLType (casper-node `runtime`
 * `casper_get_named_arg`), and `bytesrepr::deserialize` wants exactly 32 (wasm/two-party-multi-sig.wat):
 * else it reverts with `MissingArgument [2]` / `InvalidArgument [3]`.
 */
function twoPartyChanges(args: readonly NamedArg[], warnings: string[]): Decoded {
  const arg = args.find((a) => a.name === 'deployment-account')
  if (!arg)
    return {
      changes: [],
      reverts: [
        'the session would revert with MissingArgument [2] (no deployment-account arg) and be charged in full',
      ],
    }
  const declared = clTypeText(arg.clType)
  if (arg.bytes.length !== 32)
    return {
      changes: [],
      reverts: [
        `the session would revert with InvalidArgument [3] (deployment-account is ${declared} of ${arg.bytes.length} bytes, not a 32-byte account hash) and be charged in full`,
      ],
    }
  if (declared !== 'ByteArray(32)')
    warnings.push(
      `Arg deployment-account: expected CLType ByteArray(32), got ${declared}; the session reads its 32 bytes as an account hash anyway.`,
    )
  return {
    changes: [
      { kind: 'addKey', accountHash: bytesToHex(arg.bytes), weight: 1 },
      { kind: 'setThreshold', action: 'keyManagement', value: 2 },
      { kind: 'setThreshold', action: 'deployment', value: 2 },
    ],
    reverts: [],
  }
}

/**
 * The changes configure-account.wasm makes, decoded as the Wasm decodes them (wasm/configure-account.wat
 * `$list`, `$u8`, `$set_keys`), in its order: add, raise, thresholds, lower, remove. A list by its u32
 * count with exactly its bytes, a U8 of exactly 1 byte, else `InvalidArgument [3]`; one list of a pair
 * without the other `MissingArgument [2]`; a pair of different lengths `InvalidArgument [3]`.
 */
function configureChanges(args: readonly NamedArg[], warnings: string[]): Decoded {
  const reverts: string[] = []
  const revert = (what: string, error: 'MissingArgument [2]' | 'InvalidArgument [3]') =>
    reverts.push(`the session would revert with ${error} (${what}) and be charged in full`)
  for (const arg of args) {
    if (!configureAccountArgTypes.has(arg.name))
      warnings.push(`Arg ${arg.name}: configure-account does not read it; it has no effect.`)
  }
  const read = (name: string): unknown => {
    const arg = args.find((a) => a.name === name)
    if (!arg) return undefined
    const expected = configureAccountArgTypes.get(name)!
    const declared = clTypeText(arg.clType)
    if (declared !== expected)
      warnings.push(
        `Arg ${name}: expected CLType ${expected}, got ${declared}; the session reads its bytes as ${expected} anyway.`,
      )
    const decoded = decodeArgValue(expected, arg.bytes)
    if (decoded.ok) return decoded.value
    revert(`arg ${name} is not a valid ${expected}: ${decoded.message}`, 'InvalidArgument [3]')
    return undefined
  }
  const keyed = (keys: string, weights: string, kind: 'addKey' | 'updateKey'): KeyChange[] => {
    const present = [keys, weights].filter((n) => args.some((a) => a.name === n))
    const hashes = read(keys) as string[] | undefined
    const ws = read(weights) as number[] | undefined
    if (present.length === 1) {
      const [given, missing] = present[0] === keys ? [keys, weights] : [weights, keys]
      revert(`arg ${given} without ${missing}`, 'MissingArgument [2]')
      return []
    }
    if (!hashes || !ws) return []
    if (hashes.length !== ws.length) {
      revert(
        `${hashes.length} key${hashes.length === 1 ? '' : 's'} in ${keys} and ${ws.length} weight${ws.length === 1 ? '' : 's'} in ${weights}`,
        'InvalidArgument [3]',
      )
      return []
    }
    return hashes.map((accountHash, i) => ({ kind, accountHash, weight: ws[i]! }))
  }
  const changes: KeyChange[] = [...keyed('add', 'add_w', 'addKey'), ...keyed('raise', 'raise_w', 'updateKey')]
  const dep = read('dep')
  const km = read('km')
  if (typeof dep === 'number') changes.push({ kind: 'setThreshold', action: 'deployment', value: dep })
  if (typeof km === 'number') changes.push({ kind: 'setThreshold', action: 'keyManagement', value: km })
  changes.push(...keyed('lower', 'lower_w', 'updateKey'))
  const rm = read('rm')
  if (Array.isArray(rm))
    for (const accountHash of rm as string[]) changes.push({ kind: 'removeKey', accountHash })
  return reverts.length > 0 ? { changes: [], reverts } : { changes, reverts }
}

const delegations = new Set(['delegate', 'undelegate', 'redelegate'])

function isDelegation(entryPoint: string): entryPoint is DelegationDescription['entryPoint'] {
  return delegations.has(entryPoint)
}
