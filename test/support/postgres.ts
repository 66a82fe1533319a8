// A throwaway PostgreSQL server for tests, from Debian's binaries (`apt-get install postgresql`:
// /usr/lib/postgresql/<major>/bin), in a temporary directory, listening on a free loopback port, its unix
// socket in that directory. One server per test process, started on the first call, stopped (and its
// directory removed) when the last database handed out is stopped; each call gets a fresh database.
// CASPER_MULTISIG_TEST_POSTGRES=postgres://… uses that server instead (its user needs CREATEDB).
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A database of its own on the test server; `stop` drops it (and the server after the last one). */
export type TestPostgres = { url: string; stop(): Promise<void> }

const externalUrl = process.env.CASPER_MULTISIG_TEST_POSTGRES || undefined
const required = process.env.CASPER_MULTISIG_REQUIRE_POSTGRES === '1'

/** The directory of Debian's PostgreSQL binaries (the newest major installed), or undefined. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  return readdirSync(root)
    .filter((major) => /^\d+$/.test(major))
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => join(root, major, 'bin'))
    .find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')))
}

/**
 * Whether the PostgreSQL tests can run. When they cannot: with CASPER_MULTISIG_REQUIRE_POSTGRES=1 (CI)
 * this throws, so the test file fails; otherwise it says once how to run them and answers false.
 */
export function postgresForTests(): boolean {
  if (externalUrl !== undefined || postgresBinaries() !== undefined) return true
  const how =
    'No PostgreSQL server binaries in /usr/lib/postgresql/*/bin: install them (apt-get install postgresql) ' +
    'or set CASPER_MULTISIG_TEST_POSTGRES=postgres://user:password@host:port/database.'
  if (required) throw new Error(`CASPER_MULTISIG_REQUIRE_POSTGRES=1 but PostgreSQL cannot run. ${how}`)
  console.warn(`Skipping the PostgreSQL tests. ${how}`)
  return false
}

type Server = { adminUrl: string; stop(): void }

let server: Server | undefined
let users = 0
let databases = 0

/**
 * A fresh, empty database on the test server (started on first use).
 *
 * @example
 * ```ts
 * const db = await startTestPostgres()
 * const store = await postgresStore(db.url)
 * await store.close()
 * await db.stop()
 * ```
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  users += 1
  try {
    server ??= externalUrl !== undefined ? { adminUrl: externalUrl, stop() {} } : await startServer()
    const name = `relay_test_${process.pid}_${++databases}_${Date.now()}`
    await admin(server.adminUrl, `CREATE DATABASE ${name}`)
    const url = withDatabase(server.adminUrl, name)
    let stopped = false
    return {
      url,
      async stop() {
        if (stopped) return
        stopped = true
        try {
          await admin(server!.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        } finally {
          release()
        }
      },
    }
  } catch (error) {
    release()
    throw error
  }
}

function release(): void {
  users -= 1
  if (users === 0 && server) {
    server.stop()
    server = undefined
  }
}

async function admin(url: string, statement: string): Promise<void> {
  const { Client } = createRequire(import.meta.url)('pg') as {
    Client: new (config: {
      connectionString: string
    }) => {
      connect(): Promise<void>
      query(text: string): Promise<unknown>
      end(): Promise<void>
    }
  }
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function startServer(): Promise<Server> {
  const bin = postgresBinaries()
  if (bin === undefined) throw new Error('No PostgreSQL binaries (apt-get install postgresql)')
  const root = mkdtempSync(join(tmpdir(), 'casper-multisig-pg-'))
  // initdb and the server refuse to run as root: as root (CI, containers) they run as Debian's
  // `postgres` user, which must own the directory.
  const asRoot = process.getuid?.() === 0
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, command), args, { stdio: 'pipe' })
  const data = join(root, 'data')
  const log = join(root, 'server.log')
  let started = false
  const stop = () => {
    if (started) {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w'])
      } catch {
        run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w'])
      }
      started = false
    }
    rmSync(root, { recursive: true, force: true })
    process.off('exit', stop)
  }
  try {
    if (asRoot) {
      const { uid, gid } = postgresUser()
      chownSync(root, uid, gid)
    }
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
    // A port another process takes between the probe and the server's bind makes the start fail: try again.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort()
      try {
        run('pg_ctl', [
          'start',
          '-D',
          data,
          '-l',
          log,
          '-w',
          '-t',
          '60',
          '-o',
          `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c max_connections=200`,
        ])
        started = true
        process.on('exit', stop)
        return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, stop }
      } catch (error) {
        if (attempt === 3) {
          const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-10).join('\n') : ''
          throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${tail}`)
        }
      }
    }
  } catch (error) {
    stop()
    throw error
  }
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'))
  if (line === undefined)
    throw new Error('Running as root needs the postgres user (apt-get install postgresql creates it)')
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}
