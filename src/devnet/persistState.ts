// Writes and reads the devnet's state file atomically, so a crash or restart loses nothing.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { DevnetError } from './DevnetError.js'
import { type DevnetState, stateFromJson, stateToJson } from './DevnetState.js'

/**
 * Writes the state to `path` atomically: a temporary file beside it, then a rename.
 *
 * @throws {DevnetError} code `StateFile` when the file cannot be written.
 * @example
 * ```ts
 * saveStateFile('devnet.json', state)
 * ```
 */
export function saveStateFile(path: string, state: DevnetState): void {
  const temporary = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, stateToJson(state))
    renameSync(temporary, path)
  } catch (cause) {
    throw new DevnetError('Cannot write the devnet state file', {
      code: 'StateFile',
      details: { path },
      cause,
    })
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
