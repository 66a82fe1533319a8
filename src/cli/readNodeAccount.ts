// The node's protocol and chain, and an account as the node holds it now, for the commands that take --node.
import type { AccountIdentifier } from '../account/accountHash.js'
import { createRpc, type Rpc } from '../rpc/createRpc.js'
import { type GetAccountConfigReturnType, getAccountConfig } from '../rpc/getAccountConfig.js'
import { type GetProtocolReturnType, getProtocol } from '../rpc/getProtocol.js'

/**
 * What {@link readNodeAccount} returns: the RPC client, the node's status, the account, and
 * `network`: the options that tell the library which network rules apply (the one place the
 * commands take them from, so a change of those options is made here).
 */
export type ReadNodeAccountReturnType = GetAccountConfigReturnType & {
  rpc: Rpc
  status: GetProtocolReturnType
  network: { protocol: GetProtocolReturnType['protocol'] }
}

/**
 * `getProtocol` then `getAccountConfig` against the node's JSON-RPC endpoint `url`.
 *
 * @throws the errors of `getProtocol` and `getAccountConfig` (`JsonRpcError` NoSuchAccount, `UnreachableError`, …).
 */
export async function readNodeAccount(
  url: string,
  account: AccountIdentifier,
): Promise<ReadNodeAccountReturnType> {
  const rpc = createRpc(url)
  const status = await getProtocol(rpc)
  const network = { protocol: status.protocol }
  const read = await getAccountConfig(rpc, account, network)
  return { ...read, rpc, status, network }
}
