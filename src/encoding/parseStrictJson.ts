// JSON read the way casper-client's serde reads a deploy: a repeated key is an error, not "last wins".
import { BaseError } from '../errors/BaseError.js'

/** Why a text is not strict JSON; `details.path` names where. */
export class StrictJsonError extends BaseError {
  override name = 'StrictJsonError'
}

/** Options of {@link parseStrictJson}. */
export type ParseStrictJsonOptions = {
  /**
   * Deepest nesting of arrays and objects accepted. Default 128, serde_json's own recursion limit,
   * so a file casper-client reads is read here too, and a 100,000-deep file is refused without
   * exhausting the stack.
   */
  maxDepth?: number | undefined
}

/**
 * Parses JSON text strictly: a key repeated in one object is refused with its path (serde refuses
 * a duplicate field, `JSON.parse` silently keeps the last while a person reading the file sees the
 * first); nesting deeper than `maxDepth` is refused; an integer that a JavaScript number cannot hold
 * exactly (beyond 2^53 - 1) is refused rather than rounded; anything not RFC 8259 JSON is refused
 * with its offset. Runs in time linear in the text.
 *
 * @throws {StrictJsonError} code `DuplicateJsonKey`, `JsonTooDeep`, `UnsafeJsonInteger` or `InvalidJson`.
 * @example
 * ```ts
 * parseStrictJson('{"a": 1}') // { a: 1 }
 * parseStrictJson('{"a": 1, "a": 2}') // throws DuplicateJsonKey at $.a
 * ```
 */
const literals = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const

export function parseStrictJson(text: string, options: ParseStrictJsonOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? 128
  let at = 0

  const fail = (code: string, short: string, path: string, details: Record<string, unknown> = {}) =>
    new StrictJsonError(short, {
      code,
      details: { path, offset: at, ...details },
      remedy: 'Use the file exactly as casper-client or casper-multisig wrote it.',
    })
  const skipSpace = () => {
    while (at < text.length) {
      const c = text.charCodeAt(at)
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break
      at++
    }
  }
  // Runs of plain characters, then one escape, repeated: fast on long hex strings.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: RFC 8259 forbids raw controls in strings.
  const stringToken = /"[^"\\\u0000-\u001f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\u0000-\u001f]*)*"/y
  const numberToken = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y
  const readString = (path: string): string => {
    stringToken.lastIndex = at
    const match = stringToken.exec(text)
    if (!match) throw fail('InvalidJson', 'Invalid JSON: malformed string', path)
    at = stringToken.lastIndex
    return JSON.parse(match[0]) as string
  }
  const value = (path: string, depth: number): unknown => {
    skipSpace()
    const c = text[at]
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) throw fail('JsonTooDeep', 'JSON nested too deeply', path, { maxDepth: maxDepth })
      at++
      skipSpace()
      if (c === '[') {
        const items: unknown[] = []
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
      const object: Record<string, unknown> = {}
      if (text[at] === '}') {
        at++
        return object
      }
      for (;;) {
        skipSpace()
        const key = readString(path)
        const keyPath = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
          ? `${path}.${key}`
          : `${path}[${JSON.stringify(key)}]`
        if (Object.hasOwn(object, key))
          throw fail('DuplicateJsonKey', 'Duplicate key in JSON', keyPath, {
            key,
            expected: 'each key once per object, as serde requires',
          })
        skipSpace()
        if (text[at] !== ':') throw fail('InvalidJson', 'Invalid JSON: expected :', keyPath)
        at++
        // defineProperty: a key named __proto__ is data, never the prototype.
        Object.defineProperty(object, key, {
          value: value(keyPath, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        })
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
    at = numberToken.lastIndex
    const number = Number(match[0])
    if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(number))
      throw fail('UnsafeJsonInteger', 'JSON integer too large to read exactly', path, {
        got: match[0].length > 40 ? `${match[0].slice(0, 40)}…` : match[0],
        expected: `an integer of magnitude at most ${Number.MAX_SAFE_INTEGER}`,
      })
    return number
  }

  const result = value('$', 0)
  skipSpace()
  if (at !== text.length) throw fail('InvalidJson', 'Invalid JSON: text after the value', '$')
  return result
}
