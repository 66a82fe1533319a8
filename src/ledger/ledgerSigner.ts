// A Signer on a Ledger device running the Casper app: the device parses, shows and signs the deploy or TransactionV1.
import { accountHashFromPublicKey } from '../account/accountHash.js'
import type { CosignFile } from '../cosign/CosignFile.js'
import { fileFromJson } from '../cosign/fileJson.js'
import { bytesToHex } from '../encoding/hex.js'
import type { SignContext, Signer } from '../keys/Signer.js'
import { verifyApproval } from '../keys/verifyApproval.js'
import { type CasperAppApi, casperApp } from './casperApp.js'
import { LedgerError } from './LedgerError.js'
import type { LedgerTransport } from './LedgerTransport.js'
import { ledgerMessage } from './ledgerMessage.js'
import { defaultLedgerPath, ledgerPathLevels } from './ledgerPath.js'
import { type LedgerScreens, ledgerScreens } from './ledgerScreens.js'
import { ledgerStatusError } from './ledgerStatusError.js'

/** Parameters of {@link ledgerSigner}. */
export type LedgerSignerParameters = {
  /** A `@ledgerhq/hw-transport` Transport (node-hid, WebHID, …) or any object with its `send`. */
  transport: LedgerTransport
  /** The derivation path (default `m/44'/506'/0'/0/0`). */
  path?: string | undefined
  /**
   * The key the device must hold at `path` (tagged hex): refused up front when it is ed25519 (the
   * Casper app holds secp256k1 keys only), and checked against the device before signing.
   */
  publicKey?: string | undefined
  /** Called with what the device is about to show, before it is asked to sign. */
  onScreens?: ((screens: LedgerScreens) => void) | undefined
}

/** A {@link Signer} on a Ledger, with the path and account hash of its key. */
export type LedgerSigner = Signer & {
  readonly algorithm: 'secp256k1'
  readonly path: string
  /** The key's account hash (64 hex digits). */
  readonly accountHash: string
}

/** Errors {@link ledgerSigner} and its `sign` throw. */
export type LedgerSignerErrorType = LedgerError

/** Nano S (target id 0x31100004) has an 8 KB app buffer; the others 16 KB (Zondax/ledger-casper `app/src/common/tx.c`). */
const nanoSTargetId = '31100004'

/**
 * A signer on a Ledger running the Casper app (Zondax/ledger-casper 3.0.x) through
 * @zondax/ledger-casper, loaded on first use. It reads the device's secp256k1 key at `path`, then
 * each `sign`:
 * - needs the deploy or TransactionV1 (`signFile` and `signDeploy` pass it): the device parses
 *   those bytes, checks their hashes and shows them; it never signs a bare hash;
 * - sends INS 0x02 (`0x00` + deploy bytes, or `0x01` + TransactionV1 bytes, approvals included)
 *   when the message fits the app's buffer (16 KB, 8 KB on a Nano S), else INS 0x04 for a deploy
 *   with Wasm (the device then shows only the deploy and body hashes); a TransactionV1 has no
 *   large-payload instruction: `TooLarge`;
 * - verifies the answered R‖S against the hash and the device's key before returning `02` + R‖S.
 *
 * @throws {LedgerError} codes `Ed25519Unsupported`, `InvalidPath`, `WrongKey`, `AppNotOpen`,
 *   `DeviceLocked`, `DeviceError` when creating it; from `sign` also `UserRejected`, `TooLarge`,
 *   `DataInvalid`, `NothingToSign`, `InvalidSignature`.
 * @example
 * ```ts
 * const transport = await TransportNodeHid.create()
 * const signer = await ledgerSigner({ transport, path: "m/44'/506'/0'/0/0" })
 * const signed = await signFile(file, signer)
 * ```
 */
export async function ledgerSigner(parameters: LedgerSignerParameters): Promise<LedgerSigner> {
  const path = (parameters.path ?? defaultLedgerPath).trim()
  if (parameters.publicKey?.trim().startsWith('01')) {
    throw new LedgerError('The Casper Ledger app holds secp256k1 keys only', {
      code: 'Ed25519Unsupported',
      details: { publicKey: parameters.publicKey },
      remedy:
        'Sign with the ed25519 key elsewhere (a secret key file or Casper Wallet), or use a secp256k1 key of the Ledger (02…).',
    })
  }
  ledgerPathLevels(path)
  const app = await casperApp(parameters.transport)
  const version = await app.getVersion()
  if (version.returnCode !== 0x9000) throw ledgerStatusError(version.returnCode, version.errorMessage)
  if (version.deviceLocked) throw ledgerStatusError(0x5515)
  const bufferBytes = version.targetId === nanoSTargetId ? 8192 : 16384
  const address = await app.getAddressAndPubKey(path)
  if (address.returnCode !== 0x9000) throw ledgerStatusError(address.returnCode, address.errorMessage)
  const publicKey = `02${bytesToHex(Uint8Array.from(address.publicKey))}`
  if (parameters.publicKey !== undefined && parameters.publicKey.trim().toLowerCase() !== publicKey) {
    throw new LedgerError('The device holds another key at this path', {
      code: 'WrongKey',
      details: { path, expected: parameters.publicKey, device: publicKey },
      remedy: 'Connect the Ledger holding this key, or give the path of this key (--ledger-path).',
    })
  }
  return {
    publicKey,
    algorithm: 'secp256k1',
    path,
    accountHash: accountHashFromPublicKey(publicKey),
    async sign(hash: Uint8Array, context?: SignContext): Promise<Uint8Array> {
      const file = contextFile(hash, context)
      const screens = ledgerScreens(file, { bufferBytes })
      parameters.onScreens?.(screens)
      const signature = await deviceSign(app, path, file, screens)
      const tagged = new Uint8Array(65)
      tagged[0] = 2
      tagged.set(signature, 1)
      const verdict = verifyApproval(hash, { signer: publicKey, signature: bytesToHex(tagged) })
      if (!verdict.ok) {
        throw new LedgerError('The device answered a signature that does not verify', {
          code: 'InvalidSignature',
          details: {
            publicKey,
            signature: bytesToHex(tagged),
            reason: `${verdict.reason}: ${verdict.message}`,
          },
          remedy:
            'Do not use this signature; reconnect the device and sign again, and update the Casper app.',
        })
      }
      return tagged
    },
  }
}

async function deviceSign(app: CasperAppApi, path: string, file: CosignFile, screens: LedgerScreens) {
  const bytes = ledgerMessage(file)
  const response =
    screens.instruction === 'signWasm'
      ? await app.signWasmDeploy(path, Buffer.from(bytes))
      : await app.sign(path, Buffer.from([file.kind === 'deploy' ? 0 : 1, ...bytes]))
  if (response.returnCode !== 0x9000) {
    throw ledgerStatusError(response.returnCode, deviceReason(response.errorMessage))
  }
  const rs = response.signatureRS
  if (rs?.length !== 64) {
    throw new LedgerError('The device answered no signature', {
      code: 'InvalidSignature',
      details: { expected: 'R‖S, 64 bytes', got: `${rs?.length ?? 0} bytes` },
      remedy: 'Reconnect the device and sign again; update the Casper app if this persists.',
    })
  }
  return Uint8Array.from(rs)
}

/** @zondax/ledger-casper writes "Data is invalid : <the app's reason>"; the reason is what the app said. */
function deviceReason(message: string): string {
  const at = message.indexOf(' : ')
  return at >= 0 ? message.slice(at + 3) : message
}

function contextFile(hash: Uint8Array, context: SignContext | undefined): CosignFile {
  const json = context?.deploy ?? context?.transaction
  if (!json) {
    throw new LedgerError('A Ledger signs a deploy or transaction, not a bare hash', {
      code: 'NothingToSign',
      details: { hash: bytesToHex(hash) },
      remedy: 'Sign through signFile or signDeploy, which give the device the deploy or transaction to show.',
    })
  }
  const file = fileFromJson(json, context?.deploy ? 'deploy' : 'transaction')
  if (file.hash !== bytesToHex(hash)) {
    throw new LedgerError('The hash to sign is not the hash of the deploy or transaction given', {
      code: 'NothingToSign',
      details: { hash: bytesToHex(hash), fileHash: file.hash },
      remedy: 'Pass the deploy or transaction whose hash is signed.',
    })
  }
  return file
}
