// How the Casper Ledger app writes bytes and amounts on its screens.
import { blake2b } from '@noble/hashes/blake2b'
import { bytesToHex } from '../encoding/hex.js'

/**
 * Mixed-case hex, each letter upper-cased where the next bit (least significant first) of `bits`
 * is 1: Zondax/ledger-casper `app/src/crypto.c` `encode` (bits of blake2b-256 of the bytes: the
 * casper-types checksummed hex of CEP-57) and `encode_hex` (bits of the bytes themselves).
 */
function mixedCase(bytes: Uint8Array, bits: Uint8Array): string {
  let bit = 0
  return Array.from(bytesToHex(bytes), (c) => {
    if (c < 'a') return c
    const on = ((bits[bit >> 3] ?? 0) >> (bit & 7)) & 1
    bit++
    return on ? c.toUpperCase() : c
  }).join('')
}

/**
 * The app's `parser_printBytes`: checksummed hex (CEP-57), as casper-types prints hashes.
 *
 * @example
 * ```ts
 * checksummedHex(hexToBytes(file.hash)) // '9d4C…'
 * ```
 */
export function checksummedHex(bytes: Uint8Array): string {
  return mixedCase(bytes, blake2b(bytes, { dkLen: 32 }))
}

/**
 * The app's `encode_hex` (used for "Args hash" of a deploy): letters upper-cased by the bits of the
 * hash itself.
 *
 * @example
 * ```ts
 * selfCasedHex(argsHash) // 'a3F0…'
 * ```
 */
export function selfCasedHex(bytes: Uint8Array): string {
  return mixedCase(bytes, bytes)
}

/**
 * The app's `parser_printAddress` (`encode_addr`): the tag byte as two digits, then the key in
 * checksummed hex.
 *
 * @example
 * ```ts
 * deviceAddress(hexToBytes('02' + key)) // '02' + checksummedHex(key)
 * ```
 */
export function deviceAddress(taggedKey: Uint8Array): string {
  return `${bytesToHex(taggedKey.slice(0, 1))}${checksummedHex(taggedKey.slice(1))}`
}

/**
 * A motes amount as the app writes it (`parser_display_runtimeArgMotes`): digits grouped by three
 * with spaces, then " motes".
 *
 * @example
 * ```ts
 * deviceMotes(2_500_000_000n) // '2 500 000 000 motes'
 * ```
 */
export function deviceMotes(motes: bigint): string {
  return `${motes.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} motes`
}
