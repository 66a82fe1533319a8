// `casper-multisig relay`: runs the proposal relay (HTTP) over SQLite, with an optional node, until a signal.
import { resolve } from 'node:path'
import { BaseError } from '../../errors/BaseError.js'
import { postgresStore } from '../../relay/postgresStore.js'
import type { RelayStore } from '../../relay/RelayStore.js'
import { sqliteStore } from '../../relay/sqliteStore.js'
import { type Notifier, startNotifier } from '../../relay/startNotifier.js'
import { type Relay, startRelay } from '../../relay/startRelay.js'
import { redactUrl } from '../../text/redactUrl.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import type { CliIo } from '../CliIo.js'
import { type Command, exitCodes } from '../Command.js'
import { cliMessage } from '../cliRemedy.js'
import { commandUsage } from '../commandUsage.js'
import { nodeAddress } from '../nodeAddress.js'
import { parseCommandArgs } from '../parseCommandArgs.js'
import { reportError } from '../runCommand.js'

/** The port a relay listens on unless told otherwise. */
export const defaultRelayPort = 7780

const options = {
  port: {
    type: 'string',
    value: 'N',
    description: `TCP port (default ${defaultRelayPort}; 0 picks a free one)`,
  },
  host: {
    type: 'string',
    value: 'ADDRESS',
    description: 'the address to listen on (default 127.0.0.1; put a TLS proxy in front)',
  },
  data: {
    type: 'string',
    value: 'DIR',
    description: 'where the SQLite database relay.sqlite is kept (default ./relay-data)',
  },
  database: {
    type: 'string',
    value: 'URL',
    description: 'postgres://… for a PostgreSQL database shared by several relays',
  },
  node: {
    type: 'string',
    short: 'n',
    value: 'URL',
    description: 'the node: accounts, progress and submission (http://HOST:7777; /rpc is added)',
  },
  token: {
    type: 'string',
    value: 'TOKEN',
    description:
      'operator token for listing by account and webhooks (default:\nCASPER_MULTISIG_RELAY_TOKEN; none: open to all)',
  },
  'auto-submit': {
    type: 'boolean',
    description: 'submit a proposal as soon as its approvals reach the threshold (needs --node)',
  },
  'local-webhooks': {
    type: 'boolean',
    description:
      'accept webhooks to loopback and private addresses (a notifier on this machine or\nnetwork); without it anyone who can register a webhook could make the relay\ncall them',
  },
} as const

const usage = commandUsage({
  synopsis: `Usage: casper-multisig relay [--port N] [--host ADDRESS] [--data DIR | --database URL]
                             [--node URL] [--token TOKEN] [--auto-submit] [--local-webhooks]`,
  summary: `Runs a proposal relay: co-signers post a deploy or TransactionV1 file and their approvals over
HTTP (POST /proposals, POST /proposals/HASH/approvals) and read the merged file, its description and
verdict (GET /proposals/HASH). Every hash and approval is verified before it is stored, and a new
proposal needs at least one valid approval (with --node: by a key of the account). With --node it
shows each proposal's signature progress and submits it (POST /proposals/HASH/submit, or at once
with --auto-submit), following it to its result. Prints its URL, then runs until SIGINT or SIGTERM
(exit 0). The relay holds no secret: clients re-verify everything it returns.`,
  options,
  exitCodes:
    'Exit codes: 0 stopped by a signal, 1 failed to start (the port is in use, the database cannot be opened), 2 usage error.',
})

/** A relay started by the command: stopping it closes the server, then the store. */
export type RunningRelay = { url: string; stop(): Promise<void> }

/** What `relay` returns: the exit code, and the running relay once it started. */
export type RelayCommandReturnType = { code: number; relay?: RunningRelay }

/**
 * `casper-multisig relay`: its usage and flags as every command's; `run` is {@link runRelay}, which
 * returns the running relay too.
 */
export const relayCommand: Command<RelayCommandReturnType> = {
  name: 'relay',
  usage,
  options,
  run: runRelay,
}

/**
 * Starts the relay and prints where it listens; returns the running relay with exit code 0, or the
 * exit code of the failure, printed as every command prints it.
 *
 * @example
 * ```ts
 * const { code, relay } = await runRelay(['--port', '0', '--data', dir], processIo)
 * await relay?.stop()
 * ```
 */
export async function runRelay(args: readonly string[], io: CliIo): Promise<RelayCommandReturnType> {
  let store: RelayStore | undefined
  let notifier: Notifier | undefined
  try {
    const { values } = parseCommandArgs(args, options)
    const port = values.port === undefined ? defaultRelayPort : portNumber(values.port)
    const node = values.node === undefined ? undefined : nodeAddress({ node: values.node }, undefined)
    if (values['auto-submit'] && node === undefined) {
      throw new CliError('--auto-submit needs --node', {
        code: 'UsageError',
        details: { expected: '--node URL with --auto-submit' },
      })
    }
    const token = values.token ?? (io.env?.CASPER_MULTISIG_RELAY_TOKEN || undefined)
    const where = await openStore(values)
    store = where.store
    const localWebhooks = values['local-webhooks'] === true
    notifier = startNotifier({
      store,
      localWebhooks,
      onError: (error) => io.err(safeText(error instanceof BaseError ? cliMessage(error) : String(error))),
    })
    const relay: Relay = await startRelay({
      store,
      events: notifier.events,
      port,
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(node === undefined ? {} : { node }),
      ...(token === undefined ? {} : { token }),
      autoSubmit: values['auto-submit'] === true,
      localWebhooks,
      log: (line) => io.err(safeText(line)),
    })
    const opened = store
    const notifying = notifier
    io.out(
      `casper-multisig relay (store: ${where.text}; node: ${node === undefined ? 'none' : redactUrl(node)}; listing and webhooks: ${token === undefined ? 'open' : 'operator token'}${values['auto-submit'] ? '; auto-submit' : ''})`,
    )
    io.out(relay.url)
    return {
      code: exitCodes.ok,
      relay: {
        url: relay.url,
        async stop() {
          await relay.close()
          await notifying.close()
          await opened.close()
        },
      },
    }
  } catch (error) {
    await notifier?.close()
    await store?.close()
    return { code: reportError(error, io, relayCommand) }
  }
}

/** `--data DIR` (SQLite) or `--database URL`. */
async function openStore(values: {
  data?: string | undefined
  database?: string | undefined
}): Promise<{ store: RelayStore; text: string }> {
  if (values.database !== undefined) {
    if (values.data !== undefined) {
      throw new CliError('--data and --database name two stores: give one', { code: 'UsageError' })
    }
    if (/^postgres(ql)?:\/\//i.test(values.database)) {
      return { store: await postgresStore(values.database), text: `postgres ${redactUrl(values.database)}` }
    }
    throw new CliError('Invalid --database', {
      code: 'UsageError',
      details: { expected: 'postgres://USER:PASSWORD@HOST:PORT/DATABASE', got: redactUrl(values.database) },
      remedy: 'For SQLite give --data DIR instead.',
    })
  }
  const directory = resolve(values.data ?? 'relay-data')
  return { store: await sqliteStore(directory), text: `sqlite ${directory}` }
}

function portNumber(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new CliError('Invalid --port', {
      code: 'UsageError',
      details: { expected: 'an integer from 0 to 65535', got: text },
    })
  }
  return Number(text)
}
