// A JSON reader for untrusted files: duplicate keys, deep nesting and inexact numbers are refused.
import { CosignError } from './CosignError.js'

/** A JSON value as {@link parseStrictJson} returns it: integers beyond 2^53 stay exact as bigint. */
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
  /** Deepest nesting of arrays and objects accepted. Default 64. */
  maxDepth?: number | undefined
}

/**
 * Parses JSON text (RFC 8259) strictly: a key repeated in one object, nesting deeper than
 * `maxDepth`, a lone surrogate escape, or trailing text is an error (`JSON.parse` keeps the last
 * duplicate silently, so two readers of one file could see two different deploys). Integers that
 * do not fit a double exactly come back as `bigint`; objects have no prototype, so a key named
 * `__proto__` is an ordinary key.
 *
 * @throws {CosignError} code `InvalidJson` with the offset and what was expected there.
 * @example
 * ```ts
 * parseStrictJson('{"a":1,"a":2}') // throws CosignError InvalidJson: duplicate key "a"
 * parseStrictJson('{"amount":18446744073709551615}') // { amount: 18446744073709551615n }
 * ```
 */
export function parseStrictJson(text: string, options: ParseStrictJsonOptions = {}): StrictJson {
  const maxDepth = options.maxDepth ?? 64
  let i = 0
  const fail = (expected: string): never => {
    const got = i >= text.length ? 'the end of the text' : JSON.stringify(text.slice(i, i + 12))
    throw new CosignError('Invalid JSON', {
      code: 'InvalidJson',
      details: { offset: i, expected, got },
      remedy: 'Use the file exactly as casper-client, casper-multisig or the wallet wrote it.',
    })
  }
  const space = () => {
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++
      else return
    }
  }
  const value = (depth: number): StrictJson => {
    space()
    const c = text[i]
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) fail(`nesting at most ${maxDepth} deep`)
      i++
      space()
      if (c === '[') {
        const items: StrictJson[] = []
        if (text[i] === ']') {
          i++
          return items
        }
        for (;;) {
          items.push(value(depth + 1))
          space()
          if (text[i] === ',') i++
          else if (text[i] === ']') {
            i++
            return items
          } else fail('"," or "]"')
        }
      }
      const object = Object.create(null) as Record<string, StrictJson>
      if (text[i] === '}') {
        i++
        return object
      }
      for (;;) {
        space()
        if (text[i] !== '"') fail('a key in double quotes')
        const at = i
        const key = string()
        if (Object.hasOwn(object, key)) {
          i = at
          fail(`no duplicate key (${JSON.stringify(key)} appears twice)`)
        }
        space()
        if (text[i] !== ':') fail('":"')
        i++
        object[key] = value(depth + 1)
        space()
        if (text[i] === ',') i++
        else if (text[i] === '}') {
          i++
          return object
        } else fail('"," or "}"')
      }
    }
    if (c === '"') return string()
    for (const [word, literal] of literals) {
      if (text.startsWith(word, i)) {
        i += word.length
        return literal
      }
    }
    return number()
  }
  const string = (): string => {
    i++
    let out = ''
    let start = i
    for (;;) {
      const c = text.charCodeAt(i)
      if (Number.isNaN(c)) fail('a closing double quote')
      if (c < 0x20) fail('no raw control character in a string (escape it)')
      if (c === 0x22) {
        out += text.slice(start, i++)
        break
      }
      if (c === 0x5c) {
        out += text.slice(start, i)
        const e = text[i + 1]
        const simple = e === undefined ? undefined : escapes[e]
        if (simple !== undefined) {
          out += simple
          i += 2
        } else if (e === 'u') {
          const unit = hex4(i + 2)
          i += 6
          if (unit >= 0xd800 && unit <= 0xdbff) {
            const low = text.startsWith('\\u', i) ? hex4(i + 2) : -1
            if (low < 0xdc00 || low > 0xdfff) fail('a low surrogate escape after a high surrogate')
            out += String.fromCharCode(unit, low)
            i += 6
          } else if (unit >= 0xdc00 && unit <= 0xdfff) {
            i -= 6
            fail('no lone low surrogate')
          } else out += String.fromCharCode(unit)
        } else fail('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX')
        start = i
        continue
      }
      i++
    }
    return out
  }
  const hex4 = (at: number): number => {
    const digits = text.slice(at, at + 4)
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) fail('four hex digits after \\u')
    return Number.parseInt(digits, 16)
  }
  const number = (): number | bigint => {
    const match = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400))
    if (!match) return fail('a JSON value')
    i += match[0].length
    if (match[1] === undefined && match[2] === undefined) {
      const n = Number(match[0])
      return Number.isSafeInteger(n) ? n : BigInt(match[0])
    }
    const n = Number(match[0])
    if (!Number.isFinite(n)) fail('a finite number')
    return n
  }
  const result = value(0)
  space()
  if (i !== text.length) fail('the end of the text after the JSON value')
  return result
}

const literals = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const

const escapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}
