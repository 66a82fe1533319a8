// Named args of the bundled two-party-multi-sig session, as the emulator and deploy builders take them.
import { type AccountIdentifier, accountHashOf } from '../account/accountHash.js'
import { hexToBytes } from '../encoding/hex.js'

/** Args of `two-party-multi-sig.wasm`: `deployment-account`, CLType ByteArray(32), as inner bytes. */
export type TwoPartyMultiSigArgs = { 'deployment-account': Uint8Array }

/**
 * The session args that add `deploymentAccount` with weight 1 and make both keys required.
 *
 * @example
 * ```ts
 * const args = twoPartyMultiSigArgs('account-hash-c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234')
 * await emulateSession({ wasm: twoPartyMultiSigWasm, args, account, signers: [account.accountHash] })
 * ```
 */
export function twoPartyMultiSigArgs(deploymentAccount: AccountIdentifier): TwoPartyMultiSigArgs {
  return { 'deployment-account': hexToBytes(accountHashOf(deploymentAccount)) }
}
