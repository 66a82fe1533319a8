// Builds an unsigned undelegation of an account's stake from a validator: a TransactionV1 or a deploy.
import {
  amountArg,
  type BuiltSpending,
  buildSpending,
  checkedPublicKey,
  publicKeyArg,
  type SpendingParameters,
} from './buildSpending.js'

/** Parameters of {@link buildUndelegate}. */
export type BuildUndelegateParameters = SpendingParameters & {
  /** The validator the stake is delegated to (tagged public key hex). */
  validator: string
  /** Motes to undelegate (more than 0). */
  amount: bigint
}

/**
 * An unsigned undelegation of `amount` motes of `account`'s stake (the `delegator`, the account
 * itself) from `validator`, with args as casper-node reads them (`arg_handling.rs`
 * `has_valid_undelegate_args`): `delegator`, `validator` PublicKey, `amount` U512. A TransactionV1
 * (Native target, entry point Undelegate) pays exactly `systemCosts.undelegate` and is charged all
 * of it; a deploy (`kind: 'deploy'`) calls `undelegate` on `chainspec.auctionContractHash`. The
 * motes come back to the main purse after the unbonding delay.
 *
 * @throws {DeployError} `AmountBelowMinimum` for 0, `InvalidAmount`, `InvalidPublicKey`,
 *   `NoAuctionContract` (deploy), `TtlTooLong`, `InvalidHeader`.
 * @example
 * ```ts
 * import { buildUndelegate } from 'casper-multisig'
 * const built = buildUndelegate({
 *   account: '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c',
 *   chainName: 'casper',
 *   validator: '016e3725ffd940bddb56e692e6309c6c82d2def515421219ddfd1ea0952e52491a',
 *   amount: 600_000_000_000n,
 *   kind: 'deploy',
 * })
 * built.deploy?.hash
 * ```
 */
export function buildUndelegate(parameters: BuildUndelegateParameters): BuiltSpending {
  return buildSpending(parameters, 'Undelegate', [
    publicKeyArg('delegator', checkedPublicKey(parameters.account, 'account')),
    publicKeyArg('validator', checkedPublicKey(parameters.validator, 'validator')),
    amountArg(parameters.amount, { motes: 1n, field: 'amount', what: 'undelegation' }),
  ])
}
