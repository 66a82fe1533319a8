// The page's way to a Ledger: WebHID, where the browser has navigator.hid. The APDUs go in the
// Ledger HID framing of @ledgerhq/hw-transport-webhid (`src/hid-framing.ts`: 64-byte reports, each
// channel u16 BE, tag 0x05, sequence u16 BE, the first with the APDU's length u16 BE), written here
// in a few lines because that package, with its dependencies, would not fit the page's budget.
import { LedgerError } from '../ledger/LedgerError.js'
import type { LedgerTransport } from '../ledger/LedgerTransport.js'

/** The part of a WebHID `HIDDevice` used (WICG WebHID). */
type HidDevice = {
  vendorId: number
  opened: boolean
  open(): Promise<void>
  close(): Promise<void>
  sendReport(reportId: number, data: Uint8Array): Promise<void>
  addEventListener(type: 'inputreport', listener: (event: { data: DataView }) => void): void
  removeEventListener(type: 'inputreport', listener: (event: { data: DataView }) => void): void
}
type Hid = {
  getDevices(): Promise<HidDevice[]>
  requestDevice(options: { filters: { vendorId: number }[] }): Promise<HidDevice[]>
}

/** Ledger's USB vendor id (@ledgerhq/devices `ledgerUSBVendorId`). */
const ledgerVendorId = 0x2c97
const packetSize = 64

function hid(): Hid | undefined {
  return (navigator as unknown as { hid?: Hid }).hid ?? undefined
}

/** True when this browser can reach a Ledger over WebHID (Chromium-based browsers). */
export function hasWebHid(): boolean {
  return typeof navigator !== 'undefined' && hid() !== undefined
}

/** A Ledger transport over WebHID, with `close`. */
export type WebHidLedger = LedgerTransport & { close(): Promise<void> }

/**
 * A transport to a Ledger over WebHID: the device this page was already allowed to use, or the one
 * the co-signer picks in the browser's chooser (which needs the click that called this).
 *
 * @throws {LedgerError} code `DeviceError` (`details.reason` `notChosen`) when no Ledger was picked.
 * @example
 * ```ts
 * const transport = await openLedger()
 * try {
 *   const signer = await ledgerSigner({ transport })
 * } finally {
 *   await transport.close()
 * }
 * ```
 */
export async function openLedger(): Promise<WebHidLedger> {
  const api = hid()
  const known = api ? (await api.getDevices()).filter((d) => d.vendorId === ledgerVendorId) : []
  const device =
    known[0] ?? (api ? (await api.requestDevice({ filters: [{ vendorId: ledgerVendorId }] }))[0] : undefined)
  if (!device)
    throw new LedgerError('No Ledger was chosen', {
      code: 'DeviceError',
      details: { reason: 'notChosen' },
      remedy: 'Connect and unlock the Ledger, open the Casper app, then sign again and pick it.',
    })
  if (!device.opened) await device.open()
  const channel = Math.floor(Math.random() * 0xffff)
  const inputs: Uint8Array[] = []
  let waiting: (() => void) | undefined
  const onReport = (event: { data: DataView }) => {
    inputs.push(new Uint8Array(event.data.buffer, event.data.byteOffset, event.data.byteLength))
    waiting?.()
  }
  device.addEventListener('inputreport', onReport)
  const read = async (): Promise<Uint8Array> => {
    while (inputs.length === 0) await new Promise<void>((resolve) => (waiting = resolve))
    return inputs.shift()!
  }
  let busy: Promise<unknown> = Promise.resolve()
  const exchange = async (apdu: Uint8Array): Promise<Uint8Array> => {
    const framed = new Uint8Array(2 + apdu.length)
    framed.set([apdu.length >> 8, apdu.length & 0xff])
    framed.set(apdu, 2)
    const chunk = packetSize - 5
    for (let seq = 0; seq * chunk < framed.length; seq++) {
      const report = new Uint8Array(packetSize)
      report.set([channel >> 8, channel & 0xff, 0x05, seq >> 8, seq & 0xff])
      report.set(framed.subarray(seq * chunk, (seq + 1) * chunk), 5)
      await device.sendReport(0, report)
    }
    let answer: Uint8Array | undefined
    let at = 0
    for (let seq = 0; !answer || at < answer.length; ) {
      const report = await read()
      // Another channel's (or an unexpected) report: not ours, skipped as TransportWebHID does.
      if (((report[0]! << 8) | report[1]!) !== channel || report[2] !== 0x05) continue
      if (((report[3]! << 8) | report[4]!) !== seq++) throw deviceError('the reports came out of order')
      const body = report.subarray(answer ? 5 : 7)
      answer ??= new Uint8Array((report[5]! << 8) | report[6]!)
      const take = body.subarray(0, answer.length - at)
      answer.set(take, at)
      at += take.length
    }
    return answer
  }
  return {
    async send(cla, ins, p1, p2, data = Buffer.alloc(0), statusList = [0x9000]) {
      const run = busy.then(() => exchange(Uint8Array.from([cla, ins, p1, p2, data.length, ...data])))
      busy = run.catch(() => undefined)
      const answer = await run
      const statusWord = (answer[answer.length - 2]! << 8) | answer[answer.length - 1]!
      // As @ledgerhq/hw-transport's TransportStatusError: @zondax/ledger-casper reads `statusCode`.
      if (!statusList.includes(statusWord))
        throw Object.assign(deviceError(`status word 0x${statusWord.toString(16)}`), {
          statusCode: statusWord,
        })
      return Buffer.from(answer)
    },
    async close() {
      await busy
      device.removeEventListener('inputreport', onReport)
      await device.close()
    },
  }
}

function deviceError(reason: string): LedgerError {
  return new LedgerError('The Ledger did not answer as expected', {
    code: 'DeviceError',
    details: { reason },
    remedy: 'Reconnect the device, open the Casper app, and retry.',
  })
}
