// A block the devnet has named to a client stays readable after later blocks are made.
import { expect, test } from 'vitest'
import { createGenesisState, namedTipOf } from '../../src/devnet/DevnetState.js'
import { executeBlock } from '../../src/devnet/executeBlock.js'

test('an empty block is dropped by the next block unless a client was told about it', async () => {
  const state = createGenesisState('casper-devnet', '1.5', 1_000)
  const first = await executeBlock(state, 2_000)
  await executeBlock(state, 3_000)
  // Nobody saw block 1: the empty tip is replaced.
  expect(state.blocks.map((b) => b.height)).toEqual([0, 2])

  // A refusal or a status names the tip; the next block must not drop it (the race a refusal hit).
  const named = namedTipOf(state)
  await executeBlock(state, 4_000)
  await executeBlock(state, 5_000)
  expect(state.blocks.map((b) => b.height)).toEqual([0, 2, 4])
  expect(state.blocks.find((b) => b.hash === named.hash)).toBe(named)
  expect(state.blocks.some((b) => b.hash === first.hash)).toBe(false)
})
