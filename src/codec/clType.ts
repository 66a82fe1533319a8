// casper-types CLType: the JSON form files carry, checked, and its bytesrepr form.
import * as P from 'micro-packed'
import { isObject } from '../encoding/isObject.js'
import { CosignError } from '../errors/CosignError.js'
import { tagged, unit } from './bytesrepr.js'

/** A CLType without parameters. */
export type SimpleClType =
  | 'Bool'
  | 'I32'
  | 'I64'
  | 'U8'
  | 'U32'
  | 'U64'
  | 'U128'
  | 'U256'
  | 'U512'
  | 'Unit'
  | 'String'
  | 'Key'
  | 'URef'
  | 'Any'
  | 'PublicKey'

/** The CLTypes without parameters, with their bytesrepr tags (casper-types `cl_type.rs` `CLTypeTag`). */
const simpleTags: Readonly<Record<SimpleClType, number>> = {
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
}

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

/**
 * casper-types `cl_type.rs` `CL_TYPE_RECURSION_DEPTH`: `depth_limited_from_bytes` starts at 0 for the
 * outer type and refuses depth 50, so a type is at most 50 levels deep (`List` nested 49 times around
 * `U8`). The node cannot read back a deeper one (`ExceededRecursionDepth`), so a deploy carrying one
 * could never be stored or gossiped.
 */
export const maxClTypeDepth = 50

/**
 * The most CLType nodes read from one args list (a deploy's payment or session, a TransactionV1's
 * args), all its args' types together. casper-types bounds only a type's depth; its size is bounded
 * by the args limits, since every node is at least one serialized byte of the arg (`cl_type.rs`
 * `serialized_length`: one tag byte per node, 4 more for a `ByteArray` length) and the node refuses
 * args longer than `session_args_max_length` / `payment_args_max_length` (1024 on mainnet) or the
 * lane's `max_transaction_args_length` (at most 2048 on mainnet). 4096 is twice the largest of
 * those, so no type a node accepts is refused, while no file can make a walk over its types slow.
 */
export const maxClTypeNodes = 4096

/**
 * What is left of the {@link maxClTypeNodes} budget of one args list; share one across the args of
 * a list ({@link clTypeBudget}).
 */
export type ClTypeBudget = { nodes: number }

/**
 * A fresh budget of {@link maxClTypeNodes} nodes, for the CLTypes of one args list.
 *
 * @example
 * ```ts
 * const budget = clTypeBudget()
 * args.map(([name, value], i) => readClType(value.cl_type, `args[${i}]`, refuse, budget))
 * ```
 */
export function clTypeBudget(): ClTypeBudget {
  return { nodes: maxClTypeNodes }
}

/**
 * Builds the error a refused `cl_type` is thrown as: `field` names where, `expected` the rule it
 * breaks, `got` the JSON found there; `tooLarge` when the rule broken is {@link maxClTypeNodes}.
 * Each entry throws its own class with these details.
 */
export type ClTypeRefusal = (field: string, expected: string, got: unknown, tooLarge?: boolean) => Error

/**
 * Reads a JSON `cl_type` strictly, as casper-types serde reads it (externally tagged): one of the 23
 * CLTypes, exactly the fields each takes, at most {@link maxClTypeDepth} levels deep, a `ByteArray`
 * length a u32, and at most what is left of `budget` ({@link maxClTypeNodes} per args list) in
 * nodes. The one reader of CLType JSON; {@link parseClType} is it with the co-signer's error. Time
 * is linear in the nodes read.
 *
 * @throws the error `refuse` builds, naming the path, the rule and what was found.
 * @example
 * ```ts
 * readClType({ List: { ByteArray: 32 } }, 'args[0]', (field) => new Error(field)) // { List: { ByteArray: 32 } }
 * ```
 */
export function readClType(
  json: unknown,
  path: string,
  refuse: ClTypeRefusal,
  budget: ClTypeBudget = clTypeBudget(),
): ClType {
  return read(json, path, refuse, budget, 0)
}

function read(
  json: unknown,
  path: string,
  refuse: ClTypeRefusal,
  budget: ClTypeBudget,
  depth: number,
): ClType {
  if (depth >= maxClTypeDepth) {
    throw refuse(
      path,
      `a CLType nested at most ${maxClTypeDepth} deep (casper-types CL_TYPE_RECURSION_DEPTH)`,
      `a type nested more than ${maxClTypeDepth} deep`,
    )
  }
  if (--budget.nodes < 0) {
    throw refuse(
      path,
      `at most ${maxClTypeNodes} CLType nodes in one args list (no args the node accepts hold more)`,
      `more than ${maxClTypeNodes} nodes`,
      true,
    )
  }
  const anyClType = 'one of the CLTypes casper-types defines'
  if (typeof json === 'string') {
    if (Object.hasOwn(simpleTags, json)) return json as SimpleClType
    throw refuse(path, anyClType, json)
  }
  if (!isObject(json)) throw refuse(path, anyClType, json)
  let name: string | undefined
  for (const key in json) {
    if (name !== undefined) throw refuse(path, anyClType, json)
    name = key
  }
  if (name === undefined) throw refuse(path, anyClType, json)
  const inner = json[name]
  const at = `${path}.${name}`
  const nested = (value: unknown, where: string) => read(value, where, refuse, budget, depth + 1)
  switch (name) {
    case 'Option':
      return { Option: nested(inner, at) }
    case 'List':
      return { List: nested(inner, at) }
    case 'ByteArray':
      if (!Number.isInteger(inner) || (inner as number) < 0 || (inner as number) > 0xffff_ffff)
        throw refuse(at, 'a ByteArray length from 0 to 4294967295 (u32)', inner)
      return { ByteArray: inner as number }
    case 'Result': {
      const [ok, err] = pair(inner, at, 'ok', 'err', refuse)
      return { Result: { ok: nested(ok, `${at}.ok`), err: nested(err, `${at}.err`) } }
    }
    case 'Map': {
      const [key, value] = pair(inner, at, 'key', 'value', refuse)
      return { Map: { key: nested(key, `${at}.key`), value: nested(value, `${at}.value`) } }
    }
    case 'Tuple1':
    case 'Tuple2':
    case 'Tuple3': {
      const size = Number(name.slice(5))
      if (!Array.isArray(inner) || inner.length !== size)
        throw refuse(at, `an array of ${size} CLType${size === 1 ? '' : 's'}`, inner)
      return { [name]: inner.map((item, i) => nested(item, `${at}[${i}]`)) } as ClType
    }
    default:
      throw refuse(path, anyClType, json)
  }
}

function pair(value: unknown, path: string, a: string, b: string, refuse: ClTypeRefusal): [unknown, unknown] {
  if (
    !isObject(value) ||
    Object.keys(value).length !== 2 ||
    !Object.hasOwn(value, a) ||
    !Object.hasOwn(value, b)
  )
    throw refuse(path, `an object with exactly the fields ${a} and ${b}`, value)
  return [value[a], value[b]]
}

/**
 * Reads a JSON `cl_type` with `readClType`, refusing with the co-signer's error; `budget` is
 * shared by the args of one list.
 *
 * @throws {CosignError} code `UnknownClType` naming the path, the rule and what was found;
 * `ClTypeTooLarge` past {@link maxClTypeNodes} nodes.
 * @example
 * ```ts
 * parseClType({ List: { ByteArray: 32 } }, 'args[0]') // { List: { ByteArray: 32 } }
 * parseClType('U9', 'args[0]') // throws UnknownClType
 * ```
 */
export function parseClType(json: unknown, path: string, budget: ClTypeBudget = clTypeBudget()): ClType {
  return readClType(json, path, unknownClType, budget)
}

const unknownClType: ClTypeRefusal = (field, expected, got, tooLarge) =>
  tooLarge
    ? new CosignError('CLTypes too large', {
        code: 'ClTypeTooLarge',
        details: { field, expected, got: describe(got) },
        remedy: `Keep the CLTypes of one args list within ${maxClTypeNodes} nodes: casper-node refuses args that large.`,
      })
    : new CosignError('Unknown CLType', {
        code: 'UnknownClType',
        details: { field, expected, got: describe(got) },
        remedy: 'Use the file exactly as casper-client or casper-multisig wrote it.',
      })

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

/**
 * The bytes of a CLType's bytesrepr (casper-types `cl_type.rs` `serialized_length`): one tag byte
 * per node, and 4 for each `ByteArray` length. Part of every arg's serialized length.
 *
 * @example
 * ```ts
 * clTypeLength({ List: { ByteArray: 32 } }) // 6
 * ```
 */
export function clTypeLength(type: ClType): number {
  if (typeof type === 'string') return 1
  if ('Option' in type) return 1 + clTypeLength(type.Option)
  if ('List' in type) return 1 + clTypeLength(type.List)
  if ('ByteArray' in type) return 5
  if ('Result' in type) return 1 + clTypeLength(type.Result.ok) + clTypeLength(type.Result.err)
  if ('Map' in type) return 1 + clTypeLength(type.Map.key) + clTypeLength(type.Map.value)
  const items = 'Tuple1' in type ? type.Tuple1 : 'Tuple2' in type ? type.Tuple2 : type.Tuple3
  return items.reduce((sum, item) => sum + clTypeLength(item), 1)
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
