// Runs key-management session Wasm the way casper-node executes a deploy's session, in process.
import type { Account, AccountHashHex } from '../account/Account.js'
import {
  type AccountRuleFailure,
  type AccountRuleResult,
  type ActionType,
  addAssociatedKey,
  canAuthorize,
  canDeployWith,
  canManageKeysWith,
  removeAssociatedKey,
  setActionThreshold,
  updateAssociatedKey,
} from '../account/accountRules.js'
import { accountSerializedLength } from '../account/accountSerializedLength.js'
import type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
import {
  type ChainspecOption,
  maxSessionGas,
  resolveChainspec,
  ruleGeneration,
} from '../chainspec/resolveChainspec.js'
import { bytesToHex } from '../encoding/hex.js'
import { nodeRejection } from '../wasm/checkSessionWasm.js'
import { type ApiError, apiError } from './apiError.js'
import { externalizeMemory, hostMemoryLimits } from './externalizeMemory.js'
import { type HostFunctionCosts, hostFunctionGas } from './hostFunctionCosts.js'
import { GasInjectionError, injectGasCounter } from './injectGasCounter.js'
import { injectStackLimiter, StackLimiterError } from './injectStackLimiter.js'

/**
 * @deprecated Use {@link ProtocolGeneration} (the same `'1.5' | '2.0'`); options take a `Chainspec`
 * (`casper15`, `casperMainnet`).
 */
export type Protocol = ProtocolGeneration

/** Named session args: each value is the CLValue's inner bytes (what `casper_get_named_arg` copies). */
export type NamedArgs = Readonly<Record<string, Uint8Array>> | readonly { name: string; value: Uint8Array }[]

/**
 * Parameters of {@link emulateSession}. `chainspec` (default `casperMainnet`) gives the gas
 * schedule (opcode, host-function and storage costs), `max_associated_keys`, `max_stack_height`,
 * `max_memory`, and by its version the signer rule and the 1.x / 2.x host-function behaviour.
 */
export type EmulateSessionParameters = ChainspecOption & {
  /** Session module bytes (ModuleBytes). */
  wasm: Uint8Array
  args?: NamedArgs | undefined
  /** The account the deploy is for, as it is before the deploy. */
  account: Account
  /** Account hashes of the keys that signed the deploy (its authorization keys). */
  signers: readonly AccountHashHex[]
  /**
   * Gas limit of the session (a deploy's payment amount at gas price 1); default: the largest the
   * chainspec allows (2.x: the largest Wasm lane's gas limit; 1.5: the block gas limit).
   */
  gasLimit?: bigint | undefined
}

/** One host-function call the session made, in order. */
export type HostCall = {
  name: string
  args: readonly number[]
  /** The value returned to the session; absent when the call reverted or trapped. */
  result?: number | undefined
  /** Gas of the call itself plus the storage write it made, if any. */
  gas: bigint
  /** Bytes written to global state by this call (the whole account record), 0 if none. */
  bytesWritten: number
}

/** Gas used, by part. `total` is what the deploy pays for the session. */
export type SessionGas = {
  opcodes: bigint
  hostFunctions: bigint
  storage: bigint
  total: bigint
}

/** Why a session did not succeed, with the text casper-node reports as `error_message`. */
export type SessionFailure =
  | { kind: 'revert'; apiError: ApiError; message: string }
  | { kind: 'trap'; message: string }
  | { kind: 'outOfGas'; message: string }
  | { kind: 'authorization'; message: string }
  | { kind: 'deploymentAuthorization'; message: string }
  | { kind: 'preprocessing'; message: string }
  | { kind: 'instantiation'; message: string }

/** Result of {@link emulateSession}. */
export type EmulateSessionReturnType = {
  ok: boolean
  /** The account after the session: unchanged unless `ok` (a revert or trap rolls everything back). */
  account: Account
  /** Present when the session reverted: the ApiError, e.g. `{ code: 22, name: 'DuplicateKey', … }`. */
  revert?: ApiError | undefined
  /** Present when the session trapped (including a host function trapping on bad input). */
  trap?: { message: string } | undefined
  failure?: SessionFailure | undefined
  gas: SessionGas
  calls: readonly HostCall[]
}

/**
 * Node error texts: 1.5 from execution_engine `engine_state/error.rs`, `execution/error.rs` (v1.5.8);
 * 2.x authorization texts from the pre-release feat-2.0 tracking copy (no released text was available).
 */
const messages = {
  '1.5': {
    authorization: 'Authorization failure: not authorized.',
    deploymentAuthorization: 'Deployment authorization failure',
  },
  '2.0': {
    authorization: 'Tracking copy error: Authorization error',
    deploymentAuthorization: 'Tracking copy error: Deployment authorization failure',
  },
  outOfGas: 'Out of gas error',
}

const hostFailureCodes: Record<
  'add' | 'update' | 'remove' | 'threshold',
  Partial<Record<AccountRuleFailure, number>>
> = {
  // casper-types `AddKeyFailure`, `UpdateKeyFailure`, `RemoveKeyFailure`, `SetThresholdFailure` discriminants
  add: { MaxKeysLimit: 1, DuplicateKey: 2 },
  update: { MissingKey: 1, ThresholdViolation: 3 },
  remove: { MissingKey: 1, ThresholdViolation: 3 },
  threshold: { KeyManagementThreshold: 1, DeploymentThreshold: 2, InsufficientTotalWeight: 4 },
}
const permissionDenied = { add: 3, update: 2, remove: 2, threshold: 3 } as const

class Revert {
  constructor(readonly status: number) {}
}
class HostTrap {
  constructor(readonly message: string) {}
}
class OutOfGas {}

/**
 * Executes a session module against an account as casper-node does, and reports the resulting
 * account, the revert or trap, gas by part, and every host call. Nothing outside the returned
 * value changes.
 *
 * Faithful to casper-node: the preprocessing rules (`checkSessionWasm`), authorization (signers
 * associated on 1.5, deployment threshold), gas metering of opcodes as casper-wasm-utils injects it,
 * host-function costs, storage gas for every account write, permission checked against the account
 * as it was at deploy start, the host functions' return codes and traps, and full rollback.
 *
 * @example
 * ```ts
 * const owner = 'a1'.repeat(32)
 * const result = await emulateSession({
 *   wasm: twoPartyMultiSigWasm,
 *   args: { 'deployment-account': hexToBytes('b2'.repeat(32)) },
 *   account: createAccount(owner),
 *   signers: [owner],
 * })
 * result.ok // true
 * result.account.actionThresholds // { deployment: 2, keyManagement: 2 }
 * result.gas.total // gas the session costs
 * ```
 */
export async function emulateSession(
  parameters: EmulateSessionParameters,
): Promise<EmulateSessionReturnType> {
  const { wasm, account, signers } = parameters
  const chainspec = resolveChainspec(parameters)
  const protocol = ruleGeneration(chainspec)
  const costs = {
    opcodes: chainspec.wasm.opcodeCosts,
    hostFunctions: chainspec.wasm.hostFunctionCosts,
    storageGasPerByte: chainspec.wasm.storageGasPerByte,
  }
  const gasLimit = parameters.gasLimit ?? maxSessionGas(chainspec)
  const maxKeys = chainspec.maxAssociatedKeys
  const args = namedArgs(parameters.args)
  const gas = { opcodes: 0n, hostFunctions: 0n, storage: 0n }
  const calls: HostCall[] = []

  const finish = (failure?: SessionFailure, final: Account = account): EmulateSessionReturnType => ({
    ok: failure === undefined,
    account: failure === undefined ? final : account,
    ...(failure?.kind === 'revert' ? { revert: failure.apiError } : {}),
    ...(failure?.kind === 'trap' ? { trap: { message: failure.message } } : {}),
    ...(failure ? { failure } : {}),
    gas: { ...gas, total: gas.opcodes + gas.hostFunctions + gas.storage },
    calls,
  })

  // engine_state `get_authorized_account`: on 1.5 every signer must be an associated key; on 2.x
  // (types/src/runtime_footprint.rs `RuntimeFootprint::can_authorize`) at least one must be, the
  // others count for nothing.
  const text = messages[protocol]
  if (!canAuthorize(account, signers, chainspec))
    return finish({ kind: 'authorization', message: text.authorization })
  if (!canDeployWith(account, signers)) {
    return finish({ kind: 'deploymentAuthorization', message: text.deploymentAuthorization })
  }
  // runtime/mod.rs `execute_module_bytes`: `wasm_prep::preprocess` (deserialize, checks, externalize
  // the memory, gas, stack limiter), then `instance_and_memory` (load, link, no start), then invoke
  // `call`. The node stops at the first problem; so does this.
  const rejection = nodeRejection(wasm, { chainspec })
  if (rejection?.stage === 'deserialize' || rejection?.stage === 'preprocess')
    return finish({ kind: 'preprocessing', message: rejection.message })
  let prepared: Uint8Array<ArrayBuffer>
  try {
    const metered = injectGasCounter(wasm, costs.opcodes)
    prepared = injectStackLimiter(metered, chainspec.wasm.maxStackHeight)
  } catch (error) {
    if (error instanceof GasInjectionError)
      return finish({ kind: 'preprocessing', message: forbiddenByGasRules })
    if (error instanceof StackLimiterError)
      return finish({ kind: 'preprocessing', message: stackLimiterError })
    throw error
  }
  if (rejection !== undefined) {
    const trap = rejection.message.startsWith('Interpreter error: trap:')
    return finish({ kind: trap ? 'trap' : 'instantiation', message: rejection.message })
  }

  const canManageKeys = canManageKeysWith(account, signers)
  let current = account
  let memory: WebAssembly.Memory | undefined
  const charge = (part: keyof typeof gas, amount: bigint) => {
    const used = gas.opcodes + gas.hostFunctions + gas.storage
    // RuntimeContext::charge_gas: past the limit the counter is set to the limit, then Out of gas.
    if (used + amount > gasLimit) {
      gas[part] += gasLimit - used
      throw new OutOfGas()
    }
    gas[part] += amount
  }
  const bytes = (ptr: number, len: number): Uint8Array => {
    const buffer = new Uint8Array(memory!.buffer)
    const start = ptr >>> 0
    const end = start + (len >>> 0)
    if (end > buffer.length) {
      throw new HostTrap(
        `Interpreter error: trying to access region [${start}..${end}] in memory [0..${buffer.length}]`,
      )
    }
    return buffer.slice(start, end)
  }
  const accountHash = (ptr: number, len: number): AccountHashHex => {
    // bytesrepr::deserialize_from_slice::<AccountHash>: anything but 32 bytes is an error that traps.
    const source = bytes(ptr, len)
    if (source.length < 32)
      throw new HostTrap('Serialization error: Deserialization error: early end of stream')
    if (source.length > 32) throw new HostTrap('Serialization error: Deserialization error: left-over bytes')
    return bytesToHex(source)
  }

  /** Permission against the deploy-start account, then the rule on the current account, then the metered write. */
  const keyManagementCall = (
    kind: keyof typeof hostFailureCodes,
    call: HostCall,
    apply: (account: Account) => AccountRuleResult,
  ): number => {
    const result = apply(current)
    if (!result.ok) return hostFailureCodes[kind][result.failure] ?? 0
    const length = accountSerializedLength(result.account)
    const storage = BigInt(costs.storageGasPerByte) * BigInt(length)
    call.gas += storage
    call.bytesWritten = length
    charge('storage', storage)
    current = result.account
    return 0
  }

  /**
   * externals.rs dispatch: `Args::parse` (a u8 argument outside 0..255 traps before any charge),
   * then `charge_host_function_call`, then the runtime method.
   */
  const hostFunction =
    <A extends number[]>(
      name: keyof HostFunctionCosts,
      u8Arguments: readonly number[],
      body: (call: HostCall, ...args: A) => number | undefined,
    ) =>
    (...args: A): number | undefined => {
      const call: HostCall = {
        name: `casper_${name}`,
        args,
        gas: hostFunctionGas(costs.hostFunctions[name], args),
        bytesWritten: 0,
      }
      calls.push(call)
      if (u8Arguments.some((i) => (args[i] ?? 0) < 0 || (args[i] ?? 0) > 255)) {
        call.gas = 0n
        throw new HostTrap('Interpreter error: trap: Code(UnexpectedSignature)')
      }
      charge('hostFunctions', call.gas)
      const result = body(call, ...args)
      call.result = result
      return result
    }

  const namedArg = (namePtr: number, nameLen: number) => args.get(utf8(bytes(namePtr, nameLen)))

  const env: Record<string, WebAssembly.ImportValue> = {
    gas: (amount: number) => charge('opcodes', BigInt(amount >>> 0)),
    casper_get_named_arg_size: hostFunction(
      'get_named_arg_size',
      [],
      (_, namePtr: number, nameLen: number, outPtr: number) => {
        const value = namedArg(namePtr, nameLen)
        if (value === undefined) return 2 // ApiError::MissingArgument
        writeU32(memory!, outPtr, value.length)
        return 0
      },
    ),
    casper_get_named_arg: hostFunction(
      'get_named_arg',
      [],
      (_, namePtr: number, nameLen: number, destPtr: number, destLen: number) => {
        const value = namedArg(namePtr, nameLen)
        if (value === undefined) return 2 // ApiError::MissingArgument
        if (destLen >>> 0 < value.length) return 20 // ApiError::OutOfMemory
        if (destLen >>> 0 > value.length) {
          // `&arg.inner_bytes()[..output_size]` is out of range: the node process panics.
          throw new HostTrap(
            `node panic: destination of ${destLen >>> 0} bytes is larger than the ${value.length}-byte arg; pass exactly the size casper_get_named_arg_size reported`,
          )
        }
        bytes(destPtr, destLen)
        new Uint8Array(memory!.buffer).set(value, destPtr >>> 0)
        return 0
      },
    ),
    casper_add_associated_key: hostFunction(
      'add_associated_key',
      [2],
      (call, ptr: number, len: number, weight: number) => {
        const hash = accountHash(ptr, len)
        if (!canManageKeys) return permissionDenied.add
        return keyManagementCall('add', call, (a) => addAssociatedKey(a, hash, weight, maxKeys))
      },
    ),
    casper_update_associated_key: hostFunction(
      'update_associated_key',
      [2],
      (call, ptr: number, len: number, weight: number) => {
        const hash = accountHash(ptr, len)
        if (!canManageKeys) return permissionDenied.update
        return keyManagementCall('update', call, (a) => updateAssociatedKey(a, hash, weight))
      },
    ),
    casper_remove_associated_key: hostFunction(
      'remove_associated_key',
      [],
      (call, ptr: number, len: number) => {
        const hash = accountHash(ptr, len)
        if (!canManageKeys) return permissionDenied.remove
        // No key limit on removal: 1.5.8 never checked one, and released 2.x dropped the
        // pre-release check (casper-node 6fdaaf495, execution_engine/src/runtime_context/mod.rs;
        // test `should_remove_associated_key_when_at_max_allowed_cap`).
        return keyManagementCall('remove', call, (a) => removeAssociatedKey(a, hash))
      },
    ),
    casper_set_action_threshold: hostFunction(
      'set_action_threshold',
      [1],
      (call, actionType: number, threshold: number) => {
        // Permission comes before the action type is looked at.
        if (!canManageKeys) return permissionDenied.threshold
        const action = actionTypeOf(actionType >>> 0, protocol, current)
        return keyManagementCall('threshold', call, (a) => setActionThreshold(a, action, threshold))
      },
    ),
    casper_revert: hostFunction('revert', [], (_, status: number) => {
      throw new Revert(status)
    }),
  }

  try {
    memory = new WebAssembly.Memory(hostMemoryLimits(wasm, chainspec.wasm.maxMemoryPages))
    env.memory = memory
    const module = await WebAssembly.compile(externalizeMemory(prepared, chainspec.wasm.maxMemoryPages))
    const instance = await WebAssembly.instantiate(module, { env })
    ;(instance.exports.call as () => void)()
  } catch (error) {
    return finish(failureOf(error))
  }
  return finish(undefined, current)
}

/** wasm_prep.rs `PreprocessingError::OperationForbiddenByGasRules` and `::StackLimiter`. */
const forbiddenByGasRules =
  'Wasm preprocessing error: Encountered operation forbidden by gas rules. Consult instruction -> metering config map'
const stackLimiterError = 'Wasm preprocessing error: Stack limiter error'

function failureOf(error: unknown): SessionFailure {
  if (error instanceof Revert) {
    const decoded = apiError(error.status)
    return { kind: 'revert', apiError: decoded, message: decoded.message }
  }
  if (error instanceof OutOfGas) return { kind: 'outOfGas', message: messages.outOfGas }
  if (error instanceof HostTrap) return { kind: 'trap', message: error.message }
  if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) {
    return { kind: 'trap', message: `Interpreter error: trap: Code(${trapCode(error)})` }
  }
  throw error
}

/** casper-wasmi `TrapCode` for an engine trap, by the engine's message. */
function trapCode(error: Error): string {
  const message = error.message.toLowerCase()
  // V8's own stack running out: casper-wasmi's call-stack limit (64Ki frames) traps StackOverflow too;
  // only recursion through functions of stack cost 0 gets there, the limiter stops any other first.
  if (error instanceof RangeError) return 'StackOverflow'
  if (message.includes('unreachable')) return 'Unreachable'
  if (message.includes('memory access out of bounds')) return 'MemoryAccessOutOfBounds'
  if (message.includes('by zero')) return 'DivisionByZero'
  if (message.includes('integer overflow') || message.includes('unrepresentable'))
    return 'InvalidConversionToInt'
  if (message.includes('table index')) return 'TableAccessOutOfBounds'
  if (message.includes('signature mismatch') || message.includes('null function'))
    return 'UnexpectedSignature'
  return error.message
}

/**
 * `ActionType::try_from(u32)`: 0 and 1; on 2.0, 2 (UpgradeManagement) is valid only for addressable
 * entities and traps with `Invalid context` on legacy accounts. Other values trap as Unreachable.
 */
function actionTypeOf(value: number, protocol: ProtocolGeneration, account: Account): ActionType {
  if (value === 0) return 'deployment'
  if (value === 1) return 'keyManagement'
  if (value === 2 && protocol === '2.0') {
    if (account.actionThresholds.upgradeManagement === undefined) throw new HostTrap('Invalid context')
    return 'upgradeManagement'
  }
  throw new HostTrap('Interpreter error: trap: Code(Unreachable)')
}

function namedArgs(args: NamedArgs | undefined): Map<string, Uint8Array> {
  const map = new Map<string, Uint8Array>()
  const entries = Array.isArray(args)
    ? args.map((a) => [a.name, a.value] as const)
    : Object.entries(args ?? {})
  // RuntimeArgs::get returns the first arg with the name.
  for (const [name, value] of entries) if (!map.has(name)) map.set(name, value)
  return map
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes)
}

/** `MemoryRef::set` of 4 bytes; out of bounds is casper-wasmi's `Error::Memory`, as for every other access. */
function writeU32(memory: WebAssembly.Memory, ptr: number, value: number): void {
  const view = new DataView(memory.buffer)
  const start = ptr >>> 0
  if (start + 4 > view.byteLength) {
    throw new HostTrap(
      `Interpreter error: trying to access region [${start}..${start + 4}] in memory [0..${view.byteLength}]`,
    )
  }
  view.setUint32(start, value, true)
}
