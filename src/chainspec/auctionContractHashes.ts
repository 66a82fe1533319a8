// The auction system contract of the public networks and of the loopback devnet: what a deploy that
// delegates calls.
import { blake2b } from '@noble/hashes/blake2b'
import { bytesToHex } from '../encoding/hex.js'

/**
 * The auction contract hash of the loopback devnet (`src/devnet/`) under its default chain name
 * `casper-devnet`: blake2b-256 of the UTF-8 label `casper-devnet auction contract`. The devnet has
 * no genesis that installs contracts, so the hash is only a fixed name: the devnet runs a deploy
 * calling it as an auction call (`src/devnet/executeNative.ts` `nativeCallOf`), and the builders
 * and `describeFile` recognise it because `parseChainspec` of the devnet's chainspec.toml (what
 * `info_get_chainspec` serves) gives it by chain name. A devnet started under another chain name
 * has no auction contract hash.
 *
 * @example
 * ```ts
 * devnetAuctionContractHash // 64 hex digits
 * ```
 */
export const devnetAuctionContractHash: string = bytesToHex(
  blake2b(new TextEncoder().encode('casper-devnet auction contract'), { dkLen: 32 }),
)

/**
 * The auction system contract's hash by chain name: the public networks (casper-js-sdk
 * `AuctionManagerContractHashMap`, `src/utils/constants.ts`; casper-network/docs
 * `operators/becoming-a-validator/unbonding.md`) and the loopback devnet's default chain
 * ({@link devnetAuctionContractHash}). A deploy calling the auction is recognised by this hash,
 * never by its entry point's name alone.
 *
 * @example
 * ```ts
 * auctionContractHashes.casper // 'ccb576d6…e9ea'
 * ```
 */
export const auctionContractHashes: Readonly<Record<string, string>> = {
  casper: 'ccb576d6ce6dec84a551e48f0d0b7af89ddba44c7390b690036257a04a3ae9ea',
  'casper-test': '93d923e336b20a4c4ca14d592b60e5bd3fe330775618290104f9beb326db7ae2',
  'casper-devnet': devnetAuctionContractHash,
}
