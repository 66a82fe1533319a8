// The acceptance limits a devnet runs with: its protocol's preset, under its own chain name.
import { type AcceptanceLimits, acceptanceLimits2x, acceptanceLimits15 } from '../rules/AcceptanceLimits.js'
import type { DevnetState } from './DevnetState.js'

/**
 * The limits the devnet's acceptor and blocks apply: casper-node v1.5.8's mainnet values on `'1.5'`,
 * mainnet 2.2.0's on `'2.0'`, with the devnet's chain name.
 *
 * @example
 * ```ts
 * devnetLimits(state).maxTtlMs // 7_200_000
 * ```
 */
export function devnetLimits(state: Pick<DevnetState, 'protocol' | 'chainName'>): AcceptanceLimits {
  const preset = state.protocol === '1.5' ? acceptanceLimits15 : acceptanceLimits2x
  return { ...preset, chainName: state.chainName }
}
