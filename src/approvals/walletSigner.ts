// Adapts a wallet (Casper Wallet, Ledger, a MetaMask snap, a remote HSM) to the Signer interface.
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { keyAlgorithms } from '../keys/KeyAlgorithm.js'
import { parsePublicKey } from '../keys/parsePublicKey.js'
import type { SignContext, Signer } from '../keys/Signer.js'
import { SignerError } from '../keys/SignerError.js'
import { verifyApproval } from '../keys/verifyApproval.js'
import { safeText } from '../text/safeText.js'

/** What a wallet is asked to sign. */
export type WalletSignRequest = {
  /** The 32 raw bytes of the deploy (or transaction) hash. */
  hash: Uint8Array
  /** The same, as lowercase hex. */
  hashHex: string
  /** The signing key, tagged hex (as normalised by `parsePublicKey`). */
  publicKey: string
  /** The deploy being signed, when signing through `signDeploy` or `signFile` (Casper Wallet needs it). */
  deploy?: DeployJson | undefined
  /** The TransactionV1 being signed (`{ Version1: … }`), when signing one through `signDeploy` or `signFile`. */
  transaction?: TransactionJson | undefined
}

/** Parameters of {@link walletSigner}. */
export type WalletSignerParameters = {
  /** The wallet account's public key: tagged hex (`01…` / `02…`) or a PUBLIC KEY PEM. */
  publicKey: string
  /**
   * Asks the wallet for a signature of `request.hash`. May return the raw 64-byte signature (what
   * Casper Wallet and Ledger return), or a tagged 65-byte one; bytes or hex.
   */
  sign: (request: WalletSignRequest) => Promise<Uint8Array | string>
}

/** Errors `sign` of a {@link walletSigner} throws: always a {@link SignerError}, whatever the wallet throws. */
export type WalletSignerErrorType = SignerError

/**
 * A {@link Signer} around a wallet that signs hashes. Wallets return a raw 64-byte signature with
 * no tag; casper-js-sdk 5.0.12 `Deploy.setSignature` stores such bytes as they are, giving an
 * approval the node rejects (defect 1). This adapter:
 * - tags a 64-byte signature with the key's algorithm (`01` ed25519, `02` secp256k1);
 * - accepts a tagged 65-byte signature only when the tag is the key's;
 * - verifies the signature against the key and the hash before returning it, so a signature by
 *   another account, of another message (e.g. a "Casper Message:" text signature), or high-S is
 *   refused here rather than by the node.
 *
 * @throws {KeyError} when `publicKey` is not a public key.
 * @throws {SignerError} from `sign`: codes `InvalidHash`, `InvalidSignatureEncoding` (a string answer
 *   that is not hex, e.g. base64), `InvalidSignatureLength`, `TagMismatch`, `InvalidSignature`, and
 *   `WalletFailed` when the wallet's `sign` throws or rejects with anything (a string, an object,
 *   `undefined`): its message is made safe (`safeText`) and cut, the value kept as `cause`.
 * @example
 * ```ts
 * // Casper Wallet: signs the deploy JSON it is shown, returns { cancelled, signature } (64 bytes)
 * const provider = window.CasperWalletProvider()
 * const signer = walletSigner({
 *   publicKey: await provider.getActivePublicKey(),
 *   sign: async ({ deploy, publicKey }) => {
 *     const result = await provider.sign(JSON.stringify({ deploy }), publicKey)
 *     if (result.cancelled) throw new Error('Signing cancelled by the user')
 *     return result.signature
 *   },
 * })
 * const signed = await signDeploy(deploy, signer)
 * ```
 */
export function walletSigner(parameters: WalletSignerParameters): Signer {
  const key = parsePublicKey(parameters.publicKey)
  const tag = keyAlgorithms[key.algorithm].tag
  return {
    publicKey: key.publicKeyHex,
    async sign(hash: Uint8Array, context?: SignContext): Promise<Uint8Array> {
      if (!(hash instanceof Uint8Array) || hash.length !== 32) {
        throw new SignerError('Can only sign a 32-byte hash', {
          code: 'InvalidHash',
          details: { expected: '32 bytes (a deploy or transaction hash)', got: `${hash?.length} bytes` },
        })
      }
      const hashHex = bytesToHex(hash)
      let bytes: Uint8Array
      try {
        const returned = await parameters.sign({
          hash: Uint8Array.from(hash),
          hashHex,
          publicKey: key.publicKeyHex,
          deploy: context?.deploy,
          transaction: context?.transaction,
        })
        bytes = toBytes(returned)
      } catch (error) {
        if (isSignerError(error)) throw error
        throw new SignerError('The wallet failed to sign', {
          code: 'WalletFailed',
          details: { message: walletMessage(error) },
          remedy: 'Sign again; if it keeps failing, check the wallet (unlocked, this account selected).',
          cause: error,
        })
      }
      let tagged: Uint8Array
      if (bytes.length === 64) {
        tagged = new Uint8Array(65)
        tagged[0] = tag
        tagged.set(bytes, 1)
      } else if (bytes.length === 65) {
        if (bytes[0] !== tag) {
          throw new SignerError('Signature tag does not match the key', {
            code: 'TagMismatch',
            details: {
              expected: `${hex(tag)} (${key.algorithm}, key ${key.publicKeyHex})`,
              got: `${hex(bytes[0]!)}${bytes[0] === 1 ? ' (ed25519)' : bytes[0] === 2 ? ' (secp256k1)' : ''}`,
            },
            remedy: 'The wallet signed with another key than the one this signer was made for.',
          })
        }
        tagged = bytes
      } else {
        throw new SignerError('Wallet returned a signature of the wrong length', {
          code: 'InvalidSignatureLength',
          details: { expected: '64 bytes (raw) or 65 bytes (tagged)', got: `${bytes.length} bytes` },
        })
      }
      const verified = verifyApproval(hash, { signer: key.publicKeyHex, signature: bytesToHex(tagged) })
      if (!verified.ok) {
        throw new SignerError('Wallet signature does not verify', {
          code: 'InvalidSignature',
          details: { reason: `${verified.reason}: ${verified.message}`, signature: bytesToHex(tagged) },
          remedy:
            'Make sure the wallet signs the raw deploy hash with this account (not a text message, not another key).',
        })
      }
      return tagged
    },
  }
}

function toBytes(value: Uint8Array | string): Uint8Array {
  if (value instanceof Uint8Array) return value
  if (typeof value === 'string') {
    const text = value.trim().replace(/^0x/i, '')
    if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
      // Some wallet APIs answer base64; decoding it as hex would be a guess, so say what came back.
      throw new SignerError('Wallet returned a signature that is not hex', {
        code: 'InvalidSignatureEncoding',
        details: {
          expected: 'bytes, or hex (128 or 130 digits, optional 0x)',
          got: `"${safeText(text.length > 40 ? `${text.slice(0, 40)}…` : text)}" (${text.length} characters, not ${text.length % 2 !== 0 ? 'an even number of ' : ''}hex digits)`,
        },
        remedy:
          'Convert the wallet answer to bytes or hex before returning it from `sign` (base64 is not accepted).',
      })
    }
    return hexToBytes(text)
  }
  throw new SignerError('Wallet returned no signature', {
    code: 'InvalidSignatureLength',
    details: { expected: 'a Uint8Array or a hex string', got: typeof value },
  })
}

/** `instanceof SignerError`, false for a value whose inspection throws (a Proxy). */
function isSignerError(value: unknown): boolean {
  try {
    return value instanceof SignerError
  } catch {
    return false
  }
}

/** What a wallet threw, as text that may be shown: made safe, at most 300 characters; never throws. */
function walletMessage(error: unknown): string {
  let text: string
  try {
    if (error instanceof Error) text = error.message
    else if (typeof error === 'string') text = error
    else if (
      typeof error === 'object' &&
      error !== null &&
      typeof (error as { message?: unknown }).message === 'string'
    )
      text = (error as { message: string }).message
    else text = `${error === null ? 'null' : typeof error} (no message)`
  } catch {
    text = 'a value that cannot be read'
  }
  return safeText(text.length > 300 ? `${text.slice(0, 300)}…` : text)
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0')
}
