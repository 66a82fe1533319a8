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
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

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
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}
