import { describe, expect, test } from 'vitest'
import { decodeFunctionBody, decodeInstruction, decodeInstructions } from '../../src/wasm/instructions.js'
import { parseModule } from '../../src/wasm/parseModule.js'
import { WasmParseError } from '../../src/wasm/WasmParseError.js'
import { wat } from './wat.js'

const decodeFirstBody = (bytes: Uint8Array) => {
  const m = parseModule(bytes)
  return decodeFunctionBody(m, m.bodies[0]!)
}
const summary = (bytes: Uint8Array) =>
  decodeFirstBody(bytes).map((i) => [i.name, i.subOpcode ?? null, i.class, i.feature, i.length].join(' '))

describe('decodeInstructions', () => {
  test('MVP control flow and immediates', () => {
    const body = decodeFirstBody(
      wat(`(module (memory 1) (table 1 funcref) (type $t (func))
        (func (param i32) (result i32) (local i64)
          (block $b (loop $l (br_table $b $l $b (local.get 0))))
          (call_indirect (type $t) (i32.const 0))
          (i64.store offset=8 align=4 (i32.const 0) (i64.const -2))
          (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3)))))`),
    )
    expect(body.map((i) => i.name)).toEqual([
      'block',
      'loop',
      'local.get',
      'br_table',
      'end',
      'end',
      'i32.const',
      'call_indirect',
      'i32.const',
      'i64.const',
      'i64.store',
      'i32.const',
      'if',
      'i32.const',
      'else',
      'i32.const',
      'end',
      'end',
    ])
    expect(body[3]?.immediates).toEqual({ kind: 'brTable', depths: [1, 0], defaultDepth: 1 })
    expect(body[7]?.immediates).toEqual({ kind: 'callIndirect', typeIndex: 0, tableIndex: 0 })
    expect(body[9]?.immediates).toEqual({ kind: 'i64', value: -2n })
    expect(body[10]?.immediates).toEqual({ kind: 'memarg', align: 2, offset: 8 })
    expect(body[12]?.immediates).toEqual({ kind: 'block', blockType: { kind: 'value', type: 'i32' } })
    // Instructions tile the code range exactly.
    for (let k = 1; k < body.length; k++)
      expect(body[k]!.offset).toBe(body[k - 1]!.offset + body[k - 1]!.length)
  })

  test('classifies post-MVP opcodes by proposal', () => {
    const bytes = wat(
      `(module (memory 1 1 shared) (type $pair (func (result i32 i32)))
        (func (param i32) (result f32)
          (drop (i32.extend8_s (local.get 0)))
          (drop (i32.trunc_sat_f32_s (f32.const 1)))
          (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
          (drop (v128.const i32x4 0 0 0 0))
          (drop (i32.atomic.load (i32.const 0)))
          (drop (ref.null func))
          (block (type $pair) (i32.const 1) (i32.const 2)) (drop) (drop)
          (f32.add (f32.const 1) (f32.load (i32.const 0)))))`,
      {
        sign_extension: true,
        sat_float_to_int: true,
        bulk_memory: true,
        simd: true,
        threads: true,
        reference_types: true,
        multi_value: true,
      },
    )
    expect(summary(bytes)).toMatchInlineSnapshot(`
      [
        "local.get  variable mvp 2",
        "i32.extend8_s  signExtension signExtension 1",
        "drop  parametric mvp 1",
        "f32.const  float mvp 5",
        "i32.trunc_sat_f32_s 0 saturatingTrunc saturatingTrunc 2",
        "drop  parametric mvp 1",
        "i32.const  integer mvp 2",
        "i32.const  integer mvp 2",
        "i32.const  integer mvp 2",
        "memory.copy 10 bulkMemory bulkMemory 4",
        "v128.const 12 simd simd 18",
        "drop  parametric mvp 1",
        "i32.const  integer mvp 2",
        "i32.atomic.load 16 atomics atomics 4",
        "drop  parametric mvp 1",
        "ref.null  referenceTypes referenceTypes 2",
        "drop  parametric mvp 1",
        "block  control multiValue 2",
        "i32.const  integer mvp 2",
        "i32.const  integer mvp 2",
        "end  control mvp 1",
        "drop  parametric mvp 1",
        "drop  parametric mvp 1",
        "f32.const  float mvp 5",
        "i32.const  integer mvp 2",
        "f32.load  memory mvp 3",
        "f32.add  float mvp 1",
        "end  control mvp 1",
      ]
    `)
  })

  test('unknown opcodes and unbalanced ends are malformed', () => {
    expect(() =>
      decodeInstruction({ bytes: Uint8Array.of(0x06), offset: 0 }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [WasmParseError: expected a known opcode, got 0x06 at offset 0
        offset: 0
      Remedy: Rebuild the module with a WebAssembly MVP toolchain; the bytes are truncated or corrupt.]
    `)
    expect(() =>
      decodeInstruction({ bytes: Uint8Array.of(0xfc, 18), offset: 0 }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [WasmParseError: expected a 0xfc sub-opcode 0..17, got 18 at offset 1
        offset: 1
      Remedy: Rebuild the module with a WebAssembly MVP toolchain; the bytes are truncated or corrupt.]
    `)
    expect(() =>
      decodeInstructions({ bytes: Uint8Array.of(0x02, 0x40, 0x0b), start: 0, end: 3 }),
    ).toThrowError(WasmParseError)
    expect(() =>
      decodeInstructions({ bytes: Uint8Array.of(0x0b, 0x01), start: 0, end: 2 }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [WasmParseError: expected the end of the function body, got more instructions at offset 1
        offset: 1
      Remedy: Rebuild the module with a WebAssembly MVP toolchain; the bytes are truncated or corrupt.]
    `)
  })
})
