// What a command prints: lines for people, one JSON document for scripts, nothing extra with --quiet.
import { safeJson } from '../text/safeText.js'
import type { CliIo } from './CliIo.js'

/** The flags every command with a result takes: what `--json` prints, and what is left with `--quiet`. */
export function outputOptions(json: string, quiet = 'print only errors') {
  return {
    json: { type: 'boolean', description: json },
    quiet: { type: 'boolean', short: 'q', description: quiet },
  } as const
}

/** What {@link createOutput} returns. */
export type Output = {
  /** A line for people: on stdout, or stderr when stdout carries data (`-o -`); none with --json or --quiet. */
  info(line: string): void
  /** The `--json` result: printed only with --json. */
  json(value: unknown): void
  /** Whether --json was given. */
  readonly isJson: boolean
}

/**
 * Routes a command's output. Lines must already be safe (`safeText` on anything from a file or node);
 * JSON goes through `safeJson`.
 *
 * @example
 * ```ts
 * const output = createOutput(io, { json: values.json, quiet: values.quiet, dataOnStdout: out === '-' })
 * output.info(`Wrote ${safeText(out)}`)
 * output.json({ hash })
 * ```
 */
export function createOutput(
  io: CliIo,
  options: { json?: boolean | undefined; quiet?: boolean | undefined; dataOnStdout?: boolean | undefined },
): Output {
  const silent = Boolean(options.json || options.quiet)
  return {
    info(line) {
      if (silent) return
      if (options.dataOnStdout) io.err(line)
      else io.out(line)
    },
    json(value) {
      if (options.json) io.out(safeJson(value, 2))
    },
    isJson: Boolean(options.json),
  }
}
