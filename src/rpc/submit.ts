// Sends a signed deploy or transaction, after checking it against the account as the node holds it now.
import type { Account } from '../account/Account.js'
import type { DeployError } from '../deploy/DeployError.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import { PreflightError } from '../deploy/PreflightError.js'
import { parseDeployJson } from '../deploy/parseDeployJson.js'
import { type PreflightReturnType, preflight } from '../deploy/preflight.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import type { Protocol } from '../emulator/emulateSession.js'
import type { Rpc, RpcRequestErrorType, RpcRequestOptions } from './createRpc.js'
import { getAccountConfig } from './getAccountConfig.js'
import { getProtocol } from './getProtocol.js'
import {
  initiatorOf,
  type PreflightTransactionReturnType,
  preflightTransaction,
} from './preflightTransaction.js'
import { responseShape } from './responseShape.js'

/** Options of {@link submit}. */
export type SubmitOptions = RpcRequestOptions & {
  /** Check the deploy against fresh account state first and refuse to send when not ready; default `true`. */
  preflight?: boolean | undefined
  /** The account to check against; default: read now with `getAccountConfig` (header account / initiator). */
  account?: Account | undefined
  /** The chain the deploy must be for; default: the node's `chainspec_name`. */
  chainName?: string | undefined
  /** Default: the node's, from `info_get_status`. */
  protocol?: Protocol | undefined
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
    let { protocol, chainName } = options
    if (protocol === undefined || chainName === undefined) {
      const status = await getProtocol(rpc, { signal, timeoutMs })
      protocol ??= status.protocol
      chainName ??= status.chainspecName
    }
    // The public key when there is one: the node then also checks the key is the account's.
    const owner = deploy ? deploy.header.account : ownerOf(transaction!)
    account ??= (await getAccountConfig(rpc, owner, { protocol, signal, timeoutMs })).account
    if (deploy) {
      const checked = await preflight(deploy, account, { chainName, protocol, now: options.now })
      if (!checked.ready) throw new PreflightError(checked.errors)
      report = checked
    } else {
      const checked = await preflightTransaction(transaction!, account, { chainName, now: options.now })
      if (!checked.ready) throw new PreflightError(checked.errors)
      report = checked
    }
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

/** The initiator as the node's identifiers take it: its public key, else `account-hash-…`. */
function ownerOf(transaction: TransactionJson): string {
  const initiator = transaction.Version1?.payload?.initiator_addr as { PublicKey?: unknown } | undefined
  const publicKey = initiator?.PublicKey
  return typeof publicKey === 'string' ? publicKey : `account-hash-${initiatorOf(initiator)}`
}
