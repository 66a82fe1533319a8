// A relay in a process of its own, for the kill -9 test and the load bench: `node --import tsx
// test/relay/relayProcess.ts --data DIR` (SQLite) or `--database postgres://…`. It prints one JSON
// line `{ "url": "http://127.0.0.1:PORT" }` on standard output once it listens, then runs until killed.
// Every co-signer of these runs posts from 127.0.0.1, so the per-address rate limit is lifted.
import { parseArgs } from 'node:util'
import { postgresStore } from '../../src/relay/postgresStore.js'
import type { RelayStore } from '../../src/relay/RelayStore.js'
import { sqliteStore } from '../../src/relay/sqliteStore.js'
import { startRelay } from '../../src/relay/startRelay.js'

const { values } = parseArgs({
  options: { data: { type: 'string' }, database: { type: 'string' }, port: { type: 'string' } },
})

async function openStore(): Promise<RelayStore> {
  if (values.data !== undefined) return sqliteStore(values.data)
  if (values.database !== undefined) return postgresStore(values.database)
  throw new Error('relayProcess: give --data DIR or --database postgres://…')
}

const store = await openStore()
const relay = await startRelay({
  store,
  port: Number(values.port ?? 0),
  limits: { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } },
  log: (line) => process.stderr.write(`${line}\n`),
})
process.stdout.write(`${JSON.stringify({ url: relay.url, store: store.kind })}\n`)
