// clValueJson: arg bytes decoded as casper-types `bytesrepr::deserialize` reads them in the session.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { decodeArgValue, encodeU512, parsedValue } from '../../src/deploy/clValueJson.js'
import { hexToBytes } from '../../src/encoding/hex.js'

const hash = (byte: number) => new Uint8Array(32).fill(byte)
/** A bytesrepr List: u32 little-endian count, then the items (casper-types `bytesrepr.rs`, Vec<T>). */
const list = (count: number, items: Uint8Array[]) => {
  const body = items.flatMap((item) => Array.from(item))
  return new Uint8Array([count & 0xff, (count >> 8) & 0xff, (count >> 16) & 0xff, count >>> 24, ...body])
}

describe('lists are read by their u32 count and must use their bytes exactly', () => {
  test('well-formed lists decode', () => {
    expect(parsedValue('List<U8>', list(2, [Uint8Array.of(1), Uint8Array.of(3)]))).toEqual([1, 3])
    expect(parsedValue('List<ByteArray(32)>', list(2, [hash(0xaa), hash(0xbb)]))).toEqual([
      'aa'.repeat(32),
      'bb'.repeat(32),
    ])
    expect(parsedValue('List<U8>', list(0, []))).toEqual([])
  })

  test('a count larger than the items is malformed (it used to show the items that were there)', () => {
    expect(parsedValue('List<ByteArray(32)>', list(3, [hash(1), hash(2)]))).toBeUndefined()
    expect(decodeArgValue('List<ByteArray(32)>', list(3, [hash(1), hash(2)]))).toMatchInlineSnapshot(`
      {
        "message": "expected 4 + 3 × 32 = 100 bytes (List<ByteArray(32)> of 3), got 68 bytes",
        "ok": false,
      }
    `)
  })

  test('a count smaller than the items is malformed too (bytes left over)', () => {
    expect(decodeArgValue('List<U8>', list(1, [Uint8Array.of(1), Uint8Array.of(2)]))).toMatchInlineSnapshot(`
      {
        "message": "expected 4 + 1 × 1 = 5 bytes (List<U8> of 1), got 6 bytes",
        "ok": false,
      }
    `)
    expect(parsedValue('List<ByteArray(32)>', new Uint8Array([...list(1, [hash(1)]), 0]))).toBeUndefined()
  })

  test('no count at all, or an empty arg', () => {
    expect(decodeArgValue('List<U8>', new Uint8Array(3))).toMatchInlineSnapshot(`
      {
        "message": "expected a u32 count (4 bytes) before the items, got 3 bytes",
        "ok": false,
      }
    `)
    expect(parsedValue('List<ByteArray(32)>', new Uint8Array(0))).toBeUndefined()
  })

  test('property: a list decodes iff its length is 4 + count × item size', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.uint8Array({ maxLength: 140 }), (count, items) => {
        const bytes = list(count, [items])
        const decoded = parsedValue('List<U8>', bytes)
        if (items.length === count) expect(decoded).toEqual(Array.from(items))
        else expect(decoded).toBeUndefined()
      }),
    )
  })
})

describe('scalars must have exactly their size', () => {
  test('U8 is 1 byte', () => {
    expect(parsedValue('U8', Uint8Array.of(2))).toBe(2)
    expect(parsedValue('U8', Uint8Array.of())).toBeUndefined()
    expect(decodeArgValue('U8', Uint8Array.of(2, 0))).toMatchInlineSnapshot(`
      {
        "message": "expected 1 byte (U8), got 2 bytes",
        "ok": false,
      }
    `)
  })

  test('ByteArray(32) is 32 bytes; a Key::Account (tag 00 + 32) is not', () => {
    expect(parsedValue('ByteArray(32)', hash(7))).toBe('07'.repeat(32))
    expect(decodeArgValue('ByteArray(32)', new Uint8Array([0, ...hash(7)]))).toMatchInlineSnapshot(`
      {
        "message": "expected 32 bytes (ByteArray(32)), got 33 bytes",
        "ok": false,
      }
    `)
  })

  test('U512: a length byte (at most 64) and exactly that many bytes', () => {
    expect(parsedValue('U512', encodeU512(2_500_000_000n))).toBe('2500000000')
    expect(parsedValue('U512', hexToBytes('00'))).toBe('0')
    expect(parsedValue('U512', hexToBytes('0400f90295'))).toBe('2500000000')
    expect(parsedValue('U512', hexToBytes('0400f902'))).toBeUndefined()
    expect(decodeArgValue('U512', hexToBytes('41'))).toMatchInlineSnapshot(`
      {
        "message": "expected a U512 length byte 0..64, got 65",
        "ok": false,
      }
    `)
  })
})
