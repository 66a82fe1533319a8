// What a co-signer approves in a TransactionV1, in full: every key whole (and labelled), every text made safe.
import type { AccountHashHex } from '../account/Account.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import type { CosignTransaction } from '../cosign/CosignFile.js'
import { type CosignNetwork, mainnet } from '../cosign/cosignNetwork.js'
import type { FileDescription, RuntimeDescription } from '../cosign/describeFile.js'
import type { SigningProgress } from '../cosign/signingProgress.js'
import type { FileProblemCode } from '../cosign/verifyFile.js'
import { describeChange } from '../preflight/describeDeploy.js'
import { safeText } from '../text/safeText.js'
import { keyJson, keyName } from './labels.js'

/** The problems `sign --force` may override: the file is intact, only its time or chain is off. */
const overridable: ReadonlySet<FileProblemCode> = new Set([
  'WrongChain',
  'Expired',
  'TtlTooLong',
  'FutureTimestamp',
])

/**
 * The rules a transaction is checked against: the node's chainspec when there is a node, else
 * mainnet's limits with the chain named by `--chain-name`, or the file's own chain when none is
 * given (so a file is not refused for its chain unless a chain was asked for).
 *
 * @example
 * ```ts
 * describeFile(file, { network: transactionNetwork(file, { chainName: 'casper-test' }) })
 * ```
 */
export function transactionNetwork(
  file: CosignTransaction,
  context: { chainName?: string | undefined; chainspec?: Chainspec | undefined },
): CosignNetwork {
  const base: CosignNetwork = context.chainspec ?? mainnet
  return { ...base, chainName: context.chainName ?? context.chainspec?.chainName ?? file.payload.chainName }
}

/**
 * The reasons the file must not be signed even with `--force`: its content does not match its hash,
 * or an approval on it does not verify.
 */
export function integrityProblems(description: FileDescription): string[] {
  const problems = description.verification.problems
    .filter((p) => !overridable.has(p.code))
    .map((p) => `${p.code}: ${safeText(p.message)}`)
  const rejected = description.verification.approvals.filter((a) => !a.ok).length
  if (rejected > 0) {
    problems.push(
      `${rejected} approval(s) do not verify; the node refuses a file carrying any invalid approval`,
    )
  }
  return problems
}

/**
 * The lines `describe` and `sign` print for a TransactionV1: `DO NOT SIGN: …` first when it must not
 * be signed, then its hash, account, chain, code, each change, payment, expiry, signers, warnings.
 *
 * @example
 * ```ts
 * for (const line of transactionLines(describeFile(file, { network }), labels)) io.out(line)
 * ```
 */
export function transactionLines(
  description: FileDescription,
  labels: ReadonlyMap<AccountHashHex, string>,
): string[] {
  const name = (hash: string) => keyName(hash, labels)
  const { code, verification } = description
  const signers = verification.approvals.flatMap((a) => (a.ok ? [a.accountHash] : []))
  const expired = description.expiresAt <= Date.now()
  return [
    ...(description.doNotSign.length > 0
      ? [`DO NOT SIGN: ${description.doNotSign.map((text) => safeText(text)).join('; ')}.`]
      : []),
    `Transaction ${description.hash}`,
    `Account: ${name(description.account.accountHash)}`,
    `Chain: ${safeText(description.chainName)}`,
    `Session: ${codeText(code)}`,
    ...(description.runtime ? [`Runtime: ${runtimeText(description.runtime)}`] : []),
    ...description.changes.map((change) => `  ${describeChange(change, name)}`),
    `Payment: ${description.paymentMotes === undefined ? '' : `${description.paymentMotes} motes, `}${safeText(description.pricing)}${description.ifFailsMotes === undefined ? '' : `; if it fails: ${description.ifFailsMotes} motes, no refund`}`,
    `Expires: ${new Date(description.expiresAt).toISOString()}${expired ? ' (expired)' : ''}`,
    signers.length > 0 ? 'Signed by:' : 'Signed by: nobody yet',
    ...signers.map((hash) => `  ${name(hash)}`),
    ...verification.approvals.flatMap((a) =>
      a.ok
        ? []
        : [
            `Invalid approval by ${safeText(a.approval.signer)} (approvals[${a.index}]): ${a.reason}: ${safeText(a.message)}`,
          ],
    ),
    ...description.warnings.map((w) => `Warning: ${safeText(w)}`),
  ]
}

/** The description for `--json`: full hashes, labels, changes, signers. */
export function transactionDescriptionJson(
  description: FileDescription,
  labels: ReadonlyMap<AccountHashHex, string>,
) {
  return {
    kind: 'transaction',
    hash: description.hash,
    safeToSign: description.doNotSign.length === 0,
    doNotSign: description.doNotSign,
    account: {
      ...keyJson(description.account.accountHash, labels),
      publicKey: description.account.publicKey,
    },
    chainName: description.chainName,
    session: description.code,
    runtime:
      description.runtime?.name === 'VmCasperV2'
        ? { ...description.runtime, transferredValue: String(description.runtime.transferredValue) }
        : description.runtime,
    changes: description.changes.map((change) =>
      'accountHash' in change ? { ...change, ...keyJson(change.accountHash, labels) } : change,
    ),
    args: description.args,
    payment: {
      motes: description.paymentMotes === undefined ? undefined : String(description.paymentMotes),
      pricing: description.pricing,
      ifFailsMotes: description.ifFailsMotes === undefined ? undefined : String(description.ifFailsMotes),
    },
    expiresAt: new Date(description.expiresAt).toISOString(),
    expired: description.expiresAt <= Date.now(),
    signers: description.verification.approvals.flatMap((a) =>
      a.ok ? [{ ...keyJson(a.accountHash, labels), publicKey: a.approval.signer }] : [],
    ),
    invalidApprovals: description.verification.approvals.flatMap((a) =>
      a.ok ? [] : [{ index: a.index, publicKey: a.approval.signer, reason: a.reason, message: a.message }],
    ),
    warnings: description.warnings,
  }
}

/** `weight 1 of 2 (key management); still needed: account-hash-… (bob)`, or `…; complete`. */
export function signingProgressText(
  progress: SigningProgress,
  labels: ReadonlyMap<AccountHashHex, string>,
): string {
  const head = `weight ${progress.weight} of ${progress.needed} (${progress.neededFor})`
  if (progress.complete) return `${head}; complete`
  const missing = progress.missing.map((m) => `${keyName(m.accountHash, labels)} weight ${m.weight}`)
  return `${head}; not signed yet: ${missing.join(', ') || 'nobody left to sign'}`
}

/** The progress for `--json`. */
export function signingProgressJson(progress: SigningProgress, labels: ReadonlyMap<AccountHashHex, string>) {
  return {
    weight: progress.weight,
    needed: progress.needed,
    neededFor: progress.neededFor,
    complete: progress.complete,
    signed: progress.signed.map(({ accountHash, weight }) => ({ ...keyJson(accountHash, labels), weight })),
    missing: progress.missing.map(({ accountHash, weight }) => ({ ...keyJson(accountHash, labels), weight })),
  }
}

function codeText(code: FileDescription['code']): string {
  switch (code.kind) {
    case 'two-party-multi-sig':
    case 'configure-account':
      return `${code.kind} (bundled, sha256 ${code.sha256})`
    case 'unknown-wasm':
      return `unknown-wasm (sha256 ${code.sha256}, ${code.bytes} bytes)`
    case 'stored':
      return `stored contract ${safeText(code.target)}, entry point ${safeText(code.entryPoint)}`
    default:
      return `${code.kind} ${safeText(code.entryPoint)}`
  }
}

/** `VmCasperV1`, or `VmCasperV2` with its transferred value and seed. */
export function runtimeText(runtime: RuntimeDescription): string {
  return runtime.name === 'VmCasperV1'
    ? 'VmCasperV1'
    : `VmCasperV2, transferred value ${runtime.transferredValue} motes, seed ${runtime.seed ?? 'none'}`
}
