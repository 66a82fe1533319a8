// Adds one approval to a deploy file, the way casper-client sign-deploy does, but safely.

import type { ApprovalJson, DeployJson } from '../deploy/DeployJson.js'
import { deployHashes } from '../deploy/deployHashes.js'
import { parseDeployJson } from '../deploy/parseDeployJson.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import { parsePublicKey } from '../keys/parsePublicKey.js'
import type { Signer } from './Signer.js'
import { SignerError } from './SignerError.js'
import { verifyApproval } from './verifyApproval.js'

/** Errors {@link signDeploy} throws (besides what the signer itself throws). */
export type SignDeployErrorType = DeployError | SignerError

/**
 * Signs a deploy and returns a NEW deploy JSON with the approval appended; the input is not changed.
 *
 * - First recomputes `header.body_hash` and `hash` from the content and refuses to sign when either
 *   differs: a signature approves the hash, so a deploy whose content does not match its hash
 *   would either be rejected by the node or (worse) approve something other than what is shown.
 * - Signs the 32 raw bytes of the deploy hash (casper-node `Approval::create`, `types/src/deploy.rs`).
 * - At most one approval per key: if the deploy already holds an approval by this signer that
 *   verifies against the recomputed hash, the deploy is returned unchanged and the signer is not
 *   asked again (casper-js-sdk 5.0.12 `sign()` appends duplicates: defect 3; the node counts a key
 *   once, so a duplicate only wastes one of the 100 approval slots).
 * - An approval by this signer that does NOT verify (copied from another deploy, corrupted, made by a
 *   faulty signer) is replaced: it is dropped and a fresh signature takes its place, since one invalid
 *   approval makes the node refuse the whole deploy (casper-node v1.5.8 `types/deploy.rs`
 *   `validate_deploy`). Other invalid approvals by the same key are dropped too; a valid one is kept.
 * - Checks the signer's answer (tag of the right algorithm, valid signature) before adding it.
 *
 * @throws {DeployError} code `InvalidDeployJson` (malformed), `HashMismatch` (content changed).
 * @throws {SignerError} code `InvalidSignature` when the signer returned an unusable signature.
 * @example
 * ```ts
 * const deploy = parseDeployJson(readFileSync('deploy.json', 'utf8'))
 * const signed = await signDeploy(deploy, localSigner(readFileSync('secret_key.pem', 'utf8')))
 * writeFileSync('deploy.json', stringifyDeployJson(signed))
 * ```
 */
export async function signDeploy(deploy: DeployJson, signer: Signer): Promise<DeployJson> {
  const copy = clone(parseDeployJson(deploy))
  const recomputed = deployHashes(copy)
  if (recomputed.bodyHash !== copy.header.body_hash.toLowerCase()) {
    throw hashMismatch('header.body_hash', recomputed.bodyHash, copy.header.body_hash)
  }
  if (recomputed.hash !== copy.hash.toLowerCase()) throw hashMismatch('hash', recomputed.hash, copy.hash)

  const signerKey = parsePublicKey(signer.publicKey).publicKeyHex
  const hash = hexToBytes(recomputed.hash)
  const own = copy.approvals.filter((a) => a.signer.toLowerCase() === signerKey)
  const ownInvalid = new Set(own.filter((a) => !verifyApproval(hash, a).ok))
  const kept = copy.approvals.filter((a) => !ownInvalid.has(a))
  if (own.length > ownInvalid.size) {
    // Already approved by this key: nothing to sign. Drop only what the node would refuse.
    return ownInvalid.size === 0 ? copy : { ...copy, approvals: kept }
  }
  // Every approval by this key is invalid here: the fresh one takes the place of the first, or goes last.
  const at = own[0] ? copy.approvals.indexOf(own[0]) : kept.length
  const unsigned = { ...copy, approvals: kept }

  const signature = await signer.sign(Uint8Array.from(hash), { deploy: clone(unsigned) })
  const approval: ApprovalJson = {
    signer: signerKey,
    signature: signature instanceof Uint8Array ? bytesToHex(signature) : String(signature),
  }
  // The node's own rules (tag, length, low S, strict ed25519), so a faulty signer fails here, not on chain.
  const verified = verifyApproval(hash, approval)
  if (!verified.ok) {
    throw new SignerError('Signer returned a signature that does not verify', {
      code: 'InvalidSignature',
      details: { reason: `${verified.reason}: ${verified.message}` },
      remedy:
        'A Signer must return the tagged signature of the 32 raw hash bytes; wrap wallets with walletSigner.',
    })
  }
  return { ...unsigned, approvals: [...kept.slice(0, at), approval, ...kept.slice(at)] }
}

function hashMismatch(field: 'hash' | 'header.body_hash', expected: string, got: string): DeployError {
  return new DeployError(`Deploy ${field} does not match its content`, {
    code: 'HashMismatch',
    details: { field, expected, got },
    remedy:
      'The deploy was changed after it was hashed: do not sign it; get the original file from its author.',
  })
}

function clone(deploy: DeployJson): DeployJson {
  return JSON.parse(JSON.stringify(deploy))
}
