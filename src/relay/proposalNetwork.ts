// The rules a proposal is judged by on a relay: the node's chainspec, or mainnet's under the file's own chain name.
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import type { RelayNode } from './relayNode.js'

/**
 * The node's chainspec when the relay has a node (a file for another chain is then DO NOT SIGN);
 * else mainnet's rules under the chain the file names, as the CLI judges a file offline.
 *
 * @example
 * ```ts
 * const chainspec = await proposalNetwork(node, proposal.chainName)
 * ```
 */
export async function proposalNetwork(node: RelayNode | undefined, chainName: string): Promise<Chainspec> {
  return node ? node.chainspec() : { ...casperMainnet, chainName }
}
