// Adds the co-signer's approval to a file: with a key held in the page, or through Casper Wallet.

import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { CosignError } from '../errors/CosignError.js'
import type { SignContext, Signer } from '../keys/Signer.js'
import { verifyApproval } from '../keys/verifyApproval.js'
import type { Approval, CosignFile } from './CosignFile.js'
import { type CosignOptions, mainnet, resolveCosignOptions } from './cosignNetwork.js'
import { fileToJson } from './fileJson.js'
import { checkHashes } from './hashes.js'
import { tooManyApprovals } from './parseCosignFile.js'
import { stringifyCosignFile, withApprovals } from './stringifyCosignFile.js'

/** Errors {@link signFile} and {@link signWithCasperWallet} throw: {@link CosignError}, or what the signer throws. */
export type SignFileErrorType = CosignError

/**
 * Signs `file.hash` (its 32 raw bytes, casper-node `Approval::create`) with `signer` and returns a
 * new file with the approval added; the input is not changed.
 *
 * - Refuses a file whose content does not hash to `hash` (and, for a deploy, to `header.body_hash`):
 *   a signature approves the hash, so it would approve something other than what is shown.
 * - At most one approval per key: when the file already holds an approval by this signer that
 *   verifies, it is returned as it is and the signer is not asked again (the node counts a key
 *   once, so a second one only takes one of the approval slots).
 * - An approval by this signer that does not verify (copied from another file, corrupted) is
 *   replaced in its place by the fresh one, since one invalid approval makes the node refuse the
 *   whole file (casper-node v1.5.8 `types/deploy.rs` `validate_deploy`); beside a valid one by the
 *   same key it is only dropped.
 * - The signer is told what it signs (`SignContext`: the deploy or transaction JSON), and its
 *   answer is checked with the node's rules (tag, length, low S, strict ed25519) before it is added.
 *
 * @throws {CosignError} code `HashMismatch` when the content does not match its hash (`details.field`
 *   says which), `SigningFailed` when the signature does not verify, `TooManyApprovals` when the
 *   file already holds the network's `maxAssociatedKeys` approvals (`options.network`, default mainnet).
 * @example
 * ```ts
 * const signed = await signFile(file, localSigner(pemText))
 * download(stringifyCosignFile(signed))
 * ```
 */
export async function signFile<F extends CosignFile>(
  file: F,
  signer: Signer,
  options: Pick<CosignOptions, 'network'> = {},
): Promise<F> {
  checkHashes(file)
  const publicKey = signer.publicKey.toLowerCase()
  const own = file.approvals.filter((a) => a.signer === publicKey)
  const invalid = own.filter((a) => !verifyApproval(file.hash, a).ok)
  const kept = file.approvals.filter((a) => !invalid.includes(a))
  // Already approved by this key: nothing to sign; only what the node would refuse is dropped.
  if (own.length > invalid.length) return invalid.length === 0 ? file : withApprovals(file, kept)
  // Refused before the signer is asked: one more would be more than the node accepts.
  assertRoomForApproval(kept, resolveCosignOptions(options).network.maxAssociatedKeys)
  const unsigned = withApprovals(file, kept)
  const shown: CosignFile = unsigned
  const context: SignContext =
    shown.kind === 'deploy' ? { deploy: fileToJson(shown) } : { transaction: fileToJson(shown) }
  const signature = await signer.sign(hexToBytes(file.hash), context)
  // The fresh approval takes the place of the first invalid one by this key, or goes last.
  const at = own[0] ? file.approvals.indexOf(own[0]) : kept.length
  return addApproval(unsigned, { signer: publicKey, signature: bytesToHex(signature) }, at)
}

/** Refuses a file that already holds `max` distinct approvals: one more and the node refuses it. */
function assertRoomForApproval(approvals: readonly Approval[], max: number): void {
  const count = new Set(approvals.map((a) => `${a.signer}:${a.signature}`)).size
  if (count >= max) throw tooManyApprovals(`${count} already, and one more`, max, 'approvals')
}

function addApproval<F extends CosignFile>(file: F, approval: Approval, at = file.approvals.length): F {
  assertRoomForApproval(file.approvals, mainnet.maxAssociatedKeys)
  const verdict = verifyApproval(file.hash, approval)
  if (!verdict.ok) {
    throw new CosignError('The signature does not verify', {
      code: 'SigningFailed',
      details: { signer: approval.signer, reason: verdict.reason, message: verdict.message },
      remedy: 'Sign again with the key the approval is for.',
    })
  }
  const approvals = file.approvals
  return withApprovals(file, [...approvals.slice(0, at), approval, ...approvals.slice(at)])
}

/** The part of Casper Wallet's provider (`window.CasperWalletProvider()`) used for signing. */
export type CasperWalletProvider = {
  sign(
    json: string,
    signingPublicKeyHex: string,
  ): Promise<
    { cancelled: true; message?: string } | { cancelled: false; signature: Uint8Array; signatureHex?: string }
  >
}

/**
 * Signs with Casper Wallet: the file's JSON goes to `provider.sign(json, publicKey)` (the wallet
 * shows it and checks hash and approvals itself); the 64-byte signature it returns carries no
 * algorithm tag (make-software/casper-wallet `src/content/sdk.ts`), so the signer's tag is prepended,
 * then checked against the hash.
 *
 * @throws {CosignError} code `HashMismatch` when the content does not match its hash, `SigningFailed`
 *   when the user cancels or the signature does not verify.
 * @example
 * ```ts
 * const provider = window.CasperWalletProvider()
 * const signed = await signWithCasperWallet(file, provider, await provider.getActivePublicKey())
 * ```
 */
export async function signWithCasperWallet<F extends CosignFile>(
  file: F,
  provider: CasperWalletProvider,
  publicKey: string,
): Promise<F> {
  checkHashes(file)
  const signer = publicKey.toLowerCase()
  const result = await provider.sign(stringifyCosignFile(file), signer)
  if (result.cancelled) {
    throw new CosignError('Signing was cancelled in the wallet', {
      code: 'SigningFailed',
      details: { signer, message: result.message },
    })
  }
  const raw =
    result.signature instanceof Uint8Array ? result.signature : hexToBytes(String(result.signatureHex))
  if (raw.length !== 64) {
    throw new CosignError('The wallet returned an unusable signature', {
      code: 'SigningFailed',
      details: { signer, expected: '64 bytes', got: `${raw.length} bytes` },
    })
  }
  return addApproval(file, { signer, signature: `${signer.slice(0, 2)}${bytesToHex(raw)}` })
}
