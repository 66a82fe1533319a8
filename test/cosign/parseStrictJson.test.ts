import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseStrictJson } from '../../src/cosign/parseStrictJson.js'

describe('parseStrictJson', () => {
  test('reads what JSON.parse reads, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value)
        const exact = JSON.stringify(parseStrictJson(text), (_, v) => (typeof v === 'bigint' ? Number(v) : v))
        expect(exact).toBe(JSON.stringify(JSON.parse(text)))
      }),
      { numRuns: 300 },
    )
  })

  test('a duplicate key is refused, naming it', () => {
    expect(() => parseStrictJson('{"hash":"00","hash":"11"}')).toThrowErrorMatchingInlineSnapshot(`
      [CosignError: Invalid JSON
        offset: 13
        expected: no duplicate key ("hash" appears twice)
        got: "\\\\"hash\\\\":\\\\"11\\\\"}"
      Remedy: Use the file exactly as casper-client, casper-multisig or the wallet wrote it.]
    `)
  })

  test('nesting beyond the limit, trailing text, lone surrogates and raw controls are refused', () => {
    expect(() => parseStrictJson(`${'['.repeat(65)}${']'.repeat(65)}`)).toThrow(/nesting at most 64 deep/)
    expect(() => parseStrictJson('{} {}')).toThrow(/the end of the text/)
    expect(() => parseStrictJson('"\\udc00"')).toThrow(/lone low surrogate/)
    expect(() => parseStrictJson('"\\ud800x"')).toThrow(/low surrogate escape/)
    expect(() => parseStrictJson('"a\nb"')).toThrow(/raw control character/)
  })

  test('integers beyond 2^53 stay exact; __proto__ is an ordinary key', () => {
    const value = parseStrictJson('{"amount":18446744073709551615,"__proto__":{"x":1}}') as Record<
      string,
      unknown
    >
    expect(value.amount).toBe(18446744073709551615n)
    expect(Object.getPrototypeOf(value)).toBe(null)
    expect(Object.keys(value)).toEqual(['amount', '__proto__'])
  })
})
