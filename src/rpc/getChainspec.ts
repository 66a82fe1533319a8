// The network's chainspec, read from a node once: info_get_chainspec's raw chainspec.toml bytes.
import type { Chainspec } from '../chainspec/Chainspec.js'
import { ChainspecError } from '../chainspec/ChainspecError.js'
import { parseChainspec } from '../chainspec/parseChainspec.js'
import { hexToBytes } from '../encoding/hex.js'
import type { Rpc, RpcRequestErrorType, RpcRequestOptions } from './createRpc.js'
import { responseShape } from './responseShape.js'

/** Options of {@link getChainspec}. */
export type GetChainspecOptions = RpcRequestOptions & {
  /** Ask the node again instead of using the answer cached for this `rpc`. Default false. */
  refresh?: boolean | undefined
}

/** Errors of {@link getChainspec}: the transport and JSON-RPC errors, and {@link ChainspecError}. */
export type GetChainspecErrorType = RpcRequestErrorType | ChainspecError

const cache = new WeakMap<Rpc, Promise<Chainspec>>()

/**
 * The chainspec the node runs, from `info_get_chainspec` (casper-sidecar `rpc_sidecar/src/rpcs/info.rs`
 * `GetChainspecResult`, casper-node 1.5 `rpcs/info.rs`): `result.chainspec_bytes.chainspec_bytes`
 * is the hex of the node's `chainspec.toml`, read with {@link parseChainspec}. Asked once per `rpc`
 * (a failed request is not cached); pass `refresh` after a protocol upgrade.
 *
 * @throws {MalformedResponseError} when the answer lacks the bytes.
 * @throws {ChainspecError} when the bytes are not a chainspec the library can read.
 * @example
 * ```ts
 * const rpc = createRpc('https://node.example/rpc')
 * const chainspec = await getChainspec(rpc)
 * const plan = await planReconfiguration(account, target, { chainspec })
 * ```
 */
export function getChainspec(rpc: Rpc, options: GetChainspecOptions = {}): Promise<Chainspec> {
  const cached = options.refresh ? undefined : cache.get(rpc)
  if (cached) return cached
  const pending = read(rpc, options)
  cache.set(rpc, pending)
  pending.catch(() => {
    if (cache.get(rpc) === pending) cache.delete(rpc)
  })
  return pending
}

async function read(rpc: Rpc, options: RpcRequestOptions): Promise<Chainspec> {
  const { refresh: _, ...request } = options as GetChainspecOptions
  const result = await rpc.request('info_get_chainspec', undefined, request)
  const shape = responseShape({ url: rpc.url, method: 'info_get_chainspec' })
  const raw = shape.object(shape.object(result, 'result').chainspec_bytes, 'result.chainspec_bytes')
  const hex = shape.string(
    raw.chainspec_bytes,
    'result.chainspec_bytes.chainspec_bytes',
    /^([0-9a-fA-F]{2})*$/,
    'hex bytes',
  )
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(hexToBytes(hex))
  } catch (cause) {
    throw new ChainspecError({
      code: 'ChainspecUnavailable',
      key: 'result.chainspec_bytes.chainspec_bytes',
      cause,
    })
  }
  return parseChainspec(text)
}
