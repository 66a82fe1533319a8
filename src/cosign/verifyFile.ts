// Checks a deploy or TransactionV1 as casper-node would before accepting it: hashes, approvals, chain, expiry.
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { type RejectionCode, verifyApproval } from '../keys/verifyApproval.js'
import type { Approval, CosignDeploy, CosignFile, CosignTransaction } from './CosignFile.js'
import { type CosignOptions, resolveCosignOptions } from './cosignNetwork.js'
import { type FileJson, fileFromJson } from './fileJson.js'
import { deployHashes, transactionHash } from './hashes.js'

/**
 * A file-level problem:
 * - `BodyHashMismatch` / `HashMismatch`: the content is not what `hash` (which approvals sign) says;
 * - `WrongChain`: the file is for another network than the one chosen;
 * - `Expired`: timestamp + TTL is past; `TtlTooLong`: TTL above the network's `max_ttl`;
 * - `FutureTimestamp`: the timestamp is further ahead than the network's leeway;
 * - `ExcessiveApprovals`: more distinct approvals than `max_associated_keys`.
 */
export type FileProblemCode =
  | 'BodyHashMismatch'
  | 'HashMismatch'
  | 'WrongChain'
  | 'Expired'
  | 'TtlTooLong'
  | 'FutureTimestamp'
  | 'ExcessiveApprovals'

/** One approval's verdict. */
export type ApprovalVerdict =
  | { index: number; approval: Approval; ok: true; accountHash: string }
  | { index: number; approval: Approval; ok: false; reason: RejectionCode; message: string }

/** What {@link verifyFile} found. */
export type VerifyFileReturnType = {
  /**
   * The node's verdict on the file itself (casper-node v1.5.8 `node/src/types/deploy.rs`
   * `validate_deploy` + `has_valid_hash`; casper-types 2.0 `deploy.rs` / `transaction_v1.rs`
   * `is_valid`, and `is_config_compliant`'s approval limit): the content hashes to `hash`, it carries
   * 1 to `maxAssociatedKeys` distinct approvals, and every approval verifies. It does not depend on
   * the clock or the chain: a deploy the node once accepted stays `ok` once it has expired.
   * `WrongChain`, `Expired`, `TtlTooLong` and `FutureTimestamp` in `problems` say whether the
   * network would take it now.
   */
  ok: boolean
  /** The hash the content implies (equal to `file.hash` unless `HashMismatch`). */
  hash: string
  /** Deploys only: the body hash the payment and session imply. */
  bodyHash?: string | undefined
  problems: { code: FileProblemCode; message: string }[]
  /** Every approval, in file order, verified against `file.hash` with casper-node's rules. */
  approvals: ApprovalVerdict[]
  /**
   * Distinct approvals, as the node counts them (it holds them in a `BTreeSet`, so exact repeats
   * collapse). The node refuses a file with none (`EmptyApprovals`): `ok` is false then.
   */
  approvalCount: number
  /** Milliseconds since the epoch when the file stops being accepted. */
  expiresAt: number
}

/**
 * Verifies a deploy or TransactionV1 the way casper-node does before accepting it (casper-types
 * `deploy.rs` / `transaction_v1.rs` `has_valid_hash`, `is_valid`; chainspec limits from
 * `options.network`): the hashes recomputed from the content, each approval against `file.hash`
 * (ed25519-dalek `verify_strict`, low-S secp256k1, tags matching), the chain name, the TTL limit and
 * the expiry. Every problem is reported, not just the first. Takes the decoded file, or its JSON
 * object (read by `parseCosignFile`).
 *
 * @throws {CosignError} when JSON given is not a file `parseCosignFile` reads.
 * @example
 * ```ts
 * const report = verifyFile(parseCosignFile(text), { network: testnet })
 * if (!report.ok) console.error(report.approvals.filter((a) => !a.ok))
 * report.problems // also WrongChain, Expired, … : what stops the network taking it now
 * ```
 */
export function verifyFile(file: CosignFile | FileJson, options: CosignOptions = {}): VerifyFileReturnType {
  const f = fileFromJson(file)
  return f.kind === 'deploy' ? verifyDeploy(f, options) : verifyTransaction(f, options)
}

/**
 * {@link verifyFile} for a deploy: the decoded one, or its JSON (`DeployJson`, as `parseDeployJson`
 * and `JSON.parse` give it). The same function in both package entries.
 *
 * @throws {CosignError} when JSON given is not a deploy `parseCosignFile` reads.
 * @example
 * ```ts
 * verifyDeploy(deploy, { network: mainnet }).ok
 * verifyDeploy(parseDeployJson(text)).approvals.filter((a) => !a.ok) // the approvals the node would refuse
 * ```
 */
export function verifyDeploy(
  deploy: CosignDeploy | DeployJson,
  options: CosignOptions = {},
): VerifyFileReturnType {
  const d = fileFromJson(deploy, 'deploy')
  const { bodyHash, hash } = deployHashes(d)
  const problems: VerifyFileReturnType['problems'] = []
  const claimed = Array.from(d.header.body_hash, (b) => b.toString(16).padStart(2, '0')).join('')
  if (bodyHash !== claimed) {
    problems.push({
      code: 'BodyHashMismatch',
      message: `expected header.body_hash ${bodyHash} (blake2b of payment and session), got ${claimed}`,
    })
  }
  return common(d, hash, problems, d.header, options, bodyHash)
}

/**
 * {@link verifyFile} for a TransactionV1: the decoded one, or its JSON (`{ Version1: … }`). The same
 * function in both package entries.
 *
 * @throws {CosignError} when JSON given is not a TransactionV1 `parseCosignFile` reads.
 * @example
 * ```ts
 * verifyTransaction(transaction, { network: testnet }).problems
 * ```
 */
export function verifyTransaction(
  transaction: CosignTransaction | TransactionJson,
  options: CosignOptions = {},
): VerifyFileReturnType {
  const t = fileFromJson(transaction, 'transaction')
  const p = t.payload
  return common(
    t,
    transactionHash(t),
    [],
    {
      chain_name: p.chainName,
      timestamp: p.timestamp,
      ttl: p.ttl,
    },
    options,
  )
}

/** The problems of the file itself; the others (chain, time) depend on where and when it is sent. */
export const integrityCodes: readonly FileProblemCode[] = [
  'BodyHashMismatch',
  'HashMismatch',
  'ExcessiveApprovals',
]

function common(
  file: CosignFile,
  hash: string,
  problems: VerifyFileReturnType['problems'],
  header: { chain_name: string; timestamp: bigint; ttl: bigint },
  options: CosignOptions,
  bodyHash?: string,
): VerifyFileReturnType {
  const { network, now } = resolveCosignOptions(options)
  if (hash !== file.hash) {
    problems.push({
      code: 'HashMismatch',
      message: `expected hash ${hash} (blake2b of the content), got ${file.hash}`,
    })
  }
  if (header.chain_name !== network.chainName) {
    problems.push({
      code: 'WrongChain',
      message: `expected chain ${JSON.stringify(network.chainName)}, got ${JSON.stringify(header.chain_name)}`,
    })
  }
  const timestamp = Number(header.timestamp)
  const expiresAt = timestamp + Number(header.ttl)
  if (header.ttl > BigInt(network.maxTtlMs)) {
    problems.push({
      code: 'TtlTooLong',
      message: `expected a TTL of at most ${network.maxTtlMs} ms, got ${header.ttl} ms`,
    })
  }
  if (expiresAt <= now) {
    problems.push({ code: 'Expired', message: `expired at ${new Date(expiresAt).toISOString()}` })
  }
  if (timestamp > now + network.maxTimestampLeewayMs) {
    problems.push({
      code: 'FutureTimestamp',
      message: `expected a timestamp at most ${network.maxTimestampLeewayMs} ms ahead, got ${new Date(timestamp).toISOString()}`,
    })
  }
  const approvals: ApprovalVerdict[] = file.approvals.map((approval, index) => {
    const result = verifyApproval(file.hash, approval)
    return result.ok
      ? { index, approval, ok: true, accountHash: result.accountHash }
      : { index, approval, ok: false, reason: result.reason, message: result.message }
  })
  const approvalCount = new Set(file.approvals.map((a) => `${a.signer}:${a.signature}`)).size
  if (approvalCount > network.maxAssociatedKeys) {
    problems.push({
      code: 'ExcessiveApprovals',
      message: `expected at most ${network.maxAssociatedKeys} approvals (chainspec max_associated_keys), got ${approvalCount}`,
    })
  }
  return {
    ok:
      approvalCount > 0 &&
      approvals.every((a) => a.ok) &&
      problems.every((p) => !integrityCodes.includes(p.code)),
    hash,
    bodyHash,
    problems,
    approvals,
    approvalCount,
    expiresAt,
  }
}
