// The node's protocol and chain, and an account as the node holds it now, for the commands that take --node.
import type { AccountIdentifier } from '../account/accountHash.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { createRpc, type Rpc } from '../rpc/createRpc.js'
import { type GetAccountConfigReturnType, getAccountConfig } from '../rpc/getAccountConfig.js'
import { getChainspec } from '../rpc/getChainspec.js'
import { type GetProtocolReturnType, getProtocol } from '../rpc/getProtocol.js'
import { UnreachableError } from '../rpc/RpcError.js'
import { safeText } from '../text/safeText.js'
import { CliError } from './CliError.js'

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
 * With `fileChainName` (the chain a deploy or transaction file is for), a node of another chain is
 * named as such before its account is read: the account there is not the file's.
 *
 * @throws {CliError} code `WrongChain` (details `fileChain`, `nodeChain`) when the node is of
 * another chain than `fileChainName`; the errors of `getProtocol`, `getChainspec` and
 * `getAccountConfig` (`JsonRpcError` NoSuchAccount, `UnreachableError`, `ChainspecError`, …).
 */
export async function readNodeAccount(
  url: string,
  account: AccountIdentifier,
  options: { fileChainName?: string | undefined } = {},
): Promise<ReadNodeAccountReturnType> {
  const rpc = createRpc(url)
  const status = await getProtocol(rpc)
  const network = { chainspec: await getChainspec(rpc) }
  const { fileChainName } = options
  if (fileChainName !== undefined && fileChainName !== network.chainspec.chainName) {
    throw new CliError(
      `This file is for chain ${safeText(fileChainName)}; the node at ${safeText(rpc.url)} is chain ${safeText(network.chainspec.chainName)}`,
      {
        code: 'WrongChain',
        details: { fileChain: fileChainName, nodeChain: network.chainspec.chainName },
        remedy: `Use a node of ${safeText(fileChainName)} (--node, or CASPER_NODE_ADDRESS), or ask whoever sent the file for one made for ${safeText(network.chainspec.chainName)}. Its account was not read: on another chain it is another account.`,
      },
    )
  }
  const read = await getAccountConfig(rpc, account, {
    protocol: status.protocol,
    chainspec: network.chainspec,
  })
  return { ...read, rpc, status, network }
}

/**
 * {@link readNodeAccount} for a deploy or transaction file's account on the file's chain, for the
 * commands that also work without a node (`describe`, `sign`). On a node of another chain:
 * `undefined` and the error (the command then shows the file's verdict against the node's chain
 * name: DO NOT SIGN, another chain). A node that cannot be reached is named with the offline form
 * of the command.
 *
 * @throws {CliError} code `NodeUnreachable` (its cause the `UnreachableError`) when the node cannot
 * be reached; the other errors of {@link readNodeAccount}.
 */
export async function readFileNodeAccount(
  node: { url: string; fromEnvironment: boolean; command: 'describe' | 'sign' },
  account: AccountIdentifier,
  fileChainName: string,
): Promise<{
  onChain?: ReadNodeAccountReturnType
  wrongChain?: CliError & { details: { nodeChain: string } }
}> {
  try {
    return { onChain: await readNodeAccount(node.url, account, { fileChainName }) }
  } catch (error) {
    if (error instanceof CliError && error.code === 'WrongChain') {
      return { wrongChain: error as CliError & { details: { nodeChain: string } } }
    }
    if (error instanceof UnreachableError) {
      const leaveOut = node.fromEnvironment
        ? 'without CASPER_NODE_ADDRESS (unset it, or run `env -u CASPER_NODE_ADDRESS casper-multisig …`)'
        : 'without --node'
      const offline =
        node.command === 'sign'
          ? `To sign offline, run the same sign command ${leaveOut}: the file is still checked (hashes, approvals, chain with --chain-name, expiry), but not the account's keys or the signature progress.`
          : `To describe the file offline, run the same describe command ${leaveOut}: the session is then not emulated against the account.`
      throw new CliError(
        `Cannot reach the node at ${safeText(error.url)}${node.fromEnvironment ? ' (from CASPER_NODE_ADDRESS)' : ''}`,
        {
          code: 'NodeUnreachable',
          details: { reason: error.reason ?? 'no answer' },
          remedy: `${offline} Or start the node, or point ${node.fromEnvironment ? 'CASPER_NODE_ADDRESS' : '--node'} at one that runs.`,
          cause: error,
        },
      )
    }
    throw error
  }
}
