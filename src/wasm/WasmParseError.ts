// The error thrown when bytes are not a well-formed WebAssembly binary.
import { BaseError } from '../errors/BaseError.js'

/** Parameters of {@link WasmParseError}. */
export type WasmParseErrorParameters = {
  /** What the parser expected, e.g. `section id 0..12`. */
  expected: string
  /** What it found, e.g. `0x0d`. */
  got: string
  /** Byte offset of the offending byte in the module. */
  offset: number
}

/**
 * Malformed WebAssembly binary: `expected X, got Y at offset N`.
 *
 * @example
 * ```ts
 * try {
 *   parseModule(new Uint8Array([0, 1, 2]))
 * } catch (error) {
 *   if (error instanceof WasmParseError) console.log(error.offset)
 * }
 * ```
 */
export class WasmParseError extends BaseError {
  override name = 'WasmParseError'
  readonly offset: number

  constructor({ expected, got, offset }: WasmParseErrorParameters) {
    super(`expected ${expected}, got ${got} at offset ${offset}`, {
      code: 'WasmParseError',
      details: { offset },
      remedy: 'Rebuild the module with a WebAssembly MVP toolchain; the bytes are truncated or corrupt.',
    })
    this.offset = offset
  }
}
