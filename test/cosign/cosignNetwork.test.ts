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
] as const
const pick = (chainspec: typeof casperMainnet) =>
  Object.fromEntries(cosignFields.map((key) => [key, chainspec[key]]))

describe('cosign networks', () => {
  test("mainnet and testnet hold the chainspec presets' values for every field the checks read", () => {
    expect(mainnet).toEqual(pick(casperMainnet))
    expect(testnet).toEqual(pick(casperTestnet))
    expect(Object.keys(mainnet).sort()).toEqual([...cosignFields].sort())
  })

  test('mainnet is chain casper, 2 h TTL, 5 s leeway, 100 keys, 2.5 CSPR least payment (casper-node resources/mainnet/chainspec.toml)', () => {
    expect(mainnet).toEqual({
      chainName: 'casper',
      maxTtlMs: 7_200_000,
      maxTimestampLeewayMs: 5_000,
      maxAssociatedKeys: 100,
      authorization: 'anySignerAssociated',
      baselineMotesAmount: 2_500_000_000n,
    })
    expect(testnet.chainName).toBe('casper-test')
  })
})
