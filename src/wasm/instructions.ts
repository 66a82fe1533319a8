// Decodes the instructions of a function body and classifies each by the Wasm proposal it needs.
import { ByteReader, type FunctionBody, type ValueType, type WasmModule } from './parseModule.js'

/** The proposal an instruction (with its immediates) belongs to; `mvp` is WebAssembly 1.0. */
export type InstructionFeature =
  | 'mvp'
  | 'signExtension'
  | 'saturatingTrunc'
  | 'bulkMemory'
  | 'simd'
  | 'atomics'
  | 'referenceTypes'
  | 'multiValue'
  | 'multiMemory'
  | 'tailCall'

/**
 * What an instruction does. `float` holds every MVP opcode that computes on floats (constants,
 * comparisons, arithmetic, conversions, reinterpretations); float loads and stores are `memory`.
 */
export type InstructionClass =
  | 'control'
  | 'parametric'
  | 'variable'
  | 'table'
  | 'memory'
  | 'integer'
  | 'float'
  | 'signExtension'
  | 'saturatingTrunc'
  | 'bulkMemory'
  | 'simd'
  | 'atomics'
  | 'referenceTypes'

/** A block type: empty, one value, or (multi-value) a type index. */
export type BlockType =
  | { kind: 'empty' }
  | { kind: 'value'; type: ValueType }
  | { kind: 'typeIndex'; index: number }

/** The immediates following an opcode. */
export type Immediates =
  | { kind: 'none' }
  | { kind: 'block'; blockType: BlockType }
  | { kind: 'label'; depth: number }
  | { kind: 'brTable'; depths: readonly number[]; defaultDepth: number }
  | { kind: 'function'; index: number }
  | { kind: 'callIndirect'; typeIndex: number; tableIndex: number }
  | { kind: 'local' | 'global' | 'table' | 'memory' | 'data' | 'element'; index: number }
  | { kind: 'indices'; indices: readonly number[] }
  | { kind: 'memarg'; align: number; offset: number }
  | { kind: 'memargLane'; align: number; offset: number; lane: number }
  | { kind: 'lane'; lane: number }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'i32'; value: number }
  | { kind: 'i64'; value: bigint }
  | { kind: 'f32' | 'f64'; value: number }
  | { kind: 'types'; types: readonly ValueType[] }
  | { kind: 'refType'; type: ValueType }

/** One decoded instruction. */
export type Instruction = {
  /** First byte; `0xfc`, `0xfd`, `0xfe` for prefixed instructions. */
  opcode: number
  /** The LEB128 sub-opcode of a prefixed instruction. */
  subOpcode: number | undefined
  /** Text-format mnemonic, e.g. `i32.add`. */
  name: string
  /** Offset of the opcode byte in the module. */
  offset: number
  /** Length in bytes, immediates included. */
  length: number
  immediates: Immediates
  class: InstructionClass
  feature: InstructionFeature
}

type ImmediateKind =
  | 'none'
  | 'block'
  | 'label'
  | 'brTable'
  | 'function'
  | 'callIndirect'
  | 'local'
  | 'global'
  | 'table'
  | 'memarg'
  | 'memory'
  | 'i32'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'types'
  | 'refType'

type OpcodeInfo = {
  name: string
  class: InstructionClass
  feature: InstructionFeature
  immediate: ImmediateKind
}

const opcodes = new Map<number, OpcodeInfo>()
const def = (
  op: number,
  name: string,
  cls: InstructionClass,
  immediate: ImmediateKind = 'none',
  feature: InstructionFeature = 'mvp',
) => {
  opcodes.set(op, { name, class: cls, feature, immediate })
}
const defRange = (first: number, names: string, cls: InstructionClass, immediate: ImmediateKind = 'none') => {
  for (const [i, name] of names.split(' ').entries()) def(first + i, name, cls, immediate)
}

def(0x00, 'unreachable', 'control')
def(0x01, 'nop', 'control')
def(0x02, 'block', 'control', 'block')
def(0x03, 'loop', 'control', 'block')
def(0x04, 'if', 'control', 'block')
def(0x05, 'else', 'control')
def(0x0b, 'end', 'control')
def(0x0c, 'br', 'control', 'label')
def(0x0d, 'br_if', 'control', 'label')
def(0x0e, 'br_table', 'control', 'brTable')
def(0x0f, 'return', 'control')
def(0x10, 'call', 'control', 'function')
def(0x11, 'call_indirect', 'control', 'callIndirect')
def(0x12, 'return_call', 'control', 'function', 'tailCall')
def(0x13, 'return_call_indirect', 'control', 'callIndirect', 'tailCall')
def(0x1a, 'drop', 'parametric')
def(0x1b, 'select', 'parametric')
def(0x1c, 'select', 'parametric', 'types', 'referenceTypes')
defRange(0x20, 'local.get local.set local.tee', 'variable', 'local')
defRange(0x23, 'global.get global.set', 'variable', 'global')
def(0x25, 'table.get', 'table', 'table', 'referenceTypes')
def(0x26, 'table.set', 'table', 'table', 'referenceTypes')
defRange(
  0x28,
  'i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u i64.load8_s i64.load8_u ' +
    'i64.load16_s i64.load16_u i64.load32_s i64.load32_u i32.store i64.store f32.store f64.store i32.store8 ' +
    'i32.store16 i64.store8 i64.store16 i64.store32',
  'memory',
  'memarg',
)
def(0x3f, 'memory.size', 'memory', 'memory')
def(0x40, 'memory.grow', 'memory', 'memory')
def(0x41, 'i32.const', 'integer', 'i32')
def(0x42, 'i64.const', 'integer', 'i64')
def(0x43, 'f32.const', 'float', 'f32')
def(0x44, 'f64.const', 'float', 'f64')
const compare = 'eqz eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u'.split(' ')
defRange(0x45, compare.map((x) => `i32.${x}`).join(' '), 'integer')
defRange(0x50, compare.map((x) => `i64.${x}`).join(' '), 'integer')
const floatCompare = 'eq ne lt gt le ge'.split(' ')
defRange(0x5b, floatCompare.map((x) => `f32.${x}`).join(' '), 'float')
defRange(0x61, floatCompare.map((x) => `f64.${x}`).join(' '), 'float')
const intArith =
  'clz ctz popcnt add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr'.split(' ')
defRange(0x67, intArith.map((x) => `i32.${x}`).join(' '), 'integer')
defRange(0x79, intArith.map((x) => `i64.${x}`).join(' '), 'integer')
const floatArith = 'abs neg ceil floor trunc nearest sqrt add sub mul div min max copysign'.split(' ')
defRange(0x8b, floatArith.map((x) => `f32.${x}`).join(' '), 'float')
defRange(0x99, floatArith.map((x) => `f64.${x}`).join(' '), 'float')
def(0xa7, 'i32.wrap_i64', 'integer')
defRange(0xa8, 'i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u', 'float')
defRange(0xac, 'i64.extend_i32_s i64.extend_i32_u', 'integer')
defRange(
  0xae,
  'i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u f32.convert_i32_s f32.convert_i32_u ' +
    'f32.convert_i64_s f32.convert_i64_u f32.demote_f64 f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s ' +
    'f64.convert_i64_u f64.promote_f32 i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64',
  'float',
)
for (const [i, name] of 'i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s'
  .split(' ')
  .entries()) {
  def(0xc0 + i, name, 'signExtension', 'none', 'signExtension')
}
def(0xd0, 'ref.null', 'referenceTypes', 'refType', 'referenceTypes')
def(0xd1, 'ref.is_null', 'referenceTypes', 'none', 'referenceTypes')
def(0xd2, 'ref.func', 'referenceTypes', 'function', 'referenceTypes')

// 0xFC prefix: saturating float-to-int (0..7), bulk memory (8..14), reference-types table ops (15..17).
const fcNames = [
  'i32.trunc_sat_f32_s',
  'i32.trunc_sat_f32_u',
  'i32.trunc_sat_f64_s',
  'i32.trunc_sat_f64_u',
  'i64.trunc_sat_f32_s',
  'i64.trunc_sat_f32_u',
  'i64.trunc_sat_f64_s',
  'i64.trunc_sat_f64_u',
  'memory.init',
  'data.drop',
  'memory.copy',
  'memory.fill',
  'table.init',
  'elem.drop',
  'table.copy',
  'table.grow',
  'table.size',
  'table.fill',
]
const simdNames: Readonly<Record<number, string>> = {
  0: 'v128.load',
  11: 'v128.store',
  12: 'v128.const',
  13: 'i8x16.shuffle',
  15: 'i8x16.splat',
  17: 'i32x4.splat',
}
const atomicNames: Readonly<Record<number, string>> = {
  0: 'memory.atomic.notify',
  1: 'memory.atomic.wait32',
  2: 'memory.atomic.wait64',
  3: 'atomic.fence',
  16: 'i32.atomic.load',
  23: 'i32.atomic.store',
  30: 'i32.atomic.rmw.add',
}

const hex = (byte: number): string => `0x${byte.toString(16).padStart(2, '0')}`

function readBlockType(r: ByteReader): BlockType {
  const offset = r.pos
  const byte = r.bytes[offset]
  if (byte === 0x40) {
    r.pos++
    return { kind: 'empty' }
  }
  const value = r.varS33('a block type')
  if (value >= 0) return { kind: 'typeIndex', index: value }
  const types: Record<number, ValueType> = {
    [-1]: 'i32',
    [-2]: 'i64',
    [-3]: 'f32',
    [-4]: 'f64',
    [-5]: 'v128',
    [-16]: 'funcref',
    [-17]: 'externref',
  }
  const type = types[value]
  if (type === undefined) r.fail('a block type (0x40, a value type or a type index)', hex(byte ?? 0), offset)
  return { kind: 'value', type }
}

function readMemarg(r: ByteReader): { align: number; offset: number } {
  return { align: r.varU32('a memory alignment'), offset: r.varU32('a memory offset') }
}

function readImmediates(r: ByteReader, kind: ImmediateKind): Immediates {
  switch (kind) {
    case 'none':
      return { kind }
    case 'block':
      return { kind, blockType: readBlockType(r) }
    case 'label':
      return { kind, depth: r.varU32('a label index') }
    case 'brTable': {
      const count = r.varU32('a br_table target count')
      if (count > r.end - r.pos) r.fail(`at most ${r.end - r.pos} br_table targets`, `${count}`, r.pos - 1)
      const depths: number[] = []
      for (let i = 0; i < count; i++) depths.push(r.varU32('a br_table label index'))
      return { kind, depths, defaultDepth: r.varU32('a br_table default label') }
    }
    case 'function':
      return { kind, index: r.varU32('a function index') }
    case 'callIndirect':
      return { kind, typeIndex: r.varU32('a type index'), tableIndex: r.varU32('a table index') }
    case 'local':
    case 'global':
    case 'table':
    case 'memory':
      return { kind, index: r.varU32(`a ${kind} index`) }
    case 'memarg':
      return { kind, ...readMemarg(r) }
    case 'i32':
      return { kind, value: r.varS32('an i32 constant') }
    case 'i64':
      return { kind, value: r.varS64('an i64 constant') }
    case 'f32':
      return { kind, value: r.f32() }
    case 'f64':
      return { kind, value: r.f64() }
    case 'types': {
      const count = r.varU32('a select type count')
      const types: ValueType[] = []
      for (let i = 0; i < count; i++) types.push(r.valueType('a select type'))
      return { kind, types }
    }
    case 'refType':
      return { kind, type: r.valueType('a reference type') }
  }
}

function decodeFc(
  r: ByteReader,
  sub: number,
  subOffset: number,
): Pick<Instruction, 'name' | 'class' | 'feature' | 'immediates'> {
  const name = fcNames[sub]
  if (name === undefined) r.fail('a 0xfc sub-opcode 0..17', `${sub}`, subOffset)
  const idx = (what: string) => r.varU32(what)
  if (sub <= 7)
    return { name, class: 'saturatingTrunc', feature: 'saturatingTrunc', immediates: { kind: 'none' } }
  const feature: InstructionFeature = sub <= 14 ? 'bulkMemory' : 'referenceTypes'
  const cls: InstructionClass = sub <= 14 ? 'bulkMemory' : 'referenceTypes'
  switch (sub) {
    case 8:
      return {
        name,
        class: cls,
        feature,
        immediates: { kind: 'indices', indices: [idx('a data index'), idx('a memory index')] },
      }
    case 9:
      return { name, class: cls, feature, immediates: { kind: 'data', index: idx('a data index') } }
    case 10:
      return {
        name,
        class: cls,
        feature,
        immediates: { kind: 'indices', indices: [idx('a memory index'), idx('a memory index')] },
      }
    case 11:
      return { name, class: cls, feature, immediates: { kind: 'memory', index: idx('a memory index') } }
    case 12:
      return {
        name,
        class: cls,
        feature,
        immediates: { kind: 'indices', indices: [idx('an element index'), idx('a table index')] },
      }
    case 13:
      return { name, class: cls, feature, immediates: { kind: 'element', index: idx('an element index') } }
    case 14:
      return {
        name,
        class: cls,
        feature,
        immediates: { kind: 'indices', indices: [idx('a table index'), idx('a table index')] },
      }
    default:
      return { name, class: cls, feature, immediates: { kind: 'table', index: idx('a table index') } }
  }
}

// Immediates of the final SIMD proposal (0xFD prefix).
function decodeFd(
  r: ByteReader,
  sub: number,
  subOffset: number,
): Pick<Instruction, 'name' | 'class' | 'feature' | 'immediates'> {
  if (sub > 0xff) r.fail('a 0xfd sub-opcode 0..255', `${sub}`, subOffset)
  const name = simdNames[sub] ?? `simd.${sub}`
  const base = { name, class: 'simd' as const, feature: 'simd' as const }
  if (sub <= 11 || sub === 92 || sub === 93)
    return { ...base, immediates: { kind: 'memarg', ...readMemarg(r) } }
  if (sub === 12 || sub === 13)
    return { ...base, immediates: { kind: 'bytes', bytes: r.bytesOf(16, 'bytes of a v128') } }
  if (sub >= 21 && sub <= 34) return { ...base, immediates: { kind: 'lane', lane: r.u8('a lane index') } }
  if (sub >= 84 && sub <= 91) {
    const memarg = readMemarg(r)
    return { ...base, immediates: { kind: 'memargLane', ...memarg, lane: r.u8('a lane index') } }
  }
  return { ...base, immediates: { kind: 'none' } }
}

// Threads proposal (0xFE prefix): atomic.fence has a zero byte, every other op a memarg.
function decodeFe(
  r: ByteReader,
  sub: number,
  subOffset: number,
): Pick<Instruction, 'name' | 'class' | 'feature' | 'immediates'> {
  if (!(sub <= 3 || (sub >= 0x10 && sub <= 0x4e)))
    r.fail('a 0xfe sub-opcode 0..3 or 0x10..0x4e', hex(sub), subOffset)
  const name = atomicNames[sub] ?? `atomic.${hex(sub)}`
  const base = { name, class: 'atomics' as const, feature: 'atomics' as const }
  if (sub === 3) {
    const offset = r.pos
    const zero = r.u8('the atomic.fence flags byte')
    if (zero !== 0) r.fail('atomic.fence flags 0x00', hex(zero), offset)
    return { ...base, immediates: { kind: 'none' } }
  }
  return { ...base, immediates: { kind: 'memarg', ...readMemarg(r) } }
}

/** Parameter type of {@link decodeInstruction}. */
export type DecodeInstructionParameters = {
  bytes: Uint8Array
  offset: number
  /** Offset the instruction must not run past (defaults to the end of `bytes`). */
  end?: number | undefined
}

/**
 * Decodes one instruction at `offset`.
 *
 * @throws {WasmParseError} on an unknown opcode or truncated immediates.
 *
 * @example
 * ```ts
 * decodeInstruction({ bytes: new Uint8Array([0x41, 0x2a]), offset: 0 })
 * // { opcode: 0x41, name: 'i32.const', immediates: { kind: 'i32', value: 42 }, length: 2, ... }
 * ```
 */
export function decodeInstruction({
  bytes,
  offset,
  end = bytes.length,
}: DecodeInstructionParameters): Instruction {
  const r = new ByteReader(bytes, offset, end)
  const opcode = r.u8('an opcode')
  let subOpcode: number | undefined
  let decoded: Pick<Instruction, 'name' | 'class' | 'feature' | 'immediates'>
  if (opcode === 0xfc || opcode === 0xfd || opcode === 0xfe) {
    const subOffset = r.pos
    subOpcode = r.varU32(`a ${hex(opcode)} sub-opcode`)
    decoded =
      opcode === 0xfc
        ? decodeFc(r, subOpcode, subOffset)
        : opcode === 0xfd
          ? decodeFd(r, subOpcode, subOffset)
          : decodeFe(r, subOpcode, subOffset)
  } else {
    const info = opcodes.get(opcode) ?? r.fail('a known opcode', hex(opcode), offset)
    const immediates = readImmediates(r, info.immediate)
    let feature = info.feature
    // Later proposals reuse MVP opcodes with immediates the MVP forbids.
    if (immediates.kind === 'block' && immediates.blockType.kind === 'typeIndex') feature = 'multiValue'
    if (
      immediates.kind === 'block' &&
      immediates.blockType.kind === 'value' &&
      immediates.blockType.type === 'v128'
    ) {
      feature = 'simd'
    }
    if (
      immediates.kind === 'block' &&
      immediates.blockType.kind === 'value' &&
      (immediates.blockType.type === 'funcref' || immediates.blockType.type === 'externref')
    ) {
      feature = 'referenceTypes'
    }
    if (immediates.kind === 'callIndirect' && immediates.tableIndex !== 0 && feature === 'mvp')
      feature = 'referenceTypes'
    if (immediates.kind === 'memory' && immediates.index !== 0) feature = 'multiMemory'
    decoded = { name: info.name, class: info.class, feature, immediates }
  }
  return { opcode, subOpcode, offset, length: r.pos - offset, ...decoded }
}

/**
 * Decodes the instructions in `[start, end)`, e.g. a function body's code (its final `end` included).
 *
 * @throws {WasmParseError} on an unknown opcode, truncated immediates, or unbalanced `end`s.
 *
 * @example
 * ```ts
 * const module = parseModule(bytes)
 * const body = module.bodies[0]!
 * for (const i of decodeInstructions({ bytes, start: body.codeStart, end: body.bodyEnd })) console.log(i.name)
 * ```
 */
export function decodeInstructions({ bytes, start, end }: DecodeInstructionsParameters): Instruction[] {
  const out: Instruction[] = []
  let depth = 1
  let offset = start
  while (offset < end) {
    if (depth === 0)
      new ByteReader(bytes, offset, end).fail('the end of the function body', 'more instructions', offset)
    const instruction = decodeInstruction({ bytes, offset, end })
    if (instruction.opcode === 0x02 || instruction.opcode === 0x03 || instruction.opcode === 0x04) depth++
    if (instruction.opcode === 0x0b) depth--
    out.push(instruction)
    offset += instruction.length
  }
  if (depth !== 0)
    new ByteReader(bytes, end, end).fail('an end (0x0b) closing every block', `${depth} unclosed`, end)
  return out
}

/** Parameter type of {@link decodeInstructions}. */
export type DecodeInstructionsParameters = { bytes: Uint8Array; start: number; end: number }

/**
 * Decodes a function body of a parsed module.
 *
 * @example
 * ```ts
 * const module = parseModule(bytes)
 * const names = decodeFunctionBody(module, module.bodies[0]!).map((i) => i.name)
 * ```
 */
export function decodeFunctionBody(module: WasmModule, body: FunctionBody): Instruction[] {
  return decodeInstructions({ bytes: module.bytes, start: body.codeStart, end: body.bodyEnd })
}
