// Where a command writes a deploy: a file (never replaced unless told), or standard output for `-`.
import { existsSync } from 'node:fs'
import type { DeployJson } from '../deploy/DeployJson.js'
import { stringifyDeployJson } from '../deploy/stringifyDeployJson.js'
import { CliError } from './CliError.js'
import type { CliIo } from './CliIo.js'
import { writeDeployFile } from './files.js'

/** The flags that name an output file: `--out`, casper-client's `--output`, `-o`; `description` names `--output`. */
export function outOptions(description: string) {
  return {
    out: { type: 'string', short: 'o', value: 'FILE', description },
    output: { type: 'string', value: 'FILE', aliasOf: 'out' },
  } as const
}

/**
 * The output path from `--out` / `--output` / `-o`.
 *
 * @throws {CliError} code `UsageError` when both names are given.
 */
export function outPath(values: {
  out?: string | undefined
  output?: string | undefined
}): string | undefined {
  if (values.out !== undefined && values.output !== undefined) {
    throw new CliError('--out and --output name the same thing: give one', { code: 'UsageError' })
  }
  return values.out ?? values.output
}

/**
 * Refuses, before any work is done, an output file that exists and may not be replaced.
 *
 * @throws {CliError} code `FileError` naming the file.
 */
export function checkOutputPath(path: string, options: { overwrite: boolean }): void {
  if (path !== '-' && !options.overwrite && existsSync(path)) {
    throw new CliError(`${path} already exists`, {
      code: 'FileError',
      remedy:
        'Choose another output path (-o FILE, or -o - for standard output), remove the file, or pass --force to replace it.',
    })
  }
}

/** Writes the deploy as casper-client does: to the file, or to standard output when `path` is `-`. */
export function writeDeployOutput(
  path: string,
  deploy: DeployJson,
  options: { overwrite: boolean },
  io: CliIo,
): void {
  if (path === '-') io.out(stringifyDeployJson(deploy))
  else writeDeployFile(path, deploy, options)
}
