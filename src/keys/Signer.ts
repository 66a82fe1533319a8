// The one interface every way of signing (local key, browser wallet, hardware wallet) implements.
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'

/**
 * What a signer may be told about what it signs (wallets show it to the user): the deploy or the
 * transaction whose hash is being signed, as JSON, with the approvals it already carries.
 */
export type SignContext = {
  /** The deploy whose hash is being signed, for signers that display or re-check it. */
  deploy?: DeployJson | undefined
  /** The TransactionV1 whose hash is being signed, as `{ Version1: … }`. */
  transaction?: TransactionJson | undefined
}

/**
 * Something that can approve a deploy or transaction. `sign` receives the 32 raw bytes of the
 * deploy hash (casper-node `Approval::create` signs `deploy_hash.inner()`) and returns the tagged
 * 65-byte signature: `01` + 64-byte ed25519 signature, or `02` + 64-byte compact secp256k1 r||s.
 *
 * @example
 * ```ts
 * const signer: Signer = localSigner(readFileSync('secret_key.pem', 'utf8'))
 * const signed = await signDeploy(deploy, signer)
 * ```
 */
export interface Signer {
  /** Tagged public key hex (`01…` / `02…` compressed), as in public_key_hex. */
  readonly publicKey: string
  /** Signs the 32-byte hash; resolves to the tagged 65-byte signature. */
  sign(hash: Uint8Array, context?: SignContext): Promise<Uint8Array>
}
