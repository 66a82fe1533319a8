// Casper 2.0 TransactionV1 builders: the published session vector reproduced, and the bundled Wasm.
import { secp256k1 } from '@noble/curves/secp256k1'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import type { CosignTransaction } from '../../src/cosign/CosignFile.js'
import { transactionHash } from '../../src/cosign/hashes.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { buildConfigureTransaction } from '../../src/deploy/buildConfigureDeploy.js'
import {
  type BuildSessionTransactionParameters,
  buildSessionTransaction,
} from '../../src/deploy/buildSessionTransaction.js'
import { buildTwoPartyTransaction } from '../../src/deploy/buildTwoPartyDeploy.js'
import { type KnownArgType, knownArgType, parsedValue } from '../../src/deploy/clValueJson.js'
import type { NamedArgJson } from '../../src/deploy/DeployJson.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { sdk } from '../../src/deploy/sdk.js'
import { parseDuration } from '../../src/encoding/duration.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { vector } from '../vectors.js'

const expected = vector('SYNTHETIC_transaction_v1_session_2approvals.json')
const payload = expected.Version1.payload
const owner = payload.initiator_addr.PublicKey as string
const partner = `02${'03'.repeat(33)}`

describe('buildSessionTransaction', () => {
  test('reproduces the published TransactionV1 session vector, hash and JSON field order', () => {
    const transaction = buildSessionTransaction({
      account: owner,
      chainName: payload.chain_name,
      timestamp: new Date(payload.timestamp),
      ttl: payload.ttl,
      wasm: hexToBytes(payload.fields.target.Session.module_bytes),
      args: [
        {
          name: 'deployment-account',
          type: 'ByteArray(32)',
          bytes: hexToBytes(payload.fields.args.Named[0][1].bytes),
        },
      ],
      payment: 2_500_000_000n,
    })
    expect(transaction.Version1.hash).toBe(expected.Version1.hash)
    expect(JSON.stringify(transaction, null, 2)).toBe(
      JSON.stringify({ Version1: { ...expected.Version1, approvals: [] } }, null, 2),
    )
  })
})

describe('2.0 builders for the bundled sessions', () => {
  test('buildTwoPartyTransaction emulates under 2.0 rules and hashes as casper-js-sdk does', async () => {
    const { transaction, emulation, payment } = await buildTwoPartyTransaction({
      account: owner,
      chainName: 'casper',
      deploymentAccount: partner,
      timestamp: 0,
    })
    expect(emulation.ok).toBe(true)
    const parsed = sdk.TransactionV1.fromJSON(transaction.Version1)
    expect(parsed.hash.toHex()).toBe(transaction.Version1.hash)
    expect(transaction.Version1.payload.pricing_mode).toEqual({
      PaymentLimited: { payment_amount: Number(payment), gas_price_tolerance: 1, standard_payment: true },
    })
  })

  test('buildConfigureTransaction carries the plan args', async () => {
    const plan = await planReconfiguration(
      createAccount(accountHashFromPublicKey(owner)),
      {
        associatedKeys: [
          { key: owner, weight: 1 },
          { key: partner, weight: 1 },
        ],
        thresholds: { deployment: 1, keyManagement: 2 },
      },
      { protocol: '2.0' },
    )
    const transaction = buildConfigureTransaction(plan.deploys[0]!, {
      account: owner,
      chainName: 'casper',
      timestamp: 0,
    })
    const fields = transaction.Version1.payload.fields as {
      args: { Named: [string, { cl_type: unknown }][] }
    }
    expect(fields.args.Named.map(([name, value]) => [name, value.cl_type])).toEqual([
      ['add', { List: { ByteArray: 32 } }],
      ['add_w', { List: 'U8' }],
      ['km', 'U8'],
    ])
  })
})

/**
 * The TransactionV1 casper-js-sdk 5.0.12's SessionBuilder builds for the same parameters, as
 * buildSessionTransaction wrote it when it was built on the sdk: the sdk's JSON, with `parsed`
 * added and the fields in the node's order. A test oracle only.
 */
function sdkBuilt(parameters: BuildSessionTransactionParameters): string {
  const clValue = (type: KnownArgType, bytes: Uint8Array) => {
    if (type === 'U8') return sdk.CLValue.newCLUint8(bytes[0]!)
    if (type === 'ByteArray(32)') return sdk.CLValue.newCLByteArray(bytes)
    if (type === 'List<U8>')
      return sdk.CLValue.newCLList(
        sdk.CLTypeUInt8,
        Array.from(bytes.subarray(4), (b) => sdk.CLValue.newCLUint8(b)),
      )
    const items = []
    for (let i = 4; i + 32 <= bytes.length; i += 32)
      items.push(sdk.CLValue.newCLByteArray(bytes.slice(i, i + 32)))
    return sdk.CLValue.newCLList(new sdk.CLTypeByteArray(32), items)
  }
  const args = new sdk.Args(new Map())
  for (const arg of parameters.args) args.insert(arg.name, clValue(arg.type, arg.bytes))
  const v1 = new sdk.SessionBuilder()
    .from(sdk.PublicKey.fromHex(parameters.account))
    .chainName(parameters.chainName)
    .timestamp(new sdk.Timestamp(new Date(parameters.timestamp ?? Date.now())))
    .ttl(typeof parameters.ttl === 'string' ? parseDuration(parameters.ttl) : parameters.ttl!)
    .payment(Number(parameters.payment), parameters.gasPriceTolerance ?? 1)
    .wasm(parameters.wasm)
    .runtimeArgs(args)
    .build()
    .getTransactionV1()!
  const json = sdk.TransactionV1.toJSON(v1) as { payload: { fields: { args: { Named: NamedArgJson[] } } } }
  for (const arg of json.payload.fields.args.Named) {
    const type = knownArgType(arg[1].cl_type)
    if (type) arg[1].parsed = parsedValue(type, hexToBytes(arg[1].bytes))
  }
  return JSON.stringify({ Version1: inNodeOrder(json) })
}

/** casper-types `TransactionV1` serde order, as the builder wrote it. */
const nodeOrder = [
  'hash',
  'payload',
  'approvals',
  'initiator_addr',
  'timestamp',
  'ttl',
  'chain_name',
  'pricing_mode',
  'fields',
  'payment_amount',
  'gas_price_tolerance',
  'standard_payment',
  'args',
  'entry_point',
  'scheduling',
  'target',
  'is_install_upgrade',
  'module_bytes',
  'runtime',
  'cl_type',
  'bytes',
  'parsed',
]

function inNodeOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inNodeOrder)
  if (typeof value !== 'object' || value === null) return value
  const rank = (key: string) => (nodeOrder.includes(key) ? nodeOrder.indexOf(key) : nodeOrder.length)
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([k, v]) => [k, inNodeOrder(v)]),
  )
}

const secp256k1Key = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .filter((secret) => secp256k1.utils.isValidPrivateKey(secret))
  .map((secret) => `02${bytesToHex(secp256k1.getPublicKey(secret, true))}`)
const ed25519Key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((key) => `01${bytesToHex(key)}`)
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]
/** A session arg of each type the builders write, with valid bytes. */
const sessionArg = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 1 }).map((bytes) => ({ type: 'U8' as const, bytes })),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => ({ type: 'ByteArray(32)' as const, bytes })),
  fc.uint8Array({ maxLength: 12 }).map((items) => ({
    type: 'List<U8>' as const,
    bytes: Uint8Array.from([...u32(items.length), ...items]),
  })),
  fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 4 }).map((items) => ({
    type: 'List<ByteArray(32)>' as const,
    bytes: Uint8Array.from([...u32(items.length), ...items.flatMap((item) => [...item])]),
  })),
)
const parameters: fc.Arbitrary<BuildSessionTransactionParameters> = fc.record({
  account: fc.oneof(ed25519Key, secp256k1Key),
  chainName: fc.oneof(fc.constantFrom('casper', 'casper-test', 'casper-net-1'), fc.string({ maxLength: 12 })),
  timestamp: fc.integer({ min: 0, max: 253_402_300_799_999 }),
  // Whole seconds: the sdk wrote a sub-second TTL as a decimal (below).
  ttl: fc.oneof(
    fc.integer({ min: 1, max: 7_200 }).map((s) => s * 1000),
    fc.constantFrom('30m', '2h', '1h 30m', '90s', '1h30m'),
  ),
  wasm: fc.uint8Array({ maxLength: 64 }),
  args: fc
    .uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), sessionArg), {
      maxLength: 5,
      selector: ([name]) => name,
    })
    .map((args) => args.map(([name, arg]) => ({ name, ...arg }))),
  // The sdk's u64 (ethers BigNumber.from) throws from 2^53 - 1 on.
  payment: fc.bigInt({ min: 2_500_000_000n, max: BigInt(Number.MAX_SAFE_INTEGER) - 1n }),
  gasPriceTolerance: fc.integer({ min: 0, max: 255 }),
})

describe('buildSessionTransaction writes what casper-js-sdk SessionBuilder wrote', () => {
  test('the same JSON text, hash included, for the bundled sessions and random parameters', () => {
    const fixed: BuildSessionTransactionParameters[] = [
      {
        account: owner,
        chainName: 'casper',
        timestamp: 0,
        ttl: '30m',
        wasm: hexToBytes(payload.fields.target.Session.module_bytes),
        args: [],
        payment: 2_500_000_000n,
      },
      {
        account: partner,
        chainName: 'casper-test',
        timestamp: Date.parse('2026-06-01T12:00:00.000Z'),
        ttl: 7_200_000,
        wasm: Uint8Array.of(0, 0x61, 0x73, 0x6d),
        args: [
          {
            name: 'add',
            type: 'List<ByteArray(32)>',
            bytes: Uint8Array.from([1, 0, 0, 0, ...new Uint8Array(32).fill(7)]),
          },
          { name: 'add_w', type: 'List<U8>', bytes: Uint8Array.of(1, 0, 0, 0, 3) },
          { name: 'km', type: 'U8', bytes: Uint8Array.of(2) },
          { name: 'rm', type: 'List<ByteArray(32)>', bytes: Uint8Array.of(0, 0, 0, 0) },
        ],
        payment: 1_000_000_000_000n,
        gasPriceTolerance: 3,
      },
    ]
    for (const p of fixed) expect(JSON.stringify(buildSessionTransaction(p))).toBe(sdkBuilt(p))
    fc.assert(
      fc.property(parameters, (p) => {
        expect(JSON.stringify(buildSessionTransaction(p))).toBe(sdkBuilt(p))
      }),
      { numRuns: 300 },
    )
  })
})

describe('buildSessionTransaction where casper-js-sdk was wrong', () => {
  const base: BuildSessionTransactionParameters = {
    account: owner,
    chainName: 'casper',
    timestamp: 0,
    wasm: Uint8Array.of(0),
    args: [],
    payment: 2_500_000_000n,
  }
  const code = (p: BuildSessionTransactionParameters) => {
    try {
      buildSessionTransaction(p)
    } catch (error) {
      return (error as { code?: string }).code
    }
    return 'built'
  }

  test('a TTL with milliseconds is written as casper-node reads it, and hashed with that TTL', () => {
    const transaction = buildSessionTransaction({ ...base, ttl: 1_500 })
    expect(transaction.Version1.payload.ttl).toBe('1s 500ms')
    const file = parseCosignFile(JSON.stringify(transaction)) as CosignTransaction
    expect(file.payload.ttl).toBe(1_500n)
    expect(transactionHash(file)).toBe(transaction.Version1.hash)
  })

  test('what it changed silently or failed on is refused with a DeployError', () => {
    expect(code({ ...base, payment: BigInt(Number.MAX_SAFE_INTEGER) })).toBe('built')
    expect(code({ ...base, payment: BigInt(Number.MAX_SAFE_INTEGER) + 1n })).toBe('InvalidTransaction')
    expect(code({ ...base, gasPriceTolerance: 256 })).toBe('InvalidTransaction')
    expect(code({ ...base, gasPriceTolerance: 1.5 })).toBe('InvalidTransaction')
    const km = { name: 'km', type: 'U8' as const, bytes: Uint8Array.of(1) }
    expect(code({ ...base, args: [km, km] })).toBe('InvalidTransaction')
    // A List<U8> whose count says 3 items where 2 follow: the sdk wrote a count of 2.
    expect(
      code({ ...base, args: [{ name: 'add_w', type: 'List<U8>', bytes: Uint8Array.of(3, 0, 0, 0, 1, 1) }] }),
    ).toBe('InvalidTransaction')
    expect(code({ ...base, args: [{ name: 'a', type: 'U512', bytes: Uint8Array.of(0) }] })).toBe(
      'InvalidTransaction',
    )
    expect(code({ ...base, account: `03${'11'.repeat(32)}` })).toBe('InvalidHeader')
    expect(code({ ...base, timestamp: Number.NaN })).toBe('InvalidHeader')
  })
})
