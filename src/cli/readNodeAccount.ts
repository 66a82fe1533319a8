// The node's protocol and chain, and an account as the node holds it now, for the commands that take --node.
import type { AccountIdentifier } from '../account/accountHash.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { createRpc, type Rpc } from '../rpc/createRpc.js'
import { type GetAccountConfigReturnType, getAccountConfig } from '../rpc/getAccountConfig.js'
import { getChainspec } from '../rpc/getChainspec.js'
import { type GetProtocolReturnType, getProtocol } from '../rpc/getProtocol.js'

/**
 * What {@link readNodeAccount} returns: the RPC client, the node's status, the account, and
 * `network`: the options that tell the library which network rules apply (the one place the
 * commands take them from, so a change of those options is made here).
 */
export type ReadNodeAccountReturnType = GetAccountConfigReturnType & {
  rpc: Rpc
  status: GetProtocolReturnType
  /** The node's own chainspec (`info_get_chainspec`): every rule the commands apply reads it. */
  network: { chainspec: Chainspec }
}

/**
 * `getProtocol`, `getChainspec` and `getAccountConfig` against the node's JSON-RPC endpoint `url`.
 *
 * @throws the errors of `getProtocol`, `getChainspec` and `getAccountConfig` (`JsonRpcError`
 * NoSuchAccount, `UnreachableError`, `ChainspecError`, …).
 */
export async function readNodeAccount(
  url: string,
  account: AccountIdentifier,
): Promise<ReadNodeAccountReturnType> {
  const rpc = createRpc(url)
  const status = await getProtocol(rpc)
  const network = { chainspec: await getChainspec(rpc) }
  const read = await getAccountConfig(rpc, account, {
    protocol: status.protocol,
    chainspec: network.chainspec,
  })
  return { ...read, rpc, status, network }
}
