// Whether session Wasm manages keys, so the key-management threshold applies to its deploy.
import { parseModule } from './parseModule.js'

const keyManagementImports = new Set([
  'casper_add_associated_key',
  'casper_update_associated_key',
  'casper_remove_associated_key',
  'casper_set_action_threshold',
])

/**
 * Whether the module imports any key-management host function (and so needs the key-management
 * threshold to succeed). A module that cannot be parsed counts as managing keys: the stricter check.
 *
 * @example
 * ```ts
 * managesKeys(twoPartyMultiSigWasm) // true
 * ```
 */
export function managesKeys(wasm: Uint8Array): boolean {
  try {
    return parseModule(wasm).imports.some((i) => i.module === 'env' && keyManagementImports.has(i.name))
  } catch {
    return true
  }
}
