// The node's JSON-RPC endpoint from --node / --node-address / -n, or CASPER_NODE_ADDRESS.
import { redactUrl } from '../text/redactUrl.js'
import { CliError } from './CliError.js'

/**
 * The flags that name the node, as every command that talks to one accepts them; `description`
 * (of `--node`) must name `--node-address`.
 */
export function nodeOptions(description = 'the node (also --node-address; default: CASPER_NODE_ADDRESS)') {
  return {
    node: { type: 'string', short: 'n', multiple: true, value: 'URL', description },
    'node-address': { type: 'string', multiple: true, value: 'URL', aliasOf: 'node' },
  } as const
}

/** The `--node` / `--node-address` values as parsed: repeatable flags. */
export type NodeValues = {
  node?: string | readonly string[] | undefined
  'node-address'?: string | readonly string[] | undefined
}

/**
 * Every JSON-RPC endpoint given: one or two `--node` (two must agree on the account and the
 * chainspec), else `CASPER_NODE_ADDRESS`; each as {@link nodeAddress} reads it. Empty when none.
 *
 * @throws {CliError} code `UsageError` for both flags, more than two nodes, one node given twice,
 *   or an address that is not an http(s) URL.
 * @example
 * ```ts
 * nodeAddresses({ node: ['http://a:7777', 'http://b:7777'] }, {}) // ['http://a:7777/rpc', 'http://b:7777/rpc']
 * ```
 */
export function nodeAddresses(
  values: NodeValues,
  env: Readonly<Record<string, string | undefined>> | undefined,
): string[] {
  const list = (v: string | readonly string[] | undefined) =>
    v === undefined ? [] : typeof v === 'string' ? [v] : [...v]
  const nodes = list(values.node)
  const named = list(values['node-address'])
  if (nodes.length > 0 && named.length > 0) {
    throw new CliError('--node and --node-address name the same thing: give one', { code: 'UsageError' })
  }
  const given = nodes.length > 0 ? nodes : named
  if (given.length > 2) {
    throw new CliError('At most two --node', {
      code: 'UsageError',
      details: { expected: 'one node, or two that must agree', got: `${given.length} nodes` },
    })
  }
  if (given.length === 0) {
    const url = nodeAddress({}, env)
    return url === undefined ? [] : [url]
  }
  const urls = given.map((node) => nodeAddress({ node }, undefined) as string)
  if (urls.length === 2 && urls[0] === urls[1]) {
    throw new CliError('The two --node are the same node', {
      code: 'UsageError',
      details: { expected: 'two different nodes, which must agree', got: redactUrl(urls[0]!) },
    })
  }
  return urls
}

/**
 * {@link nodeAddresses}, at least one.
 *
 * @throws {CliError} code `UsageError` naming the flags and the environment variable.
 */
export function requiredNodeAddresses(
  values: NodeValues,
  env: Readonly<Record<string, string | undefined>> | undefined,
): string[] {
  const urls = nodeAddresses(values, env)
  if (urls.length === 0) requiredNodeAddress({}, env)
  return urls
}

/**
 * The JSON-RPC endpoint: `--node` or `--node-address` (casper-client's name), else the
 * `CASPER_NODE_ADDRESS` environment variable. A base address (`http://host:7777`, no path) gets
 * `/rpc` appended as casper-client does (casper-client-rs `lib/json_rpc/call.rs` posts to
 * `<node-address>/rpc`); an address with a path is used as given (a sidecar behind a proxy).
 * The address returned is the full one, credentials included (the request needs them); show it
 * only through `redactUrl`.
 *
 * @throws {CliError} code `UsageError` when both flags are given, or the address is not an http(s) URL.
 * @example
 * ```ts
 * nodeAddress({ 'node-address': 'http://localhost:7777' }, {}) // 'http://localhost:7777/rpc'
 * ```
 */
export function nodeAddress(
  values: NodeValues,
  env: Readonly<Record<string, string | undefined>> | undefined,
): string | undefined {
  const one = (v: string | readonly string[] | undefined) => {
    if (typeof v === 'string' || v === undefined) return v
    if (v.length > 1) {
      throw new CliError('This command reads one node: give one --node', {
        code: 'UsageError',
        details: { got: `${v.length} nodes` },
      })
    }
    return v[0]
  }
  const [node, named] = [one(values.node), one(values['node-address'])]
  if (node !== undefined && named !== undefined) {
    throw new CliError('--node and --node-address name the same thing: give one', { code: 'UsageError' })
  }
  const given = node ?? named
  const text = given ?? (env?.CASPER_NODE_ADDRESS || undefined)
  if (text === undefined) return undefined
  let url: URL
  try {
    url = new URL(text)
  } catch {
    url = new URL('invalid:')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(given === undefined ? 'Invalid CASPER_NODE_ADDRESS' : 'Invalid --node', {
      code: 'UsageError',
      // Redacted as every shown address is: a mistyped address may still hold a password or token.
      details: { expected: 'http://HOST:PORT or http://HOST:PORT/rpc', got: redactUrl(text) },
    })
  }
  if (url.pathname === '/' || url.pathname === '') return `${url.origin}/rpc${url.search}`
  return text
}

/** Whether the node address came from `CASPER_NODE_ADDRESS` rather than a flag. */
export function nodeFromEnvironment(
  values: {
    node?: string | readonly string[] | undefined
    'node-address'?: string | readonly string[] | undefined
  },
  env: Readonly<Record<string, string | undefined>> | undefined,
): boolean {
  return (
    values.node === undefined && values['node-address'] === undefined && Boolean(env?.CASPER_NODE_ADDRESS)
  )
}

/**
 * {@link nodeAddress}, required.
 *
 * @throws {CliError} code `UsageError` naming the flags and the environment variable.
 */
export function requiredNodeAddress(
  values: NodeValues,
  env: Readonly<Record<string, string | undefined>> | undefined,
): string {
  const url = nodeAddress(values, env)
  if (url === undefined) {
    throw new CliError('Missing --node', {
      code: 'UsageError',
      details: { expected: '--node URL (or --node-address URL, -n URL, or CASPER_NODE_ADDRESS)' },
    })
  }
  return url
}
