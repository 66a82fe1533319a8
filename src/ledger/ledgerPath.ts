// BIP 44 paths of the Casper Ledger app: m/44'/506'/account'/change/index, five levels.
import { LedgerError } from './LedgerError.js'

/** The path of the first account, as the Casper app and Casper Wallet use it. */
export const defaultLedgerPath = "m/44'/506'/0'/0/0"

const hardened = 0x80000000

/**
 * The five levels of a Casper path as u32 values (hardened levels with bit 31 set), refusing what
 * the app refuses: anything but five levels starting `44'/506'` (Zondax/ledger-casper
 * `app/src/apdu_handler.c` `extractHDPath`, status 0x6984), checked here before any device is asked.
 *
 * @throws {LedgerError} code `InvalidPath`.
 * @example
 * ```ts
 * ledgerPathLevels("m/44'/506'/0'/0/3") // [0x8000002c, 0x800001fa, 0x80000000, 0, 3]
 * ```
 */
export function ledgerPathLevels(path: string): number[] {
  const parts = path.trim().split('/')
  const invalid = (reason: string) =>
    new LedgerError('Not a Casper Ledger path', {
      code: 'InvalidPath',
      details: { path, reason, expected: "m/44'/506'/ACCOUNT'/0/INDEX (five levels)" },
      remedy: `Use a path such as ${defaultLedgerPath}; the Casper app signs only under 44'/506'.`,
    })
  if (parts[0] !== 'm' || parts.length !== 6) throw invalid('not five levels after m')
  const levels = parts.slice(1).map((part) => {
    const match = /^(\d{1,10})(')?$/.exec(part)
    const value = match ? Number(match[1]) : Number.NaN
    if (!match || value >= hardened) throw invalid(`level "${part}" is not a number below 2^31`)
    return match[2] ? (value | hardened) >>> 0 : value
  })
  if (levels[0] !== (44 | hardened) >>> 0 || levels[1] !== (506 | hardened) >>> 0) {
    throw invalid("does not start 44'/506'")
  }
  return levels
}
