// The chainspec a rule applies: the one passed, else the legacy protocol's preset, else mainnet.
import type { Chainspec } from './Chainspec.js'
import { casper15 } from './casper15.js'
import { casperMainnet } from './casperMainnet.js'
import type { ProtocolGeneration } from './ProtocolGeneration.js'
import { wasmLanes } from './selectLane.js'

/** @deprecated Use {@link ProtocolGeneration} (the same `'1.5' | '2.0'`). */
export type LegacyProtocol = ProtocolGeneration

/** The option every rule takes. */
export type ChainspecOption = {
  /** The network's rules and prices ({@link parseChainspec}, `getChainspec`, or a preset). Default `casperMainnet`. */
  chainspec?: Chainspec | undefined
  /**
   * @deprecated Pass `chainspec` (`casper15` for `'1.5'`, `casperMainnet` for `'2.0'`). Read only when
   * `chainspec` is absent.
   */
  protocol?: ProtocolGeneration | undefined
}

/**
 * `options.chainspec`, else the preset of the legacy `protocol` (`'1.5'` → casper15, `'2.0'` →
 * casperMainnet), else casperMainnet.
 *
 * @example
 * ```ts
 * resolveChainspec({ protocol: '1.5' }).protocolVersion // '1.5.8'
 * ```
 */
export function resolveChainspec(options: ChainspecOption = {}): Chainspec {
  if (options.chainspec !== undefined) return options.chainspec
  return options.protocol === '1.5' ? casper15 : casperMainnet
}

/**
 * The generation of casper-node rules a chainspec's version selects: `'1.5'` for 1.x, `'2.0'` for
 * 2.x (host functions, sign-extension opcodes, error texts and the signer rule differ between them).
 */
export function ruleGeneration(chainspec: Chainspec): ProtocolGeneration {
  const major = Number(/^(\d+)\./.exec(chainspec.protocolVersion)?.[1] ?? '2')
  return major < 2 ? '1.5' : '2.0'
}

/**
 * The gas a session runs with: what its payment buys (`motes` / `gasPrice`, rounded down), never
 * more than `maxSessionGas`; the largest the chainspec allows when the payment is unknown
 * (custom payment code, fixed pricing). casper-node meters the session against this limit and
 * stops it with "Out of gas error" when it is spent (execution_engine `RuntimeContext::charge_gas`),
 * so a loop ends there, and on 2.x the whole payment is charged (`operations.rs` "no refund for
 * penalty").
 *
 * @example
 * ```ts
 * sessionGasLimit(casperMainnet, 2_500_000_000n, 1) // 2_500_000_000n
 * sessionGasLimit(casperMainnet, undefined, 1) // 1_000_000_000_000n, the Wasm lanes' largest
 * ```
 */
export function sessionGasLimit(chainspec: Chainspec, motes: bigint | undefined, gasPrice: number): bigint {
  const most = maxSessionGas(chainspec)
  if (motes === undefined) return most
  const bought = motes / BigInt(Math.max(1, gasPrice))
  return bought < most ? bought : most
}

/**
 * The largest gas limit one session may have: on 2.x the largest Wasm lane's, on 1.5 the block gas
 * limit (a deploy's payment may not exceed it).
 */
export function maxSessionGas(chainspec: Chainspec): bigint {
  // Ordered by gas limit first: the last lane has the largest (1.5: the block gas limit).
  return wasmLanes(chainspec).at(-1)?.maxGasLimit ?? chainspec.blockGasLimit
}
