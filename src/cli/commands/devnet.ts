// `casper-multisig devnet`: starts the loopback devnet, logs what it accepts, refuses and executes, until a signal.
import { accountHashFromPublicKey } from '../../account/accountHash.js'
import { DevnetError } from '../../devnet/DevnetError.js'
import type { DevnetAccountParameters, DevnetEvent, StartDevnetOptions } from '../../devnet/startDevnet.js'
import { type Devnet, startDevnet } from '../../devnet/startDevnet.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import type { CliIo } from '../CliIo.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { readText } from '../files.js'
import { parseCommandArgs } from '../parseCommandArgs.js'
import { reportError } from '../runCommand.js'

const options = {
  port: { type: 'string', value: 'N', description: 'TCP port (default: a free one)' },
  state: {
    type: 'string',
    value: 'FILE',
    description: 'load the state from FILE and save it there after every change',
  },
  chainspec: {
    type: 'string',
    value: 'FILE',
    description: 'run a casper-node chainspec.toml (default: mainnet 2.2.0 rules)',
  },
  protocol: {
    type: 'string',
    value: '1.5|2.0',
    description: 'shorthand for the 1.5.8 or mainnet 2.x presets',
  },
  'block-interval': { type: 'string', value: 'MS', description: 'milliseconds between blocks (default 500)' },
  'chain-name': { type: 'string', value: 'NAME', description: 'default casper-devnet' },
  account: {
    type: 'string',
    multiple: true,
    value: 'KEY[=MOTES]',
    description:
      'an account to create (repeatable): a public key hex (01…, 02…), with a\nbalance in motes (default 1000000 CSPR); KEY:MOTES is accepted too',
  },
  quiet: { type: 'boolean', short: 'q', description: 'print only the URL' },
} as const

const usage = commandUsage({
  synopsis: `Usage: casper-multisig devnet [--port N] [--state FILE] [--chainspec FILE | --protocol 1.5|2.0]
                              [--block-interval MS] [--chain-name NAME]
                              [--account PUBLIC_KEY[=MOTES]]... [--quiet]`,
  summary: `Starts a loopback devnet (default: mainnet 2.2.0 rules, chain casper-devnet) serving a Casper
node's JSON-RPC on http://127.0.0.1:PORT/rpc (only /rpc, like a node), prints its URL and the
accounts with their balances, then one line for each deploy or transaction it accepts or refuses
and each block it makes, until SIGINT or SIGTERM (then it saves the state and exits 0). Add or fund
accounts later with casper-multisig fund.`,
  options,
  exitCodes: 'Exit codes: 0 stopped by a signal, 1 failed to start (e.g. the port is in use), 2 usage error.',
})

/** What `devnet` returns: the exit code, and the running devnet once it started. */
export type DevnetCommandReturnType = { code: number; devnet?: Devnet }

/**
 * `casper-multisig devnet`: its usage and flags as every command's; `run` is {@link runDevnet},
 * which returns the running devnet too.
 */
export const devnetCommand: Command<DevnetCommandReturnType> = {
  name: 'devnet',
  usage,
  options,
  run: runDevnet,
}

/**
 * Reads `devnet` arguments into {@link StartDevnetOptions}.
 *
 * @throws {CliError} code `UsageError` naming the argument, `FileError` for an unreadable chainspec.
 * @example
 * ```ts
 * parseDevnetArgs(['--port', '7777', '--account', '01d9bf…900c=5000000000'])
 * // { port: 7777, accounts: [{ publicKey: '01d9bf…900c', balance: 5000000000n }] }
 * ```
 */
export function parseDevnetArgs(args: readonly string[]): StartDevnetOptions {
  return startOptions(parseCommandArgs(args, options).values)
}

function startOptions(
  values: ReturnType<typeof parseCommandArgs<typeof options>>['values'],
): StartDevnetOptions {
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined
    if (!/^\d+$/.test(text)) throw invalid(name, 'a non-negative integer', text)
    return Number(text)
  }
  const protocol = values.protocol
  if (protocol !== undefined && protocol !== '1.5' && protocol !== '2.0')
    throw invalid('--protocol', '1.5 or 2.0', protocol)
  const accounts: DevnetAccountParameters[] = (values.account ?? []).map((text) => {
    const [publicKey = '', balance] = text.split(/[=:]/)
    if (!/^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/.test(publicKey)) {
      throw invalid('--account', 'PUBLIC_KEY[=MOTES] with a tagged public key hex', text)
    }
    if (balance !== undefined && !/^\d+$/.test(balance))
      throw invalid('--account', 'a balance in motes', text)
    return { publicKey, ...(balance === undefined ? {} : { balance: BigInt(balance) }) }
  })
  let chainspec: string | undefined
  if (values.chainspec !== undefined) {
    if (protocol !== undefined) throw invalid('--protocol', 'no --protocol with --chainspec', protocol)
    chainspec = readText(values.chainspec, 'chainspec file')
  }
  return {
    ...(values.port === undefined ? {} : { port: number('--port', values.port) }),
    ...(chainspec === undefined ? {} : { chainspec }),
    ...(values.state === undefined ? {} : { stateFile: values.state }),
    ...(protocol === undefined ? {} : { protocol }),
    ...(values['block-interval'] === undefined
      ? {}
      : { blockIntervalMs: number('--block-interval', values['block-interval']) }),
    ...(values['chain-name'] === undefined ? {} : { chainName: values['chain-name'] }),
    ...(accounts.length > 0 ? { accounts } : {}),
  }
}

function invalid(argument: string, expected: string, got: string): CliError {
  return new CliError(`Invalid ${argument}`, { code: 'UsageError', details: { expected, got } })
}

/**
 * One log line per devnet event at `at` (default now; its UTC time of day is printed), every text
 * from a client rendered with `safeText`.
 */
export function devnetEventLine(event: DevnetEvent, at: Date = new Date()): string {
  const time = at.toISOString().slice(11, 23)
  switch (event.type) {
    case 'accepted':
      return `${time} accepted ${event.method === 'account_put_deploy' ? 'deploy' : 'transaction'} ${safeText(event.hash)}`
    case 'refused':
      return `${time} refused ${safeText(event.method)}: ${event.code} ${safeText(event.message)}${
        event.data === undefined
          ? ''
          : `: ${safeText(typeof event.data === 'string' ? event.data : JSON.stringify(event.data))}`
      }`
    case 'block':
      return [
        `${time} block ${event.height} ${event.hash}: ${event.items.length} item${event.items.length === 1 ? '' : 's'}`,
        ...event.items.map(
          (item) =>
            `  ${item.hash} ${item.errorMessage === null ? 'success' : `failure: ${safeText(item.errorMessage)}`} (charged ${item.charged} motes)`,
        ),
      ].join('\n')
    case 'funded':
      return `${time} ${event.created ? 'created' : 'funded'} ${event.accountHash} (${event.publicKey}): +${event.amount} motes, balance ${event.balance}`
  }
}

/**
 * Starts the devnet and prints its URL and accounts; returns the running devnet with exit code 0,
 * or the exit code of the failure, printed as every command prints it (2 for a usage error; 1 for
 * a port in use, an unreadable chainspec or state). `clock`, for a caller that runs the command in
 * its own process, is the devnet's clock ({@link StartDevnetOptions.now}) and the log's time.
 */
export async function runDevnet(
  args: readonly string[],
  io: CliIo,
  clock?: () => number,
): Promise<DevnetCommandReturnType> {
  let devnet: Devnet
  let quiet = false
  try {
    const { values } = parseCommandArgs(args, options)
    quiet = Boolean(values.quiet)
    devnet = await startDevnet({
      ...startOptions(values),
      ...(clock === undefined ? {} : { now: clock }),
      ...(quiet
        ? {}
        : { onEvent: (event) => io.out(devnetEventLine(event, new Date(clock?.() ?? Date.now()))) }),
      onError: (error) => io.err(`devnet: ${error.message.split('\n').map(safeText).join('\n')}`),
    })
  } catch (error) {
    if (error instanceof DevnetError && isListenError(error)) {
      io.err(listenFailure(error))
      return { code: exitCodes.failed }
    }
    return { code: reportError(error, io, devnetCommand) }
  }
  if (quiet) {
    io.out(devnet.url)
    return { code: exitCodes.ok, devnet }
  }
  io.out(
    `casper-multisig devnet (Casper ${safeText(devnet.chainspec.protocolVersion)} rules, ${devnet.protocol === '1.5' ? 'casper-node 1.5.8' : 'sidecar 2.x'} JSON-RPC) on ${safeText(devnet.chainName)}`,
  )
  io.out(devnet.url)
  const accounts = Object.values(devnet.state.accounts)
  io.out(accounts.length === 0 ? 'Accounts: none (add them with casper-multisig fund)' : 'Accounts:')
  for (const entry of accounts) {
    io.out(
      `  account-hash-${accountHashFromPublicKey(entry.publicKey)} (${entry.publicKey}) balance ${entry.balance} motes`,
    )
  }
  return { code: exitCodes.ok, devnet }
}

/** A listen failure (`Cannot listen`) is not a usage error: the port is taken or not allowed. */
function isListenError(error: DevnetError): boolean {
  return error.shortMessage === 'Cannot listen'
}

/** The listen failure, with the system's reason (EADDRINUSE, EACCES) and what to do about it. */
function listenFailure(error: DevnetError): string {
  const code = (error.cause as { code?: unknown } | undefined)?.code
  const { port } = error.details as { port?: unknown }
  const reason =
    code === 'EADDRINUSE'
      ? `EADDRINUSE: port ${port} is already in use`
      : code === 'EACCES'
        ? `EACCES: not allowed to listen on port ${port}`
        : String(code ?? (error.cause instanceof Error ? error.cause.message : 'unknown'))
  return [
    `Cannot start the devnet on 127.0.0.1:${port}`,
    `  reason: ${reason}`,
    `Remedy: ${code === 'EADDRINUSE' ? 'Stop what uses the port, or choose another with --port N (--port 0 picks a free one).' : 'Choose another port with --port N (above 1023).'}`,
  ].join('\n')
}
