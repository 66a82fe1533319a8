// Whether a native transfer or an auction call can succeed against the account's balance and the auction.
import type { FileDescription } from '../cosign/describeFile.js'
import { formatCspr } from '../text/formatCspr.js'
import type { SpendingState } from './SpendingState.js'

/**
 * Why a native transfer or delegation described by `describeFile` would fail when it runs, given the
 * paying purse's balance and the auction's bids; `undefined` when nothing known says it fails (or
 * the file is not such a call). What is checked, as the node runs it (casper-node 2.x
 * `storage/src/system/transfer.rs`, `auction.rs` `delegate`/`undelegate`/`redelegate`):
 * - the purse holds the amount plus the charge (the payment a native call pays in full);
 * - a delegation's validator has a bid and it is active; a redelegation's new validator too;
 * - an undelegation or redelegation moves no more than the account has delegated to the validator.
 *
 * @example
 * ```ts
 * const why = spendingFailure(describeFile(file, { network }), { balance: 1_000_000_000n })
 * // 'the main purse holds 1 CSPR, less than the transfer of 10 CSPR plus the payment of 0.1 CSPR'
 * ```
 */
export function spendingFailure(description: FileDescription, state: SpendingState): string | undefined {
  const { code, payment } = description
  if (code.kind !== 'transfer' && code.kind !== 'auction') return undefined
  // The payment limit: a native transaction is charged all of it (casper-node 2.x `operations.rs`),
  // and the node holds it from the purse before the call runs.
  const charge = payment.kind === 'standard' ? payment.motes : 0n
  const spent = code.kind === 'transfer' || code.entryPoint === 'delegate' ? code.amount : 0n
  if (state.balance !== undefined && state.balance < spent + charge) {
    const what =
      spent > 0n
        ? `the ${code.kind === 'transfer' ? 'transfer' : 'delegation'} of ${formatCspr(spent)} CSPR plus `
        : ''
    return `the main purse holds ${formatCspr(state.balance)} CSPR, less than ${what}the payment of ${formatCspr(charge)} CSPR`
  }
  if (code.kind !== 'auction' || !state.bids) return undefined
  const bidOf = (validator: string, role: string) => {
    const bid = state.bids!.get(validator.toLowerCase())
    if (!bid) return `the ${role} ${validator} has no bid in the auction`
    if (bid.inactive) return `the ${role} ${validator} is inactive in the auction`
    return undefined
  }
  if (code.entryPoint === 'delegate') return bidOf(code.validator, 'validator')
  const staked =
    state.bids.get(code.validator.toLowerCase())?.delegators.get(code.delegator.toLowerCase()) ?? 0n
  if (staked < code.amount) {
    return `the account has ${formatCspr(staked)} CSPR delegated to ${code.validator}, less than the ${code.entryPoint} of ${formatCspr(code.amount)} CSPR`
  }
  return code.entryPoint === 'redelegate' && code.newValidator
    ? bidOf(code.newValidator, 'new validator')
    : undefined
}
