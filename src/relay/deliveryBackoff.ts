// When a webhook delivery that failed is tried again: exponential back-off, capped.

/** The default retry schedule of webhook deliveries: 1 s, 2 s, 4 s … at most 10 min apart, 12 attempts. */
export const deliveryRetry = { firstDelayMs: 1_000, maxDelayMs: 10 * 60_000, maxAttempts: 12 } as const

/**
 * How long to wait after failed attempt number `attempt` (1 for the first) before the next one:
 * `firstDelayMs` doubled for each earlier failure, never more than `maxDelayMs`.
 *
 * @example
 * ```ts
 * deliveryBackoff(1) // 1_000
 * deliveryBackoff(4) // 8_000
 * deliveryBackoff(11) // 600_000 (the cap)
 * ```
 */
export function deliveryBackoff(
  attempt: number,
  schedule: { firstDelayMs: number; maxDelayMs: number } = deliveryRetry,
): number {
  const doublings = Math.max(0, Math.floor(attempt) - 1)
  // 2 ** 1024 is Infinity, which Math.min caps as well.
  return Math.min(schedule.firstDelayMs * 2 ** doublings, schedule.maxDelayMs)
}
