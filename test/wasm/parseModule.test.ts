import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { ByteReader, encodeVarS32, encodeVarU32, parseModule } from '../../src/wasm/parseModule.js'
import { WasmParseError } from '../../src/wasm/WasmParseError.js'
import { wat } from './wat.js'

const fromHex = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'))

describe('LEB128', () => {
  test('published vectors (DWARF / Wikipedia LEB128 examples)', () => {
    expect(Array.from(encodeVarU32(624485))).toEqual([0xe5, 0x8e, 0x26])
    expect(Array.from(encodeVarS32(-123456))).toEqual([0xc0, 0xbb, 0x78])
    expect(new ByteReader(fromHex('e58e26')).varU32()).toBe(624485)
    expect(new ByteReader(fromHex('c0bb78')).varS32()).toBe(-123456)
    expect(new ByteReader(fromHex('7f')).varS32()).toBe(-1)
    expect(new ByteReader(fromHex('ffffffff0f')).varU32()).toBe(0xffffffff)
    expect(new ByteReader(fromHex('8080808078')).varS32()).toBe(-(2 ** 31))
    expect(new ByteReader(fromHex('808080808080808080 7f')).varS64()).toBe(-(2n ** 63n))
  })

  test('rejects over-long and out-of-range encodings', () => {
    expect(() => new ByteReader(fromHex('ffffffff1f')).varU32()).toThrowErrorMatchingInlineSnapshot(`
      [WasmParseError: expected a u32 LEB128 (at most 32 bits), got 0x1f at offset 4
        offset: 4
      Remedy: Rebuild the module with a WebAssembly MVP toolchain; the bytes are truncated or corrupt.]
    `)
    expect(() => new ByteReader(fromHex('8080808080')).varU32()).toThrowErrorMatchingInlineSnapshot(`
      [WasmParseError: expected a u32 LEB128 (at most 32 bits), got 0x80 at offset 4
        offset: 4
      Remedy: Rebuild the module with a WebAssembly MVP toolchain; the bytes are truncated or corrupt.]
    `)
    expect(() => new ByteReader(fromHex('ffffffff4f')).varS32()).toThrowErrorMatchingInlineSnapshot(`
      [WasmParseError: expected an s32 LEB128 (at most 32 bits), got 0x4f at offset 4
        offset: 4
      Remedy: Rebuild the module with a WebAssembly MVP toolchain; the bytes are truncated or corrupt.]
    `)
    expect(() => new ByteReader(fromHex('80')).varU32()).toThrowError(WasmParseError)
  })

  test('u32 and s32 round trip', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        (n) => new ByteReader(encodeVarU32(n)).varU32() === n,
      ),
    )
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        (n) => new ByteReader(encodeVarS32(n)).varS32() === n,
      ),
    )
  })
})

describe('parseModule', () => {
  // Offsets below were read off the hex by hand.
  const bytes = fromHex(
    '0061736d 01000000 010401600000 0302010004040170000105030100010708010463616c6c0000 0a0901070041001100000b 0b08010041000b026869',
  )

  test('sections, entries and offsets', () => {
    expect(
      wat(`(module (memory 1) (data (i32.const 0) "hi") (table 1 funcref)
        (func (export "call") (call_indirect (i32.const 0))))`),
    ).toEqual(bytes)
    const m = parseModule(bytes)
    expect(m.sections.map((s) => [s.name, s.offset, s.contentStart, s.contentEnd])).toEqual([
      ['type', 8, 10, 14],
      ['function', 14, 16, 18],
      ['table', 18, 20, 24],
      ['memory', 24, 26, 29],
      ['export', 29, 31, 39],
      ['code', 39, 41, 50],
      ['data', 50, 52, 60],
    ])
    expect(m.types).toEqual([{ params: [], results: [], offset: 11 }])
    expect(m.tables).toEqual([
      { elementType: 'funcref', limits: { initial: 1, maximum: undefined, shared: false, offset: 22 } },
    ])
    expect(m.memories).toEqual([{ initial: 1, maximum: undefined, shared: false, offset: 27 }])
    expect(m.exports).toEqual([{ name: 'call', kind: 'function', index: 0, offset: 32, indexOffset: 38 }])
    expect(m.bodies).toEqual([
      { offset: 42, bodyStart: 43, bodyEnd: 50, locals: [], localCount: 0, codeStart: 44 },
    ])
    expect(m.data).toMatchObject([{ flags: 0, memoryIndex: 0, dataStart: 58, dataEnd: 60 }])
    expect(m.data[0]?.offsetExpression).toEqual({
      start: 54,
      end: 57,
      value: { kind: 'i32.const', value: 0 },
    })
  })

  test('imports, globals, elements, start, locals', () => {
    const m = parseModule(
      wat(`(module
        (import "env" "casper_revert" (func $revert (param i32)))
        (import "env" "memory" (memory 1 2))
        (global $g (mut i64) (i64.const -5))
        (table 2 funcref) (elem (i32.const 1) $f $revert)
        (func $f (local i32 i32 i64))
        (start $f))`),
    )
    expect(m.imports.map((i) => [i.module, i.name, i.kind])).toEqual([
      ['env', 'casper_revert', 'function'],
      ['env', 'memory', 'memory'],
    ])
    expect(m.importedFunctionCount).toBe(1)
    expect(m.imports[1]).toMatchObject({ limits: { initial: 1, maximum: 2 } })
    expect(m.globals[0]).toMatchObject({
      valueType: 'i64',
      mutable: true,
      init: { value: { kind: 'i64.const', value: -5n } },
    })
    expect(m.elements[0]).toMatchObject({ flags: 0, tableIndex: 0, functionIndices: [1, 0] })
    expect(m.start?.functionIndex).toBe(1)
    expect(m.bodies[0]).toMatchObject({
      locals: [
        { count: 2, type: 'i32' },
        { count: 1, type: 'i64' },
      ],
      localCount: 3,
    })
  })

  test('malformed input: expected X, got Y at offset N', () => {
    const fails = (b: Uint8Array) => {
      try {
        parseModule(b)
      } catch (error) {
        expect(error).toBeInstanceOf(WasmParseError)
        return (error as WasmParseError).shortMessage
      }
      throw new Error('expected a WasmParseError')
    }
    expect(fails(fromHex('0061736d'))).toMatchInlineSnapshot(
      `"expected 4 bytes of the version, got 0 bytes left at offset 4"`,
    )
    expect(fails(fromHex('0061736e01000000'))).toMatchInlineSnapshot(
      `"expected magic number 0x00 0x61 0x73 0x6d (\\\\0asm), got 0x00 0x61 0x73 0x6e at offset 0"`,
    )
    expect(fails(fromHex('0061736d02000000'))).toMatchInlineSnapshot(
      `"expected version 0x01 0x00 0x00 0x00, got 0x02 0x00 0x00 0x00 at offset 4"`,
    )
    expect(fails(bytes.subarray(0, 45))).toMatchInlineSnapshot(
      `"expected 9 bytes of the code section, got 4 bytes left at offset 41"`,
    )
    expect(fails(fromHex('0061736d01000000 0d00'))).toMatchInlineSnapshot(
      `"expected a section id 0..12, got 0x0d at offset 8"`,
    )
    expect(fails(fromHex('0061736d01000000 0302010001040160000000'))).toMatchInlineSnapshot(
      `"expected sections in canonical order, got type section out of order at offset 12"`,
    )
    expect(fails(fromHex('0061736d01000000 010401600000 010401600000'))).toMatchInlineSnapshot(
      `"expected at most one type section, got a second one at offset 14"`,
    )
    expect(fails(fromHex('0061736d01000000 0105016001780000'))).toMatchInlineSnapshot(
      `"expected a parameter type, got 0x78 at offset 13"`,
    )
    expect(fails(fromHex('0061736d01000000 010401600000 03020100'))).toMatchInlineSnapshot(
      `"expected 1 function bodies (one per function section entry), got 0 at offset 18"`,
    )
  })

  test('a truncated module throws WasmParseError unless cut at a section boundary that leaves it valid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (n) => {
        try {
          parseModule(bytes.subarray(0, n))
          // Header only; header + type section; everything but the data section.
          expect([8, 14, 50]).toContain(n)
        } catch (error) {
          expect(error).toBeInstanceOf(WasmParseError)
        }
      }),
    )
  })
})
