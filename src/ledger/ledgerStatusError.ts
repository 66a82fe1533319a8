// A status word of the Casper Ledger app (or the device OS) as a LedgerError with a remedy.
import { LedgerError } from './LedgerError.js'

/**
 * The typed error for a status word other than 0x9000 (Zondax/ledger-casper
 * `app/src/apdu_handler.c`, `app/src/common/actions.h` `app_reject`; ledger-zxlib `apdu_codes.h`):
 * 0x6986 the user rejected, 0x6e00 / 0x6d00 / 0x6e01 / 0x6511 / 0x6807 the Casper app is not open,
 * 0x5515 locked, 0x6984 data invalid (with the app's ASCII reason), 0x6983 too large; anything
 * else (including 0xffff, a transport failure) is `DeviceError`.
 *
 * @example
 * ```ts
 * ledgerStatusError(0x6986).code // 'UserRejected'
 * ```
 */
export function ledgerStatusError(statusWord: number, deviceMessage?: string): LedgerError {
  const details = {
    statusWord: `0x${statusWord.toString(16).padStart(4, '0')}`,
    deviceMessage: deviceMessage || undefined,
  }
  switch (statusWord) {
    case 0x6986:
      return new LedgerError('You rejected on the device', {
        code: 'UserRejected',
        details,
        remedy:
          'Nothing was signed. Sign again and approve only if every screen matches the hashes and description printed here.',
      })
    case 0x6e00:
    case 0x6e01:
    case 0x6d00:
    case 0x6511:
    case 0x6807:
      return new LedgerError('The Casper app is not open on the device', {
        code: 'AppNotOpen',
        details,
        remedy:
          'Unlock the device and open the Casper app (install it with Ledger Live if it is missing), then retry.',
      })
    case 0x5515:
      return new LedgerError('The device is locked', {
        code: 'DeviceLocked',
        details,
        remedy: 'Unlock the device with its PIN, open the Casper app, then retry.',
      })
    case 0x6984:
      return new LedgerError('The Casper app refused the data', {
        code: 'DataInvalid',
        details,
        remedy:
          'The app could not read or check this file (see deviceMessage): update the Casper app; if it persists, the file has a shape the app does not support.',
      })
    case 0x6983:
      return new LedgerError('The transaction is too large for the device', {
        code: 'TooLarge',
        details,
        remedy:
          'The transaction is too large for the device: the Casper app holds 16 KB (8 KB on a Nano S). Sign it with another key, or have it rebuilt smaller.',
      })
    default:
      return new LedgerError('The device did not sign', {
        code: 'DeviceError',
        details,
        remedy: 'Reconnect the device, open the Casper app, and retry; update the app if this persists.',
      })
  }
}
