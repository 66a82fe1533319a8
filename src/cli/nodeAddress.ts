// The node's JSON-RPC endpoint from --node / --node-address / -n, or CASPER_NODE_ADDRESS.
import { CliError } from './CliError.js'

/**
 * The flags that name the node, as every command that talks to one accepts them; `description`
 * (of `--node`) must name `--node-address`.
 */
export function nodeOptions(description = 'the node (also --node-address; default: CASPER_NODE_ADDRESS)') {
  return {
    node: { type: 'string', short: 'n', value: 'URL', description },
    'node-address': { type: 'string', value: 'URL', aliasOf: 'node' },
  } as const
}

/**
 * The JSON-RPC endpoint: `--node` or `--node-address` (casper-client's name), else the
 * `CASPER_NODE_ADDRESS` environment variable. A base address (`http://host:7777`, no path) gets
 * `/rpc` appended as casper-client does (casper-client-rs `lib/json_rpc/call.rs` posts to
 * `<node-address>/rpc`); an address with a path is used as given (a sidecar behind a proxy).
 *
 * @throws {CliError} code `UsageError` when both flags are given, or the address is not an http(s) URL.
 * @example
 * ```ts
 * nodeAddress({ 'node-address': 'http://localhost:7777' }, {}) // 'http://localhost:7777/rpc'
 * ```
 */
export function nodeAddress(
  values: { node?: string | undefined; 'node-address'?: string | undefined },
  env: Readonly<Record<string, string | undefined>> | undefined,
): string | undefined {
  if (values.node !== undefined && values['node-address'] !== undefined) {
    throw new CliError('--node and --node-address name the same thing: give one', { code: 'UsageError' })
  }
  const given = values.node ?? values['node-address']
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
      details: { expected: 'http://HOST:PORT or http://HOST:PORT/rpc', got: text },
    })
  }
  if (url.pathname === '/' || url.pathname === '') return `${url.origin}/rpc${url.search}`
  return text
}

/** Whether the node address came from `CASPER_NODE_ADDRESS` rather than a flag. */
export function nodeFromEnvironment(
  values: { node?: string | undefined; 'node-address'?: string | undefined },
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
  values: { node?: string | undefined; 'node-address'?: string | undefined },
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
