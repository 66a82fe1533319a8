// Checks a co-signer file as casper-node would before accepting it: hashes, approvals, chain, expiry.
import { type RejectionCode, verifyApproval } from '../approvals/verifyApproval.js'
import type { Approval, CosignDeploy, CosignFile, CosignTransaction } from './CosignFile.js'
import { type CosignOptions, resolveCosignOptions } from './cosignNetwork.js'
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
  /** Nothing wrong: hashes, chain, time and every approval check out. */
  ok: boolean
  /** The hash the content implies (equal to `file.hash` unless `HashMismatch`). */
  hash: string
  /** Deploys only: the body hash the payment and session imply. */
  bodyHash?: string | undefined
  problems: { code: FileProblemCode; message: string }[]
  /** Every approval, in file order, verified against `file.hash` with casper-node's rules. */
  approvals: ApprovalVerdict[]
  /** Milliseconds since the epoch when the file stops being accepted. */
  expiresAt: number
}

/**
 * Verifies a deploy or TransactionV1 the way casper-node does before accepting it (casper-types
 * `deploy.rs` / `transaction_v1.rs` `has_valid_hash`, `is_valid`; chainspec limits from
 * `options.network`): the hashes recomputed from the content, each approval against `file.hash`
 * (ed25519-dalek `verify_strict`, low-S secp256k1, tags matching), the chain name, the TTL limit and
 * the expiry. Every problem is reported, not just the first.
 *
 * @example
 * ```ts
 * const report = verifyFile(parseCosignFile(text), { network: testnet })
 * if (!report.ok) console.error(report.problems, report.approvals.filter((a) => !a.ok))
 * ```
 */
export function verifyFile(file: CosignFile, options: CosignOptions = {}): VerifyFileReturnType {
  return file.kind === 'deploy' ? verifyDeploy(file, options) : verifyTransaction(file, options)
}

/**
 * {@link verifyFile} for a deploy.
 *
 * @example
 * ```ts
 * verifyDeploy(deploy, { network: mainnet }).ok
 * ```
 */
export function verifyDeploy(deploy: CosignDeploy, options: CosignOptions = {}): VerifyFileReturnType {
  const { bodyHash, hash } = deployHashes(deploy)
  const problems: VerifyFileReturnType['problems'] = []
  const claimed = Array.from(deploy.header.body_hash, (b) => b.toString(16).padStart(2, '0')).join('')
  if (bodyHash !== claimed) {
    problems.push({
      code: 'BodyHashMismatch',
      message: `expected header.body_hash ${bodyHash} (blake2b of payment and session), got ${claimed}`,
    })
  }
  return common(deploy, hash, problems, deploy.header, options, bodyHash)
}

/**
 * {@link verifyFile} for a TransactionV1.
 *
 * @example
 * ```ts
 * verifyTransaction(transaction, { network: testnet }).problems
 * ```
 */
export function verifyTransaction(
  transaction: CosignTransaction,
  options: CosignOptions = {},
): VerifyFileReturnType {
  const p = transaction.payload
  return common(
    transaction,
    transactionHash(transaction),
    [],
    {
      chain_name: p.chainName,
      timestamp: p.timestamp,
      ttl: p.ttl,
    },
    options,
  )
}

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
  const distinct = new Set(file.approvals.map((a) => `${a.signer}:${a.signature}`)).size
  if (distinct > network.maxAssociatedKeys) {
    problems.push({
      code: 'ExcessiveApprovals',
      message: `expected at most ${network.maxAssociatedKeys} approvals, got ${distinct}`,
    })
  }
  return {
    ok: problems.length === 0 && approvals.every((a) => a.ok),
    hash,
    bodyHash,
    problems,
    approvals,
    expiresAt,
  }
}
