// Everything casper-node would refuse or fail, checked before a deploy is sent.
import type { Account } from '../account/Account.js'
import { accountHashFromPublicKey } from '../account/accountHash.js'
import { type SignatureProgress, signatureProgress } from '../approvals/signatureProgress.js'
import { verifyDeploy } from '../approvals/verifyApproval.js'
import { type EmulateSessionReturnType, emulateSession, type Protocol } from '../emulator/emulateSession.js'
import { hexToBytes } from '../encoding/hex.js'
import { managesKeys } from '../wasm/managesKeys.js'
import { maxDeployTtl } from './buildModuleBytesDeploy.js'
import { argBytes, decodeU512 } from './clValueJson.js'
import type { ApprovalJson, DeployJson, ExecutableDeployItemJson } from './DeployJson.js'
import { describeDeploy } from './describeDeploy.js'
import { formatDuration, parseDuration, parseTimestamp } from './duration.js'
import { PreflightError } from './PreflightError.js'
import { sdkDeployFromJson } from './sdk.js'

/** Options of {@link preflight}. */
export type PreflightOptions = {
  /** The chain the deploy is meant for, e.g. `'casper'`; checked against the header when given. */
  chainName?: string | undefined
  /** Default `'1.5'`. */
  protocol?: Protocol | undefined
  /** Default: now. */
  now?: Date | number | undefined
  /** `deploys.session_args_max_length`; default 1024. */
  maxSessionArgsLength?: number | undefined
  /** `deploys.payment_args_max_length`; default 1024. */
  maxPaymentArgsLength?: number | undefined
  /** `deploys.max_deploy_size` in bytes; default 1_048_576. */
  maxDeploySize?: number | undefined
  /**
   * The node's `timestamp_leeway` in milliseconds: how far in the future a timestamp may be
   * (config.toml default `'2 seconds'`; the chainspec allows at most 5 s). Default 2000.
   */
  timestampLeewayMs?: number | undefined
  /**
   * `deploys.block_gas_limit` in gas: the most a (non-transfer) deploy may pay. Default
   * 4_000_000_000_000 on 1.5 (v1.5.8 mainnet chainspec), 3_300_000_000_000 on 2.0.
   */
  blockGasLimit?: bigint | undefined
  /**
   * The balance of the account's main purse in motes, when known (e.g. from `query_balance`).
   * The node refuses a deploy from an account holding less than 2_500_000_000 motes.
   */
  balance?: bigint | undefined
}

/** casper-node v1.5.8 mainnet `deploys.max_deploy_size`. */
export const maxDeploySize = 1_048_576
/** execution_engine `engine_state/mod.rs` `MAX_PAYMENT` (v1.5.8): the balance the deploy acceptor requires. */
export const minimumAccountBalance = 2_500_000_000n
const blockGasLimits: Record<Protocol, bigint> = { '1.5': 4_000_000_000_000n, '2.0': 3_300_000_000_000n }

/**
 * Stable codes of preflight findings. Node errors are named after casper-node v1.5.8
 * `DeployConfigurationFailure` (types/deploy/error.rs) and `deploy_acceptor.rs` `Error`.
 */
export type PreflightCode =
  /** The hash is not the hash of the header (`InvalidDeployHash`). */
  | 'HashMismatch'
  /** The body hash is not the hash of payment and session (`InvalidBodyHash`). */
  | 'BodyHashMismatch'
  /** No approvals (`EmptyApprovals`). */
  | 'NoApprovals'
  /** More approvals than `max_associated_keys` (`ExcessiveApprovals`). */
  | 'TooManyApprovals'
  /** An approval whose signature does not verify (`InvalidApproval`). */
  | 'InvalidApproval'
  /** A signer that is not an associated key (1.5: error, "account authorization invalid"; 2.0: warning). */
  | 'UnassociatedSigner'
  /** Signers' weight below the deployment threshold ("insufficient deploy signature weight"). */
  | 'BelowDeploymentThreshold'
  /** Signers' weight below the key-management threshold, for a session that manages keys. */
  | 'BelowKeyManagementThreshold'
  /** `timestamp + ttl < now` (`ExpiredDeploy`). */
  | 'Expired'
  /** TTL above `deploys.max_ttl`, 2 hours (`ExcessiveTimeToLive`). */
  | 'TtlTooLong'
  /** Timestamp later than now plus the timestamp leeway (`TimestampInFuture`). */
  | 'FutureTimestamp'
  /** Header chain name is not the expected one (`InvalidChainName`). */
  | 'WrongChain'
  /** Dependencies on Casper 2.0, which refuses them. */
  | 'DependenciesNotAllowed'
  /** More than `deploys.max_dependencies`, 10 (`ExcessiveDependencies`). */
  | 'TooManyDependencies'
  /** Session args longer than `deploys.session_args_max_length` (`ExcessiveSessionArgsLength`). */
  | 'SessionArgsTooLong'
  /** Payment args longer than `deploys.payment_args_max_length` (`ExcessivePaymentArgsLength`). */
  | 'PaymentArgsTooLong'
  /** No payment `amount` arg, for a session that is not a transfer (`MissingPaymentAmount`). */
  | 'MissingPaymentAmount'
  /** A payment `amount` arg that is not a U512 (`FailedToParsePaymentAmount`). */
  | 'InvalidPaymentAmount'
  /** Payment amount above `deploys.block_gas_limit` (`ExceededBlockGasLimit`). */
  | 'ExceededBlockGasLimit'
  /** Serialized deploy larger than `deploys.max_deploy_size` (`ExcessiveSize`). */
  | 'DeployTooLarge'
  /** Main purse balance below `MAX_PAYMENT`, 2.5 CSPR (`InsufficientBalance`); only with `options.balance`. */
  | 'InsufficientBalance'
  /** Payment below the emulated cost: the session would run out of gas. */
  | 'PaymentBelowCost'
  /** The emulated session reverts or traps. */
  | 'SessionWouldFail'
  /** The session is not one the emulator knows (warning). */
  | 'UnknownSession'

/** One finding: errors make the node refuse or fail the deploy; warnings deserve a look. */
export type PreflightIssue = {
  code: PreflightCode
  severity: 'error' | 'warning'
  message: string
  details?: Record<string, unknown> | undefined
}

/** Result of {@link preflight}. */
export type PreflightReturnType = {
  /** No errors: the node would accept the deploy and the session would succeed. */
  ready: boolean
  errors: PreflightIssue[]
  warnings: PreflightIssue[]
  progress: SignatureProgress
  /**
   * The session run in the emulator as it will run once fully signed: by the keys that signed,
   * plus the smallest set still needed when the signatures are not complete yet.
   */
  emulation?: EmulateSessionReturnType | undefined
  /** Standard payment in motes, when the payment is standard. */
  payment?: bigint | undefined
}

/**
 * Checks a deploy against everything the node checks on submission and execution, without sending
 * it: hashes, every approval (tag and signature), 1..100 approvals, unassociated signers, the
 * deployment threshold and, for sessions that manage keys, the key-management threshold of the
 * account as it is now; expiry (`timestamp + ttl < now`), a timestamp beyond now plus the node's
 * leeway, and the 2-hour TTL; the chain name; dependencies (none on 2.0); session and payment args
 * sizes; the payment `amount` (present, a U512, within the block gas limit) unless the session is a
 * transfer; the serialized deploy size; the account balance when `options.balance` is given;
 * payment against the emulated cost; and the emulated run of the session itself.
 *
 * @example
 * ```ts
 * const report = await preflight(merged, await getAccount(...), { chainName: 'casper' })
 * if (!report.ready) for (const e of report.errors) console.error(`${e.code}: ${e.message}`)
 * report.progress.summary // 'weight 2 of 2 (key management)'
 * ```
 */
export async function preflight(
  deploy: DeployJson,
  account: Account,
  options: PreflightOptions = {},
): Promise<PreflightReturnType> {
  const protocol = options.protocol ?? '1.5'
  const now = new Date(options.now ?? Date.now())
  const issues: PreflightIssue[] = []
  const error = (code: PreflightCode, message: string, details?: Record<string, unknown>) =>
    issues.push({ code, severity: 'error', message, details })
  const warning = (code: PreflightCode, message: string, details?: Record<string, unknown>) =>
    issues.push({ code, severity: 'warning', message, details })

  const session = deploy.session.ModuleBytes
  const wasm = session ? hexToBytes(String(session.module_bytes)) : undefined
  const keyManagement = wasm ? managesKeys(wasm) : false

  // Hashes, approvals and thresholds (node `types/deploy.rs` is_valid, `deploy_acceptor.rs`).
  const verification = verifyDeploy(deploy)
  for (const problem of verification.problems) {
    const code = (
      { EmptyApprovals: 'NoApprovals', ExcessiveApprovals: 'TooManyApprovals' } as Record<
        string,
        PreflightCode
      >
    )[problem.code]
    error(code ?? (problem.code as PreflightCode), problem.message)
  }
  for (const rejected of verification.rejected) {
    error(
      'InvalidApproval',
      `approval ${rejected.index + 1} (${rejected.approval.signer}): ${rejected.message}`,
      {
        reason: rejected.reason,
      },
    )
  }
  const progress = signatureProgress(deploy, account, { keyManagement, protocol })
  for (const stranger of progress.unassociated) {
    const message = `${stranger.publicKey} is not an associated key of the account`
    if (protocol === '1.5')
      error('UnassociatedSigner', `${message}: casper-node 1.5 refuses the whole deploy`)
    else warning('UnassociatedSigner', `${message}: it counts for nothing`)
  }
  if (progress.weight < progress.deploymentThreshold) {
    error('BelowDeploymentThreshold', progress.summary, {
      weight: progress.weight,
      deploymentThreshold: progress.deploymentThreshold,
    })
  } else if (keyManagement && progress.weight < progress.keyManagementThreshold) {
    error('BelowKeyManagementThreshold', progress.summary, {
      weight: progress.weight,
      keyManagementThreshold: progress.keyManagementThreshold,
    })
  }

  // Header (node `deploy_header.rs` is_valid and expired, `deploy_acceptor.rs`, chainspec
  // `deploys.max_ttl`, `max_dependencies`; texts from `types/deploy/error.rs`).
  const timestamp = parseTimestamp(deploy.header.timestamp)
  const ttl = parseDuration(deploy.header.ttl)
  const expiresAt = timestamp + ttl
  if (ttl > maxDeployTtl) error('TtlTooLong', `TTL ${deploy.header.ttl} exceeds the 2h maximum`)
  // `expires() < now`: a deploy is still accepted in its last millisecond.
  if (expiresAt < now.getTime()) {
    error(
      'Expired',
      `deploy received by the node expired at ${iso(expiresAt)} with node's time at ${iso(now.getTime())}; build and sign it again`,
    )
  }
  const leeway = options.timestampLeewayMs ?? 2_000
  if (timestamp > now.getTime() + leeway) {
    error(
      'FutureTimestamp',
      `timestamp of ${iso(timestamp)} is later than node's validation timestamp of ${iso(now.getTime())} plus leeway of ${formatDuration(leeway)}`,
      { timestamp: iso(timestamp), now: iso(now.getTime()), leewayMs: leeway },
    )
  }
  if (options.chainName !== undefined && deploy.header.chain_name !== options.chainName) {
    error('WrongChain', `expected chain "${options.chainName}", got "${deploy.header.chain_name}"`)
  }
  const dependencies = deploy.header.dependencies.length
  if (protocol === '2.0' && dependencies > 0)
    error('DependenciesNotAllowed', 'Casper 2.0 refuses deploys with dependencies')
  if (dependencies > 10) error('TooManyDependencies', `expected at most 10 dependencies, got ${dependencies}`)

  // Configuration (node `types/deploy.rs` is_config_compliant): args lengths, payment, size.
  const sdkDeploy = sdkDeployFromJson({ ...deploy, approvals: approvalSet(deploy.approvals) })
  const argsLength = sdkDeploy.session.getArgs().toBytes().length
  const maxArgs = options.maxSessionArgsLength ?? 1024
  if (argsLength > maxArgs) {
    error('SessionArgsTooLong', `session args are ${argsLength} bytes, expected at most ${maxArgs}`)
  }
  const paymentArgsLength = sdkDeploy.payment.getArgs().toBytes().length
  const maxPaymentArgs = options.maxPaymentArgsLength ?? 1024
  if (paymentArgsLength > maxPaymentArgs) {
    error(
      'PaymentArgsTooLong',
      `serialized payment code runtime args of ${paymentArgsLength} exceeds limit of ${maxPaymentArgs}`,
      { length: paymentArgsLength, maxLength: maxPaymentArgs },
    )
  }
  // Transfers have a fixed cost, so only other sessions have their payment checked.
  if (!('Transfer' in deploy.session)) {
    const amount = paymentAmount(deploy.payment)
    const limit = options.blockGasLimit ?? blockGasLimits[protocol]
    if (amount === 'missing') {
      error('MissingPaymentAmount', "missing payment 'amount' runtime argument")
    } else if (amount === 'unparsable') {
      error('InvalidPaymentAmount', "failed to parse payment 'amount' as U512")
    } else if (amount > limit) {
      error('ExceededBlockGasLimit', `payment amount of ${amount} exceeds the block gas limit of ${limit}`, {
        payment: amount,
        blockGasLimit: limit,
      })
    }
  }
  const size = sdkDeploy.toBytes().length
  const maxSize = options.maxDeploySize ?? maxDeploySize
  if (size > maxSize) {
    error(
      'DeployTooLarge',
      `deploy size too large: deploy size of ${size} bytes exceeds limit of ${maxSize}`,
      {
        size,
        maxDeploySize: maxSize,
      },
    )
  }
  // deploy_acceptor.rs handle_get_balance_result: `balance >= MAX_PAYMENT`.
  if (options.balance !== undefined && options.balance < minimumAccountBalance) {
    const accountHash = accountHashFromPublicKey(deploy.header.account)
    error(
      'InsufficientBalance',
      `insufficient balance in account with hash ${accountHash}: ${options.balance} motes, the node requires at least ${minimumAccountBalance}`,
      { balance: options.balance, required: minimumAccountBalance },
    )
  }

  // The session itself, as it will run once signed.
  let emulation: EmulateSessionReturnType | undefined
  const description = await describeDeploy(deploy, { now })
  if (description.session.kind === 'unknown-wasm' || description.session.kind === 'not-module-bytes') {
    warning('UnknownSession', description.warnings[0] ?? 'unknown session')
  }
  if (wasm && session) {
    const signers = [
      ...progress.signed.map((s) => s.accountHash),
      ...(protocol === '2.0' ? progress.unassociated.map((s) => s.accountHash) : []),
      ...(progress.complete ? [] : (progress.neededSets[0] ?? [])),
    ]
    emulation = await emulateSession({
      wasm,
      args: session.args.map((arg) => ({ name: arg[0], value: argBytes(arg) })),
      account,
      signers: signers.length > 0 ? signers : Object.keys(account.associatedKeys),
      protocol,
    })
    if (!emulation.ok) {
      error('SessionWouldFail', `the session would fail: ${emulation.failure?.message}`, {
        revert: emulation.revert ? `${emulation.revert.name} [${emulation.revert.code}]` : undefined,
      })
    }
  }
  const payment = 'motes' in description.payment ? description.payment.motes : undefined
  if (payment !== undefined && emulation?.ok) {
    const cost = emulation.gas.total * BigInt(deploy.header.gas_price)
    if (payment < cost) {
      error(
        'PaymentBelowCost',
        `payment ${payment} motes is below the emulated cost ${cost} motes: the deploy would run out of gas`,
        {
          payment,
          cost,
        },
      )
    }
  }

  const errors = issues.filter((i) => i.severity === 'error')
  return {
    ready: errors.length === 0,
    errors,
    warnings: issues.filter((i) => i.severity === 'warning'),
    progress,
    emulation,
    payment,
  }
}

/**
 * {@link preflight}, throwing when the deploy is not ready.
 *
 * @throws {PreflightError} code `NotReady`, with every error in `issues`.
 * @example
 * ```ts
 * await assertReady(merged, account, { chainName: 'casper' }) // then send it
 * ```
 */
export async function assertReady(
  deploy: DeployJson,
  account: Account,
  options: PreflightOptions = {},
): Promise<PreflightReturnType> {
  const report = await preflight(deploy, account, options)
  if (!report.ready) throw new PreflightError(report.errors)
  return report
}

/** The approvals as the node holds them: a set (`BTreeSet<Approval>`), so duplicates count once. */
function approvalSet(approvals: readonly ApprovalJson[]): ApprovalJson[] {
  const seen = new Map<string, ApprovalJson>()
  for (const a of approvals) seen.set(`${a.signer.toLowerCase()}:${a.signature.toLowerCase()}`, a)
  return [...seen.values()]
}

/**
 * The payment `amount` as `is_config_compliant` reads it (types/deploy.rs v1.5.8): the `amount`
 * arg of any payment variant, converted with `CLValue::into_t::<U512>` (type exactly U512, bytes a
 * length byte of at most 64 and exactly that many value bytes).
 */
function paymentAmount(payment: ExecutableDeployItemJson): bigint | 'missing' | 'unparsable' {
  const body = Object.values(payment)[0]
  const arg = body?.args.find((a) => a[0] === 'amount')
  if (!arg) return 'missing'
  if (arg[1].cl_type !== 'U512') return 'unparsable'
  const bytes = argBytes(arg)
  const length = bytes[0]
  if (length === undefined || length > 64 || bytes.length !== 1 + length) return 'unparsable'
  return decodeU512(bytes)
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
