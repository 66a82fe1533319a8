// What happened to a proposal, as the relay tells an account's webhooks.
import type { RelayEventType } from './RelayStore.js'

/** One event, raised by the relay after the write it reports is durable. */
export type RelayEvent = {
  type: RelayEventType
  /** The proposal's hash. */
  hash: string
  /** The account's hash, 64 lowercase hex digits. */
  account: string
  /** What the event says besides (the signer added, the weight reached, the execution result). */
  data: Record<string, unknown>
}

/** Where the server sends events; the notifier turns them into webhook deliveries. */
export type RelayEvents = { emit(event: RelayEvent): Promise<void> }
