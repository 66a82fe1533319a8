// The relay a command talks to: --relay URL, or CASPER_MULTISIG_RELAY where the command needs one.
import { redactUrl } from '../text/redactUrl.js'
import { CliError } from './CliError.js'

/**
 * The `--relay` flag, as every command that can talk to a relay accepts it; `description` says
 * what the command does with it.
 */
export function relayOptions(description: string) {
  return { relay: { type: 'string', value: 'URL', description } } as const
}

/** A deploy or transaction hash given instead of a FILE: 64 hex digits. */
export const proposalHashPattern = /^[0-9a-fA-F]{64}$/

/**
 * The relay's address: `--relay`, else (when `fromEnvironment`: the command needs a relay, as
 * `propose` does, or was given a HASH) `CASPER_MULTISIG_RELAY`. The address returned is the full
 * one (credentials included, the requests need them); show it only through `redactUrl`.
 *
 * @throws {CliError} code `UsageError` when the address is not an http(s) URL.
 * @example
 * ```ts
 * relayAddress({ relay: 'https://relay.example' }, {}, false) // 'https://relay.example'
 * relayAddress({}, { CASPER_MULTISIG_RELAY: 'http://127.0.0.1:8080' }, true) // 'http://127.0.0.1:8080'
 * ```
 */
export function relayAddress(
  values: { relay?: string | undefined },
  env: Readonly<Record<string, string | undefined>> | undefined,
  fromEnvironment: boolean,
): string | undefined {
  const text = values.relay ?? (fromEnvironment ? env?.CASPER_MULTISIG_RELAY || undefined : undefined)
  if (text === undefined) return undefined
  let url: URL
  try {
    url = new URL(text)
  } catch {
    url = new URL('invalid:')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(values.relay === undefined ? 'Invalid CASPER_MULTISIG_RELAY' : 'Invalid --relay', {
      code: 'UsageError',
      details: { expected: 'http://HOST:PORT or https://HOST/PATH', got: redactUrl(text) },
    })
  }
  return text
}

/**
 * {@link relayAddress}, required (`CASPER_MULTISIG_RELAY` counts); `why` says what needs it.
 *
 * @throws {CliError} code `UsageError` naming the flag and the environment variable.
 */
export function requiredRelayAddress(
  values: { relay?: string | undefined },
  env: Readonly<Record<string, string | undefined>> | undefined,
  why: string,
): string {
  const url = relayAddress(values, env, true)
  if (url === undefined) {
    throw new CliError(`Missing --relay: ${why}`, {
      code: 'UsageError',
      details: { expected: '--relay URL (or CASPER_MULTISIG_RELAY)' },
    })
  }
  return url
}
