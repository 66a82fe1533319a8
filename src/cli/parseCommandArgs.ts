// Strict flag parsing for the subcommands: unknown, malformed or missing flags are usage errors.
import { parseArgs } from 'node:util'
import { CliError } from './CliError.js'
import type { CommandOptions } from './CommandOption.js'

/** How many positional arguments a command takes, and what to call them in errors. */
export type PositionalsSpec = { name: string; min: number; max: number }

/**
 * `parseArgs` with `strict: true` over the command's flag definitions (the same ones its `--help`
 * lists); a parse failure, or too few / too many positionals, becomes a `CliError` with code
 * `UsageError` (exit code 2).
 *
 * @example
 * ```ts
 * const options = { node: { type: 'string', value: 'URL', description: 'the node' } } as const
 * const { values, positionals } = parseCommandArgs(args, options, { name: 'FILE', min: 1, max: 1 })
 * ```
 */
export function parseCommandArgs<const O extends CommandOptions>(
  args: readonly string[],
  options: O,
  positionals: PositionalsSpec = { name: 'argument', min: 0, max: 0 },
) {
  let parsed: ReturnType<typeof parse<O>>
  try {
    parsed = parse(args, options)
  } catch (cause) {
    // Node's own text ("Unknown option '--bogus'", "Option '--node <value>' argument missing"),
    // without its advice about positionals that start with '-'.
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new CliError(reason.replace(/\. To specify a positional argument[\s\S]*$/, ''), {
      code: 'UsageError',
    })
  }
  const count = parsed.positionals.length
  if (count < positionals.min || count > positionals.max) {
    const expected =
      positionals.min === positionals.max
        ? `${positionals.min} ${positionals.name}`
        : positionals.max === Number.POSITIVE_INFINITY
          ? `at least ${positionals.min} ${positionals.name}`
          : `${positionals.min} to ${positionals.max} ${positionals.name}`
    throw new CliError(count < positionals.min ? `Missing ${positionals.name}` : 'Too many arguments', {
      code: 'UsageError',
      details: { expected, got: count === 0 ? 'none' : parsed.positionals.join(' ') },
    })
  }
  return parsed
}

function parse<const O extends CommandOptions>(args: readonly string[], options: O) {
  // Only what parseArgs reads; the usage fields stay out of its configuration.
  const config = Object.fromEntries(
    Object.entries(options).map(([name, { type, short, multiple }]) => [
      name,
      { type, ...(short === undefined ? {} : { short }), ...(multiple === undefined ? {} : { multiple }) },
    ]),
  ) as O
  return parseArgs({ args: [...args], options: config, strict: true, allowPositionals: true })
}

/**
 * The value of a flag the command cannot run without.
 *
 * @throws {CliError} code `UsageError` naming the flag.
 */
export function required(value: string | undefined, flag: string, meaning: string): string {
  if (value === undefined || value === '') {
    throw new CliError(`Missing ${flag}`, { code: 'UsageError', details: { expected: `${flag} ${meaning}` } })
  }
  return value
}

/**
 * A flag's value as a positive number.
 *
 * @throws {CliError} code `UsageError` naming the flag, with the value given.
 */
export function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value) || !(number > 0)) {
    throw new CliError(`Invalid ${flag}`, {
      code: 'UsageError',
      details: { expected: 'a positive number', got: value },
    })
  }
  return number
}
