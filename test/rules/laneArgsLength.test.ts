// The args length lane selection reads, as casper-node 2.x measures it. A TransactionV1: the bytes of
// its payload's `args` field, 1 tag byte + RuntimeArgs (casper-types
// transaction_v1/transaction_args.rs `serialized_length`; node meta_transaction_v1.rs
// `from_transaction_v1` passes `fields.get(ARGS_MAP_KEY).len()` to `calculate_transaction_lane`).
// A deploy: payment args + session args (casper-types transaction/deploy.rs
// `calculate_lane_id_for_deploy`). Lanes are tried by gas limit (transaction_v1_config.rs
// `get_wasm_lane_id_by_payment_limited`): mainnet 2.2.0 lane 5 takes 512 bytes of args, lane 4
// 1024, lane 3 2048.
import { describe, expect, test } from 'vitest'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import { buildSessionTransaction } from '../../src/deploy/buildSessionTransaction.js'
import { namedArgJson } from '../../src/deploy/clValueJson.js'
import { acceptanceRuleTable, laneOf } from '../../src/rules/acceptanceRules.js'
import { decodeSubmission } from '../../src/rules/decodeSubmission.js'
import { configureAccountWasm } from '../../src/wasm/modules/configureAccountWasm.js'

const account = `01${'a1'.repeat(32)}`
const payment = 2_500_000_000n

/** A `List<U8>` of `n` bytes, length-prefixed as its CLValue bytes. */
function listOf(n: number): Uint8Array {
  const bytes = new Uint8Array(4 + n)
  new DataView(bytes.buffer).setUint32(0, n, true)
  return bytes.fill(7, 4)
}

/**
 * A TransactionV1 whose `args` field is `fieldLength` bytes: tag 1 + RuntimeArgs (count 4, name
 * "a" 4 + 1, value 4 + (4 + n), CLType List(U8) 2) = 20 + n.
 */
function transactionWithArgsField(fieldLength: number) {
  const n = fieldLength - 20
  const transaction = buildSessionTransaction({
    account,
    chainName: 'casper',
    wasm: configureAccountWasm,
    args: [{ name: 'a', type: 'List<U8>', bytes: listOf(n) }],
    payment,
    timestamp: Date.parse('2026-01-01T00:00:00Z'),
  })
  return decodeSubmission({ transaction })
}

/**
 * A deploy whose payment + session args are `total` bytes: payment `{ amount: U512 2.5e9 }` is
 * count 4 + name 4 + 6 + value 4 + 5 + CLType 1 = 24; session `{ a: List<U8> of n }` is 19 + n.
 */
function deployWithArgs(total: number) {
  const n = total - 24 - 19
  const deploy = buildModuleBytesDeploy({
    account,
    chainName: 'casper',
    wasm: configureAccountWasm,
    args: [namedArgJson('a', 'List<U8>', listOf(n))],
    payment,
    timestamp: Date.parse('2026-01-01T00:00:00Z'),
  })
  return decodeSubmission({ deploy })
}

describe('TransactionV1: the args field, 1 tag byte + RuntimeArgs', () => {
  test.each([
    [500, 5],
    [510, 5],
    [512, 5],
    [513, 4],
    [1024, 4],
    [1025, 3],
    [2048, 3],
  ])('%i bytes of args field at 2.5 CSPR: lane %i', (length, lane) => {
    const submission = transactionWithArgsField(length)
    expect(submission.sessionArgsLength).toBe(length)
    expect(laneOf(submission, casperMainnet)?.id).toBe(lane)
    expect(
      acceptanceRuleTable.NoLaneMatch.check(submission, {
        limits: casperMainnet,
        now: 0,
        timestampLeewayMs: 0,
      }),
    ).toEqual([])
  })

  test('2049 bytes fit no lane: NoLaneMatch', () => {
    const submission = transactionWithArgsField(2049)
    expect(laneOf(submission, casperMainnet)).toBeUndefined()
    expect(
      acceptanceRuleTable.NoLaneMatch.check(submission, {
        limits: casperMainnet,
        now: 0,
        timestampLeewayMs: 0,
      }),
    ).toMatchObject([{ code: 'NoLaneMatch', details: { argsLength: 2049 } }])
  })
})

describe('deploy: payment args + session args', () => {
  test.each([
    [512, 5],
    [513, 4],
    [1024, 4],
    [1025, 3],
  ])('%i bytes of payment + session args at 2.5 CSPR: lane %i', (total, lane) => {
    const submission = deployWithArgs(total)
    expect(submission.paymentArgsLength).toBe(24)
    expect(submission.paymentArgsLength + submission.sessionArgsLength).toBe(total)
    expect(laneOf(submission, casperMainnet)?.id).toBe(lane)
  })
})
