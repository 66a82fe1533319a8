// ed25519 and secp256k1 signature checks by Node's own crypto (OpenSSL), looked up at run time so that
// no bundle, the browser one and the cosign page among them, imports node:crypto.
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { ed25519 } from './ed25519.js'
import { secp256k1 } from './secp256k1.js'

/** The two functions of node:crypto used here, typed here so the entries' types need no @types/node. */
type NodeCrypto = {
  createPublicKey(key: { key: Uint8Array; format: 'der'; type: 'spki' }): object
  verify(
    algorithm: string | null,
    data: Uint8Array,
    key: object | { key: object; dsaEncoding: 'ieee-p1363' },
    signature: Uint8Array,
  ): boolean
}

type Algorithm = 'ed25519' | 'secp256k1'

/**
 * SubjectPublicKeyInfo DER before the raw key: RFC 8410 section 4 (id-Ed25519 1.3.101.112, 32
 * bytes), RFC 5480 section 2 (id-ecPublicKey with secp256k1 1.3.132.0.10, a 33-byte compressed point).
 */
const spkiPrefix: Record<Algorithm, Uint8Array> = {
  ed25519: hexToBytes('302a300506032b6570032100'),
  secp256k1: hexToBytes('3036301006072a8648ce3d020106052b8104000a032200'),
}

/** undefined: not looked up yet; null: not here (a browser, Node before 20.16). */
let nodeCrypto: NodeCrypto | null | undefined
/** KeyObjects by algorithm and key, most recently used last; null for a key left to noble. */
const keyObjects = new Map<string, object | null>()
const maxKeyObjects = 256

/**
 * OpenSSL's verdict on a signature, for the checks in `verifyApproval.ts` to take once their own
 * strictness checks have passed:
 * - ed25519: `crypto.verify(null, …)` is OpenSSL's `ossl_ed25519_verify` (crypto/ec/curve25519.c):
 *   s < L, then [s]B − [k]A compressed and compared with R byte for byte (cofactorless), k from the
 *   key bytes as given, as ed25519-dalek's `verify_strict`. dalek's small-order checks are not
 *   OpenSSL's: a small-order key is never given to OpenSSL here (noble judges it), and the caller
 *   refuses a small-order R first.
 * - secp256k1: ECDSA over SHA-256 of the message, r || s (`ieee-p1363`). OpenSSL accepts high S: the
 *   caller checks r, s and low S first.
 *
 * A key is given to OpenSSL only if noble decodes it (and, for ed25519, it is not of small order),
 * so keys are accepted exactly as before. `undefined` means "ask noble": no node:crypto here,
 * `enabled` is false, a key noble refuses, or a crypto library that lacks the curve (BoringSSL has
 * no secp256k1).
 *
 * @example
 * ```ts
 * nativeVerifier.verify('ed25519', signature, hash, publicKey) ?? nobleVerdict()
 * nativeVerifier.enabled = false // every check by noble, as in a browser
 * ```
 */
export const nativeVerifier = {
  /** false sends every check to noble (the benchmark and the property tests compare both paths). */
  enabled: true,
  verify(
    algorithm: Algorithm,
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): boolean | undefined {
    if (!nativeVerifier.enabled) return undefined
    // Node ≥ 20.16 (and 22.3): a built-in module without an import a bundler would follow.
    nodeCrypto ??=
      ((
        globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
      ).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ?? null
    const key = nodeCrypto && keyObject(nodeCrypto, algorithm, publicKey)
    if (!nodeCrypto || !key) return undefined
    try {
      return algorithm === 'ed25519'
        ? nodeCrypto.verify(null, message, key, signature)
        : nodeCrypto.verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature)
    } catch {
      return undefined
    }
  },
}

/** The KeyObject of a key, made once per key (about half a millisecond for secp256k1) and kept. */
function keyObject(crypto: NodeCrypto, algorithm: Algorithm, publicKey: Uint8Array): object | null {
  // ed25519 keys are 32 bytes and secp256k1 keys 33, so the hex alone tells the algorithm.
  const id = bytesToHex(publicKey)
  let key = keyObjects.get(id)
  if (key === undefined) {
    key = createKeyObject(crypto, algorithm, publicKey)
    if (keyObjects.size >= maxKeyObjects) keyObjects.delete(keyObjects.keys().next().value as string)
  } else keyObjects.delete(id)
  keyObjects.set(id, key)
  return key
}

function createKeyObject(crypto: NodeCrypto, algorithm: Algorithm, publicKey: Uint8Array): object | null {
  try {
    if (algorithm === 'secp256k1') secp256k1.Point.fromBytes(publicKey)
    // As curve25519-dalek decompresses keys (non-canonical y included); dalek `verify_strict` refuses
    // a small-order key, which OpenSSL does not check.
    else if (ed25519.Point.fromBytes(publicKey, true).isSmallOrder()) return null
    return crypto.createPublicKey({
      key: new Uint8Array([...spkiPrefix[algorithm], ...publicKey]),
      format: 'der',
      type: 'spki',
    })
  } catch {
    return null
  }
}
