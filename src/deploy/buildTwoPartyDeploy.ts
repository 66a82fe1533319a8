// A deploy of the bundled two-party-multi-sig session, emulated before it is returned.
import { type Account, createAccount } from '../account/Account.js'
import { type AccountIdentifier, accountHashOf } from '../account/accountHash.js'
import { choosePayment, type PaymentChoice, type PaymentMargin } from '../chainspec/choosePayment.js'
import type { ProtocolGeneration } from '../chainspec/ProtocolGeneration.js'
import { resolveChainspec } from '../chainspec/resolveChainspec.js'
import { type EmulateSessionReturnType, emulateSession } from '../emulator/emulateSession.js'
import { DeployError } from '../errors/DeployError.js'
import { twoPartyMultiSigWasm } from '../wasm/modules/twoPartyMultiSigWasm.js'
import { twoPartyMultiSigArgs } from '../wasm/twoPartyMultiSigArgs.js'
import { buildModuleBytesDeploy, type DeployHeaderParameters } from './buildModuleBytesDeploy.js'
import { buildSessionTransaction } from './buildSessionTransaction.js'
import { namedArgJson } from './clValueJson.js'
import type { DeployJson } from './DeployJson.js'
import type { TransactionJson } from './TransactionJson.js'

/** Parameters of {@link buildTwoPartyDeploy}. */
export type BuildTwoPartyDeployParameters = DeployHeaderParameters & {
  /** The key to add with weight 1 (public key, `account-hash-…`, …). */
  deploymentAccount: AccountIdentifier
  /** The account as it is on chain now; default: a fresh account (own key weight 1, thresholds 1/1). */
  current?: Account | undefined
  /** Who will sign; default: the header account's own key. Used for the emulated run. */
  signers?: readonly AccountIdentifier[] | undefined
  /** Motes; default: emulated gas plus `paymentMargin` (`pricing.amount`). */
  payment?: bigint | undefined
  /** Default `defaultPaymentMargin` (4% of the gas). */
  paymentMargin?: PaymentMargin | undefined
  /** @deprecated Pass `chainspec` (`casper15` for `'1.5'`). */
  protocol?: ProtocolGeneration | undefined
}

/** A built deploy with the emulated run that priced and checked it. */
export type BuildDeployReturnType = {
  deploy: DeployJson
  emulation: EmulateSessionReturnType
  /** The payment amount the deploy carries, in motes. */
  payment: bigint
  /** How the payment was chosen: emulated gas, margin, lane, expected charge. */
  pricing: PaymentChoice
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
  const { args, emulation, pricing, chainspec } = await priceTwoParty(parameters)
  const payment = parameters.payment ?? pricing.amount
  const deploy = buildModuleBytesDeploy({
    ...parameters,
    chainspec,
    wasm: twoPartyMultiSigWasm,
    args: [namedArgJson('deployment-account', 'ByteArray(32)', args['deployment-account'])],
    payment,
  })
  return { deploy, emulation, payment, pricing }
}

/** Parameters of {@link buildTwoPartyTransaction}: as for the deploy, without dependencies. */
export type BuildTwoPartyTransactionParameters = Omit<
  BuildTwoPartyDeployParameters,
  'dependencies' | 'gasPrice'
>

/**
 * The TransactionV1 form of {@link buildTwoPartyDeploy} (Casper 2.x): the bundled Wasm as its
 * session target, `PaymentLimited` from the emulated gas.
 *
 * @example
 * ```ts
 * const { transaction } = await buildTwoPartyTransaction({ account: alice, chainName: 'casper', deploymentAccount: bob })
 * ```
 */
export async function buildTwoPartyTransaction(parameters: BuildTwoPartyTransactionParameters): Promise<{
  transaction: TransactionJson
  emulation: EmulateSessionReturnType
  payment: bigint
  pricing: PaymentChoice
}> {
  const { args, emulation, pricing, chainspec } = await priceTwoParty({ protocol: '2.0', ...parameters })
  const payment = parameters.payment ?? pricing.amount
  const transaction = buildSessionTransaction({
    ...parameters,
    chainspec,
    wasm: twoPartyMultiSigWasm,
    args: [{ name: 'deployment-account', type: 'ByteArray(32)', bytes: args['deployment-account'] }],
    payment,
  })
  return { transaction, emulation, payment, pricing }
}

async function priceTwoParty(parameters: BuildTwoPartyDeployParameters) {
  const chainspec = resolveChainspec(parameters)
  const current = parameters.current ?? createAccount(accountHashOf(parameters.account))
  const args = twoPartyMultiSigArgs(parameters.deploymentAccount)
  const signers = (parameters.signers ?? [parameters.account]).map(accountHashOf)
  const emulation = await emulateSession({
    wasm: twoPartyMultiSigWasm,
    args,
    account: current,
    signers,
    chainspec,
  })
  assertSucceeds(emulation)
  // RuntimeArgs bytes: count, then name (u32 + 18), value (u32 + 32) and CLType ByteArray(32) (1 + u32).
  const argsLength = 4 + 4 + 18 + 4 + 32 + 5
  const pricing = choosePayment(
    {
      gas: emulation.gas.total,
      writes: emulation.calls.filter((call) => call.bytesWritten > 0).length,
      argsLength,
      standardPayment: true,
      // Wasm, args, at most 300 bytes of header and payment, 99 bytes per approval.
      transactionLength: twoPartyMultiSigWasm.length + argsLength + 300 + 99 * signers.length,
    },
    chainspec,
    parameters.paymentMargin,
  )
  return { args, emulation, pricing, chainspec }
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
