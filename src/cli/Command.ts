// The shape every `casper-multisig <command>` module exports, and the exit codes they share.
import type { CliIo } from './CliIo.js'
import type { CommandOptions } from './CommandOption.js'

/** Exit codes of every command (docs/cli.md lists them, each command's `--help` says which it uses). */
export const exitCodes = {
  /** Done; `status`: ready to send or executed successfully; `describe`: safe to sign. */
  ok: 0,
  /** A typed library error, a refusal (by the node or a guard rail), a failed execution, an unreadable file, DO NOT SIGN. */
  failed: 1,
  /** An unknown command or flag, a missing flag or argument, a malformed flag value. */
  usage: 2,
  /** `status` only: the deploy is not ready to send (more signatures needed, or a preflight error). */
  notReady: 3,
  /** `status` only: the node has the deploy and has not executed it yet. */
  pending: 4,
} as const

/**
 * One subcommand: its help text, the flags it parses (the help lists them from the same
 * definitions), and what it runs. `run` returns the exit code (`devnet`: with the running devnet).
 */
export type Command<Result = number> = {
  name: string
  /** The `--help` text: `commandUsage` of the synopsis, summary, `options` and exit codes. */
  usage: string
  /** The flags `run` parses. */
  options: CommandOptions
  run(args: readonly string[], io: CliIo): Promise<Result>
}
