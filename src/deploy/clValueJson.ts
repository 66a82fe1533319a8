// CLValue JSON (`{ cl_type, bytes, parsed }`) for the arg types casper-multisig writes and reads.
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import type { ConfigureAccountArgType } from '../wasm/configureAccountArgs.js'
import type { NamedArgJson } from './DeployJson.js'

/** Arg types casper-multisig writes: the configure-account ones, ByteArray(32) and U512. */
export type KnownArgType = ConfigureAccountArgType | 'ByteArray(32)' | 'U512'

const clTypeJson: Record<KnownArgType, unknown> = {
  'List<ByteArray(32)>': { List: { ByteArray: 32 } },
  'List<U8>': { List: 'U8' },
  U8: 'U8',
  'ByteArray(32)': { ByteArray: 32 },
  U512: 'U512',
}

/** A named arg in the node's JSON form, with `parsed` filled in as casper-client does. */
export function namedArgJson(name: string, type: KnownArgType, bytes: Uint8Array): NamedArgJson {
  return [name, { cl_type: clTypeJson[type], bytes: bytesToHex(bytes), parsed: parsedValue(type, bytes) }]
}

/** The known type of a JSON CLType, or undefined for any other. */
export function knownArgType(clType: unknown): KnownArgType | undefined {
  const text = JSON.stringify(clType)
  return (Object.keys(clTypeJson) as KnownArgType[]).find((type) => JSON.stringify(clTypeJson[type]) === text)
}

/** Decodes the inner bytes of a known type to plain values: hex strings, numbers, bigint. */
export function parsedValue(type: KnownArgType, bytes: Uint8Array): unknown {
  switch (type) {
    case 'U8':
      return bytes[0]
    case 'ByteArray(32)':
      return bytesToHex(bytes)
    case 'U512':
      return decodeU512(bytes).toString()
    case 'List<U8>':
      return Array.from(bytes.subarray(4))
    case 'List<ByteArray(32)>': {
      const items: string[] = []
      for (let i = 4; i + 32 <= bytes.length; i += 32) items.push(bytesToHex(bytes.subarray(i, i + 32)))
      return items
    }
  }
}

/** U512 bytes: one length byte, then the little-endian value without trailing zero bytes. */
export function encodeU512(value: bigint): Uint8Array {
  const bytes: number[] = []
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.push(Number(rest & 0xffn))
  return new Uint8Array([bytes.length, ...bytes])
}

/** Inverse of {@link encodeU512}. */
export function decodeU512(bytes: Uint8Array): bigint {
  let value = 0n
  for (let i = bytes[0] ?? 0; i >= 1; i--) value = (value << 8n) | BigInt(bytes[i] ?? 0)
  return value
}

/** The inner bytes of a JSON named arg. */
export function argBytes(arg: NamedArgJson): Uint8Array {
  return hexToBytes(arg[1].bytes)
}
