// Turns a module's own memory into an `env.memory` import, as casper-wasm-utils' `externalize_mem` does.
import { encodeVarU32, type Limits, parseModule, sectionIds } from '../wasm/parseModule.js'
import { appendToVector, concat, nameBytes, rewriteModule } from '../wasm/rewriteModule.js'

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
  const { initial, maximum } = hostMemoryLimits(bytes, maxPages)
  const memoryImport = concat([
    nameBytes('env'),
    nameBytes('memory'),
    Uint8Array.of(0x02, 0x01),
    encodeVarU32(initial),
    encodeVarU32(maximum!),
  ])
  const imports = module.sections.find((s) => s.id === sectionIds.import)
  return rewriteModule(
    bytes,
    module,
    new Map([
      [sectionIds.import, appendToVector(bytes, imports, [memoryImport])],
      [sectionIds.memory, null],
    ]),
  )
}
