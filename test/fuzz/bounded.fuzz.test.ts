// Fuzzing the bounds: wide and deep CLType trees in deploys and TransactionV1s are refused with a
// typed error or read, hashed and described, each in bounded CPU time; approvals are capped at
// max_associated_keys exactly; looping sessions run out of gas at what their payment buys.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { maxClTypeNodes } from '../../src/codec/clType.js'
import { describeFile } from '../../src/cosign/describeFile.js'
import { checkHashes } from '../../src/cosign/hashes.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { preflight } from '../../src/preflight/preflight.js'
import { testSigner } from '../approvals/testSigners.js'
import { type ArgJson, deployWithArgs, transactionWithArgs } from '../typeTreeFiles.js'
import { vector } from '../vectors.js'
import { wat } from '../wasm/wat.js'

/** A type tree and its node count. */
type Tree = { type: unknown; nodes: number }

const leaf = fc
  .constantFrom('Unit', 'U8', 'Bool', 'String', 'U512', 'Key')
  .map((type): Tree => ({ type, nodes: 1 }))

/** One level around `inner`: the inner tree repeated as a wrapper's items (1 to 3 of them). */
const wrap = (inner: Tree) =>
  fc.constantFrom('Tuple3', 'Map', 'Tuple2', 'Result', 'Option', 'List').map((kind): Tree => {
    const { type, nodes } = inner
    switch (kind) {
      case 'Option':
      case 'List':
        return { type: { [kind]: type }, nodes: nodes + 1 }
      case 'Tuple2':
        return { type: { Tuple2: [type, type] }, nodes: 2 * nodes + 1 }
      case 'Tuple3':
        return { type: { Tuple3: [type, type, type] }, nodes: 3 * nodes + 1 }
      case 'Map':
        return { type: { Map: { key: type, value: type } }, nodes: 2 * nodes + 1 }
      default:
        return { type: { Result: { ok: type, err: type } }, nodes: 2 * nodes + 1 }
    }
  })

/**
 * Trees 0 to 14 levels deep whose levels repeat the level below: from one node to millions (the
 * widest wrappers and deepest trees first, which fast-check picks most often).
 */
const tree: fc.Arbitrary<Tree> = fc
  .constantFrom(...Array.from({ length: 15 }, (_, i) => i))
  .chain((levels) => {
    let arbitrary: fc.Arbitrary<Tree> = leaf
    for (let i = 0; i < levels; i++) arbitrary = arbitrary.chain(wrap)
    // Trees over a few million nodes would take the generator itself too long to write out.
    return arbitrary.filter((t) => t.nodes < 2_000_000)
  })

/** Trees past the limit for certain: 8 to 12 levels of Tuple3s or Maps around a generated tree. */
const wideTree: fc.Arbitrary<Tree> = fc
  .tuple(fc.integer({ min: 8, max: 12 }), fc.constantFrom('Tuple3', 'Map'), leaf)
  .map(([levels, kind, inner]) => {
    let t = inner
    for (let i = 0; i < levels; i++)
      t =
        kind === 'Tuple3'
          ? { type: { Tuple3: [t.type, t.type, t.type] }, nodes: 3 * t.nodes + 1 }
          : { type: { Map: { key: t.type, value: t.type } }, nodes: 2 * t.nodes + 1 }
    return t
  })

const value = fc.constantFrom('', '00', '01', '00000000', '0100000000', '010000000000', 'ff'.repeat(40))

/** CPU milliseconds of `step` in this process; a typed error is an outcome, anything else fails. */
function cpuMs(step: () => unknown): { ms: number; code?: string } {
  const before = process.cpuUsage()
  let code: string | undefined
  try {
    step()
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
    code = error.code
  }
  const { user, system } = process.cpuUsage(before)
  return { ms: (user + system) / 1000, code }
}

// At most about 0.3 s of CPU per step at the size limit (docs/performance.md); loose so a slow
// machine never fails it.
const boundMs = 3000

describe('bounded work, fuzzed', () => {
  test('generated CLType trees: refused with a typed error or read, hashed and described, in bounded time', () => {
    let over = 0
    let read = 0
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: tree, weight: 2 }, { arbitrary: wideTree, weight: 1 }),
        value,
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        ({ type, nodes }, bytes, count, asDeploy) => {
          const args = Array.from({ length: count }, (_, i): ArgJson => [`a${i}`, { cl_type: type, bytes }])
          const json = asDeploy ? deployWithArgs(args) : transactionWithArgs(args)
          const text = JSON.stringify(json)
          if (text.length > 4 * 1024 * 1024) return
          const cosign = cpuMs(() => {
            const file = parseCosignFile(text)
            checkHashes(file)
            describeFile(file)
          })
          expect(cosign.ms).toBeLessThan(boundMs)
          const main = asDeploy ? cpuMs(() => parseDeployJson(text)) : { ms: 0, code: undefined }
          expect(main.ms).toBeLessThan(boundMs)
          if (cosign.code === undefined) read++
          // More nodes than one args list may hold are never read in full.
          if (nodes * count > maxClTypeNodes) {
            over++
            expect(['ClTypeTooLarge', 'InvalidJson', 'InvalidShape']).toContain(cosign.code)
            if (asDeploy)
              expect(['ClTypeTooLarge', 'TooManyJsonValues', 'InvalidDeployJson']).toContain(main.code)
          }
        },
      ),
      { numRuns: 60 },
    )
    // Both sides of the limit are reached: the property is not vacuous.
    expect(over).toBeGreaterThan(5)
    expect(read).toBeGreaterThan(5)
  })

  const base: DeployJson = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
  const signed = Array.from({ length: 110 }, (_, i) => testSigner(i, 'ed25519').sign(base.hash))

  test('approvals: refused exactly when more than 100 are distinct, in both entries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 90, max: 110 }), fc.integer({ min: 0, max: 30 }), (distinct, repeats) => {
        const approvals = [...signed.slice(0, distinct), ...Array(repeats).fill(signed[0])]
        const text = JSON.stringify({ ...base, approvals })
        const cosign = cpuMs(() => parseCosignFile(text))
        const main = cpuMs(() => parseDeployJson(text))
        const expected = distinct > 100 ? 'TooManyApprovals' : undefined
        expect([cosign.code, main.code]).toEqual([expected, expected])
      }),
      { numRuns: 40 },
    )
  })

  test('a looping session runs out of gas at what its generated payment buys, at once', async () => {
    const owner = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
    const account = createAccount(accountHashFromPublicKey(owner))
    const loop = wat('(module (memory 1) (func (export "call") (loop $again (br $again))))')
    const at = new Date('2024-01-01T00:00:00.000Z')
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 2_500_000_000n, max: 6_000_000_000n }), async (payment) => {
        const deploy = buildModuleBytesDeploy({
          account: owner,
          chainName: 'casper',
          wasm: loop,
          args: [],
          payment,
          timestamp: at,
        })
        const started = performance.now()
        const report = await preflight(deploy, account, { now: at })
        expect(performance.now() - started).toBeLessThan(boundMs)
        expect(report.emulation?.failure?.kind).toBe('outOfGas')
        expect(report.emulation?.gas.total).toBe(payment)
        expect(report.errors.map((e) => e.code)).toContain('PaymentBelowCost')
      }),
      { numRuns: 5 },
    )
  })
})
