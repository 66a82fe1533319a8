// fast-check generators of CLTypes (JSON) with one value's bytes each, written by hand from casper-types.
import fc from 'fast-check'

export type GeneratedClValue = { clType: unknown; bytes: number[] }

const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]
const bytes = (n: number) => fc.array(fc.integer({ min: 0, max: 255 }), { minLength: n, maxLength: n })

/** A canonical big unsigned number of at most `width` bytes: length byte, no trailing zero byte. */
const bigUint = (width: number) =>
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: width }).map((b) => {
    while (b.length > 0 && b[b.length - 1] === 0) b.pop()
    return [b.length, ...b]
  })

const leaves: fc.Arbitrary<GeneratedClValue>[] = [
  fc.boolean().map((b) => ({ clType: 'Bool', bytes: [b ? 1 : 0] })),
  bytes(4).map((b) => ({ clType: 'I32', bytes: b })),
  bytes(8).map((b) => ({ clType: 'I64', bytes: b })),
  bytes(1).map((b) => ({ clType: 'U8', bytes: b })),
  bytes(4).map((b) => ({ clType: 'U32', bytes: b })),
  bytes(8).map((b) => ({ clType: 'U64', bytes: b })),
  bigUint(16).map((b) => ({ clType: 'U128', bytes: b })),
  bigUint(32).map((b) => ({ clType: 'U256', bytes: b })),
  bigUint(64).map((b) => ({ clType: 'U512', bytes: b })),
  fc.string({ maxLength: 8 }).map((s) => {
    const utf8 = [...new TextEncoder().encode(s)]
    return { clType: 'String', bytes: [...u32(utf8.length), ...utf8] }
  }),
  fc
    .tuple(fc.constantFrom(0, 1, 3, 4, 6, 7, 8, 9, 12), bytes(32))
    .map(([tag, b]) => ({ clType: 'Key', bytes: [tag, ...b] })),
  fc
    .tuple(bytes(32), fc.integer({ min: 0, max: 7 }))
    .map(([b, rights]) => ({ clType: 'Key', bytes: [2, ...b, rights] })),
  fc.tuple(bytes(32), fc.integer({ min: 0, max: 7 })).map(([b, r]) => ({ clType: 'URef', bytes: [...b, r] })),
  bytes(32).map((b) => ({ clType: 'PublicKey', bytes: [1, ...b] })),
  bytes(33).map((b) => ({ clType: 'PublicKey', bytes: [2, ...b] })),
  fc.integer({ min: 0, max: 40 }).chain((n) => bytes(n).map((b) => ({ clType: { ByteArray: n }, bytes: b }))),
]

/** A CLType and a valid value of it, nested up to `depth` levels. */
export const clValueArbitrary: fc.Arbitrary<GeneratedClValue> = fc.letrec<{ value: GeneratedClValue }>(
  (tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      ...leaves,
      tie('value').chain((inner) =>
        fc
          .boolean()
          .map((some) => ({ clType: { Option: inner.clType }, bytes: some ? [1, ...inner.bytes] : [0] })),
      ),
      tie('value').chain((first) =>
        fc.array(tie('value'), { maxLength: 3 }).map((rest) => {
          // A List's items share one type: repeat the first item's bytes. A list of zero-sized items
          // (ByteArray(0), tuples of them) is valid only empty: checkClValue refuses a count it
          // cannot check against the bytes.
          const items =
            first.bytes.length === 0
              ? []
              : [first, ...rest.filter((r) => JSON.stringify(r.clType) === JSON.stringify(first.clType))]
          return {
            clType: { List: first.clType },
            bytes: [...u32(items.length), ...items.flatMap((i) => i.bytes)],
          }
        }),
      ),
      fc.tuple(tie('value'), tie('value'), fc.boolean()).map(([ok, err, isOk]) => ({
        clType: { Result: { ok: ok.clType, err: err.clType } },
        bytes: isOk ? [1, ...ok.bytes] : [0, ...err.bytes],
      })),
      // At most one entry: a Map's keys are distinct (casper-types reads it into a BTreeMap); a map
      // of zero-sized entries is valid only empty, as a list of them is.
      fc.tuple(tie('value'), tie('value'), fc.integer({ min: 0, max: 1 })).map(([key, value, count]) => {
        const n = key.bytes.length + value.bytes.length === 0 ? 0 : count
        return {
          clType: { Map: { key: key.clType, value: value.clType } },
          bytes: [...u32(n), ...Array.from({ length: n }, () => [...key.bytes, ...value.bytes]).flat()],
        }
      }),
      fc.array(tie('value'), { minLength: 1, maxLength: 3 }).map((items) => ({
        clType: { [`Tuple${items.length}`]: items.map((i) => i.clType) },
        bytes: items.flatMap((i) => i.bytes),
      })),
    ),
  }),
).value
