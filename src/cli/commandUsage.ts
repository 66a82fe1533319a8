// A command's --help text: its synopsis, summary and exit codes as written, its flags from their definitions.
import type { CommandOptions } from './CommandOption.js'

/** The parts of a command's usage written by hand; the flag lines come from `options`. */
export type CommandUsageParts = {
  /** `Usage: casper-multisig NAME …`: the first paragraph, which a usage error prints. */
  synopsis: string
  /** What the command does: one paragraph or more. */
  summary: string
  /** The flags the command parses, in the order they are listed. */
  options: CommandOptions
  /** `Exit codes: …` (docs/cli.md repeats it word for word). */
  exitCodes: string
}

/** Descriptions start 3 spaces after the longest flag, and no nearer than this to the indent. */
const minFlagWidth = 22

/**
 * The `--help` text: synopsis, summary, one line per flag (generated from `options`, so what is
 * listed is what is parsed), exit codes, separated by blank lines.
 *
 * @example
 * ```ts
 * commandUsage({
 *   synopsis: 'Usage: casper-multisig page --out FILE [--force]',
 *   summary: 'Writes the co-signing page.',
 *   options: { force: { type: 'boolean', short: 'f', description: 'replace FILE if it exists' } },
 *   exitCodes: 'Exit codes: 0 written, 1 failed, 2 usage error.',
 * })
 * // 'Usage: …\n\nWrites the co-signing page.\n\n  -f, --force           replace FILE if it exists\n\nExit codes: …'
 * ```
 */
export function commandUsage({ synopsis, summary, options, exitCodes }: CommandUsageParts): string {
  return [synopsis, summary, optionLines(options), exitCodes].join('\n\n')
}

/**
 * The flag lines: `  -n, --node URL        the node …`, a flag printed `sameLineAs` another after
 * it (`--label KEY=NAME, --labels FILE`), an `aliasOf` flag only where its flag's description
 * names it; continuation lines of a description aligned with its first line.
 */
export function optionLines(options: CommandOptions): string {
  const entries = Object.entries(options)
  const lines = entries.flatMap(([name, option]) => {
    if (!('description' in option)) return []
    const after = entries.filter(([, o]) => 'sameLineAs' in o && o.sameLineAs === name)
    return [
      {
        flags: [[name, option] as const, ...after].map(([n, o]) => flagText(n, o)).join(', '),
        description: option.description,
        shared: after.length > 0,
      },
    ]
  })
  // A line shared by two flags is long: it is left out of the column and its description follows it.
  const width = Math.max(minFlagWidth, ...lines.filter((l) => !l.shared).map((l) => l.flags.length + 3))
  return lines
    .map(({ flags, description }) => {
      const [first, ...rest] = description.split('\n')
      const lead = flags.length + 3 > width ? `${flags}   ` : flags.padEnd(width)
      return [`  ${lead}${first}`, ...rest.map((line) => `${' '.repeat(width + 2)}${line}`)].join('\n')
    })
    .join('\n')
}

/** `-n, --node URL`, `--force`, `--label KEY=NAME`. */
function flagText(name: string, option: CommandOptions[string]): string {
  return `${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` ${option.value}` : ''}`
}
