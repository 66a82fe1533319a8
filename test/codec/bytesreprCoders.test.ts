// The bytesrepr primitives written on micro-packed's wrap: u64, Option, fixed values and tagged enums.
import fc from 'fast-check'
import * as P from 'micro-packed'
import { describe, expect, test } from 'vitest'
import { fixed, option, tagged, u32, u64 } from '../../src/codec/bytesrepr.js'

describe('bytesrepr coders', () => {
  test('u64 is 8 little-endian bytes and round-trips 0 to 2^64 - 1', () => {
    expect([...u64.encode(0x0102030405060708n)]).toEqual([8, 7, 6, 5, 4, 3, 2, 1])
    expect(u64.decode(new Uint8Array(8).fill(0xff))).toBe(2n ** 64n - 1n)
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => {
        expect(u64.decode(u64.encode(n))).toBe(n)
      }),
    )
    expect(() => u64.encode(2n ** 64n)).toThrow(/expected a u64/)
    expect(() => u64.decode(new Uint8Array(7))).toThrow()
  })

  test('Option is 0, or 1 then the value; any other first byte is refused', () => {
    const coder = option(u32)
    expect([...coder.encode(undefined)]).toEqual([0])
    expect([...coder.encode(7)]).toEqual([1, 7, 0, 0, 0])
    expect(coder.decode(Uint8Array.of(1, 7, 0, 0, 0))).toBe(7)
    expect(coder.decode(Uint8Array.of(0))).toBeUndefined()
    expect(() => coder.decode(Uint8Array.of(2, 7, 0, 0, 0))).toThrow()
    expect(() => coder.decode(Uint8Array.of(0, 7))).toThrow(/left after unpack/)
  })

  test('a fixed value is written as given and refused when the bytes say otherwise', () => {
    const four = fixed(u32, 4)
    expect([...four.encode(undefined)]).toEqual([4, 0, 0, 0])
    expect(four.decode(Uint8Array.of(4, 0, 0, 0))).toBeUndefined()
    expect(() => four.decode(Uint8Array.of(5, 0, 0, 0))).toThrow(/expected 4, got 5/)
  })

  test('a tagged enum writes the u8 tag then the data, and refuses an unknown tag', () => {
    const coder = tagged({ A: [0, u32], B: [7, P.bytes(2)] })
    expect([...coder.encode({ TAG: 'B', data: Uint8Array.of(1, 2) })]).toEqual([7, 1, 2])
    expect(coder.decode(Uint8Array.of(0, 9, 0, 0, 0))).toEqual({ TAG: 'A', data: 9 })
    expect(() => coder.decode(Uint8Array.of(1, 9, 0, 0, 0))).toThrow(/unknown variant tag 1/)
    expect(() => coder.encode({ TAG: 'C', data: 0 } as never)).toThrow(/unknown variant C/)
  })
})
