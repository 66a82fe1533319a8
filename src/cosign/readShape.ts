// Strict readers for fields of untrusted JSON: each names the field and what was expected when it refuses.
import { hexToBytes } from '../encoding/hex.js'
import type { StrictJson } from '../encoding/parseStrictJson.js'
import { CosignError } from '../errors/CosignError.js'

/** A JSON object as `parseStrictJson` returns it. */
export type StrictJsonObject = { [key: string]: StrictJson }

/**
 * The `InvalidShape` error for a field: `got` is what was found, text as it is (a value or a
 * description such as `unknown field x`), anything else as JSON.
 */
export function invalidShape(field: string, expected: string, got: unknown, cause?: unknown): CosignError {
  const text = typeof got === 'string' || typeof got === 'bigint' ? String(got) : stringify(got)
  return new CosignError('Invalid deploy or transaction file', {
    code: 'InvalidShape',
    details: { field, expected, got: text.length > 120 ? `${text.slice(0, 120)}…` : text },
    remedy: 'Use the file exactly as casper-client, casper-multisig or the wallet wrote it.',
    cause,
  })
}

function stringify(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}` : v)) ?? 'nothing'
}

/** An object with exactly the `required` fields and at most the `optional` ones. */
export function object(
  value: unknown,
  path: string,
  required: readonly string[],
  optional: readonly string[] = [],
) {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidShape(path, 'an object', value)
  const keys = Object.keys(value)
  const unknown = keys.filter((k) => !required.includes(k) && !optional.includes(k))
  if (unknown.length > 0) {
    throw invalidShape(
      path,
      `only the fields ${[...required, ...optional].join(', ')}`,
      `unknown field ${unknown[0]}`,
    )
  }
  const missing = required.filter((k) => !keys.includes(k))
  if (missing.length > 0) throw invalidShape(path, `the fields ${required.join(', ')}`, `no ${missing[0]}`)
  return value as StrictJsonObject
}

/** An object with exactly one key (an externally tagged Rust enum); returns the key and its value. */
export function variant(value: unknown, path: string, names: readonly string[]): [string, StrictJson] {
  if (typeof value === 'string' && names.includes(value)) return [value, null]
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.keys(value).length !== 1
  ) {
    throw invalidShape(path, `one of ${names.join(', ')}`, value)
  }
  const [name, inner] = Object.entries(value)[0]!
  if (!names.includes(name))
    throw invalidShape(path, `one of the variants ${names.join(', ')}`, `unknown variant ${name}`)
  return [name, inner]
}

export function array(value: unknown, path: string): StrictJson[] {
  if (!Array.isArray(value)) throw invalidShape(path, 'an array', value)
  return value
}

export function string(value: unknown, path: string, pattern?: RegExp, expected?: string): string {
  if (typeof value !== 'string') throw invalidShape(path, 'a string', value)
  if (pattern && !pattern.test(value))
    throw invalidShape(path, expected ?? `text matching ${pattern.source}`, value)
  return value
}

/** Hex text as bytes; `length` in bytes when fixed. */
export function hex(value: unknown, path: string, length?: number): Uint8Array {
  const text = string(
    value,
    path,
    length === undefined ? /^(?:[0-9a-fA-F]{2})*$/ : new RegExp(`^[0-9a-fA-F]{${length * 2}}$`),
    length === undefined ? 'hex (an even number of 0-9, a-f)' : `${length} bytes as hex`,
  )
  return hexToBytes(text.toLowerCase())
}

/** An integer in [0, max], as a number. */
export function integer(value: unknown, path: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw invalidShape(path, `an integer from 0 to ${max}`, value)
  }
  return value
}

/** A u64 (a JSON number, exact as `parseStrictJson` keeps it). */
export function u64(value: unknown, path: string): bigint {
  const n = typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value
  if (typeof n !== 'bigint' || n < 0n || n >= 1n << 64n)
    throw invalidShape(path, 'an integer from 0 to 2^64 - 1', value)
  return n
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw invalidShape(path, 'true or false', value)
  return value
}

/** Tagged public key hex: `01` + 32 bytes or `02` + 33 bytes; returned lowercase. */
export function publicKeyHex(value: unknown, path: string): string {
  return string(
    value,
    path,
    /^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/,
    'a public key: 01 + 32 bytes (ed25519) or 02 + 33 bytes (secp256k1) as hex',
  ).toLowerCase()
}
