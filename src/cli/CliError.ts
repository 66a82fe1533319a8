// The errors the command line itself raises: bad arguments, unreadable or invalid input files.
import { BaseError, type BaseErrorParameters } from '../errors/BaseError.js'

/**
 * Why a command could not start or read its input:
 * - `UsageError`: an unknown or missing flag, command or argument (exit code 2);
 * - `FileError`: a file that cannot be read or written, or is not what the command needs (exit code 1);
 * - `SignRefused`: `sign` would approve what `describe` calls DO NOT SIGN, or sign with a key the
 *   account does not hold (exit code 1; `--force` signs anyway, except a file whose content does not
 *   match its hash or that carries an invalid approval);
 * - `SendRefused`: `send` would submit what `describe` calls DO NOT SIGN (exit code 1;
 *   `--no-preflight` sends anyway);
 * - `NodeRefused`: `send --no-preflight` sent what the node refused: the node's JSON-RPC error (its
 *   code, message and data) with our own reading of it, the preflight run after the refusal
 *   (exit code 1);
 * - `NotDevnet`: a devnet-only command sent to a node that is not a casper-multisig devnet (exit code 1);
 * - `LedgerUnavailable`: `--ledger` without @ledgerhq/hw-transport-node-hid installed, or no device
 *   found (exit code 1);
 * - `NodeChainspecLoosened`: the chainspec a node serves for mainnet or testnet differs from the
 *   bundled preset in a value that loosens a check (exit code 1; `--chainspec FILE` uses yours);
 * - `NodesDisagree`: two `--node`s answer differently about the account or the chainspec (exit code 1);
 * - `WrongChain`: a deploy or transaction file given a node of another chain (exit code 1);
 * - `NodeUnreachable`: `describe` or `sign`, which also work offline, given a node that cannot be
 *   reached (exit code 1; the remedy is the offline form of the command);
 * - `RelayTimeout`: `send --wait` or `wait` following a relay (no node given): the relay's record of
 *   the proposal reached no result in time (exit code 1).
 */
export type CliErrorCode =
  | 'UsageError'
  | 'FileError'
  | 'SignRefused'
  | 'SendRefused'
  | 'NodeRefused'
  | 'NotDevnet'
  | 'LedgerUnavailable'
  | 'NodeChainspecLoosened'
  | 'NodesDisagree'
  | 'WrongChain'
  | 'NodeUnreachable'
  | 'RelayTimeout'

/**
 * Thrown by the command-line layer; printed as its message, like every typed library error.
 *
 * @example
 * ```ts
 * throw new CliError('Missing --node', { code: 'UsageError', details: { expected: '--node URL' } })
 * ```
 */
export class CliError extends BaseError {
  override name = 'CliError'
  declare readonly code: CliErrorCode

  constructor(shortMessage: string, parameters: BaseErrorParameters & { code: CliErrorCode }) {
    super(shortMessage, parameters)
  }
}
