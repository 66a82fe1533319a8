// One decoded model of a deploy or TransactionV1: hashes, verified approvals, args, payment, sizes. Built once.

import type { AccountHashHex } from '../account/Account.js'
import { accountHashFromPublicKey } from '../account/accountHash.js'
import { approvalKey, type VerifyApprovalReturnType, verifyApproval } from '../approvals/verifyApproval.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { argClType, checkArgValue } from '../codec/clValue.js'
import { hashDeploy, hashTransaction } from '../codec/hashDeploy.js'
import {
  deployHeader,
  type ExecutableItem,
  executableItem,
  type NamedArg,
  runtimeArgs,
  type TransactionPayload,
  transactionPayload,
} from '../codec/layouts.js'
import type { CosignDeploy, CosignTransaction } from '../cosign/CosignFile.js'
import { cosignFileFromJson } from '../cosign/parseCosignFile.js'
import { readDeployJson } from '../cosign/parseDeployJson.js'
import { decodeU512 } from '../deploy/clValueJson.js'
import type { ApprovalJson, DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { bytesToHex } from '../encoding/hex.js'
import { isObject } from '../encoding/isObject.js'
import type { StrictJson } from '../encoding/parseStrictJson.js'
import { CosignError } from '../errors/CosignError.js'
import { DeployError } from '../errors/DeployError.js'

/** A named arg's value as CLValue::into_t::<U512> reads it, or why it cannot. */
export type U512Arg = bigint | 'missing' | 'unparsable'

/** One approval of the set, verified once against the submission's own `hash` field. */
export type DecodedApproval = {
  approval: ApprovalJson
  /** The signer's account hash; `undefined` when the signer is not a public key. */
  signer: AccountHashHex | undefined
  verdict: VerifyApprovalReturnType
}

/**
 * What pays for a submission. `standard`: a deploy's empty-module payment with `amount`, or a
 * TransactionV1's `PaymentLimited` with `standard_payment: true`; `custom`: payment Wasm (a deploy's
 * non-empty payment module, or `standard_payment: false`, where the session pays); `stored`: a
 * stored payment contract; `transfer`: a deploy whose payment is a `Transfer` (never valid);
 * `fixed` / `prepaid`: TransactionV1 pricing modes with no sender-set amount.
 */
export type PaymentKind = 'standard' | 'custom' | 'stored' | 'transfer' | 'fixed' | 'prepaid'

/** What the session is. */
export type SessionKind = 'wasm' | 'emptyWasm' | 'transfer' | 'transferWithoutTarget' | 'stored' | 'native'

/** The model every acceptance rule reads (see {@link decodeSubmission}). */
export type Submission = {
  kind: 'deploy' | 'transaction'
  /** The `hash` field, lowercase. */
  hash: string
  /** The hash the content implies (deploys: of the header as it is, with its own `body_hash`). */
  computedHash: string
  /** Deploys: the body hash payment and session imply; transactions: `''`. */
  computedBodyHash: string
  /** Deploys: the header's `body_hash` is that of payment and session; transactions: always true. */
  bodyHashOk: boolean
  initiator: AccountHashHex
  /** The initiator's public key, when the submission names one. */
  initiatorPublicKey: string | undefined
  chainName: string
  /** Milliseconds since the epoch. */
  timestamp: number
  ttlMs: number
  dependencies: number
  /** Deploy `gas_price`, TransactionV1 `gas_price_tolerance`. */
  gasPrice: number
  /** The approvals as the node holds them (a `BTreeSet<Approval>`: distinct, sorted), each verified once. */
  approvals: DecodedApproval[]
  /** Distinct signer account hashes of all approvals (the node's authorization keys). */
  signers: AccountHashHex[]
  payment: PaymentKind
  /**
   * The payment amount: a deploy payment's `amount` arg (any variant, as `is_config_compliant`
   * reads it; `missing` / `unparsable` otherwise), a TransactionV1's `PaymentLimited.payment_amount`
   * (`missing` for `Fixed` / `Prepaid`).
   */
  paymentAmount: U512Arg
  /** TransactionV1 `Fixed.additional_computation_factor`; 0 otherwise. */
  additionalComputationFactor: number
  session: SessionKind
  /** TransactionV1 `is_install_upgrade`. */
  installUpgrade: boolean
  /** TransactionV1 entry point (`Call`, a custom name, or a native one); deploys: `Call`. */
  entryPoint: string
  /** TransactionV1 runtime (`VmCasperV1`, `VmCasperV2`); deploys: `VmCasperV1`. */
  runtime: string
  /** Session Wasm, when the session is module bytes. */
  wasm: Uint8Array | undefined
  /** Session args as raw CLValue bytes. */
  sessionArgs: { name: string; value: Uint8Array }[]
  /** A TransactionV1 with the Native target: its args with their CLTypes (`arg_handling.rs` reads them); `undefined` otherwise. */
  nativeArgs: readonly NamedArg[] | undefined
  /** A Transfer session's `amount` (a TransactionV1 native `Transfer`'s when it is a U512); `none` otherwise. */
  transferAmount: U512Arg | 'none'
  /** Serialized length of the whole deploy / transaction, with the approval set. */
  size: number
  /**
   * Serialized session args (deploy) / the transaction's `args` field, 1 tag byte + RuntimeArgs
   * (TransactionV1), bytes.
   */
  sessionArgsLength: number
  /** Serialized payment args (deploy); 0 for transactions. */
  paymentArgsLength: number
  /** The JSON, with the approvals as the node holds them. */
  json: { deploy: DeployJson } | { transaction: TransactionJson }
}

/** Errors of {@link decodeSubmission}. */
export type DecodeSubmissionErrorType = DeployError

/**
 * Decodes a deploy (`{ deploy }`, as `account_put_deploy` takes it) or a TransactionV1
 * (`{ transaction: { Version1 } }`, as `account_put_transaction` takes it) into the one model the
 * acceptance rules read: both hashes recomputed, every approval of the set verified once, args,
 * payment and session decoded, serialized sizes measured. A TransactionV1 is read into the
 * co-signer's model (`cosignFileFromJson`) and measured with the library's own layouts.
 *
 * @throws {DeployError} `InvalidDeployJson` / `InvalidTransactionJson` for JSON that is not one.
 * @example
 * ```ts
 * const submission = decodeSubmission({ deploy })
 * submission.approvals.every((a) => a.verdict.ok)
 * ```
 */
export function decodeSubmission(
  input: { deploy: DeployJson | unknown } | { transaction: TransactionJson | unknown },
): Submission {
  // As the node's JSON layer reads it: a value that does not decode (a malformed U512 amount) gets
  // the node's own refusal from the rules, not a parse error.
  // Up to twice the approvals the node accepts are read, so its own ExcessiveApprovals is reported.
  if ('deploy' in input) return fromDeploy(readDeployJson(input.deploy, { exactValues: false, maxApprovals }))
  const wrapper = input.transaction
  if (isObject(wrapper) && Object.keys(wrapper).length === 1 && 'Deploy' in wrapper) {
    return fromDeploy(readDeployJson(wrapper.Deploy, { exactValues: false, maxApprovals }))
  }
  if (!isObject(wrapper) || Object.keys(wrapper).length !== 1 || !isObject(wrapper.Version1)) {
    throw invalidTransaction(
      'transaction',
      '{ "Version1": { hash, payload, approvals } } or { "Deploy": … }',
      wrapper,
    )
  }
  return fromTransaction(wrapper.Version1)
}

/**
 * The most distinct approvals decoded (and verified): twice `max_associated_keys` of mainnet, so a
 * submission with more than the node accepts is still read and refused in the node's words
 * (`ExcessiveApprovals`), while none costs more than that many signature checks.
 */
const maxApprovals = 2 * casperMainnet.maxAssociatedKeys

function fromDeploy(file: CosignDeploy): Submission {
  const deploy = file.json as unknown as DeployJson
  const approvals = approvalSet(deploy.approvals)
  const hash = file.hash
  // The codec's layouts over the decoded deploy (codec/layouts.ts): any u64 gas price, no
  // third-party conversion.
  const payment = executableItem.encode(file.payment)
  const session = executableItem.encode(file.session)
  const header = deployHeader.encode(file.header)
  // Deploy::serialized_length (deploy.rs): header, hash (32), payment, session, approvals.
  const size = header.length + 32 + payment.length + session.length + approvalsLength(approvals)
  // The one hasher (codec/hashDeploy.ts) over the same decoded content.
  const { bodyHash, hash: computedHash } = hashDeploy(file)
  const wasm = file.session.TAG === 'ModuleBytes' ? file.session.data.module_bytes : undefined
  return {
    kind: 'deploy',
    hash,
    computedHash,
    computedBodyHash: bodyHash,
    bodyHashOk: bodyHash === bytesToHex(file.header.body_hash),
    initiator: accountHashFromPublicKey(file.header.account),
    initiatorPublicKey: file.header.account,
    chainName: file.header.chain_name,
    timestamp: Number(file.header.timestamp),
    ttlMs: Number(file.header.ttl),
    dependencies: file.header.dependencies.length,
    gasPrice: Number(file.header.gas_price),
    ...verified(hash, approvals),
    payment: deployPaymentKind(file.payment),
    paymentAmount: u512Arg(file.payment.data.args, 'amount'),
    additionalComputationFactor: 0,
    session: deploySessionKind(file.session),
    installUpgrade: false,
    entryPoint: 'Call',
    runtime: 'VmCasperV1',
    wasm,
    sessionArgs: wasm ? file.session.data.args.map(({ name, bytes }) => ({ name, value: bytes })) : [],
    nativeArgs: undefined,
    transferAmount: file.session.TAG === 'Transfer' ? u512Arg(file.session.data.args, 'amount') : 'none',
    size,
    sessionArgsLength: runtimeArgs.encode(file.session.data.args).length,
    paymentArgsLength: runtimeArgs.encode(file.payment.data.args).length,
    json: { deploy: { ...deploy, approvals: approvals } },
  }
}

function fromTransaction(raw: Record<string, unknown>): Submission {
  const unknownFields = Object.keys(raw).filter((key) => !['hash', 'payload', 'approvals'].includes(key))
  if (unknownFields.length > 0) invalidTransaction(unknownFields[0] ?? '', 'no such field', raw)
  if (typeof raw.hash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(raw.hash)) {
    invalidTransaction('Version1.hash', '64 hex digits', raw.hash)
  }
  if (!Array.isArray(raw.approvals)) invalidTransaction('Version1.approvals', 'an array', raw.approvals)
  if (new Set((raw.approvals as unknown[]).map((a) => JSON.stringify(a))).size > maxApprovals)
    invalidTransaction(
      'Version1.approvals',
      `at most ${maxApprovals} distinct approvals`,
      raw.approvals.length,
    )
  for (const [i, approval] of (raw.approvals as unknown[]).entries()) {
    if (
      !isObject(approval) ||
      typeof approval.signer !== 'string' ||
      !/^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/.test(approval.signer) ||
      typeof approval.signature !== 'string' ||
      !/^0[12][0-9a-fA-F]{128}$/.test(approval.signature)
    ) {
      invalidTransaction(
        `Version1.approvals[${i}]`,
        '{ signer: tagged public key hex, signature: tagged signature hex }',
        approval,
      )
    }
  }
  if (!isObject(raw.payload)) return invalidTransaction('Version1.payload', 'an object', raw.payload)
  const json = raw as TransactionJson['Version1']
  const approvals = approvalSet(json.approvals)
  const hash = json.hash.toLowerCase()
  let payload: TransactionPayload
  try {
    // The approvals were checked above and are kept as the node's set; the model reads the payload,
    // its args bounded as a deploy's (every count and length checked before anything is read or
    // shown from them), their values read as the node's JSON layer reads them.
    const file = cosignFileFromJson({ Version1: { ...raw, approvals: [] } } as StrictJson, {
      checkValue: (type, bytes, path) => checkArgValue(type, bytes, path, false),
      readClType: argClType,
    })
    payload = (file as CosignTransaction).payload
  } catch (cause) {
    if (!(cause instanceof CosignError || cause instanceof DeployError)) throw cause
    const details = cause.details as { field?: string; expected?: string; got?: unknown }
    return invalidTransaction(
      details.field ?? 'Version1.payload',
      details.expected ?? 'a TransactionV1 payload',
      details.got ?? cause.shortMessage,
    )
  }
  const payloadBytes = transactionPayload.encode(payload)
  const { initiator, pricingMode, fields: decoded } = payload
  const { target, entryPoint } = decoded
  const limited = pricingMode.TAG === 'PaymentLimited' ? pricingMode.data : undefined
  const fixed = pricingMode.TAG === 'Fixed' ? pricingMode.data : undefined
  const initiatorPublicKey = initiator.TAG === 'PublicKey' ? initiator.data[0] : undefined
  const wasm = target.TAG === 'Session' ? target.data[2] : undefined
  return {
    kind: 'transaction',
    hash,
    computedHash: hashTransaction(payload),
    computedBodyHash: '',
    bodyHashOk: true,
    initiator:
      initiator.TAG === 'PublicKey'
        ? accountHashFromPublicKey(initiator.data[0])
        : bytesToHex(initiator.data[0]),
    initiatorPublicKey,
    chainName: payload.chainName,
    timestamp: Number(payload.timestamp),
    ttlMs: Number(payload.ttl),
    dependencies: 0,
    gasPrice: limited ? limited[1] : fixed ? fixed[0] : 0,
    ...verified(hash, approvals),
    payment: limited ? (limited[2] ? 'standard' : 'custom') : fixed ? 'fixed' : 'prepaid',
    paymentAmount: limited ? limited[0] : 'missing',
    additionalComputationFactor: fixed ? fixed[1] : 0,
    session:
      wasm === undefined
        ? target.TAG === 'Native'
          ? 'native'
          : 'stored'
        : wasm.length === 0
          ? 'emptyWasm'
          : 'wasm',
    installUpgrade: target.TAG === 'Session' && target.data[0],
    entryPoint: entryPoint.TAG === 'Custom' ? `Custom(${entryPoint.data[0]})` : entryPoint.TAG,
    runtime: target.TAG === 'Native' ? 'Native' : target.data[1].TAG,
    wasm: wasm && wasm.length > 0 ? wasm : undefined,
    sessionArgs: decoded.args.map(({ name, bytes }) => ({ name, value: bytes })),
    nativeArgs: target.TAG === 'Native' ? decoded.args : undefined,
    // node arg_handling.rs `has_valid_transfer_args`: a native Transfer's U512 `amount` is held to
    // the minimum (a missing or mistyped one is left to execution here).
    transferAmount: transferAmountOf(target.TAG === 'Native' && entryPoint.TAG === 'Transfer', decoded.args),
    // TransactionV1::serialized_length (casper-types 2.0 transaction_v1.rs): a calltable of hash,
    // payload and approvals, so the table (u32 count, 3 × (u16 index, u32 offset), u32 length:
    // 26 bytes), the 32-byte hash, the payload and the approval set.
    size: 26 + 32 + payloadBytes.length + approvalsLength(approvals),
    // The bytes of the payload's `args` field: `TransactionArgs::Named` is its tag byte then the
    // RuntimeArgs (casper-types transaction_v1/transaction_args.rs `serialized_length`). The node
    // measures exactly these bytes for the lane (node meta_transaction_v1.rs `from_transaction_v1`:
    // `args_binary_len = fields.get(ARGS_MAP_KEY).len()`, then `calculate_transaction_lane`).
    sessionArgsLength: 1 + runtimeArgs.encode(decoded.args).length,
    paymentArgsLength: 0,
    json: { transaction: { Version1: { ...json, approvals } } },
  }
}

function verified(hash: string, approvals: ApprovalJson[]): Pick<Submission, 'approvals' | 'signers'> {
  const decoded = approvals.map((approval) => ({
    approval,
    signer: signerHash(approval.signer),
    verdict: verifyApproval(hash, approval),
  }))
  const signers = [
    ...new Set(decoded.map((a) => a.signer).filter((h): h is AccountHashHex => h !== undefined)),
  ]
  return { approvals: decoded, signers }
}

/**
 * Approvals as casper-node holds them, a `BTreeSet<Approval>` (deploy.rs `approvals`): duplicates
 * once, sorted by signer then signature. `PublicKey` and `Signature` order by tag, then raw bytes
 * (casper-types asymmetric_key.rs), which for same-length lowercase hex is the order of the text.
 *
 * @example
 * ```ts
 * approvalSet([a, b, a]).length // 2
 * ```
 */
export function approvalSet(approvals: readonly ApprovalJson[]): ApprovalJson[] {
  const unique = new Map<string, ApprovalJson>()
  for (const approval of approvals) {
    const key = approvalKey(approval)
    if (!unique.has(key)) unique.set(key, approval)
  }
  return [...unique.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, approval]) => approval)
}

/** bytesrepr length of a `BTreeSet<Approval>`: u32 count, then each signer and signature (tag + bytes). */
function approvalsLength(approvals: readonly ApprovalJson[]): number {
  return approvals.reduce((total, a) => total + a.signer.length / 2 + a.signature.length / 2, 4)
}

/**
 * A named arg read as `CLValue::into_t::<U512>()`: the CLType must be U512 and the bytes exactly
 * one length byte (at most 64) and that many bytes (bytesrepr refuses leftovers).
 */
function u512Arg(args: readonly NamedArg[], name: string): U512Arg {
  const arg = args.find((a) => a.name === name)
  if (!arg) return 'missing'
  if (arg.clType !== 'U512') return 'unparsable'
  const { bytes } = arg
  const length = bytes[0]
  if (length === undefined || length > 64 || bytes.length !== 1 + length) return 'unparsable'
  return decodeU512(bytes)
}

function deployPaymentKind(payment: ExecutableItem): PaymentKind {
  if (payment.TAG === 'Transfer') return 'transfer'
  if (payment.TAG === 'ModuleBytes') return payment.data.module_bytes.length === 0 ? 'standard' : 'custom'
  return 'stored'
}

function deploySessionKind(session: ExecutableItem): SessionKind {
  if (session.TAG === 'ModuleBytes') return session.data.module_bytes.length === 0 ? 'emptyWasm' : 'wasm'
  if (session.TAG === 'Transfer')
    return session.data.args.some((arg) => arg.name === 'target') ? 'transfer' : 'transferWithoutTarget'
  return 'stored'
}

function signerHash(signer: string): AccountHashHex | undefined {
  try {
    return accountHashFromPublicKey(signer)
  } catch {
    return undefined
  }
}

function invalidTransaction(field: string, expected: string, got: unknown): never {
  throw new DeployError(`Malformed transaction JSON: ${field}`, {
    code: 'InvalidTransactionJson',
    details: { field, expected, got: JSON.stringify(got)?.slice(0, 80) ?? 'nothing' },
  })
}

/** A native transfer's `amount` when it is a U512, else `'none'` (execution reports it). */
function transferAmountOf(transfer: boolean, args: readonly NamedArg[]): bigint | 'none' {
  const amount = transfer ? args.find((a) => a.name === 'amount') : undefined
  return amount && amount.clType === 'U512' ? decodeU512(amount.bytes) : 'none'
}
