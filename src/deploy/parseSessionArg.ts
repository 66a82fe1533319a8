// casper-client's simple session arg syntax, `name:type='value'`, as a named arg with its CLType and bytes.
import type { ClType } from '../codec/clType.js'
import type { NamedArg } from '../codec/layouts.js'
import { encodeU512 } from '../codec/u512.js'
import { hexToBytes } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import { checkedPublicKey } from './buildSpending.js'

/** casper-types `key.rs` `Key::from_formatted_str` prefixes of 32-byte keys, with their tag. */
const keyPrefixes: readonly [prefix: string, tag: number][] = [
  ['account-hash-', 0],
  ['hash-', 1],
  ['transfer-', 3],
  ['deploy-', 4],
  ['balance-', 6],
  ['bid-', 7],
  ['withdraw-', 8],
  ['dictionary-', 9],
  ['unbond-', 12],
  ['package-', 16],
]

type Simple = { type: ClType; encode(value: string): Uint8Array }

const le = (bits: number, signed: boolean) => (value: string) => {
  if (!/^-?\d+$/.test(value)) throw new Error(`not an integer`)
  const n = BigInt(value)
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n
  if (n < min || n > max) throw new Error(`out of range for ${signed ? 'i' : 'u'}${bits}`)
  const bytes = new Uint8Array(bits / 8)
  let rest = BigInt.asUintN(bits, n)
  for (let i = 0; i < bytes.length; i++, rest >>= 8n) bytes[i] = Number(rest & 0xffn)
  return bytes
}

const big = (bits: number) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new Error('not an unsigned integer')
  const n = BigInt(value)
  if (n >= 1n << BigInt(bits)) throw new Error(`out of range for u${bits}`)
  return encodeU512(n)
}

const hex = (value: string, length?: number) => {
  if (!/^([0-9a-fA-F]{2})*$/.test(value)) throw new Error('not hex')
  const bytes = hexToBytes(value)
  if (length !== undefined && bytes.length !== length) throw new Error(`${bytes.length} bytes, not ${length}`)
  return bytes
}

const uref = (value: string) => {
  const match = /^uref-([0-9a-fA-F]{64})-([0-7]{3})$/.exec(value)
  if (!match || Number.parseInt(match[2]!, 8) > 7)
    throw new Error('not uref-<64 hex>-<access rights 000 to 007>')
  return Uint8Array.of(...hexToBytes(match[1]!), Number.parseInt(match[2]!, 8))
}

/** casper-client `lib/cli/simple_args.rs` `SUPPORTED_TYPES`, `byte_array_<N>` aside. */
const simpleTypes: Readonly<Record<string, Simple>> = {
  bool: {
    type: 'Bool',
    encode: (v) => {
      const t = v.toLowerCase()
      if (t === 'true' || t === 't') return Uint8Array.of(1)
      if (t === 'false' || t === 'f') return Uint8Array.of(0)
      throw new Error("not 'true' or 'false'")
    },
  },
  i32: { type: 'I32', encode: le(32, true) },
  i64: { type: 'I64', encode: le(64, true) },
  u8: { type: 'U8', encode: le(8, false) },
  u32: { type: 'U32', encode: le(32, false) },
  u64: { type: 'U64', encode: le(64, false) },
  u128: { type: 'U128', encode: big(128) },
  u256: { type: 'U256', encode: big(256) },
  u512: { type: 'U512', encode: big(512) },
  unit: {
    type: 'Unit',
    encode: (v) => {
      if (v !== '') throw new Error("unit takes ''")
      return new Uint8Array()
    },
  },
  string: {
    type: 'String',
    encode: (v) => {
      const bytes = new TextEncoder().encode(v)
      const out = new Uint8Array(4 + bytes.length)
      new DataView(out.buffer).setUint32(0, bytes.length, true)
      out.set(bytes, 4)
      return out
    },
  },
  key: {
    type: 'Key',
    encode: (v) => {
      if (v.startsWith('uref-')) return Uint8Array.of(2, ...uref(v))
      const known = keyPrefixes.find(([prefix]) => v.startsWith(prefix))
      if (!known)
        throw new Error('not a key casper-multisig writes (account-hash-, hash-, uref-, package-, …)')
      return Uint8Array.of(known[1], ...hex(v.slice(known[0].length), 32))
    },
  },
  account_hash: {
    type: { ByteArray: 32 },
    encode: (v) => {
      if (!v.startsWith('account-hash-')) throw new Error('not account-hash-<64 hex>')
      return hex(v.slice('account-hash-'.length), 32)
    },
  },
  uref: { type: 'URef', encode: uref },
  public_key: { type: 'PublicKey', encode: (v) => hexToBytes(checkedPublicKey(v, 'session arg')) },
  byte_list: {
    type: { List: 'U8' },
    encode: (v) => {
      const bytes = hex(v)
      const out = new Uint8Array(4 + bytes.length)
      new DataView(out.buffer).setUint32(0, bytes.length, true)
      out.set(bytes, 4)
      return out
    },
  },
}

/**
 * One session arg in casper-client's simple syntax (`lib/cli/simple_args.rs` `insert_arg`):
 * `NAME:TYPE='VALUE'`, or `NAME:opt_TYPE=null` for `None`. TYPE is any case of bool, i32, i64,
 * u8, u32, u64, u128, u256, u512, unit, string, key, account_hash (a `ByteArray(32)`), uref,
 * public_key, byte_list (a `List<U8>`) or byte_array_N (a `ByteArray(N)`, hex); `opt_` before it
 * makes it an `Option`. Integers are decimal, as casper-client reads them.
 *
 * @throws {DeployError} `InvalidSessionArg`, `details` naming the arg and what is wrong.
 * @example
 * ```ts
 * parseSessionArg("amount:u512='2500000000'") // { name: 'amount', clType: 'U512', bytes: [4, 0, 249, 2, 149] }
 * parseSessionArg('memo:opt_u64=null') // { name: 'memo', clType: { Option: 'U64' }, bytes: [0] }
 * ```
 */
export function parseSessionArg(text: string): NamedArg {
  const fail = (reason: string, cause?: unknown): never => {
    throw new DeployError('Invalid session arg', {
      code: 'InvalidSessionArg',
      details: { arg: text, reason, expected: "NAME:TYPE='VALUE' or NAME:opt_TYPE=null" },
      remedy:
        'Write it as casper-client does, e.g. "amount:u512=\'1000\'", "to:key=\'account-hash-…\'", "note:opt_string=null".',
      cause,
    })
  }
  // casper-client splits at the first two of ':' and '=' (`split_arg`).
  const first = text.search(/[:=]/)
  const rest = first < 0 ? '' : text.slice(first + 1)
  const second = rest.search(/[:=]/)
  if (first < 0 || second < 0) return fail('not NAME:TYPE=VALUE')
  const name = text.slice(0, first)
  const typeText = rest.slice(0, second).toLowerCase()
  const value = rest.slice(second + 1)
  if (name === '') return fail('no name')
  const optional = typeText.startsWith('opt_')
  const simpleName = optional ? typeText.slice(4) : typeText
  const array = /^byte_array_(\d+)$/.exec(simpleName)
  const simple: Simple | undefined = array
    ? { type: { ByteArray: Number(array[1]) }, encode: (v) => hex(v, Number(array[1])) }
    : simpleTypes[simpleName]
  if (!simple || (array && Number(array[1]) > 0xffff_ffff)) return fail(`unknown type ${typeText}`)
  const type: ClType = optional ? { Option: simple.type } : simple.type
  if (optional && value.toLowerCase() === 'null') return { name, clType: type, bytes: Uint8Array.of(0) }
  const quoted = /^'(.*)'$/s.exec(value)
  if (!quoted) return fail('the value is not in single quotes')
  let bytes: Uint8Array
  try {
    bytes = simple.encode(quoted[1]!)
  } catch (cause) {
    return fail(`${JSON.stringify(quoted[1])} is not a ${typeText}: ${(cause as Error).message}`, cause)
  }
  return { name, clType: type, bytes: optional ? Uint8Array.of(1, ...bytes) : bytes }
}
