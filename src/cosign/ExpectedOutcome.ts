// What running a file's session against the account would do: the emulated run, as a verdict reads it.
import type { Account } from '../account/Account.js'

/**
 * The emulated run of a file's session Wasm against the account (as it will run once enough keys
 * have signed): the account afterwards, the gas, what it needs and is expected to be charged; or
 * why it fails. `describeFile` reads it to compare the payment with the need.
 */
export type ExpectedOutcome =
  | {
      ok: true
      /** The account after the session. */
      account: Account
      gas: bigint
      /** Gas × the network's gas price: the least payment that does not run out of gas. */
      needMotes: bigint
      /** What the account is expected to be charged under the network's pricing and refund handling. */
      chargeMotes?: bigint | undefined
      /** The gas is above the payment limit: it runs out of gas and the whole limit is charged. */
      outOfGas?: boolean | undefined
    }
  | {
      ok: false
      failure: string
      /** The session's revert, when it reverted: the `ApiError` code and name (e.g. 3, `InvalidArgument`). */
      revert?: { code: number; name: string } | undefined
      /**
       * The session spent all the gas it ran with (`gasLimit`, what its payment buys): it fails, and
       * the whole payment is charged.
       */
      outOfGas?: boolean | undefined
      /** The gas the session ran with: its payment / the gas price, at most the lane's limit. */
      gasLimit?: bigint | undefined
    }
