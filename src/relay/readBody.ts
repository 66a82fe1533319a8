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
 *
 * @throws {RelayError} `BodyTooLarge` over the cap; `InvalidRequest` when the body is not UTF-8.
 * @example
 * ```ts
 * const text = await readBody(request, defaultMaxBodyBytes)
 * ```
 */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length'])
  const tooLarge = (got: string) =>
    new RelayError('The request body is too large', {
      code: 'BodyTooLarge',
      details: { limit: `${maxBytes} bytes`, got },
      remedy: 'Post one deploy or transaction file as it is (at most 4 MiB), or a list of approvals.',
    })
  if (Number.isFinite(declared) && declared > maxBytes) {
    await drain(request, maxBytes * 4)
    throw tooLarge(`${declared} bytes`)
  }
  const chunks: Buffer[] = []
  let length = 0
  let over = false
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length
    if (length > maxBytes) {
      over = true
      if (length > maxBytes * 4) {
        request.destroy()
        break
      }
      continue
    }
    chunks.push(chunk)
  }
  if (over) throw tooLarge(`more than ${maxBytes} bytes`)
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
