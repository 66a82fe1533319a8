// Sends a signed deploy or transaction, after checking it against the account as the node holds it now.
import type { Account } from '../account/Account.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casper15 } from '../chainspec/casper15.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
import { parseDeployJson } from '../cosign/parseDeployJson.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import type { DeployError } from '../errors/DeployError.js'
import { PreflightError } from '../preflight/PreflightError.js'
import { type PreflightReturnType, preflight } from '../preflight/preflight.js'
import type { Rpc, RpcRequestErrorType, RpcRequestOptions } from './createRpc.js'
import { getAccountConfig } from './getAccountConfig.js'
import { getChainspec } from './getChainspec.js'
import { getProtocol } from './getProtocol.js'
import { getSpendingState } from './getSpendingState.js'
import {
  initiatorOf,
  type PreflightTransactionReturnType,
  preflightTransaction,
} from './preflightTransaction.js'
import { JsonRpcError } from './RpcError.js'
import { responseShape } from './responseShape.js'

/** Options of {@link submit}. */
export type SubmitOptions = RpcRequestOptions & {
  /** Check the deploy against fresh account state first and refuse to send when not ready; default `true`. */
  preflight?: boolean | undefined
  /** The account to check against; default: read now with `getAccountConfig` (header account / initiator). */
  account?: Account | undefined
  /** The network's rules for the preflight; default: the node's own chainspec (`getChainspec`). */
  chainspec?: Chainspec | undefined
  /** The chain the deploy must be for; default: the chainspec's. */
  chainName?: string | undefined
  /**
   * @deprecated Pass `chainspec`. Without `chainspec`, a node that does not serve
   * `info_get_chainspec` is checked with this protocol's preset (default: the node's, from `info_get_status`).
   */
  protocol?: ProtocolGeneration | undefined
  /** The paying purse's balance for the preflight; default: read with `query_balance` (skipped when the node cannot say). */
  balance?: bigint | undefined
  /** For the expiry check; default now. */
  now?: Date | number | undefined
}

/** What {@link submit} returns. */
export type SubmitReturnType = {
  /** The hash the node reported, equal to the deploy's (transaction's) own hash. */
  hash: string
  kind: 'deploy' | 'transaction'
  /** The account the preflight checked against: pass it to `awaitResult` to explain a failure. */
  account?: Account | undefined
  preflight?: PreflightReturnType | PreflightTransactionReturnType | undefined
}

/** Errors of {@link submit}. */
export type SubmitErrorType = PreflightError | RpcRequestErrorType | DeployError

/**
 * Sends a deploy (`account_put_deploy { deploy }`, casper-node v1.5.8 `rpcs/account.rs`; also served
 * by 2.0) or a 2.0 TransactionV1 (`account_put_transaction { transaction: { Version1 } }`,
 * casper-sidecar feat-2.0 `rpc_sidecar/src/rpcs/account.rs`), and checks that the hash the node
 * reports is the deploy's own. With `preflight` (the default) it first reads the account as it is now
 * and runs `preflight` (deploys) or `preflightTransaction` (transactions: signatures, thresholds,
 * header and the emulated session; not payment or size limits) and refuses to send when not ready.
 *
 * @throws {PreflightError} code `NotReady`, with every problem, when the preflight finds errors (nothing is sent).
 * @throws {JsonRpcError} code `JsonRpcError`, rpcName `InvalidDeploy` (-32008) / `InvalidTransaction` (-32016) when the node refuses it.
 * @throws {MalformedResponseError} code `MalformedResponse` (field `result.deploy_hash` / `result.transaction_hash`) for a missing or different hash.
 * @throws {DeployError} code `InvalidDeployJson` / `InvalidTransactionJson` for JSON that is not a deploy / transaction.
 * @example
 * ```ts
 * const rpc = createRpc('http://localhost:7777/rpc')
 * const { hash, account } = await submit(rpc, signedDeploy)
 * const result = await awaitResult(rpc, hash, { timeoutMs: 180_000, account })
 * ```
 */
export async function submit(
  rpc: Rpc,
  deployOrTransaction: DeployJson | TransactionJson,
  options: SubmitOptions = {},
): Promise<SubmitReturnType> {
  const { signal, timeoutMs } = options
  const isTransaction = typeof deployOrTransaction === 'object' && 'Version1' in deployOrTransaction
  const deploy = isTransaction ? undefined : parseDeployJson(deployOrTransaction)
  const transaction = isTransaction ? (deployOrTransaction as TransactionJson) : undefined

  let account = options.account
  let report: SubmitReturnType['preflight']
  if (options.preflight ?? true) {
    const chainspec = options.chainspec ?? (await nodeChainspec(rpc, options))
    // The public key when there is one: the node then also checks the key is the account's.
    const owner = deploy ? deploy.header.account : ownerOf(transaction!)
    account ??= (
      await getAccountConfig(rpc, owner, {
        protocol: chainspec.protocolVersion.startsWith('1.') ? '1.5' : '2.0',
        signal,
        timeoutMs,
      })
    ).account
    const balance =
      options.balance ?? (await getSpendingState(rpc, account.accountHash, { signal, timeoutMs })).balance
    const preflightOptions = { chainspec, chainName: options.chainName, now: options.now, balance }
    const checked = deploy
      ? await preflight(deploy, account, preflightOptions)
      : await preflightTransaction(transaction!, account, preflightOptions)
    if (!checked.ready) throw new PreflightError(checked.errors)
    report = checked
  }

  if (deploy) {
    const result = await rpc.request('account_put_deploy', { deploy }, { signal, timeoutMs })
    const read = responseShape({ url: rpc.url, method: 'account_put_deploy' })
    const hash = read.hash(read.object(result, 'result').deploy_hash, 'result.deploy_hash')
    if (hash !== deploy.hash.toLowerCase()) read.fail('result.deploy_hash', deploy.hash.toLowerCase(), hash)
    return { hash, kind: 'deploy', account, preflight: report }
  }
  const own = transaction!.Version1.hash.toLowerCase()
  const result = await rpc.request(
    'account_put_transaction',
    { transaction: { Version1: transaction!.Version1 } },
    { signal, timeoutMs },
  )
  const read = responseShape({ url: rpc.url, method: 'account_put_transaction' })
  const path = 'result.transaction_hash'
  const [, reported] = read.variant(read.object(result, 'result').transaction_hash, path, ['Version1'])
  const hash = read.hash(reported, `${path}.Version1`)
  if (hash !== own) read.fail(`${path}.Version1`, own, hash)
  return { hash, kind: 'transaction', account, preflight: report }
}

/** The node's chainspec; a node without `info_get_chainspec` gets its protocol's preset under its chain name. */
async function nodeChainspec(rpc: Rpc, options: SubmitOptions): Promise<Chainspec> {
  const { signal, timeoutMs } = options
  try {
    return await getChainspec(rpc, { signal, timeoutMs })
  } catch (error) {
    if (!(error instanceof JsonRpcError) || error.rpcCode !== -32601) throw error
    const status = await getProtocol(rpc, { signal, timeoutMs })
    const preset = (options.protocol ?? status.protocol) === '1.5' ? casper15 : casperMainnet
    return { ...preset, chainName: status.chainspecName }
  }
}

/** The initiator as the node's identifiers take it: its public key, else `account-hash-…`. */
function ownerOf(transaction: TransactionJson): string {
  const initiator = transaction.Version1?.payload?.initiator_addr as { PublicKey?: unknown } | undefined
  const publicKey = initiator?.PublicKey
  return typeof publicKey === 'string' ? publicKey : `account-hash-${initiatorOf(initiator)}`
}
