// The auction system contract of the public networks: what a deploy that delegates calls.

/**
 * The auction system contract's hash by chain name, for the public networks (casper-js-sdk
 * `AuctionManagerContractHashMap`, `src/utils/constants.ts`; casper-network/docs
 * `operators/becoming-a-validator/unbonding.md`). A deploy calling the auction is recognised by
 * this hash, never by its entry point's name alone.
 *
 * @example
 * ```ts
 * auctionContractHashes.casper // 'ccb576d6…e9ea'
 * ```
 */
export const auctionContractHashes: Readonly<Record<string, string>> = {
  casper: 'ccb576d6ce6dec84a551e48f0d0b7af89ddba44c7390b690036257a04a3ae9ea',
  'casper-test': '93d923e336b20a4c4ca14d592b60e5bd3fe330775618290104f9beb326db7ae2',
}
