// The root of every error casper-multisig throws: a short message, the values involved, a remedy.
import { safeText } from '../text/safeText.js'

/** Parameters of {@link BaseError}. */
export type BaseErrorParameters = {
  /** Stable, machine-readable identifier (never changes between releases). */
  code: string
  /** The values involved (keys, weights, thresholds, offsets), printed one per line. */
  details?: Record<string, unknown> | undefined
  /** What to do about it. */
  remedy?: string | undefined
  cause?: unknown
}

/** Marks every casper-multisig error, whichever entry (main, `cosign`, `devnet`, the CLI) bundled it. */
const brand = Symbol.for('casper-multisig.BaseError')

/**
 * Base class of all typed errors. `message` is the short message followed by one line per detail
 * and the remedy, so a printed error is self-explanatory; the parts stay available as fields.
 * Details often quote a file or a node (an arg name, a chain name, a node's error text), so `message`
 * and `shortMessage` are rendered with {@link safeText}: no control, escape or bidi character in them
 * can reach a terminal or a page. `details` keep the raw values for programs.
 *
 * Each entry of the package is bundled on its own, so each holds a copy of this class; `instanceof
 * BaseError` still holds for an error from any entry (a registered symbol marks them all), so one
 * `catch` handles errors from `casper-multisig`, `casper-multisig/cosign` and
 * `casper-multisig/devnet` alike. Subclasses (`DeployError`, `CosignError`, …) are told apart by
 * `name` and `code` across entries, by `instanceof` within one.
 *
 * @example
 * ```ts
 * try {
 *   assertValidConfig(config)
 * } catch (error) {
 *   if (error instanceof BaseError) console.error(error.code, error.details)
 * }
 * ```
 */
export class BaseError extends Error {
  override name = 'BaseError'
  readonly code: string
  readonly shortMessage: string
  readonly details: Readonly<Record<string, unknown>>
  readonly remedy: string | undefined

  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof`: BaseError or a subclass inheriting this.
    // biome-ignore lint/complexity/noThisInStatic: a subclass keeps the ordinary prototype check
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true
    // biome-ignore lint/complexity/noThisInStatic: only BaseError itself accepts other entries' errors
    return this === BaseError && typeof value === 'object' && value !== null && brand in value
  }

  constructor(shortMessage: string, parameters: BaseErrorParameters) {
    const details = parameters.details ?? {}
    const lines = [
      safeText(shortMessage),
      ...Object.entries(details)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => {
          const text = safeDetail(formatDetail(value))
          // A detail written as continuation lines starts on the next line, after no trailing space.
          return `  ${safeText(key)}:${text.startsWith('\n') ? '' : ' '}${text}`
        }),
      ...(parameters.remedy ? [`Remedy: ${safeText(parameters.remedy)}`] : []),
    ]
    super(lines.join('\n'), parameters.cause === undefined ? undefined : { cause: parameters.cause })
    this.code = parameters.code
    this.shortMessage = safeText(shortMessage)
    this.details = details
    this.remedy = parameters.remedy
    Object.defineProperty(this, brand, { value: true })
  }
}

/**
 * A detail made safe; a newline followed by four spaces (a continuation line the library writes, as
 * in a list of differences) is kept, every other control or bidi character made visible.
 */
function safeDetail(text: string): string {
  return text.split('\n    ').map(safeText).join('\n    ')
}

function formatDetail(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))
}
