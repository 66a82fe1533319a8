// Gas metering as casper-node applies it: the algorithm of casper-wasm-utils 3.0.0 `gas::inject_gas_counter`.
//
// casper-node v1.5.8 `execution_engine/src/shared/wasm_prep.rs` `preprocess` runs, in order:
// `externalize_mem` (the memory becomes the import `env.memory`), `inject_gas_counter` with the
// chainspec's opcode costs (`execution_engine/src/shared/opcode_costs.rs`, `impl Rules`), then
// `stack_height::inject_limiter` (max_stack_height 500). The stack limiter runs AFTER metering, so the
// instructions it adds (the preamble/postamble around calls to non-imported functions and the thunks
// for exported/table/start functions) are never charged gas. This file ports the metering pass;
// `injectStackLimiter.ts` ports the limiter.
import type { BrTableCost, ControlFlowCosts, OpcodeCosts } from '../chainspec/Chainspec.js'
import { BaseError } from '../errors/BaseError.js'
import { decodeFunctionBody, type Instruction } from '../wasm/instructions.js'
import { encodeVarS32, encodeVarU32, parseModule, type SectionInfo } from '../wasm/parseModule.js'
import {
  appendToVector,
  concat,
  nameBytes,
  remapFunctionReferences,
  rewriteModule,
  sizePrefixed,
} from '../wasm/rewriteModule.js'

export type { BrTableCost, ControlFlowCosts, OpcodeCosts }

/** Errors thrown by {@link injectGasCounter}. */
export class GasInjectionError extends BaseError {
  override name = 'GasInjectionError'
}

const u32Max = 0xffffffff
const checkedU32 = (value: number): number | undefined => (value <= u32Max ? value : undefined)

/**
 * The gas cost of one instruction under casper-node's rules (`opcode_costs.rs` `instruction_cost`),
 * or `undefined` when the node forbids it (floats, every post-MVP opcode; sign-extension unless
 * `costs.sign` is set, as in 2.0).
 *
 * @example
 * ```ts
 * opcodeCost(decodeInstruction({ bytes: new Uint8Array([0x6a]), offset: 0 }), casper15.wasm.opcodeCosts) // 210 (i32.add)
 * ```
 */
function opcodeCost(instruction: Instruction, costs: OpcodeCosts): number | undefined {
  const { opcode, feature, immediates } = instruction
  if (feature === 'signExtension') return costs.sign
  if (feature !== 'mvp') return undefined
  const cf = costs.control_flow
  switch (opcode) {
    case 0x00:
      return costs.unreachable
    case 0x01:
      return costs.nop
    case 0x02:
      return cf.block
    case 0x03:
      return cf.loop
    case 0x04:
      return cf.if
    case 0x05:
      return cf.else
    case 0x0b:
      return cf.end
    case 0x0c:
      return cf.br
    case 0x0d:
      return cf.br_if
    case 0x0e: {
      if (immediates.kind !== 'brTable') return undefined
      // checked_mul / checked_add on u32, as in opcode_costs.rs.
      const sizePart = checkedU32(immediates.depths.length * cf.br_table.size_multiplier)
      return sizePart === undefined ? undefined : checkedU32(cf.br_table.cost + sizePart)
    }
    case 0x0f:
      return cf.return
    case 0x10:
      return cf.call
    case 0x11:
      return cf.call_indirect
    case 0x1a:
      return cf.drop
    case 0x1b:
      return cf.select
    case 0x20:
    case 0x21:
    case 0x22:
      return costs.local
    case 0x23:
    case 0x24:
      return costs.global
    case 0x3f:
      return costs.current_memory
    case 0x40:
      return costs.grow_memory
    case 0x41:
    case 0x42:
      return costs.const
    case 0xa7:
    case 0xac:
    case 0xad:
      return costs.conversion
  }
  // Loads 0x28..0x35 and stores 0x36..0x3e, float loads/stores included (priced, not refused).
  if (opcode >= 0x28 && opcode <= 0x35) return costs.load
  if (opcode >= 0x36 && opcode <= 0x3e) return costs.store
  if (opcode >= 0x45 && opcode <= 0x5a) return costs.integer_comparison
  // i32 0x67..0x78 and i64 0x79..0x8a share one layout: clz ctz popcnt add sub mul div_s div_u rem_s
  // rem_u and or xor shl shr_s shr_u rotl rotr.
  if (opcode >= 0x67 && opcode <= 0x8a) {
    const k = (opcode - 0x67) % 18
    if (k <= 2) return costs.bit
    if (k <= 4) return costs.add
    if (k === 5) return costs.mul
    if (k <= 9) return costs.div
    return costs.bit
  }
  return undefined
}

/** A run of instructions charged at once: a call to `gas(cost)` is inserted before `start`. */
type MeteredBlock = {
  /** Index (in the function's instruction list) of the first instruction of the block. */
  start: number
  cost: number
}

type ControlBlock = { lowestForwardBrTarget: number; active: MeteredBlock; isLoop: boolean }

const forbidden = (instruction: Instruction, reason: string): never => {
  throw new GasInjectionError(`${instruction.name} at offset ${instruction.offset} ${reason}`, {
    code: 'OperationForbiddenByGasRules',
    details: { opcode: instruction.name, offset: instruction.offset },
    remedy: 'Use integer-only WebAssembly MVP; casper-node refuses opcodes without a gas cost.',
  })
}

/**
 * Splits a function's instructions (final `end` included) into metered blocks, exactly as
 * casper-wasm-utils 3.0.0 `gas::determine_metered_blocks`: a block's cost is charged at its start, so
 * either all its instructions run or none do (barring traps). `block` merges into the enclosing
 * metered block; `if` and `loop` start a new one after themselves; `br`/`br_if`/`br_table`/`return`
 * and `else` end the current one; an `end` ends it too, and also ends the enclosing one when a branch
 * inside may jump forward out of the closed block. `end` and `else` themselves cost nothing.
 *
 * @throws {GasInjectionError} `OperationForbiddenByGasRules` for an opcode without a cost.
 *
 * @example
 * ```ts
 * determineMeteredBlocks(decodeFunctionBody(module, module.bodies[0]!), casperMainnet.wasm.opcodeCosts)
 * // [{ start: 0, cost: 330 }]
 * ```
 */
function determineMeteredBlocks(instructions: readonly Instruction[], costs: OpcodeCosts): MeteredBlock[] {
  const stack: ControlBlock[] = []
  const finalized: MeteredBlock[] = []
  const top = (): ControlBlock => stack[stack.length - 1]!

  const begin = (start: number, isLoop: boolean) =>
    stack.push({ lowestForwardBrTarget: stack.length, active: { start, cost: 0 }, isLoop })

  const finalizeMetered = (cursor: number, instruction: Instruction) => {
    const closing = top().active
    top().active = { start: cursor + 1, cost: 0 }
    // A metered block opened by `block` shares its start with the enclosing one: merge them.
    const previous = stack[stack.length - 2]?.active
    if (previous !== undefined && previous.start === closing.start) {
      previous.cost =
        checkedU32(previous.cost + closing.cost) ?? forbidden(instruction, 'overflows the block cost')
      return
    }
    if (closing.cost > 0) finalized.push(closing)
  }

  const finalizeControl = (cursor: number, instruction: Instruction) => {
    finalizeMetered(cursor, instruction)
    const closing = stack.pop()!
    const closingIndex = stack.length
    if (stack.length === 0) return
    top().lowestForwardBrTarget = Math.min(top().lowestForwardBrTarget, closing.lowestForwardBrTarget)
    if (closing.lowestForwardBrTarget < closingIndex) finalizeMetered(cursor, instruction)
  }

  const branch = (cursor: number, instruction: Instruction, targets: readonly number[]) => {
    finalizeMetered(cursor, instruction)
    for (const target of targets) {
      const block = stack[target] ?? forbidden(instruction, 'branches to a missing label')
      if (!block.isLoop) top().lowestForwardBrTarget = Math.min(top().lowestForwardBrTarget, target)
    }
  }

  const targetIndex = (depth: number, instruction: Instruction): number => {
    const index = stack.length - 1 - depth
    return index >= 0 ? index : forbidden(instruction, 'branches to a missing label')
  }

  begin(0, false) // the function body's implicit block
  instructions.forEach((instruction, cursor) => {
    const cost = opcodeCost(instruction, costs) ?? forbidden(instruction, 'has no gas cost in casper-node')
    const increment = () => {
      if (stack.length === 0) forbidden(instruction, 'follows the end of the function')
      top().active.cost =
        checkedU32(top().active.cost + cost) ?? forbidden(instruction, 'overflows the block cost')
    }
    const { immediates } = instruction
    switch (instruction.opcode) {
      case 0x02: // block
        increment()
        begin(top().active.start, false)
        break
      case 0x04: // if
        increment()
        begin(cursor + 1, false)
        break
      case 0x03: // loop
        increment()
        begin(cursor + 1, true)
        break
      case 0x0b: // end
        if (stack.length === 0) forbidden(instruction, 'follows the end of the function')
        finalizeControl(cursor, instruction)
        break
      case 0x05: // else
        finalizeMetered(cursor, instruction)
        break
      case 0x0c: // br
      case 0x0d: // br_if
        increment()
        if (immediates.kind === 'label')
          branch(cursor, instruction, [targetIndex(immediates.depth, instruction)])
        break
      case 0x0e: // br_table
        increment()
        if (immediates.kind === 'brTable') {
          const depths = [immediates.defaultDepth, ...immediates.depths]
          branch(
            cursor,
            instruction,
            depths.map((d) => targetIndex(d, instruction)),
          )
        }
        break
      case 0x0f: // return
        increment()
        branch(cursor, instruction, [0])
        break
      default:
        increment()
    }
  })
  return finalized.sort((a, b) => a.start - b.start)
}

/**
 * Adds casper-node's gas metering to a module, as casper-wasm-utils 3.0.0 `inject_gas_counter` does:
 * imports `env.gas: (i32) -> ()` as the last import (function indices at or above it shift by one in
 * calls, exports, element segments and the start section), inserts `i32.const <cost>; call $gas` at the
 * start of every metered block (see `determineMeteredBlocks`), and, when `grow_memory` is non-zero,
 * replaces each `memory.grow` with a call to an appended function that charges `pages * grow_memory`
 * before growing. The static block cost also includes `grow_memory` once per `memory.grow`.
 * The `name` custom section is dropped (its indices would be stale).
 *
 * @throws {GasInjectionError} `OperationForbiddenByGasRules` when an opcode has no cost.
 * @throws {WasmParseError} when the bytes are malformed.
 *
 * @example
 * ```ts
 * const metered = injectGasCounter(wasm, casperMainnet.wasm.opcodeCosts)
 * let gas = 0
 * await WebAssembly.instantiate(metered, { env: { gas: (n: number) => { gas += n >>> 0 } } })
 * ```
 */
export function injectGasCounter(bytes: Uint8Array, costs: OpcodeCosts): Uint8Array<ArrayBuffer> {
  const module = parseModule(bytes)
  const find = (name: SectionInfo['name']) => module.sections.find((s) => s.name === name)

  // The builder reuses an identical signature if one exists (casper-wasm `resolve_type_ref`).
  const types = module.types.map((t) => `${t.params.join(',')}->${t.results.join(',')}`)
  const newTypes: Uint8Array[] = []
  const typeIndex = (key: string, encoded: Uint8Array): number => {
    const existing = types.indexOf(key)
    if (existing >= 0) return existing
    types.push(key)
    newTypes.push(encoded)
    return types.length - 1
  }
  const gasType = typeIndex('i32->', Uint8Array.of(0x60, 1, 0x7f, 0))
  const gasIndex = module.importedFunctionCount
  const shift = (index: number) => (index >= gasIndex ? index + 1 : index)
  const totalFunctions = module.importedFunctionCount + 1 + module.functionTypeIndices.length
  const growCost = costs.grow_memory >>> 0
  let needGrowFunction = false

  const bodies = module.bodies.map((body) => {
    const instructions = decodeFunctionBody(module, body)
    const blocks = determineMeteredBlocks(instructions, costs)
    const parts: Uint8Array[] = [bytes.subarray(body.bodyStart, body.codeStart)]
    let next = 0
    instructions.forEach((instruction, i) => {
      const block = blocks[next]
      if (block !== undefined && block.start === i) {
        parts.push(Uint8Array.of(0x41), encodeVarS32(block.cost), Uint8Array.of(0x10), encodeVarU32(gasIndex))
        next++
      }
      const { immediates } = instruction
      if (instruction.opcode === 0x10 && immediates.kind === 'function') {
        parts.push(Uint8Array.of(0x10), encodeVarU32(shift(immediates.index)))
      } else if (instruction.opcode === 0x40 && growCost !== 0) {
        needGrowFunction = true
        parts.push(Uint8Array.of(0x10), encodeVarU32(totalFunctions))
      } else {
        parts.push(bytes.subarray(instruction.offset, instruction.offset + instruction.length))
      }
    })
    if (next !== blocks.length) {
      throw new GasInjectionError('metered blocks left over after instrumenting a function body', {
        code: 'OperationForbiddenByGasRules',
        details: { offset: body.offset },
      })
    }
    return sizePrefixed(concat(parts))
  })

  const newFunctions: Uint8Array[] = []
  if (needGrowFunction) {
    const growType = typeIndex('i32->i32', Uint8Array.of(0x60, 1, 0x7f, 1, 0x7f))
    newFunctions.push(encodeVarU32(growType))
    // local.get 0; local.get 0; i32.const cost; i32.mul; call $gas; memory.grow 0; end (not metered).
    const code = concat([
      Uint8Array.of(0, 0x20, 0, 0x20, 0, 0x41),
      encodeVarS32(growCost),
      Uint8Array.of(0x6c, 0x10),
      encodeVarU32(gasIndex),
      Uint8Array.of(0x40, 0, 0x0b),
    ])
    bodies.push(sizePrefixed(code))
  }

  const replaced = new Map<number, Uint8Array>()
  replaced.set(1, appendToVector(bytes, find('type'), newTypes))
  const gasImport = concat([nameBytes('env'), nameBytes('gas'), Uint8Array.of(0), encodeVarU32(gasType)])
  replaced.set(2, appendToVector(bytes, find('import'), [gasImport]))
  if (find('function') !== undefined || newFunctions.length > 0)
    replaced.set(3, appendToVector(bytes, find('function'), newFunctions))
  if (find('code') !== undefined || bodies.length > 0)
    replaced.set(10, concat([encodeVarU32(bodies.length), ...bodies]))
  const unsupported = (segment: { offset: number; flags: number }): never => {
    throw new GasInjectionError('only MVP element segments (flags 0) can be instrumented', {
      code: 'OperationForbiddenByGasRules',
      details: { offset: segment.offset, flags: segment.flags },
    })
  }
  for (const [id, content] of remapFunctionReferences(bytes, module, shift, unsupported))
    replaced.set(id, content)
  for (const global of module.globals) {
    if (global.init.value?.kind === 'ref.func') {
      throw new GasInjectionError('ref.func in a global initialiser cannot be instrumented', {
        code: 'OperationForbiddenByGasRules',
        details: { offset: global.offset },
      })
    }
  }

  return rewriteModule(bytes, module, replaced)
}
