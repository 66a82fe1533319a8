// What makes two events the same notification: a webhook gets one delivery per key, however often raised.
import type { RelayEvent } from './RelayEvent.js'

/**
 * The event's key: `<type>:<hash>`, and `approval.added:<hash>:<signer>` for an approval (whose
 * `data.signer` names the signer's public key hex). The store queues one delivery per webhook and key,
 * so raising an event again (a retried request, the scanner passing twice, two relay instances) sends nothing new.
 *
 * @throws {TypeError} for an `approval.added` event without `data.signer`: the server must name the signer.
 * @example
 * ```ts
 * relayEventKey({ type: 'threshold.reached', hash, account, data: {} }) // 'threshold.reached:<hash>'
 * ```
 */
export function relayEventKey(event: RelayEvent): string {
  if (event.type !== 'approval.added') return `${event.type}:${event.hash}`
  const signer = event.data.signer
  if (typeof signer !== 'string' || signer === '') {
    throw new TypeError('An approval.added event must name its signer in data.signer')
  }
  return `${event.type}:${event.hash}:${signer.toLowerCase()}`
}
