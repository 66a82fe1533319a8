// Typed errors of the JSON-RPC client: transport (HTTP, unreachable, timeout, abort), the node's own
// JSON-RPC errors, and responses that do not have the shape the node's OpenRPC schema promises.
import { BaseError } from '../errors/BaseError.js'
import { redactUrl, redactUrls } from '../text/redactUrl.js'

/** Stable codes of the errors the RPC client throws. */
export type RpcErrorCode =
  | 'HttpError'
  | 'JsonRpcError'
  | 'MalformedResponse'
  | 'Timeout'
  | 'Aborted'
  | 'Unreachable'
  | 'ResponseTooLarge'

/** Fields every RPC error carries: which endpoint and which method. */
export type RpcErrorContext = {
  /** The endpoint; an error keeps and shows it redacted (`redactUrl`: no password, token or query value). */
  url: string
  /** The JSON-RPC method, e.g. `state_get_account_info`; absent for waits spanning several calls. */
  method?: string | undefined
}

/**
 * The root of every error the RPC client throws; `code` says which kind (see {@link RpcErrorCode}).
 * The endpoint is shown, and kept in `url`, redacted (`redactUrl`): an address's userinfo, query
 * values and fragment are replaced by `***`, as is any URL inside a string detail, since an error
 * ends up in logs and bug reports while an API key in the address must not.
 */
export class RpcError extends BaseError {
  override name = 'RpcError'
  override readonly code: RpcErrorCode
  /** The endpoint, redacted: `http://***@node.example/rpc?apikey=***`. */
  readonly url: string
  readonly method: string | undefined

  constructor(
    shortMessage: string,
    parameters: RpcErrorContext & {
      code: RpcErrorCode
      details?: Record<string, unknown> | undefined
      remedy?: string | undefined
      cause?: unknown
    },
  ) {
    const url = redactUrl(parameters.url)
    const details = Object.fromEntries(
      Object.entries(parameters.details ?? {}).map(([key, value]) => [
        key,
        typeof value === 'string' ? redactUrls(value) : value,
      ]),
    )
    super(shortMessage, {
      code: parameters.code,
      details: { url, method: parameters.method, ...details },
      remedy: parameters.remedy,
      cause: parameters.cause,
    })
    this.code = parameters.code
    this.url = url
    this.method = parameters.method
  }
}

/**
 * The server answered with a non-2xx HTTP status (a proxy, a rate limit, a node that is down).
 * Not casper-js-sdk's `HttpError` (`src/rpc/error.ts`): use `sdk.HttpError.isHttpError` for that one.
 */
export class HttpError extends RpcError {
  override name = 'HttpError'
  readonly status: number
  /** The response body as text, cut to 2000 characters, any URL in it redacted (a proxy may echo the address). */
  readonly body: string

  constructor(parameters: RpcErrorContext & { status: number; body: string }) {
    const body = redactUrls(
      parameters.body.length > 2000 ? `${parameters.body.slice(0, 2000)}…` : parameters.body,
    )
    super(`HTTP ${parameters.status} from the node`, {
      ...parameters,
      code: 'HttpError',
      details: { expected: 'HTTP 2xx', got: `HTTP ${parameters.status}`, body },
      remedy:
        parameters.status === 429
          ? 'The node rate-limits requests: wait and retry, or use a node of your own.'
          : 'Check the URL (a Casper node serves JSON-RPC at POST /rpc, port 7777) and that the node is up.',
    })
    this.status = parameters.status
    this.body = body
  }
}

/**
 * JSON-RPC error codes of casper-node / casper-sidecar by name (casper-node v1.5.8
 * `node/src/components/rpc_server/rpcs/error_code.rs`; casper-sidecar feat-2.0
 * `rpc_sidecar/src/rpcs/error_code.rs`), plus the JSON-RPC 2.0 standard codes.
 */
export const jsonRpcErrorNames = {
  [-32700]: 'ParseError',
  [-32600]: 'InvalidRequest',
  [-32601]: 'MethodNotFound',
  [-32602]: 'InvalidParams',
  [-32603]: 'InternalError',
  [-32000]: 'NoSuchDeploy',
  [-32001]: 'NoSuchBlock',
  [-32002]: 'FailedToParseQueryKey',
  [-32003]: 'QueryFailed',
  [-32004]: 'QueryFailedToExecute',
  [-32005]: 'FailedToParseGetBalanceURef',
  [-32006]: 'FailedToGetBalance',
  [-32007]: 'GetBalanceFailedToExecute',
  [-32008]: 'InvalidDeploy',
  [-32009]: 'NoSuchAccount',
  [-32010]: 'FailedToGetDictionaryURef',
  [-32011]: 'FailedToGetTrie',
  [-32012]: 'NoSuchStateRoot',
  [-32013]: 'NoMainPurse',
  [-32014]: 'NoSuchTransaction',
  [-32015]: 'VariantMismatch',
  [-32016]: 'InvalidTransaction',
  [-32017]: 'InvalidBlock',
  [-32018]: 'NodeRequestFailed',
  [-32019]: 'FunctionIsDisabled',
  [-32020]: 'NoSuchAddressableEntity',
  [-32021]: 'AccountMigratedToEntity',
  [-32022]: 'NoRewardsFound',
  [-32023]: 'SwitchBlockNotFound',
  [-32024]: 'SwitchBlockParentNotFound',
  [-32025]: 'UnsupportedRewardsV1Request',
  [-32026]: 'PurseNotFound',
} as const satisfies Record<number, string>

/** A name of {@link jsonRpcErrorNames}, e.g. `'InvalidDeploy'`. */
export type JsonRpcErrorName = (typeof jsonRpcErrorNames)[keyof typeof jsonRpcErrorNames]

const jsonRpcRemedies: Partial<Record<JsonRpcErrorName, string>> = {
  InvalidDeploy:
    'The node refused the deploy (see data): run preflight(), check the approvals, the deployment threshold, the chain name and the TTL.',
  InvalidTransaction:
    'The node refused the transaction (see data): check the approvals, the thresholds, the chain name and the TTL.',
  NoSuchAccount:
    'No account under this key at this block: fund the key first (a transfer creates the account), or check the network.',
  NoSuchAddressableEntity:
    'No account or entity under this key at this block: fund the key first, or check the network.',
  MethodNotFound: 'The node does not serve this method: check its version with getProtocol().',
  NoSuchDeploy: 'The node does not know this deploy (yet): it may still be gossiping, or was never accepted.',
  NoSuchTransaction: 'The node does not know this transaction (yet).',
}

/** The node answered with a JSON-RPC `error` object: `{ code, message, data? }`. */
export class JsonRpcError extends RpcError {
  override name = 'JsonRpcError'
  /** The node's code, e.g. -32008. */
  readonly rpcCode: number
  /** Its name when known (`InvalidDeploy`), else `undefined`. */
  readonly rpcName: JsonRpcErrorName | undefined
  /** The node's message, e.g. `Invalid Deploy`. */
  readonly rpcMessage: string
  /** The node's `data`, usually the detailed reason, e.g. `invalid deploy: …`. */
  readonly data: unknown

  constructor(parameters: RpcErrorContext & { rpcCode: number; rpcMessage: string; data?: unknown }) {
    const rpcName = (jsonRpcErrorNames as Record<number, JsonRpcErrorName>)[parameters.rpcCode]
    super(`The node returned JSON-RPC error ${parameters.rpcCode}${rpcName ? ` (${rpcName})` : ''}`, {
      ...parameters,
      code: 'JsonRpcError',
      details: { message: parameters.rpcMessage, data: parameters.data },
      remedy: rpcName ? jsonRpcRemedies[rpcName] : undefined,
    })
    this.rpcCode = parameters.rpcCode
    this.rpcName = rpcName
    this.rpcMessage = parameters.rpcMessage
    this.data = parameters.data
  }
}

/** The response lacks a field, or a field has the wrong shape; `field` is its JSON path. */
export class MalformedResponseError extends RpcError {
  override name = 'MalformedResponseError'
  /** JSON path of the field, e.g. `result.account.associated_keys[1].weight`. */
  readonly field: string
  readonly expected: string
  readonly got: string

  constructor(
    parameters: RpcErrorContext & { field: string; expected: string; got: string; cause?: unknown },
  ) {
    super(`Malformed response: ${parameters.field}`, {
      ...parameters,
      code: 'MalformedResponse',
      details: { field: parameters.field, expected: parameters.expected, got: parameters.got },
      remedy:
        'The endpoint does not answer like a Casper node (casper-node / casper-sidecar OpenRPC schema): check the URL and the node version.',
    })
    this.field = parameters.field
    this.expected = parameters.expected
    this.got = parameters.got
  }
}

/**
 * Which limit a {@link TimeoutError} is about:
 * - `'call'`: one JSON-RPC call got no full answer within its own limit (`createRpc`'s `timeoutMs`);
 *   a wait such as `awaitResult` treats it as transient and polls again;
 * - `'deadline'`: the overall deadline of a wait spanning several calls (`awaitResult`'s
 *   `timeoutMs`) passed; final. Its `cause` is the transport error of the last poll, when that poll failed.
 */
export type TimeoutScope = 'call' | 'deadline'

/** No answer within the time limit; `scope` says whether one call's limit or a wait's overall deadline. */
export class TimeoutError extends RpcError {
  override name = 'TimeoutError'
  readonly timeoutMs: number
  readonly scope: TimeoutScope

  constructor(
    parameters: RpcErrorContext & {
      timeoutMs: number
      waitingFor?: string | undefined
      /** Default `'call'`. */
      scope?: TimeoutScope | undefined
      cause?: unknown
    },
  ) {
    const scope = parameters.scope ?? 'call'
    const lastError = parameters.cause instanceof BaseError ? parameters.cause.shortMessage : undefined
    super(
      scope === 'deadline'
        ? `No ${parameters.waitingFor ?? 'answer'} within the overall deadline of ${parameters.timeoutMs} ms`
        : `No ${parameters.waitingFor ?? 'answer'} within ${parameters.timeoutMs} ms`,
      {
        ...parameters,
        code: 'Timeout',
        details: { timeoutMs: parameters.timeoutMs, scope, lastError },
        remedy:
          scope === 'deadline' && lastError
            ? 'The node failed on the last poll (see cause): check that it is up and reachable, then wait again with the same hash.'
            : 'Raise timeoutMs, or check that the node is synced and reachable.',
      },
    )
    this.timeoutMs = parameters.timeoutMs
    this.scope = scope
  }
}

/** The caller's `AbortSignal` fired; `reason` is the signal's reason. */
export class AbortedError extends RpcError {
  override name = 'AbortedError'
  readonly reason: unknown

  constructor(parameters: RpcErrorContext & { reason?: unknown }) {
    super('Aborted by the caller', { ...parameters, code: 'Aborted', cause: parameters.reason })
    this.reason = parameters.reason
  }
}

/** The connection failed (refused, DNS, TLS, reset) before any HTTP answer. */
export class UnreachableError extends RpcError {
  override name = 'UnreachableError'
  /** The system error code when the runtime gives one, e.g. `ECONNREFUSED`. */
  readonly reason: string | undefined

  constructor(parameters: RpcErrorContext & { reason?: string | undefined; cause?: unknown }) {
    super(`Cannot reach ${redactUrl(parameters.url)}`, {
      ...parameters,
      code: 'Unreachable',
      details: { reason: parameters.reason },
      remedy:
        'Check the URL, the port (7777 for a node, 7777/rpc behind a sidecar) and your network; browsers also need CORS on the node.',
    })
    this.reason = parameters.reason
  }
}

/** The answer is larger than the client's `maxResponseBytes`: refused before it is read whole. */
export class ResponseTooLargeError extends RpcError {
  override name = 'ResponseTooLargeError'
  readonly maxResponseBytes: number

  constructor(parameters: RpcErrorContext & { maxResponseBytes: number; receivedBytes: number }) {
    super('Response larger than the size cap', {
      url: parameters.url,
      method: parameters.method,
      code: 'ResponseTooLarge',
      details: { maxResponseBytes: parameters.maxResponseBytes, receivedBytes: parameters.receivedBytes },
      remedy:
        'The node sent more than any answer to this call needs: use another node, or raise maxResponseBytes if you trust it.',
    })
    this.maxResponseBytes = parameters.maxResponseBytes
  }
}
