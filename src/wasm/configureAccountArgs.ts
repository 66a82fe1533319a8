// Named args of the bundled configure-account session: typed, explorer-readable, and sized.

import type { AccountHashHex } from '../account/Account.js'
import { hexToBytes } from '../encoding/hex.js'

/** One step list of the configure-account session (see docs/configure-account.md). */
export type ConfigureAccountOperations = {
  /** Keys to add, with their weights (step 1). */
  add?: readonly { accountHash: AccountHashHex; weight: number }[] | undefined
  /** Keys whose weight goes up (step 2, before the thresholds). */
  raise?: readonly { accountHash: AccountHashHex; weight: number }[] | undefined
  /** New deployment threshold (step 3). */
  deployment?: number | undefined
  /** New key-management threshold (step 3). */
  keyManagement?: number | undefined
  /** Keys whose weight goes down (step 4, after the thresholds). */
  lower?: readonly { accountHash: AccountHashHex; weight: number }[] | undefined
  /** Keys to remove (step 5). */
  remove?: readonly AccountHashHex[] | undefined
}

/** CLTypes the configure-account args use. */
export type ConfigureAccountArgType = 'List<ByteArray(32)>' | 'List<U8>' | 'U8'

/** One named arg: its CLType, and the CLValue's inner bytes (what the session reads). */
export type ConfigureAccountArg = { name: string; clType: ConfigureAccountArgType; bytes: Uint8Array }

/** CLType serialisations (casper-types `cl_type.rs` tags: U8 3, List 14, ByteArray 15 + u32 length). */
const clTypeBytes: Record<ConfigureAccountArgType, Uint8Array> = {
  'List<ByteArray(32)>': new Uint8Array([14, 15, 32, 0, 0, 0]),
  'List<U8>': new Uint8Array([14, 3]),
  U8: new Uint8Array([3]),
}

/**
 * Encodes operations as the named args of `configure-account.wasm`, omitting empty steps.
 *
 * @example
 * ```ts
 * const args = configureAccountArgs({ add: [{ accountHash: 'b2'.repeat(32), weight: 1 }], keyManagement: 2 })
 * // [{ name: 'add', clType: 'List<ByteArray(32)>', bytes }, { name: 'add_w', … }, { name: 'km', clType: 'U8', … }]
 * ```
 */
export function configureAccountArgs(operations: ConfigureAccountOperations): ConfigureAccountArg[] {
  const args: ConfigureAccountArg[] = []
  const keyed = (
    name: string,
    entries: readonly { accountHash: AccountHashHex; weight: number }[] | undefined,
  ) => {
    if (!entries?.length) return
    args.push({ name, clType: 'List<ByteArray(32)>', bytes: hashList(entries.map((e) => e.accountHash)) })
    args.push({
      name: `${name}_w`,
      clType: 'List<U8>',
      bytes: list(entries.map((e) => new Uint8Array([e.weight]))),
    })
  }
  keyed('add', operations.add)
  keyed('raise', operations.raise)
  if (operations.deployment !== undefined)
    args.push({ name: 'dep', clType: 'U8', bytes: new Uint8Array([operations.deployment]) })
  if (operations.keyManagement !== undefined) {
    args.push({ name: 'km', clType: 'U8', bytes: new Uint8Array([operations.keyManagement]) })
  }
  keyed('lower', operations.lower)
  if (operations.remove?.length)
    args.push({ name: 'rm', clType: 'List<ByteArray(32)>', bytes: hashList(operations.remove) })
  return args
}

/**
 * Serialized length of args as casper-node measures it against `deploys.session_args_max_length`
 * (1024 on mainnet 1.5): `RuntimeArgs` = u32 count + per arg: String name + CLValue (u32 length +
 * inner bytes + CLType bytes) (node `types/deploy.rs` `is_config_compliant`).
 *
 * @example
 * ```ts
 * sessionArgsLength(configureAccountArgs({ keyManagement: 2 })) // 4 + (4 + 2) + (4 + 1 + 1) = 16
 * ```
 */
export function sessionArgsLength(args: readonly ConfigureAccountArg[]): number {
  return args.reduce(
    (sum, arg) =>
      sum +
      4 +
      new TextEncoder().encode(arg.name).length +
      4 +
      arg.bytes.length +
      clTypeBytes[arg.clType].length,
    4,
  )
}

function hashList(hashes: readonly AccountHashHex[]): Uint8Array {
  return list(hashes.map(hexToBytes))
}

function list(items: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(4 + items.reduce((sum, item) => sum + item.length, 0))
  new DataView(out.buffer).setUint32(0, items.length, true)
  let offset = 4
  for (const item of items) {
    out.set(item, offset)
    offset += item.length
  }
  return out
}
