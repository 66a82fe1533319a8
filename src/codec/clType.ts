// casper-types CLType: the JSON form files carry, checked, and its bytesrepr form.
import * as P from 'micro-packed'
import { CosignError } from '../errors/CosignError.js'
import { tagged, unit } from './bytesrepr.js'

/** The CLTypes without parameters, with their bytesrepr tags (casper-types `cl_type.rs` `CLTypeTag`). */
const simpleTags = {
  Bool: 0,
  I32: 1,
  I64: 2,
  U8: 3,
  U32: 4,
  U64: 5,
  U128: 6,
  U256: 7,
  U512: 8,
  Unit: 9,
  String: 10,
  Key: 11,
  URef: 12,
  Any: 21,
  PublicKey: 22,
} as const

/** A CLType without parameters. */
export type SimpleClType = keyof typeof simpleTags

/** A CLType, in the shape casper-node's JSON gives it (`"U8"`, `{ "List": "U8" }`, `{ "ByteArray": 32 }`, …). */
export type ClType =
  | SimpleClType
  | { Option: ClType }
  | { List: ClType }
  | { ByteArray: number }
  | { Result: { ok: ClType; err: ClType } }
  | { Map: { key: ClType; value: ClType } }
  | { Tuple1: [ClType] }
  | { Tuple2: [ClType, ClType] }
  | { Tuple3: [ClType, ClType, ClType] }

/** casper-types `cl_type.rs` `CL_TYPE_RECURSION_DEPTH`: the deepest nesting the node deserializes. */
export const maxClTypeDepth = 50

/**
 * Reads a JSON `cl_type` strictly: one of the 23 CLTypes, exactly the fields each takes, nested at
 * most {@link maxClTypeDepth} deep, a `ByteArray` length a u32.
 *
 * @throws {CosignError} code `UnknownClType` naming the path and what was found.
 * @example
 * ```ts
 * parseClType({ List: { ByteArray: 32 } }, 'args[0]') // { List: { ByteArray: 32 } }
 * parseClType('U9', 'args[0]') // throws UnknownClType
 * ```
 */
export function parseClType(json: unknown, path: string, depth = 0): ClType {
  const fail = (got: string): never => {
    throw new CosignError('Unknown CLType', {
      code: 'UnknownClType',
      details: { field: path, expected: 'one of the CLTypes casper-types defines', got },
      remedy: 'Use the file exactly as casper-client or casper-multisig wrote it.',
    })
  }
  if (depth > maxClTypeDepth) fail(`a type nested more than ${maxClTypeDepth} deep`)
  if (typeof json === 'string') {
    return Object.hasOwn(simpleTags, json) ? (json as SimpleClType) : fail(JSON.stringify(json))
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail(describe(json))
  const keys = Object.keys(json)
  if (keys.length !== 1) return fail(`an object with the keys ${keys.join(', ') || '(none)'}`)
  const name = keys[0]!
  const inner = (json as Record<string, unknown>)[name]
  const at = `${path}.${name}`
  const nested = (value: unknown, where: string) => parseClType(value, where, depth + 1)
  switch (name) {
    case 'Option':
      return { Option: nested(inner, at) }
    case 'List':
      return { List: nested(inner, at) }
    case 'ByteArray':
      if (typeof inner !== 'number' || !Number.isInteger(inner) || inner < 0 || inner > 0xffff_ffff) {
        return fail(`ByteArray of ${describe(inner)}`)
      }
      return { ByteArray: inner }
    case 'Result': {
      const fields = exact(inner, ['ok', 'err']) ?? fail(`Result of ${describe(inner)}`)
      return { Result: { ok: nested(fields.ok, `${at}.ok`), err: nested(fields.err, `${at}.err`) } }
    }
    case 'Map': {
      const fields = exact(inner, ['key', 'value']) ?? fail(`Map of ${describe(inner)}`)
      return { Map: { key: nested(fields.key, `${at}.key`), value: nested(fields.value, `${at}.value`) } }
    }
    case 'Tuple1':
    case 'Tuple2':
    case 'Tuple3': {
      const size = Number(name.slice(5))
      if (!Array.isArray(inner) || inner.length !== size) return fail(`${name} of ${describe(inner)}`)
      return { [name]: inner.map((item, i) => nested(item, `${at}[${i}]`)) } as ClType
    }
    default:
      return fail(`an object with the key ${JSON.stringify(name)}`)
  }
}

function exact(value: unknown, keys: string[]): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const own = Object.keys(value)
  return own.length === keys.length && keys.every((k) => own.includes(k))
    ? (value as Record<string, unknown>)
    : undefined
}

function describe(value: unknown): string {
  const text = typeof value === 'bigint' ? `${value}` : JSON.stringify(value)
  return text === undefined ? 'nothing' : text.length > 60 ? `${text.slice(0, 60)}…` : text
}

/**
 * A CLType as casper-node writes it in messages: `List<ByteArray(32)>`, `Map<String, U512>`.
 *
 * @example
 * ```ts
 * clTypeText({ List: { ByteArray: 32 } }) // 'List<ByteArray(32)>'
 * ```
 */
export function clTypeText(type: ClType): string {
  if (typeof type === 'string') return type
  if ('Option' in type) return `Option<${clTypeText(type.Option)}>`
  if ('List' in type) return `List<${clTypeText(type.List)}>`
  if ('ByteArray' in type) return `ByteArray(${type.ByteArray})`
  if ('Result' in type) return `Result<${clTypeText(type.Result.ok)}, ${clTypeText(type.Result.err)}>`
  if ('Map' in type) return `Map<${clTypeText(type.Map.key)}, ${clTypeText(type.Map.value)}>`
  const items = 'Tuple1' in type ? type.Tuple1 : 'Tuple2' in type ? type.Tuple2 : type.Tuple3
  return `Tuple${items.length}<${items.map(clTypeText).join(', ')}>`
}

type TaggedClType =
  | { TAG: SimpleClType; data: undefined }
  | { TAG: 'Option' | 'List'; data: ClType }
  | { TAG: 'ByteArray'; data: number }
  | { TAG: 'Result'; data: { ok: ClType; err: ClType } }
  | { TAG: 'Map'; data: { key: ClType; value: ClType } }
  | { TAG: 'Tuple1' | 'Tuple2' | 'Tuple3'; data: ClType[] }

// The coder refers to itself for inner types; it is defined by the time anything is encoded.
const self: P.CoderType<ClType> = P.wrap({
  encodeStream: (w, type: ClType) => clTypeCoder.encodeStream(w, type),
  decodeStream: (r) => clTypeCoder.decodeStream(r),
})

/**
 * bytesrepr of a CLType (casper-types `cl_type.rs` `append_bytes`): the tag byte, then the
 * parameters: inner types, a `ByteArray`'s u32 length, `Result` ok then err, `Map` key then value.
 *
 * @example
 * ```ts
 * clTypeCoder.encode({ List: { ByteArray: 32 } }) // Uint8Array [14, 15, 32, 0, 0, 0]
 * ```
 */
export const clTypeCoder: P.CoderType<ClType> = P.apply(
  tagged({
    ...(Object.fromEntries(Object.entries(simpleTags).map(([name, tag]) => [name, [tag, unit]])) as Record<
      SimpleClType,
      [number, P.CoderType<undefined>]
    >),
    Option: [13, self],
    List: [14, self],
    ByteArray: [15, P.U32LE],
    Result: [16, P.struct({ ok: self, err: self })],
    Map: [17, P.struct({ key: self, value: self })],
    Tuple1: [18, P.tuple([self])],
    Tuple2: [19, P.tuple([self, self])],
    Tuple3: [20, P.tuple([self, self, self])],
  }) as unknown as P.CoderType<TaggedClType>,
  {
    encode: (tagged: TaggedClType): ClType =>
      tagged.data === undefined ? (tagged.TAG as SimpleClType) : ({ [tagged.TAG]: tagged.data } as ClType),
    decode: (type: ClType): TaggedClType =>
      typeof type === 'string'
        ? { TAG: type, data: undefined }
        : ({ TAG: Object.keys(type)[0], data: Object.values(type)[0] } as TaggedClType),
  },
)
