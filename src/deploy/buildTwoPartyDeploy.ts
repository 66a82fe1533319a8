// A deploy of the bundled two-party-multi-sig session, emulated before it is returned.
import { type Account, createAccount } from '../account/Account.js'
import { type AccountIdentifier, accountHashOf } from '../account/accountHash.js'
import { type EmulateSessionReturnType, emulateSession, type Protocol } from '../emulator/emulateSession.js'
import { twoPartyMultiSigWasm } from '../wasm/modules/twoPartyMultiSigWasm.js'
import { twoPartyMultiSigArgs } from '../wasm/twoPartyMultiSigArgs.js'
import { buildModuleBytesDeploy, type DeployHeaderParameters } from './buildModuleBytesDeploy.js'
import { buildSessionTransaction } from './buildSessionTransaction.js'
import { namedArgJson } from './clValueJson.js'
import { DeployError } from './DeployError.js'
import type { DeployJson } from './DeployJson.js'
import { paymentFor } from './paymentFor.js'
import type { TransactionJson } from './TransactionJson.js'

/** Parameters of {@link buildTwoPartyDeploy}. */
export type BuildTwoPartyDeployParameters = DeployHeaderParameters & {
  /** The key to add with weight 1 (public key, `account-hash-…`, …). */
  deploymentAccount: AccountIdentifier
  /** The account as it is on chain now; default: a fresh account (own key weight 1, thresholds 1/1). */
  current?: Account | undefined
  /** Who will sign; default: the header account's own key. Used for the emulated run. */
  signers?: readonly AccountIdentifier[] | undefined
  /** Motes; default: emulated gas plus `paymentMargin`. */
  payment?: bigint | undefined
  /** Default 0.25. */
  paymentMargin?: number | undefined
  protocol?: Protocol | undefined
}

/** A built deploy with the emulated run that priced and checked it. */
export type BuildDeployReturnType = {
  deploy: DeployJson
  emulation: EmulateSessionReturnType
  payment: bigint
}

/**
 * Builds the unsigned deploy that turns an account into a two-party multi-sig: the bundled Wasm,
 * its `deployment-account` arg, standard payment priced from an emulated run, TTL at most 2 hours.
 *
 * @throws {DeployError} `SessionWouldFail` (with the revert) when the emulated run fails, or the header errors of `buildModuleBytesDeploy`.
 * @example
 * ```ts
 * const { deploy, payment } = await buildTwoPartyDeploy({
 *   account: alicePublicKey,
 *   chainName: 'casper-test',
 *   deploymentAccount: bobPublicKey,
 * })
 * writeFileSync('deploy.json', stringifyDeployJson(deploy)) // for casper-client sign-deploy / send-deploy
 * ```
 */
export async function buildTwoPartyDeploy(
  parameters: BuildTwoPartyDeployParameters,
): Promise<BuildDeployReturnType> {
  const { args, emulation, payment } = await priceTwoParty(parameters)
  const deploy = buildModuleBytesDeploy({
    ...parameters,
    wasm: twoPartyMultiSigWasm,
    args: [namedArgJson('deployment-account', 'ByteArray(32)', args['deployment-account'])],
    payment,
  })
  return { deploy, emulation, payment }
}

/** Parameters of {@link buildTwoPartyTransaction}: as for the deploy, without dependencies. */
export type BuildTwoPartyTransactionParameters = Omit<
  BuildTwoPartyDeployParameters,
  'dependencies' | 'gasPrice'
>

/**
 * The Casper 2.0 form of {@link buildTwoPartyDeploy}: a TransactionV1 with the bundled Wasm as its
 * session target, `PaymentLimited` from the emulated gas, emulated under 2.0 rules by default.
 *
 * @example
 * ```ts
 * const { transaction } = await buildTwoPartyTransaction({ account: alice, chainName: 'casper', deploymentAccount: bob })
 * ```
 */
export async function buildTwoPartyTransaction(
  parameters: BuildTwoPartyTransactionParameters,
): Promise<{ transaction: TransactionJson; emulation: EmulateSessionReturnType; payment: bigint }> {
  const { args, emulation, payment } = await priceTwoParty({ protocol: '2.0', ...parameters })
  const transaction = buildSessionTransaction({
    ...parameters,
    wasm: twoPartyMultiSigWasm,
    args: [{ name: 'deployment-account', type: 'ByteArray(32)', bytes: args['deployment-account'] }],
    payment,
  })
  return { transaction, emulation, payment }
}

async function priceTwoParty(parameters: BuildTwoPartyDeployParameters) {
  const current = parameters.current ?? createAccount(accountHashOf(parameters.account))
  const args = twoPartyMultiSigArgs(parameters.deploymentAccount)
  const emulation = await emulateSession({
    wasm: twoPartyMultiSigWasm,
    args,
    account: current,
    signers: (parameters.signers ?? [parameters.account]).map(accountHashOf),
    protocol: parameters.protocol,
  })
  assertSucceeds(emulation)
  const payment =
    parameters.payment ??
    paymentFor(emulation.gas.total, { gasPrice: parameters.gasPrice, margin: parameters.paymentMargin })
  return { args, emulation, payment }
}

/** Refuses to build a deploy whose session would fail. */
function assertSucceeds(emulation: EmulateSessionReturnType): void {
  if (emulation.ok) return
  throw new DeployError('The session would fail on chain', {
    code: 'SessionWouldFail',
    details: { error: emulation.failure?.message, revert: emulation.revert?.code },
    remedy:
      'Check the current account state and the signers; the emulator ran the exact session the deploy carries.',
  })
}
