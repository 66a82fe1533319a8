// The shape every `casper-multisig <command>` module exports, and the exit codes they share.
import type { CliIo } from './CliIo.js'

/** Exit codes of every command (docs/cli.md lists them). */
export const exitCodes = {
  /** Done; `status`: ready to send. */
  ok: 0,
  /** A typed library error, a refusal by the node, a failed execution, an unreadable file. */
  failed: 1,
  /** An unknown command or flag, a missing flag or argument. */
  usage: 2,
  /** `status` only: the deploy is not ready to send (more signatures needed, or a preflight error). */
  notReady: 3,
} as const

/** One subcommand: its help text and what it runs. `run` returns the exit code. */
export type Command = {
  name: string
  /** One line for the command list. */
  summary: string
  /** The `--help` text. */
  usage: string
  run(args: readonly string[], io: CliIo): Promise<number>
}
