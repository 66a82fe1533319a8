// Writes and reads the devnet's state file atomically, so a crash or restart loses nothing.
import { randomUUID } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { dirname } from 'node:path'
import { DevnetError } from './DevnetError.js'
import { type DevnetState, stateFromJson, stateToJson } from './DevnetState.js'

/**
 * Writes the state to `path` atomically: a temporary file beside it (a name of its own, so two
 * devnets in one process never share it), flushed to disk, then renamed over `path`, then the
 * directory flushed so the rename itself survives a crash. On failure the temporary file is removed
 * and `path` keeps its previous content.
 *
 * @throws {DevnetError} code `StateFile` when the file cannot be written.
 * @example
 * ```ts
 * saveStateFile('devnet.json', state)
 * ```
 */
export function saveStateFile(path: string, state: DevnetState): void {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`
  try {
    const file = openSync(temporary, 'wx')
    try {
      writeFileSync(file, stateToJson(state))
      fsyncSync(file)
    } finally {
      closeSync(file)
    }
    renameSync(temporary, path)
    syncDirectory(dirname(path))
  } catch (cause) {
    rmSync(temporary, { force: true })
    throw new DevnetError('Cannot write the devnet state file', {
      code: 'StateFile',
      details: { path, reason: (cause as { code?: unknown } | null)?.code ?? String(cause) },
      remedy: 'Check that the directory exists and is writable, with space left.',
      cause,
    })
  }
}

/** Best effort: a directory cannot be opened for fsync on every platform (Windows), nor needs to be. */
function syncDirectory(directory: string): void {
  let handle: number
  try {
    handle = openSync(directory, 'r')
  } catch {
    return
  }
  try {
    fsyncSync(handle)
  } catch {
    // EISDIR / EINVAL / EPERM where directories cannot be synced: the rename is still done.
  } finally {
    closeSync(handle)
  }
}

/**
 * The state saved at `path`, or `undefined` when there is no such file.
 *
 * @throws {DevnetError} code `StateFile` when the file exists but is not devnet state.
 * @example
 * ```ts
 * const state = loadStateFile('devnet.json') ?? createGenesisState('casper-devnet', '1.5', Date.now())
 * ```
 */
export function loadStateFile(path: string): DevnetState | undefined {
  if (!existsSync(path)) return undefined
  return stateFromJson(readFileSync(path, 'utf8'))
}
