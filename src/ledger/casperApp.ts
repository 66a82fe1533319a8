// @zondax/ledger-casper, loaded only when a Ledger is used: users without one never load it.
import type { LedgerTransport } from './LedgerTransport.js'

/** The part of @zondax/ledger-casper 2.7 `CasperApp` used here; its answers carry `returnCode` instead of throwing. */
export type CasperAppApi = {
  getVersion(): Promise<{ returnCode: number; errorMessage: string; deviceLocked: boolean; targetId: string }>
  getAddressAndPubKey(path: string): Promise<{ returnCode: number; errorMessage: string; publicKey: Buffer }>
  showAddressAndPubKey(path: string): Promise<{ returnCode: number; errorMessage: string; publicKey: Buffer }>
  sign(path: string, message: Buffer): Promise<AppSignResponse>
  signWasmDeploy(path: string, message: Buffer): Promise<AppSignResponse>
}

/** A sign answer: R‖S (64 bytes) on 0x9000, else the status word and the app's message. */
export type AppSignResponse = {
  returnCode: number
  errorMessage: string
  signatureRS?: Buffer | null
}

/**
 * A `CasperApp` of @zondax/ledger-casper on `transport`, imported on first use (a CommonJS module:
 * its class is `default`, or `default.default` when Node's ESM loader wraps `module.exports`).
 * The package uses the global `Buffer`; browsers need a polyfill installed before this runs.
 *
 * @example
 * ```ts
 * const app = await casperApp(transport)
 * const { publicKey } = await app.getAddressAndPubKey("m/44'/506'/0'/0/0")
 * ```
 */
export async function casperApp(transport: LedgerTransport): Promise<CasperAppApi> {
  const module = (await import('@zondax/ledger-casper')) as unknown as {
    default:
      | (new (
          t: LedgerTransport,
        ) => CasperAppApi)
      | { default: new (t: LedgerTransport) => CasperAppApi }
  }
  const CasperApp = 'default' in module.default ? module.default.default : module.default
  return new CasperApp(transport)
}
