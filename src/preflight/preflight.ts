// Everything casper-node would refuse or fail, checked before a deploy or TransactionV1 is sent.
import { sha256 } from '@noble/hashes/sha256'
import type { Account } from '../account/Account.js'
import { type SignatureProgress, signatureProgress } from '../approvals/signatureProgress.js'
import type { VerifyDeployReturnType } from '../approvals/verifyApproval.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casper15 } from '../chainspec/casper15.js'
import { type ChainspecOption, resolveChainspec, sessionGasLimit } from '../chainspec/resolveChainspec.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { type EmulateSessionReturnType, emulateSession } from '../emulator/emulateSession.js'
import { bytesToHex } from '../encoding/hex.js'
import { type AcceptanceLimits, isProtocol15, minimumBalance } from '../rules/AcceptanceLimits.js'
import { type AcceptanceCode, checkAcceptance } from '../rules/acceptanceRules.js'
import { decodeSubmission, type Submission } from '../rules/decodeSubmission.js'
import { managesKeys } from '../wasm/managesKeys.js'
import { configureAccountWasmSha256 } from '../wasm/modules/configureAccountWasm.js'
import { twoPartyMultiSigWasmSha256 } from '../wasm/modules/twoPartyMultiSigWasm.js'
import { PreflightError } from './PreflightError.js'

/** Options of {@link preflight}. */
export type PreflightOptions = ChainspecOption & {
  /**
   * The chain the submission is meant for, e.g. `'casper'`; default: the chainspec's when one is
   * given, else the submission's own (the chain name is then not checked).
   */
  chainName?: string | undefined
  /** Default: now. */
  now?: Date | number | undefined
  /** The node's `timestamp_leeway` in milliseconds (config.toml default 2 s; the chainspec caps it). Default 2000. */
  timestampLeewayMs?: number | undefined
  /**
   * The available balance of the paying account's main purse in motes, when known (e.g. from
   * `query_balance`): the node refuses below 2.5 CSPR (1.5 `MAX_PAYMENT`, 2.x `baseline_motes_amount`),
   * and the payment amount must be held by the purse when the deploy executes.
   */
  balance?: bigint | undefined
}

/** casper-node v1.5.8 mainnet `deploys.max_deploy_size`. */
export const maxDeploySize = casper15.maxTransactionLength
/** The balance the acceptor requires: 2.5 CSPR (1.5 `MAX_PAYMENT`, mainnet 2.x `baseline_motes_amount`). */
export const minimumAccountBalance = minimumBalance(casper15)

/**
 * Stable codes of preflight findings: every node acceptance rule ({@link AcceptanceCode}, from the
 * rulebook the devnet's acceptor runs too), then what happens at execution.
 */
export type PreflightCode =
  | AcceptanceCode
  /** Signers' weight below the key-management threshold, for a session that manages keys. */
  | 'BelowKeyManagementThreshold'
  /** The payment amount is more than the purse holds: the deploy fails at execution (only with `options.balance`). */
  | 'PaymentExceedsBalance'
  /** Payment below the emulated cost: the session would run out of gas. */
  | 'PaymentBelowCost'
  /** The emulated session reverts or traps. */
  | 'SessionWouldFail'
  /** The session is not one the emulator knows (warning). */
  | 'UnknownSession'
  /** Payment by Wasm or a stored contract instead of standard payment: not checked here (warning). */
  | 'CustomPayment'

/** One finding: errors make the node refuse or fail the deploy; warnings deserve a look. */
export type PreflightIssue = {
  code: PreflightCode
  severity: 'error' | 'warning'
  message: string
  details?: Record<string, unknown> | undefined
}

/** Result of {@link preflight}. */
export type PreflightReturnType = {
  /** No errors: the node would accept the submission and the session would succeed. */
  ready: boolean
  /** Acceptance errors in the node's order (the first is what the node would answer), then execution errors. */
  errors: PreflightIssue[]
  warnings: PreflightIssue[]
  progress: SignatureProgress
  /** The decoded submission every rule read (hashes, verified approvals, sizes). */
  submission: Submission
  /**
   * The session run in the emulator as it will run once fully signed: by the keys that signed,
   * plus the smallest set still needed when the signatures are not complete yet.
   */
  emulation?: EmulateSessionReturnType | undefined
  /** Standard payment (payment-limited amount) in motes, when there is one. */
  payment?: bigint | undefined
}

/**
 * Checks a deploy or a TransactionV1 (`{ Version1 }`) against every rule the node applies on
 * submission (the rulebook in `src/rules/acceptanceRules.ts`, the same table the devnet's acceptor
 * runs: chain name, TTL, timestamp, dependencies, approvals count and validity, hashes, args sizes,
 * payment kind and amount, gas price, lane, authorization, deployment threshold, balance), and then
 * what decides execution: the key-management threshold for sessions that manage keys, the payment
 * against the purse and against the emulated cost, and the emulated run of the session. The
 * submission is decoded once; each approval is verified once. Reports every problem.
 *
 * @example
 * ```ts
 * const report = await preflight(merged, account, { chainspec: await getChainspec(rpc), balance })
 * if (!report.ready) for (const e of report.errors) console.error(`${e.code}: ${e.message}`)
 * report.progress.summary // 'weight 2 of 2 (key management)'
 * ```
 */
export async function preflight(
  deployOrTransaction: DeployJson | TransactionJson,
  account: Account,
  options: PreflightOptions = {},
): Promise<PreflightReturnType> {
  const submission = decodeSubmission(
    isTransaction(deployOrTransaction)
      ? { transaction: deployOrTransaction }
      : { deploy: deployOrTransaction },
  )
  const chainspec = resolveChainspec(options)
  const limits = limitsOf(options, chainspec, submission)
  const protocol = isProtocol15(limits) ? '1.5' : '2.0'
  const now = new Date(options.now ?? Date.now()).getTime()
  const issues: PreflightIssue[] = []
  const error = (code: PreflightCode, message: string, details?: Record<string, unknown>) =>
    issues.push({ code, severity: 'error', message, details })
  const warning = (code: PreflightCode, message: string, details?: Record<string, unknown>) =>
    issues.push({ code, severity: 'warning', message, details })

  for (const v of checkAcceptance(submission, {
    limits,
    now,
    timestampLeewayMs: options.timestampLeewayMs ?? 2000,
    account,
    balance: options.balance,
  })) {
    error(v.code, v.message, v.details)
  }

  const { wasm } = submission
  const keyManagement = wasm ? managesKeys(wasm) : false
  const progress = signatureProgress(deployOrTransaction as DeployJson, account, {
    keyManagement,
    chainspec,
    verification: verificationOf(submission, limits),
  })
  if (!isProtocol15(limits)) {
    for (const stranger of progress.unassociated) {
      warning(
        'UnassociatedSigner',
        `${stranger.publicKey} is not an associated key of the account: it counts for nothing`,
      )
    }
  }
  if (
    keyManagement &&
    progress.weight >= progress.deploymentThreshold &&
    progress.weight < progress.keyManagementThreshold
  ) {
    error('BelowKeyManagementThreshold', progress.summary, {
      weight: progress.weight,
      keyManagementThreshold: progress.keyManagementThreshold,
    })
  }

  const payment =
    typeof submission.paymentAmount === 'bigint' && submission.payment === 'standard'
      ? submission.paymentAmount
      : undefined
  if (submission.payment === 'custom' || submission.payment === 'stored') {
    warning('CustomPayment', 'the payment is not standard payment: its amount and cost are not checked here')
  }
  if (
    options.balance !== undefined &&
    payment !== undefined &&
    options.balance >= minimumBalance(limits) &&
    options.balance < payment
  ) {
    error(
      'PaymentExceedsBalance',
      `the purse holds ${options.balance} motes, less than the payment of ${payment}: the deploy would fail at execution`,
      { balance: options.balance, payment },
    )
  }

  let emulation: EmulateSessionReturnType | undefined
  if (!wasm) {
    warning(
      'UnknownSession',
      `the session is not session Wasm (${submission.session}): only signatures and limits were checked`,
    )
  } else {
    const digest = bytesToHex(sha256(wasm))
    if (digest !== twoPartyMultiSigWasmSha256 && digest !== configureAccountWasmSha256) {
      warning(
        'UnknownSession',
        'The session is Wasm that casper-multisig does not know: it can do anything the account can.',
      )
    }
    const signers = [
      ...progress.signed.map((s) => s.accountHash),
      ...(protocol === '2.0' ? progress.unassociated.map((s) => s.accountHash) : []),
      ...(progress.complete ? [] : (progress.neededSets[0] ?? [])),
    ]
    const gasPrice = protocol === '1.5' ? Math.max(1, submission.gasPrice) : Math.max(1, limits.gasPrice.min)
    // The session runs with the gas its payment buys, as on the node: a loop ends there at once.
    const gasLimit = sessionGasLimit(chainspec, payment, gasPrice)
    emulation = await emulateSession({
      wasm,
      args: submission.sessionArgs,
      account,
      signers: signers.length > 0 ? signers : Object.keys(account.associatedKeys),
      chainspec,
      gasLimit,
    })
    // Out of gas at what the payment buys (not at a lane's or block's smaller limit): the payment is short.
    if (
      !emulation.ok &&
      emulation.failure?.kind === 'outOfGas' &&
      payment !== undefined &&
      gasLimit === payment / BigInt(gasPrice)
    ) {
      error(
        'PaymentBelowCost',
        `payment ${payment} motes buys ${gasLimit} gas and the session runs out of gas within it: the deploy would fail, change nothing and be charged the whole payment`,
        { payment, gasLimit },
      )
    } else if (!emulation.ok) {
      error('SessionWouldFail', `the session would fail: ${emulation.failure?.message}`, {
        revert: emulation.revert ? `${emulation.revert.name} [${emulation.revert.code}]` : undefined,
      })
    } else if (payment !== undefined) {
      const cost = emulation.gas.total * BigInt(gasPrice)
      if (payment < cost) {
        error(
          'PaymentBelowCost',
          `payment ${payment} motes is below the emulated cost ${cost} motes: the deploy would run out of gas`,
          { payment, cost },
        )
      }
    }
  }

  const errors = issues.filter((i) => i.severity === 'error')
  return {
    ready: errors.length === 0,
    errors,
    warnings: issues.filter((i) => i.severity === 'warning'),
    progress,
    submission,
    emulation,
    payment,
  }
}

/**
 * {@link preflight}, throwing when the submission is not ready.
 *
 * @throws {PreflightError} code `NotReady`, with every error in `issues`.
 * @example
 * ```ts
 * await assertReady(merged, account, { chainName: 'casper' }) // then send it
 * ```
 */
export async function assertReady(
  deployOrTransaction: DeployJson | TransactionJson,
  account: Account,
  options: PreflightOptions = {},
): Promise<PreflightReturnType> {
  const report = await preflight(deployOrTransaction, account, options)
  if (!report.ready) throw new PreflightError(report.errors)
  return report
}

function isTransaction(value: DeployJson | TransactionJson): value is TransactionJson {
  return typeof value === 'object' && value !== null && 'Version1' in value
}

function limitsOf(options: PreflightOptions, base: Chainspec, submission: Submission): AcceptanceLimits {
  return {
    ...base,
    chainName: options.chainName ?? (options.chainspec ? base.chainName : submission.chainName),
  }
}

/** The decoded submission's hashes and verified approvals, in the form `signatureProgress` reads. */
function verificationOf(s: Submission, limits: AcceptanceLimits): VerifyDeployReturnType {
  const problems: VerifyDeployReturnType['problems'] = []
  if (!s.bodyHashOk)
    problems.push({ code: 'BodyHashMismatch', message: 'the body hash does not match payment and session' })
  if (s.hash !== s.computedHash) {
    problems.push({ code: 'HashMismatch', message: `expected hash ${s.computedHash}, got ${s.hash}` })
  }
  if (s.approvals.length === 0)
    problems.push({ code: 'EmptyApprovals', message: 'expected at least 1 approval, got 0' })
  if (s.approvals.length > limits.maxAssociatedKeys) {
    problems.push({
      code: 'ExcessiveApprovals',
      message: `expected at most ${limits.maxAssociatedKeys} approvals, got ${s.approvals.length}`,
    })
  }
  const valid: VerifyDeployReturnType['valid'] = []
  const rejected: VerifyDeployReturnType['rejected'] = []
  s.approvals.forEach(({ approval, verdict }, index) => {
    if (verdict.ok) valid.push({ index, approval, accountHash: verdict.accountHash })
    else rejected.push({ index, approval, reason: verdict.reason, message: verdict.message })
  })
  return {
    ok: problems.length === 0 && rejected.length === 0,
    bodyHash: '',
    hash: s.computedHash,
    problems,
    valid,
    rejected,
    approvalCount: s.approvals.length,
  }
}
