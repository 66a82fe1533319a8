// humantime TTLs and timestamps: humantime 2.1.0's own test vectors (src/duration.rs, src/date.rs),
// its round-trip law, and the texts casper-node's chainspec and casper-client use.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildModuleBytesDeploy, checkedTtl } from '../../src/deploy/buildModuleBytesDeploy.js'
import { formatDuration, parseDuration, parseTimestamp } from '../../src/encoding/duration.js'

const second = 1000

describe('parseDuration', () => {
  test('every unit, as humantime test_units expects (seconds → ms)', () => {
    const cases: [string, number][] = [
      ['17nsec', 0],
      ['17nanos', 0],
      ['33ns', 0],
      ['3usec', 0],
      ['78us', 0],
      ['31msec', 31],
      ['31millis', 31],
      ['6ms', 6],
      ['3000s', 3000 * second],
      ['300sec', 300 * second],
      ['300secs', 300 * second],
      ['50seconds', 50 * second],
      ['1second', 1 * second],
      ['100m', 6000 * second],
      ['12min', 720 * second],
      ['12mins', 720 * second],
      ['1minute', 60 * second],
      ['7minutes', 420 * second],
      ['2h', 7200 * second],
      ['7hr', 25200 * second],
      ['7hrs', 25200 * second],
      ['1hour', 3600 * second],
      ['24hours', 86400 * second],
      ['1day', 86400 * second],
      ['2days', 172_800 * second],
      ['365d', 31_536_000 * second],
      ['1week', 604_800 * second],
      ['7weeks', 4_233_600 * second],
      ['52w', 31_449_600 * second],
      ['1month', 2_630_016 * second],
      ['3months', 3 * 2_630_016 * second],
      ['12M', 31_560_192 * second],
      ['1year', 31_557_600 * second],
      ['7years', 7 * 31_557_600 * second],
      ['17y', 536_479_200 * second],
    ]
    for (const [text, ms] of cases) expect([text, parseDuration(text)]).toEqual([text, ms])
  })

  test('combinations and whitespace, as humantime test_combo and the chainspec write them', () => {
    expect(parseDuration('20 min 17 nsec ')).toBe(1_200_000)
    expect(parseDuration('2h 15m')).toBe(8_100_000)
    expect(parseDuration('2h 37min')).toBe(9_420_000)
    // chainspec.toml `max_ttl = '2 hours'`, config.toml `timestamp_leeway = '2 seconds'`.
    expect(parseDuration('2 hours')).toBe(7_200_000)
    expect(parseDuration('2 seconds')).toBe(2_000)
    expect(parseDuration('90 minutes')).toBe(5_400_000)
    expect(parseDuration('1h30m')).toBe(5_400_000)
    expect(parseDuration('  1h\t30m\n')).toBe(5_400_000)
    // humantime skips whitespace inside the number too.
    expect(parseDuration('1 2h')).toBe(12 * 3_600_000)
    // Sub-millisecond parts are truncated (as_millis), after adding up.
    expect(parseDuration('999999ns')).toBe(0)
    expect(parseDuration('600us 600us')).toBe(1)
    expect(parseDuration('1s 999999999ns 1ns')).toBe(2_000)
  })

  test('refuses what humantime refuses, with its reason', () => {
    const reason = (text: string) => {
      try {
        parseDuration(text)
        return 'accepted'
      } catch (error) {
        const { code, details } = error as { code: string; details: { reason: string } }
        return `${code}: ${details.reason}`
      }
    }
    expect(
      [
        '',
        '   ',
        '1',
        'h',
        '1h-',
        '1.5h',
        '1 H',
        '1x',
        '1µs',
        '18446744073709551616s',
        '18446744073709551615h',
        '2 hours min',
      ].map((text) => [text, reason(text)]),
    ).toMatchInlineSnapshot(`
      [
        [
          "",
          "InvalidDuration: value was empty",
        ],
        [
          "   ",
          "InvalidDuration: value was empty",
        ],
        [
          "1",
          "InvalidDuration: time unit needed, for example 1sec or 1ms",
        ],
        [
          "h",
          "InvalidDuration: expected number at 0",
        ],
        [
          "1h-",
          "InvalidDuration: invalid character at 2",
        ],
        [
          "1.5h",
          "InvalidDuration: invalid character at 1",
        ],
        [
          "1 H",
          "InvalidDuration: unknown time unit "H", supported units: ns, us, ms, sec, min, hours, days, weeks, months, years (and few variations)",
        ],
        [
          "1x",
          "InvalidDuration: unknown time unit "x", supported units: ns, us, ms, sec, min, hours, days, weeks, months, years (and few variations)",
        ],
        [
          "1µs",
          "InvalidDuration: invalid character at 1",
        ],
        [
          "18446744073709551616s",
          "InvalidDuration: number is too large",
        ],
        [
          "18446744073709551615h",
          "InvalidDuration: number is too large",
        ],
        [
          "2 hours min",
          "InvalidDuration: expected number at 8",
        ],
      ]
    `)
  })

  test("a unit named like an object's own property is an unknown unit, not a crash (hostile TTL text)", () => {
    for (const text of ['1constructor', '2toString', '3hasOwnProperty', '1__proto__', '1valueOf'])
      expect(() => parseDuration(text), text).toThrow(expect.objectContaining({ code: 'InvalidDuration' }))
  })

  test('humantime test_overlow and test_nice_error_message', () => {
    for (const text of [
      '100000000000000000000ns',
      '100000000000000000us',
      '100000000000000ms',
      '100000000000000000000s',
      '10000000000000000000m',
      '1000000000000000000h',
      '100000000000000000d',
      '10000000000000000w',
      '1000000000000000M',
      '10000000000000y',
    ]) {
      expect(() => parseDuration(text), text).toThrow(/reason: number is too large/)
    }
    expect(() => parseDuration('123')).toThrow(/reason: time unit needed, for example 123sec or 123ms$/)
    expect(() => parseDuration('10 months 1')).toThrow(/reason: time unit needed, for example 1sec or 1ms$/)
    expect(() => parseDuration('10nights')).toThrow(
      'reason: unknown time unit "nights", supported units: ns, us, ms, sec, min, hours, days, weeks, months, years (and few variations)',
    )
  })

  test('the whole error', () => {
    expect(() => parseDuration('1 hour and a half')).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: Invalid duration
        expected: a duration such as "30m", "1h 30m" or "2 hours"
        got: 1 hour and a half
        reason: expected number at 7]
    `)
  })
})

describe('formatDuration', () => {
  test('writes what humantime format_duration writes', () => {
    expect(formatDuration(9_420_000)).toBe('2h 37m')
    expect(formatDuration(32)).toBe('32ms')
    expect(formatDuration(0)).toBe('0s')
    expect(formatDuration(2_000)).toBe('2s')
    expect(formatDuration(5_400_000)).toBe('1h 30m')
    expect(formatDuration(3_600_000 + 30 * 60_000 + 5_000 + 200)).toBe('1h 30m 5s 200ms')
    expect(formatDuration(86_400_000)).toBe('1day')
    expect(formatDuration(172_800_000)).toBe('2days')
    expect(formatDuration(90_000_000)).toBe('1day 1h')
    expect(formatDuration(2_630_016_000)).toBe('1month')
    expect(formatDuration(31_557_600_000)).toBe('1year')
    expect(formatDuration(2 * 31_557_600_000 + 2 * 2_630_016_000 + 1)).toBe('2years 2months 1ms')
  })

  test('parseDuration reads back every formatted value (humantime all_86400_seconds, random_any)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_370_764_800_000 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms)
      }),
      { numRuns: 2000 },
    )
  })

  test('refuses values that are not whole milliseconds', () => {
    expect(() => formatDuration(-1)).toThrow(/whole, non-negative/)
    expect(() => formatDuration(1.5)).toThrow(/whole, non-negative/)
  })
})

describe('checkedTtl', () => {
  test('reads the chainspec texts and refuses above 2 hours', () => {
    expect(checkedTtl('2 hours')).toBe(7_200_000)
    expect(checkedTtl('90 minutes')).toBe(5_400_000)
    expect(checkedTtl(undefined)).toBe(7_200_000)
    expect(() => checkedTtl('2h 1ms')).toThrow(/TTL out of range/)
    expect(() => checkedTtl(Number.NaN)).toThrow(/TTL out of range/)
  })
})

describe('parseTimestamp', () => {
  test('reads what parse_rfc3339_weak reads, in UTC, truncated to milliseconds', () => {
    const at = Date.UTC(2018, 1, 14, 0, 28, 7)
    expect(parseTimestamp('2018-02-14T00:28:07Z')).toBe(at)
    expect(parseTimestamp('2018-02-14T00:28:07')).toBe(at)
    expect(parseTimestamp('2018-02-14 00:28:07')).toBe(at)
    expect(parseTimestamp('2018-02-14 00:28:07.133Z')).toBe(at + 133)
    expect(parseTimestamp('2018-02-14T00:28:07.1339999999999Z')).toBe(at + 133)
    expect(parseTimestamp('2018-02-14T00:28:07.')).toBe(at)
    // A leap second reads as second 59.
    expect(parseTimestamp('2016-12-31T23:59:60Z')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59))
    expect(parseTimestamp('2024-02-29T12:00:00.000Z')).toBe(Date.UTC(2024, 1, 29, 12))
    expect(parseTimestamp('1970-01-01T00:00:00.000Z')).toBe(0)
    expect(parseTimestamp('9999-12-31T23:59:59.999Z')).toBe(253_402_300_799_999)
  })

  test('agrees with Date on casper-client timestamps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(parseTimestamp(new Date(ms).toISOString())).toBe(ms)
      }),
    )
  })

  test('refuses what humantime refuses, with its reason', () => {
    const reason = (text: string) => {
      try {
        return parseTimestamp(text)
      } catch (error) {
        return (error as { details: { reason: string } }).details.reason
      }
    }
    expect(
      [
        '2018-02-14T00:28:07+01:00',
        '2018-02-14t00:28:07Z',
        '2018-02-14T00:28',
        '1969-12-31T23:59:59Z',
        '2018-02-29T00:00:00Z',
        '2018-13-01T00:00:00Z',
        '2018-02-14T24:00:00Z',
        '2018-02-14T00:28:07.1x',
        '2018-02-14T00:28:07.1Z0',
        '2018-02-14T00:28:07ZZ',
        '2O18-02-14T00:28:07Z',
      ].map((text) => [text, reason(text)]),
    ).toMatchInlineSnapshot(`
      [
        [
          "2018-02-14T00:28:07+01:00",
          "timestamp format is invalid",
        ],
        [
          "2018-02-14t00:28:07Z",
          "timestamp format is invalid",
        ],
        [
          "2018-02-14T00:28",
          "timestamp format is invalid",
        ],
        [
          "1969-12-31T23:59:59Z",
          "numeric component is out of range",
        ],
        [
          "2018-02-29T00:00:00Z",
          "numeric component is out of range",
        ],
        [
          "2018-13-01T00:00:00Z",
          "numeric component is out of range",
        ],
        [
          "2018-02-14T24:00:00Z",
          "numeric component is out of range",
        ],
        [
          "2018-02-14T00:28:07.1x",
          "bad character where digit is expected",
        ],
        [
          "2018-02-14T00:28:07.1Z0",
          "bad character where digit is expected",
        ],
        [
          "2018-02-14T00:28:07ZZ",
          "timestamp format is invalid",
        ],
        [
          "2O18-02-14T00:28:07Z",
          "bad character where digit is expected",
        ],
      ]
    `)
  })
})

describe('buildModuleBytesDeploy timestamps', () => {
  const build = (timestamp: Date | number) => () =>
    buildModuleBytesDeploy({
      account: `01${'11'.repeat(32)}`,
      chainName: 'casper-test',
      timestamp,
      wasm: new Uint8Array([0]),
      args: [],
      payment: 2_500_000_000n,
    })

  test('an invalid date is a DeployError InvalidHeader, not a RangeError', () => {
    expect(build(new Date('x'))).toThrow(
      expect.objectContaining({ name: 'DeployError', code: 'InvalidHeader' }),
    )
    expect(build(new Date('x'))).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: Invalid timestamp
        expected: a valid date from 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z
        got: Invalid Date
      Remedy: Pass a Date or milliseconds since the Unix epoch, or leave it out for now.]
    `)
  })

  test('a time the node cannot read (before 1970, after 9999) is refused too', () => {
    expect(build(-1)).toThrow(/Invalid timestamp/)
    expect(build(253_402_300_800_000)).toThrow(/Invalid timestamp/)
    expect(build(253_402_300_799_999)).not.toThrow()
  })
})
