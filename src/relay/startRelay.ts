// Starts a relay: the HTTP server of the proposal relay on node:http, over a store, with an optional node.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { safeText } from '../text/safeText.js'
import type { RelayContext } from './RelayContext.js'
import { RelayError } from './RelayError.js'
import type { RelayEvents } from './RelayEvent.js'
import type { RelayStore } from './RelayStore.js'
import { defaultRateLimit, type RateLimitOptions, rateLimit } from './rateLimit.js'
import { defaultMaxBodyBytes } from './readBody.js'
import { relayNode } from './relayNode.js'
import { type RelayLimits, relayRoutes } from './relayRoutes.js'
import { resumeSubmissions } from './resumeSubmissions.js'
import { defaultPageDirectory } from './servePage.js'

/** Options of {@link startRelay}. */
export type StartRelayOptions = {
  store: RelayStore
  /** TCP port; 0 (default) picks a free one. */
  port?: number | undefined
  /** Default `127.0.0.1`: put a TLS proxy in front to serve others. */
  host?: string | undefined
  /**
   * Accept webhooks to loopback and private addresses (a notifier on the relay's own machine or
   * network). Default false: anyone who can register a webhook could otherwise make the relay POST
   * to the services of its machine and network (the node's RPC, a cloud metadata address), even
   * through a TLS proxy in front of a relay on 127.0.0.1 (`webhookUrl`). Give the notifier the same.
   */
  localWebhooks?: boolean | undefined
  /** The node's JSON-RPC endpoint (`http://HOST:7777/rpc`): accounts, progress, submission. */
  node?: string | undefined
  /** The operator token: listing by account and webhooks need `Authorization: Bearer <token>`. */
  token?: string | undefined
  /** Submit a proposal as soon as its approvals reach the threshold (needs `node`). */
  autoSubmit?: boolean | undefined
  /** Where events go after each durable write (the notifier). */
  events?: RelayEvents | undefined
  /** The clock, in milliseconds since the epoch; default `Date.now`. */
  now?: (() => number) | undefined
  limits?:
    | (Partial<RelayLimits> & {
        /** Per-address token bucket; default 240 at once, then 20 a second. */
        rateLimit?: RateLimitOptions | undefined
      })
    | undefined
  /** Where the built co-signer page is (`cosign.html`); default `dist`. */
  pageDirectory?: string | undefined
  /** Where the relay reports what no client sees; default standard error, each line through `safeText`. */
  log?: ((line: string) => void) | undefined
}

/** A running relay. */
export type Relay = {
  /** e.g. `http://127.0.0.1:40123`. */
  url: string
  /** Stops accepting requests, aborts the follow-up of submissions and waits for them; the store stays open. */
  close(): Promise<void>
}

/**
 * Starts the proposal relay on `http://host:port`: `POST /proposals`, `POST /proposals/<hash>/approvals`,
 * `GET /proposals/<hash>` and `/file`, `POST /proposals/<hash>/submit`,
 * `GET /accounts/<account>/proposals`, webhooks under `/accounts/<account>/webhooks`, `GET /p/<hash>`
 * and `GET /health` (see docs). Every approval is verified with the one model before it is stored;
 * a relay never needs a secret and is never trusted by its clients.
 *
 * @throws {RelayError} `CannotListen` when the host and port cannot be listened on.
 * @example
 * ```ts
 * const relay = await startRelay({ store: await sqliteStore('./relay-data'), node: 'http://127.0.0.1:7777/rpc' })
 * console.log(relay.url)
 * await relay.close()
 * ```
 */
export async function startRelay(options: StartRelayOptions): Promise<Relay> {
  const now = options.now ?? Date.now
  const host = options.host ?? '127.0.0.1'
  // A line can hold what a client or the node sent (an error's message): rendered inert, one line.
  const log = options.log ?? ((line: string) => process.stderr.write(`${safeText(line)}\n`))
  const abort = new AbortController()
  const context: RelayContext = {
    store: options.store,
    node: options.node === undefined ? undefined : relayNode(options.node, now),
    token: options.token === '' ? undefined : options.token,
    autoSubmit: options.autoSubmit === true && options.node !== undefined,
    now,
    events: options.events,
    async emit(event) {
      if (!options.events) return
      try {
        await options.events.emit(event)
      } catch (error) {
        log(
          `relay: event ${event.type} of ${event.hash} not raised: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        )
      }
    },
    log,
    background: { tasks: new Set(), abort },
    pageDirectory: options.pageDirectory ?? defaultPageDirectory(),
    submitting: new Set(),
    localWebhooks: options.localWebhooks === true,
  }
  const limits: RelayLimits = {
    maxBodyBytes: options.limits?.maxBodyBytes ?? defaultMaxBodyBytes,
    pollIntervalMs: options.limits?.pollIntervalMs ?? 1_000,
    maxWebhooks: options.limits?.maxWebhooks ?? 20,
    maxInFlightBodyBytes: options.limits?.maxInFlightBodyBytes,
  }
  const handle = relayRoutes(context, rateLimit(options.limits?.rateLimit ?? defaultRateLimit, now), limits)
  const server: Server = createServer((request, response) => void handle(request, response))
  server.headersTimeout = 30_000
  server.requestTimeout = 120_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause: NodeJS.ErrnoException) =>
      reject(
        new RelayError('The relay cannot listen', {
          code: 'CannotListen',
          details: { host, port: options.port ?? 0, reason: cause.code ?? cause.message },
          remedy: 'Choose another port with --port N (0 picks a free one), or stop what uses it.',
          cause,
        }),
      ),
    )
    server.listen(options.port ?? 0, host, () => resolve())
  })
  // Proposals sent before a restart are followed to their result, as right after their submission.
  resumeSubmissions(context, { pollIntervalMs: limits.pollIntervalMs })
  const { port } = server.address() as AddressInfo
  const shown = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shown}:${port}`,
    async close() {
      abort.abort()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      await Promise.allSettled([...context.background.tasks])
      server.closeAllConnections()
      await closed
    },
  }
}
