// Adds the co-signer's approval to a file: with a key held in the page, or through Casper Wallet.

import type { Signer } from '../approvals/Signer.js'
import { verifyApproval } from '../approvals/verifyApproval.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { CosignError } from '../errors/CosignError.js'
import type { CosignFile } from './CosignFile.js'
import { stringifyCosignFile, withApprovals } from './stringifyCosignFile.js'

/** Errors {@link signFile} and {@link signWithCasperWallet} throw: {@link CosignError}, or what the signer throws. */
export type SignFileErrorType = CosignError

/**
 * Signs `file.hash` with `signer` and returns the file with the approval added. The signature is
 * checked against the hash before it is added; a signer that already has an approval that
 * verifies is not added twice.
 *
 * @throws {CosignError} code `SigningFailed` when the signature does not verify.
 * @example
 * ```ts
 * const signed = await signFile(file, localSigner(pemText))
 * download(stringifyCosignFile(signed))
 * ```
 */
export async function signFile<F extends CosignFile>(file: F, signer: Signer): Promise<F> {
  const publicKey = signer.publicKey.toLowerCase()
  if (file.approvals.some((a) => a.signer === publicKey && verifyApproval(file.hash, a).ok)) return file
  const signature = bytesToHex(await signer.sign(hexToBytes(file.hash)))
  return addApproval(file, { signer: publicKey, signature })
}

function addApproval<F extends CosignFile>(file: F, approval: { signer: string; signature: string }): F {
  const verdict = verifyApproval(file.hash, approval)
  if (!verdict.ok) {
    throw new CosignError('The signature does not verify', {
      code: 'SigningFailed',
      details: { signer: approval.signer, reason: verdict.reason, message: verdict.message },
      remedy: 'Sign again with the key the approval is for.',
    })
  }
  return withApprovals(file, [...file.approvals, approval])
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
 * @throws {CosignError} code `SigningFailed` when the user cancels or the signature does not verify.
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
