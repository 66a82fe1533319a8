import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { sdk } from '../../src/deploy/sdk.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { checksummedHex, deviceAddress, deviceMotes, selfCasedHex } from '../../src/ledger/deviceText.js'
import { LedgerError } from '../../src/ledger/LedgerError.js'
import { transactionV1 } from '../../src/ledger/ledgerMessage.js'
import { ledgerScreens } from '../../src/ledger/ledgerScreens.js'
import {
  blake2bHex,
  deployText,
  deployWithWasm,
  transactionText,
  transactionWithWasm,
  transferDeploy,
} from './ledgerKit.js'

const zemu = JSON.parse(
  readFileSync(new URL('./fixtures/zemuTransactionV1.json', import.meta.url), 'utf8'),
) as { blobs: { name: string; blob: string; hash: string }[] }

const u32 = (n: number) => bytesToHex(new Uint8Array(new Uint32Array([n]).buffer))

describe('ledgerScreens', () => {
  test('session Wasm in a deploy: the Wasm hash and the args hash, next to the deploy hash', () => {
    const json = JSON.parse(deployText)
    const file = parseCosignFile(deployText)
    const shown = ledgerScreens(file)
    expect(shown.instruction).toBe('sign')
    expect(shown.blind).toBe(true)
    expect(shown.complete).toBe(true)
    expect(shown.screens.map((s) => s.title)).toEqual([
      'Txn hash',
      'Type',
      'Chain ID',
      'Account',
      'Fee',
      'Execution',
      'Cntrct hash',
      'Args hash',
    ])
    const value = (title: string) => shown.screens.find((s) => s.title === title)!.value
    // The args as casper-types writes them, spelled out: count, name, CLValue bytes, CLType ByteArray(32).
    const [name, arg] = json.session.ModuleBytes.args[0]
    const argsBytes = `${u32(1)}${u32(name.length)}${bytesToHex(new TextEncoder().encode(name))}${u32(32)}${arg.bytes}0f${u32(32)}`
    expect(shown.hashes).toEqual({
      hash: json.hash,
      bodyHash: json.header.body_hash,
      wasmHash: blake2bHex(hexToBytes(json.session.ModuleBytes.module_bytes)),
      argsHash: blake2bHex(hexToBytes(argsBytes)),
    })
    expect(value('Txn hash').toLowerCase()).toBe(json.hash)
    expect(value('Cntrct hash').toLowerCase()).toBe(shown.hashes.wasmHash)
    expect(value('Args hash')).toMatch(/^execution-[0-9a-fA-F]{64}$/)
    expect(value('Args hash').toLowerCase()).toBe(`execution-${shown.hashes.argsHash}`)
    expect(value('Type')).toBe('Contract execution')
    expect(value('Chain ID')).toBe('casper-test')
    expect(value('Fee')).toBe('2 500 000 000 motes')
    expect(value('Account').toLowerCase()).toBe(json.header.account)
  })

  test('a native transfer shows its target and amount', () => {
    const account = `02${'03'.repeat(1)}${'ab'.repeat(32)}`
    const deploy = transferDeploy(account)
    const shown = ledgerScreens(parseCosignFile(JSON.stringify(deploy)))
    expect(shown.blind).toBe(false)
    expect(shown.screens.slice(1).map((s) => [s.title, s.value.toLowerCase()])).toEqual([
      ['Type', 'token transfer'],
      ['Chain ID', 'casper'],
      ['Account', account],
      ['Fee', expect.stringMatching(/ motes$/)],
      ['Target', '016e3725ffd940bddb56e692e6309c6c82d2def515421219ddfd1ea0952e52491a'],
      ['Amount', '10 000 000 000 motes'],
    ])
  })

  test('a TransactionV1 session (entry point Call) shows no hash of its code: only the transaction hash', () => {
    const json = JSON.parse(transactionText).Version1
    const shown = ledgerScreens(parseCosignFile(transactionText))
    expect(shown.screens.map((s) => [s.title, s.value.toLowerCase()])).toEqual([
      ['Txn hash', json.hash],
      ['Type', 'call'],
      ['Chain ID', 'casper-test'],
      ['Account', json.payload.initiator_addr.PublicKey],
    ])
    expect(shown.blind).toBe(true)
    expect(shown.hashes.wasmHash).toBe(
      blake2bHex(hexToBytes(json.payload.fields.target.Session.module_bytes)),
    )
  })

  test('the Zemu TransactionV1 blobs: transfer, delegate (not modelled further) and custom', () => {
    const screens = Object.fromEntries(
      zemu.blobs.map(({ name, blob }) => {
        const [hash, payload, approvals] = transactionV1.decode(hexToBytes(blob.slice(2)))
        const file = {
          kind: 'transaction' as const,
          hash: bytesToHex(hash),
          payload,
          payloadText: { timestamp: '', ttl: '' },
          approvals: approvals.map((a) => ({ signer: a.signer, signature: bytesToHex(a.signature) })),
          json: {},
        }
        return [name, ledgerScreens(file)]
      }),
    )
    expect(screens.transfer!.screens.map((s) => s.title)).toEqual([
      'Txn hash',
      'Type',
      'Chain ID',
      'Account',
      'Target',
      'Amount',
    ])
    expect(screens.transfer!.screens[1]!.value).toBe('Transfer')
    expect(screens.transfer!.screens[2]!.value).toBe('mainnet')
    expect(screens.delegate!.complete).toBe(false)
    expect(screens.delegate!.screens[1]!.value).toBe('Delegate')
    expect(screens.custom!.screens[1]!.value).toBe('Contract Execution')
    expect(screens.custom!.screens.at(-1)!.title).toBe('Args hash')
    expect(screens.custom!.screens.at(-1)!.value.toLowerCase()).toBe(screens.custom!.hashes.argsHash)
  })

  test('a deploy over the buffer: DeployHash and BodyHash only; a TransactionV1 over it: TooLarge', () => {
    const deploy = deployWithWasm(20_000)
    const shown = ledgerScreens(parseCosignFile(JSON.stringify(deploy)))
    expect(shown.instruction).toBe('signWasm')
    expect(shown.screens).toEqual([
      { title: 'DeployHash', value: deploy.hash },
      { title: 'BodyHash', value: deploy.header.body_hash },
    ])
    expect(
      ledgerScreens(parseCosignFile(JSON.stringify(deployWithWasm(10_000))), { bufferBytes: 8192 })
        .instruction,
    ).toBe('signWasm')
    expect(() => ledgerScreens(parseCosignFile(JSON.stringify(transactionWithWasm(17_000))))).toThrow(
      LedgerError,
    )
  })
})

describe('how the app writes values', () => {
  test('checksummed hex is what casper-js-sdk writes (CEP-57)', () => {
    for (const hex of [JSON.parse(deployText).hash, `02${'ab'.repeat(33)}`, 'ff'.repeat(32)]) {
      const bytes = hexToBytes(hex)
      expect(checksummedHex(bytes)).toBe(sdk.PublicKey.encode(bytes))
    }
  })

  test('addresses keep the tag digits; args hashes are cased by their own bits; motes grouped by three', () => {
    const key = hexToBytes(`02${'ab'.repeat(33)}`)
    expect(deviceAddress(key)).toBe(`02${checksummedHex(key.slice(1))}`)
    expect(selfCasedHex(Uint8Array.of(0xab, 0x01))).toBe('AB01')
    expect(selfCasedHex(Uint8Array.of(0xa8, 0x00))).toBe('a800')
    expect(deviceMotes(1_000n)).toBe('1 000 motes')
    expect(deviceMotes(999n)).toBe('999 motes')
  })
})
