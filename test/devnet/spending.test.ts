// Spending on the 2.x devnet over loopback HTTP, with casper-js-sdk 5.0.12 as the client: native
// transfers (TransactionV1 and deploy), the minimum, insufficient funds, delegate then undelegate.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { sdk } from '../../src/deploy/sdk.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { decodeSubmission } from '../../src/rules/decodeSubmission.js'
import { alice, bob, call, carol } from './devnetKit.js'

const cspr = 1_000_000_000n
const secret = sdk.PrivateKey.fromHex('a1'.repeat(32), sdk.KeyAlgorithm.ED25519)

describe('spending on the 2.x devnet', () => {
  let devnet: Devnet
  let rpc: InstanceType<typeof sdk.RpcClient>
  beforeAll(async () => {
    devnet = await startDevnet({
      blockIntervalMs: 50,
      accounts: [
        { publicKey: alice.publicKey, balance: 10_000n * cspr },
        { publicKey: bob.publicKey, balance: 0n },
      ],
    })
    rpc = new sdk.RpcClient(new sdk.HttpHandler(devnet.url))
  })
  afterAll(() => devnet.stop())

  const balanceOf = async (publicKey: string) =>
    BigInt(
      (
        await rpc.queryLatestBalance(new sdk.PurseIdentifier(sdk.PublicKey.fromHex(publicKey)))
      ).balance.toString(),
    )

  const put = async (transaction: InstanceType<typeof sdk.Transaction>) => {
    transaction.sign(secret)
    const hash = (await rpc.putTransaction(transaction)).transactionHash.toHex()
    await devnet.waitForExecution(hash)
    return (
      await call(devnet.url, 'info_get_transaction', {
        transaction_hash: transaction.getTransactionV1() ? { Version1: hash } : { Deploy: hash },
      })
    ).result.execution_info.execution_result.Version2
  }

  test('a TransactionV1 transfer moves the amount, charges the whole payment and reports the transfer', async () => {
    const before = await balanceOf(alice.publicKey)
    const transaction = sdk.makeCsprTransferTransaction({
      senderPublicKeyHex: alice.publicKey,
      recipientPublicKeyHex: bob.publicKey,
      transferAmount: (5n * cspr).toString(),
      chainName: devnet.chainName,
      memo: '7',
      casperNetworkApiVersion: '2.0.0',
      paymentAmount: '100000000',
    })
    const result = await put(transaction)
    expect(result.error_message).toBeNull()
    expect(result.cost).toBe('100000000')
    expect(result.refund).toBe('0')
    expect(result.transfers).toEqual([
      {
        Version2: {
          transaction_hash: { Version1: transaction.hash.toHex() },
          from: { AccountHash: `account-hash-${alice.accountHash}` },
          to: `account-hash-${bob.accountHash}`,
          source: expect.stringMatching(/^uref-[0-9a-f]{64}-007$/),
          target: expect.stringMatching(/^uref-[0-9a-f]{64}-007$/),
          amount: (5n * cspr).toString(),
          gas: '0',
          id: 7,
        },
      },
    ])
    expect(await balanceOf(alice.publicKey)).toBe(before - 5n * cspr - 100_000_000n)
    expect(await balanceOf(bob.publicKey)).toBe(5n * cspr)
  })

  test('a deploy transfer to a new account creates it and is charged the mint transfer cost', async () => {
    const before = await balanceOf(alice.publicKey)
    const deploy = sdk.makeCsprTransferDeploy({
      senderPublicKeyHex: alice.publicKey,
      recipientPublicKeyHex: carol.publicKey,
      transferAmount: (3n * cspr).toString(),
      chainName: devnet.chainName,
      memo: '1',
      // The payment says 2.5 CSPR; a deploy transfer costs the chainspec's transfer cost whatever it says.
      paymentAmount: '2500000000',
    })
    const result = await put(sdk.Transaction.fromDeploy(deploy))
    expect(result.error_message).toBeNull()
    expect(result.transfers).toHaveLength(1)
    expect(await balanceOf(carol.publicKey)).toBe(3n * cspr)
    expect(await balanceOf(alice.publicKey)).toBe(before - 3n * cspr - 100_000_000n)
  })

  test('a transfer below native_transfer_minimum_motes is refused at acceptance', async () => {
    const transaction = sdk.makeCsprTransferTransaction({
      senderPublicKeyHex: alice.publicKey,
      recipientPublicKeyHex: bob.publicKey,
      transferAmount: (2n * cspr).toString(),
      chainName: devnet.chainName,
      memo: '2',
      casperNetworkApiVersion: '2.0.0',
      paymentAmount: '100000000',
    })
    transaction.sign(secret)
    const answer = await call(devnet.url, 'account_put_transaction', {
      transaction: { Version1: sdk.TransactionV1.toJSON(transaction.getTransactionV1()!) },
    })
    expect(answer.error).toEqual({
      code: -32016,
      message: 'Invalid transaction',
      data: 'the transaction was invalid: the transaction sent to the network had an insufficient transfer amount',
    })
  })

  test('a transfer of more than the purse holds executes, fails with Insufficient funds, and is charged', async () => {
    const before = await balanceOf(alice.publicKey)
    const transaction = new sdk.NativeTransferBuilder()
      .from(secret.publicKey)
      .target(sdk.PublicKey.fromHex(bob.publicKey))
      .amount(before.toString())
      .id(3)
      .chainName(devnet.chainName)
      .payment(100_000_000, 1)
      .build()
    const result = await put(transaction)
    expect(result.error_message).toBe('Insufficient funds')
    expect(result.transfers).toEqual([])
    expect(await balanceOf(alice.publicKey)).toBe(before - 100_000_000n)
  })

  test('delegate then undelegate: the stake leaves the purse, shows in the auction, and comes back', async () => {
    const validator = sdk.PublicKey.fromHex(devnet.state.blocks.length > 0 ? validatorOf(await status()) : '')
    const before = await balanceOf(alice.publicKey)
    const delegate = new sdk.NativeDelegateBuilder()
      .from(secret.publicKey)
      .validator(validator)
      .amount((600n * cspr).toString())
      .chainName(devnet.chainName)
      .payment(2_500_000_000, 1)
      .build()
    const delegated = await put(delegate)
    expect(delegated.error_message).toBeNull()
    expect(await balanceOf(alice.publicKey)).toBe(before - 600n * cspr - 2_500_000_000n)
    const auction = (await call(devnet.url, 'state_get_auction_info', {})).result.auction_state
    expect(auction.bids[0].public_key).toBe(validator.toHex())
    expect(auction.bids[0].bid.delegators).toEqual([
      {
        delegator_public_key: alice.publicKey,
        delegator: expect.objectContaining({
          delegator_public_key: alice.publicKey,
          staked_amount: (600n * cspr).toString(),
          validator_public_key: validator.toHex(),
        }),
      },
    ])
    const sdkView = await rpc.getLatestAuctionInfo()
    expect(sdkView.rawJSON.auction_state.bids[0].bid.delegators).toHaveLength(1)

    const tooSmall = await put(
      new sdk.NativeDelegateBuilder()
        .from(secret.publicKey)
        .validator(validator)
        .amount((100n * cspr).toString())
        .chainName(devnet.chainName)
        .payment(2_500_000_000, 1)
        .build(),
    )
    expect(tooSmall.error_message).toBe('ApiError::AuctionError(DelegationAmountTooSmall) [64557]')

    const undelegate = await put(
      new sdk.NativeUndelegateBuilder()
        .from(secret.publicKey)
        .validator(validator)
        .amount((600n * cspr).toString())
        .chainName(devnet.chainName)
        .payment(2_500_000_000, 1)
        .build(),
    )
    expect(undelegate.error_message).toBeNull()
    expect(await balanceOf(alice.publicKey)).toBe(before - 3n * 2_500_000_000n)
    const after = (await call(devnet.url, 'state_get_auction_info', {})).result.auction_state
    expect(after.bids[0].bid.delegators).toEqual([])
  })

  test("delegating someone else's stake fails with the auction's InvalidContext", async () => {
    const validator = sdk.PublicKey.fromHex(validatorOf(await status()))
    // casper-js-sdk names the initiator as the delegator; Alice initiates and signs a delegation of
    // Bob's: the sdk's JSON with Alice as initiator, rehashed and signed by the library.
    const built = new sdk.NativeDelegateBuilder()
      .from(sdk.PublicKey.fromHex(bob.publicKey))
      .validator(validator)
      .amount((600n * cspr).toString())
      .chainName(devnet.chainName)
      .payment(2_500_000_000, 1)
      .build()
    const json = sdk.TransactionV1.toJSON(built.getTransactionV1()!) as TransactionJson['Version1']
    const payload = { ...json.payload, initiator_addr: { PublicKey: alice.publicKey } }
    const unsigned = {
      Version1: {
        hash: decodeSubmission({
          transaction: { Version1: { hash: '0'.repeat(64), payload, approvals: [] } },
        }).computedHash,
        payload,
        approvals: [],
      },
    }
    const signed = await signDeploy(unsigned as TransactionJson, alice)
    const before = await balanceOf(alice.publicKey)
    const put = await call(devnet.url, 'account_put_transaction', { transaction: signed })
    expect(put.error).toBeUndefined()
    await devnet.waitForExecution(signed.Version1.hash)
    const result = (
      await call(devnet.url, 'info_get_transaction', { transaction_hash: { Version1: signed.Version1.hash } })
    ).result.execution_info.execution_result.Version2
    expect(result.error_message).toBe('ApiError::AuctionError(InvalidContext) [64526]')
    expect(await balanceOf(alice.publicKey)).toBe(before - 2_500_000_000n)
  })

  const status = async () => (await call(devnet.url, 'info_get_status', {})).result
  const validatorOf = (s: { our_public_signing_key: string }) => s.our_public_signing_key
})
