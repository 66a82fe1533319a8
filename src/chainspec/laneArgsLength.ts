// The args length casper-node reads when it picks the lane of a standard-payment deploy.
import type { Chainspec } from './Chainspec.js'

/**
 * The args length `selectLane` compares for a deploy with standard payment `paymentAmount` and
 * session args of `sessionArgsLength` bytes, as casper-node measures it. On 2.x: payment args +
 * session args (casper-types `transaction/deploy.rs` `calculate_lane_id_for_deploy`), the payment
 * args being RuntimeArgs `{ amount: U512 }` (count 4, name 4 + 6, value 4 + U512 bytes, CLType 1).
 * A TransactionV1 of the same session measures less (its `args` field: 1 tag byte + the session
 * RuntimeArgs), so a lane chosen with this length takes either form. On 1.5 (no lanes) the session
 * args alone, which its synthetic lane holds to `session_args_max_length`.
 *
 * @example
 * ```ts
 * laneArgsLength(100, 2_500_000_000n, casperMainnet) // 100 + 24
 * laneArgsLength(100, 2_500_000_000n, casper15) // 100
 * ```
 */
export function laneArgsLength(
  sessionArgsLength: number,
  paymentAmount: bigint,
  chainspec: Chainspec,
): number {
  if (chainspec.lanes.length === 0) return sessionArgsLength
  return sessionArgsLength + 4 + (4 + 'amount'.length) + (4 + u512Length(paymentAmount)) + 1
}

/** Bytes of a U512 in bytesrepr: a length byte, then the value's bytes without trailing zeros. */
function u512Length(value: bigint): number {
  let length = 1
  for (let rest = value; rest > 0n; rest >>= 8n) length++
  return length
}
