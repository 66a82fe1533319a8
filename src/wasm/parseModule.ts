// A small, strict parser of the WebAssembly binary format: sections, entries and byte offsets.
import { WasmParseError } from './WasmParseError.js'

/** A value type as written in the binary (`v128`, `funcref`, `externref` come from later proposals). */
export type ValueType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref'

/** A function signature from the type section. */
export type FunctionType = {
  params: readonly ValueType[]
  results: readonly ValueType[]
  /** Offset of the `0x60` byte. */
  offset: number
}

/** Memory or table limits, in pages (memory) or elements (table). */
export type Limits = {
  initial: number
  maximum: number | undefined
  /** The threads proposal's shared flag. */
  shared: boolean
  /** Offset of the flags byte. */
  offset: number
}

/** A table type. */
export type TableType = { elementType: ValueType; limits: Limits }

/** A global's type. */
export type GlobalType = { valueType: ValueType; mutable: boolean }

/** A constant expression (global initialiser, segment offset), kept as its byte range. */
export type ConstantExpression = {
  /** Offset of the first instruction. */
  start: number
  /** Offset just past the terminating `end`. */
  end: number
  /** The single value-producing instruction, when the expression is one of the MVP forms. */
  value:
    | { kind: 'i32.const'; value: number }
    | { kind: 'i64.const'; value: bigint }
    | { kind: 'f32.const' | 'f64.const'; value: number }
    | { kind: 'global.get'; index: number }
    | { kind: 'ref.null'; type: ValueType }
    | { kind: 'ref.func'; index: number }
    | undefined
}

/** An import entry. */
export type Import = { module: string; name: string; offset: number } & (
  | { kind: 'function'; typeIndex: number }
  | { kind: 'table'; table: TableType }
  | { kind: 'memory'; limits: Limits }
  | { kind: 'global'; global: GlobalType }
)

/** An export entry. */
export type Export = {
  name: string
  kind: 'function' | 'table' | 'memory' | 'global'
  index: number
  /** Offset of the name's length byte. */
  offset: number
  /** Offset of the index (a LEB128), for rewriting. */
  indexOffset: number
}

/** A global defined in the module. */
export type Global = GlobalType & { init: ConstantExpression; offset: number }

/** An element segment. Flags 0 is the MVP form; 1..7 come from bulk memory / reference types. */
export type ElementSegment = {
  flags: number
  offset: number
  tableIndex: number
  /** Offset expression of an active segment. */
  offsetExpression: ConstantExpression | undefined
  /** Function indices (flags 0..3); expressions (flags 4..7) are kept in `expressions`. */
  functionIndices: readonly number[]
  expressions: readonly ConstantExpression[]
}

/** A data segment. Flags 0 is the MVP form; 1 (passive) and 2 (explicit memory) are bulk memory. */
export type DataSegment = {
  flags: number
  offset: number
  memoryIndex: number
  offsetExpression: ConstantExpression | undefined
  /** Byte range of the segment's data. */
  dataStart: number
  dataEnd: number
}

/** A run of locals of one type. */
export type LocalEntry = { count: number; type: ValueType }

/** A function body from the code section. */
export type FunctionBody = {
  /** Offset of the body-size LEB128. */
  offset: number
  /** Offset of the first byte after the size (the locals vector). */
  bodyStart: number
  /** Offset just past the body (just past its final `end`). */
  bodyEnd: number
  locals: readonly LocalEntry[]
  /** Total number of locals declared (parameters not included). */
  localCount: number
  /** Offset of the first instruction; `bodyEnd` is the end of the instruction range. */
  codeStart: number
}

/** A custom section. */
export type CustomSection = { name: string; offset: number; contentStart: number; contentEnd: number }

/** Section ids of the binary format. */
export const sectionIds = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  datacount: 12,
} as const

/** Name of a section. */
export type SectionName = keyof typeof sectionIds

/** Where a section sits in the binary. */
export type SectionInfo = {
  id: number
  name: SectionName
  /** Offset of the section id byte. */
  offset: number
  /** Offset of the section's content (after its size). */
  contentStart: number
  contentEnd: number
}

/** Return type of {@link parseModule}. */
export type WasmModule = {
  bytes: Uint8Array
  sections: readonly SectionInfo[]
  types: readonly FunctionType[]
  imports: readonly Import[]
  /** Type index of each function defined in the module (the function section). */
  functionTypeIndices: readonly number[]
  tables: readonly TableType[]
  memories: readonly Limits[]
  globals: readonly Global[]
  exports: readonly Export[]
  start: { functionIndex: number; offset: number } | undefined
  elements: readonly ElementSegment[]
  bodies: readonly FunctionBody[]
  data: readonly DataSegment[]
  dataCount: number | undefined
  customSections: readonly CustomSection[]
  /** Number of imported functions (defined function `i` has index `importedFunctionCount + i`). */
  importedFunctionCount: number
  importedGlobalCount: number
}

const sectionNames: readonly SectionName[] = Object.keys(sectionIds) as SectionName[]
// Canonical order of non-custom sections; datacount sits between element and code.
export const sectionOrder: Readonly<Record<number, number>> = {
  1: 1,
  2: 2,
  3: 3,
  4: 4,
  5: 5,
  6: 6,
  7: 7,
  8: 8,
  9: 9,
  12: 10,
  10: 11,
  11: 12,
}

const hex = (byte: number): string => `0x${byte.toString(16).padStart(2, '0')}`

/** Reads bytes, LEB128 integers and names, throwing {@link WasmParseError} on anything malformed. */
export class ByteReader {
  readonly bytes: Uint8Array
  pos: number
  end: number

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes
    this.pos = pos
    this.end = end
  }

  get atEnd(): boolean {
    return this.pos >= this.end
  }

  fail(expected: string, got: string, offset = this.pos): never {
    throw new WasmParseError({ expected, got, offset })
  }

  u8(what = 'a byte'): number {
    if (this.pos >= this.end) this.fail(what, 'end of input')
    return this.bytes[this.pos++]!
  }

  bytesOf(length: number, what = 'bytes'): Uint8Array {
    if (length > this.end - this.pos) this.fail(`${length} ${what}`, `${this.end - this.pos} bytes left`)
    const out = this.bytes.subarray(this.pos, this.pos + length)
    this.pos += length
    return out
  }

  /** Unsigned LEB128 of at most `bits` bits (strict: no overlong padding beyond the byte limit). */
  varU32(what = 'a u32 LEB128'): number {
    const start = this.pos
    let result = 0
    for (let i = 0; i < 5; i++) {
      const byte = this.u8(what)
      if (i === 4 && (byte & 0xf0) !== 0) this.fail(`${what} (at most 32 bits)`, hex(byte), this.pos - 1)
      result += (byte & 0x7f) * 2 ** (7 * i)
      if ((byte & 0x80) === 0) return result
    }
    return this.fail(`${what} (at most 5 bytes)`, 'a longer encoding', start)
  }

  /** Signed LEB128 of 32 bits. */
  varS32(what = 'an s32 LEB128'): number {
    const value = this.varSigned(32, what)
    return Number(value)
  }

  /** Signed LEB128 of 64 bits. */
  varS64(what = 'an s64 LEB128'): bigint {
    return this.varSigned(64, what)
  }

  private varSigned(bits: 32 | 64 | 33, what: string): bigint {
    const start = this.pos
    const maxBytes = Math.ceil(bits / 7)
    let result = 0n
    let shift = 0n
    for (let i = 0; i < maxBytes; i++) {
      const byte = this.u8(what)
      result |= BigInt(byte & 0x7f) << shift
      shift += 7n
      if ((byte & 0x80) === 0) {
        if (i === maxBytes - 1) {
          // The unused high bits of the last byte must all equal the sign bit.
          const used = bits - 7 * (maxBytes - 1)
          const rest = byte >> (used - 1)
          if (rest !== 0 && rest !== 0x7f >> (used - 1))
            this.fail(`${what} (at most ${bits} bits)`, hex(byte), this.pos - 1)
        }
        if (shift < 64n && byte & 0x40) result |= -1n << shift
        return BigInt.asIntN(bits === 33 ? 64 : bits, result)
      }
    }
    return this.fail(`${what} (at most ${maxBytes} bytes)`, 'a longer encoding', start)
  }

  /** The 33-bit signed integer of a block type. */
  varS33(what = 'a block type'): number {
    return Number(this.varSigned(33, what))
  }

  f32(): number {
    const b = this.bytesOf(4, 'bytes of an f32')
    return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true)
  }

  f64(): number {
    const b = this.bytesOf(8, 'bytes of an f64')
    return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true)
  }

  name(what = 'a name'): string {
    const start = this.pos
    const length = this.varU32(`${what} length`)
    const raw = this.bytesOf(length, `bytes of ${what}`)
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw)
    } catch {
      return this.fail(`${what} in UTF-8`, 'invalid UTF-8', start)
    }
  }

  valueType(what = 'a value type'): ValueType {
    const offset = this.pos
    const byte = this.u8(what)
    const type = valueTypeOf(byte)
    if (type === undefined) this.fail(what, hex(byte), offset)
    return type
  }
}

/** The value type a byte encodes, or `undefined`. */
export function valueTypeOf(byte: number): ValueType | undefined {
  switch (byte) {
    case 0x7f:
      return 'i32'
    case 0x7e:
      return 'i64'
    case 0x7d:
      return 'f32'
    case 0x7c:
      return 'f64'
    case 0x7b:
      return 'v128'
    case 0x70:
      return 'funcref'
    case 0x6f:
      return 'externref'
    default:
      return undefined
  }
}

/**
 * Encodes an unsigned LEB128 (u32).
 *
 * @example
 * ```ts
 * encodeVarU32(624485) // Uint8Array [0xe5, 0x8e, 0x26]
 * ```
 */
export function encodeVarU32(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`expected an integer in 0..4294967295, got ${value}`)
  }
  const out: number[] = []
  let v = value
  do {
    let byte = v % 128
    v = Math.floor(v / 128)
    if (v !== 0) byte |= 0x80
    out.push(byte)
  } while (v !== 0)
  return Uint8Array.from(out)
}

/**
 * Encodes a signed LEB128 (s32); `value` may be given as its unsigned 32-bit pattern.
 *
 * @example
 * ```ts
 * encodeVarS32(-1) // Uint8Array [0x7f]
 * ```
 */
export function encodeVarS32(value: number): Uint8Array {
  let v = value | 0
  const out: number[] = []
  for (;;) {
    const byte = v & 0x7f
    v >>= 7
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)
    out.push(done ? byte : byte | 0x80)
    if (done) return Uint8Array.from(out)
  }
}

function readLimits(r: ByteReader, what: string): Limits {
  const offset = r.pos
  const flags = r.u8(`${what} limits flags`)
  if (flags > 3) r.fail(`${what} limits flags 0..3`, hex(flags), offset)
  const initial = r.varU32(`${what} initial size`)
  const maximum = flags & 1 ? r.varU32(`${what} maximum size`) : undefined
  return { initial, maximum, shared: (flags & 2) !== 0, offset }
}

function readTableType(r: ByteReader): TableType {
  const offset = r.pos
  const elementType = r.valueType('a table element type')
  if (elementType !== 'funcref' && elementType !== 'externref') {
    r.fail('a reference type (0x70 or 0x6f)', elementType, offset)
  }
  return { elementType, limits: readLimits(r, 'table') }
}

function readGlobalType(r: ByteReader): GlobalType {
  const valueType = r.valueType('a global value type')
  const offset = r.pos
  const mutability = r.u8('global mutability')
  if (mutability > 1) r.fail('global mutability 0 or 1', hex(mutability), offset)
  return { valueType, mutable: mutability === 1 }
}

/** Reads a constant expression up to and including its `end`. */
function readConstantExpression(r: ByteReader): ConstantExpression {
  const start = r.pos
  let value: ConstantExpression['value']
  let count = 0
  for (;;) {
    const offset = r.pos
    const op = r.u8('an instruction of a constant expression')
    if (op === 0x0b) break
    count++
    switch (op) {
      case 0x41:
        value = { kind: 'i32.const', value: r.varS32() }
        break
      case 0x42:
        value = { kind: 'i64.const', value: r.varS64() }
        break
      case 0x43:
        value = { kind: 'f32.const', value: r.f32() }
        break
      case 0x44:
        value = { kind: 'f64.const', value: r.f64() }
        break
      case 0x23:
        value = { kind: 'global.get', index: r.varU32('a global index') }
        break
      case 0xd0:
        value = { kind: 'ref.null', type: r.valueType('a reference type') }
        break
      case 0xd2:
        value = { kind: 'ref.func', index: r.varU32('a function index') }
        break
      // Extended constant expressions: integer add, sub, mul.
      case 0x6a:
      case 0x6b:
      case 0x6c:
      case 0x7c:
      case 0x7d:
      case 0x7e:
        break
      default:
        r.fail('a constant instruction or end (0x0b)', hex(op), offset)
    }
  }
  return { start, end: r.pos, value: count === 1 ? value : undefined }
}

function readVector<T>(r: ByteReader, what: string, item: () => T): T[] {
  const count = r.varU32(`${what} count`)
  // Every entry takes at least one byte: a count above the bytes left is malformed.
  if (count > r.end - r.pos) r.fail(`at most ${r.end - r.pos} ${what} entries`, `${count}`, r.pos - 1)
  const out: T[] = []
  for (let i = 0; i < count; i++) out.push(item())
  return out
}

/**
 * Parses a WebAssembly binary into its sections and entries, keeping byte offsets.
 * Function bodies are located (locals and instruction range) but not decoded:
 * use `decodeInstructions` for that.
 *
 * @throws {WasmParseError} `expected X, got Y at offset N` on malformed input.
 *
 * @example
 * ```ts
 * const module = parseModule(bytes)
 * console.log(module.imports.map((i) => `${i.module}.${i.name}`))
 * ```
 */
export function parseModule(bytes: Uint8Array): WasmModule {
  const r = new ByteReader(bytes)
  const magic = r.bytesOf(4, 'bytes of the magic number \\0asm')
  if (magic[0] !== 0 || magic[1] !== 0x61 || magic[2] !== 0x73 || magic[3] !== 0x6d) {
    r.fail('magic number 0x00 0x61 0x73 0x6d (\\0asm)', Array.from(magic, hex).join(' '), 0)
  }
  const version = r.bytesOf(4, 'bytes of the version')
  if (version[0] !== 1 || version[1] !== 0 || version[2] !== 0 || version[3] !== 0) {
    r.fail('version 0x01 0x00 0x00 0x00', Array.from(version, hex).join(' '), 4)
  }

  const module: WasmModule & {
    sections: SectionInfo[]
    types: FunctionType[]
    imports: Import[]
    functionTypeIndices: number[]
    tables: TableType[]
    memories: Limits[]
    globals: Global[]
    exports: Export[]
    elements: ElementSegment[]
    bodies: FunctionBody[]
    data: DataSegment[]
    customSections: CustomSection[]
  } = {
    bytes,
    sections: [],
    types: [],
    imports: [],
    functionTypeIndices: [],
    tables: [],
    memories: [],
    globals: [],
    exports: [],
    start: undefined,
    elements: [],
    bodies: [],
    data: [],
    dataCount: undefined,
    customSections: [],
    importedFunctionCount: 0,
    importedGlobalCount: 0,
  }

  let lastOrder = 0
  while (!r.atEnd) {
    const offset = r.pos
    const id = r.u8('a section id')
    const name = sectionNames[id] ?? r.fail('a section id 0..12', hex(id), offset)
    const size = r.varU32(`the ${name} section size`)
    const contentStart = r.pos
    if (size > r.end - contentStart) {
      r.fail(`${size} bytes of the ${name} section`, `${r.end - contentStart} bytes left`, contentStart)
    }
    const contentEnd = contentStart + size
    if (id !== 0) {
      const order = sectionOrder[id]!
      if (order === lastOrder) r.fail(`at most one ${name} section`, 'a second one', offset)
      if (order < lastOrder) r.fail('sections in canonical order', `${name} section out of order`, offset)
      lastOrder = order
    }
    module.sections.push({ id, name, offset, contentStart, contentEnd })
    const s = new ByteReader(bytes, contentStart, contentEnd)
    switch (id) {
      case 0: {
        const customName = s.name('a custom section name')
        module.customSections.push({ name: customName, offset, contentStart: s.pos, contentEnd })
        s.pos = contentEnd
        break
      }
      case 1:
        module.types = readVector(s, 'type', () => {
          const typeOffset = s.pos
          const form = s.u8('a function type')
          if (form !== 0x60) s.fail('function type form 0x60', hex(form), typeOffset)
          const params = readVector(s, 'parameter', () => s.valueType('a parameter type'))
          const results = readVector(s, 'result', () => s.valueType('a result type'))
          return { params, results, offset: typeOffset }
        })
        break
      case 2:
        module.imports = readVector(s, 'import', (): Import => {
          const importOffset = s.pos
          const moduleName = s.name('an import module name')
          const fieldName = s.name('an import field name')
          const kindOffset = s.pos
          const kind = s.u8('an import kind')
          const base = { module: moduleName, name: fieldName, offset: importOffset }
          switch (kind) {
            case 0:
              module.importedFunctionCount++
              return { ...base, kind: 'function', typeIndex: s.varU32('a type index') }
            case 1:
              return { ...base, kind: 'table', table: readTableType(s) }
            case 2:
              return { ...base, kind: 'memory', limits: readLimits(s, 'memory') }
            case 3:
              module.importedGlobalCount++
              return { ...base, kind: 'global', global: readGlobalType(s) }
            default:
              return s.fail('an import kind 0..3', hex(kind), kindOffset)
          }
        })
        break
      case 3:
        module.functionTypeIndices = readVector(s, 'function', () => s.varU32('a type index'))
        break
      case 4:
        module.tables = readVector(s, 'table', () => readTableType(s))
        break
      case 5:
        module.memories = readVector(s, 'memory', () => readLimits(s, 'memory'))
        break
      case 6:
        module.globals = readVector(s, 'global', () => {
          const globalOffset = s.pos
          const type = readGlobalType(s)
          return { ...type, init: readConstantExpression(s), offset: globalOffset }
        })
        break
      case 7:
        module.exports = readVector(s, 'export', () => {
          const exportOffset = s.pos
          const exportName = s.name('an export name')
          const kindOffset = s.pos
          const kind = s.u8('an export kind')
          const kinds = ['function', 'table', 'memory', 'global'] as const
          const kindName = kinds[kind] ?? s.fail('an export kind 0..3', hex(kind), kindOffset)
          const indexOffset = s.pos
          return {
            name: exportName,
            kind: kindName,
            index: s.varU32('an export index'),
            offset: exportOffset,
            indexOffset,
          }
        })
        break
      case 8:
        module.start = { offset: s.pos, functionIndex: s.varU32('a start function index') }
        break
      case 9:
        module.elements = readVector(s, 'element segment', () => readElementSegment(s))
        break
      case 10:
        module.bodies = readVector(s, 'function body', () => readFunctionBody(s))
        break
      case 11:
        module.data = readVector(s, 'data segment', () => {
          const segmentOffset = s.pos
          const flags = s.varU32('data segment flags')
          if (flags > 2) s.fail('data segment flags 0..2', `${flags}`, segmentOffset)
          const memoryIndex = flags === 2 ? s.varU32('a memory index') : 0
          const offsetExpression = flags === 1 ? undefined : readConstantExpression(s)
          const length = s.varU32('a data segment length')
          const dataStart = s.pos
          s.bytesOf(length, 'bytes of a data segment')
          return { flags, offset: segmentOffset, memoryIndex, offsetExpression, dataStart, dataEnd: s.pos }
        })
        break
      case 12:
        module.dataCount = s.varU32('a data count')
        break
    }
    if (s.pos !== contentEnd) {
      s.fail(
        `the ${name} section to end at offset ${contentEnd}`,
        `${contentEnd - s.pos} bytes left over`,
        s.pos,
      )
    }
    r.pos = contentEnd
  }

  const functionCount = module.functionTypeIndices.length
  if (functionCount !== module.bodies.length) {
    const code = module.sections.find((x) => x.id === 10)
    r.fail(
      `${functionCount} function bodies (one per function section entry)`,
      `${module.bodies.length}`,
      code?.offset ?? bytes.length,
    )
  }
  if (module.dataCount !== undefined && module.dataCount !== module.data.length) {
    const data = module.sections.find((x) => x.id === 11)
    r.fail(
      `${module.dataCount} data segments (the data count)`,
      `${module.data.length}`,
      data?.offset ?? bytes.length,
    )
  }
  return module
}

function readElementSegment(s: ByteReader): ElementSegment {
  const offset = s.pos
  const flags = s.varU32('element segment flags')
  if (flags > 7) s.fail('element segment flags 0..7', `${flags}`, offset)
  const passiveOrDeclarative = (flags & 1) !== 0
  const explicitTable = (flags & 2) !== 0
  const usesExpressions = (flags & 4) !== 0
  const tableIndex = !passiveOrDeclarative && explicitTable ? s.varU32('a table index') : 0
  const offsetExpression = passiveOrDeclarative ? undefined : readConstantExpression(s)
  if (flags !== 0 && flags !== 4) {
    // elemkind (0x00 = funcref) or reference type.
    const kindOffset = s.pos
    const kind = s.u8('an element kind')
    if (usesExpressions ? valueTypeOf(kind) === undefined : kind !== 0) {
      s.fail(usesExpressions ? 'a reference type' : 'element kind 0x00', hex(kind), kindOffset)
    }
  }
  const functionIndices = usesExpressions ? [] : readVector(s, 'element', () => s.varU32('a function index'))
  const expressions = usesExpressions
    ? readVector(s, 'element expression', () => readConstantExpression(s))
    : []
  return { flags, offset, tableIndex, offsetExpression, functionIndices, expressions }
}

function readFunctionBody(s: ByteReader): FunctionBody {
  const offset = s.pos
  const size = s.varU32('a function body size')
  const bodyStart = s.pos
  if (size > s.end - bodyStart)
    s.fail(`${size} bytes of a function body`, `${s.end - bodyStart} bytes left`, offset)
  const bodyEnd = bodyStart + size
  const b = new ByteReader(s.bytes, bodyStart, bodyEnd)
  let localCount = 0
  const locals = readVector(b, 'local', () => {
    const countOffset = b.pos
    const count = b.varU32('a local count')
    localCount += count
    // casper-wasm (`FuncBody::deserialize`) rejects a total that overflows u32 (TooManyLocals).
    if (localCount > 0xffffffff) b.fail('at most 4294967295 locals in total', `${localCount}`, countOffset)
    return { count, type: b.valueType('a local type') }
  })
  const codeStart = b.pos
  if (bodyEnd <= codeStart || s.bytes[bodyEnd - 1] !== 0x0b) {
    s.fail('a function body ending with end (0x0b)', hex(s.bytes[bodyEnd - 1] ?? 0), bodyEnd - 1)
  }
  s.pos = bodyEnd
  return { offset, bodyStart, bodyEnd, locals, localCount, codeStart }
}
