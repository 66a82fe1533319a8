// The stack-height limiter against casper-wasm-utils 3.0.0's own test vectors and casper-node's limit of 500.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import createWabt from 'wabt'
import { createAccount } from '../../src/account/Account.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { emulateSession } from '../../src/emulator/emulateSession.js'
import {
  injectStackLimiter,
  maxStackHeight,
  StackLimiterError,
  stackCosts,
} from '../../src/emulator/injectStackLimiter.js'
import { parseModule } from '../../src/wasm/parseModule.js'
import { hashOf } from '../arbitraries.js'
import { wat } from '../wasm/wat.js'

const wabt = await createWabt()

/** The module re-encoded by wabt, so two encodings of the same module compare equal. */
const normalized = (bytes: Uint8Array): Uint8Array => {
  const module = wabt.readWasm(bytes, { readDebugNames: false })
  try {
    module.validate()
    return module.toBinary({ log: false, write_debug_names: false }).buffer
  } finally {
    module.destroy()
  }
}

// casper-wasm-utils v3.0.0 tests/fixtures/stack-height/*.wat and tests/expectations/stack-height/*.wat
// (copied verbatim); tests/diff.rs runs `inject_limiter(module, 1024)` on each fixture.
describe('injectStackLimiter: casper-wasm-utils 3.0.0 diff tests (limit 1024)', () => {
  // The fixtures use pre-2019 mnemonics that current wabt no longer reads; only the names change.
  const renamed: Record<string, string> = {
    get_local: 'local.get',
    set_local: 'local.set',
    tee_local: 'local.tee',
    get_global: 'global.get',
    set_global: 'global.set',
    anyfunc: 'funcref',
  }
  const fixture = (name: string) =>
    readFileSync(new URL(`./fixtures/stack-height/${name}`, import.meta.url), 'utf8').replace(
      /\b(get_local|set_local|tee_local|get_global|set_global|anyfunc)\b/g,
      (m) => renamed[m]!,
    )
  for (const name of ['simple', 'start', 'table', 'global', 'imports', 'many_locals']) {
    test(name, () => {
      const input = wat(fixture(`${name}.wat`))
      const expected = wat(fixture(`${name}.expected.wat`))
      expect(normalized(injectStackLimiter(input, 1024))).toEqual(normalized(expected))
    })
  }
})

// casper-wasm-utils v3.0.0 src/stack_height/max_height.rs tests.
describe('maxStackHeight: max_height::compute vectors', () => {
  const height = (text: string) => maxStackHeight(parseModule(wat(text)), 0)
  test('simple_test: 3', () => {
    expect(height('(module (func i32.const 1 i32.const 2 i32.const 3 drop drop drop))')).toBe(3)
  })
  test('implicit_and_explicit_return: 1', () => {
    expect(height('(module (func (result i32) i32.const 0 return))')).toBe(1)
  })
  test('dont_count_in_unreachable: 0', () => {
    expect(height('(module (memory 0) (func (result i32) unreachable memory.grow))')).toBe(0)
  })
  test('call_indirect: 1', () => {
    expect(
      height(`(module (table $ptr 1 1 funcref) (elem $ptr (i32.const 0) func 1)
        (func $main (call_indirect (i32.const 0)) (call_indirect (i32.const 0)) (call_indirect (i32.const 0)))
        (func $callee i64.const 42 drop))`),
    ).toBe(1)
  })
  test('breaks: 1', () => {
    expect(
      height(`(module (func $main
        block (result i32) block (result i32) i32.const 99 br 1 end end drop))`),
    ).toBe(1)
  })
  test('if_else_works: 3', () => {
    expect(
      height(`(module (func $main i32.const 7 i32.const 1
        if (result i32) i32.const 42 else i32.const 99 end i32.const 97 drop drop drop))`),
    ).toBe(3)
  })
  test('a function cost is its declared locals (not its parameters) plus its max height', () => {
    const module = parseModule(
      wat('(module (import "env" "f" (func)) (func (param i32 i32) (local i64 i32) local.get 0 drop))'),
    )
    expect(stackCosts(module)).toEqual([0, 3])
  })
  test('an impossible pop is the limiter error the node reports as "Stack limiter error"', () => {
    const bytes = wat('(module (func (result i32) i32.const 1))')
    const body = parseModule(bytes).bodies[0]!
    bytes[body.codeStart] = 0x1a // i32.const 1 -> drop 1?: drop on an empty stack
    bytes[body.codeStart + 1] = 0x01 // nop
    expect(() => maxStackHeight(parseModule(bytes), 0)).toThrow(StackLimiterError)
  })
})

describe('emulateSession applies the limiter like casper-node (max_stack_height 500)', () => {
  const owner = hashOf(1)
  const account = createAccount(owner)
  // $f: 1 declared local + max height 2 = 3 per frame; `call` is reached through a thunk.
  const recursion = (depth: number) =>
    wat(`(module (memory 1)
      (func $f (param i32) (local i32)
        (if (local.get 0) (then (call $f (i32.sub (local.get 0) (i32.const 1))))))
      (func (export "call") (call $f (i32.const ${depth}))))`)

  test('2000 frames of 3 pass 500: the session traps with Unreachable', async () => {
    const result = await emulateSession({ wasm: recursion(2000), account, signers: [owner] })
    expect(result.failure).toEqual({ kind: 'trap', message: 'Interpreter error: trap: Code(Unreachable)' })
    expect(result.trap).toEqual({ message: 'Interpreter error: trap: Code(Unreachable)' })
    expect(result.account).toBe(account)
  })

  test('a shallow recursion runs', async () => {
    const result = await emulateSession({ wasm: recursion(100), account, signers: [owner] })
    expect(result.ok).toBe(true)
  })

  test('the limit is exact: the frame that takes the height above the limit traps', async () => {
    // Thunk of `call` (cost 1: i32.const) then frames of $f at 3 each: 1 + 3 * (depth + 1) <= limit.
    const run = (depth: number, maxStackHeight: number) =>
      emulateSession({
        wasm: recursion(depth),
        account,
        signers: [owner],
        chainspec: { ...casperMainnet, wasm: { ...casperMainnet.wasm, maxStackHeight } },
      })
    expect((await run(32, 100)).ok).toBe(true) // 1 + 3 * 33 = 100
    expect((await run(33, 100)).trap?.message).toBe('Interpreter error: trap: Code(Unreachable)') // 103
  })

  test('the limiter is not metered: the same gas with any limit that is not reached', async () => {
    const a = await emulateSession({ wasm: recursion(10), account, signers: [owner] })
    const b = await emulateSession({
      wasm: recursion(10),
      account,
      signers: [owner],
      chainspec: { ...casperMainnet, wasm: { ...casperMainnet.wasm, maxStackHeight: 10_000 } },
    })
    expect(a.ok && b.ok).toBe(true)
    expect(a.gas).toEqual(b.gas)
  })
})
