// Errors of the Ledger signer: every status word the Casper app answers, and what is refused before asking it.
import { BaseError, type BaseErrorParameters } from '../errors/BaseError.js'

/**
 * Why a Ledger device did not sign, or was not asked:
 * - `UserRejected`: the user refused on the device (status word 0x6986);
 * - `AppNotOpen`: the Casper app is not open (0x6e00, or 0x6d00/0x6511/0x6e01 from the dashboard);
 * - `DeviceLocked`: the device is locked (0x5515, or the app reports it locked);
 * - `DataInvalid`: the app refused the bytes (0x6984; `details.deviceMessage` holds its ASCII reason);
 * - `TooLarge`: the deploy or transaction does not fit the app's buffer (0x6983, or known before
 *   sending: a TransactionV1 over the buffer has no large-payload instruction);
 * - `Ed25519Unsupported`: an ed25519 key or file signer was asked of the Casper app, which holds
 *   secp256k1 keys only;
 * - `InvalidPath`: a derivation path that is not `m/44'/506'/…` with five levels;
 * - `NothingToSign`: `sign` was called without the deploy or transaction (the device needs its bytes);
 * - `WrongKey`: the device's key at the path is not the one expected;
 * - `InvalidSignature`: the device answered a signature that does not verify for its key and the hash;
 * - `DeviceError`: any other status word (`details.statusWord`), or a transport failure.
 */
export type LedgerErrorCode =
  | 'UserRejected'
  | 'AppNotOpen'
  | 'DeviceLocked'
  | 'DataInvalid'
  | 'TooLarge'
  | 'Ed25519Unsupported'
  | 'InvalidPath'
  | 'NothingToSign'
  | 'WrongKey'
  | 'InvalidSignature'
  | 'DeviceError'

/**
 * Thrown by `ledgerSigner` and `ledgerAccounts`; `code` says which rule, `remedy` what to do.
 *
 * @example
 * ```ts
 * try {
 *   await signFile(file, ledgerSigner({ transport }))
 * } catch (error) {
 *   if (error instanceof LedgerError && error.code === 'UserRejected') console.error(error.remedy)
 * }
 * ```
 */
export class LedgerError extends BaseError {
  override name = 'LedgerError'
  declare readonly code: LedgerErrorCode

  constructor(shortMessage: string, parameters: BaseErrorParameters & { code: LedgerErrorCode }) {
    super(shortMessage, parameters)
  }
}
