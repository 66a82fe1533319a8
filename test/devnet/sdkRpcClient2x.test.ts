// casper-js-sdk 5.0.12's own RpcClient against the 2.x devnet: status, state root hash, chainspec,
// blocks, accounts, balances, and a TransactionV1 it built and signed itself running bundled Wasm.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { devnetAuctionContractHash } from '../../src/chainspec/auctionContractHashes.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { parseChainspec } from '../../src/chainspec/parseChainspec.js'
import { sdk } from '../../src/deploy/sdk.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { twoPartyMultiSigWasm } from '../../src/wasm/modules/twoPartyMultiSigWasm.js'
import { alice, bob } from './devnetKit.js'

describe('casper-js-sdk RpcClient against the 2.x devnet', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ blockIntervalMs: 50, accounts: [{ publicKey: alice.publicKey }] })
  })
  afterAll(() => devnet.stop())

  test('reads the chain, puts a TransactionV1 it signed itself, and reads its result', async () => {
    const rpc = new sdk.RpcClient(new sdk.HttpHandler(devnet.url))
    const status = await rpc.getStatus()
    expect(status.chainSpecName).toBe('casper-devnet')
    expect(status.apiVersion).toBe('2.0.0')
    expect(status.protocolVersion).toBe('2.2.0')

    const root = await rpc.getStateRootHashLatest()
    expect(root.stateRootHash.toHex()).toMatch(/^[0-9a-f]{64}$/)
    const chainspec = await rpc.getChainspec()
    const toml = new TextDecoder().decode(Buffer.from(chainspec.chainspecBytes.chainspecBytes ?? '', 'hex'))
    expect(parseChainspec(toml)).toEqual({
      ...casperMainnet,
      chainName: 'casper-devnet',
      auctionContractHash: devnetAuctionContractHash,
    })
    const latest = await rpc.getLatestBlock()
    expect(latest.block.height).toBeGreaterThanOrEqual(0)
    const genesis = await rpc.getBlockByHeight(0)
    expect(genesis.block.hash.toHex()).toBe(devnet.state.blocks[0]!.hash)

    const publicKey = sdk.PublicKey.fromHex(alice.publicKey)
    // The sidecar's schema names a legacy account `Account` (EntityWithBackwardCompat); casper-js-sdk
    // 5.0.12 maps only `LegacyAccount`, so its typed field stays empty and the raw JSON is read.
    const entity = await rpc.getLatestEntity(new sdk.EntityIdentifier(undefined, publicKey))
    expect(entity.rawJSON.entity.Account.action_thresholds).toEqual({ deployment: 1, key_management: 1 })
    const purse = new sdk.PurseIdentifier(publicKey)
    const balanceBefore = (await rpc.queryLatestBalance(purse)).balance.toString()
    const details = await rpc.queryLatestBalanceDetails(purse)
    expect(details.availableBalance.toString()).toBe(balanceBefore)

    // The sdk builds the transaction (bundled two-party-multi-sig Wasm) and signs it with its own key.
    const secret = sdk.PrivateKey.fromHex('a1'.repeat(32), sdk.KeyAlgorithm.ED25519)
    expect(secret.publicKey.toHex()).toBe(alice.publicKey)
    const args = sdk.Args.fromMap({
      'deployment-account': sdk.CLValue.newCLByteArray(
        sdk.PublicKey.fromHex(bob.publicKey).accountHash().toBytes(),
      ),
    })
    const transaction = new sdk.SessionBuilder()
      .from(secret.publicKey)
      .chainName(devnet.chainName)
      .wasm(twoPartyMultiSigWasm)
      .runtimeArgs(args)
      .payment(5_000_000_000, 1)
      .build()
    transaction.sign(secret)
    const put = await rpc.putTransaction(transaction)
    const hash = put.transactionHash.toHex()
    expect(hash).toBe(transaction.hash.toHex())
    await devnet.waitForExecution(hash)

    const result = await rpc.getTransactionByTransactionHash(hash)
    expect(result.executionInfo?.executionResult.errorMessage).toBeFalsy()
    const consumed = BigInt(result.executionInfo!.executionResult.consumed.toString())
    const cost = BigInt(result.executionInfo!.executionResult.cost.toString())
    const refund = BigInt(result.executionInfo!.executionResult.refund.toString())
    // ExecutionResultV2: `cost` is the gross limit × price; payment-limited with a 75% refund of the
    // unused limit (mainnet 2.2.0 refund_handling); the payer is charged cost − refund.
    expect(cost).toBe(5_000_000_000n)
    expect(refund).toBe(((5_000_000_000n - consumed) * 75n) / 100n)
    expect(result.executionInfo!.executionResult.currentPrice).toBe(1)
    const balanceAfter = BigInt((await rpc.queryLatestBalance(purse)).balance.toString())
    expect(balanceAfter).toBe(BigInt(balanceBefore) - (cost - refund))

    const block = await rpc.getBlockByHash(result.executionInfo!.blockHash.toHex())
    expect(block.block.transactions.map((t) => t.hash.toHex())).toContain(hash)
    const after = await rpc.getLatestEntity(new sdk.EntityIdentifier(undefined, publicKey))
    expect(after.rawJSON.entity.Account.action_thresholds).toEqual({ deployment: 2, key_management: 2 })
    const account = await rpc.getAccountInfo(null, new sdk.AccountIdentifier(undefined, publicKey))
    expect(account.account.associatedKeys.map((k) => k.accountHash.toHex()).sort()).toEqual(
      [alice.accountHash, bob.accountHash].sort(),
    )
  })
})
