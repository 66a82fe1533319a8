// The planner: the cases users hit, and the law that every plan ends exactly at its target.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import { createAccount } from '../../src/account/Account.js'
import type { AccountConfig } from '../../src/account/AccountConfig.js'
import { validateConfig } from '../../src/account/validateConfig.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { hashOf } from '../arbitraries.js'

const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(hashOf) as [string, string, string, string, string]
const config = (keys: Record<string, number>, deployment: number, keyManagement: number): AccountConfig => ({
  associatedKeys: Object.entries(keys).map(([key, weight]) => ({ key, weight })),
  thresholds: { deployment, keyManagement },
})
const account = (keys: Record<string, number>, deployment: number, keyManagement: number): Account => ({
  ...createAccount(a),
  associatedKeys: keys,
  actionThresholds: { deployment, keyManagement },
})

describe('planReconfiguration: the cases users hit', () => {
  test('lowering thresholds 3/3 -> 1/1 sets deployment first, in one deploy', async () => {
    const plan = await planReconfiguration(
      account({ [a]: 1, [b]: 1, [c]: 1 }, 3, 3),
      config({ [a]: 1, [b]: 1, [c]: 1 }, 1, 1),
      {
        signers: [a, b, c],
      },
    )
    expect(plan.deploys).toHaveLength(1)
    expect(plan.deploys[0]!.args.map((x) => x.name)).toEqual(['dep', 'km'])
    expect(plan.steps).toEqual(['set thresholds: deployment 3 -> 1, key management 3 -> 1'])
    expect(plan.deploys[0]!.accountAfter.actionThresholds).toEqual({ deployment: 1, keyManagement: 1 })
  })

  test('raising both thresholds above the current key management sets key management first', async () => {
    const plan = await planReconfiguration(
      account({ [a]: 1 }, 1, 1),
      config({ [a]: 1, [b]: 1, [c]: 1 }, 3, 3),
      { signers: [a] },
    )
    const calls = plan.deploys[0]!.gas
    expect(calls.total).toBeGreaterThan(0n)
    expect(plan.target.actionThresholds).toEqual({ deployment: 3, keyManagement: 3 })
  })

  test('swapping the primary key for two new keys: add both, set thresholds, then remove it', async () => {
    const plan = await planReconfiguration(
      account({ [a]: 1 }, 1, 1),
      {
        associatedKeys: [
          { key: b, weight: 1, label: 'bob' },
          { key: c, weight: 1, label: 'carol' },
        ],
        thresholds: { deployment: 1, keyManagement: 2 },
      },
      { signers: [a] },
    )
    expect(plan.steps).toEqual([
      `add account-hash-${b} (bob) with weight 1`,
      `add account-hash-${c} (carol) with weight 1`,
      'set thresholds: key management 1 -> 2',
      `remove account-hash-${a}`,
    ])
    expect(plan.warnings.map((w) => w.code)).toContain('DeployerRemoved')
  })

  test('removing the key that signs the deploy works: permission is judged at deploy start', async () => {
    const plan = await planReconfiguration(account({ [a]: 1, [b]: 1 }, 1, 1), config({ [b]: 1 }, 1, 1), {
      signers: [a],
    })
    expect(plan.deploys[0]!.accountAfter.associatedKeys).toEqual({ [b]: 1 })
  })

  test('refuses when the signers do not hold the current key-management weight, naming who else must sign', async () => {
    const current = account({ [a]: 1, [b]: 2, [c]: 1 }, 1, 3)
    await expect(
      planReconfiguration(current, config({ [a]: 1, [b]: 2, [c]: 1 }, 2, 4), { signers: [a] }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`
      [PlanError: The signers cannot authorize the deploy
        deploy: 1
        keyManagementThreshold: 3
        deploymentThreshold: 1
        signersWeight: 1
        alsoNeeded: ["account-hash-0202020202020202020202020202020202020202020202020202020202020202"]
      Remedy: Key management needs weight 3; the signers hold 1. Also collect signatures from: account-hash-0202020202020202020202020202020202020202020202020202020202020202.]
    `)
  })

  test('refuses an invalid target with the validation findings', async () => {
    await expect(
      planReconfiguration(account({ [a]: 1 }, 1, 1), config({ [a]: 1 }, 2, 1)),
    ).rejects.toMatchObject({
      code: 'InvalidTarget',
    })
  })

  test('omits no-op calls: an unchanged account needs no deploy', async () => {
    const plan = await planReconfiguration(
      account({ [a]: 2, [b]: 1 }, 1, 2),
      config({ [b]: 1, [a]: 2 }, 1, 2),
    )
    expect(plan.deploys).toEqual([])
    expect(plan.gas).toBe(0n)
  })

  test('splits only when the session args do not fit in 1024 bytes', async () => {
    const keys = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [hashOf(i + 10), 1]))
    const plan = await planReconfiguration(account({ [a]: 1 }, 1, 1), config({ [a]: 1, ...keys }, 1, 1), {
      signers: [a],
    })
    // 29 adds (33 bytes each) fill the 1024 bytes of one deploy: 60 keys take three
    expect(plan.deploys.map((x) => x.operations.add?.length)).toEqual([29, 29, 2])
    for (const deploy of plan.deploys) expect(deploy.argsLength).toBeLessThanOrEqual(1024)
    expect(plan.deploys.at(-1)!.accountAfter.associatedKeys).toEqual({ [a]: 1, ...keys })
  })

  test('at the 100-key limit, removals that the thresholds allow go first, in their own deploy', async () => {
    const full = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [hashOf(i + 1), 1]))
    const { [d]: _d, [e]: _e, ...kept } = full
    const target = { ...kept, [hashOf(200)]: 1, [hashOf(201)]: 1 }
    const plan = await planReconfiguration(account(full, 2, 3), config(target, 2, 3), {
      signers: [a, b, c],
      chainspec: casper15,
    })
    expect(plan.deploys[0]!.steps).toEqual([`remove account-hash-${d}`, `remove account-hash-${e}`])
    expect(plan.deploys.at(-1)!.accountAfter.associatedKeys).toEqual(target)
  })

  // A removal checks no key limit: casper-node 1.5.8 execution_engine/src/core/runtime_context/mod.rs
  // `remove_associated_key` never did; released 2.x dropped the pre-release check (commit 6fdaaf495,
  // execution_engine_testing/tests/src/test/contract_api/account/associated_keys.rs
  // `should_remove_associated_key_when_at_max_allowed_cap`).
  for (const chainspec of [casperMainnet, casper15]) {
    test(`on ${chainspec.protocolVersion} a 100-key account drops a key in one deploy`, async () => {
      const full = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [hashOf(i + 1), 1]))
      const { [d]: _d, ...kept } = full
      const plan = await planReconfiguration(account(full, 2, 3), config(kept, 2, 3), {
        signers: [a, b, c],
        chainspec,
      })
      expect(plan.deploys.map((x) => x.steps)).toEqual([[`remove account-hash-${d}`]])
      expect(plan.deploys[0]!.accountAfter.associatedKeys).toEqual(kept)
    })
  }

  test('on 2.x a 100-key account swaps a key: the removal runs first, at the limit', async () => {
    const full = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [hashOf(i + 1), 1]))
    const { [d]: _d, ...kept } = full
    const target = { ...kept, [hashOf(200)]: 1 }
    const plan = await planReconfiguration(account(full, 2, 3), config(target, 2, 3), { signers: [a, b, c] })
    expect(plan.deploys[0]!.steps).toEqual([`remove account-hash-${d}`])
    expect(plan.deploys.at(-1)!.accountAfter.associatedKeys).toEqual(target)
  })

  test('with room for the adds, a swap is one deploy (the session adds before it removes)', async () => {
    const many = Object.fromEntries(Array.from({ length: 99 }, (_, i) => [hashOf(i + 1), 1]))
    const { [d]: _d, ...kept } = many
    const target = { ...kept, [hashOf(200)]: 1 }
    const plan = await planReconfiguration(account(many, 2, 3), config(target, 2, 3), { signers: [a, b, c] })
    expect(plan.deploys.map((x) => x.steps)).toEqual([
      [`add account-hash-${hashOf(200)} with weight 1`, `remove account-hash-${d}`],
    ])
    expect(plan.deploys[0]!.accountAfter.associatedKeys).toEqual(target)
  })
})

describe('planReconfiguration: laws', () => {
  const keyIds = fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 })
  const arbitraryConfig = fc
    .tuple(
      keyIds,
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 8, maxLength: 8 }),
      fc.nat(20),
      fc.nat(20),
    )
    .map(([ids, weights, t1, t2]) => ({
      keys: Object.fromEntries(ids.map((id, i) => [hashOf(id), weights[i]!])),
      t1,
      t2,
    }))

  const total = (keys: Record<string, number>) => Object.values(keys).reduce((s, w) => s + w, 0)
  /** Deployment <= key management, both in 1..total weight. */
  const thresholdsWithin = ({ keys, t1, t2 }: { keys: Record<string, number>; t1: number; t2: number }) =>
    [t1, t2].map((t) => 1 + (t % Math.max(1, total(keys)))).sort((x, y) => x - y) as [number, number]

  test('for random valid current and target configurations, the proven plan ends exactly at the target', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryConfig, arbitraryConfig, async (from, to) => {
        const [cd, ck] = thresholdsWithin(from)
        const [td, tk] = thresholdsWithin(to)
        const target = config(to.keys, td, tk)
        fc.pre(total(from.keys) >= ck && total(to.keys) >= tk && validateConfig(target).ok)
        const current = account(from.keys, cd, ck)
        const plan = await planReconfiguration(current, target)
        expect(plan.deploys.at(-1)?.accountAfter.associatedKeys ?? current.associatedKeys).toEqual(to.keys)
        expect(plan.target.actionThresholds).toEqual({ deployment: td, keyManagement: tk })
      }),
      { numRuns: 150 },
    )
  })

  test('with a small key limit and small deploys, every plan is split and still ends exactly at the target', async () => {
    // 100 bytes of session args carry about two keys per deploy.
    const small = {
      ...casper15,
      maxAssociatedKeys: 6,
      deploy: { ...casper15.deploy, sessionArgsMaxLength: 100 },
    }
    await fc.assert(
      fc.asyncProperty(arbitraryConfig, arbitraryConfig, async (from, to) => {
        const [cd, ck] = thresholdsWithin(from)
        const [td, tk] = thresholdsWithin(to)
        const target = config(to.keys, td, tk)
        fc.pre(
          total(from.keys) >= ck && total(to.keys) >= tk && validateConfig(target, { chainspec: small }).ok,
        )
        const current = account(from.keys, cd, ck)
        try {
          // 100 bytes of session args carry about two keys per deploy.
          const plan = await planReconfiguration(current, target, { chainspec: small })
          for (const deploy of plan.deploys) expect(deploy.argsLength).toBeLessThanOrEqual(100)
          expect(plan.deploys.at(-1)?.accountAfter.associatedKeys ?? current.associatedKeys).toEqual(to.keys)
        } catch (error) {
          // The only refusal allowed: no removal the thresholds allow can make room for the adds.
          expect(error).toMatchObject({ code: 'KeyLimit' })
        }
      }),
      { numRuns: 150 },
    )
  })
})

describe('planReconfiguration: refusals only when the node would refuse', () => {
  test('at the key limit, weight raises come before the removals that make room, lightest first', async () => {
    // Without raising a to 3 first, removing b or c would break the 3/3 thresholds.
    const plan = await planReconfiguration(
      account({ [a]: 1, [b]: 1, [c]: 1 }, 3, 3),
      config({ [a]: 3, [d]: 1 }, 3, 3),
      {
        signers: [a, b, c],
        chainspec: { ...casper15, maxAssociatedKeys: 3 },
      },
    )
    expect(plan.deploys.map((x) => x.steps.map((s) => s.split(' ')[0]))).toEqual([
      ['raise', 'remove'],
      ['add', 'remove'],
    ])
    expect(plan.deploys.at(-1)!.accountAfter.associatedKeys).toEqual({ [a]: 3, [d]: 1 })
  })

  test('a split change raises the thresholds in its last deploy, so one signer suffices throughout', async () => {
    const many = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [hashOf(i + 1), 1]))
    const plan = await planReconfiguration(account(many, 1, 1), config({ [a]: 1, [b]: 1 }, 2, 2), {
      signers: [a],
    })
    expect(plan.deploys.length).toBeGreaterThan(1)
    expect(plan.deploys.map((x) => x.requiredWeight)).toEqual(plan.deploys.map(() => 1))
    expect(plan.deploys.at(-1)!.accountAfter.actionThresholds).toEqual({ deployment: 2, keyManagement: 2 })
  })
})

// Every mainnet deploy pays at least baseline_motes_amount (casper-types 2.0.0 transaction/deploy.rs
// is_config_compliant) and is charged at least a quarter of it: the plan has as few deploys as the
// lanes allow, and says what it costs if it succeeds and if every deploy fails.
describe('the plan minimises what the user pays', () => {
  const owner = hashOf(100)
  const fresh = createAccount(owner)
  const adds = Array.from({ length: 20 }, (_, i) => hashOf(200 + i))
  const targetOf = (keys: string[]) => ({
    associatedKeys: [owner, ...keys].map((hash) => ({ key: `account-hash-${hash}`, weight: 1 })),
    thresholds: { deployment: 1, keyManagement: 1 },
  })
  // One Wasm lane of 5 CSPR of gas (mainnet's smallest lane limit): a few account writes fill it.
  const narrow = {
    ...casperMainnet,
    lanes: [
      ...casperMainnet.lanes.filter((lane) => lane.kind !== 'wasm'),
      {
        id: 3,
        kind: 'wasm' as const,
        maxTransactionLength: 750_000,
        maxArgsLength: 2048,
        maxGasLimit: 5_000_000_000n,
        maxCount: 1,
      },
    ],
  }

  test('mainnet: one deploy at the 2.5 CSPR floor; charged gas + 25% of the rest; 2.5 CSPR if it fails', async () => {
    const plan = await planReconfiguration(fresh, targetOf(adds.slice(0, 3)))
    expect(plan.deploys).toHaveLength(1)
    const [deploy] = plan.deploys
    expect(deploy!.payment).toMatchObject({ amount: 2_500_000_000n, floored: true })
    expect(plan.expectedCharge).toBe(2_500_000_000n - ((2_500_000_000n - plan.gas) * 75n) / 100n)
    expect(plan.ifEveryDeployFails).toBe(2_500_000_000n)
  })

  test('a deploy that fits no lane keeps its longest fitting run: no two neighbours could merge', async () => {
    const plan = await planReconfiguration(fresh, targetOf(adds), { chainspec: narrow })
    expect(plan.deploys.length).toBeGreaterThan(1)
    for (const deploy of plan.deploys) expect(deploy.payment.amount).toBeLessThanOrEqual(5_000_000_000n)
    // Each deploy and the first change of the next do not fit one deploy.
    let done = 0
    for (const [i, deploy] of plan.deploys.slice(0, -1).entries()) {
      const count = deploy.steps.length
      const merged = await planReconfiguration(
        deploy.accountBefore,
        targetOf(adds.slice(0, done + count + 1)),
        {
          chainspec: narrow,
        },
      )
      expect([i, merged.deploys.length]).toEqual([i, 2])
      done += count
    }
    expect(plan.expectedCharge).toBe(plan.deploys.reduce((sum, d) => sum + d.payment.expected!.charged, 0n))
    expect(plan.ifEveryDeployFails).toBe(
      plan.deploys.reduce(
        (sum, d) => sum + (d.payment.amount > 2_500_000_000n ? d.payment.amount : 2_500_000_000n),
        0n,
      ),
    )
  })
})
