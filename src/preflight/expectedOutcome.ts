// What a file's session does to the account when it runs: the emulator, for the verdict to compare payment with need.
import type { Account } from '../account/Account.js'
import { missingSigners } from '../account/missingSigners.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { estimateCost } from '../chainspec/estimateCost.js'
import { sessionGasLimit } from '../chainspec/resolveChainspec.js'
import type { CosignFile } from '../cosign/CosignFile.js'
import { describeFile } from '../cosign/describeFile.js'
import type { ExpectedOutcome } from '../cosign/ExpectedOutcome.js'
import { emulateSession } from '../emulator/emulateSession.js'
import type { SpendingState } from './SpendingState.js'
import { spendingFailure } from './spendingOutcome.js'

/**
 * Runs the file's session Wasm in the emulator against `account`, signed by the keys whose
 * approvals verify plus the fewest that complete the threshold (as it will run once everyone has
 * signed), under `chainspec` (default `casperMainnet`: 2.x gas, gas price 1), with the gas its
 * standard payment buys (`sessionGasLimit`): a session that needs more runs out of gas there, as
 * on the node, and the outcome says so (`outOfGas`, charged in full). The need is gas ×
 * the network's gas price (`[vacancy] min_gas_price`; a deploy's `gas_price` is only the most the
 * sender accepts); the charge is {@link estimateCost} under the same chainspec. Undefined when the
 * session is neither Wasm nor a native spending call. Pass the result to `describeFile` as `outcome`.
 *
 * A native transfer or auction call is checked against `options.state` instead (the purse's
 * balance, the auction's bids, read with `getSpendingState`): a failure when it cannot succeed
 * ({@link spendingFailure}), else undefined (its cost is the network's system cost, known without running it).
 *
 * @example
 * ```ts
 * const outcome = await expectedOutcome(file, account)
 * const verdict = describeFile(file, { network: casperMainnet, outcome })
 * ```
 */
export async function expectedOutcome(
  file: CosignFile,
  account: Account,
  options: { chainspec?: Chainspec | undefined; state?: SpendingState | undefined } = {},
): Promise<ExpectedOutcome | undefined> {
  const chainspec = options.chainspec ?? casperMainnet
  // The file as described without an outcome: who has signed, what it pays, what it calls.
  const described = describeFile(file, { network: chainspec })
  const { signers, payment } = described
  const wasm =
    file.kind === 'deploy'
      ? file.session.TAG === 'ModuleBytes'
        ? file.session.data.module_bytes
        : undefined
      : file.payload.fields.target.TAG === 'Session'
        ? file.payload.fields.target.data[2]
        : undefined
  if (!wasm) {
    const failure = options.state ? spendingFailure(described, options.state) : undefined
    return failure === undefined ? undefined : { ok: false, failure }
  }
  const args = (file.kind === 'deploy' ? file.session.data.args : file.payload.fields.args).map((a) => ({
    name: a.name,
    value: a.bytes,
  }))
  const signed = signers.map((s) => s.accountHash)
  const { deployment, keyManagement } = account.actionThresholds
  const completing = missingSigners(account, signed, Math.max(deployment, keyManagement)) ?? []
  const price = Math.max(chainspec.gasPrice.min, 1)
  // The session runs with the gas its payment buys, as on the node: a loop ends there at once.
  const gasLimit = sessionGasLimit(chainspec, payment.kind === 'standard' ? payment.motes : undefined, price)
  const result = await emulateSession({
    wasm,
    args,
    account,
    signers: [...signed, ...completing],
    chainspec,
    gasLimit,
  })
  if (!result.ok)
    return {
      ok: false,
      failure: result.failure?.message ?? 'unknown failure',
      revert: result.revert && { code: result.revert.code, name: result.revert.name },
      ...(result.failure?.kind === 'outOfGas' ? { outOfGas: true, gasLimit } : {}),
    }
  const gas = result.gas.total
  const limit = payment.kind === 'standard' ? payment.motes : undefined
  const cost =
    limit === undefined || chainspec.pricingHandling.type !== 'payment_limited'
      ? undefined
      : estimateCost({ gas, paymentAmount: limit }, { chainspec })
  return {
    ok: true,
    account: result.account,
    gas,
    needMotes: gas * BigInt(price),
    chargeMotes: cost?.charged,
    outOfGas: cost ? !cost.fits : undefined,
  }
}
