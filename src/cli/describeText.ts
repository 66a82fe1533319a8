// What a co-signer approves, in full: every key as its whole account hash (and label), every hash whole.
import type { AccountHashHex } from '../account/Account.js'
import { type DeployDescription, describeChange, paymentLine } from '../preflight/describeDeploy.js'
import { safeText } from '../text/safeText.js'
import { keyJson, keyName } from './labels.js'

/**
 * The lines `describe` and `sign` print for a deploy: `DO NOT SIGN: …` first when its hashes or
 * approvals do not check out, then the deploy hash, account, chain, session, each change, the
 * emulated result, payment, expiry, signers and warnings. Keys are never shortened; text from the
 * file (chain name, labels, warnings naming args) goes through `safeText`.
 *
 * @example
 * ```ts
 * for (const line of describeLines(await describeDeploy(deploy, { account }), labels)) io.out(line)
 * ```
 */
export function describeLines(
  description: DeployDescription,
  labels: ReadonlyMap<AccountHashHex, string>,
): string[] {
  const name = (hash: string) => keyName(hash, labels)
  const { result, payment, session } = description
  return [
    ...(description.doNotSign.length > 0 ? [`DO NOT SIGN: ${description.doNotSign.join('; ')}.`] : []),
    `Deploy ${description.hash}`,
    `Account: ${name(description.account.accountHash)}`,
    `Chain: ${safeText(description.chainName)}`,
    `Session: ${session.kind === 'unknown-wasm' || session.kind === 'not-module-bytes' ? session.kind : `${session.kind} (bundled, sha256 ${session.sha256})`}`,
    ...description.changes.map((change) => `  ${describeChange(change, name)}`),
    ...(result
      ? result.ok
        ? [
            'Result:',
            ...Object.entries(result.account.associatedKeys).map(
              ([hash, weight]) => `  ${name(hash)} weight ${weight}`,
            ),
            `  thresholds: deployment ${result.account.actionThresholds.deployment}, key management ${result.account.actionThresholds.keyManagement}`,
          ]
        : [`Result: would fail: ${safeText(result.failure?.message ?? 'unknown failure')}`]
      : []),
    paymentLine(payment),
    `Expires: ${description.expiresAt.toISOString()}${description.expired ? ' (expired)' : ''}`,
    description.signers.length > 0 ? 'Signed by:' : 'Signed by: nobody yet',
    ...description.signers.map((s) => `  ${name(s.accountHash)}`),
    ...description.invalidApprovals.map(
      (a) =>
        `Invalid approval by ${a.accountHash ? name(a.accountHash) : safeText(a.publicKey)} (approvals[${a.index}]): ${a.reason}: ${safeText(a.message)}`,
    ),
    ...description.verification.problems
      .filter((p) => p.code === 'BodyHashMismatch' || p.code === 'HashMismatch')
      .map((p) => `Hash check: ${p.code}: ${safeText(p.message)}`),
    ...description.warnings.map((w) => `Warning: ${safeText(w)}`),
  ]
}

/** The description for `--json`: full hashes, labels, changes, result, signers. */
export function describeJson(description: DeployDescription, labels: ReadonlyMap<AccountHashHex, string>) {
  const { result } = description
  return {
    hash: description.hash,
    safeToSign: description.safeToSign,
    doNotSign: description.doNotSign,
    account: {
      ...keyJson(description.account.accountHash, labels),
      publicKey: description.account.publicKey,
    },
    chainName: description.chainName,
    session: description.session,
    changes: description.changes.map((change) =>
      'accountHash' in change ? { ...change, ...keyJson(change.accountHash, labels) } : change,
    ),
    result: result
      ? result.ok
        ? {
            ok: true,
            associatedKeys: Object.entries(result.account.associatedKeys).map(([hash, weight]) => ({
              ...keyJson(hash, labels),
              weight,
            })),
            thresholds: {
              deployment: result.account.actionThresholds.deployment,
              keyManagement: result.account.actionThresholds.keyManagement,
            },
          }
        : { ok: false, failure: result.failure?.message }
      : undefined,
    payment: Object.fromEntries(
      Object.entries(description.payment).map(([k, v]) => [k, typeof v === 'bigint' ? String(v) : v]),
    ),
    expiresAt: description.expiresAt.toISOString(),
    expired: description.expired,
    signers: description.signers.map((s) => ({ ...keyJson(s.accountHash, labels), publicKey: s.publicKey })),
    invalidApprovals: description.invalidApprovals.map((a) => ({
      index: a.index,
      publicKey: a.publicKey,
      reason: a.reason,
      message: a.message,
    })),
    warnings: description.warnings,
  }
}
