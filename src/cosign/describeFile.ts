// What a co-signer is about to approve, decoded from the file: account, key changes, code, payment, expiry, signers.
import { sha256 } from '@noble/hashes/sha2'
import { accountHashFromPublicKey } from '../account/accountHash.js'
import { belowBaselineReason } from '../chainspec/belowBaselineReason.js'
import { clTypeText } from '../codec/clType.js'
import type { NamedArg } from '../codec/layouts.js'
import { configureAccountArgTypes, decodeArgValue, decodeU512, knownArgType } from '../deploy/clValueJson.js'
import { bytesToHex } from '../encoding/hex.js'
import { configureAccountWasmSha256 } from '../wasm/modules/configureAccountWasm.js'
import { twoPartyMultiSigWasmSha256 } from '../wasm/modules/twoPartyMultiSigWasm.js'
import type { CosignFile } from './CosignFile.js'
import { type CosignOptions, resolveCosignOptions } from './cosignNetwork.js'
import { type VerifyFileReturnType, verifyFile } from './verifyFile.js'

/** A change to the account's keys or thresholds, decoded from a bundled session's args. */
export type KeyChange =
  | { kind: 'addKey'; accountHash: string; weight: number }
  | { kind: 'updateKey'; accountHash: string; weight: number }
  | { kind: 'removeKey'; accountHash: string }
  | { kind: 'setThreshold'; action: 'deployment' | 'keyManagement'; value: number }

/** The code that runs: a bundled module (by sha256), other Wasm, a stored contract, or a native call. */
export type CodeDescription =
  | { kind: 'two-party-multi-sig' | 'configure-account' | 'unknown-wasm'; sha256: string; bytes: number }
  | { kind: 'stored'; target: string; entryPoint: string }
  | { kind: 'transfer' | 'native'; entryPoint: string }

/**
 * A TransactionV1's runtime (casper-types 2.x `TransactionRuntimeParams`): `VmCasperV1`, the one
 * mainnet runs, or `VmCasperV2` with the motes it may move from the account before its code runs
 * and the seed of an installer (hex).
 */
export type RuntimeDescription =
  | { name: 'VmCasperV1' }
  | { name: 'VmCasperV2'; transferredValue: bigint; seed: string | undefined }

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
  /** Every arg: name, CLType text, and the bytes as hex. */
  args: { name: string; type: string; hex: string }[]
  /** The payment limit in motes when the file states one (deploy `amount`, transaction `payment_amount`). */
  paymentMotes?: bigint | undefined
  /** Other pricing (a custom payment, `Fixed`, `Prepaid`), in words. */
  pricing: string
  /**
   * What a failed execution (a revert, a trap, out of gas) is charged when the file states a
   * payment limit: no refund, max(limit, the network's `baselineMotesAmount`) at gas price 1.
   */
  ifFailsMotes?: bigint | undefined
  timestamp: number
  expiresAt: number
  verification: VerifyFileReturnType
  /** Reasons not to sign; empty when signing is safe. */
  doNotSign: string[]
  warnings: string[]
}

/**
 * Describes a deploy or TransactionV1 for the person about to sign it, from the decoded file only:
 * the account, each key and threshold change (decoded from the args as the bundled Wasm reads
 * them), whether the code is a bundled module (sha256) or unknown Wasm, the payment, the expiry,
 * and every approval verified. `doNotSign` lists what makes signing unsafe: the content not
 * matching its hash, an approval that does not verify, the wrong chain, an expired file.
 *
 * @example
 * ```ts
 * const d = describeFile(parseCosignFile(text), { network: testnet })
 * if (d.doNotSign.length > 0) console.error('DO NOT SIGN', d.doNotSign)
 * ```
 */
export function describeFile(file: CosignFile, options: CosignOptions = {}): FileDescription {
  const verification = verifyFile(file, options)
  const warnings: string[] = []
  let account: FileDescription['account']
  let code: CodeDescription
  let args: NamedArg[]
  let paymentMotes: bigint | undefined
  let pricing: string
  let runtime: RuntimeDescription | undefined
  const doNotSign: string[] = []
  if (file.kind === 'deploy') {
    account = { publicKey: file.header.account, accountHash: accountHashFromPublicKey(file.header.account) }
    const session = file.session
    args = session.data.args
    if (session.TAG === 'ModuleBytes') code = wasm(session.data.module_bytes)
    else if (session.TAG === 'Transfer') code = { kind: 'transfer', entryPoint: 'transfer' }
    else
      code = {
        kind: 'stored',
        target: 'hash' in session.data ? bytesToHex(session.data.hash) : session.data.name,
        entryPoint: session.data.entry_point,
      }
    const payment = file.payment
    const amount =
      payment.TAG === 'ModuleBytes' && payment.data.module_bytes.length === 0
        ? payment.data.args.find((a) => a.name === 'amount')
        : undefined
    if (amount && knownArgType(amount.clType) === 'U512') paymentMotes = decodeU512(amount.bytes)
    pricing = amount ? 'standard payment' : `custom payment code (${payment.TAG})`
    if (!amount)
      warnings.push(
        'The payment is custom code, not the standard payment: it can do anything the account can.',
      )
  } else {
    const p = file.payload
    account =
      p.initiator.TAG === 'PublicKey'
        ? { publicKey: p.initiator.data[0], accountHash: accountHashFromPublicKey(p.initiator.data[0]) }
        : { accountHash: bytesToHex(p.initiator.data[0]) }
    const target = p.fields.target
    const entryPoint =
      p.fields.entryPoint.TAG === 'Custom' ? p.fields.entryPoint.data[0] : p.fields.entryPoint.TAG
    args = p.fields.args
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
    if (target.TAG === 'Session') code = wasm(target.data[2])
    else if (target.TAG === 'Native')
      code = { kind: entryPoint === 'Transfer' ? 'transfer' : 'native', entryPoint }
    else {
      const id = target.data[0]
      code = {
        kind: 'stored',
        target: typeof id.data[0] === 'string' ? id.data[0] : bytesToHex(id.data[0]),
        entryPoint,
      }
    }
    const mode = p.pricingMode
    if (mode.TAG === 'PaymentLimited') {
      paymentMotes = mode.data[0]
      pricing = `payment limited, gas price tolerance ${mode.data[1]}${mode.data[2] ? '' : ', custom payment'}`
    } else if (mode.TAG === 'Fixed') pricing = `fixed, gas price tolerance ${mode.data[0]}`
    else pricing = `prepaid, receipt ${bytesToHex(mode.data[0])}`
    if (p.fields.scheduling.TAG !== 'Standard') warnings.push(`Scheduling: ${p.fields.scheduling.TAG}.`)
  }
  const changes =
    code.kind === 'two-party-multi-sig'
      ? twoPartyChanges(args, warnings)
      : code.kind === 'configure-account'
        ? configureChanges(args, warnings)
        : []
  if (code.kind === 'unknown-wasm') {
    warnings.push(
      'UNKNOWN WASM: the session is code casper-multisig does not know; it can do anything the account can.',
    )
  }
  for (const problem of verification.problems) {
    doNotSign.push(`${problem.code}: ${problem.message}`)
  }
  const rejected = verification.approvals.filter((a) => !a.ok)
  if (rejected.length > 0) {
    doNotSign.push(
      `${rejected.length} approval(s) do not verify; the node refuses a file carrying any invalid approval`,
    )
  }
  // The least payment (casper-types 2.0.0 `transaction/deploy.rs` and node `meta_transaction_v1.rs`
  // `is_config_compliant`): a Wasm session paying below `baseline_motes_amount` is refused at
  // acceptance; native transfers (and the mint and auction lanes) are exempt.
  const { network } = resolveCosignOptions(options)
  const floor = network.baselineMotesAmount
  const native = code.kind === 'transfer' || code.kind === 'native'
  const belowFloor =
    paymentMotes === undefined || native ? undefined : belowBaselineReason(paymentMotes, floor, file.kind)
  if (belowFloor) doNotSign.push(belowFloor)
  const ifFailsMotes = paymentMotes === undefined ? undefined : paymentMotes > floor ? paymentMotes : floor
  const timestamp = Number(file.kind === 'deploy' ? file.header.timestamp : file.payload.timestamp)
  return {
    kind: file.kind,
    hash: file.hash,
    chainName: file.kind === 'deploy' ? file.header.chain_name : file.payload.chainName,
    account,
    code,
    runtime,
    changes,
    args: args.map((a) => ({ name: a.name, type: clTypeText(a.clType), hex: bytesToHex(a.bytes) })),
    paymentMotes,
    pricing,
    ifFailsMotes,
    timestamp,
    expiresAt: verification.expiresAt,
    verification,
    doNotSign,
    warnings,
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

/**
 * two-party-multi-sig reads `deployment-account` as 32 bytes (wasm/two-party-multi-sig.wat), adds it
 * with weight 1, then sets key management and deployment to 2.
 */
function twoPartyChanges(args: NamedArg[], warnings: string[]): KeyChange[] {
  const arg = args.find((a) => a.name === 'deployment-account')
  if (arg?.bytes.length !== 32) {
    warnings.push(
      'Arg deployment-account is missing or not 32 bytes: the session will revert and change nothing.',
    )
    return []
  }
  return [
    { kind: 'addKey', accountHash: bytesToHex(arg.bytes), weight: 1 },
    { kind: 'setThreshold', action: 'keyManagement', value: 2 },
    { kind: 'setThreshold', action: 'deployment', value: 2 },
  ]
}

/** configure-account.wasm's steps, in its order: add, raise, thresholds, lower, remove (docs/configure-account.md). */
function configureChanges(args: NamedArg[], warnings: string[]): KeyChange[] {
  let reverts = false
  const read = (name: string): unknown => {
    const arg = args.find((a) => a.name === name)
    if (!arg) return undefined
    const decoded = decodeArgValue(configureAccountArgTypes.get(name)!, arg.bytes)
    if (decoded.ok) return decoded.value
    warnings.push(
      `Arg ${name} is malformed (${decoded.message}): the session will revert and change nothing.`,
    )
    reverts = true
    return undefined
  }
  for (const arg of args) {
    if (!configureAccountArgTypes.has(arg.name))
      warnings.push(`Arg ${arg.name}: configure-account does not read it.`)
  }
  const keyed = (keys: string, weights: string, kind: 'addKey' | 'updateKey'): KeyChange[] => {
    const hashes = read(keys) as string[] | undefined
    const ws = read(weights) as number[] | undefined
    if (hashes === undefined && ws === undefined) return []
    if (!hashes || !ws || hashes.length !== ws.length) {
      warnings.push(`Args ${keys} and ${weights} do not pair up: the session will revert and change nothing.`)
      reverts = true
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
  return reverts ? [] : changes
}
