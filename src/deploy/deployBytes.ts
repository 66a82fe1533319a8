// The bytes casper-node hashes for a deploy, written from its JSON with no third-party serialiser.
import { hexToBytes } from '../encoding/hex.js'
import { checkClType } from './checkClValue.js'
import { DeployError } from './DeployError.js'
import type { DeployHeaderJson, ExecutableDeployItemJson, NamedArgJson } from './DeployJson.js'
import { parseDuration, parseTimestamp } from './duration.js'

/** A growable little-endian byte writer for casper-types `bytesrepr`. */
class Writer {
  private chunks: Uint8Array[] = []
  private size = 0
  bytes(value: Uint8Array): this {
    this.chunks.push(value)
    this.size += value.length
    return this
  }
  u8(value: number): this {
    return this.bytes(new Uint8Array([value]))
  }
  u32(value: number): this {
    const out = new Uint8Array(4)
    new DataView(out.buffer).setUint32(0, value, true)
    return this.bytes(out)
  }
  u64(value: number | bigint): this {
    const out = new Uint8Array(8)
    new DataView(out.buffer).setBigUint64(0, BigInt(value), true)
    return this.bytes(out)
  }
  /** `Vec<u8>` / `Bytes`: u32 length, then the bytes. */
  sized(value: Uint8Array): this {
    return this.u32(value.length).bytes(value)
  }
  string(value: string): this {
    return this.sized(new TextEncoder().encode(value))
  }
  done(): Uint8Array {
    const out = new Uint8Array(this.size)
    let at = 0
    for (const chunk of this.chunks) {
      out.set(chunk, at)
      at += chunk.length
    }
    return out
  }
}

// casper-types v1.5.8 `executable_deploy_item.rs` tags.
const itemTags: Record<string, number> = {
  ModuleBytes: 0,
  StoredContractByHash: 1,
  StoredContractByName: 2,
  StoredVersionedContractByHash: 3,
  StoredVersionedContractByName: 4,
  Transfer: 5,
}

/**
 * An `ExecutableDeployItem`'s bytes as casper-types v1.5.8 `executable_deploy_item.rs` `to_bytes`
 * writes them: tag, the variant's fields (`hash` 32 bytes, `name` / `entry_point` String, `version`
 * `Option<u32>`, `module_bytes` Bytes), then `RuntimeArgs` (u32 count, then per arg the name String
 * and the CLValue: its bytes as `Bytes`, then its CLType, `cl_value.rs`). Every arg's CLType is read
 * with {@link checkClType}; the value bytes are hashed as they are, as the node hashes them.
 *
 * @throws {DeployError} `InvalidClType` for an arg whose type the node would read otherwise.
 * @example
 * ```ts
 * executableItemBytes({ Transfer: { args: [] } }) // Uint8Array [5, 0, 0, 0, 0]
 * ```
 */
export function executableItemBytes(item: ExecutableDeployItemJson, path = 'item'): Uint8Array {
  const [variant, body] = Object.entries(item)[0]!
  const tag = itemTags[variant]
  if (tag === undefined)
    throw new DeployError(`Invalid deploy JSON at ${path}`, {
      code: 'InvalidDeployJson',
      details: { field: path, expected: Object.keys(itemTags).join(', '), got: variant },
    })
  const out = new Writer().u8(tag)
  const fields = body as Record<string, unknown>
  if (variant === 'ModuleBytes') out.sized(hexToBytes(String(fields.module_bytes)))
  if (typeof fields.hash === 'string') out.bytes(hexToBytes(fields.hash))
  if (typeof fields.name === 'string') out.string(fields.name)
  if (variant.startsWith('StoredVersioned')) {
    if (fields.version === undefined || fields.version === null) out.u8(0)
    else out.u8(1).u32(fields.version as number)
  }
  if (typeof fields.entry_point === 'string') out.string(fields.entry_point)
  return out.bytes(runtimeArgsBytes(body.args, `${path}.${variant}.args`)).done()
}

/**
 * `RuntimeArgs` bytes (casper-types `runtime_args.rs`): u32 count, then per arg the name String and
 * the CLValue (its bytes as `Bytes`, then its CLType, `cl_value.rs`). Their length is what the node
 * compares with `session_args_max_length` / `payment_args_max_length`.
 *
 * @throws {DeployError} `InvalidClType` for an arg whose type the node would read otherwise.
 * @example
 * ```ts
 * runtimeArgsBytes([]) // Uint8Array [0, 0, 0, 0]
 * ```
 */
export function runtimeArgsBytes(args: readonly NamedArgJson[], path = 'args'): Uint8Array {
  const out = new Writer().u32(args.length)
  args.forEach(([name, value], i) => {
    const { clTypeBytes } = checkClType(value.cl_type, `${path}[${i}][1].cl_type`)
    out.string(name).sized(hexToBytes(value.bytes)).bytes(clTypeBytes)
  })
  return out.done()
}

/**
 * A deploy header's bytes (casper-types v1.5.8 `deploy_header.rs`): account PublicKey (tag, key),
 * timestamp and TTL in milliseconds as u64 (read with the node's humantime grammar), gas price u64,
 * body hash, dependencies (u32 count, 32 bytes each), chain name String.
 *
 * @example
 * ```ts
 * blake2b(deployHeaderBytes(deploy.header), { dkLen: 32 }) // the deploy hash
 * ```
 */
export function deployHeaderBytes(header: DeployHeaderJson): Uint8Array {
  const out = new Writer()
    .bytes(hexToBytes(header.account))
    .u64(parseTimestamp(header.timestamp))
    .u64(parseDuration(header.ttl))
    .u64(header.gas_price)
    .bytes(hexToBytes(header.body_hash))
    .u32(header.dependencies.length)
  for (const dependency of header.dependencies) out.bytes(hexToBytes(dependency))
  return out.string(header.chain_name).done()
}
