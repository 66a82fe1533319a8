// The co-signer's JSON reader: the library's strict parser, integers exact, errors as CosignError.
import {
  maxFileJsonValues,
  parseStrictJson,
  type StrictJson,
  StrictJsonError,
} from '../encoding/parseStrictJson.js'
import { CosignError } from '../errors/CosignError.js'

/**
 * Parses JSON text with {@link parseStrictJson} for the co-signer: a key repeated in one object,
 * nesting deeper than 64, more than `maxFileJsonValues` values, a lone surrogate, or trailing text is an error (`JSON.parse` keeps the
 * last duplicate silently, so two readers of one file could see two different deploys); integers
 * that do not fit a double exactly come back as `bigint`; objects have no prototype.
 *
 * @throws {CosignError} code `InvalidJson`, with `details.path` (the key's path, as `$.header.ttl`),
 * `details.offset` and `details.reason` (`DuplicateJsonKey`, `JsonTooDeep`, `UnsafeJsonInteger`,
 * `TooManyJsonValues` or `InvalidJson`).
 * @example
 * ```ts
 * parseCosignJson('{"a":1,"a":2}') // throws CosignError InvalidJson at $.a
 * parseCosignJson('{"amount":18446744073709551615}') // { amount: 18446744073709551615n }
 * ```
 */
export function parseCosignJson(text: string): StrictJson {
  try {
    return parseStrictJson(text, { maxDepth: 64, largeIntegers: 'bigint', maxValues: maxFileJsonValues })
  } catch (cause) {
    if (!(cause instanceof StrictJsonError)) throw cause
    const { path, offset, ...rest } = cause.details
    throw new CosignError(cause.shortMessage, {
      code: 'InvalidJson',
      details: { path, offset, reason: cause.code, ...rest },
      remedy: cause.remedy,
      cause,
    })
  }
}
