// The paying purse's balance and the auction's bids, read from a node for the spending checks.
import type { AccountHashHex } from '../account/Account.js'
import type { AuctionBid, SpendingState } from '../preflight/SpendingState.js'
import type { Rpc, RpcRequestOptions } from './createRpc.js'
import { JsonRpcError } from './RpcError.js'
import { responseShape } from './responseShape.js'

/** Options of {@link getSpendingState}. */
export type GetSpendingStateOptions = RpcRequestOptions & {
  /** Also read the auction's bids (`state_get_auction_info`): for a delegation, undelegation or redelegation. */
  auction?: boolean | undefined
}

/**
 * Reads what a transfer or an auction call is checked against before anyone signs: the balance of
 * the account's main purse (`query_balance` with `main_purse_under_account_hash`, casper-sidecar
 * `rpcs/state.rs` `QueryBalance`) and, with `auction`, every validator's bid with its delegators
 * (`state_get_auction_info`, the 1.x-compatible `AuctionState`: `bids[].public_key`,
 * `bids[].bid.inactive`, `bids[].bid.delegators[]` with `delegator_public_key` and
 * `staked_amount`, flat as 1.x writes it or under `delegator` as 2.x does). A node that does not know the purse or method (a JSON-RPC error) leaves the
 * field undefined; a malformed answer throws.
 *
 * @throws {MalformedResponseError} code `MalformedResponse` naming the field that is not as the node writes it.
 * @example
 * ```ts
 * const state = await getSpendingState(rpc, account.accountHash, { auction: true })
 * const outcome = await expectedOutcome(file, account, { state })
 * ```
 */
export async function getSpendingState(
  rpc: Rpc,
  accountHash: AccountHashHex,
  options: GetSpendingStateOptions = {},
): Promise<SpendingState> {
  const { signal, timeoutMs } = options
  const call = async (method: 'query_balance' | 'state_get_auction_info', params: unknown) => {
    try {
      return await rpc.request(method, params as never, { signal, timeoutMs })
    } catch (error) {
      if (error instanceof JsonRpcError) return undefined
      throw error
    }
  }
  const balanceResult = await call('query_balance', {
    purse_identifier: { main_purse_under_account_hash: `account-hash-${accountHash}` },
  })
  const balance =
    balanceResult === undefined
      ? undefined
      : (() => {
          const read = responseShape({ url: rpc.url, method: 'query_balance' })
          return read.decimal(read.object(balanceResult, 'result').balance, 'result.balance')
        })()
  if (!options.auction) return { balance }
  const auctionResult = await call('state_get_auction_info', undefined)
  return { balance, bids: auctionResult === undefined ? undefined : bidsOf(rpc.url, auctionResult) }
}

function bidsOf(url: string, result: unknown): ReadonlyMap<string, AuctionBid> {
  const read = responseShape({ url, method: 'state_get_auction_info' })
  const key = /^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/
  const state = read.object(read.object(result, 'result').auction_state, 'result.auction_state')
  const bids = new Map<string, AuctionBid>()
  read.array(state.bids, 'result.auction_state.bids').forEach((entry, i) => {
    const path = `result.auction_state.bids[${i}]`
    const item = read.object(entry, path)
    const validator = read.string(item.public_key, `${path}.public_key`, key, 'a public key').toLowerCase()
    const bid = read.object(item.bid, `${path}.bid`)
    const delegators = new Map<string, bigint>()
    read.array(bid.delegators ?? [], `${path}.bid.delegators`).forEach((d, j) => {
      const dPath = `${path}.bid.delegators[${j}]`
      const delegator = read.object(d, dPath)
      const publicKey = read
        .string(
          delegator.delegator_public_key ?? delegator.public_key,
          `${dPath}.delegator_public_key`,
          key,
          'a public key',
        )
        .toLowerCase()
      // 2.x nests the amount (`{ delegator_public_key, delegator: { staked_amount, … } }`, casper-go-sdk
      // `types/bid.go` `Delegators`); 1.x writes it flat (rpc_schema.json `Delegator`).
      const inner =
        delegator.delegator === undefined ? delegator : read.object(delegator.delegator, `${dPath}.delegator`)
      const staked = read.decimal(
        inner.staked_amount,
        `${dPath}${delegator.delegator === undefined ? '' : '.delegator'}.staked_amount`,
      )
      delegators.set(publicKey, (delegators.get(publicKey) ?? 0n) + staked)
    })
    if (bid.inactive !== undefined && typeof bid.inactive !== 'boolean') {
      read.fail(`${path}.bid.inactive`, 'true or false', bid.inactive)
    }
    bids.set(validator, { inactive: bid.inactive === true, delegators })
  })
  return bids
}
