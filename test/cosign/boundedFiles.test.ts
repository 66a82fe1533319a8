// Files of any shape up to the size limit are parsed, hashed, described and preflighted in bounded
// time: CLTypes are counted by their nodes (not only their depth), JSON by its values, and every
// walk over a type or a value is linear.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { main } from '../../src/cli/main.js'
import { clTypeLength, maxClTypeNodes, parseClType } from '../../src/codec/clType.js'
import { argClType, checkClValue } from '../../src/codec/clValue.js'
import { clValueText, maxClValueTextSteps } from '../../src/codec/clValueText.js'
import { describeFile } from '../../src/cosign/describeFile.js'
import { checkHashes } from '../../src/cosign/hashes.js'
import { maxFileBytes, parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { maxFileJsonValues, parseStrictJson } from '../../src/encoding/parseStrictJson.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { describeDeploy } from '../../src/preflight/describeDeploy.js'
import { preflight } from '../../src/preflight/preflight.js'
import { preflightTransaction } from '../../src/rpc/preflightTransaction.js'
import { deployWithArgs, hostileTypeShapes, transactionWithArgs, tuple2Tree } from '../typeTreeFiles.js'

const owner = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
const account = createAccount(accountHashFromPublicKey(owner))
const dir = mkdtempSync(join(tmpdir(), 'bounded-files-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** What a typed refusal says; any other throw fails the test. */
function codeOf(step: () => unknown): string | undefined {
  try {
    step()
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
    return error.code
  }
  return undefined
}

/**
 * CPU milliseconds `step` takes in this process (a test file runs in its own process), so other
 * work on a shared machine does not count; a typed error is an outcome, anything else fails.
 */
async function cpuMs(step: () => unknown): Promise<number> {
  const before = process.cpuUsage()
  try {
    await step()
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
  }
  const { user, system } = process.cpuUsage(before)
  return (user + system) / 1000
}

describe('CLTypes are bounded by their nodes', () => {
  test(`one args list holds at most ${maxClTypeNodes} CLType nodes, in both entries, with the limit and the remedy`, () => {
    const most = { List: tuple2Tree(maxClTypeNodes - 1) }
    expect(clTypeLength(parseClType(most, 'x'))).toBe(maxClTypeNodes)
    const over = { List: most }
    expect(() => parseClType(over, 'x')).toThrow(
      expect.objectContaining({
        code: 'ClTypeTooLarge',
        details: expect.objectContaining({ expected: expect.stringContaining(`at most ${maxClTypeNodes}`) }),
        remedy: expect.stringContaining(`${maxClTypeNodes} nodes`),
      }),
    )
    expect(codeOf(() => argClType(over, 'x'))).toBe('ClTypeTooLarge')
    // The budget is the list's: two args of 3000 nodes each are refused together.
    const half = tuple2Tree(3001)
    const args: [string, { cl_type: unknown; bytes: string }][] = [
      ['a', { cl_type: half, bytes: '' }],
      ['b', { cl_type: half, bytes: '' }],
    ]
    expect(codeOf(() => parseCosignFile(JSON.stringify(transactionWithArgs(args))))).toBe('ClTypeTooLarge')
    expect(codeOf(() => parseDeployJson(deployWithArgs(args), { maxArgsBytes: 1e9 }))).toBe('ClTypeTooLarge')
  })

  test('the CLType bytes count toward the args limit, as the node measures args', () => {
    // 4 (count) + 8 + 1 (name) + 0 bytes + 4095 type bytes = 4108: over 4096 only with the type counted.
    const args: [string, { cl_type: unknown; bytes: string }][] = [
      ['a', { cl_type: tuple2Tree(4095), bytes: '' }],
    ]
    expect(codeOf(() => parseDeployJson(deployWithArgs(args)))).toBe('InvalidDeployJson')
    expect(codeOf(() => parseCosignFile(JSON.stringify(transactionWithArgs(args))))).toBe('InvalidShape')
    // 4 + 8 + 1 + 4083 = 4096: the most that fits.
    const fits: [string, { cl_type: unknown; bytes: string }][] = [
      ['a', { cl_type: tuple2Tree(4083), bytes: '' }],
    ]
    expect(codeOf(() => parseDeployJson(deployWithArgs(fits)))).toBeUndefined()
    expect(codeOf(() => parseCosignFile(JSON.stringify(transactionWithArgs(fits))))).toBeUndefined()
  })

  test('a list of items that are mostly zero-sized tuples costs its bytes, not its count times its type', () => {
    const type = argClType({ List: { Tuple2: ['U8', tuple2Tree(3999)] } }, 'x')
    const bytes = hexToBytes(`a00f0000${'07'.repeat(4000)}`)
    const started = performance.now()
    checkClValue(type, bytes, 'x')
    // Walking 4000 items × 4000 nodes takes seconds; skipped empty types take milliseconds.
    expect(performance.now() - started).toBeLessThan(1500)
    // Shown as its bytes: the text would be 16 million items long.
    expect(clValueText(type, bytes)).toBeUndefined()
    const small = parseClType({ List: { Tuple2: ['U8', 'Unit'] } }, 'x')
    expect(clValueText(small, hexToBytes('0200000007ff'))).toBe('[(7, ()), (255, ())]')
    expect(maxClValueTextSteps).toBeGreaterThan(3 * 4096)
  })

  test(`JSON of more than ${maxFileJsonValues} values is refused as soon as the limit is passed`, () => {
    const text = `[${'0,'.repeat(maxFileJsonValues)}0]`
    expect(codeOf(() => parseStrictJson(text, { maxValues: maxFileJsonValues }))).toBe('TooManyJsonValues')
    expect(
      parseStrictJson(`[${'0,'.repeat(maxFileJsonValues - 2)}0]`, { maxValues: maxFileJsonValues }),
    ).toHaveLength(maxFileJsonValues - 1)
    expect(codeOf(() => parseCosignFile(text))).toBe('InvalidJson')
    expect(codeOf(() => parseDeployJson(text))).toBe('TooManyJsonValues')
  })
})

// Measured at the size limit with `bench/typeTrees.ts` (docs/performance.md): at most about 0.5 s
// of CPU per step. 3 s of CPU leaves room for a slow machine; the shapes took 16-64 s before.
const boundMs = 3000

describe(`every entry handles a file up to the size limit (${maxFileBytes} characters) of any shape in bounded time`, () => {
  // The command modules load on first use: loaded once before anything is timed.
  beforeAll(async () => {
    const small = join(dir, 'small.json')
    writeFileSync(small, JSON.stringify(transactionWithArgs([])))
    await main(['describe', small], { out: () => undefined, err: () => undefined })
  })
  const shapes = hostileTypeShapes(maxFileBytes - 10_000)
  const cases = shapes.flatMap(({ name, args, pad }) =>
    (['deploy', 'transaction'] as const).map((kind) => ({ kind, name, args, pad })),
  )
  test.each(cases)('$kind: $name', async ({ kind, name, args, pad }) => {
    const json = kind === 'deploy' ? deployWithArgs(args, pad) : transactionWithArgs(args, pad)
    const text = JSON.stringify(json)
    expect(text.length).toBeLessThanOrEqual(maxFileBytes)
    const path = join(dir, `${kind}.json`)
    writeFileSync(path, text)
    const refused = codeOf(() => parseCosignFile(text))
    // The shapes beyond the limits are refused with why; those within them are read in full.
    if (name.includes('within limits')) expect(refused).toBeUndefined()
    else expect(['ClTypeTooLarge', 'InvalidJson', 'InvalidShape']).toContain(refused)
    const file = refused ? undefined : parseCosignFile(text)
    const quiet = { out: () => undefined, err: () => undefined }
    const steps: Record<string, () => unknown> = {
      parse: () => (kind === 'deploy' ? parseDeployJson(text) : parseCosignFile(text)),
      hash: () => file && checkHashes(file),
      describeFile: () => file && describeFile(file),
      describeDeploy: () => file && describeDeploy(file, { account }),
      cliDescribe: () => main(['describe', path], quiet),
      preflight: () =>
        kind === 'deploy'
          ? preflight(json as DeployJson, account)
          : preflightTransaction(json as TransactionJson, account),
    }
    for (const [step, run] of Object.entries(steps)) {
      const ms = await cpuMs(run)
      expect({ step, ms: ms < boundMs ? 'bounded' : ms }).toEqual({ step, ms: 'bounded' })
    }
  })
})
