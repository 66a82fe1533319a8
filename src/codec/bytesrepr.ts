// casper-types bytesrepr as micro-packed coders: the building blocks the deploy and transaction layouts are declared with.
import * as P from 'micro-packed'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'

/** u32 little-endian, the length and count prefix of every bytesrepr collection. */
export const u32 = P.U32LE
/**
 * u64 little-endian, as bigint: 8 bytes through DataView (micro-packed's `U64LE` brings its generic
 * big-integer coder of any width, 1.9 KB in a browser bundle, for this one width).
 */
export const u64: P.CoderType<bigint> = P.wrap({
  size: 8,
  encodeStream(w, value: bigint) {
    if (typeof value !== 'bigint' || value < 0n || value >= 1n << 64n) {
      throw w.err(`expected a u64 (0 to 2^64 - 1), got ${String(value)}`)
    }
    const bytes = new Uint8Array(8)
    new DataView(bytes.buffer).setBigUint64(0, value, true)
    w.bytes(bytes)
  },
  decodeStream: (r) => {
    const bytes = r.bytes(8)
    return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true)
  },
})
/** 32 raw bytes (hashes, account hashes, URef addresses). */
export const hash32 = P.bytes(32)
/** `Bytes` / `Vec<u8>`: u32 length, then the bytes. */
export const bytes = P.bytes(u32)
/** `String`: u32 length, then UTF-8. */
export const string = P.string(u32)
/** bytesrepr `bool`: one byte, 0 or 1 (anything else is refused). */
export const bool = P.bool

/**
 * A value the layout fixes (a field count, a map key): `constant` is written, and anything else is
 * refused when reading; it reads as `undefined`.
 */
export function fixed<T extends number>(inner: P.CoderType<T>, constant: T): P.CoderType<undefined> {
  return P.wrap({
    encodeStream: (w) => inner.encodeStream(w, constant),
    decodeStream(r) {
      const value = inner.decodeStream(r)
      if (value !== constant) throw r.err(`expected ${constant}, got ${value}`)
      return undefined
    },
  })
}

/** Nothing: zero bytes, the parameter of a CLType without parameters. */
export const unit: P.CoderType<undefined> = P.wrap({
  size: 0,
  encodeStream: () => {},
  decodeStream: () => undefined,
})

/** `Option<T>`: 0, or 1 then the value (any other first byte is refused). */
export function option<T>(inner: P.CoderType<T>): P.CoderType<T | undefined> {
  return P.wrap({
    encodeStream(w, value: T | undefined) {
      bool.encodeStream(w, value !== undefined)
      if (value !== undefined) inner.encodeStream(w, value)
    },
    decodeStream: (r) => (bool.decodeStream(r) ? inner.decodeStream(r) : undefined),
  })
}

/**
 * `Vec<T>`: u32 count, then the items. The count is checked against the bytes left before any
 * item is read (each item takes at least `minItemBytes`), so a forged count cannot make the reader
 * loop; a count of zero-sized items above `maxItems` is refused for the same reason.
 */
export function list<T>(inner: P.CoderType<T>, minItemBytes: number, maxItems = 1 << 20): P.CoderType<T[]> {
  return P.wrap({
    encodeStream(w, items: T[]) {
      u32.encodeStream(w, items.length)
      for (const item of items) inner.encodeStream(w, item)
    },
    decodeStream(r) {
      const count = u32.decodeStream(r)
      if (count > maxItems || count * minItemBytes > r.leftBytes) {
        throw r.err(`count ${count} exceeds what the ${r.leftBytes} bytes left can hold`)
      }
      const items: T[] = []
      for (let i = 0; i < count; i++) items.push(inner.decodeStream(r))
      return items
    },
  })
}

// biome-ignore lint/suspicious/noExplicitAny: variants carry coders of different value types
type Variants = Record<string, readonly [tag: number, coder: P.CoderType<any>]>

/**
 * A Rust enum as bytesrepr writes it: the u8 tag of the variant, then its data. Values are
 * `{ TAG, data }` with `TAG` the variant's name; an unknown tag is refused.
 */
export function tagged<V extends Variants>(
  variants: V,
): P.CoderType<{ [K in keyof V & string]: { TAG: K; data: P.UnwrapCoder<V[K][1]> } }[keyof V & string]> {
  const byTag = new Map(Object.entries(variants).map(([name, [tag]]) => [tag, name]))
  return P.wrap<{ TAG: string; data: unknown }>({
    encodeStream(w, value: { TAG: string; data: unknown }) {
      const variant = variants[value.TAG]
      if (!variant) throw w.err(`unknown variant ${value.TAG}`)
      P.U8.encodeStream(w, variant[0])
      variant[1].encodeStream(w, value.data)
    },
    decodeStream(r) {
      const tag = P.U8.decodeStream(r)
      const name = byTag.get(tag)
      if (name === undefined) throw r.err(`unknown variant tag ${tag}`)
      return { TAG: name, data: variants[name]![1].decodeStream(r) }
    },
  }) as never
}

/**
 * A public key as tagged hex (`01` + 32 bytes ed25519, `02` + 33 bytes secp256k1, `00` the system
 * key), serialized as casper-types `PublicKey`: the tag byte, then the raw key.
 */
export const publicKey: P.CoderType<string> = P.apply(
  tagged({
    system: [0, P.bytes(0)],
    ed25519: [1, P.bytes(32)],
    secp256k1: [2, P.bytes(33)],
  }),
  {
    encode: ({ TAG, data }) =>
      `${TAG === 'system' ? '00' : TAG === 'ed25519' ? '01' : '02'}${bytesToHex(data)}`,
    decode: (hex) => {
      const tag = hex.slice(0, 2)
      const data = hexToBytes(hex.slice(2))
      return tag === '00'
        ? { TAG: 'system' as const, data }
        : tag === '01'
          ? { TAG: 'ed25519' as const, data }
          : { TAG: 'secp256k1' as const, data }
    },
  },
)

/**
 * casper-types 2.0 "calltable" serialization (`bytesrepr/calltable` / casper-js-sdk
 * `CalltableSerialization`): u32 field count, then per field its u16 index and u32 offset into the
 * payload, then the payload's u32 length and the fields' bytes. Decoding requires indexes
 * 0, 1, 2… ascending, offsets that rise within the payload, and every field read exactly. Fields
 * from index `optionalFrom` on may be absent (written only when not `undefined`).
 */
export function calltable<const T extends readonly unknown[]>(
  fields: { readonly [K in keyof T]: P.CoderType<T[K]> },
  optionalFrom: number = fields.length,
): P.CoderType<T> {
  return P.wrap({
    encodeStream(w, values: T) {
      const encoded: Uint8Array[] = []
      for (let i = 0; i < fields.length; i++) {
        if (i < optionalFrom || values[i] !== undefined) {
          encoded.push((fields[i] as P.CoderType<unknown>).encode(values[i]))
        }
      }
      u32.encodeStream(w, encoded.length)
      let offset = 0
      let index = 0
      for (const field of encoded) {
        P.U16LE.encodeStream(w, index++)
        u32.encodeStream(w, offset)
        offset += field.length
      }
      u32.encodeStream(w, offset)
      for (const field of encoded) w.bytes(field)
    },
    decodeStream(r) {
      const count = u32.decodeStream(r)
      if (count > fields.length || count < optionalFrom || count * 6 + 4 > r.leftBytes) {
        throw r.err(`calltable of ${count} fields, expected at most ${fields.length}`)
      }
      const offsets: number[] = []
      for (let i = 0; i < count; i++) {
        if (P.U16LE.decodeStream(r) !== i) throw r.err(`calltable field ${i} out of order`)
        offsets.push(u32.decodeStream(r))
      }
      const total = u32.decodeStream(r)
      if (total > r.leftBytes) throw r.err(`calltable payload of ${total} bytes, ${r.leftBytes} left`)
      offsets.push(total)
      const values: unknown[] = []
      for (let i = 0; i < count; i++) {
        const start = offsets[i]!
        const end = offsets[i + 1]!
        if ((i === 0 && start !== 0) || end < start) throw r.err('calltable offsets not rising from 0')
        values.push((fields[i] as P.CoderType<unknown>).decode(r.bytes(end - start)))
      }
      return values as unknown as T
    },
  })
}

// biome-ignore lint/suspicious/noExplicitAny: a variant's fields are coders of different value types
type AnyCoder = P.CoderType<any>

/**
 * A calltable enum (casper-types 2.0 `TransactionTarget`, `PricingMode`, …): field 0 is the u8 tag,
 * the variant's fields follow from index 1. Values are `{ TAG, data }` with `data` the variant's
 * fields in order; `optionalFrom` (an index into those fields) marks trailing fields that may be absent.
 */
export function calltableEnum<
  V extends Record<string, readonly [tag: number, fields: readonly AnyCoder[], optionalFrom?: number]>,
>(variants: V): P.CoderType<{ [K in keyof V]: { TAG: K; data: unknown[] } }[keyof V]> {
  const names = Object.keys(variants)
  const byTag = new Map(names.map((name) => [variants[name]![0], name]))
  const coder = ([, fields, optionalFrom]: readonly [number, readonly AnyCoder[], number?]) =>
    calltable(
      [P.U8, ...fields] as P.CoderType<unknown>[],
      optionalFrom === undefined ? undefined : optionalFrom + 1,
    )
  return P.wrap({
    encodeStream(w, value: { TAG: keyof V; data: unknown[] }) {
      const variant = variants[value.TAG as string]
      if (!variant) throw w.err(`unknown variant ${String(value.TAG)}`)
      coder(variant).encodeStream(w, [variant[0], ...value.data])
    },
    decodeStream(r) {
      // Peek the tag: the first field's offset is 0, so the tag byte sits right after the table.
      const count = u32.decode(r.bytes(4, true))
      if (count === 0 || count * 6 + 8 > r.leftBytes) throw r.err('calltable enum without a tag')
      const tag = r.bytes(4 + count * 6 + 4 + 1, true).at(-1)!
      const name = byTag.get(tag)
      if (name === undefined) throw r.err(`unknown variant tag ${tag}`)
      const [, ...data] = coder(variants[name]!).decodeStream(r)
      return { TAG: name, data } as never
    },
  })
}
