// Turns a module's own memory into an `env.memory` import, as casper-wasm-utils' `externalize_mem` does.
import { encodeVarU32, type Limits, parseModule, sectionIds } from '../wasm/parseModule.js'

/** The memory the host creates for a module: its declared limits, maximum defaulting to `maxPages`. */
export function hostMemoryLimits(bytes: Uint8Array, maxPages = 64): WebAssembly.MemoryDescriptor {
  const memory = parseModule(bytes).memories[0] as Limits
  return { initial: memory.initial, maximum: memory.maximum ?? maxPages }
}

/**
 * Moves the module's memory definition into its imports as `env.memory` (casper-node `wasm_prep.rs`
 * `preprocess` calls `casper_wasm_utils::externalize_mem`), so the host can read and write it.
 * Memory indices are unchanged: the module has exactly one memory either way.
 */
export function externalizeMemory(bytes: Uint8Array, maxPages = 64): Uint8Array<ArrayBuffer> {
  const module = parseModule(bytes)
  const limits = hostMemoryLimits(bytes, maxPages)
  const text = (s: string) => {
    const utf8 = new TextEncoder().encode(s)
    return [...encodeVarU32(utf8.length), ...utf8]
  }
  const memoryImport = [
    ...text('env'),
    ...text('memory'),
    0x02,
    0x01,
    ...encodeVarU32(limits.initial),
    ...encodeVarU32(limits.maximum!),
  ]

  const importSection = module.sections.find((s) => s.id === sectionIds.import)
  const entries = importSection
    ? bytes.subarray(importSection.contentStart, importSection.contentEnd)
    : new Uint8Array()
  const [count, countLength] = importSection ? readVarU32(entries) : [0, 0]
  const content = [...encodeVarU32(count + 1), ...entries.subarray(countLength), ...memoryImport]
  const newImportSection = [sectionIds.import, ...encodeVarU32(content.length), ...content]

  const parts: number[] = [...bytes.subarray(0, 8)]
  let importWritten = false
  for (const section of module.sections) {
    // The import section comes right after the type section (id 1) in a valid module.
    if (!importWritten && section.id !== sectionIds.custom && section.id !== sectionIds.type) {
      parts.push(...newImportSection)
      importWritten = true
    }
    if (section.id === sectionIds.import || section.id === sectionIds.memory) continue
    parts.push(...bytes.subarray(section.offset, section.contentEnd))
  }
  if (!importWritten) parts.push(...newImportSection)
  return new Uint8Array(parts)
}

function readVarU32(bytes: Uint8Array): [value: number, length: number] {
  let value = 0
  let shift = 0
  let i = 0
  for (;;) {
    const byte = bytes[i++]!
    value |= (byte & 0x7f) << shift
    if ((byte & 0x80) === 0) return [value >>> 0, i]
    shift += 7
  }
}
