import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { hasUnsafeText, safeJson, safeText } from '../../src/text/safeText.js'

// Anything a terminal, browser or bidi algorithm may interpret (Unicode general categories Cc, Cf,
// Zl, Zp, Cs, plus Unicode's invisible fillers and variation selectors) must not survive.
const interpretable = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u

describe('safeText', () => {
  test('printable text is unchanged', () => {
    expect(safeText('account-hash-0123 alice Ærøskøbing 東京 🙂 "quoted" <b>')).toBe(
      'account-hash-0123 alice Ærøskøbing 東京 🙂 "quoted" <b>',
    )
  })

  test('escapes, newlines, bidi and invisible characters become visible', () => {
    expect(safeText('a\u001b[2J\u001b[1;1Hb')).toBe('a\\u{1b}[2J\\u{1b}[1;1Hb')
    expect(safeText('line\nforged: ok\r')).toBe('line\\u{a}forged: ok\\u{d}')
    expect(safeText('key\u202e1234\u202c')).toBe('key\\u{202e}1234\\u{202c}')
    expect(safeText('\u2066x\u2069\u200b\ufeff\u00ad')).toBe('\\u{2066}x\\u{2069}\\u{200b}\\u{feff}\\u{ad}')
    expect(safeText('c1\u009b31m')).toBe('c1\\u{9b}31m')
    expect(safeText('lone \ud800 and \udc00')).toBe('lone \\u{d800} and \\u{dc00}')
    expect(safeText('tag \u{e0041}')).toBe('tag \\u{e0041}')
  })

  test('a backslash is doubled, so an escape in the text cannot pass for one we made', () => {
    expect(safeText('\\u{1b}')).toBe('\\\\u{1b}')
    expect(safeText('\u001b')).not.toBe(safeText('\\u{1b}'))
  })

  test('property: no interpretable character survives, and distinct texts stay distinct', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (a, b) => {
          expect(interpretable.test(safeText(a))).toBe(false)
          expect(hasUnsafeText(safeText(a))).toBe(false)
          if (a !== b) expect(safeText(a)).not.toBe(safeText(b))
        },
      ),
      { numRuns: 5000 },
    )
  })
})

describe('safeJson', () => {
  test('parses back to the same value and shows nothing interpretable', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 20 }), (value, text) => {
        const input = { value, text, [text]: 1 }
        const json = safeJson(input, 2)
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(input)))
        expect(interpretable.test(json.replace(/\n/g, ''))).toBe(false)
      }),
      { numRuns: 2000 },
    )
  })

  test('example', () => {
    expect(safeJson({ name: 'a\u202eb\u001b' })).toBe('{"name":"a\\u202eb\\u001b"}')
  })
})
