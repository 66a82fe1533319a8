// startDevnet's `now`: the devnet's clock. With a fixed clock and blocks made by produceBlock alone,
// two devnets make the same blocks (what the docs' sample outputs rely on, test/docs/docSamples.ts).
import { afterEach, describe, expect, test } from 'vitest'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'

const started: Devnet[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((devnet) => devnet.stop()))
})

const at = Date.parse('2026-03-02T10:00:00.000Z')

describe('startDevnet now', () => {
  test('a fixed clock stamps every block and makes the same block hashes run after run', async () => {
    const run = async (clock: number) => {
      const devnet = await startDevnet({ port: 0, blockIntervalMs: 2_000_000_000, now: () => clock })
      started.push(devnet)
      const first = await devnet.produceBlock()
      const second = await devnet.produceBlock()
      return { devnet, first, second }
    }
    const [a, b, later] = await Promise.all([run(at), run(at), run(at + 1)])
    expect(b.first).toEqual(a.first)
    expect(b.second).toEqual(a.second)
    expect(later.first.hash).not.toBe(a.first.hash)
    expect(a.devnet.state.blocks.at(-1)?.timestamp).toBe(at)
  })

  test('a clock that is not a function is refused as an invalid option', async () => {
    await expect(startDevnet({ port: 0, now: 5 as unknown as () => number })).rejects.toMatchObject({
      code: 'InvalidOptions',
      shortMessage: 'Invalid devnet option now',
    })
  })
})
