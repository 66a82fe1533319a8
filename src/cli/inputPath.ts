// The deploy file a command reads: the FILE argument or casper-client's --input / -i; `-` is standard input.
import { CliError } from './CliError.js'

/** casper-client's name for the deploy file a command reads. */
export const inputOptions = {
  input: {
    type: 'string',
    short: 'i',
    value: 'FILE',
    description: 'the deploy or transaction file (instead of FILE)',
  },
} as const

/**
 * The one deploy file: the positional FILE or `--input FILE`, not both.
 *
 * @throws {CliError} code `UsageError` when neither or both are given.
 */
export function inputPath(values: { input?: string | undefined }, positionals: readonly string[]): string {
  const given = [...positionals, ...(values.input === undefined ? [] : [values.input])]
  if (given.length === 0) {
    throw new CliError('Missing FILE', {
      code: 'UsageError',
      details: { expected: 'FILE, -i FILE or --input FILE (- for standard input)' },
    })
  }
  if (given.length > 1) {
    throw new CliError('Too many arguments', {
      code: 'UsageError',
      details: { expected: 'one deploy file: FILE or --input FILE', got: given.join(' ') },
    })
  }
  return given[0]!
}
