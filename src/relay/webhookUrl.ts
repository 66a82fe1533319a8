// Which webhook addresses a relay accepts: https (http only to loopback), no credentials, bounded length;
// loopback and private targets only for a relay that listens on loopback.
import { localAddress } from './localAddress.js'
import { RelayError } from './RelayError.js'

/** The longest webhook URL a relay stores, in characters. */
export const maxWebhookUrlLength = 2048

/**
 * The webhook URL given at registration, checked and normalized (WHATWG URL serialization): an
 * absolute `https:` URL with a host (`http:` only to a loopback address: a notifier on the same machine;
 * payloads sent in the clear elsewhere could be read on the way), no user name or password in it (a secret belongs in
 * the signature, and a URL is listed back to anyone holding the operator token), at most
 * {@link maxWebhookUrlLength} characters. A loopback target (`localhost`, 127.0.0.0/8, `[::1]`) or a
 * literal private, link-local or unspecified address ({@link localAddress}) is accepted only with
 * `localWebhooks` (the operator's explicit choice, `casper-multisig relay --local-webhooks`): anyone
 * who can register a webhook could otherwise make the relay POST to the services of its own machine
 * and network (the node's RPC on 127.0.0.1:7777, a cloud metadata address), even through a TLS
 * proxy in front of a relay on 127.0.0.1. The notifier checks it again, with the same
 * `localWebhooks`, before each delivery.
 *
 * @throws {RelayError} `InvalidWebhook` for anything else.
 * @example
 * ```ts
 * webhookUrl('https://hooks.example.com/casper', { localWebhooks: false }) // 'https://hooks.example.com/casper'
 * webhookUrl('http://127.0.0.1:8080/hook', { localWebhooks: true }) // 'http://127.0.0.1:8080/hook'
 * webhookUrl('http://127.0.0.1:8080/hook', { localWebhooks: false }) // throws RelayError InvalidWebhook
 * webhookUrl('http://example.com/hook', { localWebhooks: true }) // throws RelayError InvalidWebhook
 * ```
 */
export function webhookUrl(text: unknown, options: { localWebhooks: boolean }): string {
  const refuse = (reason: string) =>
    new RelayError('The webhook URL is not one the relay can call', {
      code: 'InvalidWebhook',
      details: { url: typeof text === 'string' ? text.slice(0, 200) : typeof text, reason },
      remedy: options.localWebhooks
        ? `Give an absolute https:// URL (http:// only to 127.0.0.1, localhost or [::1]) of at most ${maxWebhookUrlLength} characters, without a user name or password.`
        : `Give an absolute https:// URL to a public host of at most ${maxWebhookUrlLength} characters, without a user name or password. This relay calls no loopback or private address; a notifier on the relay's own machine or network needs the relay started with --local-webhooks.`,
    })
  if (typeof text !== 'string') throw refuse('not a string')
  if (text.length > maxWebhookUrlLength) throw refuse(`longer than ${maxWebhookUrlLength} characters`)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw refuse('not an absolute URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refuse(`scheme ${url.protocol} is not http or https`)
  if (url.hostname === '') throw refuse('no host')
  const where = localAddress(url.hostname)
  if (where !== 'public' && !options.localWebhooks)
    throw refuse(`a ${where} address, and the relay was not started with --local-webhooks`)
  if (url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    throw refuse('http is allowed only to a loopback address')
  if (url.username !== '' || url.password !== '') throw refuse('credentials in the URL')
  if (url.href.length > maxWebhookUrlLength) throw refuse(`longer than ${maxWebhookUrlLength} characters`)
  return url.href
}
