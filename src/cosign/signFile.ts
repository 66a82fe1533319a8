// Adds the co-signer's approval to a file: with a key held in the page, or through Casper Wallet.

import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { BaseError } from '../errors/BaseError.js'
import { CosignError } from '../errors/CosignError.js'
import type { SignContext, Signer } from '../keys/Signer.js'
import { SignerError } from '../keys/SignerError.js'
import { verifyApproval } from '../keys/verifyApproval.js'
import { safeText } from '../text/safeText.js'
import type { Approval, CosignFile } from './CosignFile.js'
import { type CosignOptions, mainnet, resolveCosignOptions } from './cosignNetwork.js'
import { fileToJson } from './fileJson.js'
import { checkHashes } from './hashes.js'
import { tooManyApprovals } from './parseCosignFile.js'
import { stringifyCosignFile, withApprovals } from './stringifyCosignFile.js'

/** Errors {@link signFile} and {@link signWithCasperWallet} throw: always a {@link CosignError}. */
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
 *   says which), a device's own typed refusal (a `LedgerError`), `SigningFailed` when the signer
 *   or wallet throws anything else or rejects (its message
 *   made safe in `details.message`, the value itself as `cause`), answers something other than bytes,
 *   or its signature does not verify; `TooManyApprovals` when the file already holds the network's
 *   `maxAssociatedKeys` approvals (`options.network`, default mainnet).
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
  let signature: Uint8Array
  try {
    signature = await signer.sign(hexToBytes(file.hash), context)
  } catch (error) {
    // A device's typed refusal (a LedgerError: open the app, unlock it, rejected on the device)
    // already says what happened and what to do, safely; whatever else a signer or wallet throws,
    // a SignerError included, becomes SigningFailed.
    if (error instanceof BaseError && !(error instanceof SignerError)) throw error
    throw signingFailed(publicKey, error)
  }
  if (!(signature instanceof Uint8Array)) throw signingFailed(publicKey, undefined, safeDescribe(signature))
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
  let result: unknown
  try {
    result = await provider.sign(stringifyCosignFile(file), signer)
  } catch (error) {
    throw signingFailed(signer, error)
  }
  let raw: Uint8Array
  try {
    raw = walletSignature(result, signer)
  } catch (error) {
    // Reading the answer itself threw (a getter, a Proxy): a failure of the wallet like any other.
    throw error instanceof CosignError ? error : signingFailed(signer, error)
  }
  return addApproval(file, { signer, signature: `${signer.slice(0, 2)}${bytesToHex(raw)}` })
}

/**
 * The 64 raw bytes of a Casper Wallet answer. The wallet is another program: nothing of its answer
 * is trusted to have the documented shape.
 */
function walletSignature(result: unknown, signer: string): Uint8Array {
  const answer = isRecord(result) ? result : undefined
  if (answer?.cancelled === true) {
    throw new CosignError('Signing was cancelled in the wallet', {
      code: 'SigningFailed',
      details: { signer, message: answer.message === undefined ? undefined : walletText(answer.message) },
    })
  }
  const raw = answer && answer.cancelled === false ? signatureBytes(answer) : undefined
  if (raw === undefined || raw.length !== 64) {
    throw new CosignError('The wallet returned an unusable signature', {
      code: 'SigningFailed',
      details: {
        signer,
        expected: '{ cancelled: false, signature: 64 bytes } or signatureHex of 128 hex digits',
        got: raw === undefined ? safeDescribe(result) : `${raw.length} bytes`,
      },
      remedy: 'Sign again; if it keeps failing, update the wallet or sign with the key file.',
    })
  }
  return raw
}

/**
 * A signer's or wallet's failure as a {@link CosignError}: whatever was thrown (an Error, a string,
 * an object, `undefined`), its message is made safe and cut to 300 characters; the value itself is
 * the `cause`, for programs.
 */
function signingFailed(signer: string, error: unknown, got?: string): CosignError {
  return new CosignError(
    got === undefined ? 'The signer or wallet failed' : 'The signer returned no signature',
    {
      code: 'SigningFailed',
      details: {
        signer,
        ...(got === undefined
          ? { message: walletText(messageOf(error)) }
          : { expected: 'the signature bytes', got }),
      },
      remedy: 'Sign again; if it keeps failing, update the wallet or sign with the key file.',
      cause: error,
    },
  )
}

/** What a thrown value says, whatever it is; never throws. */
function messageOf(error: unknown): string {
  try {
    if (error instanceof Error) return error.message
    if (typeof error === 'string') return error
    if (isRecord(error) && typeof error.message === 'string') return error.message
    return `${error === null ? 'null' : typeof error} (no message)`
  } catch {
    return 'a value that cannot be read'
  }
}

/** A text from the wallet as it may be shown: control, escape and bidi characters made visible, at most 300 characters. */
function walletText(value: unknown): string {
  const text = typeof value === 'string' ? value : messageOf(value)
  return safeText(text.length > 300 ? `${text.slice(0, 300)}…` : text)
}

/** The signature of a wallet's answer: `signature` bytes, else `signatureHex`; `undefined` when neither is usable. */
function signatureBytes(answer: Record<string, unknown>): Uint8Array | undefined {
  if (answer.signature instanceof Uint8Array) return answer.signature
  const hex = answer.signatureHex
  if (typeof hex !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return undefined
  return hexToBytes(hex)
}

/** The kind of an answer, for `got`: never its content, which may be anything. */
function describeAnswer(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (value instanceof Uint8Array) return `${value.length} bytes`
  if (isRecord(value)) return 'an object without a usable signature or signatureHex'
  return typeof value
}

/** {@link describeAnswer}, for a value whose inspection may throw. */
function safeDescribe(value: unknown): string {
  try {
    return describeAnswer(value)
  } catch {
    return 'a value that cannot be read'
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
