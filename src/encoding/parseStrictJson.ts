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
}

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
 * `largeIntegers: 'bigint'`. Objects have no prototype, so a key named `__proto__` is an ordinary
 * key. Runs in time linear in the text.
 *
 * @throws {StrictJsonError} code `DuplicateJsonKey`, `JsonTooDeep`, `UnsafeJsonInteger` or `InvalidJson`.
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
  let at = 0

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
  const readString = (path: string): string => {
    stringToken.lastIndex = at
    const match = stringToken.exec(text)
    if (!match) throw fail('InvalidJson', 'Invalid JSON: malformed string', path)
    const string = JSON.parse(match[0]) as string
    if (loneSurrogate.test(string))
      throw fail('InvalidJson', 'Invalid JSON: lone surrogate in a string', path)
    at = stringToken.lastIndex
    return string
  }
  const value = (path: string, depth: number): StrictJson => {
    skipSpace()
    const c = text[at]
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) throw fail('JsonTooDeep', 'JSON nested too deeply', path, { maxDepth })
      at++
      skipSpace()
      if (c === '[') {
        const items: StrictJson[] = []
        if (text[at] === ']') {
          at++
          return items
        }
        for (;;) {
          items.push(value(`${path}[${items.length}]`, depth + 1))
          skipSpace()
          if (text[at] === ',') at++
          else if (text[at] === ']') {
            at++
            return items
          } else throw fail('InvalidJson', 'Invalid JSON: expected , or ]', path)
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
        const key = readString(path)
        const keyPath = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
          ? `${path}.${key}`
          : `${path}[${JSON.stringify(key)}]`
        if (Object.hasOwn(object, key)) {
          at = keyAt
          throw fail('DuplicateJsonKey', 'Duplicate key in JSON', keyPath, {
            key,
            expected: 'each key once per object, as serde requires',
          })
        }
        skipSpace()
        if (text[at] !== ':') throw fail('InvalidJson', 'Invalid JSON: expected :', keyPath)
        at++
        object[key] = value(keyPath, depth + 1)
        skipSpace()
        if (text[at] === ',') at++
        else if (text[at] === '}') {
          at++
          return object
        } else throw fail('InvalidJson', 'Invalid JSON: expected , or }', path)
      }
    }
    if (c === '"') return readString(path)
    for (const [word, literal] of literals) {
      if (text.startsWith(word, at)) {
        at += word.length
        return literal
      }
    }
    numberToken.lastIndex = at
    const match = numberToken.exec(text)
    if (!match) throw fail('InvalidJson', 'Invalid JSON: unexpected character', path)
    const number = Number(match[0])
    if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(number)) {
      // 400 digits hold any U512 (155 digits) and keep BigInt's conversion cheap.
      if (!exactBigint || match[0].length > 400)
        throw fail('UnsafeJsonInteger', 'JSON integer too large to read exactly', path, {
          got: match[0].length > 40 ? `${match[0].slice(0, 40)}…` : match[0],
          expected: exactBigint
            ? 'an integer of at most 400 digits'
            : `an integer of magnitude at most ${Number.MAX_SAFE_INTEGER}`,
        })
      at = numberToken.lastIndex
      return BigInt(match[0])
    }
    if (!Number.isFinite(number))
      throw fail('InvalidJson', 'Invalid JSON: number out of range', path, {
        got: match[0].length > 40 ? `${match[0].slice(0, 40)}…` : match[0],
        expected: 'a finite number',
      })
    at = numberToken.lastIndex
    return number
  }

  const result = value('$', 0)
  skipSpace()
  if (at !== text.length) throw fail('InvalidJson', 'Invalid JSON: text after the value', '$')
  return result
}
