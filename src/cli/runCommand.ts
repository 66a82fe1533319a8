// Runs one subcommand: `--help`, then the command, with every error printed and mapped to an exit code.
import { BaseError } from '../errors/BaseError.js'
import { redactUrls } from '../text/redactUrl.js'
import { safeJson, safeText } from '../text/safeText.js'
import { CliError } from './CliError.js'
import type { CliIo } from './CliIo.js'
import { type Command, exitCodes } from './Command.js'
import { cliMessage, cliRemedy } from './cliRemedy.js'

/** True when `--help` / `-h` comes before any `--` terminator. */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--')
  const flags = end === -1 ? args : args.slice(0, end)
  return flags.includes('--help') || flags.includes('-h')
}

/** True when `--json` comes before any `--` terminator: a failure is then JSON on stdout too. */
function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf('--')
  return (end === -1 ? args : args.slice(0, end)).includes('--json')
}

/**
 * Runs `command` with `args` and returns its exit code. Typed errors (`BaseError`: the library's
 * and `CliError`) are printed as their message, which lists the values involved, with a remedy in
 * the command line's words; usage errors are followed by the command's usage and exit 2, everything
 * else exits 1. With `--json`, a failure also prints `{ "error": { code, message, remedy, details } }`
 * on stdout (see {@link errorJson}), so a script reading stdout always gets one JSON document.
 *
 * @example
 * ```ts
 * const code = await runCommand(accountCommand, ['--node', url, '--account', key], io)
 * ```
 */
export async function runCommand(command: Command, args: readonly string[], io: CliIo): Promise<number> {
  if (wantsHelp(args)) {
    io.out(command.usage)
    return exitCodes.ok
  }
  // A command that printed its JSON result before failing (wait on a failed execution prints the
  // execution, then the error) has given stdout its one document already.
  let printed = false
  const watched: CliIo = {
    ...io,
    out: (line) => {
      printed = true
      io.out(line)
    },
  }
  try {
    return await command.run(args, watched)
  } catch (error) {
    if (wantsJson(args) && !printed) io.out(safeJson({ error: errorJson(error) }, 2))
    return reportError(error, io, command)
  }
}

/**
 * A failure as `--json` prints it: the error's stable `code` (`UsageError`, `FileError`,
 * `SignRefused`, `JsonRpcError`…; `Error` for an error without one), its message without the
 * remedy, the remedy in the command line's words, and the values involved.
 *
 * @example
 * ```ts
 * errorJson(new CliError('Missing --node', { code: 'UsageError' })) // { code: 'UsageError', message: 'Missing --node' }
 * ```
 */
export function errorJson(error: unknown): {
  code: string
  message: string
  remedy?: string
  details?: Record<string, unknown>
} {
  if (error instanceof BaseError) {
    const remedy = cliRemedy(error)
    const details = Object.entries(error.details).filter(([, value]) => value !== undefined)
    return {
      code: error.code,
      message: error.shortMessage,
      ...(remedy ? { remedy } : {}),
      ...(details.length > 0
        ? { details: Object.fromEntries(details.map(([k, v]) => [k, typeof v === 'bigint' ? String(v) : v])) }
        : {}),
    }
  }
  if (error instanceof Error) return { code: 'Error', message: `${error.name}: ${error.message}` }
  return { code: 'Error', message: String(error) }
}

/**
 * Prints an error the way every command does and returns its exit code: a usage error is followed
 * by the command's synopsis (the first paragraph of its usage) and a pointer to `--help`. Every line
 * is rendered with `safeText`: messages carry file names and node texts; and every URL in it with
 * `redactUrls`, the last guard for a node address's password or token (the typed errors redact
 * their own). Any other thrown value is a bug: one line `Internal error [INTERNAL]: …` (the value
 * made safe, never a stack trace) and a remedy, exit 1.
 */
export function reportError(error: unknown, io: CliIo, command?: Pick<Command, 'name' | 'usage'>): number {
  try {
    return report(error, io, command)
  } catch {
    // A value whose very inspection throws (a hostile Proxy): still one line, still no trace.
    io.err(
      `Internal error [INTERNAL]: a value that cannot be inspected was thrown\nRemedy: ${internalRemedy}`,
    )
    return exitCodes.failed
  }
}

const internalRemedy =
  'This is a bug in casper-multisig, not in your files: please report it with the command you ran (leave out keys and node passwords).'

function report(error: unknown, io: CliIo, command: Pick<Command, 'name' | 'usage'> | undefined): number {
  const print = (text: string) => io.err(redactUrls(text).split('\n').map(safeText).join('\n'))
  if (error instanceof CliError && error.code === 'UsageError') {
    print(error.message)
    if (command) {
      io.err(`\n${command.usage.split('\n\n')[0]}`)
      io.err(`Run 'casper-multisig ${command.name} --help' for every flag.`)
    }
    return exitCodes.usage
  }
  if (error instanceof BaseError) {
    print(cliMessage(error))
    return exitCodes.failed
  }
  // Anything else is a bug, not a user's mistake: one line, never a stack trace (any value may be
  // thrown, including one whose toString throws), with code INTERNAL and what to do.
  io.err(`Internal error [INTERNAL]: ${safeText(redactUrls(thrownText(error)))}\nRemedy: ${internalRemedy}`)
  return exitCodes.failed
}

/** A thrown value as one line of text, at most 500 characters, whatever it is. */
function thrownText(error: unknown): string {
  let text: string
  try {
    if (error instanceof Error) {
      const code = (error as { code?: unknown }).code
      text = `${typeof code === 'string' ? `${code} ` : ''}${error.name}: ${error.message}`
    } else text = typeof error === 'string' ? error : `${typeof error}: ${String(error)}`
  } catch {
    text = `${typeof error} (unprintable)`
  }
  return text.length > 500 ? `${text.slice(0, 500)}…` : text
}
