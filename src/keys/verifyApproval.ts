// Checks one approval (signer + signature) against a deploy or transaction hash exactly as casper-node does.
import { mod } from '@noble/curves/abstract/modular'
import { bytesToNumberLE, concatBytes, equalBytes } from '@noble/curves/utils'
import { sha256, sha512 } from '@noble/hashes/sha2'
import type { AccountHashHex } from '../account/Account.js'
import { accountHashFromPublicKey } from '../account/accountHash.js'
import type { ApprovalJson } from '../deploy/DeployJson.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import { ed25519 } from './ed25519.js'
import { nativeVerifier } from './nativeVerifier.js'
import { secp256k1 } from './secp256k1.js'

/**
 * Why an approval is refused, in the order the checks run:
 * - `MalformedSigner`: not `01` + 32 bytes / `02` + 33 bytes, or not a point on the curve (the node
 *   cannot even deserialize it);
 * - `MalformedSignature`: not `01`/`02` + 64 bytes, or a secp256k1 r or s outside 1..n-1;
 * - `TagMismatch`: the signature's algorithm tag differs from the signer's (casper-node: "type
 *   mismatch"; casper-js-sdk 5.0.12 `src/types/Deploy.ts` `validate` ignores the tag);
 * - `HighS`: a secp256k1 signature that would verify with s replaced by n - s, but casper-node
 *   accepts low-S only;
 * - `InvalidSignature`: the signature is not the signer's over this hash, or breaks ed25519-dalek's
 *   `verify_strict` rules (s ≥ L, a small-order R or key, a torsion component); casper-node says
 *   "failed to verify Ed25519 signature" for all of these.
 */
export type RejectionCode =
  | 'MalformedSigner'
  | 'MalformedSignature'
  | 'TagMismatch'
  | 'HighS'
  | 'InvalidSignature'

/** An accepted approval names its signer's account hash; a refused one says why. */
export type VerifyApprovalReturnType =
  | { ok: true; accountHash: AccountHashHex }
  | { ok: false; reason: RejectionCode; message: string }

const algorithms = {
  '01': { name: 'ed25519', keyBytes: 32 },
  '02': { name: 'secp256k1', keyBytes: 33 },
} as const
type Tag = keyof typeof algorithms

/**
 * Verifies one approval over the 32 raw bytes of a deploy (or transaction) hash, with casper-node's
 * rules (casper-types `crypto/asymmetric_key.rs` `verify`, v1.5.8 and feat-2.0 alike):
 * - the signature and key algorithms must agree;
 * - ed25519: ed25519-dalek 2.1.1 `verify_strict` over the hash bytes: s < L, neither R nor the key of
 *   small order, and the cofactorless equation: [s]B − [k]A must compress to exactly the signature's R
 *   bytes (so no torsion component in R or A either);
 * - secp256k1: k256 ECDSA over SHA-256(hash bytes), 64-byte compact r || s, and k256 refuses high S.
 *
 * In Node (20.16 and later) the curve arithmetic is OpenSSL's, through node:crypto, once these
 * checks have passed; elsewhere (browsers, the cosign page) it is noble's. The verdicts are the same.
 *
 * Never throws for a bad approval (the result says why); throws only when `hash` is not 32 bytes.
 *
 * @throws {DeployError} code `InvalidHash` when `hash` is not 64 hex digits or 32 bytes.
 * @example
 * ```ts
 * const result = verifyApproval(deploy.hash, deploy.approvals[0])
 * if (!result.ok) console.error(result.reason, result.message) // e.g. 'TagMismatch'
 * else result.accountHash // '83b0df3b…'
 * ```
 */
export function verifyApproval(hash: string | Uint8Array, approval: ApprovalJson): VerifyApprovalReturnType {
  const message = hashBytes(hash)
  const signer = typeof approval?.signer === 'string' ? approval.signer.toLowerCase() : undefined
  const signature = typeof approval?.signature === 'string' ? approval.signature.toLowerCase() : undefined

  const signerTag = signer?.slice(0, 2)
  const signerAlgorithm = signerTag === '01' || signerTag === '02' ? algorithms[signerTag] : undefined
  if (!signer || !signerAlgorithm || !isHex(signer, 1 + signerAlgorithm.keyBytes)) {
    return refuse(
      'MalformedSigner',
      `expected signer 01 + 32 bytes (ed25519) or 02 + 33 bytes (secp256k1) as hex, got ${describe(approval?.signer)}`,
    )
  }
  const publicKey = hexToBytes(signer.slice(2))
  // Decoding the point costs a square root; a signature that verifies proves it, so it is only checked
  // before reporting another rejection (a key that is not a point comes first, as in the node's parse).
  const reject = (reason: RejectionCode, message: string): VerifyApprovalReturnType =>
    isPoint(signerTag as Tag, publicKey)
      ? { ok: false, reason, message }
      : {
          ok: false,
          reason: 'MalformedSigner',
          message: `expected signer to be a ${signerAlgorithm.name} public key, got ${signer}, which is not a point on the curve`,
        }

  if (!signature || !isHex(signature)) {
    return reject(
      'MalformedSignature',
      `expected signature 01 or 02 + 64 bytes as hex, got ${describe(approval?.signature)}`,
    )
  }
  if (signature.length === 128) {
    // Casper Wallet returns the raw 64 bytes (make-software/casper-wallet `src/content/sdk.ts`); the node
    // needs the tag.
    return reject(
      'MalformedSignature',
      `expected signature ${signerTag} + 64 bytes, got 64 bytes with no tag (prefix it with ${signerTag} for the ${signerAlgorithm.name} signer)`,
    )
  }
  const signatureTag = signature.slice(0, 2)
  if ((signatureTag !== '01' && signatureTag !== '02') || signature.length !== 130) {
    return reject(
      'MalformedSignature',
      `expected signature 01 or 02 + 64 bytes as hex, got ${describe(signature)}`,
    )
  }
  if (signatureTag !== signerTag) {
    return reject(
      'TagMismatch',
      `expected signature tag ${signerTag} (${signerAlgorithm.name}, the signer's algorithm), got ${signatureTag} (${algorithms[signatureTag].name})`,
    )
  }

  const raw = hexToBytes(signature.slice(2))
  const accountHash = accountHashFromPublicKey(signer)
  const invalid = (why = 'one that does not verify') =>
    reject(
      'InvalidSignature',
      `expected ${signerTag === '01' ? 'an' : 'a'} ${signerAlgorithm.name} signature of hash ${bytesToHex(message)} by account-hash-${accountHash}, got ${why}`,
    )

  if (signerTag === '01') {
    const verdict = verifyEd25519(raw, message, publicKey)
    return verdict === true ? { ok: true, accountHash } : invalid(verdict)
  }

  let parsed: InstanceType<typeof secp256k1.Signature>
  try {
    // casper-types `Signature::secp256k1_from_bytes` refuses r or s outside 1..n-1 when deserializing.
    parsed = secp256k1.Signature.fromBytes(raw, 'compact')
  } catch {
    return reject('MalformedSignature', `expected secp256k1 r and s in 1..n-1, got ${short(signature)}`)
  }
  if (parsed.hasHighS()) {
    // k256 `verify_prehashed` refuses high S outright; tell apart "right signature, wrong form".
    const low = new secp256k1.Signature(parsed.r, secp256k1.Point.Fn.ORDER - parsed.s).toBytes('compact')
    return verifySecp256k1(low, message, publicKey)
      ? reject(
          'HighS',
          'expected a low-S secp256k1 signature (s <= n/2, as casper-node requires), got high S; replace s with n - s',
        )
      : invalid()
  }
  return verifySecp256k1(raw, message, publicKey) ? { ok: true, accountHash } : invalid()
}

function hashBytes(hash: string | Uint8Array): Uint8Array {
  const bytes = typeof hash === 'string' && /^[0-9a-fA-F]{64}$/.test(hash) ? hexToBytes(hash) : hash
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
    throw new DeployError('Invalid deploy hash', {
      code: 'InvalidHash',
      details: { expected: '64 hex digits or 32 bytes', got: describe(hash) },
    })
  }
  return bytes
}

/** The order L of the ed25519 prime-order subgroup. */
const ed25519Order = ed25519.Point.Fn.ORDER

/**
 * ed25519-dalek 2.1.1 `VerifyingKey::verify_strict`, the check casper-types v1.5.8
 * `crypto/asymmetric_key.rs` `verify` runs (line 1171): by OpenSSL where Node has it
 * (`nativeVerifier`), once R is known not to be of small order; else, and to say why OpenSSL
 * refused, by {@link nobleEd25519}.
 */
function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): true | string {
  return memoized<true | string>(signature, message, publicKey, () => {
    const native = isSmallOrderEncoding(signature.subarray(0, 32))
      ? false
      : nativeVerifier.verify('ed25519', signature, message, publicKey)
    if (native === true) return true
    const verdict = nobleEd25519(signature, message, publicKey)
    // OpenSSL's refusal stands; noble only words it.
    return verdict === true && native === false ? 'one that does not verify' : verdict
  })
}

/**
 * `verify_strict` in JavaScript. Deliberately not noble's `ed25519.verify`: with `zip215: false` it
 * accepts a small-order R and R or A with a torsion component, because it checks the cofactored
 * equation `[8]([k]A + R - [s]B) = 0`; dalek refuses all three.
 */
function nobleEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): true | string {
  const rBytes = signature.subarray(0, 32)
  // dalek `InternalSignature::from_bytes` → `check_scalar`: s must be canonical (< L); casper-types
  // builds dalek without `legacy_compatibility`, which would only check the top 4 bits.
  const s = bytesToNumberLE(signature.subarray(32, 64))
  if (s >= ed25519Order)
    return `one whose s is not below the group order L (ed25519-dalek refuses non-canonical s)`
  // curve25519-dalek 4 `CompressedEdwardsY::decompress` (used by `VerifyingKey::from_bytes` and for
  // the signature's R) reduces y mod p and allows x = 0 with the sign bit set: noble's `zip215` decoding.
  const A = decompress(publicKey)
  if (!A) return 'a signer key that is not a point on the curve'
  const R = decompress(rBytes)
  if (!R) return 'one whose R is not a point on the curve'
  // dalek `verify_strict`: `signature_R.is_small_order() || self.point.is_small_order()` → error.
  if (A.isSmallOrder()) return 'a signer key of small order, which ed25519-dalek verify_strict refuses'
  if (R.isSmallOrder()) return 'one whose R is of small order, which ed25519-dalek verify_strict refuses'
  // dalek `recompute_R`: k = SHA-512(R bytes ‖ A bytes as given ‖ M) mod L, then [s]B − [k]A, compressed.
  const k = mod(bytesToNumberLE(sha512(concatBytes(rBytes, publicKey, message))), ed25519Order)
  const expectedR = ed25519.Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k)).toBytes()
  // Cofactorless, and byte for byte: a non-canonical encoding of the right R fails too, as in dalek.
  return equalBytes(expectedR, rBytes) || 'one that does not verify'
}

/** p = 2^255 − 19, the field of ed25519. */
const ed25519P = ed25519.Point.Fp.ORDER
/**
 * y of the points of small order (the 8-torsion): 1 (the identity), −1 (order 2), 0 (order 4), and ±y8
 * (order 8; y8 is the order-8 entry 26e8958f…6d53fc05, little-endian, of libsodium's blocklist in
 * `crypto_core/ed25519/ref10/ed25519_ref10.c` `ge25519_has_small_order`). A point is of small order
 * exactly when its y is one of these; x follows from y up to its sign.
 */
const y8 = bytesToNumberLE(hexToBytes('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05'))
const smallOrderY = new Set([0n, 1n, ed25519P - 1n, y8, ed25519P - y8])

/**
 * Whether 32 bytes decode, as curve25519-dalek decodes them (the sign bit dropped, y reduced mod p),
 * to a point of small order: dalek's `is_small_order` on a decoded R, without the square root.
 */
function isSmallOrderEncoding(bytes: Uint8Array): boolean {
  return smallOrderY.has(mod(bytesToNumberLE(bytes) & (2n ** 255n - 1n), ed25519P))
}

function decompress(bytes: Uint8Array): typeof ed25519.Point.BASE | undefined {
  try {
    return ed25519.Point.fromBytes(bytes, true)
  } catch {
    return undefined
  }
}

/**
 * k256 ECDSA over SHA-256(message) of a low-S r || s in 1..n-1 (the caller checks both): by OpenSSL
 * where Node has it (`nativeVerifier`), else by noble.
 */
function verifySecp256k1(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  return memoized(
    signature,
    message,
    publicKey,
    () =>
      nativeVerifier.verify('secp256k1', signature, message, publicKey) ??
      nobleSecp256k1(signature, message, publicKey),
  )
}

function nobleSecp256k1(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    // format 'compact' explicitly: left to guess, noble tries DER first.
    return secp256k1.verify(signature, sha256(message), publicKey, {
      prehash: false,
      lowS: true,
      format: 'compact',
    })
  } catch {
    return false
  }
}

/**
 * Verdicts of recent signature checks. The same approvals are verified again and again as a deploy
 * is described, merged, checked for progress and preflighted; a verdict depends only on its inputs.
 */
const verdicts = new Map<string, unknown>()
const maxVerdicts = 4096

function memoized<Verdict>(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
  verify: () => Verdict,
): Verdict {
  // ed25519 keys are 32 bytes and secp256k1 keys 33, so the two algorithms never share a key here;
  // the verdicts of the two paths are kept apart, so that switching `nativeVerifier` off recomputes.
  const path = nativeVerifier.enabled ? 'n' : 'j'
  const key = `${path}${bytesToHex(publicKey)}${bytesToHex(message)}${bytesToHex(signature)}`
  const known = verdicts.get(key) as Verdict | undefined
  if (known !== undefined) return known
  const verdict = verify()
  if (verdicts.size >= maxVerdicts) verdicts.clear()
  verdicts.set(key, verdict)
  return verdict
}

function isPoint(tag: Tag, publicKey: Uint8Array): boolean {
  try {
    // ed25519: as curve25519-dalek decompresses keys (see verifyEd25519), non-canonical y included.
    if (tag === '01') ed25519.Point.fromBytes(publicKey, true)
    else secp256k1.Point.fromBytes(publicKey)
    return true
  } catch {
    return false
  }
}

function isHex(text: string, bytes?: number): boolean {
  return (
    /^[0-9a-f]*$/.test(text) && text.length % 2 === 0 && (bytes === undefined || text.length === bytes * 2)
  )
}

function refuse(reason: RejectionCode, message: string): VerifyApprovalReturnType {
  return { ok: false, reason, message }
}

function short(hex: string): string {
  return hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.length} bytes`
  if (typeof value !== 'string') return value === undefined ? 'nothing' : `a ${typeof value}`
  if (!/^[0-9a-fA-F]*$/.test(value))
    return `"${value.length > 24 ? `${value.slice(0, 24)}…` : value}" (not hex)`
  return `${value.length / 2} bytes starting ${value.slice(0, 2) || '(empty)'} (${short(value)})`
}

/** Identity of an approval as the node compares them: signer and signature bytes, hex case ignored. */
export function approvalKey(approval: ApprovalJson): string {
  return `${String(approval.signer).toLowerCase()}:${String(approval.signature).toLowerCase()}`
}
