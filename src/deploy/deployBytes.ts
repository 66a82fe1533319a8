// The bytes casper-node hashes for a deploy, from its JSON, written with the co-signer's declared
// layouts (src/codec/layouts.ts): one codec for both entries.
import { clTypeBudget } from '../codec/clType.js'
import { argClType } from '../codec/clValue.js'
import {
  type DeployHeader,
  deployHeader,
  type ExecutableItem,
  executableItem,
  type NamedArg,
  runtimeArgs,
} from '../codec/layouts.js'
import { parseDuration, parseTimestamp } from '../encoding/duration.js'
import { hexToBytes } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import type { DeployHeaderJson, ExecutableDeployItemJson, NamedArgJson } from './DeployJson.js'

// casper-types v1.5.8 `executable_deploy_item.rs` variants.
const itemVariants = [
  'ModuleBytes',
  'StoredContractByHash',
  'StoredContractByName',
  'StoredVersionedContractByHash',
  'StoredVersionedContractByName',
  'Transfer',
]

/**
 * An `ExecutableDeployItem`'s bytes as casper-types v1.5.8 `executable_deploy_item.rs` `to_bytes`
 * writes them ({@link executableItem}): tag, the variant's fields (`hash` 32 bytes, `name` /
 * `entry_point` String, `version` `Option<u32>`, `module_bytes` Bytes), then `RuntimeArgs` (u32
 * count, then per arg the name String and the CLValue: its bytes as `Bytes`, then its CLType,
 * `cl_value.rs`). Every arg's CLType is read with {@link argClType}; the value bytes are hashed as
 * they are, as the node hashes them.
 *
 * @throws {DeployError} `InvalidClType` for an arg whose type the node would read otherwise.
 * @example
 * ```ts
 * executableItemBytes({ Transfer: { args: [] } }) // Uint8Array [5, 0, 0, 0, 0]
 * ```
 */
export function executableItemBytes(item: ExecutableDeployItemJson, path = 'item'): Uint8Array {
  return executableItem.encode(executableItemOf(item, path))
}

/**
 * An `ExecutableDeployItem` JSON in the layouts' form ({@link executableItem}), every arg's CLType
 * read with {@link checkClType}: what {@link executableItemBytes} writes.
 *
 * @throws {DeployError} `InvalidClType` for an arg whose type the node would read otherwise.
 * @example
 * ```ts
 * executableItemOf({ Transfer: { args: [] } }) // { TAG: 'Transfer', data: { args: [] } }
 * ```
 */
export function executableItemOf(item: ExecutableDeployItemJson, path = 'item'): ExecutableItem {
  const [variant, body] = Object.entries(item)[0]!
  if (!itemVariants.includes(variant))
    throw new DeployError(`Invalid deploy JSON at ${path}`, {
      code: 'InvalidDeployJson',
      details: { field: path, expected: itemVariants.join(', '), got: variant },
    })
  const fields = body as Record<string, unknown>
  const data: Record<string, unknown> = { args: namedArgs(body.args, `${path}.${variant}.args`) }
  if (variant === 'ModuleBytes') data.module_bytes = hexToBytes(String(fields.module_bytes))
  if (typeof fields.hash === 'string') data.hash = hexToBytes(fields.hash)
  if (typeof fields.name === 'string') data.name = fields.name
  data.version = fields.version ?? undefined
  if (typeof fields.entry_point === 'string') data.entry_point = fields.entry_point
  return { TAG: variant, data } as ExecutableItem
}

/**
 * `RuntimeArgs` bytes (casper-types `runtime_args.rs`, {@link runtimeArgs}): u32 count, then per arg
 * the name String and the CLValue (its bytes as `Bytes`, then its CLType, `cl_value.rs`). Their
 * length is what the node compares with `session_args_max_length` / `payment_args_max_length`.
 *
 * @throws {DeployError} `InvalidClType` for an arg whose type the node would read otherwise.
 * @example
 * ```ts
 * runtimeArgsBytes([]) // Uint8Array [0, 0, 0, 0]
 * ```
 */
export function runtimeArgsBytes(args: readonly NamedArgJson[], path = 'args'): Uint8Array {
  return runtimeArgs.encode(namedArgs(args, path))
}

/**
 * A deploy header's bytes (casper-types v1.5.8 `deploy_header.rs`, {@link deployHeader}): account
 * PublicKey (tag, key), timestamp and TTL in milliseconds as u64 (read with the node's humantime
 * grammar), gas price u64, body hash, dependencies (u32 count, 32 bytes each), chain name String.
 *
 * @example
 * ```ts
 * blake2b(deployHeaderBytes(deploy.header), { dkLen: 32 }) // the deploy hash
 * ```
 */
export function deployHeaderBytes(header: DeployHeaderJson): Uint8Array {
  return deployHeader.encode(deployHeaderOf(header))
}

/**
 * A deploy header JSON in the layouts' form ({@link deployHeader}): what {@link deployHeaderBytes}
 * writes, the TTL and timestamp read with the node's humantime grammar.
 *
 * @example
 * ```ts
 * deployHeaderOf(deploy.header).ttl // 1800000n for "30m"
 * ```
 */
export function deployHeaderOf(header: DeployHeaderJson): DeployHeader {
  return {
    account: header.account.toLowerCase(),
    timestamp: BigInt(parseTimestamp(header.timestamp)),
    ttl: BigInt(parseDuration(header.ttl)),
    gas_price: BigInt(header.gas_price),
    body_hash: hexToBytes(header.body_hash),
    dependencies: header.dependencies.map(hexToBytes),
    chain_name: header.chain_name,
  }
}

/** Named args with their CLTypes checked by the main entry's rules, in the layouts' form. */
function namedArgs(args: readonly NamedArgJson[], path: string): NamedArg[] {
  const budget = clTypeBudget()
  return args.map(([name, value], i) => {
    const clType = argClType(value.cl_type, `${path}[${i}][1].cl_type`, budget)
    return { name, bytes: hexToBytes(value.bytes), clType }
  })
}
