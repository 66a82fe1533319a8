// The first accounts of a Ledger's Casper app: path, public key and account hash of each.
import { accountHashFromPublicKey } from '../account/accountHash.js'
import { bytesToHex } from '../encoding/hex.js'
import { casperApp } from './casperApp.js'
import type { LedgerTransport } from './LedgerTransport.js'
import { ledgerPathLevels } from './ledgerPath.js'
import { ledgerStatusError } from './ledgerStatusError.js'

/** One account of {@link ledgerAccounts}. */
export type LedgerAccount = {
  /** `m/44'/506'/0'/0/INDEX`. */
  path: string
  /** Tagged hex (`02` + compressed secp256k1 key). */
  publicKey: string
  /** 64 hex digits. */
  accountHash: string
}

/** Parameters of {@link ledgerAccounts}. */
export type LedgerAccountsParameters = {
  transport: LedgerTransport
  /** How many accounts, from index `start` (default 5). */
  count?: number | undefined
  /** The first index (default 0). */
  start?: number | undefined
  /** Ask the device to show each address and the user to confirm it (INS 0x01 with P1=1). */
  confirm?: boolean | undefined
}

/**
 * The keys at `m/44'/506'/0'/0/i` for `count` indexes from `start`, with their account hashes, read
 * from the Casper app (INS 0x01; with `confirm`, shown on the device for the user to compare).
 *
 * @throws {LedgerError} codes `AppNotOpen`, `DeviceLocked`, `UserRejected` (with `confirm`), `InvalidPath`, `DeviceError`.
 * @example
 * ```ts
 * for (const { path, accountHash } of await ledgerAccounts({ transport, count: 3 })) {
 *   console.log(path, `account-hash-${accountHash}`)
 * }
 * ```
 */
export async function ledgerAccounts(parameters: LedgerAccountsParameters): Promise<LedgerAccount[]> {
  const app = await casperApp(parameters.transport)
  const start = parameters.start ?? 0
  const accounts: LedgerAccount[] = []
  for (let index = start; index < start + (parameters.count ?? 5); index++) {
    const path = `m/44'/506'/0'/0/${index}`
    ledgerPathLevels(path)
    const answer = parameters.confirm
      ? await app.showAddressAndPubKey(path)
      : await app.getAddressAndPubKey(path)
    if (answer.returnCode !== 0x9000) throw ledgerStatusError(answer.returnCode, answer.errorMessage)
    const publicKey = `02${bytesToHex(Uint8Array.from(answer.publicKey))}`
    accounts.push({ path, publicKey, accountHash: accountHashFromPublicKey(publicKey) })
  }
  return accounts
}
