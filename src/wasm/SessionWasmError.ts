// The error thrown by assertSessionWasm: a module casper-node would refuse to run as session code.
import type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
import { BaseError } from '../errors/BaseError.js'
import type { SessionWasmViolation } from './checkSessionWasm.js'

/** Parameters of {@link SessionWasmError}. */
export type SessionWasmErrorParameters = {
  violations: readonly SessionWasmViolation[]
  protocol: ProtocolGeneration
}

/**
 * casper-node would reject this session Wasm; `violations` lists every rule it breaks.
 *
 * @example
 * ```ts
 * try {
 *   assertSessionWasm(bytes)
 * } catch (error) {
 *   if (error instanceof SessionWasmError) for (const v of error.violations) console.log(v.code, v.message)
 * }
 * ```
 */
export class SessionWasmError extends BaseError {
  override name = 'SessionWasmError'
  readonly violations: readonly SessionWasmViolation[]

  constructor({ violations, protocol }: SessionWasmErrorParameters) {
    const count = violations.length
    super(`session Wasm breaks ${count} casper-node ${protocol} rule${count === 1 ? '' : 's'}`, {
      code: 'SessionWasmError',
      details: Object.fromEntries(violations.map((v, i) => [`${i + 1}. ${v.code}`, v.message])),
      remedy:
        'Build plain WebAssembly MVP (no floats, no post-MVP features), define a memory of at most 64 pages, ' +
        'export `call: () -> ()`, and import only casper host functions.',
    })
    this.violations = violations
  }
}
