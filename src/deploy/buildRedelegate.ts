// Builds an unsigned redelegation of an account's stake to another validator: a TransactionV1 or a deploy.
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { DeployError } from '../errors/DeployError.js'
import {
  amountArg,
  type BuiltSpending,
  buildSpending,
  checkedPublicKey,
  publicKeyArg,
  type SpendingParameters,
} from './buildSpending.js'

/** Parameters of {@link buildRedelegate}. */
export type BuildRedelegateParameters = SpendingParameters & {
  /** The validator the stake is delegated to now (tagged public key hex). */
  validator: string
  /** The validator it moves to. */
  newValidator: string
  /** Motes to move: at least the chainspec's `minimumDelegationAmount` (500 CSPR on mainnet). */
  amount: bigint
}

/**
 * An unsigned redelegation of `amount` motes of `account`'s stake from `validator` to
 * `newValidator`, with args as casper-node reads them (`arg_handling.rs`
 * `has_valid_redelegate_args`): `delegator`, `validator` PublicKey, `amount` U512,
 * `new_validator` PublicKey. A TransactionV1 (Native target, entry point Redelegate) pays exactly
 * `systemCosts.redelegate` and is charged all of it; a deploy (`kind: 'deploy'`) calls
 * `redelegate` on `chainspec.auctionContractHash`.
 *
 * @throws {DeployError} `AmountBelowMinimum` below `minimumDelegationAmount`, `InvalidAmount`,
 *   `InvalidPublicKey`, `SameValidator` when both validators are one, `NoAuctionContract`
 *   (deploy), `TtlTooLong`, `InvalidHeader`.
 * @example
 * ```ts
 * import { buildRedelegate } from 'casper-multisig'
 * const built = buildRedelegate({
 *   account: '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c',
 *   chainName: 'casper',
 *   validator: '016e3725ffd940bddb56e692e6309c6c82d2def515421219ddfd1ea0952e52491a',
 *   newValidator: '01786c83c59eba29e1f4ae4ee601040970665a816ac5bf856108222b72723f782a',
 *   amount: 500_000_000_000n,
 * })
 * built.json // the unsigned TransactionV1, for co-signers
 * ```
 */
export function buildRedelegate(parameters: BuildRedelegateParameters): BuiltSpending {
  const chainspec = parameters.chainspec ?? casperMainnet
  const validator = checkedPublicKey(parameters.validator, 'validator')
  const newValidator = checkedPublicKey(parameters.newValidator, 'newValidator')
  if (validator === newValidator) {
    throw new DeployError('The new validator is the current one', {
      code: 'SameValidator',
      details: { validator, newValidator },
      remedy: 'Redelegate to another validator; to change the amount delegated, delegate or undelegate.',
    })
  }
  return buildSpending(parameters, 'Redelegate', [
    publicKeyArg('delegator', checkedPublicKey(parameters.account, 'account')),
    publicKeyArg('validator', validator),
    amountArg(parameters.amount, {
      motes: chainspec.minimumDelegationAmount,
      field: 'minimum_delegation_amount',
      what: 'redelegation',
    }),
    publicKeyArg('new_validator', newValidator),
  ])
}
