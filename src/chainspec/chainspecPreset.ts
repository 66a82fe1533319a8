// The bundled chainspec of a public Casper network, by the chain name its nodes serve.
import type { Chainspec } from './Chainspec.js'
import { casperMainnet } from './casperMainnet.js'
import { casperTestnet } from './casperTestnet.js'

/**
 * The preset a node's chainspec is checked against: `casperMainnet` for `casper`, `casperTestnet`
 * for `casper-test`; undefined for any other chain (a devnet, a private network), which has none.
 *
 * @example
 * ```ts
 * chainspecPreset('casper-test')?.protocolVersion // '2.2.2'
 * chainspecPreset('casper-devnet') // undefined
 * ```
 */
export function chainspecPreset(chainName: string): Chainspec | undefined {
  return chainName === casperMainnet.chainName
    ? casperMainnet
    : chainName === casperTestnet.chainName
      ? casperTestnet
      : undefined
}
