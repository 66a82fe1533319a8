// Conformance: casper-node `node/src/components/transaction_acceptor/tests.rs` (the cases about
// what a client submits), plus the test module and the `is_config_compliant` body of
// `node/src/types/transaction/meta_transaction/meta_transaction_v1.rs`.
//
// Version read: casper-node 2.0.0 release code, commit 1c3b8ad90bf0d83e73c73a6e6ddfc09f148b88b1
// (2025-05-16, `fetch` of EdHastingsCasperAssociation/casper-node); error texts from
// `binary_port/src/error_code.rs` at the same commit. The acceptor tests run against the node's
// `local` chainspec (chain `casper-example`, baseline 2.5 CSPR), an acceptor `Config::default()`
// (timestamp leeway 2 s), and a mock account holding exactly `DEFAULT_BASELINE_MOTES_AMOUNT`
// (`baseline_amount - 1` for FromClientInsufficientBalance). Each case is checked twice where the
// devnet can stand in for the node: with `preflight` (the report a client sees before sending) and
// on the loopback devnet over JSON-RPC (the node's answer).
//
// Not covered: the `from_peer` cases (gossiped transactions skip the account checks: no client
// path), `should_reject_valid_deploy_from_client_for_unknown_balance` (a missing state root),
// `should_accept_*_signed_by_admin_*` (chainspec administrators are not modelled), the custom
// payment / stored session contract and package cases (`*_missing_*_contract_*`, `*_package_*`,
// `should_reject_transactions_targets_package_version*`: stored contracts are not modelled),
// `should_reject_transaction_with_unexpected_fields` and `..._invalid_transaction_args`
// (the builders cannot write extra fields or Bytesrepr args), the native delegate / redelegate
// cases (no auction), and `limited_amount_should_determine_transaction_lane_for_stored`
// (stored targets).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import type { Chainspec } from '../../src/chainspec/Chainspec.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { selectLane } from '../../src/chainspec/selectLane.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { preflightTransaction } from '../../src/rpc/preflightTransaction.js'
import { call } from '../devnet/devnetKit.js'
import {
  acceptance,
  accountHashArg,
  alice,
  aliceAccount,
  bob,
  byteList,
  carol,
  defaultBaselineMotesAmount,
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
  wasmTransaction,
  withItems,
} from './conformanceKit.js'

/** The acceptor tests' chainspec: `local`, chain `casper-example`. */
const local = net1({ chainName: 'casper-example' })
/** `transaction_acceptor::Config::default().timestamp_leeway`. */
const leewayMs = 2000
/** The mock account's balance in every scenario but FromClientInsufficientBalance. */
const balance = defaultBaselineMotesAmount
const options = { chainspec: local, balance, timestampLeewayMs: leewayMs }

describe('node/src/components/transaction_acceptor/tests.rs (preflight)', () => {
  test('should_accept_valid_deploy_from_client', async () => {
    expectAccepted(await acceptance(await transferDeploy({ chainspec: local }), options))
    expectAccepted(await acceptance(await wasmDeploy({ chainspec: local }), options))
  })

  test('should_accept_valid_transaction_v1_from_client', async () => {
    expectAccepted(await acceptance(await wasmTransaction({ chainspec: local }), options))
  })

  test('should_reject_invalid_deploy_from_client: Deploy::invalidate clears the chain name', async () => {
    const deploy = await transferDeploy({ chainspec: local })
    deploy.header.chain_name = ''
    expectRefusal(await acceptance(deploy, options), 'InvalidChainName')
  })

  test('should_reject_invalid_transaction_v1_from_client: TransactionV1::invalidate clears the chain name', async () => {
    const transaction = await wasmTransaction({ chainspec: local })
    transaction.Version1.payload.chain_name = ''
    const result = await acceptance(transaction, options)
    expectRefusal(result, 'InvalidChainName')
    expect(result.refusals.map((r) => r.code)).toContain('HashMismatch')
  })

  test('should_reject_invalid_transaction_v1_zero_payment_from_client: PaymentLimited payment_amount 0', async () => {
    const transaction = await wasmTransaction({
      chainspec: local,
      wasm: Uint8Array.from([1]),
      payment: 0n,
      gasPriceTolerance: 5,
    })
    expectRefusal(await acceptance(transaction, options), 'InvalidPaymentAmount')
  })

  test('should_accept_slightly_future_dated_deploy_from_client: timestamp now + leeway / 2', async () => {
    const now = Date.now()
    const deploy = await transferDeploy({ chainspec: local, timestamp: now + leewayMs / 2, ttlMs: 300_000 })
    expectAccepted(await acceptance(deploy, { ...options, now }))
  })

  test('should_accept_slightly_future_dated_transaction_v1_from_client', async () => {
    const now = Date.now()
    const transaction = await wasmTransaction({
      chainspec: local,
      timestamp: now + leewayMs / 2,
      ttlMs: 300_000,
    })
    expectAccepted(await acceptance(transaction, { ...options, now }))
  })

  test('should_reject_future_dated_deploy_from_client: timestamp now + leeway + 1 s', async () => {
    const now = Date.now()
    const deploy = await transferDeploy({
      chainspec: local,
      timestamp: now + leewayMs + 1000,
      ttlMs: 300_000,
    })
    expectRefusal(await acceptance(deploy, { ...options, now }), 'TimestampInFuture')
  })

  test('should_reject_future_dated_transaction_v1_from_client', async () => {
    const now = Date.now()
    const transaction = await wasmTransaction({
      chainspec: local,
      timestamp: now + leewayMs + 1000,
      ttlMs: 300_000,
    })
    expectRefusal(await acceptance(transaction, { ...options, now }), 'TimestampInFuture')
  })

  // create_account: FromClientAccountWithInvalidAssociatedKeys is `Account::create(AccountHash::default(), …)`:
  // the account's only key is the zero hash, so the signer is not associated.
  const invalidAssociatedKeys: Account = {
    accountHash: alice.accountHash,
    associatedKeys: { ['00'.repeat(32)]: 1 },
    actionThresholds: { deployment: 1, keyManagement: 1 },
  }
  // FromClientAccountWithInsufficientWeight: own key weight 1, thresholds 100 / 100.
  const insufficientWeight: Account = {
    accountHash: alice.accountHash,
    associatedKeys: { [alice.accountHash]: 1 },
    actionThresholds: { deployment: 100, keyManagement: 100 },
  }

  test('should_reject_valid_deploy_from_client_for_account_with_invalid_associated_keys', async () => {
    const deploy = await transferDeploy({ chainspec: local })
    expectRefusal(
      await acceptance(deploy, { ...options, account: invalidAssociatedKeys }),
      'InvalidAssociatedKeys',
    )
  })

  test('should_reject_valid_transaction_v1_from_client_for_account_with_invalid_associated_keys', async () => {
    const transaction = await wasmTransaction({ chainspec: local })
    expectRefusal(
      await acceptance(transaction, { ...options, account: invalidAssociatedKeys }),
      'InvalidAssociatedKeys',
    )
  })

  test('should_reject_valid_deploy_from_client_for_account_with_insufficient_weight', async () => {
    const deploy = await transferDeploy({ chainspec: local })
    expectRefusal(
      await acceptance(deploy, { ...options, account: insufficientWeight }),
      'InsufficientSignatureWeight',
    )
  })

  test('should_reject_valid_transaction_v1_from_client_for_account_with_insufficient_weight', async () => {
    const transaction = await wasmTransaction({ chainspec: local })
    expectRefusal(
      await acceptance(transaction, { ...options, account: insufficientWeight }),
      'InsufficientSignatureWeight',
    )
  })

  test('should_reject_valid_deploy_from_client_for_insufficient_balance: baseline - 1 motes', async () => {
    const deploy = await transferDeploy({ chainspec: local })
    expectRefusal(await acceptance(deploy, { ...options, balance: balance - 1n }), 'InsufficientBalance')
  })

  test('should_reject_valid_transaction_v1_from_client_for_insufficient_balance: baseline - 1 motes', async () => {
    const transaction = await wasmTransaction({ chainspec: local })
    expectRefusal(await acceptance(transaction, { ...options, balance: balance - 1n }), 'InsufficientBalance')
  })

  test('should_reject_deploy_with_empty_module_bytes_in_session: MissingModuleBytes', async () => {
    // random_with_empty_session_module_bytes: payment 10 CSPR, empty ModuleBytes session.
    const deploy = await withItems(await wasmDeploy({ chainspec: local }), {
      payment: { ModuleBytes: { module_bytes: '', args: [u512Arg('amount', 10_000_000_000n)] } },
      session: { ModuleBytes: { module_bytes: '', args: [] } },
    })
    expectRefusal(await acceptance(deploy, options), 'MissingModuleBytes')
  })

  test('should_reject_deploy_with_insufficient_payment: random_with_payment_one', async () => {
    const deploy = await wasmDeploy({ chainspec: local, payment: 1n })
    expectRefusal(await acceptance(deploy, options), 'InvalidPaymentAmount')
  })

  test('should_reject_deploy_with_transfer_in_payment: InvalidPaymentVariant', async () => {
    const deploy = await withItems(await transferDeploy({ chainspec: local }), {
      payment: {
        Transfer: {
          args: [
            u512Arg('amount', defaultMinTransferMotes),
            accountHashArg('source', mallory.accountHash),
            accountHashArg('target', bob.accountHash),
          ],
        },
      },
    })
    expectRefusal(await acceptance(deploy, options), 'InvalidPaymentVariant')
  })

  test('should_reject_deploy_without_payment_amount: a transfer whose standard payment has no amount', async () => {
    // random_without_payment_amount: the session is a native transfer; deploy_payment_is_valid
    // still wants the standard payment's `amount`.
    const deploy = await transferDeploy({ chainspec: local, paymentArgs: [] })
    expectRefusal(await acceptance(deploy, options), 'MissingPaymentAmount')
  })

  test('should_reject_deploy_with_mangled_payment_amount: a transfer with payment amount "invalid-argument"', async () => {
    const deploy = await transferDeploy({
      chainspec: local,
      paymentArgs: [stringArg('amount', 'invalid-argument')],
    })
    expectRefusal(await acceptance(deploy, options), 'FailedToParsePaymentAmount')
  })

  test('should_reject_deploy_without_transfer_amount', async () => {
    const deploy = await transferDeploy({
      chainspec: local,
      sessionArgs: [accountHashArg('source', mallory.accountHash), accountHashArg('target', bob.accountHash)],
    })
    expectRefusal(await acceptance(deploy, options), 'MissingTransferAmount')
  })

  test('should_reject_deploy_without_transfer_target', async () => {
    const deploy = await transferDeploy({
      chainspec: local,
      sessionArgs: [
        u512Arg('amount', defaultMinTransferMotes),
        accountHashArg('source', mallory.accountHash),
      ],
    })
    expectRefusal(await acceptance(deploy, options), 'MissingTransferTarget')
  })

  test('should_reject_deploy_with_mangled_transfer_amount', async () => {
    const deploy = await transferDeploy({
      chainspec: local,
      sessionArgs: [
        stringArg('amount', 'invalid-argument'),
        accountHashArg('source', mallory.accountHash),
        accountHashArg('target', bob.accountHash),
      ],
    })
    expectRefusal(await acceptance(deploy, options), 'FailedToParseTransferAmount')
  })

  test('should_reject_expired_deploy_from_client: random_expired_deploy (timestamp 0, TTL 1 s)', async () => {
    const deploy = await transferDeploy({ chainspec: local, timestamp: 0, ttlMs: 1000 })
    expectRefusal(await acceptance(deploy, options), 'Expired')
  })

  test('should_reject_expired_transaction_v1_from_client', async () => {
    const transaction = await wasmTransaction({ chainspec: local, timestamp: 0, ttlMs: 1000 })
    expectRefusal(await acceptance(transaction, options), 'Expired')
  })

  test('should_reject_transaction_v1_with_invalid_pricing_mode: Fixed on a payment-limited network', async () => {
    const transaction = await wasmTransaction({
      chainspec: local,
      edit: (payload) => {
        payload.pricing_mode = { Fixed: { additional_computation_factor: 0, gas_price_tolerance: 5 } }
      },
    })
    expectRefusal(await acceptance(transaction, options), 'InvalidPricingMode')
  })

  test('should_reject_transaction_v1_with_too_low_gas_price_tolerance: Fixed, tolerance 0, fixed pricing', async () => {
    const fixed: Chainspec = { ...local, pricingHandling: { type: 'fixed' } as Chainspec['pricingHandling'] }
    const transaction = await wasmTransaction({
      chainspec: local,
      edit: (payload) => {
        payload.pricing_mode = { Fixed: { additional_computation_factor: 0, gas_price_tolerance: 0 } }
      },
    })
    expectRefusal(await acceptance(transaction, { ...options, chainspec: fixed }), 'GasPriceToleranceTooLow')
  })

  test('should_reject_transaction_v1_with_insufficient_payment: payment 1, tolerance 2, timestamp beyond the leeway', async () => {
    // TransactionWithPaymentOne: the payment check comes before the header's timestamp check.
    const now = Date.now()
    const transaction = await wasmTransaction({
      chainspec: local,
      wasm: Uint8Array.from([1]),
      payment: 1n,
      gasPriceTolerance: 2,
      timestamp: now + leewayMs + 1000,
      ttlMs: 300_000,
    })
    expectRefusal(await acceptance(transaction, { ...options, now }), 'InvalidPaymentAmount')
  })

  test('should_reject_deploy_with_too_low_gas_price_tolerance: gas price 0', async () => {
    const deploy = await transferDeploy({ chainspec: local })
    deploy.header.gas_price = 0
    expectRefusal(await acceptance(await resign(deploy), options), 'GasPriceToleranceTooLow')
  })

  test('should_reject_wasm_transaction_with_limited_too_big_payment: above every Wasm lane', async () => {
    const largest = local.lanes
      .filter((l) => l.kind === 'wasm')
      .reduce((a, b) => (a.maxGasLimit >= b.maxGasLimit ? a : b))
    const transaction = await wasmTransaction({ chainspec: local, payment: largest.maxGasLimit + 1n })
    expectRefusal(await acceptance(transaction, options), 'NoLaneMatch')
  })

  test('should_reject_deploy_with_payment_amount_larger_than_max_wasm_lane_limit', async () => {
    const largest = local.lanes
      .filter((l) => l.kind === 'wasm')
      .reduce((a, b) => (a.maxGasLimit >= b.maxGasLimit ? a : b))
    const deploy = await wasmDeploy({ chainspec: local, payment: largest.maxGasLimit + 1n })
    expectRefusal(await acceptance(deploy, options), 'NoLaneMatch')
  })
})

describe('node/src/types/transaction/meta_transaction/meta_transaction_v1.rs', () => {
  /** The test module's `build_v1_config`: three Wasm lanes. */
  const v1Lanes = (wasm: [number, number, number, bigint][]): Chainspec => ({
    ...net1({ chainName: 'x' }),
    lanes: [
      ...casperMainnet.lanes.filter((l) => l.kind !== 'wasm'),
      ...wasm.map(([id, maxTransactionLength, maxArgsLength, maxGasLimit]) => ({
        id,
        kind: 'wasm' as const,
        maxTransactionLength,
        maxArgsLength,
        maxGasLimit,
        maxCount: 10,
      })),
    ],
  })
  const buildV1Config = v1Lanes([
    [3, 10_000, 100, 100n],
    [4, 10_001, 100, 10_000n],
    [5, 10_002, 100, 1_000n],
  ])

  test('limited_amount_should_determine_transaction_lane_for_session: payment 1001 lands in lane 4', async () => {
    const transaction = await wasmTransaction({
      chainspec: buildV1Config,
      wasm: new Uint8Array(30).fill(1),
      payment: 1001n,
    })
    const { submission } = await preflightTransaction(transaction, aliceAccount, { chainspec: buildV1Config })
    const lane = selectLane(buildV1Config, {
      gasLimit: 1001n,
      transactionLength: submission.size,
      argsLength: submission.sessionArgsLength,
    })
    expect(lane?.id).toBe(4)
  })

  test('limited_amount_should_fail_if_does_not_fit_in_any_lane: payment 1,000,000', async () => {
    const transaction = await wasmTransaction({
      chainspec: buildV1Config,
      wasm: new Uint8Array(30).fill(1),
      payment: 1_000_000n,
    })
    expectRefusal(await acceptance(transaction, { chainspec: buildV1Config }), 'NoLaneMatch')
  })

  test('limited_amount_should_fail_if_transaction_size_does_not_fit_in_any_lane: 3000-byte module, lanes of 200 and 500 bytes', async () => {
    const chainspec = v1Lanes([
      [3, 200, 100, 100n],
      [4, 500, 100, 10_000n],
    ])
    const transaction = await wasmTransaction({
      chainspec,
      wasm: new Uint8Array(3000).fill(1),
      payment: 100n,
    })
    expectRefusal(await acceptance(transaction, { chainspec }), 'NoLaneMatch')
  })

  // from_transaction_v1 chooses the lane with `args_binary_len`: the bytes of the payload's `args`
  // field, one tag byte (Named) then the RuntimeArgs. One lane taking 100 bytes of args; a
  // `List<U8>` arg `a` of n items is 4 (count) + 5 (name) + 4 + 4 + n (bytes) + 2 (CLType) bytes.
  const argsLane: Chainspec = { ...v1Lanes([[3, 10_000, 100, 10_000n]]), baselineMotesAmount: 1_000n }
  const listArg = (n: number) => [{ name: 'a', type: 'List<U8>' as const, bytes: byteList(n) }]

  test('from_transaction_v1: RuntimeArgs of 99 bytes plus the tag byte fit a lane of 100 bytes of args', async () => {
    const transaction = await wasmTransaction({ chainspec: argsLane, args: listArg(80), payment: 1001n })
    expectAccepted(await acceptance(transaction, { chainspec: argsLane }))
  })

  test('from_transaction_v1: RuntimeArgs of 100 bytes plus the tag byte fit no lane of 100 bytes (NoLaneMatch)', async () => {
    const transaction = await wasmTransaction({ chainspec: argsLane, args: listArg(81), payment: 1001n })
    expectRefusal(await acceptance(transaction, { chainspec: argsLane }), 'NoLaneMatch')
  })

  // is_config_compliant, PaymentLimited outside the mint and auction lanes:
  // `payment_amount < baseline_motes_amount` is InvalidTransactionV1::InvalidPaymentAmount.
  test('is_config_compliant: PaymentLimited payment one mote below baseline_motes_amount', async () => {
    const transaction = await wasmTransaction({ payment: casperMainnet.baselineMotesAmount - 1n })
    expectRefusal(await acceptance(transaction), 'InvalidPaymentAmount')
  })

  test('is_config_compliant: PaymentLimited payment equal to baseline_motes_amount is accepted', async () => {
    expectAccepted(await acceptance(await wasmTransaction({ payment: casperMainnet.baselineMotesAmount })))
  })

  test('is_config_compliant: InvalidChainName comes before InvalidPaymentAmount', async () => {
    const transaction = await wasmTransaction({ chainspec: net1({ chainName: 'net-2' }), payment: 1n })
    expectRefusal(await acceptance(transaction), 'InvalidChainName')
  })
})

describe('node/src/components/transaction_acceptor/tests.rs (loopback devnet over JSON-RPC)', () => {
  let devnet: Devnet
  /** The devnet is mainnet 2.2.0 under its own chain name. */
  let chainspec: Chainspec
  const put = (
    subject: Awaited<ReturnType<typeof wasmDeploy>> | Awaited<ReturnType<typeof wasmTransaction>>,
  ) =>
    'Version1' in subject
      ? call(devnet.url, 'account_put_transaction', { transaction: subject })
      : call(devnet.url, 'account_put_deploy', { deploy: subject })

  beforeAll(async () => {
    devnet = await startDevnet({
      blockIntervalMs: 60_000,
      accounts: [{ publicKey: alice.publicKey }, { publicKey: bob.publicKey, balance: balance - 1n }],
    })
    chainspec = { ...casperMainnet, chainName: devnet.chainName }
  })
  afterAll(async () => {
    await devnet?.stop()
  })

  test('should_accept_valid_deploy_from_client', async () => {
    const deploy = await wasmDeploy({ chainspec })
    expect((await put(deploy)).result?.deploy_hash).toBe(deploy.hash)
  })

  test('should_accept_valid_transaction_v1_from_client', async () => {
    const transaction = await wasmTransaction({ chainspec })
    expect((await put(transaction)).result?.transaction_hash).toEqual({ Version1: transaction.Version1.hash })
  })

  test('should_reject_valid_deploy_from_client_for_missing_account: no such addressable entity', async () => {
    const answer = await put(await wasmDeploy({ chainspec, initiator: carol }))
    expect(String(answer.error?.data)).toContain('no such addressable entity')
  })

  test('should_reject_valid_transaction_v1_from_client_for_missing_account', async () => {
    const answer = await put(await wasmTransaction({ chainspec, initiator: carol }))
    expect(String(answer.error?.data)).toContain('no such addressable entity')
  })

  test('should_reject_valid_deploy_from_client_for_account_with_invalid_associated_keys: signed by a stranger', async () => {
    const answer = await put(await wasmDeploy({ chainspec, signers: [mallory] }))
    expect(String(answer.error?.data)).toContain('invalid associated keys')
  })

  test('should_reject_valid_transaction_v1_from_client_for_account_with_invalid_associated_keys', async () => {
    const answer = await put(await wasmTransaction({ chainspec, signers: [mallory] }))
    expect(String(answer.error?.data)).toContain('invalid associated keys')
  })

  test('should_reject_valid_deploy_from_client_for_insufficient_balance: baseline - 1 motes', async () => {
    const answer = await put(await wasmDeploy({ chainspec, initiator: bob }))
    expect(String(answer.error?.data)).toContain('insufficient balance')
  })

  test('should_reject_valid_transaction_v1_from_client_for_insufficient_balance', async () => {
    const answer = await put(await wasmTransaction({ chainspec, initiator: bob }))
    expect(String(answer.error?.data)).toContain('insufficient balance')
  })

  test('should_reject_future_dated_deploy_from_client', async () => {
    // Far beyond any leeway the devnet may allow (the chainspec caps it at 5 s).
    const answer = await put(await wasmDeploy({ chainspec, timestamp: Date.now() + 60_000, ttlMs: 300_000 }))
    expect(String(answer.error?.data)).toContain('the deploys timestamp is in the future')
  })

  test('should_reject_future_dated_transaction_v1_from_client', async () => {
    const answer = await put(
      await wasmTransaction({ chainspec, timestamp: Date.now() + 60_000, ttlMs: 300_000 }),
    )
    expect(String(answer.error?.data)).toContain(
      'the transaction sent to the network had a timestamp that has not yet occurred',
    )
  })

  test('should_reject_expired_deploy_from_client', async () => {
    const answer = await put(await wasmDeploy({ chainspec, timestamp: 0, ttlMs: 1000 }))
    expect(String(answer.error?.data)).toContain('transaction has expired')
  })

  test('should_reject_deploy_with_insufficient_payment: Invalid payment amount for Transaction::Deploy', async () => {
    const answer = await put(await wasmDeploy({ chainspec, payment: 1n }))
    expect(String(answer.error?.data)).toContain('Invalid payment amount for Transaction::Deploy')
  })

  test('should_reject_transaction_v1_with_insufficient_payment: Invalid payment amount for Transaction::V1', async () => {
    const answer = await put(await wasmTransaction({ chainspec, payment: 1n }))
    expect(String(answer.error?.data)).toContain('Invalid payment amount for Transaction::V1')
  })

  test('should_reject_deploy_with_transfer_in_payment: invalid payment variant for deploy', async () => {
    const deploy = await withItems(await transferDeploy({ chainspec }), {
      payment: {
        Transfer: {
          args: [u512Arg('amount', defaultMinTransferMotes), accountHashArg('target', bob.accountHash)],
        },
      },
    })
    expect(String((await put(deploy)).error?.data)).toContain('invalid payment variant for deploy')
  })

  test('should_reject_deploy_without_transfer_target: missing transfer target for deploy', async () => {
    const deploy = await transferDeploy({
      chainspec,
      sessionArgs: [u512Arg('amount', defaultMinTransferMotes)],
    })
    expect(String((await put(deploy)).error?.data)).toContain('missing transfer target for deploy')
  })

  test('should_reject_deploy_with_empty_module_bytes_in_session: missing module bytes for deploy', async () => {
    const deploy = await withItems(await wasmDeploy({ chainspec }), {
      session: { ModuleBytes: { module_bytes: '', args: [] } },
    })
    expect(String((await put(deploy)).error?.data)).toContain('missing module bytes for deploy')
  })

  test('should_reject_deploy_without_payment_amount: missing payment amount for deploy', async () => {
    const answer = await put(await transferDeploy({ chainspec, paymentArgs: [] }))
    expect(String(answer.error?.data)).toContain('missing payment amount for deploy')
  })

  test('should_reject_deploy_with_mangled_payment_amount: failed to parse payment amount for deploy', async () => {
    const answer = await put(
      await transferDeploy({ chainspec, paymentArgs: [stringArg('amount', 'invalid-argument')] }),
    )
    expect(String(answer.error?.data)).toContain('failed to parse payment amount for deploy')
  })

  test('should_reject_transaction_v1_with_invalid_pricing_mode: the transaction sent to the network had an invalid pricing mode', async () => {
    const transaction = await wasmTransaction({
      chainspec,
      edit: (payload) => {
        payload.pricing_mode = { Fixed: { additional_computation_factor: 0, gas_price_tolerance: 5 } }
      },
    })
    expect(String((await put(transaction)).error?.data)).toContain(
      'the transaction sent to the network had an invalid pricing mode',
    )
  })

  // meta_transaction_v1.rs from_transaction_v1: `args_binary_len` is the `args` field, 1 tag byte +
  // RuntimeArgs (casper-types transaction_args.rs `TransactionArgs::serialized_length`). RuntimeArgs
  // of 2,040 bytes (a `List<U8>` of 2,021 items) are 2,041 bytes: the 2,048-byte Wasm lane takes them.
  test('from_transaction_v1: 2,040 bytes of RuntimeArgs plus the tag byte land in the 2,048-byte Wasm lane', async () => {
    const transaction = await wasmTransaction({
      chainspec,
      args: [{ name: 'a', type: 'List<U8>', bytes: byteList(2_021) }],
    })
    expect((await put(transaction)).result?.transaction_hash).toEqual({ Version1: transaction.Version1.hash })
  })

  test('from_transaction_v1: 2,048 bytes of RuntimeArgs plus the tag byte fit no lane (NoLaneMatch)', async () => {
    const transaction = await wasmTransaction({
      chainspec,
      args: [{ name: 'a', type: 'List<U8>', bytes: byteList(2_029) }],
    })
    expect(String((await put(transaction)).error?.data)).toContain(
      "couldn't associate a transaction lane with the transaction",
    )
  })
})
