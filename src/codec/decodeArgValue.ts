// The arg values casper-multisig writes and shows, decoded as the session reads them.
import { bytesToHex } from '../encoding/hex.js'
import { decodeU512 } from './u512.js'

/**
 * Arg types casper-multisig writes, as casper-node writes CLTypes in messages (`clTypeText`): the
 * configure-account ones, ByteArray(32) and U512.
 */
export type KnownArgType = 'List<ByteArray(32)>' | 'List<U8>' | 'U8' | 'ByteArray(32)' | 'U512'

/** What {@link decodeArgValue} makes of an arg's inner bytes. */
export type DecodedArgValue = { ok: true; value: unknown } | { ok: false; message: string }

/**
 * Decodes the inner bytes of a known type the way casper-types `bytesrepr::deserialize` reads them in
 * the session (`get_named_arg`): a List by its u32 little-endian count, and every type must use the
 * bytes exactly, no byte missing or left over (`deserialize` fails with `LeftOverBytes` otherwise, which
 * the session turns into `InvalidArgument [3]`).
 *
 * @example
 * ```ts
 * decodeArgValue('List<U8>', new Uint8Array([2, 0, 0, 0, 1, 1])) // { ok: true, value: [1, 1] }
 * decodeArgValue('List<U8>', new Uint8Array([3, 0, 0, 0, 1, 1]))
 * // { ok: false, message: 'expected 4 + 3 × 1 = 7 bytes (List<U8> of 3), got 6 bytes' }
 * ```
 */
export function decodeArgValue(type: KnownArgType, bytes: Uint8Array): DecodedArgValue {
  const exactly = (expected: number, what: string): DecodedArgValue | undefined =>
    bytes.length === expected
      ? undefined
      : { ok: false, message: `expected ${what}, got ${bytes.length} byte${bytes.length === 1 ? '' : 's'}` }
  switch (type) {
    case 'U8':
      return exactly(1, '1 byte (U8)') ?? { ok: true, value: bytes[0] }
    case 'ByteArray(32)':
      return exactly(32, '32 bytes (ByteArray(32))') ?? { ok: true, value: bytesToHex(bytes) }
    case 'U512': {
      // casper-types `U512::from_bytes`: one length byte (at most 64), then that many little-endian bytes.
      const length = bytes[0]
      if (length === undefined || length > 64)
        return { ok: false, message: `expected a U512 length byte 0..64, got ${length ?? 'no byte'}` }
      return (
        exactly(1 + length, `1 + ${length} bytes (U512)`) ?? { ok: true, value: decodeU512(bytes).toString() }
      )
    }
    case 'List<U8>':
    case 'List<ByteArray(32)>': {
      const item = type === 'List<U8>' ? 1 : 32
      if (bytes.length < 4)
        return {
          ok: false,
          message: `expected a u32 count (4 bytes) before the items, got ${bytes.length} bytes`,
        }
      const count = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true)
      const wrong = exactly(
        4 + count * item,
        `4 + ${count} × ${item} = ${4 + count * item} bytes (${type} of ${count})`,
      )
      if (wrong) return wrong
      const items = bytes.subarray(4)
      return {
        ok: true,
        value:
          item === 1
            ? Array.from(items)
            : Array.from({ length: count }, (_, i) => bytesToHex(items.subarray(i * 32, i * 32 + 32))),
      }
    }
  }
}
