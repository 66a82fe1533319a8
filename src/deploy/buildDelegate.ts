// Builds an unsigned delegation of an account's CSPR to a validator: a TransactionV1 or a deploy.
import { casperMainnet } from '../chainspec/casperMainnet.js'
import {
  amountArg,
  type BuiltSpending,
  buildSpending,
  checkedPublicKey,
  publicKeyArg,
  type SpendingParameters,
} from './buildSpending.js'

/** Parameters of {@link buildDelegate}. */
export type BuildDelegateParameters = SpendingParameters & {
  /** The validator's public key (tagged hex). */
  validator: string
  /** Motes to delegate: at least the chainspec's `minimumDelegationAmount` (500 CSPR on mainnet). */
  amount: bigint
}

/**
 * An unsigned delegation of `amount` motes from `account` (the `delegator`, who must be the account
 * itself: the auction refuses any other, `InvalidContext`) to `validator`, with args as casper-node
 * reads them (`arg_handling.rs` `has_valid_delegate_args`): `delegator`, `validator` PublicKey,
 * `amount` U512. A TransactionV1 (Native target, entry point Delegate, the auction lane) pays
 * exactly `systemCosts.delegate` (2.5 CSPR on mainnet) and is charged all of it; a deploy
 * (`kind: 'deploy'`) calls `delegate` on `chainspec.auctionContractHash` with a standard payment of
 * max(baseline, cost). With `accountKeys`, `signers` says which keys must sign.
 *
 * @throws {DeployError} `AmountBelowMinimum` below `minimumDelegationAmount`, `InvalidAmount`,
 *   `InvalidPublicKey` (account or validator), `NoAuctionContract` for a deploy on a network whose
 *   auction hash is unknown, `TtlTooLong`, `InvalidHeader`.
 * @example
 * ```ts
 * import { buildDelegate, casperMainnet } from 'casper-multisig'
 * const built = buildDelegate({
 *   account: '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c',
 *   chainName: 'casper',
 *   chainspec: casperMainnet,
 *   validator: '016e3725ffd940bddb56e692e6309c6c82d2def515421219ddfd1ea0952e52491a',
 *   amount: 1_000_000_000_000n,
 * })
 * built.expectedChargeMotes // 2500000000n
 * ```
 */
export function buildDelegate(parameters: BuildDelegateParameters): BuiltSpending {
  const chainspec = parameters.chainspec ?? casperMainnet
  const delegator = checkedPublicKey(parameters.account, 'account')
  return buildSpending(parameters, 'Delegate', [
    publicKeyArg('delegator', delegator),
    publicKeyArg('validator', checkedPublicKey(parameters.validator, 'validator')),
    amountArg(parameters.amount, {
      motes: chainspec.minimumDelegationAmount,
      field: 'minimum_delegation_amount',
      what: 'delegation',
    }),
  ])
}
