// The network rules a co-signer's file is checked against: the chainspec presets, or any Chainspec.
// Only the fields the checks read, so the entry does not bundle the presets' cost tables; a
// test holds them equal to the casperMainnet and casperTestnet presets.
import { auctionContractHashes } from '../chainspec/auctionContractHashes.js'
import type { Chainspec } from '../chainspec/Chainspec.js'

/**
 * What the cosign entry reads from a network's chainspec. Any `Chainspec` fits: a preset,
 * `parseChainspec`'s result or `getChainspec`'s.
 * - `chainName` (`[network] name`): a file for another chain is refused;
 * - `maxTtlMs`, `maxTimestampLeewayMs` (`[transactions] max_ttl`, `max_timestamp_leeway`);
 * - `maxAssociatedKeys` (`[core] max_associated_keys`): also the most approvals one deploy or
 *   transaction may carry (casper-types `deploy.rs` / `transaction_v1.rs` `is_config_compliant`);
 * - `authorization`: which signers count toward the account's thresholds;
 * - `baselineMotesAmount` (`[core] baseline_motes_amount`): the least payment a 2.x node accepts
 *   for a Wasm session, and the least a failed execution is charged;
 * - `nativeTransferMinimumMotes`, `minimumDelegationAmount`, `systemCosts` and
 *   `auctionContractHash`: what a transfer or a delegation must move, what it costs, and which
 *   stored contract is the auction.
 */
export type CosignNetwork = Pick<
  Chainspec,
  | 'chainName'
  | 'maxTtlMs'
  | 'maxTimestampLeewayMs'
  | 'maxAssociatedKeys'
  | 'authorization'
  | 'baselineMotesAmount'
  | 'nativeTransferMinimumMotes'
  | 'minimumDelegationAmount'
  | 'systemCosts'
  | 'auctionContractHash'
>

/**
 * Casper mainnet: the `casperMainnet` chainspec preset's fields (protocol 2.2.0; casper-node
 * `resources/mainnet/chainspec.toml`).
 *
 * @example
 * ```ts
 * verifyFile(file, { network: mainnet }).ok
 * ```
 */
export const mainnet: CosignNetwork = {
  chainName: 'casper',
  maxTtlMs: 2 * 60 * 60 * 1000,
  maxTimestampLeewayMs: 5_000,
  maxAssociatedKeys: 100,
  authorization: 'anySignerAssociated',
  baselineMotesAmount: 2_500_000_000n,
  nativeTransferMinimumMotes: 2_500_000_000n,
  minimumDelegationAmount: 500_000_000_000n,
  systemCosts: {
    transfer: 100_000_000n,
    delegate: 2_500_000_000n,
    undelegate: 2_500_000_000n,
    redelegate: 2_500_000_000n,
    addBid: 2_500_000_000n,
    withdrawBid: 2_500_000_000n,
    activateBid: 2_500_000_000n,
    changeBidPublicKey: 5_000_000_000n,
    addReservations: 2_500_000_000n,
    cancelReservations: 2_500_000_000n,
  },
  auctionContractHash: auctionContractHashes.casper,
}

/**
 * Casper testnet (`casper-test`): the `casperTestnet` chainspec preset's fields (casper-node
 * `resources/testnet/chainspec.toml`).
 *
 * @example
 * ```ts
 * describeFile(file, { network: testnet }).doNotSign
 * ```
 */
export const testnet: CosignNetwork = {
  ...mainnet,
  chainName: 'casper-test',
  auctionContractHash: auctionContractHashes['casper-test'],
}

/** Options every cosign check takes. */
export type CosignOptions = {
  /** The network the file must be for: {@link mainnet}, {@link testnet} or any `Chainspec`. Default {@link mainnet}. */
  network?: CosignNetwork | undefined
  /** The time to judge expiry by. Default: now. */
  now?: Date | number | undefined
}

/** The options with defaults filled in. */
export function resolveCosignOptions(options: CosignOptions = {}): { network: CosignNetwork; now: number } {
  return { network: options.network ?? mainnet, now: new Date(options.now ?? Date.now()).getTime() }
}
