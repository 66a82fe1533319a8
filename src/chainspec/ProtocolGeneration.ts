// The two generations of casper-node rules the library knows, named by their first version.

/**
 * A generation of casper-node rules: `'1.5'` for casper-node 1.5.x, `'2.0'` for 2.x (Condor). Host
 * functions, sign-extension opcodes, error texts, the signer rule and the node's RPC differ between
 * them; a chainspec's version selects one (`ruleGeneration`), and `protocol` options name one.
 *
 * @example
 * ```ts
 * import type { ProtocolGeneration } from 'casper-multisig'
 *
 * const generation: ProtocolGeneration = '1.5' // the rules of casper-node 1.5.x
 * ```
 */
export type ProtocolGeneration = '1.5' | '2.0'
