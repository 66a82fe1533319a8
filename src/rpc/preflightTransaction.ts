import type { Account, AccountHashHex } from '../account/Account.js'
import { accountHashOf } from '../account/accountHash.js'
import { authorizationWeight } from '../account/accountRules.js'
import { verifyApproval } from '../approvals/verifyApproval.js'
import { maxDeployTtl } from '../deploy/buildModuleBytesDeploy.js'
import { DeployError } from '../deploy/DeployError.js'
import { parseDuration, parseTimestamp } from '../deploy/duration.js'
import type { PreflightCode, PreflightIssue } from '../deploy/preflight.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { transactionHash } from '../deploy/transactionHash.js'
import { type EmulateSessionReturnType, emulateSession } from '../emulator/emulateSession.js'
import { hexToBytes } from '../encoding/hex.js'
import { isObject } from '../encoding/isObject.js'
import { managesKeys } from '../wasm/managesKeys.js'

/** Options of {@link preflightTransaction}. */
export type PreflightTransactionOptions = {
  /** The chain the transaction is meant for; checked against `payload.chain_name` when given. */
  chainName?: string | undefined
  /** Default: now. */
  now?: Date | number | undefined
  /** How far in the future the timestamp may be (the node's `timestamp_leeway`); default 2000 ms. */
  timestampLeewayMs?: number | undefined
}

/** What {@link preflightTransaction} reports. */
export type PreflightTransactionReturnType = {
  ready: boolean
  errors: PreflightIssue[]
  warnings: PreflightIssue[]
  /** The initiator's account hash (`payload.initiator_addr`). */
  initiator: AccountHashHex
  /** Distinct signers with a valid approval. */
  signers: AccountHashHex[]
  /** Their saturating weight on the account. */
  weight: number
  /** The session run in the emulator under 2.0 rules, when the target is session Wasm. */
  emulation?: EmulateSessionReturnType | undefined
}

/**
 * The subset of `preflight` that applies to a TransactionV1 (2.0): the hash recomputed from the
 * payload (casper-js-sdk's calltable serialisation, which reproduces real 2.0 vectors), 1..100
 * approvals each verifying (`verifyApproval`), unassociated signers (a warning: 2.0 counts them 0),
 * the deployment threshold and, for session Wasm that manages keys, the key-management threshold,
 * expiry, the 2-hour TTL, the chain name, and the session itself run in the emulator under 2.0 rules.
 * Not checked (the deploy preflight checks them; for transactions they depend on the network's
 * chainspec): payment against cost (2.0 pricing modes), session-args and transaction size limits (lanes).
 *
 * @throws {DeployError} code `InvalidTransactionJson` when a field it reads is missing or malformed.
 * @example
 * ```ts
 * const report = await preflightTransaction(transaction, account, { chainName: 'casper' })
 * if (!report.ready) throw new PreflightError(report.errors)
 * ```
 */
export async function preflightTransaction(
  transaction: TransactionJson,
  account: Account,
  options: PreflightTransactionOptions = {},
): Promise<PreflightTransactionReturnType> {
  const issues: PreflightIssue[] = []
  const error = (code: PreflightCode, message: string, details?: Record<string, unknown>) =>
    issues.push({ code, severity: 'error', message, details })
  const warning = (code: PreflightCode, message: string, details?: Record<string, unknown>) =>
    issues.push({ code, severity: 'warning', message, details })
  const now = new Date(options.now ?? Date.now())
  const v1 = transaction.Version1
  if (!isObject(v1)) invalid('Version1', 'the TransactionV1 under Version1', v1)
  const hash = str(v1.hash, 'Version1.hash', /^[0-9a-fA-F]{64}$/)
  const payload = obj(v1.payload, 'Version1.payload')
  const approvals = arr(v1.approvals, 'Version1.approvals') as TransactionJson['Version1']['approvals']
  const initiator = initiatorOf(payload.initiator_addr)

  // Hash (casper-types `TransactionV1::has_valid_hash`: blake2b-256 of the payload bytes).
  try {
    const computed = transactionHash(v1)
    if (computed !== hash.toLowerCase()) {
      error('HashMismatch', `expected hash ${computed} (of the payload), got ${hash}`, { computed, hash })
    }
  } catch (cause) {
    error('HashMismatch', `the payload could not be serialised to check the hash: ${String(cause)}`)
  }

  // Approvals (casper-node `transaction_acceptor.rs`, `TransactionV1::verify`).
  if (approvals.length === 0) error('NoApprovals', 'expected at least 1 approval, got 0')
  if (approvals.length > 100)
    error('TooManyApprovals', `expected at most 100 approvals, got ${approvals.length}`)
  const signers = new Set<AccountHashHex>()
  approvals.forEach((approval, i) => {
    const result = verifyApproval(hash, approval)
    if (result.ok) signers.add(result.accountHash)
    else
      error('InvalidApproval', `approval ${i + 1} (${approval.signer}): ${result.message}`, {
        reason: result.reason,
      })
  })
  for (const signer of signers) {
    if (!(signer in account.associatedKeys)) {
      warning(
        'UnassociatedSigner',
        `account-hash-${signer} is not an associated key of the account: it counts for nothing`,
      )
    }
  }

  // Session target and thresholds.
  const fields = isObject(payload.fields) ? payload.fields : {}
  const target = isObject(fields.target) ? fields.target : undefined
  const session = target && isObject(target.Session) ? target.Session : undefined
  const wasm = typeof session?.module_bytes === 'string' ? hexToBytes(session.module_bytes) : undefined
  const keyManagement = wasm ? managesKeys(wasm) : false
  const weight = authorizationWeight(account, signers)
  const { deployment, keyManagement: keyManagementThreshold } = account.actionThresholds
  if (weight < deployment) {
    error('BelowDeploymentThreshold', `weight ${weight} of ${deployment} (deployment)`, {
      weight,
      deployment,
    })
  } else if (keyManagement && weight < keyManagementThreshold) {
    error('BelowKeyManagementThreshold', `weight ${weight} of ${keyManagementThreshold} (key management)`, {
      weight,
      keyManagementThreshold,
    })
  }

  // Header fields (chainspec `transactions.max_ttl`; `transaction_acceptor.rs`).
  const timestamp = new Date(parseTimestamp(str(payload.timestamp, 'Version1.payload.timestamp')))
  const ttlText = str(payload.ttl, 'Version1.payload.ttl')
  const ttl = parseDuration(ttlText)
  const expiresAt = new Date(timestamp.getTime() + ttl)
  if (ttl > maxDeployTtl) error('TtlTooLong', `TTL ${ttlText} exceeds the 2h maximum`)
  // casper-types `TransactionV1Header::is_valid`: expired when `expires() < now`; a timestamp is
  // refused beyond `now + timestamp_leeway`.
  const leeway = options.timestampLeewayMs ?? 2000
  if (expiresAt < now)
    error('Expired', `the transaction expired at ${expiresAt.toISOString()}; build and sign it again`)
  else if (timestamp.getTime() > now.getTime() + leeway)
    error(
      'FutureTimestamp',
      `the timestamp ${timestamp.toISOString()} is more than ${leeway} ms in the future`,
    )
  const chainName = str(payload.chain_name, 'Version1.payload.chain_name')
  if (options.chainName !== undefined && chainName !== options.chainName) {
    error('WrongChain', `expected chain "${options.chainName}", got "${chainName}"`)
  }

  let emulation: EmulateSessionReturnType | undefined
  if (wasm) {
    const args = isObject(fields.args) && Array.isArray(fields.args.Named) ? fields.args.Named : []
    emulation = await emulateSession({
      wasm,
      args: args.map((arg, i) => {
        const [name, value] = arr(arg, `Version1.payload.fields.args.Named[${i}]`)
        const bytes = isObject(value) ? value.bytes : undefined
        if (typeof name !== 'string' || typeof bytes !== 'string') {
          invalid(`Version1.payload.fields.args.Named[${i}]`, '[name, { cl_type, bytes }]', arg)
        }
        return { name: name as string, value: hexToBytes(bytes as string) }
      }),
      account,
      signers: signers.size > 0 ? [...signers] : Object.keys(account.associatedKeys),
      protocol: '2.0',
    })
    if (!emulation.ok) {
      error('SessionWouldFail', `the session would fail: ${emulation.failure?.message}`, {
        revert: emulation.revert ? `${emulation.revert.name} [${emulation.revert.code}]` : undefined,
      })
    }
  } else {
    warning('UnknownSession', 'the target is not session Wasm: only signatures and header were checked')
  }

  const errors = issues.filter((i) => i.severity === 'error')
  return {
    ready: errors.length === 0,
    errors,
    warnings: issues.filter((i) => i.severity === 'warning'),
    initiator,
    signers: [...signers],
    weight,
    emulation,
  }
}

/**
 * The account hash of `payload.initiator_addr`: `{ "PublicKey": hex }` or
 * `{ "AccountHash": "account-hash-…" }` (casper-types `InitiatorAddr`).
 *
 * @throws {DeployError} code `InvalidTransactionJson` for any other shape.
 * @example
 * ```ts
 * initiatorOf({ PublicKey: '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c' })
 * // '83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2'
 * ```
 */
export function initiatorOf(initiator: unknown): AccountHashHex {
  if (isObject(initiator)) {
    const value = initiator.PublicKey ?? initiator.AccountHash
    if (typeof value === 'string') {
      try {
        return accountHashOf(value)
      } catch {}
    }
  }
  return invalid(
    'Version1.payload.initiator_addr',
    '{ "PublicKey": "01…" } or { "AccountHash": "account-hash-…" }',
    initiator,
  )
}

function str(value: unknown, path: string, pattern?: RegExp): string {
  if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
    return invalid(path, pattern ? `a string matching ${pattern}` : 'a string', value)
  }
  return value
}

function obj(value: unknown, path: string): Record<string, unknown> {
  return isObject(value) ? value : invalid(path, 'an object', value)
}

function arr(value: unknown, path: string): unknown[] {
  return Array.isArray(value) ? value : invalid(path, 'an array', value)
}

function invalid(path: string, expected: string, got: unknown): never {
  throw new DeployError(`Malformed transaction JSON: ${path}`, {
    code: 'InvalidTransactionJson',
    details: { field: path, expected, got: JSON.stringify(got)?.slice(0, 80) ?? 'nothing' },
  })
}
