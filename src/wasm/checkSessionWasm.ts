// Checks session Wasm against every rule casper-node applies before running it, reporting all violations.

import { decodeFunctionBody, type Instruction, type InstructionFeature } from './instructions.js'
import { type FunctionType, parseModule, type ValueType, type WasmModule } from './parseModule.js'
import { SessionWasmError } from './SessionWasmError.js'
import { WasmParseError } from './WasmParseError.js'

/** The casper-node protocol whose rules apply: 1.5.x or 2.0 (Condor). */
export type SessionWasmProtocol = '1.5' | '2.0'

/** Options of {@link checkSessionWasm}. */
export type CheckSessionWasmOptions = {
  /** Defaults to `'1.5'`, the stricter set (no sign-extension opcodes). */
  protocol?: SessionWasmProtocol | undefined
}

/** Stable identifiers of the rules; where casper-node names the error, the code is that name. */
export type SessionWasmViolationCode =
  | 'Malformed'
  | 'MissingCallExport'
  | 'CallExportNotAFunction'
  | 'InvalidCallExportSignature'
  | 'UnsupportedWasmStart'
  | 'MissingMemorySection'
  | 'MoreThanOneMemory'
  | 'ImportedMemory'
  | 'MemoryTooLarge'
  | 'UnknownImportModule'
  | 'UnsupportedImportKind'
  | 'GasImport'
  | 'UnknownHostFunction'
  | 'HostFunctionSignatureMismatch'
  | 'MissingFunctionType'
  | 'MissingFunctionIndex'
  | 'IncorrectGlobalOperation'
  | 'TooManyGlobals'
  | 'TooManyParameters'
  | 'MoreThanOneTable'
  | 'InitialTableSizeExceeded'
  | 'MaxTableSizeExceeded'
  | 'BrTableSizeExceeded'
  | 'FloatOpcode'
  | 'SignExtension'
  | 'SaturatingTrunc'
  | 'BulkMemory'
  | 'Simd'
  | 'Atomics'
  | 'ReferenceTypes'
  | 'MultiValue'
  | 'MultiMemory'
  | 'TailCall'

/** One broken rule. */
export type SessionWasmViolation = {
  code: SessionWasmViolationCode
  message: string
  /** Byte offset in the module of the offending entry or instruction. */
  offset?: number | undefined
  /** Index (in the function index space) of the function containing the offending instruction. */
  functionIndex?: number | undefined
  /** `module.name` of the offending import. */
  import?: string | undefined
  /** Mnemonic of the offending instruction. */
  opcode?: string | undefined
}

/** Return type of {@link checkSessionWasm}. */
export type CheckSessionWasmReturnType = {
  ok: boolean
  violations: readonly SessionWasmViolation[]
}

/** A host function's signature: all parameters are i32; the result is one i32 or nothing. */
export type HostFunctionSignature = { params: number; result: 'i32' | undefined }

/** Pages of 64 KiB a session may use: chainspec `[wasm] max_memory = 64`, enforced by `resolvers/memory_resolver.rs`. */
export const maxMemoryPages = 64
/** casper-node `execution_engine/src/shared/wasm_prep.rs` `DEFAULT_MAX_TABLE_SIZE`. */
export const maxTableSize = 4096
/** casper-node `wasm_prep.rs` `DEFAULT_BR_TABLE_MAX_SIZE`. */
export const maxBrTableSize = 256
/** casper-node `wasm_prep.rs` `DEFAULT_MAX_GLOBALS`. */
export const maxGlobals = 256
/** casper-node `wasm_prep.rs` `DEFAULT_MAX_PARAMETER_COUNT`. */
export const maxParameterCount = 256

// [name, i32 parameter count, returns i32, protocols]. Copied from the `resolve_func` match of
// casper-node v1.5.8 `execution_engine/src/core/resolvers/v1_resolver.rs` and feat-2.0
// `execution_engine/src/resolvers/v1_resolver.rs`. Left out: `gas` (resolvable but refused by
// `wasm_prep.rs` `ensure_valid_imports`) and `casper_print` (only with the `test-support` feature).
const hostFunctionRows: ReadonlyArray<readonly [string, number, boolean, '1.5' | '2.0' | 'both']> = [
  ['casper_read_value', 3, true, 'both'],
  ['casper_load_named_keys', 2, true, 'both'],
  ['casper_write', 4, false, 'both'],
  ['casper_add', 4, false, 'both'],
  ['casper_new_uref', 3, false, 'both'],
  ['casper_ret', 2, false, 'both'],
  ['casper_get_key', 5, true, 'both'],
  ['casper_has_key', 2, true, 'both'],
  ['casper_put_key', 4, false, 'both'],
  ['casper_is_valid_uref', 2, true, 'both'],
  ['casper_revert', 1, false, 'both'],
  ['casper_add_associated_key', 3, true, 'both'],
  ['casper_remove_associated_key', 2, true, 'both'],
  ['casper_update_associated_key', 3, true, 'both'],
  ['casper_set_action_threshold', 2, true, 'both'],
  ['casper_remove_key', 2, false, 'both'],
  ['casper_get_caller', 1, true, 'both'],
  ['casper_get_blocktime', 1, false, 'both'],
  ['casper_create_purse', 2, true, 'both'],
  ['casper_transfer_to_account', 7, true, 'both'],
  ['casper_transfer_from_purse_to_account', 9, true, 'both'],
  ['casper_transfer_from_purse_to_purse', 8, true, 'both'],
  ['casper_get_balance', 3, true, 'both'],
  ['casper_get_phase', 1, false, 'both'],
  ['casper_get_system_contract', 3, true, 'both'],
  ['casper_get_main_purse', 1, false, 'both'],
  ['casper_read_host_buffer', 3, true, 'both'],
  ['casper_create_contract_package_at_hash', 3, false, 'both'],
  ['casper_create_contract_user_group', 8, true, 'both'],
  ['casper_add_contract_version', 10, true, 'both'],
  ['casper_add_contract_version_with_message_topics', 11, true, '2.0'],
  ['casper_add_package_version', 11, true, '2.0'],
  ['casper_disable_contract_version', 4, true, 'both'],
  ['casper_call_contract', 7, true, 'both'],
  ['casper_call_versioned_contract', 9, true, 'both'],
  ['casper_get_named_arg_size', 3, true, 'both'],
  ['casper_get_named_arg', 4, true, 'both'],
  ['casper_remove_contract_user_group', 4, true, 'both'],
  ['casper_provision_contract_user_group_uref', 5, true, 'both'],
  ['casper_remove_contract_user_group_urefs', 6, true, 'both'],
  ['casper_blake2b', 4, true, 'both'],
  ['casper_record_transfer', 10, true, '1.5'],
  ['casper_record_era_info', 4, true, '1.5'],
  ['casper_load_call_stack', 2, true, 'both'],
  ['casper_load_caller_information', 3, true, '2.0'],
  ['casper_dictionary_get', 5, true, 'both'],
  ['casper_dictionary_read', 3, true, 'both'],
  ['casper_dictionary_put', 6, true, 'both'],
  ['casper_new_dictionary', 1, true, 'both'],
  ['casper_load_authorization_keys', 2, true, 'both'],
  ['casper_random_bytes', 2, true, 'both'],
  ['casper_enable_contract_version', 4, true, 'both'],
  ['casper_manage_message_topic', 4, true, '2.0'],
  ['casper_emit_message', 4, true, '2.0'],
  ['casper_get_block_info', 2, false, '2.0'],
  ['casper_generic_hash', 5, true, '2.0'],
]

const hostTable = (protocol: SessionWasmProtocol): ReadonlyMap<string, HostFunctionSignature> =>
  new Map(
    hostFunctionRows
      .filter(([, , , p]) => p === 'both' || p === protocol)
      .map(([name, params, result]) => [name, { params, result: result ? 'i32' : undefined }] as const),
  )

/** The `env` host functions a session may import, with their exact signatures, per protocol. */
export const casperHostFunctions: Readonly<
  Record<SessionWasmProtocol, ReadonlyMap<string, HostFunctionSignature>>
> = {
  '1.5': hostTable('1.5'),
  '2.0': hostTable('2.0'),
}

const featureViolation: Readonly<
  Record<Exclude<InstructionFeature, 'mvp'>, [SessionWasmViolationCode, string]>
> = {
  signExtension: ['SignExtension', 'sign-extension'],
  saturatingTrunc: ['SaturatingTrunc', 'non-trapping float-to-int'],
  bulkMemory: ['BulkMemory', 'bulk memory'],
  simd: ['Simd', 'SIMD'],
  atomics: ['Atomics', 'threads/atomics'],
  referenceTypes: ['ReferenceTypes', 'reference types'],
  multiValue: ['MultiValue', 'multi-value'],
  multiMemory: ['MultiMemory', 'multi-memory'],
  tailCall: ['TailCall', 'tail call'],
}

const formatType = (t: FunctionType | undefined): string =>
  t === undefined ? 'an unknown type' : `(${t.params.join(', ')}) -> (${t.results.join(', ')})`
const formatHost = (s: HostFunctionSignature): string =>
  `(${Array(s.params).fill('i32').join(', ')}) -> (${s.result ?? ''})`
const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`
const describe = (i: Instruction): string =>
  `${i.name} (${hex(i.opcode)}${i.subOpcode === undefined ? '' : ` ${i.subOpcode}`})`

/**
 * Checks session Wasm against casper-node's preprocessing and instantiation rules and reports every
 * violation (the node stops at the first). Malformed bytes give one `Malformed` violation; nothing throws.
 *
 * Rules and sources (casper-node v1.5.8 unless noted):
 * - `wasm_prep.rs` `preprocess`: memory section required, table/br_table/globals/parameter limits,
 *   `env.gas` import refused, indices valid (`ensure_valid_access`);
 * - `opcode_costs.rs` `Rules for OpcodeCosts`: float opcodes have no cost and are refused
 *   (float loads/stores are priced as loads/stores and accepted);
 * - casper-wasm 0.46 without features (1.5) / with `sign_ext` (2.0, `execution_engine/Cargo.toml`):
 *   no SIMD, bulk memory, atomics, reference types, multi-value; sign-extension only in 2.0;
 * - `runtime/utils.rs` `instance_and_memory`: a start function is `UnsupportedWasmStart`;
 * - `resolvers/v1_resolver.rs`: only `env` functions it lists, with their exact signatures, and
 *   `env.memory` of at most `max_memory` (64) pages;
 * - `runtime/mod.rs`: the entry point is the export `call`, invoked with no arguments.
 *
 * @example
 * ```ts
 * const { ok, violations } = checkSessionWasm(bytes, { protocol: '1.5' })
 * if (!ok) for (const v of violations) console.log(`${v.code}: ${v.message}`)
 * ```
 */
export function checkSessionWasm(
  bytes: Uint8Array,
  options: CheckSessionWasmOptions = {},
): CheckSessionWasmReturnType {
  const protocol = options.protocol ?? '1.5'
  let module: WasmModule
  try {
    module = parseModule(bytes)
  } catch (error) {
    if (!(error instanceof WasmParseError)) throw error
    return {
      ok: false,
      violations: [{ code: 'Malformed', message: error.shortMessage, offset: error.offset }],
    }
  }
  const violations: SessionWasmViolation[] = []
  const add = (v: SessionWasmViolation) => violations.push(v)
  const functionCount = module.importedFunctionCount + module.functionTypeIndices.length
  const typeOf = (functionIndex: number): FunctionType | undefined => {
    if (functionIndex < module.importedFunctionCount) {
      const imported = module.imports.filter((i) => i.kind === 'function')[functionIndex]
      return imported?.kind === 'function' ? module.types[imported.typeIndex] : undefined
    }
    const typeIndex = module.functionTypeIndices[functionIndex - module.importedFunctionCount]
    return typeIndex === undefined ? undefined : module.types[typeIndex]
  }
  const checkValueType = (type: ValueType, where: string, offset: number) => {
    if (type === 'v128')
      add({
        code: 'Simd',
        message: `expected an MVP value type, got v128 in ${where} at offset ${offset}`,
        offset,
      })
    if (type === 'funcref' || type === 'externref') {
      add({
        code: 'ReferenceTypes',
        message: `expected an MVP value type, got ${type} in ${where} at offset ${offset}`,
        offset,
      })
    }
  }
  const checkFunctionIndex = (index: number, where: string, offset: number, functionIndex?: number) => {
    // wasm_prep.rs `ensure_valid_function_index`
    if (index >= functionCount) {
      add({
        code: 'MissingFunctionIndex',
        message: `expected a function index below ${functionCount}, got ${index} in ${where} at offset ${offset}`,
        offset,
        functionIndex,
      })
    }
  }

  // Types: casper-wasm without `multi_value` refuses more than one result; wasm_prep.rs `ensure_parameter_limit`.
  module.types.forEach((type, index) => {
    const where = `type ${index}`
    if (type.results.length > 1) {
      add({
        code: 'MultiValue',
        message: `expected at most 1 result, got ${type.results.length} in ${where} at offset ${type.offset}`,
        offset: type.offset,
      })
    }
    if (type.params.length > maxParameterCount) {
      add({
        code: 'TooManyParameters',
        message: `expected at most ${maxParameterCount} parameters, got ${type.params.length} in ${where} at offset ${type.offset}`,
        offset: type.offset,
      })
    }
    for (const t of new Set([...type.params, ...type.results])) checkValueType(t, where, type.offset)
  })

  // Imports: resolvers/v1_resolver.rs (functions, `memory`), wasm_prep.rs `ensure_valid_imports` (gas).
  const hosts = casperHostFunctions[protocol]
  for (const entry of module.imports) {
    const id = `${entry.module}.${entry.name}`
    const base = { offset: entry.offset, import: id }
    if (entry.module !== 'env') {
      add({
        ...base,
        code: 'UnknownImportModule',
        message: `expected imports from module "env", got ${id} at offset ${entry.offset}`,
      })
      continue
    }
    if (entry.kind === 'memory') {
      add({
        ...base,
        code: 'ImportedMemory',
        message: `expected the memory to be defined in the module, got import ${id} at offset ${entry.offset}`,
      })
      continue
    }
    if (entry.kind !== 'function') {
      add({
        ...base,
        code: 'UnsupportedImportKind',
        message: `expected only function imports, got ${entry.kind} import ${id} at offset ${entry.offset}`,
      })
      continue
    }
    const type = module.types[entry.typeIndex]
    if (type === undefined) {
      add({
        ...base,
        code: 'MissingFunctionType',
        message: `expected a type index below ${module.types.length}, got ${entry.typeIndex} in import ${id} at offset ${entry.offset}`,
      })
    }
    if (entry.name === 'gas') {
      add({
        ...base,
        code: 'GasImport',
        message: `expected no import of env.gas (the node injects it), got one at offset ${entry.offset}`,
      })
      continue
    }
    const host = hosts.get(entry.name)
    if (host === undefined) {
      add({
        ...base,
        code: 'UnknownHostFunction',
        message: `expected a casper ${protocol} host function, got ${id} at offset ${entry.offset}`,
      })
      continue
    }
    const matches =
      type !== undefined &&
      type.params.length === host.params &&
      type.params.every((p) => p === 'i32') &&
      (host.result === undefined
        ? type.results.length === 0
        : type.results.length === 1 && type.results[0] === 'i32')
    if (type !== undefined && !matches) {
      add({
        ...base,
        code: 'HostFunctionSignatureMismatch',
        message: `expected ${id}: ${formatHost(host)}, got ${formatType(type)} at offset ${entry.offset}`,
      })
    }
  }

  // wasm_prep.rs `ensure_valid_access`: every function's type index exists.
  module.functionTypeIndices.forEach((typeIndex, i) => {
    if (typeIndex >= module.types.length) {
      const functionIndex = module.importedFunctionCount + i
      const section = module.sections.find((s) => s.name === 'function')
      add({
        code: 'MissingFunctionType',
        message: `expected a type index below ${module.types.length}, got ${typeIndex} for function ${functionIndex}`,
        offset: section?.offset,
        functionIndex,
      })
    }
  })

  // Memory: wasm_prep.rs `memory_section` (must exist, non-empty); resolvers/memory_resolver.rs limits.
  if (module.memories.length === 0) {
    add({
      code: 'MissingMemorySection',
      message:
        'expected a memory section with one memory (casper-node re-imports it as env.memory), got none',
    })
  }
  if (module.memories.length > 1) {
    add({
      code: 'MoreThanOneMemory',
      message: `expected one memory, got ${module.memories.length}`,
      offset: module.memories[1]?.offset,
    })
  }
  for (const memory of module.memories) {
    const { initial, maximum, offset } = memory
    if (initial > maxMemoryPages || (maximum ?? 0) > maxMemoryPages) {
      const got = maximum === undefined ? `initial ${initial}` : `initial ${initial}, maximum ${maximum}`
      add({
        code: 'MemoryTooLarge',
        message: `expected memory of at most ${maxMemoryPages} pages, got ${got} at offset ${offset}`,
        offset,
      })
    }
    if (memory.shared)
      add({
        code: 'Atomics',
        message: `expected an unshared memory, got a shared one at offset ${offset}`,
        offset,
      })
  }

  // Tables: wasm_prep.rs `ensure_table_size_limit`.
  if (module.tables.length > 1) {
    add({
      code: 'MoreThanOneTable',
      message: `expected at most one table, got ${module.tables.length}`,
      offset: module.tables[1]?.limits.offset,
    })
  }
  for (const table of module.tables) {
    const { initial, maximum, offset } = table.limits
    if (initial > maxTableSize) {
      add({
        code: 'InitialTableSizeExceeded',
        message: `expected an initial table size of at most ${maxTableSize}, got ${initial} at offset ${offset}`,
        offset,
      })
    }
    if (maximum !== undefined && maximum > maxTableSize) {
      add({
        code: 'MaxTableSizeExceeded',
        message: `expected a maximum table size of at most ${maxTableSize}, got ${maximum} at offset ${offset}`,
        offset,
      })
    }
    if (table.elementType !== 'funcref') checkValueType(table.elementType, 'a table', offset)
  }

  // Globals: wasm_prep.rs `ensure_global_variable_limit` counts the global section's entries.
  if (module.globals.length > maxGlobals) {
    add({
      code: 'TooManyGlobals',
      message: `expected at most ${maxGlobals} globals, got ${module.globals.length}`,
      offset: module.sections.find((s) => s.name === 'global')?.offset,
    })
  }
  module.globals.forEach((global, i) => {
    checkValueType(global.valueType, `global ${i}`, global.offset)
    const kind = global.init.value?.kind
    if (kind === 'ref.func' || kind === 'ref.null') {
      add({
        code: 'ReferenceTypes',
        message: `expected an MVP initialiser, got ${kind} in global ${i} at offset ${global.offset}`,
        offset: global.offset,
      })
    }
  })

  // The entry point: runtime/mod.rs invokes the export `call` (types/src/contracts.rs
  // DEFAULT_ENTRY_POINT_NAME) with no arguments.
  const call = module.exports.find((e) => e.name === 'call')
  if (call === undefined) {
    add({ code: 'MissingCallExport', message: 'expected an export named "call" of type () -> (), got none' })
  } else if (call.kind !== 'function') {
    add({
      code: 'CallExportNotAFunction',
      message: `expected export "call" to be a function, got a ${call.kind} at offset ${call.offset}`,
      offset: call.offset,
    })
  } else if (call.index < functionCount) {
    const type = typeOf(call.index)
    if (type === undefined || type.params.length !== 0 || type.results.length !== 0) {
      add({
        code: 'InvalidCallExportSignature',
        message: `expected export "call" of type () -> (), got ${formatType(type)} at offset ${call.offset}`,
        offset: call.offset,
        functionIndex: call.index,
      })
    }
  }
  for (const e of module.exports) {
    if (e.kind === 'function') checkFunctionIndex(e.index, `export "${e.name}"`, e.offset)
  }

  // runtime/utils.rs `instance_and_memory`: a start function is refused (UnsupportedWasmStart).
  if (module.start !== undefined) {
    const { offset, functionIndex } = module.start
    add({
      code: 'UnsupportedWasmStart',
      message: `expected no start section, got start function ${functionIndex} at offset ${offset}`,
      offset,
    })
    checkFunctionIndex(functionIndex, 'the start section', offset)
  }

  for (const segment of module.elements) {
    if (segment.flags !== 0) {
      const [code, feature] =
        segment.flags & 4
          ? (['ReferenceTypes', 'reference types'] as const)
          : (['BulkMemory', 'bulk memory'] as const)
      add({
        code,
        message: `expected an MVP element segment (flags 0), got flags ${segment.flags} (${feature}) at offset ${segment.offset}`,
        offset: segment.offset,
      })
    }
    for (const index of segment.functionIndices)
      checkFunctionIndex(index, 'an element segment', segment.offset)
  }
  for (const segment of module.data) {
    if (segment.flags !== 0) {
      add({
        code: 'BulkMemory',
        message: `expected an active MVP data segment (flags 0), got flags ${segment.flags} at offset ${segment.offset}`,
        offset: segment.offset,
      })
    }
  }
  const dataCount = module.sections.find((s) => s.name === 'datacount')
  if (dataCount !== undefined) {
    add({
      code: 'BulkMemory',
      message: `expected no data count section, got one at offset ${dataCount.offset}`,
      offset: dataCount.offset,
    })
  }

  // Function bodies: opcodes (opcode_costs.rs, casper-wasm features), br_table limit, call and global indices.
  module.bodies.forEach((body, i) => {
    const functionIndex = module.importedFunctionCount + i
    for (const t of new Set(body.locals.map((l) => l.type)))
      checkValueType(t, `the locals of function ${functionIndex}`, body.offset)
    let instructions: Instruction[]
    try {
      instructions = decodeFunctionBody(module, body)
    } catch (error) {
      if (!(error instanceof WasmParseError)) throw error
      add({
        code: 'Malformed',
        message: `${error.shortMessage} in function ${functionIndex}`,
        offset: error.offset,
        functionIndex,
      })
      return
    }
    for (const instruction of instructions) {
      const { offset, immediates } = instruction
      const at = `at offset ${offset} in function ${functionIndex}`
      const opcode = instruction.name
      if (instruction.feature !== 'mvp' && !(instruction.feature === 'signExtension' && protocol === '2.0')) {
        const [code, feature] = featureViolation[instruction.feature]
        const allowed =
          instruction.feature === 'signExtension'
            ? 'MVP opcodes (sign-extension needs protocol 2.0)'
            : protocol === '2.0'
              ? 'MVP or sign-extension opcodes'
              : 'MVP opcodes'
        add({
          code,
          message: `expected ${allowed}, got ${feature} ${describe(instruction)} ${at}`,
          offset,
          functionIndex,
          opcode,
        })
      } else if (instruction.class === 'float') {
        add({
          code: 'FloatOpcode',
          message: `expected no floating-point opcodes (no gas cost in casper-node), got ${describe(instruction)} ${at}`,
          offset,
          functionIndex,
          opcode,
        })
      }
      if (immediates.kind === 'brTable' && immediates.depths.length > maxBrTableSize) {
        add({
          code: 'BrTableSizeExceeded',
          message: `expected a br_table of at most ${maxBrTableSize} targets, got ${immediates.depths.length} ${at}`,
          offset,
          functionIndex,
          opcode,
        })
      }
      if (immediates.kind === 'function' && instruction.opcode === 0x10)
        checkFunctionIndex(immediates.index, opcode, offset, functionIndex)
      if (immediates.kind === 'global' && immediates.index >= module.globals.length) {
        add({
          code: 'IncorrectGlobalOperation',
          message: `expected a global index below ${module.globals.length}, got ${immediates.index} in ${opcode} ${at}`,
          offset,
          functionIndex,
          opcode,
        })
      }
    }
  })

  return { ok: violations.length === 0, violations }
}

/**
 * Throws unless {@link checkSessionWasm} finds no violation.
 *
 * @throws {SessionWasmError} carrying every violation.
 *
 * @example
 * ```ts
 * assertSessionWasm(twoPartyMultiSigWasm, { protocol: '2.0' })
 * ```
 */
export function assertSessionWasm(bytes: Uint8Array, options: CheckSessionWasmOptions = {}): void {
  const { violations } = checkSessionWasm(bytes, options)
  if (violations.length > 0) throw new SessionWasmError({ violations, protocol: options.protocol ?? '1.5' })
}
