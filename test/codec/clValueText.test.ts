// clValueText: every arg's value shown in full, or nothing when the bytes are not one value of the type.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type ClType, parseClType } from '../../src/codec/clType.js'
import { checkClValue } from '../../src/codec/clValue.js'
import { clValueText } from '../../src/codec/clValueText.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { clValueArbitrary } from '../fuzz/clValueArbitrary.js'

const text = (type: ClType, hex: string) => clValueText(type, hexToBytes(hex))

describe('clValueText', () => {
  test('values as casper-node writes them (casper-types cl_value JSON "parsed"), nothing rounded', () => {
    // The sidecar's rpc schema example transfer: amount 30 CSPR, id Some(999).
    expect(text('U512', '0500ac23fc06')).toBe('30000000000')
    expect(text({ Option: 'U64' }, '01e703000000000000')).toBe('Some(999)')
    expect(text('URef', `${'0a'.repeat(32)}07`)).toBe(`uref-${'0a'.repeat(32)}-007`)
    expect(text('Key', `00${'11'.repeat(32)}`)).toBe(`account-hash-${'11'.repeat(32)}`)
    expect(text('PublicKey', `01${'d9'.repeat(32)}`)).toBe(`01${'d9'.repeat(32)}`)
    expect(text('U512', `40${'ff'.repeat(64)}`)).toBe(String((1n << 512n) - 1n))
    expect(text('I32', 'ffffffff')).toBe('-1')
    expect(text('String', '0200000068c3')).toBeUndefined() // not UTF-8
    expect(text('String', '03000000616263')).toBe('"abc"')
    expect(text({ List: 'U8' }, '020000000102')).toBe('[1, 2]')
    expect(text({ Map: { key: 'String', value: 'Bool' } }, '010000000100000061' + '01')).toBe('{"a": true}')
    expect(text({ Result: { ok: 'Unit', err: 'U8' } }, '0007')).toBe('Err(7)')
    expect(text({ Tuple2: ['U8', 'Bool'] }, '0500')).toBe('(5, false)')
    expect(text('Any', '00')).toBeUndefined()
  })

  test('bytes left over, too few, bad tags, and counts beyond the bytes: undefined, never a throw or a long loop', () => {
    expect(text('U8', '0102')).toBeUndefined()
    expect(text('U64', '01')).toBeUndefined()
    expect(text('Bool', '02')).toBeUndefined()
    expect(text({ Option: 'U8' }, '0201')).toBeUndefined()
    expect(text({ List: 'U64' }, 'ffffffff')).toBeUndefined()
    expect(text({ List: 'Unit' }, 'ffffffff')).toBeUndefined()
    expect(text('U512', `41${'00'.repeat(65)}`)).toBeUndefined()
  })

  test('every value the CLValue reader accepts is shown (except Any), whatever its type', () => {
    fc.assert(
      fc.property(clValueArbitrary, ({ clType, bytes }) => {
        const type = parseClType(clType, 'cl_type')
        const value = Uint8Array.from(bytes)
        checkClValue(type, value, 'value')
        const shown = clValueText(type, value)
        if (!JSON.stringify(clType).includes('"Any"')) expect(shown).toBeTypeOf('string')
      }),
    )
  })
})
