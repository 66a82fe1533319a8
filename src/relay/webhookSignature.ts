// How a webhook receiver knows a payload came from its relay: HMAC-SHA256 (RFC 2104) of the raw body,
// keyed by the secret the relay gave when the webhook was registered, sent as `sha256=<hex>`.
import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The value of the `X-Casper-Multisig-Signature` header for `body`: `sha256=` then the lowercase hex
 * HMAC-SHA256 of the body's bytes (a string is taken as UTF-8), keyed by `secret` as given (the 64 hex
 * characters the relay answered at registration, used as text, not decoded).
 *
 * @example
 * ```ts
 * const header = webhookSignature(secret, payload) // 'sha256=5f1c…'
 * ```
 */
export function webhookSignature(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

/**
 * True when `header` (the `X-Casper-Multisig-Signature` a receiver got) is the signature of `body`
 * (the raw request body, before any JSON parsing) under `secret`. The comparison takes the same time
 * whatever the header holds (node:crypto's timingSafeEqual), so a forger learns nothing from timing;
 * a missing or malformed header is false (the hex must be lowercase, as the relay sends it).
 *
 * @example
 * ```ts
 * if (!verifyWebhookSignature(secret, rawBody, request.headers['x-casper-multisig-signature'])) {
 *   response.writeHead(401).end()
 * }
 * ```
 */
export function verifyWebhookSignature(
  secret: string,
  body: string | Uint8Array,
  header: string | readonly string[] | undefined,
): boolean {
  if (typeof header !== 'string') return false
  const expected = Buffer.from(webhookSignature(secret, body), 'utf8')
  const given = Buffer.from(header, 'utf8')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
