// Runs one subcommand: `--help`, then the command, with every error printed and mapped to an exit code.
import { BaseError } from '../errors/BaseError.js'
import { redactUrls } from '../text/redactUrl.js'
import { safeText } from '../text/safeText.js'
import { CliError } from './CliError.js'
import type { CliIo } from './CliIo.js'
import { type Command, exitCodes } from './Command.js'
import { cliMessage } from './cliRemedy.js'

/** True when `--help` / `-h` comes before any `--` terminator. */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--')
  const flags = end === -1 ? args : args.slice(0, end)
  return flags.includes('--help') || flags.includes('-h')
}

/**
 * Runs `command` with `args` and returns its exit code. Typed errors (`BaseError`: the library's
 * and `CliError`) are printed as their message, which lists the values involved, with a remedy in
 * the command line's words; usage errors are followed by the command's usage and exit 2, everything
 * else exits 1.
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
  try {
    return await command.run(args, io)
  } catch (error) {
    return reportError(error, io, command)
  }
}

/**
 * Prints an error the way every command does and returns its exit code: a usage error is followed
 * by the command's synopsis (the first paragraph of its usage) and a pointer to `--help`. Every line
 * is rendered with `safeText`: messages carry file names and node texts; and every URL in it with
 * `redactUrls`, the last guard for a node address's password or token (the typed errors redact
 * their own).
 */
export function reportError(error: unknown, io: CliIo, command?: Pick<Command, 'name' | 'usage'>): number {
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
  if (error instanceof Error) {
    print('code' in error ? error.message : `${error.name}: ${error.message}`)
    return exitCodes.failed
  }
  print(String(error))
  return exitCodes.failed
}
