// What a co-signer is about to approve, in plain words: the main entry's door to describeFile, with the emulator.
import type { Account } from '../account/Account.js'
import { accountHashOf } from '../account/accountHash.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { resolveChainspec } from '../chainspec/resolveChainspec.js'
import type { CosignFile } from '../cosign/CosignFile.js'
import { describeFile, type FileDescription } from '../cosign/describeFile.js'
import { descriptionLines } from '../cosign/descriptionLines.js'
import { parseCosignFile } from '../cosign/parseCosignFile.js'
import type { DeployJson } from '../deploy/DeployJson.js'
import type { TransactionJson } from '../deploy/TransactionJson.js'
import type { Protocol } from '../emulator/emulateSession.js'
import { expectedOutcome } from './expectedOutcome.js'
import type { SpendingState } from './SpendingState.js'

/** Options of {@link describeDeploy}. */
export type DescribeDeployOptions = {
  /** The account as it is on chain now: the session is emulated against it to show the result and its cost. */
  account?: Account | undefined
  /**
   * The account's balance and the auction's bids (`getSpendingState`): a transfer or an auction call
   * that cannot succeed against them is DO NOT SIGN. Read only with `account`.
   */
  state?: SpendingState | undefined
  /** Names for keys, e.g. `{ [bobPublicKey]: 'bob' }` (public key hex or `account-hash-…`). */
  labels?: Readonly<Record<string, string>> | undefined
  /** The network the file must be for, whose rules the emulated run follows; default `casperMainnet`. */
  chainspec?: Chainspec | undefined
  /** @deprecated Pass `chainspec`. */
  protocol?: Protocol | undefined
  /** Default: now. */
  now?: Date | number | undefined
  /** See `describeFile`: a standard payment above this many times max(need, baseline) is excessive. Default 4. */
  maxPaymentRatio?: number | undefined
  /** See `describeFile`: the most a payment may be when its need is unknown. Default 100 CSPR. */
  paymentCeilingMotes?: bigint | undefined
  /** See `describeFile`: session Wasm the co-signer accepts, sha256 (hex) to a name. Default: none. */
  acceptedWasm?: Readonly<Record<string, string>> | undefined
}

/** {@link describeFile}'s description, with `text`: the same in plain words, every key and hash whole. */
export type DeployDescription = FileDescription & { text: string }

/**
 * Describes a deploy or TransactionV1 for the person about to sign it, with the one verdict every
 * surface shows: `describeFile` over the decoded file (what it changes, its code, payment, chain,
 * expiry, signers, and every reason not to sign). With `options.account`, the session is first
 * emulated against the account ({@link expectedOutcome}) so the description shows the resulting
 * keys and thresholds, and the verdict compares the payment with what the session needs.
 *
 * A signature approves the hash, not what is shown, and `casper-client sign-deploy` signs without
 * checking it (casper-client-rs `lib/lib.rs` `sign_deploy_file`): the hashes are recomputed from the
 * content first, and `text` starts with `DO NOT SIGN: …` when anything is wrong.
 *
 * @example
 * ```ts
 * const description = await describeDeploy(parseDeployJson(file), { account, labels: { [bob]: 'bob' } })
 * console.log(description.text)
 * if (!description.safeToSign) throw new Error(description.doNotSign.join('; '))
 * ```
 * @throws {CosignError} when the JSON is not a deploy or TransactionV1 (`parseCosignFile`).
 */
export async function describeDeploy(
  input: DeployJson | TransactionJson | CosignFile,
  options: DescribeDeployOptions = {},
): Promise<DeployDescription> {
  const file = 'kind' in input ? (input as CosignFile) : parseCosignFile(JSON.stringify(input))
  const chainspec = resolveChainspec(options)
  const outcome = options.account
    ? await expectedOutcome(file, options.account, { chainspec, state: options.state })
    : undefined
  const description = describeFile(file, {
    network: chainspec,
    now: options.now,
    outcome,
    maxPaymentRatio: options.maxPaymentRatio,
    paymentCeilingMotes: options.paymentCeilingMotes,
    acceptedWasm: options.acceptedWasm,
  })
  const labels = new Map(
    Object.entries(options.labels ?? {}).map(([key, label]) => [accountHashOf(key), label] as const),
  )
  return { ...description, text: descriptionLines(description, labels).join('\n') }
}
