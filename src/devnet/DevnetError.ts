// Errors the devnet throws at its caller (never over RPC: those are JSON-RPC error objects).
import { BaseError } from '../errors/BaseError.js'

/**
 * Stable codes of {@link DevnetError}:
 * - `InvalidOptions`: an option of `startDevnet` is out of range;
 * - `InvalidAccount`: `createAccount` got a malformed public key or balance;
 * - `StateFile`: the state file cannot be read, parsed or written;
 * - `Stopped`: the devnet was used after `stop()`;
 * - `RequestFailed`: handling one HTTP request failed (reported to `onError`; the devnet keeps serving);
 * - `BlockFailed`: making a block on the timer failed other than by saving (reported to `onError`).
 */
export type DevnetErrorCode =
  | 'InvalidOptions'
  | 'InvalidAccount'
  | 'StateFile'
  | 'Stopped'
  | 'RequestFailed'
  | 'BlockFailed'

/** An error of the loopback devnet; `code` says which rule. */
export class DevnetError extends BaseError {
  override name = 'DevnetError'
  declare readonly code: DevnetErrorCode
}
