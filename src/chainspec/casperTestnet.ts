// Casper testnet: casper-node resources/testnet/chainspec.toml, version 2.2.2.
import { auctionContractHashes } from './auctionContractHashes.js'
import type { Chainspec } from './Chainspec.js'
import { casperMainnet } from './casperMainnet.js'

/**
 * Casper testnet (`casper-test`), protocol 2.2.2: casper-node `resources/testnet/chainspec.toml`.
 * Every value the library reads equals mainnet's (checked by parsing both files in the tests); only
 * the version and chain name differ.
 *
 * @example
 * ```ts
 * casperTestnet.chainName // 'casper-test'
 * ```
 */
export const casperTestnet: Chainspec = {
  ...casperMainnet,
  protocolVersion: '2.2.2',
  chainName: 'casper-test',
  auctionContractHash: auctionContractHashes['casper-test'],
}
