// The network rules a co-signer's file is checked against: the one place chainspec values enter the cosign entry.

/** What the cosign entry needs from a network's chainspec. */
export type CosignNetwork = {
  /** `network.name`: a file for another chain is refused. */
  chainName: string
  /** `transactions.max_ttl` in milliseconds. */
  maxTtl: number
  /** `transactions.max_timestamp_leeway` in milliseconds: how far in the future a timestamp may be. */
  timestampLeeway: number
  /** `core.max_associated_keys`: the most approvals one deploy or transaction may carry. */
  maxApprovals: number
}

/**
 * Casper mainnet (protocol 2.2.0, casper-node `resources/mainnet/chainspec.toml`): `max_ttl = '2 hours'`,
 * `max_timestamp_leeway = '5 seconds'`, `max_associated_keys = 100`.
 */
export const mainnet: CosignNetwork = {
  chainName: 'casper',
  maxTtl: 2 * 60 * 60 * 1000,
  timestampLeeway: 5_000,
  maxApprovals: 100,
}

/** Casper testnet: mainnet's limits under the chain name `casper-test`. */
export const testnet: CosignNetwork = { ...mainnet, chainName: 'casper-test' }

/** Options every cosign check takes. */
export type CosignOptions = {
  /** The network the file must be for. Default {@link mainnet}. */
  network?: CosignNetwork | undefined
  /** The time to judge expiry by. Default: now. */
  now?: Date | number | undefined
}

/** The options with defaults filled in. */
export function resolveCosignOptions(options: CosignOptions = {}): { network: CosignNetwork; now: number } {
  return { network: options.network ?? mainnet, now: new Date(options.now ?? Date.now()).getTime() }
}
