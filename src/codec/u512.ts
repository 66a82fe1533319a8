// casper-types `U512` bytes (`bignum.rs`): one length byte, then the little-endian value without trailing zero bytes.

/**
 * The bytes of a U512: one length byte, then the little-endian value without trailing zero bytes
 * (casper-types `bignum.rs` `to_bytes`).
 *
 * @example
 * ```ts
 * encodeU512(2_500_000_000n) // Uint8Array [4, 0, 249, 2, 149]
 * ```
 */
export function encodeU512(value: bigint): Uint8Array {
  const bytes: number[] = []
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.push(Number(rest & 0xffn))
  return new Uint8Array([bytes.length, ...bytes])
}

/**
 * Inverse of {@link encodeU512}: the value of the length byte's count of little-endian bytes (bytes
 * the length names but that are missing count as zero; {@link decodeArgValue} checks the length).
 *
 * @example
 * ```ts
 * decodeU512(new Uint8Array([4, 0, 249, 2, 149])) // 2500000000n
 * ```
 */
export function decodeU512(bytes: Uint8Array): bigint {
  let value = 0n
  for (let i = bytes[0] ?? 0; i >= 1; i--) value = (value << 8n) | BigInt(bytes[i] ?? 0)
  return value
}
