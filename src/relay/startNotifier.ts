// The relay's notifier: turns events into signed webhook deliveries, sends them with retries, and
// raises the expiring and expired notices of pending proposals.
import { randomUUID } from 'node:crypto'
import { deliveryBackoff, deliveryRetry } from './deliveryBackoff.js'
import type { RelayEvent, RelayEvents } from './RelayEvent.js'
import type { Delivery, RelayStore, StoredProposal, Webhook } from './RelayStore.js'
import { relayEventKey } from './relayEventKey.js'
import { webhookHeaders } from './webhookHeaders.js'
import { webhookSignature } from './webhookSignature.js'
import { webhookUrl } from './webhookUrl.js'

/** Options of {@link startNotifier}. */
export type NotifierOptions = {
  store: RelayStore
  /** The clock, milliseconds since the Unix epoch (default Date.now). */
  now?: (() => number) | undefined
  /** What sends the requests (default the global fetch). */
  fetch?: typeof globalThis.fetch | undefined
  /** How often the loop looks for due deliveries and expiring proposals (default 5 s). */
  intervalMs?: number | undefined
  /** The wait after failed attempt number n (default {@link deliveryBackoff}: 1 s doubling, capped 10 min). */
  backoff?: ((attempt: number) => number) | undefined
  /** Attempts before a delivery is given up (default 12). */
  maxAttempts?: number | undefined
  /** A pending proposal this close to its expiry raises `proposal.expiring` (default 30 min). */
  expiringWithinMs?: number | undefined
  /** How long one request may take before it counts as failed (default 10 s). */
  timeoutMs?: number | undefined
  /**
   * The relay listens on a loopback address, so webhooks may call loopback and private addresses
   * (`webhookUrl`); default false: a delivery to one is dropped. Give what the relay decided.
   */
  localWebhooks?: boolean | undefined
  /** Where failures of the loop itself go (the store unreachable); default: one line on stderr. */
  onError?: ((error: unknown) => void) | undefined
}

/** A running notifier: the events seam for the server, one pass on demand, and close. */
export type Notifier = {
  /** Pass to the server: each event becomes one delivery per webhook of its account. */
  events: RelayEvents
  /** Raises the due expiring and expired notices, then sends every delivery due now; resolves when done. */
  runOnce(): Promise<void>
  /** Stops the loop and waits for the pass under way. */
  close(): Promise<void>
}

/** Deliveries claimed at once; a pass claims batches until none is left due. */
const batchSize = 16

/**
 * Starts the notifier of a relay. `events.emit(event)` queues, durably in `store`, one delivery per
 * webhook of the event's account and key ({@link relayEventKey}: the same event raised twice is sent
 * once). The payload `{ type, hash, account, at, data }` is serialized once and stored: those exact
 * bytes are sent and signed (`X-Casper-Multisig-Signature: sha256=<hex HMAC-SHA256(secret, body)>`).
 *
 * A loop (every `intervalMs`, unref'd, and right after each emit) claims due deliveries with a lease
 * (so that several relay instances never send one twice at once), POSTs each with a timeout and no
 * redirect followed; a 2xx answer delivers it, anything else (a redirect, an error status, no answer)
 * schedules another attempt after {@link deliveryBackoff}, until `maxAttempts` are spent. Each pass
 * also raises `proposal.expiring` for pending proposals within `expiringWithinMs` of their expiry and
 * `proposal.expired` for those past it, to the webhooks registered before that moment.
 *
 * @example
 * ```ts
 * const store = await sqliteStore('./relay-data')
 * const notifier = startNotifier({ store })
 * await notifier.events.emit({ type: 'threshold.reached', hash, account, data: { weight: 2 } })
 * await notifier.close()
 * ```
 */
export function startNotifier(options: NotifierOptions): Notifier {
  const { store } = options
  const now = options.now ?? Date.now
  const send = options.fetch ?? globalThis.fetch
  const backoff = options.backoff ?? ((attempt: number) => deliveryBackoff(attempt))
  const maxAttempts = options.maxAttempts ?? deliveryRetry.maxAttempts
  const expiringWithinMs = options.expiringWithinMs ?? 30 * 60_000
  const timeoutMs = options.timeoutMs ?? 10_000
  const localWebhooks = options.localWebhooks === true
  // A claimed delivery is not claimed again before its attempt has surely ended.
  const leaseMs = timeoutMs + 60_000
  const onError =
    options.onError ??
    ((error: unknown) => {
      process.stderr.write(`relay notifier: ${error instanceof Error ? error.message : String(error)}\n`)
    })
  /** Scanner notices queued by this process: a pending proposal is looked at once per notice. */
  const noticed = new Set<string>()
  let closed = false

  /** Queues the event for the account's webhooks (those registered by `since`, when given). */
  async function enqueue(event: RelayEvent, since?: number): Promise<void> {
    const key = relayEventKey(event)
    const at = now()
    const webhooks = (await store.listWebhooks(event.account)).filter(
      (w) => since === undefined || w.createdAt <= since,
    )
    if (webhooks.length === 0) return
    const payload = JSON.stringify({
      type: event.type,
      hash: event.hash,
      account: event.account,
      at: new Date(at).toISOString(),
      data: event.data,
    })
    await store.enqueueDeliveries(
      webhooks.map((w) => ({ id: randomUUID(), webhookId: w.id, eventKey: key, payload, nextAttemptAt: at })),
    )
  }

  async function scan(): Promise<void> {
    const at = now()
    const proposals = await store.pendingExpiringBefore(at + expiringWithinMs)
    for (const proposal of proposals) {
      const expired = proposal.expiresAt <= at
      const type = expired ? 'proposal.expired' : 'proposal.expiring'
      const key = `${type}:${proposal.hash}`
      if (noticed.has(key)) continue
      // The moment the notice is about (or, for a proposal posted later, the moment it was posted); a
      // webhook registered after it is not told.
      const moment = Math.max(
        proposal.createdAt,
        expired ? proposal.expiresAt : proposal.expiresAt - expiringWithinMs,
      )
      await enqueue(
        { type, hash: proposal.hash, account: proposal.account, data: noticeData(proposal) },
        moment,
      )
      noticed.add(key)
    }
  }

  /** Sends one claimed delivery and records what came of it. */
  async function attempt(delivery: Delivery, webhook: Webhook | undefined): Promise<void> {
    // The webhook was removed after the claim (its deliveries went with it), or the payload names no
    // account: nothing to send, and nothing left to retry.
    if (webhook === undefined) return store.finishDelivery(delivery.id)
    let url: string
    try {
      url = webhookUrl(webhook.url, { localWebhooks })
    } catch {
      // Stored before the relay refused such URLs, or by this relay when it listened on loopback: it
      // will never be one the relay calls.
      return store.finishDelivery(delivery.id)
    }
    let delivered = false
    try {
      const response = await send(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'casper-multisig-relay',
          [webhookHeaders.event]: eventType(delivery.eventKey),
          [webhookHeaders.delivery]: delivery.id,
          [webhookHeaders.signature]: webhookSignature(webhook.secret, delivery.payload),
        },
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      })
      delivered = response.status >= 200 && response.status < 300
      await response.body?.cancel().catch(() => undefined)
    } catch {
      // No answer or a timeout: a failed attempt like an error status.
    }
    if (delivered || delivery.attempts >= maxAttempts) await store.finishDelivery(delivery.id)
    else await store.retryDelivery(delivery.id, now() + backoff(delivery.attempts))
  }

  async function deliverDue(): Promise<void> {
    // Each account's webhooks, read once per pass, and again for one registered since.
    const webhooksOf = new Map<string, Promise<Webhook[]>>()
    const webhookFor = async (delivery: Delivery) => {
      const account = payloadAccount(delivery.payload)
      if (account === undefined) return undefined
      const cached = webhooksOf.get(account)
      const find = (list: Webhook[]) => list.find((w) => w.id === delivery.webhookId)
      const found = cached && find(await cached)
      if (found) return found
      const fresh = store.listWebhooks(account)
      webhooksOf.set(account, fresh)
      return find(await fresh)
    }
    for (;;) {
      const at = now()
      const claimed = await store.claimDeliveries(at, at + leaseMs, batchSize)
      await Promise.all(claimed.map(async (d) => attempt(d, await webhookFor(d))))
      if (claimed.length < batchSize) return
    }
  }

  // One pass at a time; a pass asked for while one runs starts after it, so it sees what was asked.
  let current: Promise<void> | undefined
  let queued: Promise<void> | undefined
  function runOnce(): Promise<void> {
    if (current === undefined) {
      current = (async () => {
        await scan()
        await deliverDue()
      })().finally(() => {
        current = undefined
      })
      return current
    }
    queued ??= current
      .catch(() => undefined)
      .then(() => {
        queued = undefined
        return runOnce()
      })
    return queued
  }
  const kick = () => {
    if (!closed) runOnce().catch(onError)
  }
  const timer = setInterval(kick, options.intervalMs ?? 5_000)
  timer.unref()

  return {
    events: {
      async emit(event) {
        await enqueue(event)
        setImmediate(kick).unref()
      },
    },
    runOnce,
    async close() {
      closed = true
      clearInterval(timer)
      await (queued ?? current)?.catch(() => undefined)
    },
  }
}

/** What an expiring or expired notice says besides its type. */
function noticeData(proposal: StoredProposal): Record<string, unknown> {
  return {
    kind: proposal.kind,
    chainName: proposal.chainName,
    expiresAt: new Date(proposal.expiresAt).toISOString(),
    renewedTo: proposal.renewedTo ?? null,
  }
}

/** The event type a key starts with (`approval.added:<hash>:<signer>` → `approval.added`). */
function eventType(key: string): string {
  return key.slice(0, key.indexOf(':'))
}

/** The account a stored payload names, which says whose webhooks to look the delivery's one up in. */
function payloadAccount(payload: string): string | undefined {
  try {
    const account = (JSON.parse(payload) as { account?: unknown }).account
    return typeof account === 'string' ? account : undefined
  } catch {
    return undefined
  }
}
