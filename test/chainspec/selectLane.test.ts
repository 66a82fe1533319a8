// The Wasm lane rule of casper-types transaction_v1_config.rs `get_wasm_lane_id_by_payment_limited`, on mainnet's lanes.
import { describe, expect, test } from 'vitest'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { selectLane } from '../../src/chainspec/selectLane.js'

const lane = (gasLimit: bigint, transactionLength = 9_000, argsLength = 40) =>
  selectLane(casperMainnet, { gasLimit, transactionLength, argsLength })?.id

describe('selectLane on mainnet 2.2.0 lanes [3: 1e12/750000/2048], [4: 1e11/131072/1024], [5: 5e9/65536/512]', () => {
  test('the smallest gas limit that fits decides first', () => {
    expect(lane(600_000_000n)).toBe(5)
    expect(lane(5_000_000_000n)).toBe(5)
    expect(lane(5_000_000_001n)).toBe(4)
    expect(lane(100_000_000_001n)).toBe(3)
    expect(lane(1_000_000_000_001n)).toBeUndefined()
  })
  test('size and args move a cheap transaction to a larger lane', () => {
    expect(lane(1n, 65_537)).toBe(4)
    expect(lane(1n, 131_073)).toBe(3)
    expect(lane(1n, 9_000, 513)).toBe(4)
    expect(lane(1n, 9_000, 1025)).toBe(3)
    expect(lane(1n, 9_000, 2049)).toBeUndefined()
  })
  test('1.5 has one synthetic lane: the block gas limit, max_deploy_size and the session-args limit', () => {
    expect(
      selectLane(casper15, { gasLimit: 4_000_000_000_000n, transactionLength: 1_048_576, argsLength: 1024 })
        ?.id,
    ).toBe(-1)
    expect(selectLane(casper15, { gasLimit: 1n, transactionLength: 9_000, argsLength: 1025 })).toBeUndefined()
  })
})
