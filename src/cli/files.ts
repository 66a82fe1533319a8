// Reading and writing the files the commands exchange: deploy JSON, target configurations, keys.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { DeployJson } from '../deploy/DeployJson.js'
import { parseDeployJson } from '../deploy/parseDeployJson.js'
import { stringifyDeployJson } from '../deploy/stringifyDeployJson.js'
import { BaseError } from '../errors/BaseError.js'
import { CliError } from './CliError.js'

/**
 * A file's bytes; `-` reads standard input to its end.
 *
 * @throws {CliError} code `FileError` naming the file and the system's reason.
 */
export function readBytes(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path === '-' ? 0 : path)
  } catch (cause) {
    throw new CliError(`Cannot read ${what} ${path === '-' ? 'from standard input' : path}`, {
      code: 'FileError',
      details: { reason: cause instanceof Error ? cause.message : String(cause) },
    })
  }
}

/** A file's text (UTF-8). @throws {CliError} code `FileError`. */
export function readText(path: string, what: string): string {
  return new TextDecoder().decode(readBytes(path, what))
}

/**
 * A deploy file as casper-client writes it, checked by `parseDeployJson`.
 *
 * @throws {CliError} code `FileError`: unreadable, or not deploy JSON (the field and the reason given).
 */
export function readDeployFile(path: string): DeployJson {
  const text = readText(path, 'deploy file')
  try {
    return parseDeployJson(text)
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
    throw new CliError(
      `${path === '-' ? 'Standard input' : path} is not a deploy file: ${error.shortMessage}`,
      {
        code: 'FileError',
        details: error.details,
        remedy: error.remedy,
      },
    )
  }
}

/**
 * Writes text; refuses to replace an existing file unless `overwrite`.
 *
 * @throws {CliError} code `FileError` when the file exists (and `overwrite` is not set) or cannot be written.
 */
function writeText(path: string, text: string, options: { overwrite: boolean }): void {
  if (!options.overwrite && existsSync(path)) {
    throw new CliError(`${path} already exists`, {
      code: 'FileError',
      remedy: 'Choose another output path, remove the file, or pass --force to replace it.',
    })
  }
  try {
    writeFileSync(path, text)
  } catch (cause) {
    throw new CliError(`Cannot write ${path}`, {
      code: 'FileError',
      details: { reason: cause instanceof Error ? cause.message : String(cause) },
    })
  }
}

/** Writes a deploy as casper-client does (`stringifyDeployJson`). @throws {CliError} code `FileError`. */
export function writeDeployFile(path: string, deploy: DeployJson, options: { overwrite: boolean }): void {
  writeText(path, stringifyDeployJson(deploy), options)
}
