import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatCspr } from '../../src/text/formatCspr.js'

describe('formatCspr', () => {
  test('exact to the mote, trailing zeros trimmed', () => {
    expect(formatCspr(0n)).toBe('0')
    expect(formatCspr(1n)).toBe('0.000000001')
    expect(formatCspr(2_500_000_000n)).toBe('2.5')
    expect(formatCspr(999_999_000_000_000n)).toBe('999999')
    expect(formatCspr(-630_405_997n)).toBe('-0.630405997')
  })
  test('never rounds: the text reads back to the same motes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 512n - 1n }), (motes) => {
        const [whole, fraction = ''] = formatCspr(motes).split('.')
        expect(BigInt(whole!) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'))).toBe(motes)
      }),
    )
  })
})
