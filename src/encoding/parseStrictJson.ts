// JSON read the way casper-client's serde reads a deploy: a repeated key is an error, not "last wins".
import { BaseError } from '../errors/BaseError.js'

/** Why a text is not strict JSON; `details.path` names where, `details.offset` the character. */
export class StrictJsonError extends BaseError {
  override name = 'StrictJsonError'
}

/** A JSON value as {@link parseStrictJson} returns it; `bigint` only with `largeIntegers: 'bigint'`. */
export type StrictJson =
  | null
  | boolean
  | number
  | bigint
  | string
  | StrictJson[]
  | { [key: string]: StrictJson }

/** Options of {@link parseStrictJson}. */
export type ParseStrictJsonOptions = {
  /**
   * Deepest nesting of arrays and objects accepted. Default 128, serde_json's own recursion limit,
   * so a file casper-client reads is read here too, and a 100,000-deep file is refused without
   * exhausting the stack.
   */
  maxDepth?: number | undefined
  /**
   * What an integer beyond 2^53 - 1 in magnitude becomes: `'refuse'` (default) throws
   * `UnsafeJsonInteger` rather than rounding it; `'bigint'` returns it exactly as a `bigint`.
   */
  largeIntegers?: 'refuse' | 'bigint' | undefined
  /**
   * Most values (objects, arrays, strings, numbers, literals) read; default no limit. A text with
   * more is refused (`TooManyJsonValues`) as soon as the limit is passed, so a file made of small
   * values costs no more to refuse than one of that many.
   */
  maxValues?: number | undefined
}

/**
 * The most JSON values read from one deploy or transaction file (`maxValues`). A file a node
 * accepts holds far fewer: its args are at most a few thousand bytes with their CLTypes (at most
 * 2 JSON values per CLType node, `maxClTypeNodes` per args list), with at most a few thousand
 * approvals (3 values each); the rest of a large file is its module bytes, one string. Reading
 * this many takes about a tenth of a second.
 */
export const maxFileJsonValues = 100_000

const literals = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const

// Runs of plain characters, then one escape, repeated: fast on long hex strings.
// biome-ignore lint/suspicious/noControlCharactersInRegex: RFC 8259 forbids raw controls in strings.
const stringToken = /"[^"\\\u0000-\u001f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\u0000-\u001f]*)*"/y
const numberToken = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Parses JSON text (RFC 8259) strictly: a key repeated in one object is refused with its path (serde
 * refuses a duplicate field, `JSON.parse` silently keeps the last while a person reading the file
 * sees the first); nesting deeper than `maxDepth` is refused; a lone surrogate, a number that is
 * not finite, or text after the value is refused; an integer that a JavaScript number cannot hold
 * exactly (beyond 2^53 - 1) is refused rather than rounded, or kept exact as a `bigint` with
 * `largeIntegers: 'bigint'`; more than `maxValues` values are refused. Objects have no prototype, so a key named `__proto__` is an ordinary
 * key. Runs in time linear in the text.
 *
 * @throws {StrictJsonError} code `DuplicateJsonKey`, `JsonTooDeep`, `UnsafeJsonInteger`,
 * `TooManyJsonValues` or `InvalidJson`.
 * @example
 * ```ts
 * parseStrictJson('{"a": 1}') // { a: 1 }
 * parseStrictJson('{"a": 1, "a": 2}') // throws DuplicateJsonKey at $.a
 * parseStrictJson('{"motes": 18446744073709551615}', { largeIntegers: 'bigint' }) // { motes: 18446744073709551615n }
 * ```
 */
export function parseStrictJson(text: string, options: ParseStrictJsonOptions = {}): StrictJson {
  const maxDepth = options.maxDepth ?? 128
  const exactBigint = options.largeIntegers === 'bigint'
  const maxValues = options.maxValues ?? Number.POSITIVE_INFINITY
  let values = 0
  let at = 0

  // The path of the value being read, kept as segments and written out only for an error, so
  // reading stays linear in the text however deep it nests.
  const trail: (string | number)[] = []
  const segment = (key: string | number) =>
    typeof key === 'number'
      ? `[${key}]`
      : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
        ? `.${key}`
        : `[${JSON.stringify(key)}]`
  const here = (key?: string) => `$${trail.map(segment).join('')}${key === undefined ? '' : segment(key)}`
  const fail = (code: string, short: string, path: string, details: Record<string, unknown> = {}) =>
    new StrictJsonError(short, {
      code,
      details: { path, offset: at, ...details },
      remedy: 'Use the file exactly as casper-client, casper-multisig or the wallet wrote it.',
    })
  const skipSpace = () => {
    while (at < text.length) {
      const c = text.charCodeAt(at)
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break
      at++
    }
  }
  const readString = (): string => {
    stringToken.lastIndex = at
    const match = stringToken.exec(text)
    if (!match) throw fail('InvalidJson', 'Invalid JSON: malformed string', here())
    const token = match[0]
    const string = token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1)
    if (loneSurrogate.test(string))
      throw fail('InvalidJson', 'Invalid JSON: lone surrogate in a string', here())
    at = stringToken.lastIndex
    return string
  }
  const value = (depth: number): StrictJson => {
    if (++values > maxValues)
      throw fail('TooManyJsonValues', 'Too many values in JSON', here(), {
        expected: `at most ${maxValues} values`,
      })
    skipSpace()
    const c = text[at]
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) throw fail('JsonTooDeep', 'JSON nested too deeply', here(), { maxDepth })
      at++
      skipSpace()
      if (c === '[') {
        const items: StrictJson[] = []
        if (text[at] === ']') {
          at++
          return items
        }
        for (;;) {
          trail.push(items.length)
          items.push(value(depth + 1))
          trail.pop()
          skipSpace()
          if (text[at] === ',') at++
          else if (text[at] === ']') {
            at++
            return items
          } else throw fail('InvalidJson', 'Invalid JSON: expected , or ]', here())
        }
      }
      const object = Object.create(null) as Record<string, StrictJson>
      if (text[at] === '}') {
        at++
        return object
      }
      for (;;) {
        skipSpace()
        const keyAt = at
        const key = readString()
        if (Object.hasOwn(object, key)) {
          at = keyAt
          throw fail('DuplicateJsonKey', 'Duplicate key in JSON', here(key), {
            key,
            expected: 'each key once per object, as serde requires',
          })
        }
        skipSpace()
        if (text[at] !== ':') throw fail('InvalidJson', 'Invalid JSON: expected :', here(key))
        at++
        trail.push(key)
        object[key] = value(depth + 1)
        trail.pop()
        skipSpace()
        if (text[at] === ',') at++
        else if (text[at] === '}') {
          at++
          return object
        } else throw fail('InvalidJson', 'Invalid JSON: expected , or }', here())
      }
    }
    if (c === '"') return readString()
    for (const [word, literal] of literals) {
      if (text.startsWith(word, at)) {
        at += word.length
        return literal
      }
    }
    numberToken.lastIndex = at
    const match = numberToken.exec(text)
    if (!match) throw fail('InvalidJson', 'Invalid JSON: unexpected character', here())
    const number = Number(match[0])
    if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(number)) {
      // 400 digits hold any U512 (155 digits) and keep BigInt's conversion cheap.
      if (!exactBigint || match[0].length > 400)
        throw fail('UnsafeJsonInteger', 'JSON integer too large to read exactly', here(), {
          got: match[0].length > 40 ? `${match[0].slice(0, 40)}…` : match[0],
          expected: exactBigint
            ? 'an integer of at most 400 digits'
            : `an integer of magnitude at most ${Number.MAX_SAFE_INTEGER}`,
        })
      at = numberToken.lastIndex
      return BigInt(match[0])
    }
    if (!Number.isFinite(number))
      throw fail('InvalidJson', 'Invalid JSON: number out of range', here(), {
        got: match[0].length > 40 ? `${match[0].slice(0, 40)}…` : match[0],
        expected: 'a finite number',
      })
    at = numberToken.lastIndex
    return number
  }

  const result = value(0)
  skipSpace()
  if (at !== text.length) throw fail('InvalidJson', 'Invalid JSON: text after the value', '$')
  return result
}
