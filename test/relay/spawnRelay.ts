// Starts test/relay/relayProcess.ts as a child process (one node process, tsx as a loader, so a signal
// reaches the relay itself) and waits for the URL it prints.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** A relay in a child process. */
export type RelayProcess = {
  url: string
  child: ChildProcess
  /** Resolves when the child has exited, with the signal that ended it (null on a normal exit). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Standard error so far (the relay's log). */
  stderr(): string
}

const root = fileURLToPath(new URL('../..', import.meta.url))
const script = fileURLToPath(new URL('./relayProcess.ts', import.meta.url))

/**
 * Spawns a relay over `--data DIR` (SQLite) or `--database URL` (PostgreSQL) on a free loopback port.
 *
 * @example
 * ```ts
 * const relay = await spawnRelay({ data: dir })
 * relay.child.kill('SIGKILL')
 * await relay.exited
 * ```
 */
export function spawnRelay(store: { data: string } | { database: string }): Promise<RelayProcess> {
  const args = 'data' in store ? ['--data', store.data] : ['--database', store.database]
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return new Promise((resolve, reject) => {
    let out = ''
    const onData = (chunk: string) => {
      out += chunk
      const newline = out.indexOf('\n')
      if (newline < 0) return
      child.stdout!.off('data', onData)
      const { url } = JSON.parse(out.slice(0, newline)) as { url: string }
      resolve({ url, child, exited, stderr: () => err })
    }
    child.stdout!.setEncoding('utf8').on('data', onData)
    void exited.then(({ code, signal }) =>
      reject(new Error(`the relay exited before listening (code ${code}, signal ${signal}):\n${err}`)),
    )
  })
}
