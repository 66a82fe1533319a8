// The network rules a co-signer's file is checked against: the chainspec presets, or any Chainspec.
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { casperTestnet } from '../chainspec/casperTestnet.js'

/**
 * What the cosign entry reads from a network's chainspec. Any `Chainspec` fits: a preset,
 * `parseChainspec`'s result or `getChainspec`'s.
 * - `chainName` (`[network] name`): a file for another chain is refused;
 * - `maxTtlMs`, `maxTimestampLeewayMs` (`[transactions] max_ttl`, `max_timestamp_leeway`);
 * - `maxAssociatedKeys` (`[core] max_associated_keys`): also the most approvals one deploy or
 *   transaction may carry (casper-types `deploy.rs` / `transaction_v1.rs` `is_config_compliant`);
 * - `authorization`: which signers count toward the account's thresholds.
 */
export type CosignNetwork = Pick<
  Chainspec,
  'chainName' | 'maxTtlMs' | 'maxTimestampLeewayMs' | 'maxAssociatedKeys' | 'authorization'
>

/**
 * Casper mainnet: the `casperMainnet` chainspec preset (protocol 2.2.0).
 *
 * @example
 * ```ts
 * verifyFile(file, { network: mainnet }).ok
 * ```
 */
export const mainnet: CosignNetwork = casperMainnet

/**
 * Casper testnet (`casper-test`): the `casperTestnet` chainspec preset.
 *
 * @example
 * ```ts
 * describeFile(file, { network: testnet }).doNotSign
 * ```
 */
export const testnet: CosignNetwork = casperTestnet

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
