// Deploy TTLs as casper-node writes them: humantime durations such as "30m", "1h 30m", "2h", "1day".
import { DeployError } from './DeployError.js'

const units: Record<string, number> = {
  ms: 1,
  msec: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
}

/**
 * Milliseconds of a humantime duration (`TimeDiff` in casper-types).
 *
 * @example
 * ```ts
 * parseDuration('1h 30m') // 5_400_000
 * ```
 */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+)\s*([a-z]+)/g)]
  const consumed = parts.map((p) => p[0]).join('')
  if (parts.length === 0 || consumed.replace(/\s/g, '') !== text.replace(/\s/g, '')) {
    throw new DeployError('Invalid duration', {
      code: 'InvalidDuration',
      details: { expected: 'a duration such as "30m", "1h 30m" or "2h"', got: text },
    })
  }
  return parts.reduce((sum, [, n, unit]) => {
    const factor = units[unit!]
    if (factor === undefined) {
      throw new DeployError('Invalid duration unit', {
        code: 'InvalidDuration',
        details: { expected: `one of ${Object.keys(units).join(', ')}`, got: unit },
      })
    }
    return sum + Number(n) * factor
  }, 0)
}

/**
 * The humantime text casper-node writes for a number of milliseconds (largest units first).
 *
 * @example
 * ```ts
 * formatDuration(5_400_000) // '1h 30m'
 * ```
 */
export function formatDuration(ms: number): string {
  const parts: string[] = []
  let rest = ms
  for (const [unit, size] of [
    ['day', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size)
    if (n > 0) parts.push(unit === 'day' && n > 1 ? `${n}days` : `${n}${unit}`)
    rest -= n * size
  }
  return parts.join(' ') || '0s'
}
