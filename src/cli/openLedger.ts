// `--ledger`: opens the first Ledger on USB through @ledgerhq/hw-transport-node-hid, an optional dependency loaded only here.
import type { LedgerTransport } from '../ledger/LedgerTransport.js'
import { CliError } from './CliError.js'
import type { CliIo } from './CliIo.js'

/** The optional package holding the USB transport (it needs the platform's HID library). */
export const nodeHidPackage = '@ledgerhq/hw-transport-node-hid'

/** A transport the command closes when done. */
export type OpenedLedger = LedgerTransport & { close?: () => Promise<void> }

/**
 * The transport `--ledger` uses: `io.openLedger` when set, else `TransportNodeHid.create()` of
 * `name` (default {@link nodeHidPackage}), imported now (`npm ci` installs it when the platform can build it, and
 * skips it otherwise: it is an optional dependency).
 *
 * @throws {CliError} code `LedgerUnavailable` when the package is missing or no device answers.
 * @example
 * ```ts
 * const transport = await openLedger(io)
 * ```
 */
export async function openLedger(io: CliIo, name: string = nodeHidPackage): Promise<OpenedLedger> {
  if (io.openLedger) return io.openLedger()
  type NodeHid = { create: () => Promise<OpenedLedger> }
  let module: { default: NodeHid | { default: NodeHid } }
  try {
    // A variable specifier: bundlers and type checks leave the optional package alone.
    module = await import(name)
  } catch (cause) {
    throw new CliError(`--ledger needs the package ${name}, which is not installed`, {
      code: 'LedgerUnavailable',
      details: {
        package: nodeHidPackage,
        reason: cause instanceof Error ? cause.message.split('\n')[0] : String(cause),
      },
      remedy: `Install it beside casper-multisig (npm install ${name}; on Linux it needs libusb and libudev), then retry.`,
      cause,
    })
  }
  const TransportNodeHid = 'default' in module.default ? module.default.default : module.default
  try {
    return await TransportNodeHid.create()
  } catch (cause) {
    throw new CliError('No Ledger answered on USB', {
      code: 'LedgerUnavailable',
      details: { reason: cause instanceof Error ? cause.message : String(cause) },
      remedy:
        'Connect the Ledger, unlock it, open the Casper app, and close Ledger Live (it holds the device), then retry.',
      cause,
    })
  }
}
