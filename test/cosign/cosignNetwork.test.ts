import { describe, expect, test } from 'vitest'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { casperTestnet } from '../../src/chainspec/casperTestnet.js'
import { mainnet, testnet } from '../../src/cosign/cosignNetwork.js'

const cosignFields = [
  'chainName',
  'maxTtlMs',
  'maxTimestampLeewayMs',
  'maxAssociatedKeys',
  'authorization',
  'baselineMotesAmount',
  'nativeTransferMinimumMotes',
  'minimumDelegationAmount',
  'systemCosts',
  'auctionContractHash',
] as const
const pick = (chainspec: typeof casperMainnet) =>
  Object.fromEntries(cosignFields.map((key) => [key, chainspec[key]]))

describe('cosign networks', () => {
  test("mainnet and testnet hold the chainspec presets' values for every field the checks read", () => {
    expect(mainnet).toEqual(pick(casperMainnet))
    expect(testnet).toEqual(pick(casperTestnet))
    expect(Object.keys(mainnet).sort()).toEqual([...cosignFields].sort())
  })

  test('mainnet is chain casper, 2 h TTL, 5 s leeway, 100 keys, 2.5 CSPR least payment and transfer, 500 CSPR least delegation, 0.1 CSPR transfer cost (casper-node resources/mainnet/chainspec.toml 2.2.0)', () => {
    expect(mainnet).toEqual({
      chainName: 'casper',
      maxTtlMs: 7_200_000,
      maxTimestampLeewayMs: 5_000,
      maxAssociatedKeys: 100,
      authorization: 'anySignerAssociated',
      baselineMotesAmount: 2_500_000_000n,
      nativeTransferMinimumMotes: 2_500_000_000n,
      minimumDelegationAmount: 500_000_000_000n,
      systemCosts: {
        transfer: 100_000_000n,
        delegate: 2_500_000_000n,
        undelegate: 2_500_000_000n,
        redelegate: 2_500_000_000n,
        addBid: 2_500_000_000n,
        withdrawBid: 2_500_000_000n,
        activateBid: 2_500_000_000n,
        changeBidPublicKey: 5_000_000_000n,
        addReservations: 2_500_000_000n,
        cancelReservations: 2_500_000_000n,
      },
      auctionContractHash: 'ccb576d6ce6dec84a551e48f0d0b7af89ddba44c7390b690036257a04a3ae9ea',
    })
    expect(testnet.chainName).toBe('casper-test')
    expect(testnet.auctionContractHash).toBe(
      '93d923e336b20a4c4ca14d592b60e5bd3fe330775618290104f9beb326db7ae2',
    )
  })
})
