// What every route of the relay works with: the store, the node, the clock, the events, the options.
import type { RelayEvent, RelayEvents } from './RelayEvent.js'
import type { RelayStore } from './RelayStore.js'
import type { RelayNode } from './relayNode.js'

/** The relay's state shared by its routes. */
export type RelayContext = {
  store: RelayStore
  /** The node given with `--node`, if any. */
  node: RelayNode | undefined
  /** The operator token that guards listing and webhooks, if configured. */
  token: string | undefined
  autoSubmit: boolean
  now: () => number
  /** Raises an event after a durable write; never throws (a failing notifier is logged). */
  emit(event: RelayEvent): Promise<void>
  events: RelayEvents | undefined
  /** Where the relay reports what no client sees (a failed background submission, an internal error). */
  log: (line: string) => void
  /** Work that outlives a request (following a submission): awaited, and aborted, on close. */
  background: { tasks: Set<Promise<void>>; abort: AbortController }
  /** The directory of the built co-signer page. */
  pageDirectory: string
  /** The relay listens on a loopback address: only then may webhooks call loopback and private addresses. */
  localWebhooks: boolean
  /** Hashes being submitted now, so two requests do not send one proposal twice. */
  submitting: Set<string>
}
