// Reading and writing the files the commands exchange: deploy JSON, target configurations, keys.
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { parseDeployJson } from '../cosign/parseDeployJson.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import { stringifyDeployJson } from '../deploy/stringifyDeployJson.js'
import { BaseError } from '../errors/BaseError.js'
import { secretKeyModeWarning } from '../keys/secretKeyModeWarning.js'
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
  return parseDeployText(path, readText(path, 'deploy file'))
}

/**
 * A deploy file's text, already read, checked by `parseDeployJson`.
 *
 * @throws {CliError} code `FileError`: not deploy JSON (the field and the reason given).
 */
export function parseDeployText(path: string, text: string): DeployJson {
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
 * A secret key file's bytes, and a warning when others may read it (as ssh refuses a private key
 * that is group- or world-readable): the file mode and the command that fixes it.
 *
 * @throws {CliError} code `FileError` naming the file and the system's reason.
 */
export function readSecretKeyFile(path: string): { bytes: Uint8Array; warning?: string | undefined } {
  let mode: number | undefined
  try {
    mode = statSync(path).mode
  } catch {
    mode = undefined
  }
  const bytes = readBytes(path, 'secret key file')
  return { bytes, warning: mode === undefined ? undefined : secretKeyModeWarning(path, mode) }
}

/**
 * Writes text atomically: into a new temporary file beside the target (created exclusively, so never
 * through a symlink), flushed, then moved into place. Without `overwrite` the move is a hard link,
 * which fails if anything exists at the path, a dangling symlink included; with `overwrite`, a symlink
 * at the path is refused rather than followed. A reader sees the old file or the new one, never half.
 *
 * `mode` is the new file's permissions (default 0644; 0600 for a secret key): the file is created with
 * it, so a replaced file never keeps a wider mode.
 *
 * @throws {CliError} code `FileError` when the file exists (and `overwrite` is not set), is a symlink,
 * or cannot be written.
 */
export function writeText(
  path: string,
  text: string | Uint8Array,
  options: { overwrite: boolean; mode?: number | undefined },
): void {
  const existing = lstatOrUndefined(path)
  if (existing && !options.overwrite) throw exists(path)
  if (existing?.isSymbolicLink()) {
    throw new CliError(`${path} is a symbolic link`, {
      code: 'FileError',
      remedy: 'Write to the file itself, not to a link to it: links are never followed when writing.',
    })
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    // O_EXCL: fails on any existing entry, a symlink included, so the write never leaves this path.
    const fd = openSync(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      options.mode ?? 0o644,
    )
    try {
      writeSync(fd, typeof text === 'string' ? Buffer.from(text) : text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    if (options.overwrite) renameSync(temporary, path)
    else {
      linkSync(temporary, path)
      unlinkSync(temporary)
    }
  } catch (cause) {
    try {
      unlinkSync(temporary)
    } catch {}
    if ((cause as { code?: unknown }).code === 'EEXIST') throw exists(path)
    throw new CliError(`Cannot write ${path}`, {
      code: 'FileError',
      details: { reason: cause instanceof Error ? cause.message : String(cause) },
    })
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path)
  } catch {
    return undefined
  }
}

function exists(path: string): CliError {
  return new CliError(`${path} already exists`, {
    code: 'FileError',
    remedy: 'Choose another output path, remove the file, or pass --force to replace it.',
  })
}

/** Writes a deploy as casper-client does (`stringifyDeployJson`). @throws {CliError} code `FileError`. */
export function writeDeployFile(path: string, deploy: DeployJson, options: { overwrite: boolean }): void {
  writeText(path, stringifyDeployJson(deploy), options)
}
