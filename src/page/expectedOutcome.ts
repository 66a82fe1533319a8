// What a file's session does to the account when it runs: the emulator, bundled into the page only.
import type { Account } from '../account/Account.js'
import { missingSigners } from '../account/missingSigners.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { estimateCost } from '../chainspec/estimateCost.js'
import type { CosignFile, FileDescription } from '../cosign/index.js'
import { emulateSession } from '../emulator/emulateSession.js'

/** The emulated result: the account afterwards and the expected charge, or why it fails. */
export type ExpectedOutcome =
  | {
      ok: true
      account: Account
      gas: bigint
      chargeMotes?: bigint | undefined
      /** The gas is above the payment limit: the session runs out of gas and `chargeMotes` is the whole limit. */
      outOfGas?: boolean | undefined
    }
  | { ok: false; failure: string }

/**
 * Runs the file's session Wasm in the emulator against `account`, signed by the keys that have
 * signed plus the fewest that complete the threshold (as it will run once everyone has signed),
 * under the `casperMainnet` chainspec (2.x gas). The charge is `estimateCost` with the same chainspec
 * (payment-limited, `refund_handling = refund [75, 100]`, gas price 1: gas used plus 25% of the unused
 * payment limit). Undefined when the session is not Wasm.
 *
 * @example
 * ```ts
 * const outcome = await expectedOutcome(file, describeFile(file), account)
 * if (outcome?.ok) outcome.account.actionThresholds
 * ```
 */
export async function expectedOutcome(
  file: CosignFile,
  description: FileDescription,
  account: Account,
): Promise<ExpectedOutcome | undefined> {
  const wasm =
    file.kind === 'deploy'
      ? file.session.TAG === 'ModuleBytes'
        ? file.session.data.module_bytes
        : undefined
      : file.payload.fields.target.TAG === 'Session'
        ? file.payload.fields.target.data[2]
        : undefined
  if (!wasm) return undefined
  const args = (file.kind === 'deploy' ? file.session.data.args : file.payload.fields.args).map((a) => ({
    name: a.name,
    value: a.bytes,
  }))
  const signed = [
    ...new Set(description.verification.approvals.flatMap((a) => (a.ok ? [a.accountHash] : []))),
  ]
  const { deployment, keyManagement } = account.actionThresholds
  const completing = missingSigners(account, signed, Math.max(deployment, keyManagement)) ?? []
  const result = await emulateSession({
    wasm,
    args,
    account,
    signers: [...signed, ...completing],
    chainspec: casperMainnet,
  })
  if (!result.ok) return { ok: false, failure: result.failure?.message ?? 'unknown failure' }
  const limit = description.paymentMotes
  const gas = result.gas.total
  const cost =
    limit === undefined
      ? undefined
      : estimateCost({ gas, paymentAmount: limit }, { chainspec: casperMainnet })
  return {
    ok: true,
    account: result.account,
    gas,
    chargeMotes: cost?.charged,
    outOfGas: cost ? !cost.fits : undefined,
  }
}
