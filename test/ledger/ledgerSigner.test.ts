import { readFileSync } from 'node:fs'
import { openTransportReplayer, RecordStore } from '@ledgerhq/hw-transport-mocker'
import { sha256 } from '@noble/hashes/sha2'
import { describe, expect, test } from 'vitest'
import { mergeFiles } from '../../src/cosign/mergeFiles.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { signFile } from '../../src/cosign/signFile.js'
import { stringifyCosignFile } from '../../src/cosign/stringifyCosignFile.js'
import { verifyFile } from '../../src/cosign/verifyFile.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { secp256k1 } from '../../src/keys/secp256k1.js'
import { LedgerError, type LedgerErrorCode } from '../../src/ledger/LedgerError.js'
import { ledgerAccounts } from '../../src/ledger/ledgerAccounts.js'
import { ledgerMessage, transactionV1 } from '../../src/ledger/ledgerMessage.js'
import { ledgerPathLevels } from '../../src/ledger/ledgerPath.js'
import type { LedgerScreens } from '../../src/ledger/ledgerScreens.js'
import { ledgerSigner } from '../../src/ledger/ledgerSigner.js'
import { ledgerStatusError } from '../../src/ledger/ledgerStatusError.js'
import { CasperLedgerDevice, InProcessTransport, inProcessLedger, sw } from '../support/ledgerDevice.js'
import { deployWithWasm, transactionText, transactionWithWasm, unsignedDeploy } from './ledgerKit.js'

/** The app's Zemu seed's compressed key at m/44'/506'/0'/0/0 (Zondax/ledger-casper tests_zemu). */
const zemuKey = '028b2ddbe59976ad2f4138ca46553866de5124d13db4e13611ca751eedde9e0297'
/** As Casper tags it: 02 (secp256k1) + the 33-byte compressed key. */
const zemuPublicKey = `02${zemuKey}`
const zemu = JSON.parse(
  readFileSync(new URL('./fixtures/zemuTransactionV1.json', import.meta.url), 'utf8'),
) as { blobs: { name: string; blob: string; hash: string }[] }

const cosigner = localSigner('11'.repeat(32), { algorithm: 'secp256k1' })

async function expectLedgerError(promise: Promise<unknown>, code: LedgerErrorCode): Promise<LedgerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LedgerError)
  expect((error as LedgerError).code).toBe(code)
  expect((error as LedgerError).remedy).toBeTruthy()
  return error as LedgerError
}

describe('the app vectors', () => {
  test("the Zemu seed's key at m/44'/506'/0'/0/0 through @zondax/ledger-casper", async () => {
    const [first, second] = await ledgerAccounts({ transport: inProcessLedger(), count: 2 })
    expect(first).toMatchObject({ path: "m/44'/506'/0'/0/0", publicKey: zemuPublicKey })
    expect(second!.path).toBe("m/44'/506'/0'/0/1")
    expect(second!.publicKey).not.toBe(zemuPublicKey)
  })

  test('ledgerMessage writes the TransactionV1 bytes of the Zemu blobs, approvals included', () => {
    for (const { blob, hash } of zemu.blobs) {
      const [hashBytes, payload, approvals] = transactionV1.decode(hexToBytes(blob.slice(2)))
      const file = {
        kind: 'transaction' as const,
        hash: bytesToHex(hashBytes),
        payload,
        payloadText: { timestamp: '', ttl: '' },
        approvals: approvals.map((a) => ({ signer: a.signer, signature: bytesToHex(a.signature) })),
        json: {},
      }
      expect(file.hash).toBe(hash)
      expect(`01${bytesToHex(ledgerMessage(file))}`).toBe(blob)
    }
  })

  test('a recorded exchange replays through @ledgerhq/hw-transport-mocker', async () => {
    const recording = readFileSync(new URL('./fixtures/getAddress.apdus', import.meta.url), 'utf8')
    const transport = await openTransportReplayer(RecordStore.fromString(recording))
    const [account] = await ledgerAccounts({ transport, count: 1 })
    expect(account!.publicKey).toBe(zemuPublicKey)
    // The recording is what the in-process device answers today.
    const device = new CasperLedgerDevice()
    const [, apdu, answer] = /=> ([0-9a-f]+)\n<= ([0-9a-f]+)/.exec(recording)!.map((s) => s)
    expect(bytesToHex(device.exchange(hexToBytes(apdu!)))).toBe(answer)
  })
})

describe('ledgerSigner', () => {
  test('signs a deploy through INS 0x02; the approval merges and verifies like any other', async () => {
    const transport = inProcessLedger()
    const shown: LedgerScreens[] = []
    const signer = await ledgerSigner({ transport, onScreens: (s) => shown.push(s) })
    expect(signer.publicKey).toBe(zemuPublicKey)
    const file = parseCosignFile(JSON.stringify(unsignedDeploy()))
    const byLedger = await signFile(file, signer)
    const byKey = await signFile(file, cosigner)
    const { merged } = mergeFiles([byLedger, byKey])
    const report = verifyFile(merged)
    expect(report.approvals.map((a) => a.ok)).toEqual([true, true])
    expect(merged.approvals.map((a) => a.signer).sort()).toEqual([zemuPublicKey, cosigner.publicKey].sort())
    const [signed] = transport.device.signed
    expect(signed!.ins).toBe(0x02)
    expect(signed!.message[0]).toBe(0x00)
    expect(bytesToHex(signed!.message.slice(1))).toBe(bytesToHex(ledgerMessage(file)))
    expect(shown[0]!.instruction).toBe('sign')
    // The device signed SHA-256 of the deploy hash with the key at the path.
    const signature = hexToBytes(byLedger.approvals[0]!.signature).slice(1)
    expect(
      secp256k1.verify(signature, sha256(hexToBytes(file.hash)), hexToBytes(zemuKey), { prehash: false }),
    ).toBe(true)
  })

  test('signs a TransactionV1 with its approvals: 0x01 + the transaction bytes', async () => {
    const transport = inProcessLedger()
    const file = parseCosignFile(transactionText)
    const signed = await signFile(file, await ledgerSigner({ transport, path: "m/44'/506'/0'/0/3" }))
    expect(signed.approvals).toHaveLength(3)
    expect(verifyFile(signed).approvals.every((a) => a.ok)).toBe(true)
    const message = transport.device.signed[0]!.message
    expect(message[0]).toBe(0x01)
    expect(transactionV1.decode(message.slice(1))[2]).toHaveLength(2)
    expect(signed.approvals[2]!.signer).toBe(
      `02${bytesToHex(transport.device.publicKeyAt("m/44'/506'/0'/0/3"))}`,
    )
  })

  test('a deploy over the 16 KB buffer goes through INS 0x04 in 250-byte chunks, hashes only', async () => {
    const transport = inProcessLedger()
    let screens: LedgerScreens | undefined
    const signer = await ledgerSigner({ transport, onScreens: (s) => (screens = s) })
    const file = parseCosignFile(JSON.stringify(deployWithWasm(20_000)))
    const signed = await signFile(file, signer)
    expect(verifyFile(signed).approvals[0]!.ok).toBe(true)
    expect(transport.device.signed[0]!.ins).toBe(0x04)
    expect(transport.device.overflowed).toBe(true)
    expect(screens!.instruction).toBe('signWasm')
    expect(screens!.blind).toBe(true)
    const chunks = transport.device.received.filter((a) => a.ins === 0x04)
    expect(chunks[0]).toMatchObject({ p1: 0, p2: 0 })
    expect(chunks[0]!.data).toEqual(
      new Uint8Array(new Uint32Array(ledgerPathLevels("m/44'/506'/0'/0/0")).buffer),
    )
    expect(chunks.slice(1, -1).every((c) => c.p1 === 1 && c.data.length === 250)).toBe(true)
    expect(chunks.at(-1)!.p1).toBe(2)
    expect(chunks.slice(1).reduce((n, c) => n + c.data.length, 0)).toBe(ledgerMessage(file).length)
  })

  test('a Nano S (8 KB) signs a 10 KB deploy blind, a Nano X shows it', async () => {
    const file = parseCosignFile(JSON.stringify(deployWithWasm(10_000)))
    for (const [model, ins] of [
      ['nanoS', 0x04],
      ['nanoX', 0x02],
    ] as const) {
      const transport = inProcessLedger({ model })
      // The device answers its target id: 0x31100004 for a Nano S.
      const nanoS = model === 'nanoS'
      const version = new InProcessTransport(transport.device)
      version.exchange = async (apdu) => {
        const answer = Buffer.from(transport.device.exchange(Uint8Array.from(apdu)))
        if (nanoS && apdu[1] === 0x00) answer.set([0x31, 0x10, 0x00, 0x04], 5)
        return answer
      }
      await signFile(file, await ledgerSigner({ transport: version }))
      expect(transport.device.signed[0]!.ins).toBe(ins)
    }
  })

  test('a TransactionV1 over the buffer is refused before the device is asked to sign', async () => {
    const transport = inProcessLedger()
    const signer = await ledgerSigner({ transport })
    const file = parseCosignFile(JSON.stringify(transactionWithWasm(17_000)))
    const error = await expectLedgerError(signFile(file, signer), 'TooLarge')
    expect(error.remedy).toContain('too large for the device')
    expect(transport.device.received.some((a) => a.ins === 0x02 || a.ins === 0x04)).toBe(false)
  })

  test('the user rejects on the device', async () => {
    const transport = inProcessLedger({ user: 'reject' })
    const signer = await ledgerSigner({ transport })
    const file = parseCosignFile(JSON.stringify(unsignedDeploy()))
    const error = await expectLedgerError(signFile(file, signer), 'UserRejected')
    expect(error.details.statusWord).toBe('0x6986')
    expect(transport.device.signed).toHaveLength(0)
  })

  test('the app not open, the device locked', async () => {
    await expectLedgerError(ledgerSigner({ transport: inProcessLedger({ appOpen: false }) }), 'AppNotOpen')
    await expectLedgerError(ledgerSigner({ transport: inProcessLedger({ locked: true }) }), 'DeviceLocked')
    // Locked after the signer was made: the sign itself answers 0x5515.
    const transport = inProcessLedger()
    const signer = await ledgerSigner({ transport })
    transport.device.locked = true
    await expectLedgerError(
      signFile(parseCosignFile(JSON.stringify(unsignedDeploy())), signer),
      'DeviceLocked',
    )
  })

  test.each([
    [sw.rejected, 'UserRejected'],
    [sw.appNotOpen, 'AppNotOpen'],
    [sw.insNotSupported, 'AppNotOpen'],
    [sw.locked, 'DeviceLocked'],
    [sw.dataInvalid, 'DataInvalid'],
    [sw.tooLarge, 'TooLarge'],
    [0x6400, 'DeviceError'],
  ] as const)('status word %s on the last chunk → %s', async (status, code) => {
    const device = new CasperLedgerDevice()
    const transport = new InProcessTransport(device)
    transport.exchange = async (apdu) => {
      if (apdu[1] === 0x02 && apdu[2] === 0x02) {
        return Buffer.from([...new TextEncoder().encode('Unexpected value'), status >> 8, status & 0xff])
      }
      return Buffer.from(device.exchange(Uint8Array.from(apdu)))
    }
    const signer = await ledgerSigner({ transport })
    const error = await expectLedgerError(
      signFile(parseCosignFile(JSON.stringify(unsignedDeploy())), signer),
      code,
    )
    expect(error.details.statusWord).toBe(`0x${status.toString(16).padStart(4, '0')}`)
    if (status === sw.dataInvalid) expect(error.details.deviceMessage).toBe('Unexpected value')
  })

  test('the real app buffer answers 0x6983 when a message overflows it', async () => {
    // INS 0x02 of 17 KB straight to the device (the signer would not send it).
    const device = new CasperLedgerDevice()
    const path = new Uint8Array(new Uint32Array(ledgerPathLevels("m/44'/506'/0'/0/0")).buffer)
    const apdu = (p1: number, data: Uint8Array) => Uint8Array.from([0x11, 0x02, p1, 0, data.length, ...data])
    expect(device.exchange(apdu(0, path)).slice(-2)).toEqual(Uint8Array.of(0x90, 0))
    const statuses: number[] = []
    for (let i = 0; i < 70; i++) {
      const answer = device.exchange(apdu(1, new Uint8Array(250)))
      statuses.push((answer.at(-2)! << 8) | answer.at(-1)!)
    }
    // 65 chunks fill 16,250 bytes; the 66th overflows; then the buffer is reset (not initialized).
    expect(statuses.indexOf(sw.tooLarge)).toBe(65)
    expect(statuses.slice(0, 65).every((s) => s === sw.ok)).toBe(true)
    expect(ledgerStatusError(sw.tooLarge).code).toBe('TooLarge')
  })

  test('ed25519 keys, foreign paths, another key and bare hashes are refused up front', async () => {
    const transport = inProcessLedger()
    await expectLedgerError(
      ledgerSigner({ transport, publicKey: `01${'d9'.repeat(32)}` }),
      'Ed25519Unsupported',
    )
    await expectLedgerError(ledgerSigner({ transport, path: "m/44'/60'/0'/0/0" }), 'InvalidPath')
    await expectLedgerError(ledgerSigner({ transport, path: "m/44'/506'/0'/0'" }), 'InvalidPath')
    expect(transport.device.received).toHaveLength(0)
    await expectLedgerError(ledgerSigner({ transport, publicKey: cosigner.publicKey }), 'WrongKey')
    const signer = await ledgerSigner({ transport, publicKey: zemuPublicKey })
    await expectLedgerError(signer.sign(new Uint8Array(32)), 'NothingToSign')
  })

  test('a signature that does not verify is not returned', async () => {
    const device = new CasperLedgerDevice()
    const transport = new InProcessTransport(device)
    transport.exchange = async (apdu) => {
      const answer = Buffer.from(device.exchange(Uint8Array.from(apdu)))
      if (apdu[1] === 0x02 && apdu[2] === 0x02) answer[10] = answer[10]! ^ 1
      return answer
    }
    const signer = await ledgerSigner({ transport })
    await expectLedgerError(
      signFile(parseCosignFile(JSON.stringify(unsignedDeploy())), signer),
      'InvalidSignature',
    )
  })

  test('a signed file written out reads back with the Ledger approval', async () => {
    const signer = await ledgerSigner({ transport: inProcessLedger() })
    const signed = await signFile(parseCosignFile(JSON.stringify(unsignedDeploy())), signer)
    expect(verifyFile(parseCosignFile(stringifyCosignFile(signed))).ok).toBe(true)
  })
})
