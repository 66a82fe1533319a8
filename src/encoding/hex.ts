// Hex encoding used across the library (lowercase, no prefix).
import { BaseError } from '../errors/BaseError.js'

/**
 * Lowercase hex of bytes.
 *
 * @example
 * ```ts
 * bytesToHex(new Uint8Array([1, 171])) // '01ab'
 * ```
 */
export function bytesToHex(bytes: Uint8Array): string {
  const digits = new Array<string>(bytes.length)
  for (let i = 0; i < bytes.length; i++) digits[i] = byteHex[bytes[i]!]!
  return digits.join('')
}

const byteHex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/**
 * Bytes of a hex string (either case, no prefix).
 *
 * @example
 * ```ts
 * hexToBytes('01ab') // Uint8Array [1, 171]
 * ```
 */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new BaseError('Invalid hex string', {
      code: 'InvalidHex',
      details: {
        expected: 'an even number of hex digits',
        got: hex.length > 80 ? `${hex.slice(0, 80)}…` : hex,
      },
    })
  }
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = (nibble(hex.charCodeAt(i * 2)) << 4) | nibble(hex.charCodeAt(i * 2 + 1))
  return bytes
}

/** The value of one hex digit's char code (already checked to be a hex digit). */
function nibble(code: number): number {
  return code <= 0x39 ? code - 0x30 : (code | 0x20) - 0x57
}
