// The two coders micro-packed takes from @scure/base (hex, utf8), on the platform's TextEncoder and TextDecoder: the cosign builds alias '@scure/base' to this file.
import { bytesToHex, hexToBytes } from '../encoding/hex.js'

/** Lowercase hex, as @scure/base `hex` (micro-packed prints unread bytes with it). */
export const hex = { encode: bytesToHex, decode: hexToBytes }

const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true })
const encoder = new TextEncoder()
/** A lone surrogate: text TextEncoder would silently replace, which @scure/base refuses. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * UTF-8 as @scure/base 2 `utf8`: `encode` turns bytes into text and refuses malformed UTF-8
 * (`fatal`), keeping a leading byte-order mark (`ignoreBOM`); `decode` turns text into bytes and
 * refuses text with a lone surrogate.
 *
 * @example
 * ```ts
 * utf8.encode(new Uint8Array([0xc3, 0xa9])) // 'é'
 * utf8.decode('\ud800') // throws TypeError
 * ```
 */
export const utf8 = {
  encode: (bytes: Uint8Array): string => decoder.decode(bytes),
  decode: (text: string): Uint8Array => {
    if (typeof text !== 'string' || loneSurrogate.test(text)) {
      throw new TypeError('utf8 expected well-formed string')
    }
    return encoder.encode(text)
  },
}
