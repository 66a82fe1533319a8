// A CLValue's bytes as text a person reads, in full: what a co-signer is shown for every arg.
import { bytesToHex } from '../encoding/hex.js'
import type { ClType } from './clType.js'

/** Thrown inside the reader when the bytes are not one value of the type. */
class Unreadable extends Error {}

/** casper-types `key.rs` `KeyTag`s read here: their prefix and the bytes after the tag. */
const keyTags: Readonly<Record<number, readonly [prefix: string, length: number]>> = {
  0: ['account-hash-', 32],
  1: ['hash-', 32],
  3: ['transfer-', 32],
  4: ['deploy-', 32],
  6: ['balance-', 32],
  7: ['bid-', 32],
  8: ['withdraw-', 32],
  9: ['dictionary-', 32],
  12: ['unbond-', 32],
  16: ['package-', 32],
}

/**
 * The most items (values of one CLType node each) read to show one value. A value of the args the
 * node accepts (at most a few thousand bytes, every item but `Unit` and tuples at least one byte)
 * takes far fewer; a list of zero-sized tuples could otherwise cost its count times its type.
 */
export const maxClValueTextSteps = 65_536

/**
 * The value `bytes` hold for `type`, as text with nothing elided: integers in decimal (U512 and
 * the other big integers exactly), keys and URefs in casper-node's formatted form
 * (`account-hash-…`, `uref-…-007`), public keys as tagged hex, strings quoted as JSON, byte arrays
 * as hex, `Some(…)`/`None`, lists `[…]`, maps `{k: v}`, tuples `(…)`, `Ok(…)`/`Err(…)`.
 * Undefined when the bytes are not exactly one value of the type, or the value cannot be shown in
 * full (`Any`, a `Key` variant this reader does not name, more than {@link maxClValueTextSteps}
 * items). Time is linear in the items read.
 *
 * @example
 * ```ts
 * clValueText('U512', Uint8Array.of(2, 0xe8, 0x03)) // '1000'
 * clValueText({ Option: 'U64' }, Uint8Array.of(0)) // 'None'
 * ```
 */
export function clValueText(type: ClType, bytes: Uint8Array): string | undefined {
  let at = 0
  let steps = 0
  const take = (n: number): Uint8Array => {
    if (at + n > bytes.length) throw new Unreadable()
    const out = bytes.subarray(at, at + n)
    at += n
    return out
  }
  const unsigned = (n: number): bigint => {
    let value = 0n
    const b = take(n)
    for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(b[i]!)
    return value
  }
  const signed = (n: number): bigint => BigInt.asIntN(n * 8, unsigned(n))
  /** An item count no larger than the bytes left could hold (zero-sized items: at most 2^16). */
  const count = (item?: ClType): number => {
    const n = Number(unsigned(4))
    const least = item === undefined ? 1 : minimumSize(item)
    if (least === 0 ? n > 0x10000 : n * least > bytes.length - at) throw new Unreadable()
    return n
  }
  const big = (max: number): bigint => {
    const length = take(1)[0]!
    if (length > max) throw new Unreadable()
    return unsigned(length)
  }
  const uref = (): string => {
    const address = bytesToHex(take(32))
    const rights = take(1)[0]!
    if (rights > 7) throw new Unreadable()
    return `uref-${address}-${rights.toString(8).padStart(3, '0')}`
  }
  const read = (t: ClType): string => {
    if (++steps > maxClValueTextSteps) throw new Unreadable()
    if (typeof t === 'string') {
      switch (t) {
        case 'Bool': {
          const b = take(1)[0]
          if (b !== 0 && b !== 1) throw new Unreadable()
          return b === 1 ? 'true' : 'false'
        }
        case 'I32':
          return String(signed(4))
        case 'I64':
          return String(signed(8))
        case 'U8':
          return String(unsigned(1))
        case 'U32':
          return String(unsigned(4))
        case 'U64':
          return String(unsigned(8))
        case 'U128':
          return String(big(16))
        case 'U256':
          return String(big(32))
        case 'U512':
          return String(big(64))
        case 'Unit':
          return '()'
        case 'String': {
          try {
            return JSON.stringify(new TextDecoder('utf-8', { fatal: true }).decode(take(count())))
          } catch (error) {
            if (error instanceof Unreadable) throw error
            throw new Unreadable()
          }
        }
        case 'URef':
          return uref()
        case 'Key': {
          const tag = take(1)[0]!
          if (tag === 2) return uref()
          if (tag === 5) return `era-${unsigned(8)}`
          const known = keyTags[tag]
          if (!known) throw new Unreadable()
          return `${known[0]}${bytesToHex(take(known[1]))}`
        }
        case 'PublicKey': {
          const tag = take(1)[0]!
          const length = tag === 0 ? 0 : tag === 1 ? 32 : tag === 2 ? 33 : -1
          if (length < 0) throw new Unreadable()
          return `${tag.toString(16).padStart(2, '0')}${bytesToHex(take(length))}`
        }
        case 'Any':
          throw new Unreadable()
      }
    }
    if ('ByteArray' in t) return bytesToHex(take(t.ByteArray))
    if ('Option' in t) {
      const tag = take(1)[0]
      if (tag === 0) return 'None'
      if (tag !== 1) throw new Unreadable()
      return `Some(${read(t.Option)})`
    }
    if ('List' in t) {
      const n = count(t.List)
      const items: string[] = []
      for (let i = 0; i < n; i++) items.push(read(t.List))
      return `[${items.join(', ')}]`
    }
    if ('Map' in t) {
      const n = count({ Tuple2: [t.Map.key, t.Map.value] })
      const entries: string[] = []
      for (let i = 0; i < n; i++) entries.push(`${read(t.Map.key)}: ${read(t.Map.value)}`)
      return `{${entries.join(', ')}}`
    }
    if ('Result' in t) {
      const tag = take(1)[0]
      if (tag === 1) return `Ok(${read(t.Result.ok)})`
      if (tag === 0) return `Err(${read(t.Result.err)})`
      throw new Unreadable()
    }
    const items = 'Tuple1' in t ? t.Tuple1 : 'Tuple2' in t ? t.Tuple2 : t.Tuple3
    return `(${items.map(read).join(', ')})`
  }
  try {
    const text = read(type)
    return at === bytes.length ? text : undefined
  } catch (error) {
    if (error instanceof Unreadable) return undefined
    throw error
  }
}

const minimumSizes = new WeakMap<object, number>()

/** The fewest bytes one value of `type` takes; computed once per type node. */
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
    const sizes: Partial<Record<string, number>> = {
      I32: 4,
      I64: 8,
      U32: 4,
      U64: 8,
      Unit: 0,
      String: 4,
      URef: 33,
    }
    return sizes[type] ?? 1
  }
  if ('ByteArray' in type) return type.ByteArray
  if ('List' in type || 'Map' in type) return 4
  if ('Option' in type || 'Result' in type) return 1
  const items = 'Tuple1' in type ? type.Tuple1 : 'Tuple2' in type ? type.Tuple2 : type.Tuple3
  return items.reduce((sum, item) => sum + minimumSize(item), 0)
}
