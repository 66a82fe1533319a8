// A CLValue's type and bytes checked the way casper-types reads them, in time linear in the bytes.
import { bytesToHex } from '../encoding/hex.js'
import { isObject } from '../encoding/isObject.js'
import { DeployError } from '../errors/DeployError.js'

/** A CLType read from its JSON (casper-types `cl_type.rs`, serde's externally tagged enum). */
export type ClType =
  | { tag: 'Bool' | 'I32' | 'I64' | 'U8' | 'U32' | 'U64' | 'U128' | 'U256' | 'U512' | 'Unit' | 'String' }
  | { tag: 'Key' | 'URef' | 'PublicKey' }
  /** Opaque bytes: the node hashes them, nothing can check or show them. */
  | { tag: 'Any' }
  | { tag: 'Option' | 'List'; inner: ClType }
  | { tag: 'ByteArray'; length: number }
  | { tag: 'Result'; ok: ClType; err: ClType }
  | { tag: 'Map'; key: ClType; value: ClType }
  | { tag: 'Tuple1' | 'Tuple2' | 'Tuple3'; items: ClType[] }

/**
 * casper-types `cl_type.rs` `CL_TYPE_RECURSION_DEPTH`: the node cannot read back a type nested deeper
 * (`ExceededRecursionDepth`), so a deploy carrying one could never be stored or gossiped.
 */
export const clTypeMaxDepth = 50

// casper-types `cl_type.rs` CL_TYPE_TAG_*.
const tags = {
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
  Option: 13,
  List: 14,
  ByteArray: 15,
  Result: 16,
  Map: 17,
  Tuple1: 18,
  Tuple2: 19,
  Tuple3: 20,
  Any: 21,
  PublicKey: 22,
} as const
const simple = new Set(['Bool', 'I32', 'I64', 'U8', 'U32', 'U64', 'U128', 'U256', 'U512', 'Unit', 'String'])
const system = new Set(['Key', 'URef', 'PublicKey', 'Any'])

/** The result of {@link checkClValue}: the CLType read, and its bytes as casper-types writes them. */
export type CheckedClValue = { clType: ClType; clTypeBytes: Uint8Array }

/**
 * Reads a CLType from its JSON and checks that the value's bytes are exactly one value of it, as
 * casper-types `bytesrepr::deserialize` reads them: every length and count is checked against the
 * bytes left before anything loops on it, at every nesting level, and no byte may be left over.
 * `Any`, a list or map of zero-sized items with a nonzero count, and `Key` variants other than the
 * fixed-size ones of casper-types 1.5 (tags 0-9, 12) are refused: their bytes cannot be checked or
 * shown faithfully. Time is linear in the bytes plus the type.
 *
 * @throws {DeployError} `InvalidClType` for a type casper-types would not read, `InvalidClValue` for
 * bytes that are not one value of the type; `details.field` names where.
 * @example
 * ```ts
 * checkClValue({ List: 'U8' }, new Uint8Array([1, 0, 0, 0, 7]), 'args[0]').clTypeBytes // Uint8Array [14, 3]
 * ```
 */
export function checkClValue(clTypeJson: unknown, bytes: Uint8Array, path: string): CheckedClValue {
  const { clType, clTypeBytes } = checkClType(clTypeJson, `${path}.cl_type`)
  const end = readValue(clType, bytes, 0, `${path}.bytes`)
  if (end !== bytes.length)
    throw invalidValue(
      `${path}.bytes`,
      `exactly one ${clTypeName(clType)}`,
      `${bytes.length - end} byte(s) left over`,
    )
  return { clType, clTypeBytes }
}

/**
 * Reads a CLType from its JSON as casper-types serde reads it, no deeper than {@link clTypeMaxDepth},
 * and writes its bytes (casper-types `cl_type.rs` `append_bytes`). This is all the hash needs: the
 * node hashes a value's bytes as they are.
 *
 * @throws {DeployError} `InvalidClType` naming where.
 * @example
 * ```ts
 * checkClType({ ByteArray: 32 }, 'args[0].cl_type').clTypeBytes // Uint8Array [15, 32, 0, 0, 0]
 * ```
 */
export function checkClType(clTypeJson: unknown, path: string): CheckedClValue {
  const clType = readClType(clTypeJson, path, 0)
  const out: number[] = []
  writeClType(clType, out)
  return { clType, clTypeBytes: new Uint8Array(out) }
}

/** A CLType as casper-types `Display`s it in JSON-ish form (`List<U8>`, `ByteArray(32)`). */
export function clTypeName(type: ClType): string {
  switch (type.tag) {
    case 'Option':
    case 'List':
      return `${type.tag}<${clTypeName(type.inner)}>`
    case 'ByteArray':
      return `ByteArray(${type.length})`
    case 'Result':
      return `Result<${clTypeName(type.ok)}, ${clTypeName(type.err)}>`
    case 'Map':
      return `Map<${clTypeName(type.key)}, ${clTypeName(type.value)}>`
    case 'Tuple1':
    case 'Tuple2':
    case 'Tuple3':
      return `${type.tag}<${type.items.map(clTypeName).join(', ')}>`
    default:
      return type.tag
  }
}

function readClType(json: unknown, path: string, depth: number): ClType {
  if (depth >= clTypeMaxDepth)
    throw invalidType(
      path,
      `a CLType nested at most ${clTypeMaxDepth} deep (casper-types CL_TYPE_RECURSION_DEPTH)`,
      'deeper',
    )
  if (typeof json === 'string') {
    if (simple.has(json) || system.has(json)) return { tag: json } as ClType
    throw invalidType(path, 'a CLType casper-multisig can check', json)
  }
  if (!isObject(json) || Object.keys(json).length !== 1) throw invalidType(path, 'a CLType', json)
  const [variant, body] = Object.entries(json)[0]!
  const at = `${path}.${variant}`
  switch (variant) {
    case 'Option':
    case 'List':
      return { tag: variant, inner: readClType(body, at, depth + 1) }
    case 'ByteArray':
      if (!Number.isInteger(body) || (body as number) < 0 || (body as number) > 0xffff_ffff)
        throw invalidType(at, 'a ByteArray length from 0 to 4294967295 (u32)', body)
      return { tag: 'ByteArray', length: body as number }
    case 'Result': {
      const fields = pair(body, at, 'ok', 'err')
      return {
        tag: 'Result',
        ok: readClType(fields[0], `${at}.ok`, depth + 1),
        err: readClType(fields[1], `${at}.err`, depth + 1),
      }
    }
    case 'Map': {
      const fields = pair(body, at, 'key', 'value')
      return {
        tag: 'Map',
        key: readClType(fields[0], `${at}.key`, depth + 1),
        value: readClType(fields[1], `${at}.value`, depth + 1),
      }
    }
    case 'Tuple1':
    case 'Tuple2':
    case 'Tuple3': {
      const arity = Number(variant.slice(5))
      if (!Array.isArray(body) || body.length !== arity)
        throw invalidType(at, `an array of ${arity} CLType${arity === 1 ? '' : 's'}`, body)
      return { tag: variant, items: body.map((t, i) => readClType(t, `${at}[${i}]`, depth + 1)) }
    }
    default:
      throw invalidType(path, 'a CLType casper-multisig can check', json)
  }
}

function pair(body: unknown, path: string, a: string, b: string): [unknown, unknown] {
  if (!isObject(body) || Object.keys(body).length !== 2 || !Object.hasOwn(body, a) || !Object.hasOwn(body, b))
    throw invalidType(path, `an object with exactly the fields ${a} and ${b}`, body)
  return [body[a], body[b]]
}

function writeClType(type: ClType, out: number[]): void {
  out.push(tags[type.tag])
  switch (type.tag) {
    case 'Option':
    case 'List':
      writeClType(type.inner, out)
      return
    case 'ByteArray':
      out.push(
        type.length & 0xff,
        (type.length >>> 8) & 0xff,
        (type.length >>> 16) & 0xff,
        type.length >>> 24,
      )
      return
    case 'Result':
      writeClType(type.ok, out)
      writeClType(type.err, out)
      return
    case 'Map':
      writeClType(type.key, out)
      writeClType(type.value, out)
      return
    case 'Tuple1':
    case 'Tuple2':
    case 'Tuple3':
      for (const item of type.items) writeClType(item, out)
      return
  }
}

/** The fewest bytes a value of the type can take: what a count is checked against before looping. */
function minimumSize(type: ClType): number {
  switch (type.tag) {
    case 'Bool':
    case 'U8':
    case 'U128':
    case 'U256':
    case 'U512':
    case 'Key':
    case 'PublicKey':
    case 'Option':
    case 'Result':
      return 1
    case 'I32':
    case 'U32':
    case 'String':
    case 'List':
    case 'Map':
      return 4
    case 'I64':
    case 'U64':
      return 8
    case 'URef':
      return 33
    case 'Unit':
    case 'Any':
      return 0
    case 'ByteArray':
      return type.length
    case 'Tuple1':
    case 'Tuple2':
    case 'Tuple3':
      return type.items.reduce((sum, item) => sum + minimumSize(item), 0)
  }
}

/** casper-types 1.5 `key.rs`: fixed-size `Key` variants by tag, and their payload sizes. */
const keySizes: ReadonlyMap<number, number> = new Map([
  [0, 32], // Account
  [1, 32], // Hash
  [2, 33], // URef: address + access rights
  [3, 32], // Transfer
  [4, 32], // DeployInfo
  [5, 8], // EraInfo: u64
  [6, 32], // Balance
  [7, 32], // Bid
  [8, 32], // Withdraw
  [9, 32], // Dictionary
  [12, 32], // Unbond
])

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Reads one value of `type` at `at`; returns the offset after it. Never loops beyond the bytes. */
function readValue(type: ClType, bytes: Uint8Array, at: number, path: string): number {
  const need = (count: number, what: string) => {
    const left = bytes.length - at
    if (count > left) throw invalidValue(path, `${count} byte(s) for ${what}`, `${left} byte(s) left`)
    return at + count
  }
  const u32 = () => {
    need(4, 'a u32 length')
    return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  }
  switch (type.tag) {
    case 'Bool':
      need(1, 'a Bool')
      if (bytes[at]! > 1) throw invalidValue(path, 'a Bool byte 0 or 1', bytes[at])
      return at + 1
    case 'U8':
      return need(1, 'a U8')
    case 'I32':
    case 'U32':
      return need(4, type.tag)
    case 'I64':
    case 'U64':
      return need(8, type.tag)
    case 'U128':
    case 'U256':
    case 'U512': {
      // casper-types `bignum.rs` from_bytes: a length byte of at most the width, then that many bytes.
      need(1, `a ${type.tag} length byte`)
      const width = { U128: 16, U256: 32, U512: 64 }[type.tag]
      const length = bytes[at]!
      if (length > width) throw invalidValue(path, `a ${type.tag} length byte 0..${width}`, length)
      at += 1
      return need(length, type.tag)
    }
    case 'Unit':
      return at
    case 'Any':
      throw invalidValue(
        path,
        'a value of a CLType other than Any',
        'Any, whose bytes nothing can check or show',
      )
    case 'String': {
      const length = u32()
      at += 4
      const end = need(length, 'the String')
      try {
        utf8.decode(bytes.subarray(at, end))
      } catch {
        throw invalidValue(path, 'UTF-8 text (casper-types refuses other bytes)', 'invalid UTF-8')
      }
      return end
    }
    case 'ByteArray':
      return need(type.length, `ByteArray(${type.length})`)
    case 'URef':
      need(33, 'a URef')
      // casper-types `access_rights.rs`: only the bits READ | WRITE | ADD (0b111).
      if (bytes[at + 32]! > 7) throw invalidValue(path, 'URef access rights 0..7', bytes[at + 32])
      return at + 33
    case 'Key': {
      need(1, 'a Key tag')
      const size = keySizes.get(bytes[at]!)
      if (size === undefined)
        throw invalidValue(path, `a Key tag of ${[...keySizes.keys()].join(', ')}`, bytes[at])
      at += 1
      const end = need(size, 'the Key')
      if (bytes[at - 1] === 2 && bytes[end - 1]! > 7)
        throw invalidValue(path, 'URef access rights 0..7', bytes[end - 1])
      return end
    }
    case 'PublicKey': {
      // casper-types `crypto/asymmetric_key.rs`: tag 0 System (no bytes), 1 Ed25519 (32), 2 Secp256k1 (33).
      need(1, 'a PublicKey tag')
      const size = [0, 32, 33][bytes[at]!]
      if (size === undefined) throw invalidValue(path, 'a PublicKey tag 0, 1 or 2', bytes[at])
      at += 1
      return need(size, 'the PublicKey')
    }
    case 'Option': {
      need(1, 'an Option tag')
      const tag = bytes[at]!
      if (tag === 0) return at + 1
      if (tag !== 1) throw invalidValue(path, 'an Option tag 0 (None) or 1 (Some)', tag)
      return readValue(type.inner, bytes, at + 1, `${path}.Some`)
    }
    case 'Result': {
      // casper-types `bytesrepr.rs`: RESULT_ERR_TAG 0, RESULT_OK_TAG 1.
      need(1, 'a Result tag')
      const tag = bytes[at]!
      if (tag > 1) throw invalidValue(path, 'a Result tag 0 (Err) or 1 (Ok)', tag)
      return readValue(tag === 1 ? type.ok : type.err, bytes, at + 1, `${path}.${tag === 1 ? 'Ok' : 'Err'}`)
    }
    case 'List':
    case 'Map': {
      const count = u32()
      at += 4
      const items: ClType[] = 'inner' in type ? [type.inner] : [type.key, type.value]
      const size = items.reduce((sum, item) => sum + minimumSize(item), 0)
      if (size === 0 && count > 0)
        throw invalidValue(
          path,
          `a ${clTypeName(type)} of 0 items (its items take no bytes)`,
          `a count of ${count}`,
        )
      if (count * size > bytes.length - at)
        throw invalidValue(
          path,
          `a ${clTypeName(type)} of at most ${Math.floor((bytes.length - at) / size)} items in the bytes left`,
          `a count of ${count}`,
        )
      // casper-types reads a Map into a BTreeMap: a repeated key would be shown twice and read once.
      const keys = type.tag === 'Map' ? new Set<string>() : undefined
      for (let i = 0; i < count; i++) {
        const start = at
        at = readValue(items[0]!, bytes, at, `${path}[${i}]`)
        if (keys) {
          const key = bytesToHex(bytes.subarray(start, at))
          if (keys.has(key))
            throw invalidValue(`${path}[${i}]`, 'each Map key once', `the key ${shorten(key)} again`)
          keys.add(key)
          at = readValue(items[1]!, bytes, at, `${path}[${i}]`)
        }
      }
      return at
    }
    case 'Tuple1':
    case 'Tuple2':
    case 'Tuple3':
      type.items.forEach((item, i) => {
        at = readValue(item, bytes, at, `${path}.${i}`)
      })
      return at
  }
}

function invalidType(field: string, expected: string, got: unknown): DeployError {
  return new DeployError(`Invalid CLType at ${field}`, {
    code: 'InvalidClType',
    details: { field, expected, got: shorten(got) },
    remedy:
      'Use a CLType casper-node serialises (casper-types cl_type.rs); the tools cannot check or show others.',
  })
}

function invalidValue(field: string, expected: string, got: unknown): DeployError {
  return new DeployError(`Invalid CLValue bytes at ${field}`, {
    code: 'InvalidClValue',
    details: { field, expected, got: shorten(got) },
    remedy: 'The bytes must be exactly one value of the declared CLType, as casper-types serialises it.',
  })
}

function shorten(got: unknown): string {
  const text =
    typeof got === 'string' ? got : got instanceof Uint8Array ? bytesToHex(got) : JSON.stringify(got)
  return text === undefined ? 'nothing' : text.length > 120 ? `${text.slice(0, 120)}…` : text
}
