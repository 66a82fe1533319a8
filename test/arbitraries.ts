// fast-check generators for accounts and key-management operations, shared by the property tests.
import fc from 'fast-check'
import type { Account } from '../src/account/Account.js'

/** A deterministic account hash from a small number, so generated keys collide often. */
export function hashOf(n: number): string {
  return n.toString(16).padStart(2, '0').repeat(32)
}

export type Operation =
  | { kind: 'add'; hash: string; weight: number }
  | { kind: 'update'; hash: string; weight: number }
  | { kind: 'remove'; hash: string }
  | { kind: 'threshold'; action: 'deployment' | 'keyManagement'; threshold: number }

const smallHash = fc.integer({ min: 1, max: 12 }).map(hashOf)
const weight = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 255 }))

/** Accounts as the node can hold them: 1..12 keys (sometimes up to 100), deployment <= key management. */
export function arbitraryAccount(): fc.Arbitrary<Account> {
  return fc
    .tuple(
      fc.oneof(
        {
          weight: 9,
          arbitrary: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        },
        {
          weight: 1,
          arbitrary: fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { minLength: 95, maxLength: 100 }),
        },
      ),
      fc.array(weight, { minLength: 100, maxLength: 100 }),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 0, max: 6 }),
    )
    .map(([ids, weights, t1, t2]) => {
      const associatedKeys = Object.fromEntries(ids.map((id, i) => [hashOf(id), weights[i]!]))
      return {
        accountHash: hashOf(ids[0]!),
        associatedKeys,
        actionThresholds: { deployment: Math.min(t1, t2), keyManagement: Math.max(t1, t2) },
      }
    })
}

export function arbitraryOperation(): fc.Arbitrary<Operation> {
  return fc.oneof(
    fc.record({ kind: fc.constant('add' as const), hash: smallHash, weight }),
    fc.record({ kind: fc.constant('update' as const), hash: smallHash, weight }),
    fc.record({ kind: fc.constant('remove' as const), hash: smallHash }),
    fc.record({
      kind: fc.constant('threshold' as const),
      action: fc.constantFrom('deployment' as const, 'keyManagement' as const),
      threshold: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 255 })),
    }),
  )
}

/** Accounts someone can still use: 1 <= deployment <= key management <= total weight. */
export function arbitraryUsableAccount(): fc.Arbitrary<Account> {
  return fc.tuple(arbitraryAccount(), fc.nat(), fc.nat()).map(([account, r1, r2]) => {
    const keys = Object.keys(account.associatedKeys)
    const associatedKeys = {
      ...account.associatedKeys,
      [keys[0]!]: Math.max(1, account.associatedKeys[keys[0]!]!),
    }
    const total = Math.min(
      255,
      Object.values(associatedKeys).reduce((s, w) => s + w, 0),
    )
    const deployment = 1 + (r1 % total)
    const keyManagement = deployment + (r2 % (total - deployment + 1))
    return { ...account, associatedKeys, actionThresholds: { deployment, keyManagement } }
  })
}
