// The node's protocol and chain, and an account as the node holds it now, for the commands that take --node.
import type { AccountIdentifier } from '../account/accountHash.js'
import { createRpc, type Rpc } from '../rpc/createRpc.js'
import { type GetAccountConfigReturnType, getAccountConfig } from '../rpc/getAccountConfig.js'
import { type GetProtocolReturnType, getProtocol } from '../rpc/getProtocol.js'

/** What {@link readNodeAccount} returns: the RPC client, the node's status and the account. */
export type ReadNodeAccountReturnType = GetAccountConfigReturnType & {
  rpc: Rpc
  status: GetProtocolReturnType
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
  const read = await getAccountConfig(rpc, account, { protocol: status.protocol })
  return { ...read, rpc, status }
}
