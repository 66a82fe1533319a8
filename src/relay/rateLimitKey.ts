// Whose budget a request spends: one per IPv4 address, one per IPv6 /64 (what one host is usually given).
import { isIPv6 } from 'node:net'

/**
 * The rate-limit key of a client address: an IPv4 address as it is (an IPv4-mapped IPv6 address
 * `::ffff:192.0.2.1` as its IPv4 address), an IPv6 address as its /64 prefix. A host is commonly
 * handed a whole /64 (RFC 4291 2.5.4, RFC 7421), so keying by the full IPv6 address would give one
 * client 2^64 budgets, and let it push everyone else's buckets out of the limiter's table.
 *
 * @example
 * ```ts
 * rateLimitKey('203.0.113.7') // '203.0.113.7'
 * rateLimitKey('::ffff:203.0.113.7') // '203.0.113.7'
 * rateLimitKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 * ```
 */
export function rateLimitKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (!isIPv6(address)) return address
  const [head = '', tail] = address.toLowerCase().split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  // A trailing embedded IPv4 (`::1.2.3.4`) fills two groups, both outside the first four.
  const rightGroups = right.reduce((n, group) => n + (group.includes('.') ? 2 : 1), 0)
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - rightGroups).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
