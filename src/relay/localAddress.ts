// Which hosts are the relay's own machine or its private network: webhook targets a relay open to the
// network must not call, and listening addresses that keep a relay to its own machine.
import { BlockList, isIP } from 'node:net'

/** Loopback (RFC 1122 3.2.1.3, RFC 4291 2.5.3). */
const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

/**
 * Private, shared and link-local ranges (RFC 1918, RFC 6598, RFC 3927, RFC 4193, RFC 4291 2.5.6),
 * and the unspecified "this host" addresses (RFC 1122 3.2.1.3, RFC 4291 2.5.2): connecting to
 * 0.0.0.0 reaches this machine, listening on it reaches every interface. An IPv4-mapped IPv6
 * address (`::ffff:10.0.0.1`) is checked as its IPv4 address.
 */
const internal = new BlockList()
internal.addSubnet('0.0.0.0', 8, 'ipv4')
internal.addAddress('::', 'ipv6')
internal.addSubnet('10.0.0.0', 8, 'ipv4')
internal.addSubnet('172.16.0.0', 12, 'ipv4')
internal.addSubnet('192.168.0.0', 16, 'ipv4')
internal.addSubnet('169.254.0.0', 16, 'ipv4')
internal.addSubnet('100.64.0.0', 10, 'ipv4')
internal.addSubnet('fc00::', 7, 'ipv6')
internal.addSubnet('fe80::', 10, 'ipv6')

/**
 * What a host names, as a URL's `hostname` or a listening address gives it (`[::1]` or `::1`):
 * `loopback` for the machine itself (`localhost` and `*.localhost`, 127.0.0.0/8, `::1`), `private`
 * for a literal address in a private or link-local range (10/8, 172.16/12, 192.168/16, 169.254/16,
 * 100.64/10, fc00::/7, fe80::/10) or unspecified (0.0.0.0/8, `::`), `public` for anything else. A name other
 * than localhost is `public`: what it resolves to is not looked up.
 *
 * @example
 * ```ts
 * localAddress('127.0.0.1') // 'loopback'
 * localAddress('[fd00::1]') // 'private'
 * localAddress('hooks.example.com') // 'public'
 * ```
 */
export function localAddress(host: string): 'loopback' | 'private' | 'public' {
  const bare = host
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase()
  if (bare === 'localhost' || bare.endsWith('.localhost')) return 'loopback'
  const family = isIP(bare)
  if (family === 0) return 'public'
  const type = family === 4 ? 'ipv4' : 'ipv6'
  if (loopback.check(bare, type)) return 'loopback'
  return internal.check(bare, type) ? 'private' : 'public'
}
