// casper-node's stack-height limiter: the algorithm of casper-wasm-utils 3.0.0 `stack_height::inject_limiter`.
//
// casper-node v1.5.8 `execution_engine/src/shared/wasm_prep.rs` `preprocess` ends with
// `stack_height::inject_limiter(module, wasm_config.max_stack_height)` (chainspec `max_stack_height = 500`),
// run on the module AFTER `inject_gas_counter`, so nothing added here is ever charged gas. The pass:
// - gives every defined function a static "stack cost": its declared locals (parameters not counted)
//   plus the maximal height of its operand stack (`max_height::compute`); imported functions cost 0;
// - appends a mutable i32 global (the running height, starting at 0);
// - wraps each `call` of a function with a non-zero cost in a preamble (height += cost; trap with
//   `unreachable` when height > limit) and a postamble (height -= cost); `call_indirect` is not wrapped;
// - routes exported functions, table entries and the start function through "thunks" that do the same
//   around a call of the original (they are how the first frame is counted).
import { BaseError } from '../errors/BaseError.js'
import { decodeFunctionBody, type Instruction } from '../wasm/instructions.js'
import {
  encodeVarS32,
  encodeVarU32,
  type FunctionType,
  parseModule,
  type SectionInfo,
  type WasmModule,
} from '../wasm/parseModule.js'
import {
  appendToVector,
  concat,
  remapFunctionReferences,
  rewriteModule,
  sizePrefixed,
} from '../wasm/rewriteModule.js'

/**
 * casper-wasm-utils' `stack_height::Error`, which casper-node reports as
 * `Wasm preprocessing error: Stack limiter error` (`PreprocessingError::StackLimiter`).
 */
export class StackLimiterError extends BaseError {
  override name = 'StackLimiterError'
}

const fail = (reason: string, details?: Record<string, unknown>): never => {
  throw new StackLimiterError(reason, { code: 'StackLimiter', details })
}

const u32Max = 0xffffffff
const checkedAdd = (a: number, b: number, what: string): number =>
  a + b <= u32Max ? a + b : fail(`overflow in ${what}`)

type Frame = { isPolymorphic: boolean; endArity: number; branchArity: number; startHeight: number }

/**
 * The maximal operand-stack height of a defined function, as casper-wasm-utils 3.0.0
 * `stack_height::max_height::compute` counts it (quirks included: `else` leaves the height the `then`
 * arm ended with, and heights reached in unreachable code are not counted).
 *
 * @param definedIndex Index among the module's defined functions (not the function index space).
 * @throws {StackLimiterError} where casper-wasm-utils returns an error.
 *
 * @example
 * ```ts
 * maxStackHeight(parseModule(wat('(module (func i32.const 1 i32.const 2 drop drop))')), 0) // 2
 * ```
 */
export function maxStackHeight(module: WasmModule, definedIndex: number): number {
  const typeIndex = module.functionTypeIndices[definedIndex] ?? fail('Function is not found in func section')
  const signature = module.types[typeIndex] ?? fail('Function is not found in func section')
  const body = module.bodies[definedIndex] ?? fail("Function body for the index isn't found")
  const instructions = decodeFunctionBody(module, body)

  let height = 0
  let max = 0
  const control: Frame[] = []
  const frame = (depth: number): Frame => {
    if (control.length === 0) fail('control stack is empty')
    return control[control.length - 1 - depth] ?? fail('control stack out-of-bounds')
  }
  const markUnreachable = () => {
    frame(0).isPolymorphic = true
  }
  const push = (n: number) => {
    height = checkedAdd(height, n, 'the stack height')
  }
  const pop = (n: number) => {
    if (n === 0) return
    const top = frame(0)
    // Popping below the frame's start is an error unless the frame is polymorphic (then a no-op).
    if (height === top.startHeight) {
      if (top.isPolymorphic) return
      fail('trying to pop more values than pushed')
    }
    if (height < n) fail('stack underflow')
    height -= n
  }
  const resolve = (functionIndex: number): FunctionType => resolveFunctionType(module, functionIndex)

  const functionArity = signature.results.length
  control.push({ isPolymorphic: false, endArity: functionArity, branchArity: functionArity, startHeight: 0 })

  for (const instruction of instructions) {
    if (height > max && !frame(0).isPolymorphic) max = height
    const { opcode, immediates } = instruction
    switch (opcode) {
      case 0x00: // unreachable
        markUnreachable()
        continue
      case 0x01: // nop
      case 0x05: // else: the frame pushed by `if` stays as it is
        continue
      case 0x02: // block
      case 0x03: // loop
      case 0x04: {
        // if
        const endArity = immediates.kind === 'block' && immediates.blockType.kind === 'empty' ? 0 : 1
        const branchArity = opcode === 0x03 ? 0 : endArity
        if (opcode === 0x04) pop(1)
        control.push({ isPolymorphic: false, endArity, branchArity, startHeight: height })
        continue
      }
      case 0x0b: {
        // end
        const closed = control.pop() ?? fail('stack must be non-empty')
        height = closed.startHeight
        push(closed.endArity)
        continue
      }
      case 0x0c: // br
        if (immediates.kind === 'label') pop(frame(immediates.depth).branchArity)
        markUnreachable()
        continue
      case 0x0d: // br_if
        if (immediates.kind === 'label') {
          const arity = frame(immediates.depth).branchArity
          pop(arity)
          pop(1)
          push(arity)
        }
        continue
      case 0x0e: // br_table
        if (immediates.kind === 'brTable') {
          const arity = frame(immediates.defaultDepth).branchArity
          for (const depth of immediates.depths) {
            if (frame(depth).branchArity !== arity) fail('Arity of all jump-targets must be equal')
          }
          pop(arity)
        }
        markUnreachable()
        continue
      case 0x0f: // return
        pop(functionArity)
        markUnreachable()
        continue
      case 0x10: // call
        if (immediates.kind === 'function') {
          const type = resolve(immediates.index)
          pop(type.params.length)
          push(type.results.length)
        }
        continue
      case 0x11: // call_indirect
        if (immediates.kind === 'callIndirect') {
          const type = module.types[immediates.typeIndex] ?? fail('Type not found')
          pop(1)
          pop(type.params.length)
          push(type.results.length)
        }
        continue
      case 0x1a: // drop
      case 0x21: // local.set
      case 0x24: // global.set
        pop(1)
        continue
      case 0x1b: // select
        pop(2)
        pop(1)
        push(1)
        continue
      case 0x20: // local.get
      case 0x23: // global.get
      case 0x3f: // memory.size
      case 0x41: // i32.const
      case 0x42: // i64.const
      case 0x43: // f32.const
      case 0x44: // f64.const
        push(1)
        continue
    }
    const effect = stackEffect(instruction)
    if (effect === undefined)
      fail(`unsupported instruction ${instruction.name}`, { offset: instruction.offset })
    else {
      pop(effect.pop)
      push(effect.push)
    }
  }
  return max
}

/** Pops and pushes of the value instructions max_height.rs groups together (one `pop_values` call). */
function stackEffect({ opcode, feature }: Instruction): { pop: number; push: number } | undefined {
  if (feature === 'signExtension') return { pop: 1, push: 1 }
  if (feature !== 'mvp') return undefined
  const unary = { pop: 1, push: 1 }
  const binary = { pop: 2, push: 1 }
  if (opcode === 0x22) return unary // local.tee
  if (opcode >= 0x28 && opcode <= 0x35) return unary // loads
  if (opcode >= 0x36 && opcode <= 0x3e) return { pop: 2, push: 0 } // stores
  if (opcode === 0x40) return unary // memory.grow
  if (opcode === 0x45 || opcode === 0x50) return unary // eqz
  if ((opcode >= 0x46 && opcode <= 0x4f) || (opcode >= 0x51 && opcode <= 0x66)) return binary // comparisons
  if ((opcode >= 0x67 && opcode <= 0x69) || (opcode >= 0x79 && opcode <= 0x7b)) return unary // clz ctz popcnt
  if ((opcode >= 0x6a && opcode <= 0x78) || (opcode >= 0x7c && opcode <= 0x8a)) return binary
  if ((opcode >= 0x8b && opcode <= 0x91) || (opcode >= 0x99 && opcode <= 0x9f)) return unary // float unary
  if ((opcode >= 0x92 && opcode <= 0x98) || (opcode >= 0xa0 && opcode <= 0xa6)) return binary // float binary
  if (opcode >= 0xa7 && opcode <= 0xbf) return unary // conversions
  return undefined
}

/** `resolve_func_type`: the signature of a function in the function index space (imports first). */
function resolveFunctionType(module: WasmModule, functionIndex: number): FunctionType {
  let typeIndex: number | undefined
  if (functionIndex < module.importedFunctionCount) {
    const imported = module.imports.filter((i) => i.kind === 'function')[functionIndex]
    typeIndex = imported?.kind === 'function' ? imported.typeIndex : undefined
  } else {
    typeIndex =
      module.functionTypeIndices[functionIndex - module.importedFunctionCount] ??
      fail(`Function at index ${functionIndex} is not defined`)
  }
  return (
    (typeIndex === undefined ? undefined : module.types[typeIndex]) ??
    fail(`Signature ${typeIndex} (specified by func ${functionIndex}) isn't defined`)
  )
}

/**
 * The stack cost of every function in the function index space, as `compute_stack_costs` gives it:
 * 0 for imports; declared locals + {@link maxStackHeight} for defined functions.
 *
 * @throws {StackLimiterError} where casper-wasm-utils returns an error.
 *
 * @example
 * ```ts
 * stackCosts(parseModule(bytes)) // e.g. [0, 0, 3, 7]
 * ```
 */
export function stackCosts(module: WasmModule): number[] {
  const imported = Array.from({ length: module.importedFunctionCount }, () => 0)
  const defined = module.functionTypeIndices.map((_, i) => {
    const body = module.bodies[i] ?? fail('Function body is out of bounds')
    const locals = body.locals.reduce((sum, l) => checkedAdd(sum, l.count, 'local count'), 0)
    return checkedAdd(locals, maxStackHeight(module, i), 'adding locals_count and max_stack_height')
  })
  return [...imported, ...defined]
}

/** `instrument_call`: the 15 instructions that replace `call callee`. */
function instrumentedCall(callee: number, cost: number, global: number, limit: number): Uint8Array {
  const g = encodeVarU32(global)
  const c = encodeVarS32(cost | 0)
  // biome-ignore format: one line per step of the sequence
  return concat([
    Uint8Array.of(0x23), g, Uint8Array.of(0x41), c, Uint8Array.of(0x6a, 0x24), g, // height += cost
    Uint8Array.of(0x23), g, Uint8Array.of(0x41), encodeVarS32(limit | 0), Uint8Array.of(0x4b), // > limit?
    Uint8Array.of(0x04, 0x40, 0x00, 0x0b), // if: unreachable
    Uint8Array.of(0x10), encodeVarU32(callee),
    Uint8Array.of(0x23), g, Uint8Array.of(0x41), c, Uint8Array.of(0x6b, 0x24), g, // height -= cost
  ])
}

/**
 * Adds casper-node's stack-height limiter to a (gas-metered) module, as casper-wasm-utils 3.0.0
 * `stack_height::inject_limiter` does. A call that would take the running height above `limit`
 * traps with `unreachable`, which the node reports as `Interpreter error: trap: Code(Unreachable)`.
 * Function, type and global indices of the original module are unchanged; thunks and the height
 * global are appended.
 *
 * @throws {StackLimiterError} where casper-wasm-utils fails (`Wasm preprocessing error: Stack limiter error`).
 * @throws {WasmParseError} when the bytes are malformed.
 *
 * @example
 * ```ts
 * const limited = injectStackLimiter(injectGasCounter(wasm, chainspec.wasm.opcodeCosts), chainspec.wasm.maxStackHeight)
 * ```
 */
export function injectStackLimiter(bytes: Uint8Array, limit: number): Uint8Array<ArrayBuffer> {
  const module = parseModule(bytes)
  const find = (name: SectionInfo['name']) => module.sections.find((s) => s.name === name)
  const costs = stackCosts(module)
  const costOf = (index: number) => costs[index] ?? 0
  // The new global follows the module's own (casper-wasm-utils counts only the global section's entries,
  // which is the same index whenever the node lets the module run: it refuses imported globals).
  const global = module.importedGlobalCount + module.globals.length

  const bodies = module.bodies.map((body) => {
    const parts: Uint8Array[] = [bytes.subarray(body.bodyStart, body.codeStart)]
    for (const instruction of decodeFunctionBody(module, body)) {
      const { immediates } = instruction
      if (instruction.opcode === 0x10 && immediates.kind === 'function' && costOf(immediates.index) > 0) {
        parts.push(instrumentedCall(immediates.index, costOf(immediates.index), global, limit))
      } else parts.push(bytes.subarray(instruction.offset, instruction.offset + instruction.length))
    }
    return sizePrefixed(concat(parts))
  })

  // Thunks, in ascending order of the function they wrap (a BTreeSet in casper-wasm-utils).
  const targets = new Set<number>()
  for (const e of module.exports) if (e.kind === 'function') targets.add(e.index)
  for (const segment of module.elements) for (const index of segment.functionIndices) targets.add(index)
  if (module.start !== undefined) targets.add(module.start.functionIndex)
  const functionSpace = module.importedFunctionCount + module.functionTypeIndices.length
  const thunkOf = new Map<number, number>()
  const thunkTypes: Uint8Array[] = []
  for (const target of [...targets].sort((a, b) => a - b)) {
    if (target >= functionSpace) fail(`function with idx ${target} isn't found`)
    const cost = costOf(target)
    if (cost === 0) continue
    const type = resolveFunctionType(module, target)
    // The builder reuses the identical signature, i.e. the wrapped function's own type.
    const typeIndex =
      target < module.importedFunctionCount
        ? module.types.indexOf(type)
        : module.functionTypeIndices[target - module.importedFunctionCount]!
    thunkTypes.push(encodeVarU32(typeIndex))
    const code = concat([
      Uint8Array.of(0), // no locals
      ...type.params.map((_, i) => concat([Uint8Array.of(0x20), encodeVarU32(i)])),
      instrumentedCall(target, cost, global, limit),
      Uint8Array.of(0x0b),
    ])
    bodies.push(sizePrefixed(code))
    thunkOf.set(target, functionSpace + thunkOf.size)
  }
  const fixup = (index: number) => thunkOf.get(index) ?? index

  const replaced = new Map<number, Uint8Array>()
  // (mut i32) (i32.const 0)
  replaced.set(6, appendToVector(bytes, find('global'), [Uint8Array.of(0x7f, 0x01, 0x41, 0x00, 0x0b)]))
  if (thunkTypes.length > 0) replaced.set(3, appendToVector(bytes, find('function'), thunkTypes))
  if (find('code') !== undefined || bodies.length > 0)
    replaced.set(10, concat([encodeVarU32(bodies.length), ...bodies]))
  const unsupported = (segment: { offset: number }): never =>
    fail('only MVP element segments (flags 0) can be instrumented', { offset: segment.offset })
  for (const [id, content] of remapFunctionReferences(bytes, module, fixup, unsupported))
    replaced.set(id, content)
  return rewriteModule(bytes, module, replaced)
}
