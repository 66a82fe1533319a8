import { describe, expect, test } from 'vitest'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import {
  assertSessionWasm,
  type CheckSessionWasmOptions,
  casperHostFunctions,
  checkSessionWasm,
  nodeRejection,
} from '../../src/wasm/checkSessionWasm.js'
import { configureAccountWasm } from '../../src/wasm/modules/configureAccountWasm.js'
import { twoPartyMultiSigWasm } from '../../src/wasm/modules/twoPartyMultiSigWasm.js'
import { parseModule } from '../../src/wasm/parseModule.js'
import { SessionWasmError } from '../../src/wasm/SessionWasmError.js'
import { wat } from './wat.js'

type Features = Parameters<typeof wat>[1]

/** `code: message` of every violation of a module given as WAT. */
// The checks as casper-node 1.5.8 applies them, unless a test names another chainspec.
const v15 = { chainspec: casper15 }
const violationsOf = (text: string, features?: Features, options?: CheckSessionWasmOptions) =>
  checkSessionWasm(wat(text, features), options ?? v15).violations.map((v) => `${v.code}: ${v.message}`)

const goodSession = `(module
  (import "env" "casper_get_named_arg_size" (func $size (param i32 i32 i32) (result i32)))
  (import "env" "casper_revert" (func $revert (param i32)))
  (memory 1)
  (data (i32.const 0) "deployment-account")
  (func (export "call")
    (if (call $size (i32.const 0) (i32.const 18) (i32.const 32))
      (then (call $revert (i32.const 2))))))`

describe('checkSessionWasm: accepted modules', () => {
  test('a plain MVP session passes on both protocols', () => {
    expect(checkSessionWasm(wat(goodSession), v15)).toEqual({ ok: true, violations: [] })
    expect(checkSessionWasm(wat(goodSession), { protocol: '2.0' })).toEqual({ ok: true, violations: [] })
    expect(() => assertSessionWasm(wat(goodSession), v15)).not.toThrow()
  })

  test.each([
    ['two-party-multi-sig', twoPartyMultiSigWasm],
    ['configure-account', configureAccountWasm],
  ])('the bundled %s session passes on both protocols', (_, wasm) => {
    expect(checkSessionWasm(wasm, v15).violations).toEqual([])
    expect(checkSessionWasm(wasm, { protocol: '2.0' }).violations).toEqual([])
  })

  test('float loads and stores are priced by the node (opcode_costs.rs), not refused', () => {
    expect(
      violationsOf(
        `(module (memory 1) (func (export "call") (f32.store (i32.const 0) (f32.load (i32.const 4)))))`,
      ),
    ).toEqual([])
  })

  test('memory of exactly 64 pages, table of 4096, 256 globals, br_table of 256 are at the limits', () => {
    const globals = Array.from({ length: 256 }, () => '(global i32 (i32.const 0))').join(' ')
    const labels = Array.from({ length: 256 }, () => '0').join(' ')
    expect(
      violationsOf(`(module (memory 64 64) (table 4096 4096 funcref) ${globals}
        (func (export "call") (block (br_table ${labels} 0 (i32.const 0)))))`),
    ).toEqual([])
  })
})

describe('checkSessionWasm: one bad module per rule', () => {
  test('MissingCallExport', () => {
    expect(violationsOf(`(module (memory 1) (func (export "main")))`)).toMatchInlineSnapshot(`
      [
        "MissingCallExport: expected an export named "call" of type () -> (), got none",
      ]
    `)
  })

  test('CallExportNotAFunction', () => {
    expect(
      violationsOf(`(module (memory 1) (global (export "call") i32 (i32.const 0)))`),
    ).toMatchInlineSnapshot(`
      [
        "CallExportNotAFunction: expected export "call" to be a function, got a global at offset 24",
      ]
    `)
  })

  test('InvalidCallExportSignature', () => {
    expect(violationsOf(`(module (memory 1) (func (export "call") (param i32)))`)).toMatchInlineSnapshot(`
      [
        "InvalidCallExportSignature: expected export "call" to take no parameters, got (i32) -> () at offset 27",
      ]
    `)
  })

  test('UnsupportedWasmStart', () => {
    expect(violationsOf(`(module (memory 1) (func $f (export "call")) (start $f))`)).toMatchInlineSnapshot(`
      [
        "UnsupportedWasmStart: expected no start section, got start function 0 at offset 35",
      ]
    `)
  })

  test('MissingMemorySection', () => {
    expect(violationsOf(`(module (func (export "call")))`)).toMatchInlineSnapshot(`
      [
        "MissingMemorySection: expected a memory section with one memory (casper-node re-imports it as env.memory), got none",
      ]
    `)
  })

  test('ImportedMemory', () => {
    expect(
      violationsOf(`(module (import "env" "memory" (memory 1)) (func (export "call")))`),
    ).toMatchInlineSnapshot(`
      [
        "ImportedMemory: expected the memory to be defined in the module, got import env.memory at offset 17",
        "MissingMemorySection: expected a memory section with one memory (casper-node re-imports it as env.memory), got none",
      ]
    `)
  })

  test('MemoryTooLarge', () => {
    expect(violationsOf(`(module (memory 65) (func (export "call")))`)).toMatchInlineSnapshot(`
      [
        "MemoryTooLarge: expected memory of at most 64 pages, got initial 65 at offset 21",
      ]
    `)
    expect(violationsOf(`(module (memory 1 65) (func (export "call")))`)).toMatchInlineSnapshot(`
      [
        "MemoryTooLarge: expected memory of at most 64 pages, got initial 1, maximum 65 at offset 21",
      ]
    `)
  })

  test('UnknownImportModule', () => {
    expect(
      violationsOf(`(module (import "host" "f" (func)) (memory 1) (func (export "call")))`),
    ).toMatchInlineSnapshot(`
      [
        "UnknownImportModule: expected imports from module "env", got host.f at offset 17",
      ]
    `)
  })

  test('UnsupportedImportKind', () => {
    expect(
      violationsOf(`(module (import "env" "table" (table 1 funcref)) (memory 1) (func (export "call")))`),
    ).toMatchInlineSnapshot(`
      [
        "UnsupportedImportKind: expected only function imports, got table import env.table at offset 17",
      ]
    `)
  })

  test('GasImport', () => {
    expect(
      violationsOf(`(module (import "env" "gas" (func (param i32))) (memory 1) (func (export "call")))`),
    ).toMatchInlineSnapshot(`
      [
        "GasImport: expected no import of env.gas (the node injects it), got one at offset 21",
      ]
    `)
  })

  test('UnknownHostFunction (test-support only, and per protocol)', () => {
    expect(
      violationsOf(
        `(module (import "env" "casper_print" (func (param i32 i32))) (memory 1) (func (export "call")))`,
      ),
    ).toMatchInlineSnapshot(`
      [
        "UnknownHostFunction: expected a casper 1.5 host function, got env.casper_print at offset 22",
      ]
    `)
    const emit = `(module (import "env" "casper_emit_message" (func (param i32 i32 i32 i32) (result i32)))
      (memory 1) (func (export "call")))`
    expect(violationsOf(emit)).toMatchInlineSnapshot(`
      [
        "UnknownHostFunction: expected a casper 1.5 host function, got env.casper_emit_message at offset 25",
      ]
    `)
    expect(violationsOf(emit, {}, { protocol: '2.0' })).toEqual([])
    const recordTransfer = `(module (import "env" "casper_record_transfer"
      (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32))) (memory 1) (func (export "call")))`
    expect(violationsOf(recordTransfer)).toEqual([])
    expect(violationsOf(recordTransfer, {}, { protocol: '2.0' })).toMatchInlineSnapshot(`
      [
        "UnknownHostFunction: expected a casper 2.0 host function, got env.casper_record_transfer at offset 31",
      ]
    `)
  })

  test('HostFunctionSignatureMismatch', () => {
    expect(
      violationsOf(
        `(module (import "env" "casper_revert" (func (param i32) (result i32))) (memory 1) (func (export "call")))`,
      ),
    ).toMatchInlineSnapshot(`
      [
        "HostFunctionSignatureMismatch: expected env.casper_revert: (i32) -> (), got (i32) -> (i32) at offset 22",
      ]
    `)
    expect(
      violationsOf(`(module (import "env" "casper_add_associated_key" (func (param i32 i64 i32) (result i32)))
        (memory 1) (func (export "call")))`),
    ).toMatchInlineSnapshot(`
      [
        "HostFunctionSignatureMismatch: expected env.casper_add_associated_key: (i32, i32, i32) -> (i32), got (i32, i64, i32) -> (i32) at offset 24",
      ]
    `)
  })

  test('MissingFunctionType', () => {
    const bytes = wat(`(module (memory 1) (func (export "call")))`)
    const functionSection = parseModule(bytes).sections.find((s) => s.name === 'function')!
    bytes[functionSection.contentStart + 1] = 7 // the only function's type index
    expect(
      checkSessionWasm(bytes, v15).violations.map((v) => `${v.code}: ${v.message}`),
    ).toMatchInlineSnapshot(`
      [
        "MissingFunctionType: expected a type index below 1, got 7 for function 0",
        "InvalidCallExportSignature: expected export "call" to take no parameters, got an unknown type at offset 26",
      ]
    `)
  })

  test('MissingFunctionIndex', () => {
    const bytes = wat(`(module (memory 1) (func $f (export "call") (call $f)))`)
    const m = parseModule(bytes)
    bytes[m.bodies[0]!.codeStart + 1] = 9 // call 0 -> call 9
    expect(
      checkSessionWasm(bytes, v15).violations.map((v) => `${v.code}: ${v.message}`),
    ).toMatchInlineSnapshot(`
      [
        "MissingFunctionIndex: expected a function index below 1, got 9 in call at offset 38",
      ]
    `)
  })

  test('IncorrectGlobalOperation (imported globals do not count, as in wasm_prep.rs)', () => {
    expect(
      violationsOf(
        `(module (import "env" "g" (global i32)) (memory 1) (func (export "call") (drop (global.get 0))))`,
      ),
    ).toMatchInlineSnapshot(`
      [
        "UnsupportedImportKind: expected only function imports, got global import env.g at offset 17",
        "IncorrectGlobalOperation: expected a global index below 0, got 0 in global.get at offset 50 in function 0",
      ]
    `)
  })

  test('TooManyGlobals', () => {
    const globals = Array.from({ length: 257 }, () => '(global i32 (i32.const 0))').join(' ')
    expect(violationsOf(`(module (memory 1) ${globals} (func (export "call")))`)).toMatchInlineSnapshot(`
      [
        "TooManyGlobals: expected at most 256 globals, got 257",
      ]
    `)
  })

  test('TooManyParameters', () => {
    const params = Array.from({ length: 257 }, () => 'i32').join(' ')
    expect(
      violationsOf(`(module (memory 1) (type (func (param ${params}))) (func (export "call")))`),
    ).toMatchInlineSnapshot(`
      [
        "TooManyParameters: expected at most 256 parameters, got 257 in type 0 at offset 12",
      ]
    `)
  })

  test('MoreThanOneTable', () => {
    expect(
      violationsOf(`(module (memory 1) (table 1 funcref) (table 1 funcref) (func (export "call")))`, {
        reference_types: true,
      }),
    ).toMatchInlineSnapshot(`
      [
        "MoreThanOneTable: expected at most one table, got 2",
      ]
    `)
  })

  test('InitialTableSizeExceeded and MaxTableSizeExceeded', () => {
    expect(
      violationsOf(`(module (memory 1) (table 4097 funcref) (func (export "call")))`),
    ).toMatchInlineSnapshot(`
      [
        "InitialTableSizeExceeded: expected an initial table size of at most 4096, got 4097 at offset 22",
      ]
    `)
    expect(
      violationsOf(`(module (memory 1) (table 1 4097 funcref) (func (export "call")))`),
    ).toMatchInlineSnapshot(`
      [
        "MaxTableSizeExceeded: expected a maximum table size of at most 4096, got 4097 at offset 22",
      ]
    `)
  })

  test('BrTableSizeExceeded', () => {
    const labels = Array.from({ length: 257 }, () => '0').join(' ')
    expect(
      violationsOf(`(module (memory 1) (func (export "call") (block (br_table ${labels} 0 (i32.const 0)))))`),
    ).toMatchInlineSnapshot(`
      [
        "BrTableSizeExceeded: expected a br_table of at most 256 targets, got 257 at offset 44 in function 0",
      ]
    `)
  })

  test('FloatOpcode', () => {
    expect(
      violationsOf(`(module (memory 1) (func (export "call") (drop (f32.add (f32.const 1) (f32.const 2)))))`),
    ).toMatchInlineSnapshot(`
      [
        "FloatOpcode: expected no floating-point opcodes (no gas cost in casper-node), got f32.const (0x43) at offset 38 in function 0",
        "FloatOpcode: expected no floating-point opcodes (no gas cost in casper-node), got f32.const (0x43) at offset 43 in function 0",
        "FloatOpcode: expected no floating-point opcodes (no gas cost in casper-node), got f32.add (0x92) at offset 48 in function 0",
      ]
    `)
  })

  test('SignExtension: refused by 1.5, accepted by 2.0', () => {
    const text = `(module (memory 1) (func (export "call") (drop (i32.extend8_s (i32.const 1)))))`
    expect(violationsOf(text, { sign_extension: true })).toMatchInlineSnapshot(`
      [
        "SignExtension: expected MVP opcodes (sign-extension needs protocol 2.0), got sign-extension i32.extend8_s (0xc0) at offset 40 in function 0",
      ]
    `)
    expect(violationsOf(text, { sign_extension: true }, { protocol: '2.0' })).toEqual([])
  })

  test('SaturatingTrunc', () => {
    expect(
      violationsOf(
        `(module (memory 1) (func (export "call") (drop (i32.trunc_sat_f32_s (local.get 0)))) (func (param f32)))`,
        {
          sat_float_to_int: true,
        },
      ).filter((v) => v.startsWith('Saturating')),
    ).toMatchInlineSnapshot(`
      [
        "SaturatingTrunc: expected MVP opcodes, got non-trapping float-to-int i32.trunc_sat_f32_s (0xfc 0) at offset 45 in function 0",
      ]
    `)
  })

  test('BulkMemory', () => {
    expect(
      violationsOf(
        `(module (memory 1) (data "x") (func (export "call")
          (memory.copy (i32.const 0) (i32.const 0) (i32.const 1)) (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1))))`,
        { bulk_memory: true },
      ),
    ).toMatchInlineSnapshot(`
      [
        "BulkMemory: expected an active MVP data segment (flags 0), got flags 1 at offset 65",
        "BulkMemory: expected no data count section, got one at offset 33",
        "BulkMemory: expected MVP opcodes, got bulk memory memory.copy (0xfc 10) at offset 47 in function 0",
        "BulkMemory: expected MVP opcodes, got bulk memory memory.init (0xfc 8) at offset 57 in function 0",
      ]
    `)
  })

  test('Simd', () => {
    expect(
      violationsOf(`(module (memory 1) (func (export "call") (drop (v128.const i64x2 0 0))))`, {
        simd: true,
      }),
    ).toMatchInlineSnapshot(`
      [
        "Simd: expected MVP opcodes, got SIMD v128.const (0xfd 12) at offset 38 in function 0",
      ]
    `)
  })

  test('Atomics', () => {
    expect(
      violationsOf(
        `(module (memory 1 1 shared) (func (export "call") (drop (i32.atomic.load (i32.const 0)))))`,
        { threads: true },
      ),
    ).toMatchInlineSnapshot(`
      [
        "Atomics: expected an unshared memory, got a shared one at offset 21",
        "Atomics: expected MVP opcodes, got threads/atomics i32.atomic.load (0xfe 16) at offset 41 in function 0",
      ]
    `)
  })

  test('ReferenceTypes', () => {
    expect(
      violationsOf(`(module (memory 1) (func (export "call") (drop (ref.null extern))))`, {
        reference_types: true,
      }),
    ).toMatchInlineSnapshot(`
      [
        "ReferenceTypes: expected MVP opcodes, got reference types ref.null (0xd0) at offset 38 in function 0",
      ]
    `)
  })

  test('MultiValue', () => {
    expect(
      violationsOf(
        `(module (memory 1) (type $pair (func (result i32 i32)))
          (func (export "call") (block (type $pair) (i32.const 1) (i32.const 2)) (drop) (drop)))`,
        { multi_value: true },
      ),
    ).toMatchInlineSnapshot(`
      [
        "MultiValue: expected at most 1 result, got 2 in type 0 at offset 11",
        "MultiValue: expected MVP opcodes, got multi-value block (0x02) at offset 43 in function 0",
      ]
    `)
  })

  test('TailCall', () => {
    expect(
      violationsOf(`(module (memory 1) (func $f) (func (export "call") (return_call $f)))`, {
        tail_call: true,
      }),
    ).toMatchInlineSnapshot(`
      [
        "TailCall: expected MVP opcodes, got tail call return_call (0x12) at offset 42 in function 1",
      ]
    `)
  })

  test('Malformed', () => {
    expect(checkSessionWasm(Uint8Array.of(0, 0x61, 0x73), v15)).toMatchInlineSnapshot(`
      {
        "ok": false,
        "violations": [
          {
            "code": "Malformed",
            "message": "expected 4 bytes of the magic number \\\\0asm, got 3 bytes left at offset 0",
            "offset": 0,
          },
        ],
      }
    `)
    const bytes = wat(`(module (memory 1) (func (export "call") (nop)))`)
    bytes[parseModule(bytes).bodies[0]!.codeStart] = 0x06 // an exception-handling opcode
    expect(checkSessionWasm(bytes, v15).violations).toMatchInlineSnapshot(`
      [
        {
          "code": "Malformed",
          "functionIndex": 0,
          "message": "expected a known opcode, got 0x06 at offset 38 in function 0",
          "offset": 38,
        },
      ]
    `)
  })

  test('every violation is reported, not just the first', () => {
    expect(
      violationsOf(
        `(module (import "env" "gas" (func (param i32))) (import "env" "casper_nope" (func))
          (func $f (drop (f64.const 1)) (drop (f64.const 2))) (start $f))`,
      ).map((v) => v.split(':')[0]),
    ).toEqual([
      'GasImport',
      'UnknownHostFunction',
      'MissingMemorySection',
      'MissingCallExport',
      'UnsupportedWasmStart',
      'FloatOpcode',
      'FloatOpcode',
    ])
  })
})

describe('assertSessionWasm', () => {
  test('throws SessionWasmError carrying every violation', () => {
    const bytes = wat(`(module (func (export "main")))`)
    expect(() => assertSessionWasm(bytes, v15)).toThrowErrorMatchingInlineSnapshot(`
      [SessionWasmError: session Wasm breaks 2 casper-node 1.5 rules
        1. MissingMemorySection: expected a memory section with one memory (casper-node re-imports it as env.memory), got none
        2. MissingCallExport: expected an export named "call" of type () -> (), got none
      Remedy: Build plain WebAssembly MVP (no floats, no post-MVP features), define a memory of at most 64 pages, export \`call: () -> ()\`, and import only casper host functions.]
    `)
    const error = (() => {
      try {
        assertSessionWasm(bytes, { protocol: '2.0' })
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(SessionWasmError)
    expect((error as SessionWasmError).code).toBe('SessionWasmError')
    expect((error as SessionWasmError).violations.map((v) => v.code)).toEqual([
      'MissingMemorySection',
      'MissingCallExport',
    ])
  })
})

describe('host function table', () => {
  test('signatures of the multi-sig host functions (execution_engine resolvers/v1_resolver.rs)', () => {
    const table = casperHostFunctions['1.5']
    expect(table.get('casper_get_named_arg_size')).toEqual({ params: 3, result: 'i32' })
    expect(table.get('casper_get_named_arg')).toEqual({ params: 4, result: 'i32' })
    expect(table.get('casper_add_associated_key')).toEqual({ params: 3, result: 'i32' })
    expect(table.get('casper_update_associated_key')).toEqual({ params: 3, result: 'i32' })
    expect(table.get('casper_remove_associated_key')).toEqual({ params: 2, result: 'i32' })
    expect(table.get('casper_set_action_threshold')).toEqual({ params: 2, result: 'i32' })
    expect(table.get('casper_revert')).toEqual({ params: 1, result: undefined })
    expect(table.size).toBe(49)
    expect(casperHostFunctions['2.0'].size).toBe(54)
  })
})

describe('checkSessionWasm: agrees with what casper-node runs', () => {
  test('a `call` export returning a value is accepted (casper-wasmi 0.13.2 `invoke` checks only arguments)', () => {
    expect(violationsOf(`(module (memory 1) (func (export "call") (result i32) (i32.const 7)))`)).toEqual([])
  })

  test('MemoryTooLarge also covers an initial size above the maximum', () => {
    expect(violationsOf(`(module (memory 2 1) (func (export "call")))`)).toMatchInlineSnapshot(`
      [
        "MemoryTooLarge: expected an initial memory size at most its maximum, got initial 2, maximum 1 at offset 21",
      ]
    `)
  })
})

describe('nodeRejection: the first violation in casper-node order, with its text', () => {
  const rejection = (text: string, features?: Features, options?: CheckSessionWasmOptions) => {
    const found = nodeRejection(wat(text, features), options ?? v15)
    return found && `${found.stage} ${found.violation.code}: ${found.message}`
  }

  test('nothing for a module the node runs', () => {
    expect(nodeRejection(wat(goodSession), v15)).toBeUndefined()
    expect(nodeRejection(twoPartyMultiSigWasm, { protocol: '2.0' })).toBeUndefined()
  })

  test('deserialization, then the preprocess steps in wasm_prep.rs order', () => {
    const all = `(module (import "env" "gas" (func (param i32))) (import "env" "casper_nope" (func))
      (table 4097 funcref) (memory 1) (func $s (drop (f64.const 1))) (start $s))`
    expect(rejection(all)).toMatchInlineSnapshot(
      `"preprocess InitialTableSizeExceeded: Wasm preprocessing error: Wasm validation error: initial table size of 4097 exceeds allowed limit of 4096"`,
    )
    expect(rejection(all.replace('4097', '1'))).toMatchInlineSnapshot(
      `"preprocess GasImport: Wasm preprocessing error: Wasm validation error: module imports a non-existent function"`,
    )
    expect(rejection(all.replace('4097', '1').replace('"gas"', '"casper_revert"'))).toMatchInlineSnapshot(
      `"preprocess FloatOpcode: Wasm preprocessing error: Encountered operation forbidden by gas rules. Consult instruction -> metering config map"`,
    )
    expect(
      rejection(
        `(module (memory 1) (func (export "call") (drop (f64.const 1)) (drop (i32.extend8_s (i32.const 1)))))`,
        { sign_extension: true },
      ),
    ).toMatchInlineSnapshot(
      `"deserialize SignExtension: Wasm preprocessing error: Deserialization error: Unknown opcode 192"`,
    )
  })

  // casper-node 2.x execution_engine/src/runtime/wasm_prep.rs `deserialize` renames casper-wasm's
  // UnknownOpcode by prefix byte and the multi-value refusal (tests should_not_accept_bulk_proposal_wasm,
  // should_not_accept_simd_proposal_wasm, should_not_accept_atomics_proposal_wasm,
  // should_not_accept_multi_value_proposal_wasm); 1.5.8 passes casper-wasm's own text.
  test.each([
    [
      'memory.copy',
      '(memory.copy (i32.const 0) (i32.const 0) (i32.const 1))',
      'Bulk memory operations are not supported',
      'Unknown opcode 252',
    ],
    [
      'i32.trunc_sat_f32_s',
      '(drop (i32.trunc_sat_f32_s (f32.const 1)))',
      'Bulk memory operations are not supported',
      'Unknown opcode 252',
    ],
    [
      'v128.const',
      '(drop (v128.const i64x2 0 0))',
      'SIMD operations are not supported',
      'Unknown opcode 253',
    ],
    ['atomic.fence', '(atomic.fence)', 'Atomic operations are not supported', 'Unknown opcode 254'],
    ['ref.null', '(drop (ref.null extern))', 'Encountered an unsupported operation', 'Unknown opcode 208'],
  ])('%s: the 2.x text, and 1.5 names the opcode', (_, body, v2, v15text) => {
    const module = wat(`(module (memory 1) (func (export "call") ${body}))`, {
      bulk_memory: true,
      sat_float_to_int: true,
      simd: true,
      threads: true,
      reference_types: true,
    })
    expect(nodeRejection(module, { chainspec: casperMainnet })?.message).toBe(
      `Wasm preprocessing error: Deserialization error: ${v2}`,
    )
    expect(nodeRejection(module, v15)?.message).toBe(
      `Wasm preprocessing error: Deserialization error: ${v15text}`,
    )
  })

  test('a function type with two results: 2.x "Multi value extension is not supported"', () => {
    const module = wat(
      `(module (memory 1) (func (result i32 i32) (i32.const 1) (i32.const 2)) (func (export "call")))`,
      {
        multi_value: true,
      },
    )
    expect(nodeRejection(module, { chainspec: casperMainnet })?.message).toBe(
      'Wasm preprocessing error: Deserialization error: Multi value extension is not supported',
    )
    expect(nodeRejection(module, v15)?.message).toBe(
      'Wasm preprocessing error: Deserialization error: Enable the multi_value feature to deserialize more than one function result',
    )
  })

  test('after preprocessing: loading, linking, start, then the invocation of `call`', () => {
    expect(
      rejection(`(module (import "env" "casper_nope" (func)) (memory 2 1) (func $s) (start $s))`),
    ).toMatchInlineSnapshot(
      `"load MemoryTooLarge: Interpreter error: maximum limit 1 is less than minimum 2"`,
    )
    expect(
      rejection(`(module (import "env" "casper_nope" (func)) (memory 1 65) (func $s) (start $s))`),
    ).toMatchInlineSnapshot(
      `"instantiate UnknownHostFunction: Interpreter error: host module doesn't export function with name casper_nope"`,
    )
    expect(rejection(`(module (memory 1 65) (func $s) (start $s))`)).toMatchInlineSnapshot(
      `"instantiate MemoryTooLarge: Interpreter error: Module requested too much memory"`,
    )
    expect(rejection(`(module (memory 1) (func $s) (start $s))`)).toMatchInlineSnapshot(
      `"instantiate UnsupportedWasmStart: Unsupported WASM start"`,
    )
    expect(rejection(`(module (memory 1) (global (export "call") i32 (i32.const 0)))`)).toMatchInlineSnapshot(
      `"invoke CallExportNotAFunction: Interpreter error: Export call is not a function, but ExternVal { Global }"`,
    )
  })
})
