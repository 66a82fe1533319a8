// casper-node's deploy acceptor for the devnet: the checks and texts of deploy.rs / deploy_acceptor.rs v1.5.8 (2.0 wording too).

import type { AccountHashHex } from '../account/Account.js'
import { accountHashFromPublicKey } from '../account/accountHash.js'
import { canAuthorize, canDeployWith } from '../account/accountRules.js'
import {
  approvalKey,
  type VerifyApprovalReturnType,
  verifyApproval,
  verifyDeploy,
} from '../approvals/verifyApproval.js'
import { decodeU512 } from '../deploy/clValueJson.js'
import type {
  ApprovalJson,
  DeployJson,
  ExecutableDeployItemJson,
  NamedArgJson,
} from '../deploy/DeployJson.js'
import { formatDuration, parseDuration, parseTimestamp } from '../deploy/duration.js'
import { parseDeployJson } from '../deploy/parseDeployJson.js'
import { sdk, sdkDeployFromJson, sdkTransactionFromJson } from '../deploy/sdk.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { transactionHash } from '../deploy/transactionHash.js'
import { hexToBytes } from '../encoding/hex.js'
import { isObject } from '../encoding/isObject.js'
import { BaseError } from '../errors/BaseError.js'
import { type DevnetAccount, type DevnetItem, type DevnetState, namedTipOf } from './DevnetState.js'

/** Chainspec values the acceptor applies (mainnet, v1.5.8 and 2.0 production chainspecs). */
export const devnetChainspec = {
  maxTtlMs: 2 * 3_600_000,
  maxDependencies: 10,
  maxAssociatedKeys: 100,
  sessionArgsMaxLength: 1024,
  paymentArgsMaxLength: 1024,
  /** deploy_acceptor / transaction_acceptor `timestamp_leeway` default (config.toml): 2 s. */
  timestampLeewayMs: 2_000,
  blockGasLimit: { '1.5': 4_000_000_000_000n, '2.0': 3_300_000_000_000n },
  /** execution_engine `MAX_PAYMENT_AMOUNT`: the balance the acceptor requires. */
  maxPayment: 2_500_000_000n,
  /**
   * chainspec.toml `max_deploy_size` (v1.5.8). 2.0 limits sizes per lane instead; 1 MiB is its
   * largest lane (`install_upgrade_lane`), so on 2.0 this is an upper bound only.
   */
  maxDeploySize: 1_048_576,
  /** chainspec.toml `native_transfer_minimum_motes` (v1.5.8 and 2.0). */
  nativeTransferMinimumMotes: 2_500_000_000n,
} as const

/** Which RPC method the submission came through (it chooses the error code and, on 2.0, the wording). */
export type SubmissionMethod = 'account_put_deploy' | 'account_put_transaction'

/** What the acceptor decided. */
export type AcceptSubmissionReturnType =
  | { ok: true; item: DevnetItem; duplicate: boolean }
  /** The params could not be parsed at all: JSON-RPC -32602 Invalid params. */
  | { ok: false; invalidParams: string }
  /** The node refused it: -32008 Invalid Deploy / -32016 Invalid transaction, `data` is the node's text. */
  | { ok: false; data: string }

/** A refusal, worded for each protocol. `v15` is the node's Display text (without the block suffix). */
type Refusal = { v15: string; blockSuffix: boolean; deploy20: string; transaction20: string }

const refusal = (v15: string, deploy20: string, transaction20 = deploy20, blockSuffix = false): Refusal => ({
  v15,
  blockSuffix,
  deploy20,
  transaction20,
})
const parameter = (v15: string, deploy20: string, transaction20 = deploy20): Refusal =>
  refusal(v15, deploy20, transaction20, true)

/** One submission, normalised from either JSON form. */
type Submission = {
  kind: 'deploy' | 'transaction'
  hash: string
  /** The hash the content implies (a mismatch is refused at the crypto step, as the node does). */
  expectedHash: string
  bodyHashOk: boolean
  json: DeployJson | TransactionJson['Version1']
  initiator: { publicKey: string } | { accountHash: AccountHashHex }
  chainName: string
  timestamp: number
  ttlMs: number
  dependencies: number
  /** As the node holds them: a `BTreeSet<Approval>` (deduplicated, sorted), see {@link approvalSet}. */
  approvals: ApprovalJson[]
  /** What the payment logic makes of the payment (standard payment or not). */
  paymentAmount: bigint | 'missing' | 'unparsable' | 'transferPayment' | 'notStandard'
  /** The payment's `amount` arg as `is_config_compliant` reads it, whatever the variant; `none`: not checked. */
  paymentAmountArg: U512Arg | 'none'
  /** The Transfer session's `amount` arg; `none`: not a Transfer session. */
  transferAmount: U512Arg | 'none'
  sessionArgsLength: number
  paymentArgsLength: number
  session: 'moduleBytes' | 'emptyModuleBytes' | 'transfer' | 'transferWithoutTarget' | 'stored'
  size: number
}

type U512Arg = bigint | 'missing' | 'unparsable'

/**
 * Runs casper-node's acceptance checks on a deploy (`account_put_deploy`) or a TransactionV1 /
 * wrapped Deploy (`account_put_transaction`, 2.0) against the devnet's current state, in the node's
 * order: configuration (size, chain name, dependencies, TTL, timestamp, approvals count, payment
 * amount, args lengths, transfer amount), expiry, account, authorization, deployment threshold,
 * balance, payment and session logic, then hashes and every approval. Approvals are taken as the
 * node's `BTreeSet<Approval>`: deduplicated and sorted (signer, then signature), for the count,
 * the size, the "approval at index N" text and the stored item. A hash already known goes through
 * every check again, as the node's `DeployAcceptor::accept` does for a client's resubmission, and
 * only then is it answered with the stored item, unchanged (storage keeps the first copy).
 *
 * @example
 * ```ts
 * const verdict = acceptSubmission(state, { deploy }, 'account_put_deploy', Date.now())
 * if (!verdict.ok && 'data' in verdict) console.log(verdict.data) // 'account authorization invalid at state root hash …'
 * ```
 */
export function acceptSubmission(
  state: DevnetState,
  params: Record<string, unknown>,
  method: SubmissionMethod,
  now: number,
): AcceptSubmissionReturnType {
  let submission: Submission
  try {
    submission = method === 'account_put_deploy' ? fromDeployParam(params) : fromTransactionParam(params)
  } catch (error) {
    return { ok: false, invalidParams: error instanceof BaseError ? error.message : String(error) }
  }
  const found = check(state, submission, now)
  if (found) return { ok: false, data: word(found, state, submission, method) }
  // deploy_acceptor.rs `handle_put_to_storage`: `is_new == false` from a client is still success.
  const known = state.items[submission.hash]
  if (known) return { ok: true, item: known, duplicate: true }
  const item = {
    kind: submission.kind,
    json: { ...submission.json, approvals: submission.approvals },
    hash: submission.hash,
    size: submission.size,
    receivedAt: now,
    execution: null,
  } as DevnetItem
  return { ok: true, item, duplicate: false }
}

function word(found: Refusal, state: DevnetState, submission: Submission, method: SubmissionMethod): string {
  if (state.protocol === '2.0') {
    // rpc_sidecar rpcs/error.rs: "the deploy was invalid: {0}" / "the transaction was invalid: {0}".
    return method === 'account_put_deploy'
      ? `the deploy was invalid: ${found.deploy20}`
      : `the transaction was invalid: ${submission.kind === 'deploy' ? found.deploy20 : found.transaction20}`
  }
  if (!found.blockSuffix) return found.v15
  // deploy_acceptor.rs Error::InvalidDeployParameters: Digest's Debug is plain lowercase hex.
  const tip = namedTipOf(state)
  return `${found.v15} at state root hash ${tip.stateRootHash} of block ${tip.hash} at height ${tip.height}`
}

function check(state: DevnetState, s: Submission, now: number): Refusal | undefined {
  const { protocol } = state
  const config = devnetChainspec
  // deploy.rs `is_config_compliant`: size first (`is_valid_size`, serialized length of the whole deploy).
  if (s.size > config.maxDeploySize) {
    return refusal(
      `invalid deploy: deploy size too large: deploy size of ${s.size} bytes exceeds limit of ${config.maxDeploySize}`,
      'The deploy had an excessive size',
      'The transaction sent to the network had an excessive size',
    )
  }
  // Then the chain name.
  if (s.chainName !== state.chainName) {
    return refusal(
      `invalid deploy: invalid chain name: expected ${state.chainName}, got ${s.chainName}`,
      'The deploy had an invalid chain name',
      'The transaction sent to the network had an invalid chain name',
    )
  }
  // DeployHeader::is_valid: dependencies, TTL, timestamp. 2.0 refuses any dependency.
  if (protocol === '2.0' && s.dependencies > 0) {
    return refusal('', 'The dependencies for this transaction are no longer supported')
  }
  if (s.dependencies > config.maxDependencies) {
    return refusal(
      `invalid deploy: ${s.dependencies} dependencies exceeds limit of ${config.maxDependencies}`,
      'The deploy sent to the network was invalid for an unspecified reason',
    )
  }
  if (s.ttlMs > config.maxTtlMs) {
    return refusal(
      `invalid deploy: time-to-live of ${formatDuration(s.ttlMs)} exceeds limit of ${formatDuration(config.maxTtlMs)}`,
      'The deploy had an excessive time to live',
      'The transaction sent to the network had an excessive time to live',
    )
  }
  if (s.timestamp > now + config.timestampLeewayMs) {
    return refusal(
      `invalid deploy: timestamp of ${iso(s.timestamp)} is later than node's validation timestamp of ${iso(now)} plus leeway of ${formatDuration(config.timestampLeewayMs)}`,
      'The deploys timestamp is in the future',
      'The transaction sent to the network had a timestamp that has not yet occurred',
    )
  }
  if (s.approvals.length > config.maxAssociatedKeys) {
    return refusal(
      `invalid deploy: number of associated keys ${s.approvals.length} exceeds the maximum ${config.maxAssociatedKeys}`,
      'The deploy sent to the network had excessive approvals',
      'The transaction sent to the network had excessive approvals',
    )
  }
  // Not for Transfer sessions: the payment's `amount` arg, whatever the payment variant.
  if (s.session !== 'transfer' && s.session !== 'transferWithoutTarget') {
    if (s.paymentAmountArg === 'missing') {
      // The trailing space is in the node's text.
      return refusal(
        "invalid deploy: missing payment 'amount' runtime argument ",
        'The deploy had a missing payment amount',
      )
    }
    if (s.paymentAmountArg === 'unparsable') {
      return refusal(
        "invalid deploy: failed to parse payment 'amount' as U512",
        'The deploy sent to the network had a payment amount that was unable to be parsed',
      )
    }
    if (typeof s.paymentAmountArg === 'bigint' && s.paymentAmountArg > config.blockGasLimit[protocol]) {
      return refusal(
        `invalid deploy: payment amount of ${s.paymentAmountArg} exceeds the block gas limit of ${config.blockGasLimit[protocol]}`,
        'The deploy sent to the network exceeded the block gas limit',
        'The transaction sent to the network exceeds the networks block gas limit',
      )
    }
  }
  if (s.paymentArgsLength > config.paymentArgsMaxLength) {
    return refusal(
      `invalid deploy: serialized payment code runtime args of ${s.paymentArgsLength} exceeds limit of ${config.paymentArgsMaxLength}`,
      'The deploy had an excessive payment args length',
    )
  }
  if (s.sessionArgsLength > config.sessionArgsMaxLength) {
    return refusal(
      `invalid deploy: serialized session code runtime args of ${s.sessionArgsLength} exceeds limit of ${config.sessionArgsMaxLength}`,
      'The deploy had an excessive session args length',
      'The transaction sent to the network had excessive args length',
    )
  }
  // Last of is_config_compliant: a Transfer session's `amount` (deploy.rs v1.5.8, 391-420).
  if (s.transferAmount === 'missing') {
    return refusal(
      "invalid deploy: missing transfer 'amount' runtime argument",
      'The deploy sent to the network was missing a transfer amount',
    )
  }
  if (s.transferAmount === 'unparsable') {
    return refusal(
      "invalid deploy: failed to parse transfer 'amount' as U512",
      'The deploy sent to the network had a transfer amount that was unable to be parsed',
    )
  }
  if (typeof s.transferAmount === 'bigint' && s.transferAmount < config.nativeTransferMinimumMotes) {
    return refusal(
      `invalid deploy: insufficient transfer amount; minimum: ${config.nativeTransferMinimumMotes} attempted: ${s.transferAmount}`,
      'The deploy sent to the network had an insufficient transfer amount',
      'The transaction sent to the network had an insufficient transfer amount',
    )
  }
  // Expiry, for deploys from clients.
  const expires = s.timestamp + s.ttlMs
  if (expires < now) {
    return refusal(
      `deploy received by the node expired at ${iso(expires)} with node's time at ${iso(now)}`,
      'transaction has expired',
    )
  }
  const accountHash =
    'publicKey' in s.initiator ? accountHashFromPublicKey(s.initiator.publicKey) : s.initiator.accountHash
  const entry: DevnetAccount | undefined = state.accounts[accountHash]
  if (!entry) {
    return parameter(`account with hash ${accountHash} does not exist`, 'no such addressable entity')
  }
  // Authorization keys: the set of the approvals' signers (Deploy::approvals is a BTreeSet).
  const signers = [...new Set(s.approvals.map((a) => signerHash(a.signer)).filter((h) => h !== undefined))]
  if (!canAuthorize(entry.account, signers, protocol)) {
    return parameter('account authorization invalid', 'invalid associated keys')
  }
  if (!canDeployWith(entry.account, signers)) {
    return parameter('insufficient deploy signature weight', 'insufficient signature weight')
  }
  if (entry.balance < config.maxPayment) {
    return parameter(`insufficient balance in account with hash ${accountHash}`, 'insufficient balance')
  }
  if (s.paymentAmount === 'transferPayment') {
    return parameter('transfer is not valid for payment code', 'invalid payment variant for deploy')
  }
  if (s.session === 'transferWithoutTarget') {
    return parameter("missing transfer 'target' runtime argument", 'missing transfer target for deploy')
  }
  if (s.session === 'emptyModuleBytes') {
    return parameter(
      'module bytes for session code cannot be empty',
      'missing module bytes for deploy',
      'The transaction sent to the network had empty module bytes',
    )
  }
  // validate_deploy: approvals present, hashes, then each approval in the set's order (deploy.rs:641).
  if (s.approvals.length === 0) {
    return refusal(
      'invalid deploy: the deploy has no approvals',
      'The deploy had no approvals',
      'The transaction sent to the network had no approvals',
    )
  }
  if (!s.bodyHashOk) {
    return refusal(
      'invalid deploy: the provided body hash does not match the actual hash of the body',
      'The deploy had an invalid body hash',
      'The transaction sent to the network had an invalid body hash',
    )
  }
  if (s.hash !== s.expectedHash) {
    return refusal(
      'invalid deploy: the provided hash does not match the actual hash of the deploy',
      'The deploy had an invalid deploy hash',
      'The transaction sent to the network had an invalid hash',
    )
  }
  for (const [index, approval] of s.approvals.entries()) {
    const verdict = verifyApproval(s.hash, approval)
    if (!verdict.ok) {
      return refusal(
        `invalid deploy: the approval at index ${index} is invalid: ${cryptoErrorText(verdict, approval)}`,
        'The deploy had an invalid approval',
        'The transaction sent to the network had an invalid approval',
      )
    }
  }
  return undefined
}

/** casper-types `crypto::verify` error texts (asymmetric_key.rs, v1.5.8). */
function cryptoErrorText(verdict: VerifyApprovalReturnType & { ok: false }, approval: ApprovalJson): string {
  if (verdict.reason === 'TagMismatch') {
    return `asymmetric key error: type mismatch between ${approval.signature.slice(0, 2) === '01' ? 'Ed25519' : 'Secp256k1'} signature and ${approval.signer.slice(0, 2) === '01' ? 'Ed25519' : 'Secp256k1'} public key`
  }
  return approval.signer.startsWith('01')
    ? 'asymmetric key error: failed to verify Ed25519 signature'
    : 'asymmetric key error: failed to verify secp256k1 signature: signature error'
}

function signerHash(signer: string): AccountHashHex | undefined {
  try {
    return accountHashFromPublicKey(signer)
  } catch {
    return undefined
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

function fromDeployParam(params: Record<string, unknown>): Submission {
  expectOnly(params, ['deploy'])
  const deploy = parseDeployJson(params.deploy)
  return fromDeploy(deploy)
}

function fromDeploy(deploy: DeployJson): Submission {
  const report = verifyDeploy(deploy)
  const sdkDeploy = sdkDeployFromJson(deploy)
  const approvals = approvalSet(deploy.approvals)
  // Deploy::serialized_length (deploy.rs v1.5.8): header, hash (32), payment, session, approvals.
  const size =
    sdkDeploy.header.toBytes().length +
    32 +
    sdkDeploy.payment.bytes().length +
    sdkDeploy.session.bytes().length +
    approvalsLength(approvals)
  const [sessionVariant, sessionBody] = Object.entries(deploy.session)[0] ?? []
  return {
    kind: 'deploy',
    hash: deploy.hash.toLowerCase(),
    expectedHash: report.hash,
    bodyHashOk: report.bodyHash === deploy.header.body_hash.toLowerCase(),
    json: deploy,
    initiator: { publicKey: deploy.header.account.toLowerCase() },
    chainName: deploy.header.chain_name,
    timestamp: parseTimestamp(deploy.header.timestamp),
    ttlMs: parseDuration(deploy.header.ttl),
    dependencies: deploy.header.dependencies.length,
    approvals,
    paymentAmount: standardPaymentAmount(deploy.payment),
    paymentAmountArg: u512Arg(Object.values(deploy.payment)[0]?.args ?? [], 'amount'),
    transferAmount: sessionVariant === 'Transfer' ? u512Arg(sessionBody?.args ?? [], 'amount') : 'none',
    sessionArgsLength: sdkDeploy.session.getArgs().toBytes().length,
    paymentArgsLength: sdkDeploy.payment.getArgs().toBytes().length,
    session: sessionKind(deploy.session),
    size,
  }
}

function fromTransactionParam(params: Record<string, unknown>): Submission {
  expectOnly(params, ['transaction'])
  const wrapper = params.transaction
  if (isObject(wrapper) && Object.keys(wrapper).length === 1 && 'Deploy' in wrapper) {
    return fromDeploy(parseDeployJson(wrapper.Deploy))
  }
  if (!isObject(wrapper) || Object.keys(wrapper).length !== 1 || !isObject(wrapper.Version1)) {
    throw new BaseError('Invalid params: transaction', {
      code: 'InvalidParams',
      details: { expected: '{ "Version1": { hash, payload, approvals } } or { "Deploy": { … } }' },
    })
  }
  const json = wrapper.Version1 as TransactionJson['Version1']
  expectOnly(json as Record<string, unknown>, ['hash', 'payload', 'approvals'])
  if (
    typeof json.hash !== 'string' ||
    !/^[0-9a-fA-F]{64}$/.test(json.hash) ||
    !Array.isArray(json.approvals)
  ) {
    throw new BaseError('Invalid params: transaction.Version1', {
      code: 'InvalidParams',
      details: { expected: 'hash: 64 hex digits, approvals: an array' },
    })
  }
  for (const approval of json.approvals) {
    if (
      !isObject(approval) ||
      typeof approval.signer !== 'string' ||
      !/^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/.test(approval.signer) ||
      typeof approval.signature !== 'string' ||
      !/^0[12][0-9a-fA-F]{128}$/.test(approval.signature)
    ) {
      throw new BaseError('Invalid params: transaction.Version1.approvals', {
        code: 'InvalidParams',
        details: { expected: '{ signer: tagged public key hex, signature: tagged signature hex }' },
      })
    }
  }
  // casper-js-sdk parses the payload without its own hash check, so that a wrong hash is refused
  // with the node's text, not a parse error.
  let expectedHash: string
  let argsLength: number
  let size: number
  try {
    const parsed = sdkTransactionFromJson(json)
    expectedHash = transactionHash(json)
    argsLength = sdk.Transaction.fromTransactionV1(parsed).args.toBytes().length
    size = parsed.toBytes().length
  } catch (cause) {
    throw new BaseError('Invalid params: transaction.Version1.payload', {
      code: 'InvalidParams',
      details: { reason: cause instanceof Error ? cause.message : String(cause) },
      cause,
    })
  }
  const payload = json.payload as Record<string, unknown> & {
    initiator_addr?: { PublicKey?: string; AccountHash?: string }
    pricing_mode?: Record<string, Record<string, unknown>>
    fields?: { target?: unknown }
  }
  const initiator = payload.initiator_addr?.PublicKey
    ? { publicKey: payload.initiator_addr.PublicKey.toLowerCase() }
    : { accountHash: String(payload.initiator_addr?.AccountHash ?? '').replace(/^account-hash-/, '') }
  const target = payload.fields?.target
  const moduleBytes =
    isObject(target) && isObject(target.Session) ? String(target.Session.module_bytes ?? '') : null
  const limited = payload.pricing_mode?.PaymentLimited
  const approvals = approvalSet(json.approvals)
  const paymentAmount = limited ? BigInt(String(limited.payment_amount)) : 'notStandard'
  return {
    kind: 'transaction',
    hash: json.hash.toLowerCase(),
    expectedHash,
    bodyHashOk: true,
    json,
    initiator,
    chainName: String(payload.chain_name),
    timestamp: parseTimestamp(String(payload.timestamp)),
    ttlMs: parseDuration(String(payload.ttl)),
    dependencies: 0,
    approvals,
    paymentAmount,
    paymentAmountArg: paymentAmount === 'notStandard' ? 'none' : paymentAmount,
    transferAmount: 'none',
    sessionArgsLength: argsLength,
    paymentArgsLength: 0,
    session:
      moduleBytes === null
        ? target === 'Native'
          ? 'transfer'
          : 'stored'
        : moduleBytes === ''
          ? 'emptyModuleBytes'
          : 'moduleBytes',
    // The payload was serialized with no approvals (an empty set's count is in it).
    size: size + approvalsLength(approvals) - 4,
  }
}

/**
 * Approvals as casper-node holds them, a `BTreeSet<Approval>` (deploy.rs v1.5.8 `approvals`):
 * duplicates once, sorted by signer then signature. `Approval` derives `Ord` over (signer,
 * signature); `PublicKey` and `Signature` order by tag, then raw bytes (casper-types
 * asymmetric_key.rs), which for same-length lowercase hex is the order of the tagged hex text.
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

/** bytesrepr length of a `BTreeSet<Approval>`: u32 count, then each signer and signature (tag + key/signature bytes). */
function approvalsLength(approvals: readonly ApprovalJson[]): number {
  return approvals.reduce((total, a) => total + a.signer.length / 2 + a.signature.length / 2, 4)
}

/**
 * A named arg read as `CLValue::into_t::<U512>()`: the CLType must be U512 and the bytes exactly
 * one length byte (at most 64) and that many bytes (bytesrepr `deserialize` refuses leftovers).
 */
function u512Arg(args: readonly NamedArgJson[], name: string): U512Arg {
  const arg = args.find((a) => a[0] === name)
  if (!arg) return 'missing'
  if (JSON.stringify(arg[1].cl_type) !== '"U512"') return 'unparsable'
  let bytes: Uint8Array
  try {
    bytes = hexToBytes(arg[1].bytes)
  } catch {
    return 'unparsable'
  }
  const length = bytes[0]
  if (length === undefined || length > 64 || bytes.length !== 1 + length) return 'unparsable'
  return decodeU512(bytes)
}

/** The standard payment `amount`, or why there is none. */
export function standardPaymentAmount(payment: ExecutableDeployItemJson): Submission['paymentAmount'] {
  const [variant, body] = Object.entries(payment)[0] ?? []
  if (variant === 'Transfer') return 'transferPayment'
  const amount = body?.args.find((arg: NamedArgJson) => arg[0] === 'amount')
  if (!amount) return variant === 'ModuleBytes' ? 'missing' : 'notStandard'
  if (JSON.stringify(amount[1].cl_type) !== '"U512"') return 'unparsable'
  const bytes = hexToBytes(amount[1].bytes)
  if (bytes.length === 0 || bytes.length !== 1 + (bytes[0] ?? 0)) return 'unparsable'
  return variant === 'ModuleBytes' && body?.module_bytes === '' ? decodeU512(bytes) : 'notStandard'
}

function sessionKind(session: ExecutableDeployItemJson): Submission['session'] {
  const [variant, body] = Object.entries(session)[0] ?? []
  if (variant === 'ModuleBytes') return body?.module_bytes === '' ? 'emptyModuleBytes' : 'moduleBytes'
  if (variant === 'Transfer') {
    return body?.args.some((arg) => arg[0] === 'target') ? 'transfer' : 'transferWithoutTarget'
  }
  return 'stored'
}

function expectOnly(params: Record<string, unknown>, fields: readonly string[]): void {
  const unknown = Object.keys(params).filter((key) => !fields.includes(key))
  const missing = fields.filter((field) => !(field in params))
  if (unknown.length > 0 || missing.length > 0) {
    throw new BaseError('Invalid params', {
      code: 'InvalidParams',
      details: {
        expected: `the named params ${fields.join(', ')}`,
        got: unknown.length > 0 ? `unknown field ${unknown.join(', ')}` : `no ${missing.join(', ')}`,
      },
    })
  }
}
