// A node address as it may be shown: without the password, API key or token it may carry.
//
// Hosted Casper nodes take an API key in the address (`https://user:key@node.example/rpc`,
// `…/rpc?apikey=…`). An address is printed in errors, logs and `--json`, which end up in bug
// reports and CI logs: every place that shows one shows it through this function.

/** What stands in for a removed secret. */
const hidden = '***'

/**
 * The URL with its secrets replaced by `***`: the userinfo (`user:password@`, or a lone token
 * before `@`), every query value (the names stay, so `?apikey=***` still says what was given) and
 * the fragment. Scheme, host, port and path stay: they say which node was asked. Text that is not
 * a URL is redacted the same way by pattern, so a malformed address never leaks either.
 *
 * @example
 * ```ts
 * redactUrl('http://alice:s3cret@127.0.0.1:7777/rpc?token=abc#k') // 'http://***@127.0.0.1:7777/rpc?token=***#***'
 * redactUrl('http://localhost:7777/rpc')                          // 'http://localhost:7777/rpc'
 * ```
 */
export function redactUrl(url: string): string {
  // Only a scheme at the start counts: a '://' later is in the path or the query.
  const authorityStart = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0].length ?? 0
  const queryStart = url.slice(authorityStart).search(/[?#]/)
  const end = queryStart === -1 ? url.length : authorityStart + queryStart
  // Everything up to the last '@' before the query is hidden: the userinfo, and whatever a lenient
  // parser could take for one (a '\\' ends the authority for WHATWG but not for every client).
  const at = url.lastIndexOf('@', end - 1)
  const address =
    at >= authorityStart
      ? `${url.slice(0, authorityStart)}${hidden}@${url.slice(at + 1, end)}`
      : url.slice(0, end)
  const rest = url.slice(end)
  const hash = rest.indexOf('#')
  const query = hash === -1 ? rest : rest.slice(0, hash)
  const parameters = query
    .slice(1)
    .split(/([&;])/)
    .map((part) => (part === '&' || part === ';' || part === '' ? part : redactParameter(part)))
    .join('')
  return `${address}${query === '' ? '' : `?${parameters}`}${hash === -1 ? '' : `#${hidden}`}`
}

/**
 * Every URL inside a text (an error message of the runtime, a node's answer) put through
 * {@link redactUrl}.
 *
 * @example
 * ```ts
 * redactUrls('fetch failed: http://a:b@host/rpc') // 'fetch failed: http://***@host/rpc'
 * ```
 */
export function redactUrls(text: string): string {
  // A URL runs to the next white space: stopping at a quote or a bracket would leave a query or a
  // fragment after it (`'` and `)` are valid in a path) unredacted.
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, (url) => redactUrl(url))
}

function redactParameter(part: string): string {
  const equals = part.indexOf('=')
  // A value without a name (`?abc`) is all value.
  return equals === -1 ? hidden : `${part.slice(0, equals)}=${hidden}`
}
