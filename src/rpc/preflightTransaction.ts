// preflight for a TransactionV1: the same rulebook as deploys, with 2.x rules by default.
import type { Account, AccountHashHex } from '../account/Account.js'
import { accountHashOf } from '../account/accountHash.js'
import { authorizationWeight } from '../account/accountRules.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { isObject } from '../encoding/isObject.js'
import { DeployError } from '../errors/DeployError.js'
import { type PreflightOptions, type PreflightReturnType, preflight } from '../preflight/preflight.js'

/** Options of {@link preflightTransaction}: those of `preflight`; the rules default to Casper 2.x. */
export type PreflightTransactionOptions = PreflightOptions

/** What {@link preflightTransaction} reports: `preflight`'s report, with the initiator and its signers' weight. */
export type PreflightTransactionReturnType = PreflightReturnType & {
  /** The initiator's account hash (`payload.initiator_addr`). */
  initiator: AccountHashHex
  /** Distinct signers with a valid approval. */
  signers: AccountHashHex[]
  /** Their saturating weight on the account. */
  weight: number
}

/**
 * `preflight` for a TransactionV1 (`{ Version1 }`), with 2.x rules unless `chainspec` or
 * `protocol` says otherwise: the same rulebook as deploys (hash from the payload, approvals,
 * chain name, TTL, timestamp, pricing mode, gas price tolerance, lane, args, authorization,
 * thresholds, balance) and the session run in the emulator.
 *
 * @throws {DeployError} code `InvalidTransactionJson` when the JSON is not a TransactionV1.
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
  if (!isObject(transaction) || !isObject(transaction.Version1)) {
    invalid('Version1', 'the TransactionV1 under Version1', transaction)
  }
  const report = await preflight(transaction, account, options)
  const signers = [
    ...new Set(report.submission.approvals.flatMap((a) => (a.verdict.ok ? [a.verdict.accountHash] : []))),
  ]
  return {
    ...report,
    initiator: report.submission.initiator,
    signers,
    weight: authorizationWeight(account, signers),
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

function invalid(path: string, expected: string, got: unknown): never {
  throw new DeployError(`Malformed transaction JSON: ${path}`, {
    code: 'InvalidTransactionJson',
    details: { field: path, expected, got: JSON.stringify(got)?.slice(0, 80) ?? 'nothing' },
  })
}
