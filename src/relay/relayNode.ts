// The node a relay reads accounts and the chainspec from (`--node`), with a short cache so a burst of posts reads each account once.
import type { Account } from '../account/Account.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { createRpc, type Rpc } from '../rpc/createRpc.js'
import { getAccountConfig } from '../rpc/getAccountConfig.js'
import { getChainspec } from '../rpc/getChainspec.js'
import { JsonRpcError } from '../rpc/RpcError.js'

/** What the relay reads from its node. */
export type RelayNode = {
  rpc: Rpc
  /** The node's chainspec (read once). */
  chainspec(): Promise<Chainspec>
  /** The account as the node holds it now, or undefined when the node has no such account. */
  account(accountHash: string): Promise<Account | undefined>
}

/** How long an account read is reused, in milliseconds. */
const accountCacheMs = 1_000

/**
 * A {@link RelayNode} over the node's JSON-RPC endpoint (`http://HOST:7777/rpc`). Account reads are
 * reused for a second (on the `now` clock), failures never.
 *
 * @example
 * ```ts
 * const node = relayNode('http://127.0.0.1:7777/rpc', Date.now)
 * const account = await node.account('83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2')
 * ```
 */
export function relayNode(url: string, now: () => number): RelayNode {
  const rpc = createRpc({ url, timeoutMs: 15_000 })
  const accounts = new Map<string, { at: number; read: Promise<Account | undefined> }>()
  const chainspec = () => getChainspec(rpc)
  return {
    rpc,
    chainspec,
    account(accountHash) {
      const t = now()
      const cached = accounts.get(accountHash)
      if (cached && t - cached.at < accountCacheMs) return cached.read
      const read = (async () => {
        try {
          const spec = await chainspec()
          return (await getAccountConfig(rpc, `account-hash-${accountHash}`, { chainspec: spec })).account
        } catch (error) {
          if (
            error instanceof JsonRpcError &&
            (error.rpcName === 'NoSuchAccount' || error.rpcName === 'NoSuchAddressableEntity')
          )
            return undefined
          throw error
        }
      })()
      read.catch(() => accounts.delete(accountHash))
      if (accounts.size > 1_000) accounts.clear()
      accounts.set(accountHash, { at: t, read })
      return read
    },
  }
}
