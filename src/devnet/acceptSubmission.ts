// The devnet's acceptor: the rulebook run to the first refusal, worded as casper-node (1.5) or the sidecar (2.x) words it.

import { BaseError } from '../errors/BaseError.js'
import { DeployError } from '../errors/DeployError.js'
import { type AcceptanceViolation, firstViolation, laneOf, nodeText } from '../rules/acceptanceRules.js'
import { decodeSubmission, type Submission } from '../rules/decodeSubmission.js'
import { type DevnetItem, type DevnetState, namedTipOf } from './DevnetState.js'
import { devnetChainspec } from './devnetChainspec.js'

/** The acceptor's `timestamp_leeway` (casper-node config.toml default `'2 seconds'`). */
export const devnetTimestampLeewayMs = 2_000

/** Which RPC method the submission came through (it chooses the error code and, on 2.x, the wording). */
export type SubmissionMethod = 'account_put_deploy' | 'account_put_transaction'

/** What the acceptor decided. */
export type AcceptSubmissionReturnType =
  | { ok: true; item: DevnetItem; duplicate: boolean }
  /** The params could not be parsed at all: JSON-RPC -32602 Invalid params. */
  | { ok: false; invalidParams: string }
  /** The node refused it: -32008 Invalid Deploy / -32016 Invalid transaction, `data` is the node's text. */
  | { ok: false; data: string; violation: AcceptanceViolation }

/**
 * Decides a deploy (`account_put_deploy`) or a TransactionV1 / wrapped Deploy
 * (`account_put_transaction`, 2.x) against the devnet's current state: the rulebook
 * (`src/rules/acceptanceRules.ts`) in the node's order, stopping at the first refusal as the node
 * does, against the initiator's account and main purse balance as the devnet holds them. A hash
 * already known goes through every check again, as the node's acceptor does for a client's
 * resubmission, and only then is answered with the stored item, unchanged.
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
    const field = method === 'account_put_deploy' ? 'deploy' : 'transaction'
    expectOnly(params, [field])
    submission = decodeSubmission(
      field === 'deploy' ? { deploy: params.deploy } : { transaction: params.transaction },
    )
  } catch (error) {
    return { ok: false, invalidParams: error instanceof BaseError ? error.message : String(error) }
  }
  const limits = devnetChainspec(state)
  const entry = state.accounts[submission.initiator]
  const violation = firstViolation(submission, {
    limits,
    now,
    timestampLeewayMs: devnetTimestampLeewayMs,
    account: entry ? entry.account : null,
    balance: entry?.balance,
  })
  if (violation) return { ok: false, data: word(violation, state, submission, method), violation }
  // deploy_acceptor.rs `handle_put_to_storage`: `is_new == false` from a client is still success.
  const known = state.items[submission.hash]
  if (known) return { ok: true, item: known, duplicate: true }
  const item = (
    'deploy' in submission.json
      ? { kind: 'deploy', json: submission.json.deploy }
      : { kind: 'transaction', json: submission.json.transaction.Version1 }
  ) as Pick<DevnetItem, 'kind' | 'json'>
  return {
    ok: true,
    item: {
      ...item,
      hash: submission.hash,
      size: submission.size,
      ...(state.protocol === '1.5' ? {} : { lane: laneOf(submission, limits)?.id }),
      receivedAt: now,
      execution: null,
    } as DevnetItem,
    duplicate: false,
  }
}

function word(
  violation: AcceptanceViolation,
  state: DevnetState,
  submission: Submission,
  method: SubmissionMethod,
): string {
  const limits = devnetChainspec(state)
  const text = nodeText(violation, limits, submission.kind)
  if (state.protocol !== '1.5') {
    // rpc_sidecar rpcs/error.rs: "the deploy was invalid: {0}" / "the transaction was invalid: {0}".
    return method === 'account_put_deploy'
      ? `the deploy was invalid: ${text}`
      : `the transaction was invalid: ${text}`
  }
  if (violation.stage !== 'account') return text
  // deploy_acceptor.rs Error::InvalidDeployParameters: Digest's Debug is plain lowercase hex.
  const tip = namedTipOf(state)
  return `${text} at state root hash ${tip.stateRootHash} of block ${tip.hash} at height ${tip.height}`
}

function expectOnly(params: Record<string, unknown>, fields: readonly string[]): void {
  const unknown = Object.keys(params).filter((key) => !fields.includes(key))
  const missing = fields.filter((field) => !(field in params))
  if (unknown.length > 0 || missing.length > 0) {
    throw new DeployError('Invalid params', {
      code: 'InvalidDeployJson',
      details: {
        expected: `the named params ${fields.join(', ')}`,
        got: unknown.length > 0 ? `unknown field ${unknown.join(', ')}` : `no ${missing.join(', ')}`,
      },
    })
  }
}
