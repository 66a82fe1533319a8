// micro-packed's hex and utf8 coders on the platform's TextEncoder/TextDecoder, strict as @scure/base.
import fc from 'fast-check'
import * as P from 'micro-packed'
import { describe, expect, test } from 'vitest'
import { hex, utf8 } from '../../src/codec/scureBase.js'

describe('scureBase', () => {
  test('micro-packed strings refuse malformed UTF-8; unread bytes are printed as hex', () => {
    expect(() => P.string(P.U32LE).decode(Uint8Array.of(1, 0, 0, 0, 0xff))).toThrow(/not valid|invalid/i)
    expect(() => P.U8.decode(Uint8Array.of(1, 0xab))).toThrowErrorMatchingInlineSnapshot(
      `[Error: Reader(): 1 bytes 0 bits left after unpack: ab]`,
    )
  })

  test('utf8 round-trips every well-formed string and refuses lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(utf8.encode(utf8.decode(text))).toBe(text)
      }),
    )
    for (const text of ['\ud800', 'a\udc00', '\udbff\ud800']) {
      expect(() => utf8.decode(text)).toThrowErrorMatchingInlineSnapshot(
        `[TypeError: utf8 expected well-formed string]`,
      )
    }
    expect(utf8.decode('\ud83d\ude00')).toEqual(Uint8Array.of(0xf0, 0x9f, 0x98, 0x80))
  })

  test('utf8 keeps a leading byte-order mark and refuses overlong and truncated sequences', () => {
    expect(utf8.encode(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA')
    for (const bytes of [
      [0xc0, 0x80],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ]) {
      expect(() => utf8.encode(Uint8Array.from(bytes))).toThrow(TypeError)
    }
  })

  test('hex is lowercase and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        const text = hex.encode(bytes)
        expect(text).toMatch(/^[0-9a-f]*$/)
        expect(hex.decode(text)).toEqual(bytes)
      }),
    )
  })
})
