// TransactionV1 files with the `Burn` entry point (casper-types 2.x transaction_entry_point.rs,
// BURN_VARIANT_TAG 12) and a `VmCasperV2` runtime (transaction_target.rs TransactionRuntimeParams:
// calltable of tag 1, transferred_value u64, seed Option<[u8; 32]>). casper-js-sdk 5.0.12 knows
// neither (its TransactionEntryPointTag stops at 11 and its VmCasperV2 carries no fields), so the
// payload bytes are written out here field by field from the casper-types layouts and hashed.
import { blake2b } from '@noble/hashes/blake2'
import { describe, expect, test } from 'vitest'
import { descriptionLines } from '../../src/cosign/descriptionLines.js'
import { describeFile, parseCosignFile, testnet, verifyFile } from '../../src/cosign/index.js'
import { bytesToHex } from '../../src/encoding/hex.js'

const u8 = (n: number) => Uint8Array.of(n)
const u16 = (n: number) => Uint8Array.of(n & 0xff, n >> 8)
const u32 = (n: number) => {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setUint32(0, n, true)
  return b
}
const u64 = (n: bigint) => {
  const b = new Uint8Array(8)
  new DataView(b.buffer).setBigUint64(0, n, true)
  return b
}
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
const bytes = (b: Uint8Array) => cat(u32(b.length), b)
const text = (s: string) => bytes(new TextEncoder().encode(s))
/** casper-types CalltableSerializationEnvelope: Vec<Field { index u16, offset u32 }>, then Bytes. */
const calltable = (...fields: Uint8Array[]) => {
  let offset = 0
  const table = fields.map((f, i) => {
    const entry = cat(u16(i), u32(offset))
    offset += f.length
    return entry
  })
  return cat(u32(fields.length), ...table, bytes(cat(...fields)))
}

const publicKey = `01${'d9'.repeat(32)}`
const keyBytes = cat(u8(1), new Uint8Array(32).fill(0xd9))
const timestamp = 1_704_067_200_000n // 2024-01-01T00:00:00.000Z
const ttl = 1_800_000n // 30m
const wasm = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00)
const seed = new Uint8Array(32).fill(7)

/** `{ amount: U512 1e9 }`: name, CLValue bytes (4 bytes LE with their length byte), CLType U512 (8). */
const amountArg = cat(u32(1), text('amount'), bytes(Uint8Array.of(4, 0x00, 0xca, 0x9a, 0x3b)), u8(8))
const amountJson = [['amount', { cl_type: 'U512', bytes: '0400ca9a3b', parsed: '1000000000' }]]

function payloadBytes(args: Uint8Array, target: Uint8Array, entryPoint: Uint8Array): Uint8Array {
  const fieldMap = cat(
    u32(4),
    u16(0),
    bytes(cat(u8(0), args)), // TransactionArgs::Named
    u16(1),
    bytes(target),
    u16(2),
    bytes(entryPoint),
    u16(3),
    bytes(calltable(u8(0))), // Standard
  )
  return calltable(
    calltable(u8(0), keyBytes), // InitiatorAddr::PublicKey
    u64(timestamp),
    u64(ttl),
    text('casper-test'),
    calltable(u8(0), u64(2_500_000_000n), u8(1), u8(1)), // PaymentLimited
    fieldMap,
  )
}

function fileText(hash: Uint8Array, fields: Record<string, unknown>): string {
  return JSON.stringify({
    Version1: {
      hash: bytesToHex(hash),
      payload: {
        initiator_addr: { PublicKey: publicKey },
        timestamp: '2024-01-01T00:00:00.000Z',
        ttl: '30m',
        chain_name: 'casper-test',
        pricing_mode: {
          PaymentLimited: { payment_amount: 2_500_000_000, gas_price_tolerance: 1, standard_payment: true },
        },
        fields,
      },
      approvals: [],
    },
  })
}

const at = { network: testnet, now: Date.parse('2024-01-01T00:10:00.000Z') }

describe('Burn entry point (tag 12)', () => {
  const hash = blake2b(payloadBytes(amountArg, calltable(u8(0)), calltable(u8(12))), { dkLen: 32 })
  const file = parseCosignFile(
    fileText(hash, {
      args: { Named: amountJson },
      entry_point: 'Burn',
      scheduling: 'Standard',
      target: 'Native',
    }),
  )

  test('parses and its hash is the blake2b of the payload', () => {
    expect(file.kind === 'transaction' && file.payload.fields.entryPoint).toEqual({ TAG: 'Burn', data: [] })
    const verification = verifyFile(file, at)
    expect(verification.hash).toBe(bytesToHex(hash))
    expect(verification.problems).toEqual([])
  })

  test('is described as a native Burn with a warning', () => {
    const d = describeFile(file, at)
    expect(d.code).toEqual({ kind: 'native', entryPoint: 'Burn' })
    expect(d.runtime).toBeUndefined()
    expect(d.warnings).toContain(
      'Burn: the native mint destroys motes of the account for good (the amount arg).',
    )
  })

  test('a changed tag is a different hash', () => {
    const other = blake2b(payloadBytes(amountArg, calltable(u8(0)), calltable(u8(11))), { dkLen: 32 })
    const relabelled = parseCosignFile(
      fileText(other, {
        args: { Named: amountJson },
        entry_point: 'Burn',
        scheduling: 'Standard',
        target: 'Native',
      }),
    )
    expect(verifyFile(relabelled, at).problems.map((p) => p.code)).toContain('HashMismatch')
  })
})

describe('VmCasperV2 session', () => {
  const v2 = (transferred: bigint, withSeed: boolean) =>
    calltable(u8(1), u64(transferred), withSeed ? cat(u8(1), seed) : u8(0))
  const session = (runtime: Uint8Array) => calltable(u8(2), u8(0), runtime, bytes(wasm))
  const fields = (runtime: unknown) => ({
    args: { Named: [] },
    entry_point: 'Call',
    scheduling: 'Standard',
    target: { Session: { is_install_upgrade: false, module_bytes: bytesToHex(wasm), runtime } },
  })

  test.each([
    [0n, false],
    [5_000_000_000n, true],
  ])('transferred value %s, seed %s: parses, hashes, and is DO NOT SIGN', (transferred, withSeed) => {
    const hash = blake2b(payloadBytes(u32(0), session(v2(transferred, withSeed)), calltable(u8(0))), {
      dkLen: 32,
    })
    const runtime = {
      VmCasperV2: { transferred_value: Number(transferred), seed: withSeed ? Array.from(seed) : null },
    }
    const file = parseCosignFile(fileText(hash, fields(runtime)))
    expect(verifyFile(file, at).hash).toBe(bytesToHex(hash))
    expect(verifyFile(file, at).problems).toEqual([])
    const d = describeFile(file, at)
    expect(d.runtime).toEqual({
      name: 'VmCasperV2',
      transferredValue: transferred,
      seed: withSeed ? '07'.repeat(32) : undefined,
    })
    expect(d.doNotSign).toContain(
      `VmCasperV2: the session runs on Casper VM 2, which mainnet does not run (vm_casper_v2 = false), and may move up to ${transferred} motes from the account before it runs`,
    )
    const lines = descriptionLines(d, new Map())
    expect(lines[0]).toMatch(/^DO NOT SIGN: VmCasperV2: /)
    expect(lines).toContain(
      `Runtime: VmCasperV2, transferred value ${transferred} motes, seed ${withSeed ? '07'.repeat(32) : 'none'}`,
    )
  })

  test('the VmCasperV1 form of the same session hashes differently and is described as VmCasperV1', () => {
    const hash = blake2b(payloadBytes(u32(0), session(calltable(u8(0))), calltable(u8(0))), { dkLen: 32 })
    const file = parseCosignFile(fileText(hash, fields('VmCasperV1')))
    expect(verifyFile(file, at).hash).toBe(bytesToHex(hash))
    expect(verifyFile(file, at).problems).toEqual([])
    const d = describeFile(file, at)
    expect(d.runtime).toEqual({ name: 'VmCasperV1' })
    expect(d.doNotSign.filter((r) => r.startsWith('VmCasperV2'))).toEqual([])
  })

  test('a seed of other than 32 bytes is refused with the field named', () => {
    expect(() =>
      parseCosignFile(
        fileText(new Uint8Array(32), fields({ VmCasperV2: { transferred_value: 0, seed: [1, 2, 3] } })),
      ),
    ).toThrow(/seed/)
  })
})
