// Deploys calling the auction contract by hash on the 2.x devnet: the devnet's chainspec names its
// auction contract (`auctionContractHashes['casper-devnet']`), the builders write deploys to it, the
// description reads them as delegations, and the devnet runs them as auction calls.
import { blake2b } from '@noble/hashes/blake2b'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import {
  auctionContractHashes,
  devnetAuctionContractHash,
} from '../../src/chainspec/auctionContractHashes.js'
import type { Chainspec } from '../../src/chainspec/Chainspec.js'
import { buildDelegate } from '../../src/deploy/buildDelegate.js'
import { buildUndelegate } from '../../src/deploy/buildUndelegate.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { describeDeploy } from '../../src/preflight/describeDeploy.js'
import { createRpc } from '../../src/rpc/createRpc.js'
import { getChainspec } from '../../src/rpc/getChainspec.js'
import { alice, call } from './devnetKit.js'

const cspr = 1_000_000_000n

test("the devnet's auction contract hash is blake2b-256 of its label, listed under the devnet's chain name", () => {
  const expected = bytesToHex(
    blake2b(new TextEncoder().encode('casper-devnet auction contract'), { dkLen: 32 }),
  )
  expect(devnetAuctionContractHash).toBe(expected)
  expect(auctionContractHashes['casper-devnet']).toBe(expected)
  expect(expected).not.toBe(auctionContractHashes.casper)
  expect(expected).not.toBe(auctionContractHashes['casper-test'])
})

describe('auction deploys on the 2.x devnet', () => {
  let devnet: Devnet
  let chainspec: Chainspec
  let validator: string
  beforeAll(async () => {
    devnet = await startDevnet({
      blockIntervalMs: 50,
      accounts: [{ publicKey: alice.publicKey, balance: 10_000n * cspr }],
    })
    // What a client reads: info_get_chainspec's chainspec.toml, parsed.
    chainspec = await getChainspec(createRpc(devnet.url))
    validator = (await call(devnet.url, 'info_get_status', {})).result.our_public_signing_key
  })
  afterAll(() => devnet.stop())

  const balance = async () =>
    BigInt(
      (
        await call(devnet.url, 'query_balance', {
          purse_identifier: { main_purse_under_public_key: alice.publicKey },
        })
      ).result.balance,
    )

  const send = async (deploy: DeployJson) => {
    const signed = await signDeploy(deploy, alice)
    const sent = await call(devnet.url, 'account_put_deploy', { deploy: signed })
    expect(sent.error).toBeUndefined()
    await devnet.waitForExecution(signed.hash)
    return (await call(devnet.url, 'info_get_transaction', { transaction_hash: { Deploy: signed.hash } }))
      .result.execution_info.execution_result.Version2
  }

  const delegators = async () =>
    (await call(devnet.url, 'state_get_auction_info', {})).result.auction_state.bids[0].bid.delegators

  test("the chainspec served over info_get_chainspec names the devnet's auction contract", () => {
    expect(devnet.chainName).toBe('casper-devnet')
    expect(chainspec.chainName).toBe('casper-devnet')
    expect(chainspec.auctionContractHash).toBe(devnetAuctionContractHash)
    expect(devnet.chainspec.auctionContractHash).toBe(devnetAuctionContractHash)
  })

  test('a delegate deploy built by buildDelegate is described as a delegation, runs, and an undelegate deploy returns the stake', async () => {
    const amount = 600n * cspr
    const delegate = buildDelegate({
      kind: 'deploy',
      account: alice.publicKey,
      chainName: devnet.chainName,
      chainspec,
      validator,
      amount,
    })
    if (delegate.kind !== 'deploy') throw new Error('expected a deploy')
    expect(delegate.deploy.session).toEqual({
      StoredContractByHash: {
        hash: devnetAuctionContractHash,
        entry_point: 'delegate',
        args: expect.any(Array),
      },
    })
    // Payment: standard, max(baseline, delegate cost) = max(2.5, 2.5) CSPR (casper-types `deploy.rs`
    // `is_config_compliant`: a stored call is not exempt from the baseline).
    expect(delegate.paymentMotes).toBe(2_500_000_000n)
    // Gas = the auction's delegate cost exactly (casper-node execution_engine_testing
    // `test/system_costs.rs` `delegate_and_undelegate_have_expected_costs`); the payment is all used,
    // so the refund ratio has nothing to return: charged 2.5 CSPR.
    expect(delegate.expectedChargeMotes).toBe(2_500_000_000n)

    const description = await describeDeploy(delegate.deploy, { chainspec, now: Date.now() })
    expect(description.code).toEqual({
      kind: 'auction',
      entryPoint: 'delegate',
      delegator: alice.publicKey,
      validator,
      amount,
      contract: devnetAuctionContractHash,
    })
    expect(description.text).toContain(validator)

    const before = await balance()
    const delegated = await send(delegate.deploy)
    expect(delegated.error_message).toBeNull()
    expect(delegated.consumed).toBe('2500000000')
    expect(delegated.cost).toBe('2500000000')
    expect(delegated.refund).toBe('0')
    expect(await balance()).toBe(before - amount - 2_500_000_000n)
    expect(await delegators()).toEqual([
      {
        delegator_public_key: alice.publicKey,
        delegator: expect.objectContaining({
          delegator_public_key: alice.publicKey,
          staked_amount: amount.toString(),
          validator_public_key: validator,
        }),
      },
    ])

    const undelegate = buildUndelegate({
      kind: 'deploy',
      account: alice.publicKey,
      chainName: devnet.chainName,
      chainspec,
      validator,
      amount,
    })
    if (undelegate.kind !== 'deploy') throw new Error('expected a deploy')
    expect(undelegate.expectedChargeMotes).toBe(2_500_000_000n)
    const undelegated = await send(undelegate.deploy)
    expect(undelegated.error_message).toBeNull()
    expect(undelegated.cost).toBe('2500000000')
    // The devnet pays an undelegation back at once (the node after the unbonding delay).
    expect(await balance()).toBe(before - 2n * 2_500_000_000n)
    expect(await delegators()).toEqual([])
  })
})

describe('a devnet under another chain name', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ blockIntervalMs: 50, chainName: 'my-devnet' })
  })
  afterAll(() => devnet.stop())

  test('has no auction contract: a delegate deploy is refused by the builder (NoAuctionContract)', async () => {
    const chainspec = await getChainspec(createRpc(devnet.url))
    expect(chainspec.chainName).toBe('my-devnet')
    expect(chainspec.auctionContractHash).toBeUndefined()
    const validator = (await call(devnet.url, 'info_get_status', {})).result.our_public_signing_key
    expect(() =>
      buildDelegate({
        kind: 'deploy',
        account: alice.publicKey,
        chainName: devnet.chainName,
        chainspec,
        validator,
        amount: 600n * cspr,
      }),
    ).toThrow(expect.objectContaining({ code: 'NoAuctionContract' }))
  })
})
