// What a spending call depends on, read from the node: the paying purse's balance and the auction's bids.

/** A validator's bid as the auction holds it: whether it is active and who delegates how much (motes). */
export type AuctionBid = {
  /** `inactive` in the bid: the validator withdrew or was evicted; delegating to it fails. */
  inactive: boolean
  /** Delegator public key (tagged hex, lowercase) → staked motes. */
  delegators: ReadonlyMap<string, bigint>
}

/**
 * The state a transfer or a delegation is checked against before anyone signs or pays: the balance
 * of the account's main purse (`query_balance`) and the auction's bids (`state_get_auction_info`),
 * validator public key (tagged hex, lowercase) → its bid. Either may be absent when the node cannot say.
 */
export type SpendingState = {
  balance?: bigint | undefined
  bids?: ReadonlyMap<string, AuctionBid> | undefined
}
