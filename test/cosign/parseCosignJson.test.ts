import { describe, expect, test } from 'vitest'
import { parseCosignJson } from '../../src/cosign/parseCosignJson.js'

describe('parseCosignJson', () => {
  test('a refusal is a CosignError InvalidJson with the path and the reason', () => {
    expect(() => parseCosignJson('{"hash":"00","hash":"11"}')).toThrowErrorMatchingInlineSnapshot(`
      [CosignError: Duplicate key in JSON
        path: $.hash
        offset: 13
        reason: DuplicateJsonKey
        key: hash
        expected: each key once per object, as serde requires
      Remedy: Use the file exactly as casper-client, casper-multisig or the wallet wrote it.]
    `)
    expect(() => parseCosignJson(`${'['.repeat(65)}${']'.repeat(65)}`)).toThrow(/reason: JsonTooDeep/)
    expect(() => parseCosignJson('"\\udc00"')).toThrow(/lone surrogate/)
  })

  test('integers beyond 2^53 stay exact', () => {
    expect(parseCosignJson('{"amount":18446744073709551615}')).toEqual({ amount: 18446744073709551615n })
  })
})
