// A CLValue's type and bytes checked the way casper-types reads them, in time linear in the bytes.
import { bytesToHex } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import {
  type ClType,
  type ClTypeBudget,
  type ClTypeRefusal,
  clTypeBudget,
  clTypeText,
  maxClTypeNodes,
  readClType,
} from './clType.js'

/**
 * Reads an arg's JSON `cl_type` for the main entry: the codec's one reader (`readClType`),
 * refusing with a `DeployError`; `budget` ({@link clTypeBudget}) is shared by the args of one list.
 *
 * @throws {DeployError} `InvalidClType` naming where, the rule and what was found;
 * `ClTypeTooLarge` past `maxClTypeNodes` nodes in the list.
 * @example
 * ```ts
 * argClType({ List: 'U8' }, 'args[0][1].cl_type') // { List: 'U8' }
 * ```
 */
export function argClType(json: unknown, path: string, budget: ClTypeBudget = clTypeBudget()): ClType {
  return readClType(json, path, invalidClType, budget)
}

/**
 * Checks that `bytes` are exactly one value of `type`, as casper-types `bytesrepr::deserialize`
 * reads them: every length and count is checked against the bytes left before anything loops on it,
 * at every nesting level, and no byte may be left over. `Any`, a list or map of zero-sized items with
 * a nonzero count, and `Key` variants other than the fixed-size ones of casper-types 1.5 (tags 0-9,
 * 12) are refused: their bytes cannot be checked or shown faithfully. Time is linear in the bytes
 * plus the type.
 *
 * @throws {DeployError} `InvalidClValue` for bytes that are not one value of the type; `details.field`
 * names where (`path`, then `.Some`, `.Ok`, `[i]`, `.0`… inside).
 * @example
 * ```ts
 * checkClValue({ List: 'U8' }, new Uint8Array([1, 0, 0, 0, 7]), 'args[0][1].bytes') // passes
 * checkClValue('Bool', new Uint8Array([2]), 'args[0][1].bytes') // throws InvalidClValue
 * ```
 */
export function checkClValue(type: ClType, bytes: Uint8Array, path: string): void {
  const end = readValue(type, bytes, 0, path)
  if (end !== bytes.length)
    throw invalidValue(path, `exactly one ${clTypeText(type)}`, `${bytes.length - end} byte(s) left over`)
}

/**
 * {@link checkClValue} for an arg as the main entry reads it: `exact`, every value must be exactly one
 * value of its type; otherwise as casper-node's JSON layer reads it, a value that is not is let
 * through when its type holds no List or Map (nothing anyone could loop on), so the node's own
 * later check can report it in its words. Counts and lengths are checked in either case.
 *
 * @throws {DeployError} `InvalidClValue`, as {@link checkClValue}.
 * @example
 * ```ts
 * checkArgValue('Bool', new Uint8Array([2]), 'args[0][1].bytes', false) // passes: the node reports it
 * ```
 */
export function checkArgValue(type: ClType, bytes: Uint8Array, path: string, exact: boolean): void {
  try {
    checkClValue(type, bytes, path)
  } catch (error) {
    const flat = !/"(?:List|Map)"/.test(JSON.stringify(type))
    if (exact || !(error instanceof DeployError) || error.code !== 'InvalidClValue' || !flat) throw error
  }
}

const minimumSizes = new WeakMap<object, number>()

/**
 * The fewest bytes a value of the type can take: what a count is checked against before looping.
 * Computed once per type node, so reading a list of tuples costs the bytes, not the count times
 * the type.
 */
function minimumSize(type: ClType): number {
  if (typeof type === 'object') {
    const known = minimumSizes.get(type)
    if (known !== undefined) return known
    const size = computeMinimumSize(type)
    minimumSizes.set(type, size)
    return size
  }
  return computeMinimumSize(type)
}

function computeMinimumSize(type: ClType): number {
  if (typeof type === 'string') {
    switch (type) {
      case 'Bool':
      case 'U8':
      case 'U128':
      case 'U256':
      case 'U512':
      case 'Key':
      case 'PublicKey':
        return 1
      case 'I32':
      case 'U32':
      case 'String':
        return 4
      case 'I64':
      case 'U64':
        return 8
      case 'URef':
        return 33
      case 'Unit':
      case 'Any':
        return 0
    }
  }
  if ('Option' in type || 'Result' in type) return 1
  if ('List' in type || 'Map' in type) return 4
  if ('ByteArray' in type) return type.ByteArray
  return tupleItems(type).reduce((sum, item) => sum + minimumSize(item), 0)
}

function tupleItems(type: { Tuple1: [ClType] } | { Tuple2: ClType[] } | { Tuple3: ClType[] }): ClType[] {
  return 'Tuple1' in type ? type.Tuple1 : 'Tuple2' in type ? type.Tuple2 : type.Tuple3
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
  if (typeof type === 'string') {
    switch (type) {
      case 'Bool':
        need(bytes, at, path, 1, 'a Bool')
        if (bytes[at]! > 1) throw invalidValue(path, 'a Bool byte 0 or 1', bytes[at])
        return at + 1
      case 'U8':
        return need(bytes, at, path, 1, 'a U8')
      case 'I32':
      case 'U32':
        return need(bytes, at, path, 4, type)
      case 'I64':
      case 'U64':
        return need(bytes, at, path, 8, type)
      case 'U128':
      case 'U256':
      case 'U512': {
        // casper-types `bignum.rs` from_bytes: a length byte of at most the width, then that many bytes.
        need(bytes, at, path, 1, `a ${type} length byte`)
        const width = { U128: 16, U256: 32, U512: 64 }[type]
        const length = bytes[at]!
        if (length > width) throw invalidValue(path, `a ${type} length byte 0..${width}`, length)
        at += 1
        return need(bytes, at, path, length, type)
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
        const length = u32(bytes, at, path)
        at += 4
        const end = need(bytes, at, path, length, 'the String')
        try {
          utf8.decode(bytes.subarray(at, end))
        } catch {
          throw invalidValue(path, 'UTF-8 text (casper-types refuses other bytes)', 'invalid UTF-8')
        }
        return end
      }
      case 'URef':
        need(bytes, at, path, 33, 'a URef')
        // casper-types `access_rights.rs`: only the bits READ | WRITE | ADD (0b111).
        if (bytes[at + 32]! > 7) throw invalidValue(path, 'URef access rights 0..7', bytes[at + 32])
        return at + 33
      case 'Key': {
        need(bytes, at, path, 1, 'a Key tag')
        const size = keySizes.get(bytes[at]!)
        if (size === undefined)
          throw invalidValue(path, `a Key tag of ${[...keySizes.keys()].join(', ')}`, bytes[at])
        at += 1
        const end = need(bytes, at, path, size, 'the Key')
        if (bytes[at - 1] === 2 && bytes[end - 1]! > 7)
          throw invalidValue(path, 'URef access rights 0..7', bytes[end - 1])
        return end
      }
      case 'PublicKey': {
        // casper-types `crypto/asymmetric_key.rs`: tag 0 System (no bytes), 1 Ed25519 (32), 2 Secp256k1 (33).
        need(bytes, at, path, 1, 'a PublicKey tag')
        const size = [0, 32, 33][bytes[at]!]
        if (size === undefined) throw invalidValue(path, 'a PublicKey tag 0, 1 or 2', bytes[at])
        at += 1
        return need(bytes, at, path, size, 'the PublicKey')
      }
    }
  }
  // A type whose values take no bytes (Unit, ByteArray(0), tuples of them) has nothing to check:
  // skipped at once, so a list costs its bytes, not its count times its type.
  if (isEmpty(type)) return at
  if ('ByteArray' in type) return need(bytes, at, path, type.ByteArray, `ByteArray(${type.ByteArray})`)
  if ('Option' in type) {
    need(bytes, at, path, 1, 'an Option tag')
    const tag = bytes[at]!
    if (tag === 0) return at + 1
    if (tag !== 1) throw invalidValue(path, 'an Option tag 0 (None) or 1 (Some)', tag)
    return readValue(type.Option, bytes, at + 1, `${path}.Some`)
  }
  if ('Result' in type) {
    // casper-types `bytesrepr.rs`: RESULT_ERR_TAG 0, RESULT_OK_TAG 1.
    need(bytes, at, path, 1, 'a Result tag')
    const tag = bytes[at]!
    if (tag > 1) throw invalidValue(path, 'a Result tag 0 (Err) or 1 (Ok)', tag)
    const [inner, name] = tag === 1 ? [type.Result.ok, 'Ok'] : [type.Result.err, 'Err']
    return readValue(inner, bytes, at + 1, `${path}.${name}`)
  }
  if ('List' in type || 'Map' in type) {
    const count = u32(bytes, at, path)
    at += 4
    const items: ClType[] = 'List' in type ? [type.List] : [type.Map.key, type.Map.value]
    const size = items.reduce((sum, item) => sum + minimumSize(item), 0)
    if (size === 0 && count > 0)
      throw invalidValue(
        path,
        `a ${clTypeText(type)} of 0 items (its items take no bytes)`,
        `a count of ${count}`,
      )
    if (count * size > bytes.length - at)
      throw invalidValue(
        path,
        `a ${clTypeText(type)} of at most ${Math.floor((bytes.length - at) / size)} items in the bytes left`,
        `a count of ${count}`,
      )
    // casper-types reads a Map into a BTreeMap: a repeated key would be shown twice and read once.
    const keys = 'Map' in type ? new Set<string>() : undefined
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
  const items = tupleItems(type)
  for (let i = 0; i < items.length; i++) at = readValue(items[i]!, bytes, at, `${path}.${i}`)
  return at
}

/** The offset after `count` bytes at `at`, once they are checked to be there. */
function need(bytes: Uint8Array, at: number, path: string, count: number, what: string): number {
  const left = bytes.length - at
  if (count > left) throw invalidValue(path, `${count} byte(s) for ${what}`, `${left} byte(s) left`)
  return at + count
}

const empties = new WeakMap<object, boolean>()

/** Whether every value of the type is zero bytes with nothing to check; computed once per node. */
function isEmpty(type: ClType): boolean {
  if (typeof type === 'string') return type === 'Unit'
  const known = empties.get(type)
  if (known !== undefined) return known
  const empty =
    'ByteArray' in type
      ? type.ByteArray === 0
      : 'Tuple1' in type || 'Tuple2' in type || 'Tuple3' in type
        ? tupleItems(type).every(isEmpty)
        : false
  empties.set(type, empty)
  return empty
}

/** The u32 little-endian length or count at `at`, once its 4 bytes are checked to be there. */
function u32(bytes: Uint8Array, at: number, path: string): number {
  need(bytes, at, path, 4, 'a u32 length')
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
}

const invalidClType: ClTypeRefusal = (field, expected, got, tooLarge) =>
  tooLarge
    ? new DeployError(`CLTypes too large at ${field}`, {
        code: 'ClTypeTooLarge',
        details: { field, expected, got: shorten(got) },
        remedy: `Keep the CLTypes of one args list within ${maxClTypeNodes} nodes: casper-node refuses args that large.`,
      })
    : new DeployError(`Invalid CLType at ${field}`, {
        code: 'InvalidClType',
        details: { field, expected, got: shorten(got) },
        remedy:
          'Use a CLType casper-node serialises (casper-types cl_type.rs); the tools cannot check or show others.',
      })

function invalidValue(field: string, expected: string, got: unknown): DeployError {
  return new DeployError(`Invalid CLValue bytes at ${field}`, {
    code: 'InvalidClValue',
    details: { field, expected, got: shorten(got) },
    remedy: 'The bytes must be exactly one value of the declared CLType, as casper-types serialises it.',
  })
}

function shorten(got: unknown): string {
  const text =
    typeof got === 'string'
      ? got
      : typeof got === 'bigint'
        ? `${got}`
        : got instanceof Uint8Array
          ? bytesToHex(got)
          : JSON.stringify(got)
  return text === undefined ? 'nothing' : text.length > 120 ? `${text.slice(0, 120)}…` : text
}
