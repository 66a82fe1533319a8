import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { casper15 } from '../../src/chainspec/casper15.js'
import { GasInjectionError, injectGasCounter, type OpcodeCosts } from '../../src/emulator/injectGasCounter.js'
import { parseModule } from '../../src/wasm/parseModule.js'
import { wat } from '../wasm/wat.js'

// casper-node v1.5.8 resources/production/chainspec.toml, [wasm.opcode_costs] and
// [wasm.opcode_costs.control_flow], copied by hand: the expected numbers below are computed from these.
const chainspec = {
  bit: 300,
  add: 210,
  mul: 240,
  div: 320,
  load: 2_500,
  store: 4_700,
  const: 110,
  local: 390,
  global: 390,
  integer_comparison: 250,
  conversion: 420,
  unreachable: 270,
  nop: 200,
  current_memory: 290,
  grow_memory: 240_000,
  block: 440,
  loop: 440,
  if: 440,
  else: 440,
  end: 440,
  br: 35_000,
  br_if: 35_000,
  return: 440,
  select: 440,
  call: 68_000,
  call_indirect: 68_000,
  drop: 440,
  br_table_cost: 35_000,
  br_table_size_multiplier: 100,
}

type Exports = Record<string, (...args: number[]) => number>

/** Instantiates the metered module; `gas()` is the total charged so far. */
async function metered(
  bytes: Uint8Array,
  costs: OpcodeCosts = casper15.wasm.opcodeCosts,
  env: WebAssembly.ModuleImports = {},
) {
  const injected = injectGasCounter(bytes, costs)
  let total = 0
  const { instance } = await WebAssembly.instantiate(injected, {
    env: {
      ...env,
      gas: (amount: number) => {
        total += amount >>> 0
      },
    },
  })
  return {
    exports: instance.exports as unknown as Exports,
    gas: () => total,
    reset: () => {
      total = 0
    },
    injected,
  }
}

async function plain(bytes: Uint8Array<ArrayBuffer>, env: WebAssembly.ModuleImports = {}) {
  const { instance } = await WebAssembly.instantiate(bytes, { env })
  return instance.exports as unknown as Exports
}

describe('casper15 opcode costs', () => {
  test('equals [wasm.opcode_costs] of the v1.5.8 chainspec', () => {
    const c = chainspec
    expect(casper15.wasm.opcodeCosts).toEqual({
      bit: c.bit,
      add: c.add,
      mul: c.mul,
      div: c.div,
      load: c.load,
      store: c.store,
      const: c.const,
      local: c.local,
      global: c.global,
      integer_comparison: c.integer_comparison,
      conversion: c.conversion,
      unreachable: c.unreachable,
      nop: c.nop,
      current_memory: c.current_memory,
      grow_memory: c.grow_memory,
      control_flow: {
        block: c.block,
        loop: c.loop,
        if: c.if,
        else: c.else,
        end: c.end,
        br: c.br,
        br_if: c.br_if,
        return: c.return,
        select: c.select,
        call: c.call,
        call_indirect: c.call_indirect,
        drop: c.drop,
        br_table: { cost: c.br_table_cost, size_multiplier: c.br_table_size_multiplier },
      },
    })
  })
})

describe('injectGasCounter', () => {
  test('straight-line function: one charge, the sum of its opcodes (end is free)', async () => {
    const bytes = wat(`(module (func (export "f") (param i32 i32) (result i32)
      (i32.mul (i32.add (local.get 0) (local.get 1)) (i32.const 3))))`)
    const m = await metered(bytes)
    expect(m.exports.f!(4, 5)).toBe((await plain(bytes)).f!(4, 5))
    expect(m.gas()).toBe(2 * chainspec.local + chainspec.add + chainspec.const + chainspec.mul)
  })

  test('a loop running N times is charged its body N times', async () => {
    const bytes = wat(`(module (func (export "sum") (param $n i32) (result i32) (local $acc i32)
      (loop $l
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $l (local.get $n)))
      (local.get $acc)))`)
    const m = await metered(bytes)
    const c = chainspec
    const outside = c.loop + c.local
    // i32.sub is priced as `add` (opcode_costs.rs: I32Add | I32Sub => add).
    const perIteration = 6 * c.local + 2 * c.add + c.const + c.br_if
    for (const n of [1, 2, 10, 37]) {
      m.reset()
      expect(m.exports.sum!(n)).toBe((n * (n + 1)) / 2)
      expect(m.gas()).toBe(outside + n * perIteration)
    }
  })

  test('if/else: the condition, the if, and only the branch taken', async () => {
    const bytes = wat(`(module (func (export "pick") (param i32) (result i32)
      (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))`)
    const m = await metered(bytes)
    expect(m.exports.pick!(1)).toBe(1)
    expect(m.gas()).toBe(chainspec.local + chainspec.if + chainspec.const)
    m.reset()
    expect(m.exports.pick!(0)).toBe(2)
    expect(m.gas()).toBe(chainspec.local + chainspec.if + chainspec.const)
  })

  test('a forward br_if out of a block: the code after the block is charged up front', async () => {
    const bytes = wat(`(module (func (export "f") (param i32) (result i32)
      (block $b (br_if $b (local.get 0)) (nop))
      (i32.const 7)))`)
    const m = await metered(bytes)
    const c = chainspec
    expect(m.exports.f!(1)).toBe(7)
    expect(m.gas()).toBe(c.block + c.local + c.br_if + c.const)
    m.reset()
    m.exports.f!(0)
    expect(m.gas()).toBe(c.block + c.local + c.br_if + c.const + c.nop)
    // Two metered blocks: two `call $gas` in the body.
    const injected = parseModule(m.injected)
    const body = m.injected.subarray(injected.bodies[0]!.codeStart, injected.bodies[0]!.bodyEnd)
    expect(Array.from(body).filter((b, i) => b === 0x10 && body[i + 1] === 0).length).toBe(2)
  })

  test('br_table costs cost + size_multiplier per target (default excluded)', async () => {
    const bytes = wat(`(module (func (export "f") (param i32) (result i32)
      (block $a (block $b (br_table $a $b $a (local.get 0))))
      (i32.const 1)))`)
    const m = await metered(bytes)
    const c = chainspec
    m.exports.f!(0)
    expect(m.gas()).toBe(2 * c.block + c.local + c.br_table_cost + 2 * c.br_table_size_multiplier + c.const)
  })

  test('memory.grow: grow_memory once statically, plus grow_memory per page requested', async () => {
    const bytes = wat(
      `(module (memory 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`,
    )
    const m = await metered(bytes)
    expect(m.exports.grow!(2)).toBe(1)
    expect(m.gas()).toBe(chainspec.local + chainspec.grow_memory + 2 * chainspec.grow_memory)
    m.reset()
    expect(m.exports.grow!(0)).toBe(3)
    expect(m.gas()).toBe(chainspec.local + chainspec.grow_memory)
    // grow_memory 0 turns the dynamic charge off and keeps memory.grow in place.
    const free = await metered(bytes, { ...casper15.wasm.opcodeCosts, grow_memory: 0 })
    free.exports.grow!(2)
    expect(free.gas()).toBe(chainspec.local)
  })

  test('adds env.gas (i32) -> () as the last import and fixes every function index', async () => {
    const bytes = wat(`(module
      (import "env" "inc" (func $inc (param i32) (result i32)))
      (import "env" "memory" (memory 1))
      (type $unary (func (param i32) (result i32)))
      (global $started (mut i32) (i32.const 0))
      (table 2 funcref) (elem (i32.const 0) $double $inc)
      (func $double (type $unary) (i32.mul (local.get 0) (i32.const 2)))
      (func $init (global.set $started (i32.const 40)))
      (func (export "run") (param i32) (result i32)
        (i32.add
          (i32.add (call $double (local.get 0)) (call $inc (local.get 0)))
          (i32.add (call_indirect (type $unary) (local.get 0) (i32.const 0)) (global.get $started))))
      (export "double" (func $double))
      (start $init))`)
    const env = { inc: (x: number) => x + 1, memory: new WebAssembly.Memory({ initial: 1 }) }
    const m = await metered(bytes, casper15.wasm.opcodeCosts, env)
    const original = await plain(bytes, env)
    expect(m.exports.run!(5)).toBe(original.run!(5))
    expect(m.exports.double!(21)).toBe(42)
    const parsed = parseModule(m.injected)
    expect(parsed.imports.map((i) => `${i.module}.${i.name}`)).toEqual(['env.inc', 'env.memory', 'env.gas'])
    const gas = parsed.imports[2]!
    expect(gas.kind === 'function' && parsed.types[gas.typeIndex]).toMatchObject({
      params: ['i32'],
      results: [],
    })
    expect(parsed.start?.functionIndex).toBe(3)
    expect(parsed.elements[0]?.functionIndices).toEqual([2, 0])
  })

  test('reuses an existing (i32) -> () type, as casper-wasm resolve_type_ref does', () => {
    const bytes = wat(`(module (import "env" "casper_revert" (func (param i32))) (memory 1)
      (func (export "call") (call 0 (i32.const 1))))`)
    const parsed = parseModule(injectGasCounter(bytes, casper15.wasm.opcodeCosts))
    expect(parsed.types.length).toBe(parseModule(bytes).types.length)
  })

  test('opcodes without a cost are refused (OperationForbiddenByGasRules)', () => {
    const floats = wat(`(module (func (export "f") (result f32) (f32.add (f32.const 1) (f32.const 2))))`)
    expect(() => injectGasCounter(floats, casper15.wasm.opcodeCosts)).toThrowErrorMatchingInlineSnapshot(`
      [GasInjectionError: f32.const at offset 31 has no gas cost in casper-node
        opcode: f32.const
        offset: 31
      Remedy: Use integer-only WebAssembly MVP; casper-node refuses opcodes without a gas cost.]
    `)
    const signExt = wat(
      `(module (func (export "f") (param i32) (result i32) (i32.extend8_s (local.get 0))))`,
      {
        sign_extension: true,
      },
    )
    expect(() => injectGasCounter(signExt, casper15.wasm.opcodeCosts)).toThrowError(GasInjectionError)
    // The 2.0 chainspec prices sign-extension at `sign = 300`.
    expect(() => injectGasCounter(signExt, { ...casper15.wasm.opcodeCosts, sign: 300 })).not.toThrow()
  })

  test('the result is a valid module', () => {
    const bytes = wat(
      `(module (memory 1) (func (export "call") (loop (br 1))) (func (drop (memory.grow (i32.const 1)))))`,
    )
    expect(() => new WebAssembly.Module(injectGasCounter(bytes, casper15.wasm.opcodeCosts))).not.toThrow()
  })
})

type Expr =
  | { k: 'const'; v: number }
  | { k: 'arg' }
  | { k: 'bin'; op: keyof typeof binOps; a: Expr; b: Expr }
  | { k: 'block'; e: Expr }
  | { k: 'if'; c: Expr; t: Expr; f: Expr }

const binOps = {
  add: [(a: number, b: number) => (a + b) | 0, chainspec.add],
  sub: [(a: number, b: number) => (a - b) | 0, chainspec.add],
  mul: [(a: number, b: number) => Math.imul(a, b), chainspec.mul],
  and: [(a: number, b: number) => a & b, chainspec.bit],
  xor: [(a: number, b: number) => a ^ b, chainspec.bit],
  shl: [(a: number, b: number) => a << (b & 31), chainspec.bit],
  lt_u: [(a: number, b: number) => (a >>> 0 < b >>> 0 ? 1 : 0), chainspec.integer_comparison],
} as const

const exprArbitrary: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ k: fc.constant('const' as const), v: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) }),
    fc.record({ k: fc.constant('arg' as const) }),
    fc.record({
      k: fc.constant('bin' as const),
      op: fc.constantFrom(...(Object.keys(binOps) as (keyof typeof binOps)[])),
      a: tie('expr'),
      b: tie('expr'),
    }),
    fc.record({ k: fc.constant('block' as const), e: tie('expr') }),
    fc.record({ k: fc.constant('if' as const), c: tie('expr'), t: tie('expr'), f: tie('expr') }),
  ),
})).expr

const toWat = (e: Expr): string => {
  switch (e.k) {
    case 'const':
      return `(i32.const ${e.v})`
    case 'arg':
      return '(local.get 0)'
    case 'bin':
      return `(i32.${e.op} ${toWat(e.a)} ${toWat(e.b)})`
    case 'block':
      return `(block (result i32) ${toWat(e.e)})`
    case 'if':
      return `(if (result i32) ${toWat(e.c)} (then ${toWat(e.t)}) (else ${toWat(e.f)}))`
  }
}

/** Reference model: the value, and the gas of the opcodes actually executed, from the chainspec table. */
const evaluate = (e: Expr, x: number): [number, number] => {
  switch (e.k) {
    case 'const':
      return [e.v, chainspec.const]
    case 'arg':
      return [x, chainspec.local]
    case 'bin': {
      const [a, ga] = evaluate(e.a, x)
      const [b, gb] = evaluate(e.b, x)
      const [f, cost] = binOps[e.op]
      return [f(a, b), ga + gb + cost]
    }
    case 'block': {
      const [v, g] = evaluate(e.e, x)
      return [v, chainspec.block + g]
    }
    case 'if': {
      const [c, gc] = evaluate(e.c, x)
      const [v, g] = evaluate(c !== 0 ? e.t : e.f, x)
      return [v, gc + chainspec.if + g]
    }
  }
}

describe('injectGasCounter properties', () => {
  test('charges exactly the executed opcodes and preserves results', async () => {
    await fc.assert(
      fc.asyncProperty(exprArbitrary, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), async (expr, x) => {
        const bytes = wat(`(module (func (export "f") (param i32) (result i32) ${toWat(expr)}))`)
        const m = await metered(bytes)
        const [value, gas] = evaluate(expr, x)
        expect(m.exports.f!(x)).toBe(value)
        expect((await plain(bytes)).f!(x)).toBe(value)
        expect(m.gas()).toBe(gas)
      }),
      { numRuns: 200 },
    )
  })
})
