// CLValue JSON (`{ cl_type, bytes, parsed }`) for the arg types casper-multisig writes and reads.
import { decodeArgValue, type KnownArgType } from '../codec/decodeArgValue.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import type { NamedArgJson } from './DeployJson.js'

// The bytes are read in src/codec/; these names stay importable from here for the modules that use them.
export { type DecodedArgValue, decodeArgValue, type KnownArgType } from '../codec/decodeArgValue.js'
export { decodeU512, encodeU512 } from '../codec/u512.js'

/** The args configure-account.wasm reads, and how it reads each (docs/configure-account.md). */
export const configureAccountArgTypes: ReadonlyMap<string, KnownArgType> = new Map([
  ['add', 'List<ByteArray(32)>'],
  ['add_w', 'List<U8>'],
  ['raise', 'List<ByteArray(32)>'],
  ['raise_w', 'List<U8>'],
  ['dep', 'U8'],
  ['km', 'U8'],
  ['lower', 'List<ByteArray(32)>'],
  ['lower_w', 'List<U8>'],
  ['rm', 'List<ByteArray(32)>'],
])

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

/**
 * Decodes the inner bytes of a known type to plain values (hex strings, numbers, decimal text), as
 * casper-client fills `parsed`; undefined when the bytes are malformed for the type (see {@link decodeArgValue}).
 */
export function parsedValue(type: KnownArgType, bytes: Uint8Array): unknown {
  const decoded = decodeArgValue(type, bytes)
  return decoded.ok ? decoded.value : undefined
}

/** The inner bytes of a JSON named arg. */
export function argBytes(arg: NamedArgJson): Uint8Array {
  return hexToBytes(arg[1].bytes)
}
