// Conformance: casper-types `types/src/transaction/deploy.rs`, `Deploy::is_config_compliant` and
// `Deploy::is_valid`, transcribed from the file's own test module.
//
// Version read: casper-node 2.0.0 release code, commit 1c3b8ad90bf0d83e73c73a6e6ddfc09f148b88b1
// (2025-05-16, `fetch` of EdHastingsCasperAssociation/casper-node, node crate 2.0.0). The search
// index's copies of this file (commits 028a10c3, ab9bae71) predate the release: they still have
// `max_dependencies` and no `baseline_motes_amount` floor, so they were not used.
//
// Each node test builds its deploy with `create_deploy` (a native transfer of
// DEFAULT_MIN_TRANSFER_MOTES, empty ModuleBytes payment, gas price tolerance u8::MAX) against
// `Chainspec::default()` renamed `net-1`, here `net1()` (mainnet 2.2.0 limits). Where a node test
// edits a field without rehashing (is_config_compliant does not look at hashes), the deploy is
// rehashed and signed again so that only the rule under test speaks.
//
// Not covered: `should_use_cost_table_for_fixed_payment` (fixed pricing is not what the 2.x
// networks run; `estimateCost` covers the payment-limited twin in payment.test.ts), and
// `is_valid`'s OnceCell caching (`deploy.is_valid.get()`) has no counterpart.
import { describe, expect, test } from 'vitest'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { namedArgJson } from '../../src/deploy/clValueJson.js'
import {
  acceptance,
  accountHashArg,
  bob,
  byteList,
  defaultMinTransferMotes,
  expectAccepted,
  expectRefusal,
  mallory,
  net1,
  resign,
  stringArg,
  transferDeploy,
  u512Arg,
  wasmDeploy,
  withItems,
} from './conformanceKit.js'

const maxTtl = casperMainnet.maxTtlMs
const gasPriceTolerance = 255
/** The node tests' session that is not a transfer, so that the payment amount is checked. */
const emptyStoredSession = { StoredContractByName: { name: '', entry_point: '', args: [] } }
const standardPayment = (args: ReturnType<typeof u512Arg>[]) => ({ ModuleBytes: { module_bytes: '', args } })

describe('types/src/transaction/deploy.rs', () => {
  test('is_valid / is_acceptable: a native transfer with max TTL and gas price tolerance 255 is accepted', async () => {
    const deploy = await transferDeploy({ ttlMs: maxTtl, gasPrice: gasPriceTolerance })
    const now = Date.parse(deploy.header.timestamp)
    expectAccepted(await acceptance(deploy, { now, timestampLeewayMs: 0 }))
  })

  test('not_valid_due_to_invalid_body_hash: session replaced after hashing', async () => {
    const deploy = await transferDeploy({ gasPrice: gasPriceTolerance })
    deploy.session = { Transfer: { args: [u512Arg('amount', 1n)] } }
    const { refusals } = await acceptance(deploy)
    expect(refusals.map((r) => r.code)).toContain('BodyHashMismatch')
  })

  test('not_valid_due_to_invalid_deploy_hash: header changed after hashing (invalidate clears the chain name)', async () => {
    const deploy = await transferDeploy({ gasPrice: gasPriceTolerance })
    deploy.header.chain_name = ''
    const { refusals } = await acceptance(deploy)
    expect(refusals.map((r) => r.code)).toContain('HashMismatch')
    expect(refusals.map((r) => r.code)).not.toContain('BodyHashMismatch')
  })

  test('not_valid_due_to_empty_approvals', async () => {
    // `is_valid` alone; the acceptor checks the (empty) signer set against the account before it.
    const deploy = await transferDeploy({ gasPrice: gasPriceTolerance })
    const { refusals } = await acceptance({ ...deploy, approvals: [] })
    expect(refusals.map((r) => r.code)).toContain('NoApprovals')
  })

  test("not_valid_due_to_invalid_approval: another deploy's approval added", async () => {
    const deploy = await transferDeploy({ gasPrice: gasPriceTolerance })
    const other = await transferDeploy({
      gasPrice: gasPriceTolerance,
      timestamp: Date.now() - 1000,
      signers: [mallory],
    })
    const tampered = { ...deploy, approvals: [...deploy.approvals, ...other.approvals] }
    const result = await acceptance(tampered)
    expectRefusal(result, 'InvalidApproval')
    expect(result.refusals).toHaveLength(1)
  })

  test('not_acceptable_due_to_invalid_chain_name: net-2 deploy on net-1', async () => {
    const deploy = await transferDeploy({
      chainspec: net1({ chainName: 'net-2' }),
      gasPrice: gasPriceTolerance,
    })
    const result = await acceptance(deploy, { chainspec: net1() })
    expectRefusal(result, 'InvalidChainName')
    expect(result.refusals[0]?.message).toContain('net-1')
    expect(result.refusals[0]?.message).toContain('net-2')
  })

  test('not_acceptable_due_to_excessive_dependencies: any dependency is DependenciesNoLongerSupported', async () => {
    const deploy = await transferDeploy({ gasPrice: gasPriceTolerance })
    deploy.header.dependencies = ['11'.repeat(32)]
    expectRefusal(await acceptance(await resign(deploy)), 'DependenciesNoLongerSupported')
  })

  test('not_acceptable_due_to_excessive_ttl: max_ttl + 1 s', async () => {
    const deploy = await transferDeploy({ gasPrice: gasPriceTolerance })
    deploy.header.ttl = `${maxTtl / 1000 + 1}s`
    expectRefusal(await acceptance(await resign(deploy)), 'ExcessiveTimeToLive')
  })

  test('not_acceptable_due_to_timestamp_in_future: node time = timestamp - leeway - 1 s', async () => {
    const deploy = await transferDeploy({ gasPrice: gasPriceTolerance })
    const timestamp = Date.parse(deploy.header.timestamp)
    const result = await acceptance(deploy, { now: timestamp - 2000 - 1000, timestampLeewayMs: 2000 })
    expectRefusal(result, 'TimestampInFuture')
  })

  test('acceptable_if_timestamp_slightly_in_future: node time = timestamp - leeway / 2', async () => {
    const deploy = await transferDeploy({ gasPrice: gasPriceTolerance })
    const timestamp = Date.parse(deploy.header.timestamp)
    expectAccepted(await acceptance(deploy, { now: timestamp - 1000, timestampLeewayMs: 2000 }))
  })

  test('not_acceptable_due_to_missing_payment_amount: standard payment without amount, non-transfer session', async () => {
    const deploy = await withItems(await transferDeploy({ gasPrice: gasPriceTolerance }), {
      payment: standardPayment([]),
      session: emptyStoredSession,
    })
    expectRefusal(await acceptance(deploy), 'MissingPaymentAmount')
  })

  test('not_acceptable_due_to_mangled_payment_amount: amount "mangled-amount"', async () => {
    const deploy = await withItems(await transferDeploy({ gasPrice: gasPriceTolerance }), {
      payment: { ModuleBytes: { module_bytes: '', args: [stringArg('amount', 'mangled-amount')] } },
      session: emptyStoredSession,
    })
    expectRefusal(await acceptance(deploy), 'FailedToParsePaymentAmount')
  })

  test('not_acceptable_if_doesnt_fit_in_any_lane: payment = largest Wasm lane gas limit + 1', async () => {
    const largest = casperMainnet.lanes
      .filter((lane) => lane.kind === 'wasm')
      .reduce((a, b) => (a.maxGasLimit >= b.maxGasLimit ? a : b))
    const deploy = await withItems(await transferDeploy({ gasPrice: gasPriceTolerance }), {
      payment: standardPayment([u512Arg('amount', largest.maxGasLimit + 1n)]),
      session: emptyStoredSession,
    })
    expectRefusal(await acceptance(deploy), 'NoLaneMatch')
  })

  test('not_acceptable_due_to_transaction_bigger_than_block_limit: block gas limit 100, payment = largest lane limit', async () => {
    const chainspec = net1({ blockGasLimit: 100n })
    const largest = casperMainnet.lanes
      .filter((lane) => lane.kind === 'wasm')
      .reduce((a, b) => (a.maxGasLimit >= b.maxGasLimit ? a : b))
    const deploy = await withItems(await transferDeploy({ gasPrice: gasPriceTolerance, chainspec }), {
      payment: standardPayment([u512Arg('amount', largest.maxGasLimit)]),
      session: emptyStoredSession,
    })
    expectRefusal(await acceptance(deploy, { chainspec }), 'ExceededBlockGasLimit')
  })

  test('transfer_acceptable_regardless_of_excessive_payment_amount: payment = block gas limit + 1 on a transfer', async () => {
    const deploy = await transferDeploy({
      gasPrice: gasPriceTolerance,
      paymentArgs: [u512Arg('amount', casperMainnet.blockGasLimit + 1n)],
    })
    expectAccepted(await acceptance(deploy))
  })

  test('not_acceptable_due_to_excessive_approvals: max_associated_keys = approvals - 1', async () => {
    const deploy = await transferDeploy({ gasPrice: gasPriceTolerance })
    const chainspec = net1({ maxAssociatedKeys: deploy.approvals.length - 1 })
    expectRefusal(await acceptance(deploy, { chainspec }), 'ExcessiveApprovals')
  })

  test('not_acceptable_due_to_missing_transfer_amount: Transfer with no args', async () => {
    const deploy = await transferDeploy({ gasPrice: gasPriceTolerance, sessionArgs: [] })
    expectRefusal(await acceptance(deploy), 'MissingTransferAmount')
  })

  test('not_acceptable_due_to_mangled_transfer_amount: amount "mangled-amount"', async () => {
    const deploy = await transferDeploy({
      gasPrice: gasPriceTolerance,
      sessionArgs: [
        stringArg('amount', 'mangled-amount'),
        accountHashArg('source', mallory.accountHash),
        accountHashArg('target', bob.accountHash),
      ],
    })
    expectRefusal(await acceptance(deploy), 'FailedToParseTransferAmount')
  })

  test('not_acceptable_due_to_too_low_gas_price_tolerance: gas price 0', async () => {
    const deploy = await transferDeploy()
    deploy.header.gas_price = 0
    expectRefusal(await acceptance(await resign(deploy)), 'GasPriceToleranceTooLow')
  })

  test('not_acceptable_due_to_insufficient_transfer_amount: native_transfer_minimum_motes - 1', async () => {
    const deploy = await transferDeploy({
      gasPrice: gasPriceTolerance,
      sessionArgs: [
        u512Arg('amount', defaultMinTransferMotes - 1n),
        accountHashArg('source', mallory.accountHash),
        accountHashArg('target', bob.accountHash),
      ],
    })
    expectRefusal(await acceptance(deploy), 'InsufficientTransferAmount')
  })
})

describe('types/src/transaction/deploy.rs calculate_lane_id_for_deploy (2.0.0 body)', () => {
  // A deploy's lane is chosen with payment args + session args. One lane taking 100 bytes of args;
  // standard payment of 2.5 CSPR is 24 bytes of RuntimeArgs, a session `List<U8>` arg `a` of n
  // items 19 + n bytes.
  const argsLane = net1({
    baselineMotesAmount: 1_000n,
    lanes: [
      ...casperMainnet.lanes.filter((lane) => lane.kind !== 'wasm'),
      {
        id: 3,
        kind: 'wasm',
        maxTransactionLength: 10_000,
        maxArgsLength: 100,
        maxGasLimit: 10n ** 12n,
        maxCount: 1,
      },
    ],
  })
  const listArg = (n: number) => [namedArgJson('a', 'List<U8>', byteList(n))]

  test('payment args 24 + session args 76 = 100 bytes fit a lane of 100 bytes of args', async () => {
    const deploy = await wasmDeploy({ chainspec: argsLane, sessionArgs: listArg(57) })
    expectAccepted(await acceptance(deploy, { chainspec: argsLane }))
  })

  test('payment args 24 + session args 77 = 101 bytes fit no lane of 100 bytes (NoLaneMatch)', async () => {
    const deploy = await wasmDeploy({ chainspec: argsLane, sessionArgs: listArg(58) })
    expectRefusal(await acceptance(deploy, { chainspec: argsLane }), 'NoLaneMatch')
  })

  // The node test pumps a 1,000,000-item arg; 3,000 bytes already exceed the 2,048-byte mint lane
  // and stay within the args size the library's JSON reader takes.
  test('should_use_lane_specific_size_constraints: a transfer with a 3,000-byte arg is ExcessiveSize in the mint lane', async () => {
    const deploy = await transferDeploy({
      gasPrice: gasPriceTolerance,
      paymentArgs: [u512Arg('amount', 10_000_000_000n)],
      sessionArgs: [
        u512Arg('amount', defaultMinTransferMotes),
        accountHashArg('source', mallory.accountHash),
        accountHashArg('target', bob.accountHash),
        namedArgJson('some_other', 'List<U8>', byteList(3_000)),
      ],
    })
    expectRefusal(await acceptance(deploy), 'ExcessiveSize')
  })
})

describe('types/src/transaction/deploy.rs is_config_compliant (2.0.0 body, no test of its own)', () => {
  // The `else` branch after the transfer checks: `payment_amount < baseline_motes_amount` is
  // `InvalidDeploy::InvalidPaymentAmount` (node test: transaction_acceptor `should_reject_deploy_with_insufficient_payment`).
  test('payment one mote below baseline_motes_amount is InvalidPaymentAmount', async () => {
    const deploy = await wasmDeploy({ payment: casperMainnet.baselineMotesAmount - 1n })
    expectRefusal(await acceptance(deploy), 'InvalidPaymentAmount')
  })

  test('payment equal to baseline_motes_amount is accepted', async () => {
    const deploy = await wasmDeploy({ payment: casperMainnet.baselineMotesAmount })
    expectAccepted(await acceptance(deploy))
  })

  test('a second signature does not change acceptance (approvals are not hashed)', async () => {
    const deploy = await signDeploy(await wasmDeploy(), bob)
    expectAccepted(await acceptance(deploy))
  })
})
