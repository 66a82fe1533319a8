// The node's protocol and chain, and an account as the node holds it now, for the commands that take
// --node: the node's chainspec checked against the preset of its chain, and two nodes compared.
import type { AccountIdentifier } from '../account/accountHash.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { chainspecPreset } from '../chainspec/chainspecPreset.js'
import { type ChainspecDifference, compareChainspecs } from '../chainspec/compareChainspecs.js'
import { createRpc, type Rpc } from '../rpc/createRpc.js'
import { type GetAccountConfigReturnType, getAccountConfig } from '../rpc/getAccountConfig.js'
import { getChainspec } from '../rpc/getChainspec.js'
import { type GetProtocolReturnType, getProtocol } from '../rpc/getProtocol.js'
import { UnreachableError } from '../rpc/RpcError.js'
import { redactUrl } from '../text/redactUrl.js'
import { safeText } from '../text/safeText.js'
import { CliError } from './CliError.js'
import type { OwnChainspec } from './ownChainspec.js'

/** Where the rules the commands apply come from, and how far the node was believed. */
export type ChainspecSource =
  /** The node's chainspec, equal to the bundled preset of its chain or stricter. */
  | { kind: 'preset'; chainName: string }
  /** `--chainspec FILE`: the user's own. */
  | { kind: 'own'; path: string }
  /** The node's chainspec for a chain without a preset (a devnet): not checked. */
  | { kind: 'unchecked'; chainName: string }

/**
 * What {@link readNodeAccount} returns: the RPC client, the node's status, the account, and
 * `network`: the options that tell the library which network rules apply (the one place the
 * commands take them from, so a change of those options is made here).
 */
export type ReadNodeAccountReturnType = GetAccountConfigReturnType & {
  /** The first node's client. */
  rpc: Rpc
  status: GetProtocolReturnType
  /** The chainspec every rule the commands apply reads: see `nodes.chainspec` for where it comes from. */
  network: { chainspec: Chainspec }
  nodes: {
    /** Each node read, redacted (no userinfo, query or fragment). */
    urls: string[]
    chainspec: ChainspecSource
    /** One line naming the node(s) and the chainspec's source, for the commands' output. */
    text: string
  }
}

/** Options of {@link readNodeAccount}. */
export type ReadNodeAccountOptions = {
  /** `--chainspec FILE`: its rules apply instead of the node's. */
  chainspec?: OwnChainspec | undefined
  /**
   * The chain a deploy or transaction file is for: a node of another chain is named as such before
   * its account is read (the account there is not the file's).
   */
  fileChainName?: string | undefined
}

/**
 * `getProtocol`, `getChainspec` and `getAccountConfig` against each node's JSON-RPC endpoint (one,
 * or two that must agree). The chainspec a node serves is not believed: for `casper` and
 * `casper-test` it is compared with the bundled preset (`compareChainspecs`), and any difference
 * that loosens a check is an error unless the user passed their own chainspec; other chains (a
 * devnet) are used as served and said to be unchecked. Two nodes must agree on the chain, the
 * chainspec and the account (associated keys, weights, thresholds, main purse).
 *
 * @throws {CliError} `WrongChain` (details `fileChain`, `nodeChain`) when a node is of another
 *   chain than `options.fileChainName`; `NodeChainspecLoosened` naming each loosened value, `NodesDisagree` naming
 *   both nodes and every field that differs; and the errors of `getProtocol`, `getChainspec` and
 *   `getAccountConfig` (`JsonRpcError` NoSuchAccount, `UnreachableError`, `ChainspecError`, …).
 */
export async function readNodeAccount(
  nodes: string | readonly string[],
  account: AccountIdentifier,
  options: ReadNodeAccountOptions = {},
): Promise<ReadNodeAccountReturnType> {
  const urls = typeof nodes === 'string' ? [nodes] : [...nodes]
  const reads = await Promise.all(urls.map((url) => readOne(url, account, options)))
  const first = reads[0]!
  if (reads.length > 1) compare(first, reads[1]!)
  const names = reads.map((r) => r.name)
  const source = first.source
  const chainspecText =
    source.kind === 'preset'
      ? `chainspec checked against the bundled ${safeText(source.chainName)} preset`
      : source.kind === 'own'
        ? `chainspec: yours, ${safeText(source.path)}`
        : `chainspec of the node, not checked against a preset (none for ${safeText(source.chainName)})`
  const text =
    names.length === 1
      ? `Node: ${safeText(names[0]!)} (${chainspecText})`
      : `Nodes: ${names.map(safeText).join(' and ')} agree on the account and the chainspec (${chainspecText})`
  const { name: _, source: __, served: ___, ...read } = first
  return { ...read, nodes: { urls: names, chainspec: source, text } }
}

type NodeRead = Omit<ReadNodeAccountReturnType, 'nodes'> & {
  name: string
  source: ChainspecSource
  /** The chainspec as the node served it. */
  served: Chainspec
}

async function readOne(
  url: string,
  account: AccountIdentifier,
  options: ReadNodeAccountOptions,
): Promise<NodeRead> {
  const rpc = createRpc(url)
  const name = redactUrl(url)
  const status = await getProtocol(rpc)
  const served = await getChainspec(rpc)
  const { fileChainName } = options
  if (fileChainName !== undefined && fileChainName !== served.chainName) {
    throw new CliError(
      `This file is for chain ${safeText(fileChainName)}; the node at ${safeText(name)} is chain ${safeText(served.chainName)}`,
      {
        code: 'WrongChain',
        details: { fileChain: fileChainName, nodeChain: served.chainName },
        remedy: `Use a node of ${safeText(fileChainName)} (--node, or CASPER_NODE_ADDRESS), or ask whoever sent the file for one made for ${safeText(served.chainName)}. Its account was not read: on another chain it is another account.`,
      },
    )
  }
  const { chainspec, source } = checkedChainspec(name, status, served, options.chainspec)
  const network = { chainspec }
  const read = await getAccountConfig(rpc, account, { protocol: status.protocol, chainspec })
  return { ...read, rpc, status, network, name, source, served }
}

/** The rules to apply: the user's, or the node's once checked against the preset of its chain. */
function checkedChainspec(
  node: string,
  status: GetProtocolReturnType,
  served: Chainspec,
  own: OwnChainspec | undefined,
): { chainspec: Chainspec; source: ChainspecSource } {
  const chainName = own?.chainspec.chainName ?? served.chainName
  if (status.chainspecName !== served.chainName || (own && served.chainName !== chainName)) {
    throw new CliError('The node names another chain than its chainspec or yours', {
      code: 'NodeChainspecLoosened',
      details: {
        node,
        'info_get_status chainspec_name': safeText(status.chainspecName),
        'info_get_chainspec network.name': safeText(served.chainName),
        ...(own ? { [own.path]: safeText(own.chainspec.chainName) } : {}),
      },
      remedy: 'Use a node of the network the file is for, and its chainspec.toml with --chainspec.',
    })
  }
  if (own) return { chainspec: own.chainspec, source: { kind: 'own', path: own.path } }
  const preset = chainspecPreset(served.chainName)
  if (!preset) return { chainspec: served, source: { kind: 'unchecked', chainName: served.chainName } }
  const loose = compareChainspecs(served, preset).filter((d) => d.loosens)
  if (loose.length > 0) {
    throw new CliError(
      `The node's chainspec loosens the checks of the bundled ${preset.chainName} chainspec`,
      {
        code: 'NodeChainspecLoosened',
        details: { node, ...differenceDetails(loose, 'node', `preset ${preset.protocolVersion}`) },
        remedy: `A node that serves looser rules (a larger gas limit or payment cap, a smaller minimum payment, another refund) would turn checks off. If the network really changed, pass its chainspec.toml yourself with --chainspec FILE; otherwise use another node.`,
      },
    )
  }
  // Stricter or equal: the node's values, with the auction's hash (not in chainspec.toml) from the preset.
  return {
    chainspec: { ...served, auctionContractHash: preset.auctionContractHash },
    source: { kind: 'preset', chainName: preset.chainName },
  }
}

/** Two nodes must say the same: chain, protocol, chainspec, and the account's keys, thresholds and purse. */
function compare(a: NodeRead, b: NodeRead): void {
  const fields: Record<string, string> = {}
  const differ = (field: string, x: string, y: string) => {
    if (x !== y) fields[field] = `${safeText(x)} at ${a.name}; ${safeText(y)} at ${b.name}`
  }
  differ('chain name', a.status.chainspecName, b.status.chainspecName)
  differ('protocol', a.status.protocol, b.status.protocol)
  const keys = (r: NodeRead) =>
    Object.entries(r.account.associatedKeys)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([hash, weight]) => `account-hash-${hash} weight ${weight}`)
  const [keysA, keysB] = [keys(a), keys(b)]
  for (const key of keysA.filter((k) => !keysB.includes(k))) fields[`associated key at ${a.name} only`] = key
  for (const key of keysB.filter((k) => !keysA.includes(k))) fields[`associated key at ${b.name} only`] = key
  const thresholds = (r: NodeRead) => {
    const t = r.account.actionThresholds
    return `deployment ${t.deployment}, key management ${t.keyManagement}${t.upgradeManagement === undefined ? '' : `, upgrade management ${t.upgradeManagement}`}`
  }
  differ('thresholds', thresholds(a), thresholds(b))
  differ('main purse', mainPurse(a.raw) ?? '(none)', mainPurse(b.raw) ?? '(none)')
  differ('account record', a.kind, b.kind)
  Object.assign(fields, differenceDetails(compareChainspecs(a.served, b.served), a.name, b.name))
  if (Object.keys(fields).length > 0) {
    throw new CliError(`The nodes disagree: ${a.name} and ${b.name}`, {
      code: 'NodesDisagree',
      details: fields,
      remedy:
        'One of them is behind, on another network, or lying: nothing they said is used. Check each node, or wait for both to reach the same block and try again.',
    })
  }
}

function differenceDetails(differences: readonly ChainspecDifference[], served: string, reference: string) {
  return Object.fromEntries(
    differences.map((d) => [
      `chainspec ${d.field}`,
      `${safeText(d.served)} (${served}), ${safeText(d.reference)} (${reference})`,
    ]),
  )
}

/** The account's main purse, wherever the node's record keeps it (Account, entity, 1.5 account). */
function mainPurse(raw: unknown, depth = 0): string | undefined {
  if (raw === null || typeof raw !== 'object' || depth > 4) return undefined
  const record = raw as Record<string, unknown>
  if (typeof record.main_purse === 'string') return record.main_purse
  for (const value of Object.values(record)) {
    const found = mainPurse(value, depth + 1)
    if (found !== undefined) return found
  }
  return undefined
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
  node: { urls: readonly string[]; fromEnvironment: boolean; command: 'describe' | 'sign' },
  account: AccountIdentifier,
  fileChainName: string,
  options: ReadNodeAccountOptions = {},
): Promise<{
  onChain?: ReadNodeAccountReturnType
  wrongChain?: CliError & { details: { nodeChain: string } }
}> {
  try {
    return { onChain: await readNodeAccount(node.urls, account, { ...options, fileChainName }) }
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
