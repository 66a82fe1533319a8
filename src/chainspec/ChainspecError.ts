// Errors of reading a chainspec: a needed value missing or of the wrong kind.
import { BaseError } from '../errors/BaseError.js'

/** Stable codes of {@link ChainspecError}. */
export type ChainspecErrorCode =
  | 'ChainspecSyntax'
  | 'ChainspecMissingValue'
  | 'ChainspecInvalidValue'
  | 'ChainspecUnavailable'

/** Parameters of {@link ChainspecError}. */
export type ChainspecErrorParameters = {
  code: ChainspecErrorCode
  /** The TOML key path, e.g. `transactions.v1.wasm_lanes[1]`. */
  key?: string | undefined
  expected?: string | undefined
  got?: unknown
  cause?: unknown
}

/**
 * A chainspec that cannot be used: TOML that does not parse (`ChainspecSyntax`), a value the
 * library needs that is absent (`ChainspecMissingValue`) or malformed (`ChainspecInvalidValue`), or a
 * node whose `info_get_chainspec` answer holds no chainspec (`ChainspecUnavailable`). `key` is the
 * TOML key path.
 *
 * @example
 * ```ts
 * try {
 *   parseChainspec(text)
 * } catch (error) {
 *   if (error instanceof ChainspecError) console.error(error.code, error.key)
 * }
 * ```
 */
export class ChainspecError extends BaseError {
  override name = 'ChainspecError'
  override readonly code: ChainspecErrorCode
  readonly key: string | undefined

  constructor({ code, key, expected, got, cause }: ChainspecErrorParameters) {
    const short =
      code === 'ChainspecSyntax'
        ? 'chainspec is not valid TOML'
        : code === 'ChainspecUnavailable'
          ? 'the node returned no chainspec'
          : code === 'ChainspecMissingValue'
            ? `chainspec has no ${key}`
            : `chainspec ${key}: expected ${expected}`
    super(short, {
      code,
      details: { key, expected, got: got === undefined ? undefined : String(got) },
      remedy:
        code === 'ChainspecSyntax' || code === 'ChainspecUnavailable'
          ? "Pass the text of casper-node's chainspec.toml (or use a preset: casperMainnet, casperTestnet, casper15)."
          : "Check the value against casper-node's chainspec.toml for the network.",
      cause,
    })
    this.code = code
    this.key = key
  }
}
