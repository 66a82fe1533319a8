// The headers a relay sends with each webhook payload.

/**
 * Header names of a webhook request, beside `Content-Type: application/json`: the event type, the
 * delivery's id (the same on every retry of one delivery, so a receiver can drop a repeat) and the
 * signature `sha256=<hex HMAC-SHA256(secret, raw body)>` ({@link webhookSignature}).
 *
 * @example
 * ```ts
 * const signature = request.headers[webhookHeaders.signature.toLowerCase()]
 * ```
 */
export const webhookHeaders = {
  event: 'X-Casper-Multisig-Event',
  delivery: 'X-Casper-Multisig-Delivery',
  signature: 'X-Casper-Multisig-Signature',
} as const
