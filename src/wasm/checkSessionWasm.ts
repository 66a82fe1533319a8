// Checks session Wasm against every rule casper-node applies before running it, reporting all violations.

import type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
import { type ChainspecOption, resolveChainspec, ruleGeneration } from '../chainspec/resolveChainspec.js'
import { decodeFunctionBody, type Instruction, type InstructionFeature } from './instructions.js'
import { type FunctionType, parseModule, type ValueType, type WasmModule } from './parseModule.js'
import { SessionWasmError } from './SessionWasmError.js'
import { WasmParseError } from './WasmParseError.js'

/** @deprecated Use {@link ProtocolGeneration} (the same `'1.5' | '2.0'`). */
export type SessionWasmProtocol = ProtocolGeneration

/**
 * Options of {@link checkSessionWasm}: the network whose rules apply (default `casperMainnet`). Its
 * version selects the host functions and whether sign-extension opcodes are accepted (2.x); its
 * `wasm.maxMemoryPages` bounds the memory.
 */
export type CheckSessionWasmOptions = ChainspecOption

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

/**
 * Where casper-node stops on a violation: `deserialize` and `preprocess` are `PreprocessingError`s
 * (`Wasm preprocessing error: …`, `wasm_prep.rs`); `load` is casper-wasmi's validation when the
 * module is loaded, `instantiate` the resolver and linking (`runtime/utils.rs` `instance_and_memory`),
 * `invoke` the call of the export `call` (`runtime/mod.rs` `execute_module_bytes`).
 */
export type SessionWasmStage = 'deserialize' | 'preprocess' | 'load' | 'instantiate' | 'invoke'

/** What casper-node reports for the first violation it meets. */
export type SessionWasmNodeRejection = {
  stage: SessionWasmStage
  /** casper-node's `error_message` text (see {@link nodeRejection} for which parts are verbatim). */
  message: string
  violation: SessionWasmViolation
}

/** A violation with casper-node's view of it: its stage, its position in the node's order, its text. */
type NodeView = { stage: SessionWasmStage; rank: readonly number[]; message: string }
type Ranked = NodeView & { violation: SessionWasmViolation }

const stageIndex: Record<SessionWasmStage, number> = {
  deserialize: 0,
  preprocess: 1,
  load: 2,
  instantiate: 3,
  invoke: 4,
}
const node = {
  /** casper-wasm refuses it while deserializing; the inner text is casper-wasm's where known. */
  deserialize: (offset: number | undefined, inner: string): NodeView => ({
    stage: 'deserialize',
    rank: [offset ?? 0],
    message: `Wasm preprocessing error: Deserialization error: ${inner}`,
  }),
  /** `preprocess` step (`wasm_prep.rs` order), then position. */
  preprocess: (rank: readonly number[], inner: string): NodeView => ({
    stage: 'preprocess',
    rank,
    message: `Wasm preprocessing error: ${inner}`,
  }),
  validation: (rank: readonly number[], inner: string): NodeView =>
    node.preprocess(rank, `Wasm validation error: ${inner}`),
  load: (rank: readonly number[], inner: string): NodeView => ({
    stage: 'load',
    rank,
    message: `Interpreter error: ${inner}`,
  }),
  instantiate: (rank: readonly number[], message: string): NodeView => ({
    stage: 'instantiate',
    rank,
    message,
  }),
  invoke: (message: string): NodeView => ({ stage: 'invoke', rank: [], message }),
}
/** `preprocess` steps, in the order of casper-node v1.5.8 `wasm_prep.rs` `preprocess`. */
const step = {
  access: 0, // ensure_valid_access: imports, functions, start, exports, code, elements
  memorySection: 1,
  tables: 2,
  brTable: 3,
  globals: 4,
  parameters: 5,
  imports: 6, // ensure_valid_imports (env.gas)
  gas: 7, // inject_gas_counter
} as const
const access = { imports: 0, functions: 1, start: 2, exports: 3, code: 4, elements: 5 } as const
const operationForbidden =
  'Encountered operation forbidden by gas rules. Consult instruction -> metering config map'

/** casper-wasmi `Signature`'s Debug form, e.g. `Signature { params: [I32], return_type: None }`. */
const wasmiSignature = (params: readonly string[], result: string | undefined): string =>
  `Signature { params: [${params.map((p) => p.toUpperCase()).join(', ')}], return_type: ${result === undefined ? 'None' : `Some(${result.toUpperCase()})`} }`

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
const hostFunctionRows: ReadonlyArray<readonly [string, number, boolean, ProtocolGeneration | 'both']> = [
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

const hostTable = (protocol: ProtocolGeneration): ReadonlyMap<string, HostFunctionSignature> =>
  new Map(
    hostFunctionRows
      .filter(([, , , p]) => p === 'both' || p === protocol)
      .map(([name, params, result]) => [name, { params, result: result ? 'i32' : undefined }] as const),
  )

/** The `env` host functions a session may import, with their exact signatures, per protocol. */
export const casperHostFunctions: Readonly<
  Record<ProtocolGeneration, ReadonlyMap<string, HostFunctionSignature>>
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

/**
 * What the node says of an opcode casper-wasm does not know. 1.5.8 passes casper-wasm's
 * `Unknown opcode N` (N the first byte: 252 for every 0xfc instruction). Released 2.x renames it by
 * prefix (execution_engine/src/runtime/wasm_prep.rs `deserialize`; tests
 * `should_not_accept_bulk_proposal_wasm`, `should_not_accept_simd_proposal_wasm`,
 * `should_not_accept_atomics_proposal_wasm`): 0xfc (bulk memory, non-trapping float-to-int, table
 * instructions), 0xfd (SIMD), 0xfe (atomics); any other unknown opcode (reference types, tail calls,
 * typed `select`) is an unsupported operation.
 */
function unknownOpcodeText(opcode: number, protocol: ProtocolGeneration): string {
  if (protocol === '1.5') return `Unknown opcode ${opcode}`
  switch (opcode) {
    case 0xfc:
      return 'Bulk memory operations are not supported'
    case 0xfd:
      return 'SIMD operations are not supported'
    case 0xfe:
      return 'Atomic operations are not supported'
    default:
      return 'Encountered an unsupported operation'
  }
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
 *   `env.memory` of at most `max_memory` (64) pages, its initial size at most its maximum;
 * - `runtime/mod.rs`: the entry point is the export `call`, invoked with no arguments (a returned
 *   value is ignored, so `() -> (i32)` is accepted).
 *
 * {@link nodeRejection} tells which violation the node meets first and what it then reports.
 *
 * @example
 * ```ts
 * const { ok, violations } = checkSessionWasm(bytes, { chainspec: casperMainnet })
 * if (!ok) for (const v of violations) console.log(`${v.code}: ${v.message}`)
 * ```
 */
export function checkSessionWasm(
  bytes: Uint8Array,
  options: CheckSessionWasmOptions = {},
): CheckSessionWasmReturnType {
  const violations = analyze(bytes, rulesOf(options)).map((r) => r.violation)
  return { ok: violations.length === 0, violations }
}

/**
 * The failure casper-node reports for a session module, or `undefined` when {@link checkSessionWasm}
 * finds nothing. The node stops at the first problem in its own order (deserialization, then the
 * `wasm_prep.rs` `preprocess` steps, then loading, linking and invoking in casper-wasmi), so of all
 * violations this is the one it meets first, with the node's text: verbatim from casper-node
 * v1.5.8 (2.x: the released 2.0 files), casper-wasmi 0.13.2 (2.x pins 0.14.0) and casper-wasm-utils
 * 3.0.0, except the inner text of a `Deserialization error` (casper-wasm's words, or on 2.x
 * wasm_prep.rs `deserialize`'s, are used only for unknown opcodes and multi-value types; otherwise
 * the violation's own message stands in).
 *
 * The stack limiter's own failure (`Stack limiter error`, after gas injection) is not a violation
 * here; `emulateSession` runs the limiter and reports it.
 *
 * @example
 * ```ts
 * nodeRejection(wat('(module (memory 1) (func (export "main")))'))
 * // { stage: 'invoke', message: "Interpreter error: Module doesn't have export call", violation: { code: 'MissingCallExport', … } }
 * ```
 */
export function nodeRejection(
  bytes: Uint8Array,
  options: CheckSessionWasmOptions = {},
): SessionWasmNodeRejection | undefined {
  const ranked = analyze(bytes, rulesOf(options))
  const key = (r: Ranked) => [stageIndex[r.stage], ...r.rank]
  const first = ranked.reduce<Ranked | undefined>((best, r) => {
    if (best === undefined) return r
    const [a, b] = [key(r), key(best)]
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = (a[i] ?? -1) - (b[i] ?? -1)
      if (d !== 0) return d < 0 ? r : best
    }
    return best
  }, undefined)
  return first && { stage: first.stage, message: first.message, violation: first.violation }
}

type Rules = { protocol: ProtocolGeneration; maxMemoryPages: number }

function rulesOf(options: CheckSessionWasmOptions): Rules {
  const chainspec = resolveChainspec(options)
  return { protocol: ruleGeneration(chainspec), maxMemoryPages: chainspec.wasm.maxMemoryPages }
}

function analyze(bytes: Uint8Array, { protocol, maxMemoryPages }: Rules): Ranked[] {
  let module: WasmModule
  try {
    module = parseModule(bytes)
  } catch (error) {
    if (!(error instanceof WasmParseError)) throw error
    const violation = { code: 'Malformed', message: error.shortMessage, offset: error.offset } as const
    return [{ violation, ...node.deserialize(error.offset, error.shortMessage) }]
  }
  const violations: Ranked[] = []
  const add = (violation: SessionWasmViolation, view: NodeView) => violations.push({ violation, ...view })
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
    if (type === 'v128' || type === 'funcref' || type === 'externref') {
      const message = `expected an MVP value type, got ${type} in ${where} at offset ${offset}`
      add(
        { code: type === 'v128' ? 'Simd' : 'ReferenceTypes', message, offset },
        node.deserialize(offset, message),
      )
    }
  }
  const checkFunctionIndex = (
    index: number,
    where: string,
    offset: number,
    rank: readonly number[],
    functionIndex?: number,
  ) => {
    // wasm_prep.rs `ensure_valid_function_index`
    if (index >= functionCount) {
      add(
        {
          code: 'MissingFunctionIndex',
          message: `expected a function index below ${functionCount}, got ${index} in ${where} at offset ${offset}`,
          offset,
          functionIndex,
        },
        node.validation([step.access, ...rank, offset], `missing function index ${index}`),
      )
    }
  }

  // Types: casper-wasm without `multi_value` refuses more than one result; wasm_prep.rs `ensure_parameter_limit`.
  module.types.forEach((type, index) => {
    const where = `type ${index}`
    if (type.results.length > 1) {
      add(
        {
          code: 'MultiValue',
          message: `expected at most 1 result, got ${type.results.length} in ${where} at offset ${type.offset}`,
          offset: type.offset,
        },
        node.deserialize(
          type.offset,
          protocol === '2.0'
            ? 'Multi value extension is not supported'
            : 'Enable the multi_value feature to deserialize more than one function result',
        ),
      )
    }
    if (type.params.length > maxParameterCount) {
      add(
        {
          code: 'TooManyParameters',
          message: `expected at most ${maxParameterCount} parameters, got ${type.params.length} in ${where} at offset ${type.offset}`,
          offset: type.offset,
        },
        node.validation(
          [step.parameters, index],
          `use of a function type with too many parameters (limit of ${maxParameterCount} but function declares ${type.params.length})`,
        ),
      )
    }
    for (const t of new Set([...type.params, ...type.results])) checkValueType(t, where, type.offset)
  })

  // Imports: resolvers/v1_resolver.rs (functions, `memory`), wasm_prep.rs `ensure_valid_imports` (gas).
  // casper-wasmi resolves every import in order (`ModuleInstance::new`) before it compares signatures.
  const hosts = casperHostFunctions[protocol]
  module.imports.forEach((entry, importIndex) => {
    const id = `${entry.module}.${entry.name}`
    const base = { offset: entry.offset, import: id }
    const unresolved = (message: string) =>
      node.instantiate([0, importIndex], `Interpreter error: ${message}`)
    if (entry.kind === 'function' && module.types[entry.typeIndex] === undefined) {
      add(
        {
          ...base,
          code: 'MissingFunctionType',
          message: `expected a type index below ${module.types.length}, got ${entry.typeIndex} in import ${id} at offset ${entry.offset}`,
        },
        node.validation([step.access, access.imports, importIndex], `missing type index ${entry.typeIndex}`),
      )
    }
    if (entry.module !== 'env') {
      add(
        {
          ...base,
          code: 'UnknownImportModule',
          message: `expected imports from module "env", got ${id} at offset ${entry.offset}`,
        },
        unresolved(`Module ${entry.module} not found`),
      )
      return
    }
    if (entry.name === 'gas') {
      add(
        {
          ...base,
          code: 'GasImport',
          message: `expected no import of env.gas (the node injects it), got one at offset ${entry.offset}`,
        },
        node.validation([step.imports], 'module imports a non-existent function'),
      )
      return
    }
    if (entry.kind === 'memory') {
      // externalize_mem adds env.memory for the module's own memory: two memories fail validation.
      add(
        {
          ...base,
          code: 'ImportedMemory',
          message: `expected the memory to be defined in the module, got import ${id} at offset ${entry.offset}`,
        },
        node.load([2], `too many memory regions in index space: ${module.memories.length + 1}`),
      )
      return
    }
    if (entry.kind !== 'function') {
      add(
        {
          ...base,
          code: 'UnsupportedImportKind',
          message: `expected only function imports, got ${entry.kind} import ${id} at offset ${entry.offset}`,
        },
        unresolved(`Export ${entry.name} not found`),
      )
      return
    }
    const type = module.types[entry.typeIndex]
    const host = hosts.get(entry.name)
    if (host === undefined) {
      add(
        {
          ...base,
          code: 'UnknownHostFunction',
          message: `expected a casper ${protocol} host function, got ${id} at offset ${entry.offset}`,
        },
        unresolved(`host module doesn't export function with name ${entry.name}`),
      )
      return
    }
    const matches =
      type !== undefined &&
      type.params.length === host.params &&
      type.params.every((p) => p === 'i32') &&
      (host.result === undefined
        ? type.results.length === 0
        : type.results.length === 1 && type.results[0] === 'i32')
    if (type !== undefined && !matches) {
      const expected = wasmiSignature(type.params, type.results[0])
      const actual = wasmiSignature(Array(host.params).fill('i32'), host.result)
      add(
        {
          ...base,
          code: 'HostFunctionSignatureMismatch',
          message: `expected ${id}: ${formatHost(host)}, got ${formatType(type)} at offset ${entry.offset}`,
        },
        node.instantiate(
          [1, importIndex],
          `Interpreter error: Expected function with type ${expected}, but actual type is ${actual} for entry ${entry.name}`,
        ),
      )
    }
  })

  // wasm_prep.rs `ensure_valid_access`: every function's type index exists.
  module.functionTypeIndices.forEach((typeIndex, i) => {
    if (typeIndex >= module.types.length) {
      const functionIndex = module.importedFunctionCount + i
      const section = module.sections.find((s) => s.name === 'function')
      add(
        {
          code: 'MissingFunctionType',
          message: `expected a type index below ${module.types.length}, got ${typeIndex} for function ${functionIndex}`,
          offset: section?.offset,
          functionIndex,
        },
        node.validation([step.access, access.functions, i], `missing type index ${typeIndex}`),
      )
    }
  })

  // Memory: wasm_prep.rs `memory_section` (must exist, non-empty). `externalize_mem` then turns the
  // (last) memory into the import env.memory, its maximum defaulting to `max_memory` (64); casper-wasmi
  // validates its limits when loading (validation/src/lib.rs `validate_memory`), and the resolver
  // (resolvers/v1_resolver.rs `resolve_memory`) refuses a maximum above 64 after the other imports.
  if (module.memories.length === 0) {
    add(
      {
        code: 'MissingMemorySection',
        message:
          'expected a memory section with one memory (casper-node re-imports it as env.memory), got none',
      },
      node.preprocess([step.memorySection], 'Memory section should exist'),
    )
  }
  if (module.memories.length > 1) {
    add(
      {
        code: 'MoreThanOneMemory',
        message: `expected one memory, got ${module.memories.length}`,
        offset: module.memories[1]?.offset,
      },
      node.load([2], `too many memory regions in index space: ${module.memories.length}`),
    )
  }
  for (const memory of module.memories) {
    const { initial, maximum, offset } = memory
    const max = maximum ?? maxMemoryPages
    if (initial > maxMemoryPages || max > maxMemoryPages || initial > max) {
      const got = maximum === undefined ? `initial ${initial}` : `initial ${initial}, maximum ${maximum}`
      const linearMax = 65_536
      const view =
        initial > linearMax
          ? node.load([1], `initial memory size must be at most ${linearMax} pages`)
          : initial > max
            ? node.load([1], `maximum limit ${max} is less than minimum ${initial}`)
            : max > linearMax
              ? node.load([1], `maximum memory size must be at most ${linearMax} pages`)
              : node.instantiate(
                  [0, module.imports.length],
                  'Interpreter error: Module requested too much memory',
                )
      add(
        {
          code: 'MemoryTooLarge',
          message:
            initial > max && max <= maxMemoryPages && initial <= maxMemoryPages
              ? `expected an initial memory size at most its maximum, got ${got} at offset ${offset}`
              : `expected memory of at most ${maxMemoryPages} pages, got ${got} at offset ${offset}`,
          offset,
        },
        view,
      )
    }
    if (memory.shared) {
      const message = `expected an unshared memory, got a shared one at offset ${offset}`
      add({ code: 'Atomics', message, offset }, node.deserialize(offset, message))
    }
  }

  // Tables: wasm_prep.rs `ensure_table_size_limit`.
  if (module.tables.length > 1) {
    add(
      {
        code: 'MoreThanOneTable',
        message: `expected at most one table, got ${module.tables.length}`,
        offset: module.tables[1]?.limits.offset,
      },
      node.validation([step.tables, 0], 'the number of tables must be at most one'),
    )
  }
  module.tables.forEach((table, tableIndex) => {
    const { initial, maximum, offset } = table.limits
    if (initial > maxTableSize) {
      add(
        {
          code: 'InitialTableSizeExceeded',
          message: `expected an initial table size of at most ${maxTableSize}, got ${initial} at offset ${offset}`,
          offset,
        },
        node.validation(
          [step.tables, 1, tableIndex, 0],
          `initial table size of ${initial} exceeds allowed limit of ${maxTableSize}`,
        ),
      )
    }
    if (maximum !== undefined && maximum > maxTableSize) {
      add(
        {
          code: 'MaxTableSizeExceeded',
          message: `expected a maximum table size of at most ${maxTableSize}, got ${maximum} at offset ${offset}`,
          offset,
        },
        node.validation(
          [step.tables, 1, tableIndex, 1],
          `maximum table size of ${maximum} exceeds allowed limit of ${maxTableSize}`,
        ),
      )
    }
    if (table.elementType !== 'funcref') checkValueType(table.elementType, 'a table', offset)
  })

  // Globals: wasm_prep.rs `ensure_global_variable_limit` counts the global section's entries.
  if (module.globals.length > maxGlobals) {
    add(
      {
        code: 'TooManyGlobals',
        message: `expected at most ${maxGlobals} globals, got ${module.globals.length}`,
        offset: module.sections.find((s) => s.name === 'global')?.offset,
      },
      node.validation(
        [step.globals],
        `declared number of globals (${module.globals.length}) exceeds allowed limit of ${maxGlobals}`,
      ),
    )
  }
  module.globals.forEach((global, i) => {
    checkValueType(global.valueType, `global ${i}`, global.offset)
    const kind = global.init.value?.kind
    if (kind === 'ref.func' || kind === 'ref.null') {
      const message = `expected an MVP initialiser, got ${kind} in global ${i} at offset ${global.offset}`
      add(
        { code: 'ReferenceTypes', message, offset: global.offset },
        node.deserialize(global.offset, message),
      )
    }
  })

  // The entry point: runtime/mod.rs `execute_module_bytes` runs `instance.invoke_export("call", &[], …)`
  // (types/src/contracts.rs DEFAULT_ENTRY_POINT_NAME) and treats any `Ok(_)` as success. casper-wasmi
  // 0.13.2 `FuncInstance::invoke` checks only the arguments (`check_function_args`: a parameter traps
  // with UnexpectedSignature); a returned value is ignored, so a result is allowed.
  const call = module.exports.find((e) => e.name === 'call')
  if (call === undefined) {
    add(
      { code: 'MissingCallExport', message: 'expected an export named "call" of type () -> (), got none' },
      node.invoke("Interpreter error: Module doesn't have export call"),
    )
  } else if (call.kind !== 'function') {
    const externVal = { table: 'Table', memory: 'Memory', global: 'Global' }[call.kind]
    add(
      {
        code: 'CallExportNotAFunction',
        message: `expected export "call" to be a function, got a ${call.kind} at offset ${call.offset}`,
        offset: call.offset,
      },
      node.invoke(`Interpreter error: Export call is not a function, but ExternVal { ${externVal} }`),
    )
  } else if (call.index < functionCount) {
    const type = typeOf(call.index)
    if (type === undefined || type.params.length !== 0) {
      add(
        {
          code: 'InvalidCallExportSignature',
          message: `expected export "call" to take no parameters, got ${formatType(type)} at offset ${call.offset}`,
          offset: call.offset,
          functionIndex: call.index,
        },
        node.invoke('Interpreter error: trap: Code(UnexpectedSignature)'),
      )
    }
  }

  // runtime/utils.rs `instance_and_memory`: a start function is refused (UnsupportedWasmStart), once
  // casper-wasmi has checked its type (`start function expected to have type [] -> []`) and linked.
  if (module.start !== undefined) {
    const { offset, functionIndex } = module.start
    checkFunctionIndex(functionIndex, 'the start section', offset, [access.start])
    const type = typeOf(functionIndex)
    add(
      {
        code: 'UnsupportedWasmStart',
        message: `expected no start section, got start function ${functionIndex} at offset ${offset}`,
        offset,
      },
      type !== undefined && (type.params.length > 0 || type.results.length > 0)
        ? node.load([0], 'start function expected to have type [] -> []')
        : node.instantiate([2], 'Unsupported WASM start'),
    )
  }
  for (const e of module.exports) {
    if (e.kind === 'function') checkFunctionIndex(e.index, `export "${e.name}"`, e.offset, [access.exports])
  }

  for (const segment of module.elements) {
    if (segment.flags !== 0) {
      const [code, feature] =
        segment.flags & 4
          ? (['ReferenceTypes', 'reference types'] as const)
          : (['BulkMemory', 'bulk memory'] as const)
      const message = `expected an MVP element segment (flags 0), got flags ${segment.flags} (${feature}) at offset ${segment.offset}`
      add({ code, message, offset: segment.offset }, node.deserialize(segment.offset, message))
    }
    for (const index of segment.functionIndices)
      checkFunctionIndex(index, 'an element segment', segment.offset, [access.elements])
  }
  for (const segment of module.data) {
    if (segment.flags !== 0) {
      const message = `expected an active MVP data segment (flags 0), got flags ${segment.flags} at offset ${segment.offset}`
      add({ code: 'BulkMemory', message, offset: segment.offset }, node.deserialize(segment.offset, message))
    }
  }
  const dataCount = module.sections.find((s) => s.name === 'datacount')
  if (dataCount !== undefined) {
    const message = `expected no data count section, got one at offset ${dataCount.offset}`
    add(
      { code: 'BulkMemory', message, offset: dataCount.offset },
      node.deserialize(dataCount.offset, message),
    )
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
      add(
        {
          code: 'Malformed',
          message: `${error.shortMessage} in function ${functionIndex}`,
          offset: error.offset,
          functionIndex,
        },
        node.deserialize(error.offset, error.shortMessage),
      )
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
        const message = `expected ${allowed}, got ${feature} ${describe(instruction)} ${at}`
        // casper-wasm without the feature does not know the opcode (or its prefix byte).
        const unknownOpcode = ![0x02, 0x03, 0x04, 0x11, 0x3f, 0x40].includes(instruction.opcode)
        add(
          { code, message, offset, functionIndex, opcode },
          node.deserialize(offset, unknownOpcode ? unknownOpcodeText(instruction.opcode, protocol) : message),
        )
      } else if (instruction.class === 'float') {
        add(
          {
            code: 'FloatOpcode',
            message: `expected no floating-point opcodes (no gas cost in casper-node), got ${describe(instruction)} ${at}`,
            offset,
            functionIndex,
            opcode,
          },
          node.preprocess([step.gas, offset], operationForbidden),
        )
      }
      if (immediates.kind === 'brTable' && immediates.depths.length > maxBrTableSize) {
        add(
          {
            code: 'BrTableSizeExceeded',
            message: `expected a br_table of at most ${maxBrTableSize} targets, got ${immediates.depths.length} ${at}`,
            offset,
            functionIndex,
            opcode,
          },
          node.validation(
            [step.brTable, offset],
            `maximum br_table size of ${immediates.depths.length} exceeds allowed limit of ${maxBrTableSize}`,
          ),
        )
      }
      if (immediates.kind === 'function' && instruction.opcode === 0x10)
        checkFunctionIndex(immediates.index, opcode, offset, [access.code], functionIndex)
      if (immediates.kind === 'global' && immediates.index >= module.globals.length) {
        add(
          {
            code: 'IncorrectGlobalOperation',
            message: `expected a global index below ${module.globals.length}, got ${immediates.index} in ${opcode} ${at}`,
            offset,
            functionIndex,
            opcode,
          },
          node.validation(
            [step.access, access.code, offset],
            `opcode for a global access refers to non-existing global index ${immediates.index}`,
          ),
        )
      }
    }
  })

  return violations
}

/**
 * Throws unless {@link checkSessionWasm} finds no violation.
 *
 * @throws {SessionWasmError} carrying every violation.
 *
 * @example
 * ```ts
 * assertSessionWasm(twoPartyMultiSigWasm, { chainspec: casper15 })
 * ```
 */
export function assertSessionWasm(bytes: Uint8Array, options: CheckSessionWasmOptions = {}): void {
  const { violations } = checkSessionWasm(bytes, options)
  if (violations.length > 0) throw new SessionWasmError({ violations, protocol: rulesOf(options).protocol })
}
