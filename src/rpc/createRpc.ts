// A low-level JSON-RPC 2.0 caller for a Casper node: fetch + AbortController, typed errors, no Node imports.
//
// Not casper-js-sdk's RpcClient / HttpHandler: HttpHandler takes no AbortSignal and no timeout, drops
// the body of non-2xx answers (keeps statusText only), folds every connection failure into one
// message string, and RpcClient's typedjson layer logs and continues on malformed results
// (casper-js-sdk 5.0.12 `src/rpc/http_handler.ts`, `src/rpc/rpc_client.ts`, `src/rpc/response.ts`).
// The request shape is the same: POST, `Content-Type: application/json`,
// `{ jsonrpc: "2.0", id, method, params }` with named params.

import { redactUrls } from '../text/redactUrl.js'
import {
  AbortedError,
  HttpError,
  JsonRpcError,
  type MalformedResponseError,
  ResponseTooLargeError,
  type RpcErrorContext,
  TimeoutError,
  UnreachableError,
} from './RpcError.js'
import { responseShape } from './responseShape.js'

/** A block to read state at: its hash (64 hex) or height, as `BlockIdentifier` in the node's schema. */
export type BlockIdentifier = { Hash: string } | { Height: number }

/**
 * Named params of the methods this client calls (casper-node v1.5.8 `rpcs/{info,state,account}.rs`;
 * casper-sidecar feat-2.0 `rpc_sidecar/src/rpcs/*.rs`; `resources/test/rpc_schema.json` of both).
 */
export type RpcMethods = {
  info_get_status: undefined
  info_get_chainspec: undefined
  state_get_account_info: { account_identifier: string; block_identifier?: BlockIdentifier | undefined }
  state_get_entity: {
    entity_identifier: { PublicKey: string } | { AccountHash: string }
    block_identifier?: BlockIdentifier | undefined
    include_bytecode?: boolean | undefined
  }
  query_balance: {
    purse_identifier:
      | { main_purse_under_public_key: string }
      | { main_purse_under_account_hash: string }
      | { purse_uref: string }
    state_identifier?: unknown
  }
  state_get_auction_info: { block_identifier?: BlockIdentifier | undefined } | undefined
  account_put_deploy: { deploy: unknown }
  account_put_transaction: { transaction: { Version1: unknown } | { Deploy: unknown } }
  info_get_deploy: { deploy_hash: string; finalized_approvals?: boolean | undefined }
  info_get_transaction: {
    transaction_hash: { Version1: string } | { Deploy: string }
    finalized_approvals?: boolean | undefined
  }
}

/** A method name of {@link RpcMethods}. */
export type RpcMethod = keyof RpcMethods

/** Per-call options of {@link Rpc.request}. */
export type RpcRequestOptions = {
  /** Aborts the call: it rejects with `AbortedError`. */
  signal?: AbortSignal | undefined
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined
}

/** The low-level caller {@link createRpc} returns. */
export type Rpc = {
  /** The endpoint, e.g. `http://localhost:7777/rpc`. */
  readonly url: string
  /** Default per-call time limit in ms. */
  readonly timeoutMs: number
  /**
   * Calls one method and returns its `result`, unchecked beyond the JSON-RPC envelope: the typed
   * functions (`getProtocol`, `getAccountConfig`, …) check every field they use.
   */
  request<M extends RpcMethod>(
    method: M,
    params: RpcMethods[M],
    options?: RpcRequestOptions,
  ): Promise<unknown>
}

/** Parameters of {@link createRpc}: the endpoint, or the endpoint with options. */
export type CreateRpcParameters =
  | string
  | {
      /**
       * The full JSON-RPC endpoint, e.g. `http://localhost:7777/rpc` (used as given). A
       * `user:password@` in it is sent as HTTP Basic authorization (as curl and casper-client do;
       * `fetch` refuses a URL with credentials); errors show the address redacted.
       */
      url: string
      /** Default: the global `fetch`. */
      fetch?: typeof globalThis.fetch | undefined
      /** Per-call time limit; default 30 000 ms. */
      timeoutMs?: number | undefined
      /** Extra HTTP headers, e.g. an API key of a hosted node. */
      headers?: Record<string, string> | undefined
      /**
       * Largest answer read, in bytes; a larger one is refused with `ResponseTooLargeError` as soon as
       * its size is known (the Content-Length header, or while streaming). Default 16 MiB: a block
       * holds at most 2.6 MB (`max_block_size`), and a deploy's hex doubles it.
       */
      maxResponseBytes?: number | undefined
    }

/** Errors of {@link Rpc.request}. */
export type RpcRequestErrorType =
  | HttpError
  | JsonRpcError
  | MalformedResponseError
  | TimeoutError
  | AbortedError
  | UnreachableError
  | ResponseTooLargeError

/** Default of `maxResponseBytes`: 16 MiB. */
export const defaultMaxResponseBytes = 16 * 1024 * 1024

/** Default per-call time limit. */
export const defaultRpcTimeoutMs = 30_000

/**
 * A JSON-RPC caller for one Casper node endpoint. Browser-safe: global `fetch` and
 * `AbortController` only. Every failure is one of the typed errors of `RpcError.ts`.
 *
 * @throws {HttpError} code `HttpError` on a non-2xx status (with the body).
 * @throws {JsonRpcError} code `JsonRpcError` when the node answers with an `error` object.
 * @throws {MalformedResponseError} code `MalformedResponse` when the answer is not a JSON-RPC 2.0 response to this call.
 * @throws {TimeoutError} code `Timeout` when no full answer arrives within `timeoutMs`.
 * @throws {AbortedError} code `Aborted` when `signal` fires.
 * @throws {UnreachableError} code `Unreachable` when the connection fails.
 * @throws {ResponseTooLargeError} code `ResponseTooLarge` when the answer exceeds `maxResponseBytes`.
 * @example
 * ```ts
 * const rpc = createRpc('http://localhost:7777/rpc')
 * const status = await rpc.request('info_get_status', undefined, { timeoutMs: 5_000 })
 * ```
 */
export function createRpc(parameters: CreateRpcParameters): Rpc {
  const options = typeof parameters === 'string' ? { url: parameters } : parameters
  const url = options.url
  const target = withoutCredentials(url)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...(target.authorization &&
    !Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'authorization')
      ? { authorization: target.authorization }
      : {}),
    ...options.headers,
  }
  const fetchFn = options.fetch ?? globalThis.fetch
  const defaultTimeout = options.timeoutMs ?? defaultRpcTimeoutMs
  const maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes
  let nextId = 1

  async function request<M extends RpcMethod>(
    method: M,
    params: RpcMethods[M],
    callOptions: RpcRequestOptions = {},
  ): Promise<unknown> {
    const context: RpcErrorContext = { url, method }
    const timeoutMs = callOptions.timeoutMs ?? defaultTimeout
    const outer = callOptions.signal
    if (outer?.aborted) throw new AbortedError({ ...context, reason: outer.reason })

    const id = nextId++
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    const onAbort = () => controller.abort()
    outer?.addEventListener('abort', onAbort, { once: true })
    // Rejects as soon as the call is aborted or timed out, even if a custom fetch ignores the signal.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
    })
    aborted.catch(() => {})

    const transportError = (cause: unknown) => {
      if (timedOut) return new TimeoutError({ ...context, timeoutMs })
      if (outer?.aborted) return new AbortedError({ ...context, reason: outer.reason })
      return new UnreachableError({ ...context, reason: systemErrorCode(cause), cause: redactedError(cause) })
    }
    const guarded = async <T>(promise: Promise<T>): Promise<T> => {
      promise.catch(() => {})
      try {
        return await Promise.race([promise, aborted])
      } catch (cause) {
        if (cause instanceof ResponseTooLargeError) throw cause
        throw transportError(cause)
      }
    }

    try {
      const body = JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) })
      const response = await guarded(
        fetchFn(target.url, {
          method: 'POST',
          headers,
          body,
          signal: controller.signal,
        }),
      )
      const text = await guarded(readCapped(response, maxResponseBytes, context))
      if (response.status < 200 || response.status > 299) {
        throw new HttpError({ ...context, status: response.status, body: text })
      }
      return parseEnvelope(text, id, context)
    } finally {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onAbort)
    }
  }

  return { url, timeoutMs: defaultTimeout, request }
}

/** The JSON-RPC 2.0 envelope (casper-json-rpc `response.rs`): `{ jsonrpc, id, result }` or `{ …, error }`. */
function parseEnvelope(text: string, id: number, context: RpcErrorContext): unknown {
  const read = responseShape(context)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    read.fail('(body)', 'a JSON-RPC 2.0 response (JSON)', text.length > 0 ? `text ${text.slice(0, 80)}` : '')
  }
  const envelope = read.object(json, '(body)')
  read.string(envelope.jsonrpc, 'jsonrpc', /^2\.0$/, '"2.0"')
  if (envelope.id !== id && envelope.id !== String(id))
    read.fail('id', `${id} (the request's id)`, envelope.id)
  if ('error' in envelope && envelope.error !== null && envelope.error !== undefined) {
    const error = read.object(envelope.error, 'error')
    throw new JsonRpcError({
      ...context,
      rpcCode: read.integer(error.code, 'error.code', -(2 ** 31), 2 ** 31 - 1),
      rpcMessage: read.string(error.message, 'error.message'),
      data: error.data,
    })
  }
  if (!('result' in envelope)) read.fail('result', 'a result or an error', envelope)
  return envelope.result
}

/**
 * The body as text, refused once it is known to exceed `max` bytes: from Content-Length before
 * reading, else while streaming (the stream is cancelled), else after `text()` for a fetch without
 * streams.
 */
async function readCapped(response: Response, max: number, context: RpcErrorContext): Promise<string> {
  const tooLarge = (receivedBytes: number) =>
    new ResponseTooLargeError({ ...context, maxResponseBytes: max, receivedBytes })
  const declared = Number(response.headers?.get?.('content-length') ?? Number.NaN)
  if (declared > max) {
    await response.body?.cancel?.().catch(() => {})
    throw tooLarge(declared)
  }
  const reader = response.body?.getReader?.()
  if (!reader) {
    const text = await response.text()
    const size = new TextEncoder().encode(text).length
    if (size > max) throw tooLarge(size)
    return text
  }
  const decoder = new TextDecoder()
  let text = ''
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.length
    if (received > max) {
      await reader.cancel().catch(() => {})
      throw tooLarge(received)
    }
    text += decoder.decode(value, { stream: true })
  }
  return text + decoder.decode()
}

/**
 * The URL without its userinfo, and the userinfo as an HTTP Basic `authorization` value (RFC 7617,
 * UTF-8): what curl and reqwest (casper-client) send for `http://user:password@host/`.
 */
function withoutCredentials(url: string): { url: string; authorization?: string } {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { url }
  }
  if (parsed.username === '' && parsed.password === '') return { url }
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text)
    } catch {
      return text
    }
  }
  const bytes = new TextEncoder().encode(`${decode(parsed.username)}:${decode(parsed.password)}`)
  parsed.username = ''
  parsed.password = ''
  return { url: parsed.href, authorization: `Basic ${btoa(String.fromCharCode(...bytes))}` }
}

/**
 * A transport error as an error's `cause` may show it: the runtime's messages quote the URL
 * (undici: "Request cannot be constructed from a URL that includes credentials: http://…"), so
 * every message along the chain is put through `redactUrls`; names and system codes are kept.
 */
function redactedError(error: unknown, depth = 0): unknown {
  if (typeof error === 'string') return redactUrls(error)
  if (!(error instanceof Error) || depth > 4) return error instanceof Error ? undefined : error
  const { code, cause, errors } = error as Error & { code?: unknown; errors?: unknown }
  const copy = new Error(redactUrls(error.message), {
    ...(cause === undefined ? {} : { cause: redactedError(cause, depth + 1) }),
  }) as Error & { code?: unknown; errors?: unknown[] }
  copy.name = error.name
  if (typeof code === 'string') copy.code = code
  if (Array.isArray(errors)) copy.errors = errors.slice(0, 4).map((e) => redactedError(e, depth + 1))
  return copy
}

/** `ECONNREFUSED` and the like, from undici's `TypeError('fetch failed', { cause })`, when present. */
function systemErrorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}
