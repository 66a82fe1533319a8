// humantime texts as casper-node reads and writes them: TTLs ("30m", "1h 30m", "2days") and timestamps.
import { DeployError } from '../errors/DeployError.js'

const u64Max = (1n << 64n) - 1n

/**
 * humantime 2.1.0 `src/duration.rs` `parse_unit` (the version casper-node v1.5.8 pins): each unit
 * as [seconds, nanoseconds] per count. Matching is case-sensitive (`M` is months, `m` minutes).
 */
/** humantime's unit names, each group with its length in [seconds, nanoseconds]. */
const units = new Map(
  (
    [
      ['nanos nsec ns', 0n, 1n],
      ['usec us', 0n, 1_000n],
      ['millis msec ms', 0n, 1_000_000n],
      ['seconds second secs sec s', 1n, 0n],
      ['minutes minute min mins m', 60n, 0n],
      ['hours hour hr hrs h', 3_600n, 0n],
      ['days day d', 86_400n, 0n],
      ['weeks week w', 604_800n, 0n],
      ['months month M', 2_630_016n, 0n],
      ['years year y', 31_557_600n, 0n],
    ] as const
  ).flatMap(([names, seconds, nanos]) => names.split(' ').map((name) => [name, [seconds, nanos]] as const)),
)

/** Rust `char::is_whitespace` is the Unicode White_Space property. */
const whitespace = /^\p{White_Space}$/u
const isDigit = (c: string) => c >= '0' && c <= '9'
const isAsciiLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
const utf8Length = (c: string) => {
  const cp = c.codePointAt(0) ?? 0
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
}

/**
 * Milliseconds of a humantime duration, exactly as casper-node reads a TTL (casper-types
 * `TimeDiff::from_str`: `humantime::parse_duration(text)?.as_millis()`). The grammar is
 * humantime 2.1.0's: integer counts, each followed by a unit (`ns`, `us`, `ms`, `s`, `m`, `h`,
 * `d`, `w`, `M`, `y` and their long forms such as `hours`, `mins`, `days`, `months`), whitespace
 * allowed around and between parts (and, as humantime allows, between digits), sub-millisecond
 * parts truncated. Error texts are humantime's.
 *
 * @throws {DeployError} code `InvalidDuration` for text humantime refuses (with its reason), or a
 *   value above 2^53 - 1 ms (humantime's u64 overflow checks are applied first).
 * @example
 * ```ts
 * parseDuration('1h 30m') // 5_400_000
 * parseDuration('2 hours') // 7_200_000
 * parseDuration('1h30m') // 5_400_000
 * ```
 */
export function parseDuration(text: string): number {
  const chars = [...text]
  const offsets = [0]
  for (const c of chars) offsets.push(offsets.at(-1)! + utf8Length(c))
  const fail = (reason: string) =>
    new DeployError('Invalid duration', {
      code: 'InvalidDuration',
      details: { expected: 'a duration such as "30m", "1h 30m" or "2 hours"', got: text, reason },
    })
  const checked = (value: bigint) => {
    if (value > u64Max) throw fail('number is too large')
    return value
  }
  let i = 0
  let seconds = 0n
  let nanos = 0n

  // Parser::parse_first_char: skip whitespace, then a digit must follow.
  const firstDigit = (): bigint | undefined => {
    const at = offsets[i]
    while (i < chars.length) {
      const c = chars[i++]!
      if (isDigit(c)) return BigInt(c)
      if (!whitespace.test(c)) throw fail(`expected number at ${at}`)
    }
    return undefined
  }
  // Parser::parse_unit: checked u64 arithmetic, nanoseconds carried into seconds above 1e9.
  const addUnit = (n: bigint, start: number, end: number) => {
    const unit = chars.slice(start, end).join('')
    const factor = units.get(unit)
    if (factor === undefined) {
      throw fail(
        unit === ''
          ? `time unit needed, for example ${n}sec or ${n}ms`
          : `unknown time unit ${JSON.stringify(unit)}, supported units: ns, us, ms, sec, min, hours, days, weeks, months, years (and few variations)`,
      )
    }
    let sec = checked(n * factor[0])
    let nsec = checked(nanos + checked(n * factor[1]))
    if (nsec > 1_000_000_000n) {
      sec = checked(sec + nsec / 1_000_000_000n)
      nsec %= 1_000_000_000n
    }
    seconds = checked(seconds + sec)
    nanos = nsec
  }

  let n = firstDigit()
  if (n === undefined) throw fail('value was empty')
  outer: for (;;) {
    // The number: digits, with whitespace ignored, until the first ASCII letter.
    let at = i
    while (i < chars.length) {
      const c = chars[i++]!
      if (isDigit(c)) n = checked(n * 10n + BigInt(c))
      else if (isAsciiLetter(c)) break
      else if (!whitespace.test(c)) throw fail(`invalid character at ${offsets[at]}`)
      at = i
    }
    // The unit: ASCII letters, ended by whitespace, a digit (next part) or the end.
    const start = at
    at = i
    while (i < chars.length) {
      const c = chars[i++]!
      if (isDigit(c)) {
        addUnit(n, start, at)
        n = BigInt(c)
        continue outer
      }
      if (whitespace.test(c)) break
      if (!isAsciiLetter(c)) throw fail(`invalid character at ${offsets[at]}`)
      at = i
    }
    addUnit(n, start, at)
    n = firstDigit()
    if (n === undefined) break
  }
  // Duration::new carries a whole second left in nanos; as_millis truncates.
  const ms = checked(seconds + nanos / 1_000_000_000n) * 1000n + (nanos % 1_000_000_000n) / 1_000_000n
  if (ms > BigInt(Number.MAX_SAFE_INTEGER)) throw fail('number is too large')
  return Number(ms)
}

/**
 * The text casper-node writes for a number of milliseconds (casper-types `TimeDiff` Display:
 * humantime 2.1.0 `format_duration`): years, months (30.44 days), days (`1day`, `2days`), then
 * `h`, `m`, `s`, `ms`, separated by spaces; `0s` for zero.
 *
 * @throws {DeployError} code `InvalidDuration` for anything but a non-negative safe integer.
 * @example
 * ```ts
 * formatDuration(5_400_000) // '1h 30m'
 * formatDuration(172_800_000) // '2days'
 * ```
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new DeployError('Invalid duration', {
      code: 'InvalidDuration',
      details: { expected: 'a whole, non-negative number of milliseconds', got: String(ms) },
    })
  }
  if (ms === 0) return '0s'
  const secs = Math.floor(ms / 1000)
  const millis = ms % 1000
  const years = Math.floor(secs / 31_557_600)
  const ydays = secs % 31_557_600
  const months = Math.floor(ydays / 2_630_016)
  const mdays = ydays % 2_630_016
  const days = Math.floor(mdays / 86_400)
  const daySecs = mdays % 86_400
  const parts: string[] = []
  const plural = (name: string, value: number) => {
    if (value > 0) parts.push(`${value}${name}${value > 1 ? 's' : ''}`)
  }
  const item = (name: string, value: number) => {
    if (value > 0) parts.push(`${value}${name}`)
  }
  plural('year', years)
  plural('month', months)
  plural('day', days)
  item('h', Math.floor(daySecs / 3600))
  item('m', Math.floor((daySecs % 3600) / 60))
  item('s', daySecs % 60)
  item('ms', millis)
  return parts.join(' ')
}

/**
 * Milliseconds since the Unix epoch of a timestamp as casper-node reads it (casper-types
 * `Timestamp::from_str`: humantime 2.1.0 `parse_rfc3339_weak`, then `as_millis`): `YYYY-MM-DD`,
 * `T` or a space, `hh:mm:ss`, an optional fraction of any length, an optional `Z`; always UTC;
 * years 1970 to 9999; second 60 read as 59. casper-client writes `2024-01-01T00:00:00.000Z`.
 *
 * @throws {DeployError} code `InvalidTimestamp` with humantime's reason.
 * @example
 * ```ts
 * parseTimestamp('2024-01-01T00:00:00.000Z') // 1_704_067_200_000
 * parseTimestamp('2024-01-01 00:00:00') // 1_704_067_200_000
 * ```
 */
export function parseTimestamp(text: string): number {
  const fail = (reason: string) =>
    new DeployError('Invalid timestamp', {
      code: 'InvalidTimestamp',
      details: { expected: 'an RFC 3339 UTC time such as "2024-01-01T00:00:00.000Z"', got: text, reason },
    })
  const invalidFormat = 'timestamp format is invalid'
  const outOfRange = 'numeric component is out of range'
  const invalidDigit = 'bad character where digit is expected'
  // humantime slices bytes, so work on the UTF-8 bytes as it does.
  const b = new TextEncoder().encode(text)
  if (b.length < 19) throw fail(invalidFormat)
  const ch = (c: string) => c.charCodeAt(0)
  if (
    b[4] !== ch('-') ||
    b[7] !== ch('-') ||
    (b[10] !== ch('T') && b[10] !== ch(' ')) ||
    b[13] !== ch(':') ||
    b[16] !== ch(':')
  ) {
    throw fail(invalidFormat)
  }
  const digit = (i: number) => {
    const v = b[i]! - 48
    if (v < 0 || v > 9) throw fail(invalidDigit)
    return v
  }
  const two = (i: number) => {
    const high = b[i]! - 48
    const low = b[i + 1]! - 48
    if (high < 0 || high > 9 || low < 0 || low > 9) throw fail(invalidDigit)
    return high * 10 + low
  }
  const year = two(0) * 100 + two(2)
  const month = two(5)
  const day = two(8)
  const hour = two(11)
  const minute = two(14)
  let second = two(17)
  if (year < 1970 || hour > 23 || minute > 59 || second > 60) throw fail(outOfRange)
  if (second === 60) second = 59
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const monthStarts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  if (month < 1 || month > 12) throw fail(outOfRange)
  if (day === 0 || day > monthDays[month - 1]!) throw fail(outOfRange)
  const leapYears =
    Math.floor((year - 1 - 1968) / 4) -
    Math.floor((year - 1 - 1900) / 100) +
    Math.floor((year - 1 - 1600) / 400)
  const ydays = monthStarts[month - 1]! + day - 1 + (leap && month > 2 ? 1 : 0)
  const days = (year - 1970) * 365 + leapYears + ydays
  let nanos = 0
  let mult = 100_000_000
  if (b[19] === ch('.')) {
    for (let i = 20; i < b.length; i++) {
      if (b[i] === ch('Z')) {
        if (i === b.length - 1) break
        throw fail(invalidDigit)
      }
      nanos += mult * digit(i)
      mult = Math.floor(mult / 10)
    }
  } else if (b.length !== 19 && (b.length > 20 || b[19] !== ch('Z'))) {
    throw fail(invalidFormat)
  }
  const totalSeconds = second + minute * 60 + hour * 3600 + days * 86_400
  // Last second of year 9999 (64-bit targets).
  if (totalSeconds > 253_402_300_799) throw fail(outOfRange)
  return totalSeconds * 1000 + Math.floor(nanos / 1_000_000)
}
