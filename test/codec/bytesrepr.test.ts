import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import * as P from 'micro-packed'
import { describe, expect, test } from 'vitest'
import { calltable, list, publicKey, string, u32 } from '../../src/codec/bytesrepr.js'
import { type ClType, clTypeCoder, clTypeText, parseClType } from '../../src/codec/clType.js'
import { argClType } from '../../src/codec/clValue.js'
import { transactionPayload } from '../../src/codec/layouts.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { sdk } from '../../src/deploy/sdk.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import type { BaseError } from '../../src/errors/BaseError.js'

const clType: fc.Arbitrary<ClType> = fc.letrec<{ t: ClType }>((tie) => ({
  t: fc.oneof(
    { maxDepth: 4 },
    fc.constantFrom<ClType>(
      'Bool',
      'I32',
      'I64',
      'U8',
      'U32',
      'U64',
      'U128',
      'U256',
      'U512',
      'Unit',
      'String',
      'Key',
      'URef',
      'Any',
      'PublicKey',
    ),
    fc.nat().map((n) => ({ ByteArray: n }) as ClType),
    tie('t').map((t) => ({ Option: t }) as ClType),
    tie('t').map((t) => ({ List: t }) as ClType),
    fc.tuple(tie('t'), tie('t')).map(([ok, err]) => ({ Result: { ok, err } }) as ClType),
    fc.tuple(tie('t'), tie('t')).map(([key, value]) => ({ Map: { key, value } }) as ClType),
    tie('t').map((t) => ({ Tuple1: [t] }) as ClType),
    fc.tuple(tie('t'), tie('t')).map((t) => ({ Tuple2: t }) as ClType),
    fc.tuple(tie('t'), tie('t'), tie('t')).map((t) => ({ Tuple3: t }) as ClType),
  ),
})).t

describe('bytesrepr coders', () => {
  test('every CLType: JSON → bytes → JSON round-trips, and the bytes are casper-js-sdk’s', () => {
    fc.assert(
      fc.property(clType, (type) => {
        expect(parseClType(JSON.parse(JSON.stringify(type)), 'cl_type')).toEqual(type)
        const bytes = clTypeCoder.encode(type)
        expect(clTypeCoder.decode(bytes)).toEqual(type)
        expect(bytesToHex(sdk.CLTypeParser.fromRawJson(type).toBytes())).toBe(bytesToHex(bytes))
      }),
      { numRuns: 500 },
    )
  })

  test('unknown CLTypes and types nested deeper than casper-types allows are refused', () => {
    expect(() => parseClType('U9', 'args[0][1].cl_type')).toThrowErrorMatchingInlineSnapshot(`
      [CosignError: Unknown CLType
        field: args[0][1].cl_type
        expected: one of the CLTypes casper-types defines
        got: "U9"
      Remedy: Use the file exactly as casper-client or casper-multisig wrote it.]
    `)
    let deep: unknown = 'U8'
    for (let i = 0; i < 51; i++) deep = { List: deep }
    expect(() => parseClType(deep, 'x')).toThrow(/nested more than 50 deep/)
    expect(() => parseClType({ Result: { ok: 'U8' } }, 'x')).toThrow(/Unknown CLType/)
    expect(() => parseClType({ ByteArray: -1 }, 'x')).toThrow(/Unknown CLType/)
  })

  test('the depth limit is casper-types’: 50 levels read, 51 refused, by both entries alike', () => {
    // casper-types `cl_type.rs` `depth_limited_from_bytes`: the outer type at depth 0, depth 50 refused.
    const nested = (n: number): unknown => (n === 0 ? 'U8' : { List: nested(n - 1) })
    expect(clTypeText(parseClType(nested(49), 'x'))).toBe(`${'List<'.repeat(49)}U8${'>'.repeat(49)}`)
    expect(() => parseClType(nested(50), 'x')).toThrow(/nested more than 50 deep/)
    expect(() => argClType(nested(50), 'x')).toThrow(expect.objectContaining({ code: 'InvalidClType' }))
  })

  test('the co-signer and the main entry refuse a CLType with the same field and rule', () => {
    const refused: unknown[] = [
      'U9',
      null,
      { List: 'U8', Option: 'U8' },
      { Foo: 'U8' },
      { List: { ByteArray: 2 ** 32 } },
      { Option: { Result: { ok: 'U8' } } },
      { Map: { key: 'U8', value: 'U8', extra: 'U8' } },
      { Tuple2: ['U8'] },
    ]
    const details = (read: () => unknown) => {
      try {
        read()
      } catch (error) {
        const { field, expected } = (error as BaseError).details
        return { code: (error as BaseError).code, field, expected }
      }
      throw new Error('accepted')
    }
    for (const json of refused) {
      const cosign = details(() => parseClType(json, 'cl_type'))
      const main = details(() => argClType(json, 'cl_type'))
      expect([cosign.code, main.code]).toEqual(['UnknownClType', 'InvalidClType'])
      expect(main).toEqual({ ...cosign, code: 'InvalidClType' })
    }
    expect(details(() => parseClType({ List: { ByteArray: -1 } }, 'cl_type'))).toEqual({
      code: 'UnknownClType',
      field: 'cl_type.List.ByteArray',
      expected: 'a ByteArray length from 0 to 4294967295 (u32)',
    })
  })

  test('a list count beyond the bytes left is refused before any item is read', () => {
    const bytes = hexToBytes('ffffffff00')
    expect(() => list(P.U8, 1).decode(bytes)).toThrow(
      /count 4294967295 exceeds what the 1 bytes left can hold/,
    )
    expect(() => list(P.bytes(0), 0).decode(hexToBytes('00000001'))).toThrow(/count 16777216 exceeds/)
    expect(list(P.U8, 1).decode(hexToBytes('020000000102'))).toEqual([1, 2])
  })

  test('calltable: indexes, offsets and the payload length are checked', () => {
    const record = calltable([u32, string] as const)
    const bytes = record.encode([7, 'hi'])
    expect(bytesToHex(bytes)).toBe(
      '02000000000000000000010004000000' + '0a000000' + '07000000' + '020000006869',
    )
    expect(record.decode(bytes)).toEqual([7, 'hi'])
    const outOfOrder = bytes.slice()
    outOfOrder[10] = 5
    expect(() => record.decode(outOfOrder)).toThrow(/out of order/)
    const tooLong = bytes.slice()
    tooLong[16] = 0xff
    expect(() => record.decode(tooLong)).toThrow(/payload of 255 bytes/)
  })

  test('a public key is its tag then the raw key', () => {
    const key = `02${'03'.repeat(33)}`
    expect(bytesToHex(publicKey.encode(key))).toBe(key)
    expect(publicKey.decode(publicKey.encode(key))).toBe(key)
    expect(() => publicKey.decode(hexToBytes('03'))).toThrow()
  })

  test('a TransactionV1 payload decodes from its bytes to the model it was encoded from', () => {
    const file = parseCosignFile(
      readFileSync(
        new URL('../vectors/SYNTHETIC_transaction_v1_session_2approvals.json', import.meta.url),
        'utf8',
      ),
    )
    if (file.kind !== 'transaction') throw new Error('expected a transaction')
    const bytes = transactionPayload.encode(file.payload)
    expect(transactionPayload.decode(bytes)).toEqual(file.payload)
    expect(() => transactionPayload.decode(bytes.subarray(0, bytes.length - 1))).toThrow()
  })
})

describe('casper-js-sdk 5.0.12 defects the cosign codec does not share', () => {
  test('a calltable String’s length is in UTF-16 code units there, UTF-8 bytes in casper-types', () => {
    // casper-types `bytesrepr::String::to_bytes`: u32 byte length, then the UTF-8 bytes.
    expect(bytesToHex(sdk.CLValue.newCLString('é').bytes())).toBe('01000000c3a9')
    expect(bytesToHex(string.encode('é'))).toBe('02000000c3a9')
  })
})
