// Which Casper protocol a node speaks, from info_get_status.
import type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
import type { Rpc, RpcRequestErrorType, RpcRequestOptions } from './createRpc.js'
import { responseShape } from './responseShape.js'

/** What {@link getProtocol} returns. */
export type GetProtocolReturnType = {
  /** `'1.5'` for any 1.x node, `'2.0'` for any 2.x node (Condor). */
  protocol: ProtocolGeneration
  /** The RPC API version as the node reports it, e.g. `'1.5.8'`, `'2.0.0'`. */
  apiVersion: string
  /** The network's chain name, e.g. `'casper'`, `'casper-test'`: the `chain_name` deploys must carry. */
  chainspecName: string
  /** The whole `info_get_status` result. */
  raw: Record<string, unknown>
}

/** Options of {@link getProtocol}. */
export type GetProtocolOptions = RpcRequestOptions

/** Errors of {@link getProtocol}: the transport and JSON-RPC errors, or `MalformedResponse` for an unknown major version. */
export type GetProtocolErrorType = RpcRequestErrorType

/**
 * Reads `info_get_status` (casper-node v1.5.8 `rpcs/info.rs` `GetStatusResult`; casper-sidecar
 * feat-2.0 `rpc_sidecar/src/rpcs/info.rs`): `api_version` 1.x → `'1.5'`, 2.x → `'2.0'`, plus
 * `chainspec_name`.
 *
 * @throws {MalformedResponseError} code `MalformedResponse` (field `result.api_version`) for another major version.
 * @example
 * ```ts
 * const { protocol, chainspecName } = await getProtocol(createRpc('http://localhost:7777/rpc'))
 * // { protocol: '2.0', apiVersion: '2.0.0', chainspecName: 'casper', raw: {…} }
 * ```
 */
export async function getProtocol(
  rpc: Rpc,
  options: GetProtocolOptions = {},
): Promise<GetProtocolReturnType> {
  const result = await rpc.request('info_get_status', undefined, options)
  const read = responseShape({ url: rpc.url, method: 'info_get_status' })
  const status = read.object(result, 'result')
  const apiVersion = read.string(
    status.api_version,
    'result.api_version',
    /^[12]\.\d+\.\d+/,
    'a 1.x or 2.x version such as "1.5.8" or "2.0.0"',
  )
  const chainspecName = read.string(status.chainspec_name, 'result.chainspec_name', /./, 'a chain name')
  return { protocol: apiVersion.startsWith('1.') ? '1.5' : '2.0', apiVersion, chainspecName, raw: status }
}
