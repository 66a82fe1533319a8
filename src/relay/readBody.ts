// A request body read with a cap: a client cannot make the relay hold more than it accepts.
import type { IncomingMessage } from 'node:http'
import { RelayError } from './RelayError.js'

/**
 * The default cap: the largest file `parseCosignFile` reads (`maxFileBytes`, 4 MiB) and 64 KiB more,
 * for JSON escapes and the approvals.
 */
export const defaultMaxBodyBytes = 4 * 1024 * 1024 + 64 * 1024

/**
 * Reads a request body as UTF-8 text, refusing it once it is known to exceed `maxBytes`: from
 * `Content-Length` before reading, else while it streams. A refused body is drained (up to four
 * times the cap, then the connection is cut) so the client receives the 413 instead of a reset.
 * `admit(bytes)`, when given, is asked before each chunk is kept (the client's share of the bodies
 * held at once); once it says no, nothing more is kept and the body is refused.
 *
 * @throws {RelayError} `BodyTooLarge` over the cap; `RateLimited` when `admit` said no; `InvalidRequest`
 *   when the client ends the request before its body ends, or the body is not UTF-8.
 * @example
 * ```ts
 * const text = await readBody(request, defaultMaxBodyBytes)
 * ```
 */
export async function readBody(
  request: IncomingMessage,
  maxBytes: number,
  admit: (bytes: number) => boolean = () => true,
): Promise<string> {
  const declared = Number(request.headers['content-length'])
  const tooLarge = (got: string) =>
    new RelayError('The request body is too large', {
      code: 'BodyTooLarge',
      details: { limit: `${maxBytes} bytes`, got },
      remedy: 'Post one deploy or transaction file as it is (at most 4 MiB), or a list of approvals.',
    })
  if (Number.isFinite(declared) && declared > maxBytes) {
    // A client that goes away meanwhile is answered (or not) the same.
    await drain(request, maxBytes * 4).catch(() => undefined)
    throw tooLarge(`${declared} bytes`)
  }
  const chunks: Buffer[] = []
  let length = 0
  let over = false
  let refused = false
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      length += chunk.length
      if (length > maxBytes || refused) {
        over ||= length > maxBytes
        if (length > maxBytes * 4) {
          request.destroy()
          break
        }
        continue
      }
      if (!admit(chunk.length)) {
        refused = true
        chunks.length = 0
        continue
      }
      chunks.push(chunk)
    }
  } catch (cause) {
    // The client went away mid-body (a reset, a stalled body cut at the request timeout): its doing, not
    // the relay's, so no internal error is logged for it.
    throw new RelayError('The client ended the request before its body', {
      code: 'InvalidRequest',
      details: { received: `${length} bytes` },
      remedy: 'Send the whole body.',
      cause,
    })
  }
  if (over) throw tooLarge(`more than ${maxBytes} bytes`)
  if (refused) {
    throw new RelayError('Too many request bodies at once from this address', {
      code: 'RateLimited',
      details: { retryAfterSeconds: 1 },
      remedy: 'Wait for the answers to the requests under way, then try again.',
    })
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    throw new RelayError('The request body is not UTF-8 text', {
      code: 'InvalidRequest',
      details: { bytes: length },
      remedy: 'Post the file as casper-client writes it: JSON in UTF-8.',
    })
  }
}

async function drain(request: IncomingMessage, max: number): Promise<void> {
  let length = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length
    if (length > max) {
      request.destroy()
      return
    }
  }
}
