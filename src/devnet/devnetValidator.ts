// The devnet's single validator: the block proposer, and the one validator delegations can go to.
import { ed25519 } from '@noble/curves/ed25519'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { digestOf } from './DevnetState.js'

/**
 * The public key (tagged hex) of a devnet's validator, derived from its chain name so that restarts
 * and tests agree.
 *
 * @example
 * ```ts
 * devnetValidatorOf('casper-devnet') // '01…' (66 hex digits)
 * ```
 */
export function devnetValidatorOf(chainName: string): string {
  return `01${bytesToHex(ed25519.getPublicKey(hexToBytes(digestOf('devnet-validator', chainName))))}`
}
