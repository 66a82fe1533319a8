// Everything casper-node would refuse or fail, checked before a deploy is sent.
import type { Account } from '../account/Account.js'
import { type SignatureProgress, signatureProgress } from '../approvals/signatureProgress.js'
import { verifyDeploy } from '../approvals/verifyApproval.js'
import { type EmulateSessionReturnType, emulateSession, type Protocol } from '../emulator/emulateSession.js'
import { hexToBytes } from '../encoding/hex.js'
import { parseModule } from '../wasm/parseModule.js'
import { maxDeployTtl } from './buildModuleBytesDeploy.js'
import { argBytes } from './clValueJson.js'
import type { DeployJson, NamedArgJson } from './DeployJson.js'
import { describeDeploy } from './describeDeploy.js'
import { parseDuration } from './duration.js'
import { PreflightError } from './PreflightError.js'

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
}

/** Stable codes of preflight findings. */
export type PreflightCode =
  | 'HashMismatch'
  | 'BodyHashMismatch'
  | 'NoApprovals'
  | 'TooManyApprovals'
  | 'InvalidApproval'
  | 'UnassociatedSigner'
  | 'BelowDeploymentThreshold'
  | 'BelowKeyManagementThreshold'
  | 'Expired'
  | 'TtlTooLong'
  | 'FutureTimestamp'
  | 'WrongChain'
  | 'DependenciesNotAllowed'
  | 'TooManyDependencies'
  | 'SessionArgsTooLong'
  | 'PaymentBelowCost'
  | 'SessionWouldFail'
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

const keyManagementImports = new Set([
  'casper_add_associated_key',
  'casper_update_associated_key',
  'casper_remove_associated_key',
  'casper_set_action_threshold',
])

/**
 * Checks a deploy against everything the node checks on submission and execution, without sending
 * it: hashes, every approval (tag and signature), 1..100 approvals, unassociated signers, the
 * deployment threshold and, for sessions that manage keys, the key-management threshold of the
 * account as it is now; expiry and the 2-hour TTL; the chain name; dependencies (none on 2.0);
 * session-args size; payment against the emulated cost; and the emulated run of the session itself.
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

  // Header (node `deploy_acceptor.rs`, chainspec `deploys.max_ttl`, `max_dependencies`).
  const timestamp = new Date(deploy.header.timestamp)
  const ttl = parseDuration(deploy.header.ttl)
  const expiresAt = new Date(timestamp.getTime() + ttl)
  if (ttl > maxDeployTtl) error('TtlTooLong', `TTL ${deploy.header.ttl} exceeds the 2h maximum`)
  if (expiresAt <= now)
    error('Expired', `the deploy expired at ${expiresAt.toISOString()}; build and sign it again`)
  else if (timestamp > now)
    warning('FutureTimestamp', `the timestamp ${timestamp.toISOString()} is in the future`)
  if (options.chainName !== undefined && deploy.header.chain_name !== options.chainName) {
    error('WrongChain', `expected chain "${options.chainName}", got "${deploy.header.chain_name}"`)
  }
  const dependencies = deploy.header.dependencies.length
  if (protocol === '2.0' && dependencies > 0)
    error('DependenciesNotAllowed', 'Casper 2.0 refuses deploys with dependencies')
  if (dependencies > 10) error('TooManyDependencies', `expected at most 10 dependencies, got ${dependencies}`)
  const argsLength = sessionArgsLength(Object.values(deploy.session)[0]?.args ?? [])
  const maxArgs = options.maxSessionArgsLength ?? 1024
  if (argsLength > maxArgs) {
    error('SessionArgsTooLong', `session args are ${argsLength} bytes, expected at most ${maxArgs}`)
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

/** Whether the module imports any key-management host function. */
function managesKeys(wasm: Uint8Array): boolean {
  try {
    return parseModule(wasm).imports.some((i) => i.module === 'env' && keyManagementImports.has(i.name))
  } catch {
    return true
  }
}

/**
 * Serialized `RuntimeArgs` length from JSON args: u32 count + per arg the name (u32 + UTF-8), the
 * CLValue bytes (u32 + bytes) and its CLType bytes.
 */
function sessionArgsLength(args: readonly NamedArgJson[]): number {
  const utf8 = (s: string) => new TextEncoder().encode(s).length
  return args.reduce(
    (sum, arg) => sum + 4 + utf8(arg[0]) + 4 + argBytes(arg).length + clTypeLength(arg[1].cl_type),
    4,
  )
}

/** Serialized length of a JSON CLType (casper-types `cl_type.rs`). */
function clTypeLength(type: unknown): number {
  if (typeof type === 'string') return 1
  if (typeof type !== 'object' || type === null) return 1
  const [name, inner] = Object.entries(type)[0] ?? ['', undefined]
  switch (name) {
    case 'ByteArray':
      return 1 + 4
    case 'List':
    case 'Option':
      return 1 + clTypeLength(inner)
    case 'Map':
      return (
        1 + clTypeLength((inner as { key: unknown }).key) + clTypeLength((inner as { value: unknown }).value)
      )
    case 'Result':
      return 1 + clTypeLength((inner as { ok: unknown }).ok) + clTypeLength((inner as { err: unknown }).err)
    case 'Tuple1':
    case 'Tuple2':
    case 'Tuple3':
      return 1 + (inner as unknown[]).reduce<number>((sum, t) => sum + clTypeLength(t), 0)
    default:
      return 1
  }
}
