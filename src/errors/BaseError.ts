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

/**
 * Base class of all typed errors. `message` is the short message followed by one line per detail
 * and the remedy, so a printed error is self-explanatory; the parts stay available as fields.
 * Details often quote a file or a node (an arg name, a chain name, a node's error text), so `message`
 * and `shortMessage` are rendered with {@link safeText}: no control, escape or bidi character in them
 * can reach a terminal or a page. `details` keep the raw values for programs.
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

  constructor(shortMessage: string, parameters: BaseErrorParameters) {
    const details = parameters.details ?? {}
    const lines = [
      safeText(shortMessage),
      ...Object.entries(details)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `  ${safeText(key)}: ${safeDetail(formatDetail(value))}`),
      ...(parameters.remedy ? [`Remedy: ${safeText(parameters.remedy)}`] : []),
    ]
    super(lines.join('\n'), parameters.cause === undefined ? undefined : { cause: parameters.cause })
    this.code = parameters.code
    this.shortMessage = safeText(shortMessage)
    this.details = details
    this.remedy = parameters.remedy
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
