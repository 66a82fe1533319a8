// How the relay answers: JSON with the headers every answer carries, and errors in one shape from the BaseError family.
import type { ServerResponse } from 'node:http'
import { BaseError } from '../errors/BaseError.js'
import { safeText } from '../text/safeText.js'

/** Headers on every answer: no sniffing, no caching, no embedding; never an `Access-Control-*` header. */
export const commonHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
}

/** The HTTP status of each error code the relay answers with; any other `BaseError` is 400, anything else 500. */
const statusOf: Readonly<Record<string, number>> = {
  ProposalNotFound: 404,
  NotFound: 404,
  PageNotBuilt: 404,
  MethodNotAllowed: 405,
  Unauthorized: 401,
  NotReady: 409,
  NoNode: 409,
  BodyTooLarge: 413,
  RateLimited: 429,
  StoreUnavailable: 503,
  StoreSchemaNewer: 503,
  // A node that cannot be reached or answers nonsense is the relay's upstream failing.
  Unreachable: 502,
  Timeout: 504,
  HttpError: 502,
  MalformedResponse: 502,
  ResponseTooLarge: 502,
  Aborted: 503,
}

/**
 * The status an error is answered with: by its code for the relay's own and the node's errors, 400
 * for any other typed error (a file or approval refused by the library), 500 for anything else.
 *
 * @example
 * ```ts
 * errorStatus(new RelayError('No proposal has this hash', { code: 'ProposalNotFound' })) // 404
 * ```
 */
export function errorStatus(error: unknown): number {
  if (!(error instanceof BaseError)) return 500
  return statusOf[error.code] ?? 400
}

/**
 * The body of an error answer: `{ error: { code, message, remedy, details } }`. A typed error keeps
 * its code, short message, remedy and details (strings rendered with `safeText`, big integers and
 * bytes as text); anything else is `INTERNAL` with no message from inside the relay (no stack, no path).
 *
 * @example
 * ```ts
 * errorBody(new Error('boom')) // { error: { code: 'INTERNAL', message: 'Internal error', … } }
 * ```
 */
export function errorBody(error: unknown): {
  error: { code: string; message: string; remedy: string | null; details: Record<string, unknown> }
} {
  if (error instanceof BaseError) {
    return {
      error: {
        code: error.code,
        message: error.shortMessage,
        remedy: error.remedy === undefined ? null : safeText(error.remedy),
        details: safeDetails(error.details),
      },
    }
  }
  return {
    error: {
      code: 'INTERNAL',
      message: 'Internal error',
      remedy: 'The relay failed unexpectedly; its operator finds the cause in its log.',
      details: {},
    },
  }
}

/** Writes `body` as JSON (`bigint` as decimal text) with the common headers. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendText(
    response,
    status,
    typeof body === 'string' ? body : jsonText(body),
    'application/json; charset=utf-8',
    headers,
  )
}

/** Writes text with a content type and the common headers. */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy()
    return
  }
  response.writeHead(status, {
    ...commonHeaders,
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  })
  response.end(text)
}

/** Answers with an error in the one shape; a 429 says when to come back (`Retry-After`). */
export function sendError(
  response: ServerResponse,
  error: unknown,
  headers: Record<string, string> = {},
): void {
  sendJson(response, errorStatus(error), errorBody(error), headers)
}

/** JSON text with `bigint` written as decimal strings. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))
}

function safeDetails(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [safeText(key), safeValue(value, 0)]),
  )
}

function safeValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return safeText(value)
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')
  if (value === null || typeof value !== 'object' || depth > 4)
    return typeof value === 'object' ? null : value
  if (Array.isArray(value)) return value.map((v) => safeValue(v, depth + 1))
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [safeText(k), safeValue(v, depth + 1)]),
  )
}
