// Re-encodes a module with some sections replaced, added or removed; the rest is copied byte for byte.
import { ByteReader, encodeVarU32, type SectionInfo, sectionOrder, type WasmModule } from './parseModule.js'

/** The bytes of several arrays, one after another. */
export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** A byte vector: its LEB128 length, then the bytes. */
export function sizePrefixed(content: Uint8Array): Uint8Array {
  return concat([encodeVarU32(content.length), content])
}

/** A Wasm name: UTF-8, length-prefixed. */
export function nameBytes(name: string): Uint8Array {
  return sizePrefixed(new TextEncoder().encode(name))
}

/** The content of a vector section with entries appended: a new count, the original entries, the new ones. */
export function appendToVector(
  bytes: Uint8Array,
  info: SectionInfo | undefined,
  extra: readonly Uint8Array[],
): Uint8Array {
  if (info === undefined) return concat([encodeVarU32(extra.length), ...extra])
  const r = new ByteReader(bytes, info.contentStart, info.contentEnd)
  const count = r.varU32()
  return concat([encodeVarU32(count + extra.length), bytes.subarray(r.pos, info.contentEnd), ...extra])
}

/**
 * The module with each section id in `replaced` given new content (`null` removes it); sections
 * the module lacks are inserted at their canonical position. The `name` custom section is dropped
 * (it would describe functions whose indices changed); everything else is copied verbatim.
 */
export function rewriteModule(
  bytes: Uint8Array,
  module: WasmModule,
  replaced: ReadonlyMap<number, Uint8Array | null>,
): Uint8Array<ArrayBuffer> {
  const section = (id: number, content: Uint8Array) =>
    concat([Uint8Array.of(id), encodeVarU32(content.length), content])
  const out: Uint8Array[] = [bytes.subarray(0, 8)]
  const pending = new Map(replaced)
  const flushBefore = (order: number) => {
    for (const [id, content] of [...pending].sort(([a], [b]) => sectionOrder[a]! - sectionOrder[b]!)) {
      if (sectionOrder[id]! >= order) continue
      if (content) out.push(section(id, content))
      pending.delete(id)
    }
  }
  for (const info of module.sections) {
    if (info.id === 0) {
      const custom = module.customSections.find((c) => c.offset === info.offset)
      if (custom?.name !== 'name') out.push(bytes.subarray(info.offset, info.contentEnd))
      continue
    }
    flushBefore(sectionOrder[info.id]!)
    const content = pending.get(info.id)
    if (content === undefined) out.push(bytes.subarray(info.offset, info.contentEnd))
    else {
      if (content) out.push(section(info.id, content))
      pending.delete(info.id)
    }
  }
  flushBefore(Number.POSITIVE_INFINITY)
  return concat(out)
}

/**
 * New contents of the export, start and element sections with every function index passed through
 * `remap`, for instrumentation that inserts functions. Only MVP element segments (flags 0) can be
 * rewritten; `unsupported` is called for any other.
 */
export function remapFunctionReferences(
  bytes: Uint8Array,
  module: WasmModule,
  remap: (index: number) => number,
  unsupported: (segment: WasmModule['elements'][number]) => never,
): Map<number, Uint8Array> {
  const replaced = new Map<number, Uint8Array>()
  if (module.sections.some((s) => s.name === 'export')) {
    const exports = module.exports.map((e) => {
      const r = new ByteReader(bytes, e.indexOffset)
      r.varU32()
      const index =
        e.kind === 'function' ? encodeVarU32(remap(e.index)) : bytes.subarray(e.indexOffset, r.pos)
      return concat([bytes.subarray(e.offset, e.indexOffset), index])
    })
    replaced.set(7, concat([encodeVarU32(module.exports.length), ...exports]))
  }
  if (module.start !== undefined) replaced.set(8, encodeVarU32(remap(module.start.functionIndex)))
  if (module.sections.some((s) => s.name === 'element')) {
    const segments = module.elements.map((segment) => {
      if (segment.flags !== 0 || segment.offsetExpression === undefined) unsupported(segment)
      const { start, end } = segment.offsetExpression!
      return concat([
        Uint8Array.of(0),
        bytes.subarray(start, end),
        encodeVarU32(segment.functionIndices.length),
        ...segment.functionIndices.map((i) => encodeVarU32(remap(i))),
      ])
    })
    replaced.set(9, concat([encodeVarU32(module.elements.length), ...segments]))
  }
  return replaced
}
