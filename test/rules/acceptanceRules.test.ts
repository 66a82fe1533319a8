// The rulebook's fixed points: lane selection replays casper-node's own tests, the 2.x texts are the
// binary port's, and the devnet's chainspec.toml reads back as the preset it was written from.
import { describe, expect, test } from 'vitest'
import { devnetAuctionContractHash } from '../../src/chainspec/auctionContractHashes.js'
import type { TransactionLane } from '../../src/chainspec/Chainspec.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { parseChainspec } from '../../src/chainspec/parseChainspec.js'
import { chainspecToml } from '../../src/devnet/chainspecToml.js'
import { wasmLaneFor } from '../../src/rules/AcceptanceLimits.js'
import {
  type AcceptanceCode,
  acceptanceRules,
  acceptanceRuleTable,
  nodeText,
} from '../../src/rules/acceptanceRules.js'

const wasm = (id: number, length: number, args: number, gas: bigint): TransactionLane => ({
  id,
  kind: 'wasm',
  maxTransactionLength: length,
  maxArgsLength: args,
  maxGasLimit: gas,
  maxCount: 10,
})

describe('lane selection (casper-node meta_transaction_v1.rs tests)', () => {
  // build_v1_config(): lanes 3 (10000 bytes, gas 100), 4 (10001, gas 10000), 5 (10002, gas 1000).
  const limits = {
    ...casperMainnet,
    lanes: [wasm(3, 10_000, 100, 100n), wasm(4, 10_001, 100, 10_000n), wasm(5, 10_002, 100, 1000n)],
  }
  test('limited_amount_should_determine_transaction_lane_for_session: 1001 → lane 4', () => {
    expect(wasmLaneFor(limits, 1001n, 200, 10)?.id).toBe(4)
  })
  test('limited_amount_should_fail_if_does_not_fit_in_any_lane: 1_000_000 → none', () => {
    expect(wasmLaneFor(limits, 1_000_000n, 200, 10)).toBeUndefined()
  })
  test('limited_amount_should_fail_if_transaction_size_does_not_fit_in_any_lane', () => {
    const small = { ...casperMainnet, lanes: [wasm(3, 200, 100, 100n), wasm(4, 500, 100, 10_000n)] }
    expect(wasmLaneFor(small, 100n, 3000, 10)).toBeUndefined()
  })
  test('mainnet 2.2.0: a 2.5 CSPR limit lands in lane 5, 6 CSPR in lane 4', () => {
    expect(wasmLaneFor(casperMainnet, 2_500_000_000n, 5_000, 300)?.id).toBe(5)
    expect(wasmLaneFor(casperMainnet, 6_000_000_000n, 5_000, 300)?.id).toBe(4)
    expect(wasmLaneFor(casperMainnet, 2_500_000_000n, 5_000, 600)?.id).toBe(4)
  })
})

describe('the table', () => {
  // casper-types 2.0.0 deploy.rs is_config_compliant checks the floor last (after the transfer
  // amount); node meta_transaction_v1.rs is_config_compliant right after the chain name.
  test('the least payment sits where is_config_compliant checks it', () => {
    const order = (kind: 'deploy' | 'transaction') => acceptanceRules(casperMainnet, kind).map((r) => r.code)
    const deploy = order('deploy')
    expect(deploy.indexOf('PaymentBelowBaseline')).toBe(deploy.indexOf('TransferAmountTooLow') + 1)
    const transaction = order('transaction')
    expect(transaction.indexOf('PaymentBelowBaseline')).toBe(transaction.indexOf('WrongChain') + 1)
    expect(acceptanceRules(casper15, 'deploy').map((r) => r.code)).not.toContain('PaymentBelowBaseline')
  })

  test('every code has a rule and a 2.x text for the kinds it applies to', () => {
    for (const kind of ['deploy', 'transaction'] as const) {
      for (const rule of acceptanceRules(casperMainnet, kind)) {
        expect(nodeText({ code: rule.code, stage: rule.stage, message: '' }, casperMainnet, kind)).not.toBe(
          '',
        )
      }
    }
    expect(Object.keys(acceptanceRuleTable).sort()).toEqual(
      [
        ...new Set(
          [
            ...acceptanceRules(casper15, 'deploy'),
            ...acceptanceRules(casperMainnet, 'deploy'),
            ...acceptanceRules(casperMainnet, 'transaction'),
          ].map((r) => r.code),
        ),
      ].sort(),
    )
  })

  test('2.x texts are casper-binary-port error_code.rs texts', () => {
    const text = (code: AcceptanceCode, kind: 'deploy' | 'transaction') =>
      nodeText({ code, stage: 'configuration', message: '' }, casperMainnet, kind)
    expect(text('WrongChain', 'deploy')).toMatchInlineSnapshot(`"the deploy had an invalid chain name"`)
    expect(text('WrongChain', 'transaction')).toMatchInlineSnapshot(
      `"the transaction sent to the network had an invalid chain name"`,
    )
    expect(text('GasPriceTooLow', 'deploy')).toMatchInlineSnapshot(`"gas price tolerance too low"`)
    expect(text('InvalidGasPrice', 'deploy')).toMatchInlineSnapshot(
      `"the network was unable to calculate the gas limit associated with the deploy"`,
    )
    expect(text('NoLaneMatch', 'transaction')).toMatchInlineSnapshot(
      `"couldn't associate a transaction lane with the transaction"`,
    )
    expect(text('UnassociatedSigner', 'transaction')).toMatchInlineSnapshot(`"invalid associated keys"`)
    // error_code.rs 107 InvalidDeployInvalidPaymentAmount, 109 InvalidTransactionInvalidPaymentAmount.
    expect(text('PaymentBelowBaseline', 'deploy')).toBe('Invalid payment amount for Transaction::Deploy')
    expect(text('PaymentBelowBaseline', 'transaction')).toBe('Invalid payment amount for Transaction::V1')
    expect(text('DependenciesNotAllowed', 'deploy')).toMatchInlineSnapshot(
      `"the dependencies for this transaction are no longer supported"`,
    )
  })
})

test("the devnet's chainspec.toml reads back as the preset it was written from", () => {
  for (const preset of [casperMainnet, casper15]) {
    // The auction's contract hash comes from the chain name: the devnet's own under casper-devnet.
    const chainspec = {
      ...preset,
      chainName: 'casper-devnet',
      auctionContractHash: devnetAuctionContractHash,
    }
    expect(parseChainspec(chainspecToml(chainspec))).toEqual(chainspec)
  }
})
