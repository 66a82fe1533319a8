// Field-by-field checks of a node's JSON answer, each failure a MalformedResponseError naming the field.
// casper-js-sdk's typedjson layer (`src/rpc/response.ts`) logs and continues on malformed input;
// this does not.
import { MalformedResponseError, type RpcErrorContext } from './RpcError.js'

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>

/** The readers {@link responseShape} returns; every one throws `MalformedResponseError` naming `path`. */
export type ResponseShape = {
  fail(path: string, expected: string, value: unknown): never
  object(value: unknown, path: string): JsonObject
  array(value: unknown, path: string): unknown[]
  string(value: unknown, path: string, pattern?: RegExp, expected?: string): string
  /** An integer in `min..max`. */
  integer(value: unknown, path: string, min: number, max: number): number
  /** A U512/U64 as the node writes it: a decimal string (`"246912"`). */
  decimal(value: unknown, path: string): bigint
  /** `account-hash-<64 hex>` → the 64 lowercase hex digits. */
  accountHash(value: unknown, path: string): string
  /** 64 hex digits, lowercased. */
  hash(value: unknown, path: string): string
  /** The object's one key (externally tagged Rust enums: `{ "Version2": … }`). */
  variant(value: unknown, path: string, names: readonly string[]): [name: string, inner: unknown]
}

/**
 * A short description of a JSON value for "expected X, got Y" messages.
 *
 * @example
 * ```ts
 * describeJson(undefined) // 'nothing (field absent)'
 * describeJson(300) // 'number 300'
 * ```
 */
function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing (field absent)'
  if (value === null) return 'null'
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
  if (typeof value === 'object')
    return `an object with keys ${JSON.stringify(Object.keys(value).slice(0, 8))}`
  return `${typeof value} ${String(value)}`
}

/**
 * Readers of one response, all reporting the endpoint and method in their errors.
 *
 * @example
 * ```ts
 * const read = responseShape({ url, method: 'info_get_status' })
 * const status = read.object(result, 'result')
 * const version = read.string(status.api_version, 'result.api_version', /^\d+\.\d+/, 'a version like "2.0.0"')
 * ```
 */
export function responseShape(context: RpcErrorContext): ResponseShape {
  const fail = (path: string, expected: string, value: unknown): never => {
    throw new MalformedResponseError({ ...context, field: path, expected, got: describeJson(value) })
  }
  const object = (value: unknown, path: string): JsonObject =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : fail(path, 'an object', value)
  const string = (value: unknown, path: string, pattern?: RegExp, expected?: string): string => {
    if (typeof value !== 'string') return fail(path, expected ?? 'a string', value)
    if (pattern && !pattern.test(value)) return fail(path, expected ?? `a string matching ${pattern}`, value)
    return value
  }
  return {
    fail,
    object,
    array: (value, path) => (Array.isArray(value) ? value : fail(path, 'an array', value)),
    string,
    integer: (value, path, min, max) =>
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
        ? value
        : fail(path, `an integer ${min}..${max}`, value),
    decimal: (value, path) => BigInt(string(value, path, /^\d{1,155}$/, 'a decimal string such as "246912"')),
    accountHash: (value, path) =>
      string(value, path, /^account-hash-[0-9a-fA-F]{64}$/, 'account-hash-<64 hex>')
        .slice('account-hash-'.length)
        .toLowerCase(),
    hash: (value, path) => string(value, path, /^[0-9a-fA-F]{64}$/, '64 hex digits').toLowerCase(),
    variant: (value, path, names) => {
      const entries = Object.entries(object(value, path))
      const [entry] = entries
      if (entries.length !== 1 || !entry || !names.includes(entry[0])) {
        return fail(path, `an object with one key of ${names.join(', ')}`, value)
      }
      return entry
    },
  }
}
