import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseStrictJson, StrictJsonError } from '../../src/encoding/parseStrictJson.js'

const refusal = (run: () => unknown): StrictJsonError => {
  try {
    run()
  } catch (error) {
    if (error instanceof StrictJsonError) return error
    throw error
  }
  throw new Error('not refused')
}

describe('parseStrictJson', () => {
  test('reads what JSON.parse reads, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value)
        const exact = JSON.stringify(parseStrictJson(text, { largeIntegers: 'bigint' }), (_, v) =>
          typeof v === 'bigint' ? Number(v) : v,
        )
        expect(exact).toBe(JSON.stringify(JSON.parse(text)))
      }),
      { numRuns: 300 },
    )
  })

  test('a duplicate key is refused with its path', () => {
    expect(() =>
      parseStrictJson('{"deploy":{"header":{"ttl":"1h","ttl":"2h"}}}'),
    ).toThrowErrorMatchingInlineSnapshot(`
      [StrictJsonError: Duplicate key in JSON
        path: $.deploy.header.ttl
        offset: 32
        key: ttl
        expected: each key once per object, as serde requires
      Remedy: Use the file exactly as casper-client, casper-multisig or the wallet wrote it.]
    `)
    expect(refusal(() => parseStrictJson('[{"a b":1,"a b":2}]')).details.path).toBe('$[0]["a b"]')
  })

  test('nesting beyond the limit, trailing text, lone surrogates, raw controls and infinities are refused', () => {
    expect(refusal(() => parseStrictJson(`${'['.repeat(129)}${']'.repeat(129)}`)).code).toBe('JsonTooDeep')
    expect(parseStrictJson(`${'['.repeat(128)}${']'.repeat(128)}`)).toBeInstanceOf(Array)
    expect(refusal(() => parseStrictJson('[[1]]', { maxDepth: 1 })).details).toMatchObject({ path: '$[0]' })
    for (const text of [
      '{} {}',
      '"\\udc00"',
      '"\\ud800x"',
      '"\\ud800\\u0041"',
      '"a\nb"',
      '1e400',
      '{"a":1,}',
      "{'a':1}",
    ])
      expect(refusal(() => parseStrictJson(text)).code, text).toBe('InvalidJson')
    expect(parseStrictJson('"\\ud83d\\ude00"')).toBe('😀')
  })

  test('integers beyond 2^53 - 1: refused by default, exact as bigint on request', () => {
    expect(refusal(() => parseStrictJson('{"amount":9007199254740993}')).details).toMatchObject({
      path: '$.amount',
      got: '9007199254740993',
    })
    expect(parseStrictJson('9007199254740991')).toBe(9007199254740991)
    expect(parseStrictJson('{"a":[18446744073709551615]}', { largeIntegers: 'bigint' })).toEqual({
      a: [18446744073709551615n],
    })
    expect(parseStrictJson('-9007199254740992', { largeIntegers: 'bigint' })).toBe(-9007199254740992n)
    expect(parseStrictJson('1.5e3', { largeIntegers: 'bigint' })).toBe(1500)
    expect(refusal(() => parseStrictJson('1'.repeat(401), { largeIntegers: 'bigint' })).code).toBe(
      'UnsafeJsonInteger',
    )
  })

  test('__proto__ is an ordinary key; objects have no prototype', () => {
    const value = parseStrictJson('{"amount":1,"__proto__":{"x":1}}') as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(null)
    expect(Object.keys(value)).toEqual(['amount', '__proto__'])
    expect(({} as Record<string, unknown>).x).toBe(undefined)
  })

  test('any text: a value or a StrictJsonError, never another error', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789-.eE \\u"tfnrlsa'.split('')) }),
        (text) => {
          try {
            parseStrictJson(text, { largeIntegers: 'bigint' })
          } catch (error) {
            expect(error).toBeInstanceOf(StrictJsonError)
          }
        },
      ),
      { numRuns: 500 },
    )
  })
})
