// renewFile on published vectors: the same content with a new timestamp and TTL, hashes recomputed
// (and matched by casper-js-sdk rebuilding the renewed JSON, as a test oracle), approvals dropped
// and their signers listed, the TTL bounded by the network's max_ttl.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  type CosignFile,
  mainnet,
  parseCosignFile,
  renewFile,
  stringifyCosignFile,
  testnet,
  verifyFile,
  withApprovals,
} from '../../src/cosign/index.js'
import { sdk } from '../../src/deploy/sdk.js'
import { parseTimestamp } from '../../src/encoding/duration.js'

const vectors = new URL('../vectors/', import.meta.url)
const vectorText = (name: string) => {
  const json = JSON.parse(readFileSync(new URL(name, vectors), 'utf8'))
  return JSON.stringify(json.expected_deploy_bytes_hex ? json.deploy : json)
}
const names = [
  'deploy_2approvals_casper-client-rs.json',
  'deploy_add-bid_mainnet-2022_casper-sidecar.json',
  'deploy_transfer_rpc-schema-example_casper-node-v1.5.8.json',
  'deploy_transfer_with-expected-bytes_casper-js-sdk-2.15.4.json',
  'transaction_v1_native-transfer_rpc-schema-example_casper-sidecar.json',
  'SYNTHETIC_deploy_multisig_modulebytes_2approvals.json',
  'SYNTHETIC_transaction_v1_session_2approvals.json',
]
const now = Date.parse('2025-03-04T05:06:07.089Z')
const chainOf = (file: CosignFile) =>
  file.kind === 'deploy' ? file.header.chain_name : file.payload.chainName
const timing = (file: CosignFile) => (file.kind === 'deploy' ? file.header : file.payload)

/** The hash casper-js-sdk computes when it rebuilds the file from its JSON text (its own hasher). */
function sdkHash(text: string): { hash: string; bodyHash?: string } {
  const json = JSON.parse(text)
  if ('header' in (json.deploy ?? json)) {
    const read = sdk.Deploy.fromJSON(json.deploy ?? json)
    const rebuilt = sdk.Deploy.makeDeploy(read.header, read.payment, read.session)
    return { hash: rebuilt.hash.toHex(), bodyHash: rebuilt.header.bodyHash!.toHex() }
  }
  const read = sdk.TransactionV1.fromJSON(json.Version1 ?? json)
  return { hash: sdk.TransactionV1.makeTransactionV1(read.payload).hash.toHex() }
}

/** The file's JSON with what renewal changes set to fixed values: equal for the old and the renewed file. */
function withoutRenewedFields(text: string): unknown {
  const json = JSON.parse(text)
  const inner = json.deploy ?? json.Version1 ?? json
  const part = inner.header ?? inner.payload
  for (const key of ['timestamp', 'ttl', 'body_hash']) if (key in part) part[key] = key
  inner.hash = 'hash'
  inner.approvals = 'approvals'
  return json
}

describe('renewFile on published vectors', () => {
  test.each(names)('%s: same content, new timestamp and TTL, hashes that verify', (name) => {
    const old = parseCosignFile(vectorText(name))
    const { file, previousHash, text } = renewFile(old, { now })
    expect(previousHash).toBe(old.hash)
    expect(file.hash).not.toBe(old.hash)
    expect(file.approvals).toEqual([])
    // The text round-trips through the one reader and writer.
    expect(text).toBe(stringifyCosignFile(file))
    expect(parseCosignFile(text)).toEqual(file)
    // Only timestamp, TTL, body_hash, hash and approvals differ in the JSON; wrapper and order are kept.
    expect(withoutRenewedFields(text)).toEqual(withoutRenewedFields(vectorText(name)))
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(JSON.parse(vectorText(name))))
    // The decoded models: the same content but for the timestamp and TTL.
    expect(timing(file).timestamp).toBe(BigInt(now))
    expect(timing(file).ttl).toBe(timing(old).ttl)
    if (file.kind === 'deploy' && old.kind === 'deploy') {
      expect(file.headerText.timestamp).toBe('2025-03-04T05:06:07.089Z')
      expect({ ...file.header, timestamp: 0n }).toEqual({ ...old.header, timestamp: 0n })
      expect(file.payment).toEqual(old.payment)
      expect(file.session).toEqual(old.session)
    } else if (file.kind === 'transaction' && old.kind === 'transaction') {
      expect(file.payloadText.timestamp).toBe('2025-03-04T05:06:07.089Z')
      expect({ ...file.payload, timestamp: 0n }).toEqual({ ...old.payload, timestamp: 0n })
    } else throw new Error('renewal changed the kind of file')
    // The hashes verify, and casper-js-sdk rebuilding the renewed JSON finds the same ones.
    const report = verifyFile(file, { network: { ...mainnet, chainName: chainOf(file) }, now })
    expect(report.hash).toBe(file.hash)
    expect(report.problems).toEqual([])
    const reference = sdkHash(text)
    expect(reference.hash).toBe(file.hash)
    if (file.kind === 'deploy') expect(reference.bodyHash).toBe(report.bodyHash)
  })

  test('the signers of the old valid approvals must sign again, each once, invalid ones left out', () => {
    const old = parseCosignFile(vectorText('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json'))
    const [ed25519, secp256k1] = old.approvals as [CosignFile['approvals'][0], CosignFile['approvals'][0]]
    expect(renewFile(old, { now }).mustSign).toEqual([ed25519.signer, secp256k1.signer])
    const forged = { signer: `01${'ab'.repeat(32)}`, signature: ed25519.signature }
    const messy = withApprovals(old, [secp256k1, forged, ed25519, secp256k1])
    expect(renewFile(messy, { now }).mustSign).toEqual([secp256k1.signer, ed25519.signer])
    expect(renewFile(withApprovals(old, []), { now }).mustSign).toEqual([])
    const transaction = parseCosignFile(vectorText('SYNTHETIC_transaction_v1_session_2approvals.json'))
    expect(renewFile(transaction, { now }).mustSign).toEqual(transaction.approvals.map((a) => a.signer))
  })

  test('the renewed file can be renewed again, with the same result for the same time', () => {
    const old = parseCosignFile(
      vectorText('transaction_v1_native-transfer_rpc-schema-example_casper-sidecar.json'),
    )
    const once = renewFile(old, { now })
    expect(renewFile(once.file, { now })).toEqual({ ...once, previousHash: once.file.hash, mustSign: [] })
    expect(renewFile(old, { now: new Date(now) }).text).toBe(once.text)
  })

  test('a file changed after hashing is refused: no one approved that content', () => {
    const text = vectorText('deploy_2approvals_casper-client-rs.json').replace(
      '"gas_price":1',
      '"gas_price":2',
    )
    expect(() => renewFile(parseCosignFile(text), { now })).toThrow(
      expect.objectContaining({ code: 'HashMismatch' }),
    )
  })
})

describe('renewFile TTL', () => {
  const old = parseCosignFile(vectorText('SYNTHETIC_transaction_v1_session_2approvals.json'))

  test('a TTL given is written as casper-node writes it', () => {
    const { file } = renewFile(old, { now, ttl: '1h 30m', network: testnet })
    expect(file.kind === 'transaction' && file.payloadText.ttl).toBe('1h 30m')
    expect(timing(file).ttl).toBe(5_400_000n)
    expect(timing(renewFile(old, { now, ttl: '2 hours' }).file).ttl).toBe(7_200_000n)
    const odd = renewFile(old, { now, ttl: '90min 1500ms' }).file
    expect(odd.kind === 'transaction' && odd.payloadText.ttl).toBe('1h 30m 1s 500ms')
  })

  test("an old TTL above the network's max_ttl is capped to it", () => {
    const lenient = { ...mainnet, maxTtlMs: 86_400_000 }
    const long = renewFile(old, { now, ttl: '1day', network: lenient }).file
    expect(timing(long).ttl).toBe(86_400_000n)
    const capped = renewFile(long, { now }).file
    expect(timing(capped).ttl).toBe(7_200_000n)
    expect(capped.kind === 'transaction' && capped.payloadText.ttl).toBe('2h')
    expect(timing(renewFile(long, { now, network: lenient }).file).ttl).toBe(86_400_000n)
  })

  test("a TTL above the network's max_ttl is refused with the limit and a remedy", () => {
    let error: unknown
    try {
      renewFile(old, { now, ttl: '2h 1ms' })
    } catch (caught) {
      error = caught
    }
    expect(error).toMatchObject({
      name: 'CosignError',
      code: 'TtlTooLong',
      details: { field: 'ttl', got: '"2h 1ms"' },
    })
    expect((error as Error).message).toMatch(/at most 2h \(chainspec max_ttl\)/)
    expect((error as { remedy: string }).remedy).toMatch(/"2h"/)
  })

  test.each(['soon', '', '1.5h', '-1h', '0s', '0ms'])('the TTL %j is refused as InvalidTtl', (ttl) => {
    expect(() => renewFile(old, { now, ttl })).toThrow(
      expect.objectContaining({ code: 'InvalidTtl', details: expect.objectContaining({ field: 'ttl' }) }),
    )
  })

  test('a time outside 1970 to 9999 is refused', () => {
    for (const when of [-1, Number.NaN, Date.UTC(10_000, 0, 1)]) {
      expect(() => renewFile(old, { now: when })).toThrow(
        expect.objectContaining({ code: 'InvalidShape', details: expect.objectContaining({ field: 'now' }) }),
      )
    }
  })
})

describe('renewFile property', () => {
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31)
  const files = names.map((name) => parseCosignFile(vectorText(name)))
  test(`any time and TTL: the renewed file reads back, verifies and matches casper-js-sdk (seed ${seed}; FC_SEED=${seed} replays)`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.integer({ min: 0, max: 253_402_300_799_999 }),
        fc.integer({ min: 1, max: mainnet.maxTtlMs }),
        (old, when, ttlMs) => {
          const ttl = `${ttlMs}ms`
          const { file, text, previousHash } = renewFile(old, { now: when, ttl })
          expect(previousHash).toBe(old.hash)
          expect(parseCosignFile(text)).toEqual(file)
          expect(timing(file).timestamp).toBe(BigInt(when))
          expect(timing(file).ttl).toBe(BigInt(ttlMs))
          const written = file.kind === 'deploy' ? file.headerText : file.payloadText
          expect(written.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
          expect(parseTimestamp(written.timestamp)).toBe(when)
          const report = verifyFile(file, { network: { ...mainnet, chainName: chainOf(file) }, now: when })
          expect(report.hash).toBe(file.hash)
          expect(report.expiresAt).toBe(when + ttlMs)
          expect(report.problems.map((p) => p.code)).toEqual([])
          expect(sdkHash(text).hash).toBe(file.hash)
        },
      ),
      { seed, numRuns: 200 },
    )
  }, 60_000)
})
