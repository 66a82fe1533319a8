// What a co-signer approves, in full, for every command that shows it: the one description and its JSON.
import type { Account, AccountHashHex } from '../account/Account.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import type { CosignFile } from '../cosign/CosignFile.js'
import { describeFile, type FileDescription } from '../cosign/describeFile.js'
import { recipientWarnings } from '../cosign/recipientWarnings.js'
import { type DeployDescription, describeDeploy } from '../preflight/describeDeploy.js'
import type { Rpc } from '../rpc/createRpc.js'
import { getSpendingState } from '../rpc/getSpendingState.js'
import { type AddressBook, addressBookWarnings, keyJson } from './labels.js'
import type { OwnChainspec } from './ownChainspec.js'
import { readFileNodeAccount } from './readNodeAccount.js'
import { fileChainName, transactionAccount } from './readSignedFile.js'

/**
 * The one description the commands show (`describeDeploy` over the decoded file). The rules are the
 * node's chainspec when there is a node, else mainnet's; the chain the file must be for is
 * `--chain-name`, else the node's, else the file's own (so a file is not refused for its chain
 * unless a chain was asked for). With a node, the session is emulated against the account, and a
 * transfer or auction call is checked against the account's balance and the auction's bids.
 *
 * @example
 * ```ts
 * const description = await describeForCli(read.file, { chainName: values['chain-name'], ...onChain?.network, account: onChain?.account })
 * ```
 */
export async function describeForCli(
  file: CosignFile,
  context: {
    chainName?: string | undefined
    /** The node's chainspec, when there is a node. */
    chainspec?: Chainspec | undefined
    /** The account on chain: the session is emulated against it. */
    account?: Account | undefined
    /** The node the account was read from: a spending call is checked against its balance and auction. */
    rpc?: Rpc | undefined
    /**
     * The co-signer's address book: the Wasm it accepts, and its conflicts between names, added to
     * the description's warnings (`Address book: …`). With its labels, a recipient of a transfer or
     * a delegation they do not name is warned of too (`recipientWarnings`), even when no book exists.
     */
    addressBook?:
      | (Pick<AddressBook, 'acceptedWasm' | 'warnings'> & Partial<Pick<AddressBook, 'labels'>>)
      | undefined
  },
): Promise<DeployDescription> {
  const base = context.chainspec ?? casperMainnet
  const chainName =
    context.chainName ??
    context.chainspec?.chainName ??
    (file.kind === 'deploy' ? file.header.chain_name : file.payload.chainName)
  const chainspec = { ...base, chainName }
  const { account, rpc } = context
  const { code } = describeFile(file, { network: chainspec })
  const state =
    account && rpc && (code.kind === 'transfer' || code.kind === 'auction')
      ? await getSpendingState(rpc, account.accountHash, { auction: code.kind === 'auction' })
      : undefined
  const description = await describeDeploy(file, {
    chainspec,
    account,
    state,
    acceptedWasm: context.addressBook?.acceptedWasm,
  })
  const book = context.addressBook?.warnings ?? []
  const labels = context.addressBook?.labels
  const recipients = labels ? recipientWarnings(description, labels) : []
  return book.length === 0 && recipients.length === 0
    ? description
    : {
        ...description,
        warnings: [...description.warnings, ...recipients, ...addressBookWarnings({ warnings: book })],
      }
}

/**
 * {@link describeForCli} for the commands that also work offline (`describe`, `sign`): with nodes,
 * the file's account is read from them first; on a node of another chain the verdict is against
 * the node's chain name (DO NOT SIGN), with the chains named in `wrongChain`.
 *
 * @example
 * ```ts
 * const { description, onChain, wrongChain } = await describeWithNodes(read.file, { nodes, fromEnvironment, command: 'sign', own, chainName, addressBook: book })
 * ```
 */
export async function describeWithNodes(
  file: CosignFile,
  context: {
    nodes: readonly string[]
    fromEnvironment: boolean
    command: 'describe' | 'sign'
    own?: OwnChainspec | undefined
    chainName?: string | undefined
    addressBook?: Parameters<typeof describeForCli>[1]['addressBook']
  },
) {
  const { nodes, own } = context
  const { onChain, wrongChain } =
    nodes.length > 0
      ? await readFileNodeAccount(
          { urls: nodes, fromEnvironment: context.fromEnvironment, command: context.command },
          transactionAccount(file),
          fileChainName(file),
          { chainspec: own },
        )
      : {}
  const description = await describeForCli(file, {
    chainName: context.chainName ?? wrongChain?.details.nodeChain,
    ...(onChain?.network ?? (own ? { chainspec: own.chainspec } : {})),
    account: onChain?.account,
    rpc: onChain?.rpc,
    addressBook: context.addressBook,
  })
  return { description, onChain, wrongChain }
}

/** The description for `--json`: full hashes and keys with their labels, amounts as decimal strings. */
export function descriptionJson(description: FileDescription, labels: ReadonlyMap<AccountHashHex, string>) {
  const { outcome, payment } = description
  return {
    kind: description.kind,
    hash: description.hash,
    safeToSign: description.safeToSign,
    doNotSign: description.doNotSign,
    account: {
      ...keyJson(description.account.accountHash, labels),
      publicKey: description.account.publicKey,
    },
    chainName: description.chainName,
    session: Object.fromEntries(
      Object.entries(description.code).map(([k, v]) => [k, typeof v === 'bigint' ? String(v) : v]),
    ),
    runtime:
      description.runtime?.name === 'VmCasperV2'
        ? { ...description.runtime, transferredValue: String(description.runtime.transferredValue) }
        : description.runtime,
    changes: description.changes.map((change) =>
      'accountHash' in change ? { ...change, ...keyJson(change.accountHash, labels) } : change,
    ),
    args: description.args,
    result: outcome
      ? outcome.ok
        ? {
            ok: true,
            associatedKeys: Object.entries(outcome.account.associatedKeys).map(([hash, weight]) => ({
              ...keyJson(hash, labels),
              weight,
            })),
            thresholds: {
              deployment: outcome.account.actionThresholds.deployment,
              keyManagement: outcome.account.actionThresholds.keyManagement,
            },
            gas: String(outcome.gas),
          }
        : { ok: false, failure: outcome.failure }
      : undefined,
    payment: Object.fromEntries(
      Object.entries(payment).map(([k, v]) => [k, typeof v === 'bigint' ? String(v) : v]),
    ),
    expiresAt: new Date(description.expiresAt).toISOString(),
    expired: description.expired,
    signers: description.signers.map((s) => ({ ...keyJson(s.accountHash, labels), publicKey: s.publicKey })),
    invalidApprovals: description.verification.approvals.flatMap((a) =>
      a.ok ? [] : [{ index: a.index, publicKey: a.approval.signer, reason: a.reason, message: a.message }],
    ),
    warnings: description.warnings,
  }
}
