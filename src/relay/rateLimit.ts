// Per-address token buckets: a burst is allowed, a flood is answered 429 with when to come back.

/** How many requests one address may make: `burst` at once, refilled at `perSecond`. */
export type RateLimitOptions = { burst: number; perSecond: number }

/** The default: 240 requests at once, then 20 a second (a page polling and many co-signers behind one NAT fit). */
export const defaultRateLimit: RateLimitOptions = { burst: 240, perSecond: 20 }

/** What {@link rateLimit} returns: `take(address)` spends one token, or says how long until there is one. */
export type RateLimiter = {
  take(address: string): { ok: true } | { ok: false; retryAfterSeconds: number }
}

/** Buckets kept at most; beyond this, full ones (idle addresses) are forgotten first. */
const maxBuckets = 10_000

/**
 * A token-bucket limiter keyed by client address, on an injectable clock (milliseconds).
 *
 * @example
 * ```ts
 * const limiter = rateLimit({ burst: 10, perSecond: 1 }, Date.now)
 * const verdict = limiter.take(request.socket.remoteAddress ?? '')
 * if (!verdict.ok) response.setHeader('retry-after', String(verdict.retryAfterSeconds))
 * ```
 */
export function rateLimit(options: RateLimitOptions, now: () => number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const refill = (bucket: { tokens: number; at: number }, t: number) => {
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((t - bucket.at) / 1000) * options.perSecond)
    bucket.at = t
  }
  return {
    take(address) {
      const t = now()
      let bucket = buckets.get(address)
      if (!bucket) {
        if (buckets.size >= maxBuckets) forget(buckets, t, refill, options.burst)
        bucket = { tokens: options.burst, at: t }
        buckets.set(address, bucket)
      } else refill(bucket, t)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return { ok: true }
      }
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / options.perSecond)),
      }
    },
  }
}

function forget(
  buckets: Map<string, { tokens: number; at: number }>,
  t: number,
  refill: (bucket: { tokens: number; at: number }, t: number) => void,
  burst: number,
): void {
  for (const [address, bucket] of buckets) {
    refill(bucket, t)
    if (bucket.tokens >= burst) buckets.delete(address)
  }
  // Still full of busy addresses: forget the oldest half rather than grow without bound.
  if (buckets.size >= maxBuckets) {
    let n = buckets.size / 2
    for (const address of buckets.keys()) {
      if (n-- <= 0) break
      buckets.delete(address)
    }
  }
}
