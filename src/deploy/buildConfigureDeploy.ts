// A deploy of the bundled configure-account session for one deploy of a reconfiguration plan.
import { accountHashOf } from '../account/accountHash.js'
import type { PlannedDeploy } from '../account/planReconfiguration.js'
import { configureAccountWasm } from '../wasm/modules/configureAccountWasm.js'
import { buildModuleBytesDeploy, type DeployHeaderParameters } from './buildModuleBytesDeploy.js'
import { buildSessionTransaction } from './buildSessionTransaction.js'
import { namedArgJson } from './clValueJson.js'
import { DeployError } from './DeployError.js'
import type { DeployJson } from './DeployJson.js'
import { paymentFor } from './paymentFor.js'
import type { TransactionJson } from './TransactionJson.js'

/** Parameters of {@link buildConfigureDeploy}: the header, and payment overrides. */
export type BuildConfigureDeployParameters = DeployHeaderParameters & {
  /** Motes; default: the plan's emulated gas plus `paymentMargin`. */
  payment?: bigint | undefined
  /** Default 0.25. */
  paymentMargin?: number | undefined
}

/**
 * Builds the unsigned deploy for one planned deploy (`plan.deploys[i]`): the bundled
 * configure-account Wasm with the plan's typed args, priced from the plan's emulated gas.
 *
 * @throws {DeployError} `AccountMismatch` when the header account is not the planned account.
 * @example
 * ```ts
 * const plan = await planReconfiguration(current, target, { signers: [alice, bob] })
 * const deploys = plan.deploys.map((planned) =>
 *   buildConfigureDeploy(planned, { account: multisigPublicKey, chainName: 'casper' }),
 * )
 * ```
 */
export function buildConfigureDeploy(
  planned: PlannedDeploy,
  parameters: BuildConfigureDeployParameters,
): DeployJson {
  assertPlannedAccount(planned, parameters.account)
  return buildModuleBytesDeploy({
    ...parameters,
    wasm: configureAccountWasm,
    args: planned.args.map((arg) => namedArgJson(arg.name, arg.clType, arg.bytes)),
    payment:
      parameters.payment ??
      paymentFor(planned.gas.total, { gasPrice: parameters.gasPrice, margin: parameters.paymentMargin }),
  })
}

/**
 * The Casper 2.0 form of {@link buildConfigureDeploy}: a TransactionV1 carrying the configure-account
 * Wasm and the plan's args (plan with `protocol: '2.0'` so the emulated run used 2.0 rules).
 *
 * @example
 * ```ts
 * const transaction = buildConfigureTransaction(plan.deploys[0], { account: multisigPublicKey, chainName: 'casper' })
 * ```
 */
export function buildConfigureTransaction(
  planned: PlannedDeploy,
  parameters: Omit<BuildConfigureDeployParameters, 'dependencies' | 'gasPrice'>,
): TransactionJson {
  assertPlannedAccount(planned, parameters.account)
  return buildSessionTransaction({
    ...parameters,
    wasm: configureAccountWasm,
    args: planned.args.map((arg) => ({ name: arg.name, type: arg.clType, bytes: arg.bytes })),
    payment: parameters.payment ?? paymentFor(planned.gas.total, { margin: parameters.paymentMargin }),
  })
}

function assertPlannedAccount(planned: PlannedDeploy, account: string): void {
  const plannedAccount = planned.accountBefore.accountHash
  if (accountHashOf(account) === plannedAccount) return
  throw new DeployError('The header account is not the planned account', {
    code: 'AccountMismatch',
    details: { planned: `account-hash-${plannedAccount}`, header: `account-hash-${accountHashOf(account)}` },
    remedy: "Use the public key of the account whose keys the plan changes (the account's own key).",
  })
}
