// Adds one approval to a deploy or TransactionV1 JSON, the way casper-client sign-deploy does, but safely:
// the cosign core's signFile on the JSON.

import { fileToJson } from '../cosign/fileJson.js'
import { signFile } from '../cosign/signFile.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { CosignError } from '../errors/CosignError.js'
import { DeployError } from '../errors/DeployError.js'
import type { Signer } from '../keys/Signer.js'
import { SignerError } from '../keys/SignerError.js'
import { fileOf } from './fileOf.js'

/** Errors {@link signDeploy} throws (besides what the signer itself throws). */
export type SignDeployErrorType = DeployError | SignerError | CosignError

/**
 * Signs a deploy or a TransactionV1 (`{ Version1: … }`) and returns a NEW JSON object of the same
 * kind with the approval added; the input is not changed. It is `signFile` of the cosign entry on
 * the decoded JSON:
 *
 * - refuses a file whose content does not match `hash` (or `header.body_hash`): a signature approves
 *   the hash, so it would approve something other than what is shown;
 * - signs the 32 raw bytes of the hash (casper-node `Approval::create`);
 * - at most one approval per key: one by this signer that verifies leaves the file unchanged and the
 *   signer is not asked again (casper-js-sdk 5.0.12 `sign()` appends duplicates: defect 3);
 * - one by this signer that does NOT verify (copied from another file, corrupted) is replaced in
 *   its place, since one invalid approval makes the node refuse the whole file; beside a valid one
 *   by the same key it is only dropped;
 * - hands the signer the deploy or transaction (`SignContext`, for wallets that display it), and
 *   checks its answer with the node's rules (tag, length, low S, strict ed25519) before adding it.
 *
 * @throws {DeployError} code `InvalidDeployJson` (a malformed deploy, see `parseDeployJson`),
 *   `HashMismatch` (content changed after hashing).
 * @throws {CosignError} for a malformed TransactionV1 (see `parseCosignFile`).
 * @throws {SignerError} code `InvalidSignature` when the signer returned an unusable signature.
 * @example
 * ```ts
 * const deploy = parseDeployJson(readFileSync('deploy.json', 'utf8'))
 * const signed = await signDeploy(deploy, localSigner(readFileSync('secret_key.pem', 'utf8')))
 * writeFileSync('deploy.json', stringifyDeployJson(signed))
 * const transaction: TransactionJson = JSON.parse(readFileSync('transaction.json', 'utf8'))
 * const signedTransaction = await signDeploy(transaction, localSigner(readFileSync('secret_key.pem', 'utf8')))
 * ```
 */
export async function signDeploy<T extends DeployJson | TransactionJson>(
  json: T,
  signer: Signer,
): Promise<T> {
  const file = fileOf(json)
  try {
    return fileToJson(await signFile(file, signer)) as T
  } catch (error) {
    if (!(error instanceof CosignError)) throw error
    if (error.code === 'SigningFailed') {
      throw new SignerError('Signer returned a signature that does not verify', {
        code: 'InvalidSignature',
        details: { reason: `${error.details.reason}: ${error.details.message}` },
        remedy:
          'A Signer must return the tagged signature of the 32 raw hash bytes; wrap wallets with walletSigner.',
        cause: error,
      })
    }
    throw new DeployError(error.shortMessage, {
      code: error.code,
      details: error.details,
      remedy: error.remedy,
      cause: error,
    })
  }
}
