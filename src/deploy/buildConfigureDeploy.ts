// A deploy of the bundled configure-account session for one deploy of a reconfiguration plan.
import { accountHashOf } from '../account/accountHash.js'
import { DeployError } from '../errors/DeployError.js'
import { configureAccountWasm } from '../wasm/modules/configureAccountWasm.js'
import { buildModuleBytesDeploy, type DeployHeaderParameters } from './buildModuleBytesDeploy.js'
import { buildSessionTransaction } from './buildSessionTransaction.js'
import { namedArgJson } from './clValueJson.js'
import type { DeployJson } from './DeployJson.js'
import type { PlannedDeploy } from './planReconfiguration.js'
import type { TransactionJson } from './TransactionJson.js'

/** Parameters of {@link buildConfigureDeploy}: the header, and a payment override. */
export type BuildConfigureDeployParameters = DeployHeaderParameters & {
  /** Motes; default `planned.payment.amount` (the plan's emulated gas plus its explicit margin). */
  payment?: bigint | undefined
}

/**
 * Builds the unsigned deploy for one planned deploy (`plan.deploys[i]`): the bundled
 * configure-account Wasm with the plan's typed args and the plan's payment (`planned.payment`:
 * emulated gas plus the margin, chosen for the chainspec the plan was made for).
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
    payment: parameters.payment ?? planned.payment.amount,
  })
}

/**
 * The TransactionV1 form of {@link buildConfigureDeploy} (Casper 2.x): the configure-account Wasm,
 * the plan's args and the plan's payment.
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
    payment: parameters.payment ?? planned.payment.amount,
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
