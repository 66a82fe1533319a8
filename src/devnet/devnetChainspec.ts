// The chainspec a devnet runs: its own chainspec.toml, or its protocol's preset under its chain name.
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casper15 } from '../chainspec/casper15.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { parseChainspec } from '../chainspec/parseChainspec.js'
import { chainspecToml } from './chainspecToml.js'
import type { DevnetState } from './DevnetState.js'

const parsed = new Map<string, Chainspec>()

/**
 * The chainspec the devnet's acceptor, blocks and `info_get_chainspec` use: the parsed
 * `state.chainspecToml`, or (state files of older devnets) mainnet 1.5.8 / 2.2.0 under the
 * devnet's chain name.
 *
 * @example
 * ```ts
 * devnetChainspec(devnet.state).refundHandling // { type: 'refund', ratio: [75, 100] }
 * ```
 */
export function devnetChainspec(
  state: Pick<DevnetState, 'protocol' | 'chainName' | 'chainspecToml'>,
): Chainspec {
  const text = devnetChainspecToml(state)
  let chainspec = parsed.get(text)
  if (!chainspec) {
    chainspec = parseChainspec(text)
    if (parsed.size > 16) parsed.clear()
    parsed.set(text, chainspec)
  }
  return chainspec
}

/** The chainspec.toml text the devnet serves. */
export function devnetChainspecToml(
  state: Pick<DevnetState, 'protocol' | 'chainName' | 'chainspecToml'>,
): string {
  if (state.chainspecToml !== undefined) return state.chainspecToml
  return chainspecToml({
    ...(state.protocol === '1.5' ? casper15 : casperMainnet),
    chainName: state.chainName,
  })
}

/** The protocol family of a chainspec: 1.x → `'1.5'`, else `'2.0'`. */
export function protocolOf(chainspec: Pick<Chainspec, 'protocolVersion'>): DevnetState['protocol'] {
  return chainspec.protocolVersion.startsWith('1.') ? '1.5' : '2.0'
}
