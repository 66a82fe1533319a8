import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type Account, createAccount } from '../../src/account/Account.js'
import { signatureProgress } from '../../src/approvals/signatureProgress.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import type { ApprovalJson, DeployJson } from '../../src/deploy/DeployJson.js'
import { vector } from '../vectors.js'
import { testSigner } from './testSigners.js'

const synthetic = vector<DeployJson>('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
const meta = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.meta.json')
const [edApproval, secpApproval] = synthetic.approvals as [ApprovalJson, ApprovalJson]
const owner: string = meta.header_account_hash
const partner: string = meta.associated_account_hash

const withApprovals = (approvals: ApprovalJson[]): DeployJson => ({
  ...structuredClone(synthetic),
  approvals,
})

/** The account after the two-party-multi-sig session: {owner: 1, partner: 1}, thresholds 2/2. */
const twoParty: Account = {
  accountHash: owner,
  associatedKeys: { [owner]: 1, [partner]: 1 },
  actionThresholds: { deployment: 2, keyManagement: 2 },
}

describe('signatureProgress', () => {
  test('both owners signed: complete', () => {
    const progress = signatureProgress(synthetic, twoParty)
    expect(progress).toMatchObject({ weight: 2, needed: 2, complete: true, missing: [], neededSets: [[]] })
    expect(progress.signed.map((s) => s.accountHash).sort()).toEqual([owner, partner].sort())
    expect(progress.summary).toMatchInlineSnapshot(
      `"weight 2 of 2 (key management); threshold reached; ready to send"`,
    )
  })

  test('one signature of two: names the missing key', () => {
    const progress = signatureProgress(withApprovals([edApproval]), twoParty)
    expect(progress).toMatchObject({
      weight: 1,
      needed: 2,
      neededFor: 'key management',
      complete: false,
      signed: [{ accountHash: owner, publicKey: edApproval.signer, weight: 1 }],
      missing: [{ accountHash: partner, weight: 1 }],
      neededSets: [[partner]],
    })
    expect(progress.summary).toMatchInlineSnapshot(
      `"weight 1 of 2 (key management); still needed: account-hash-c863d586…; not ready"`,
    )
  })

  test('a signer that is not associated: listed, and fatal on 1.5 only', () => {
    const fresh = createAccount(owner)
    const progress = signatureProgress(synthetic, fresh, { chainspec: casper15 })
    expect(progress.unassociated).toEqual([{ accountHash: partner, publicKey: secpApproval.signer }])
    expect(progress.weight).toBe(1)
    expect(progress.complete).toBe(false)
    expect(progress.summary).toMatchInlineSnapshot(
      `"weight 1 of 1 (key management); threshold reached; remove the approval of unassociated account-hash-c863d586… (casper-node 1.5 refuses the deploy); not ready"`,
    )
    expect(signatureProgress(synthetic, fresh, { chainspec: casperMainnet }).complete).toBe(true)
    expect(signatureProgress(synthetic, fresh).complete).toBe(true) // the default is mainnet 2.x
  })

  test('an invalid approval is listed and blocks completion', () => {
    const wrongTag = { signer: edApproval.signer, signature: `02${edApproval.signature.slice(2)}` }
    const progress = signatureProgress(withApprovals([wrongTag, secpApproval]), twoParty)
    expect(progress.invalid.map((i) => i.reason)).toEqual(['TagMismatch'])
    expect(progress.weight).toBe(1)
    expect(progress.summary).toMatchInlineSnapshot(
      `"weight 1 of 2 (key management); still needed: account-hash-83b0df3b…; remove 1 invalid approval(s) (TagMismatch); not ready"`,
    )
  })

  test('keyManagement: false measures against the deployment threshold', () => {
    const account = { ...twoParty, actionThresholds: { deployment: 1, keyManagement: 2 } }
    const deploy = withApprovals([edApproval])
    expect(signatureProgress(deploy, account).complete).toBe(false)
    expect(signatureProgress(deploy, account, { keyManagement: false })).toMatchObject({
      needed: 1,
      neededFor: 'deployment',
      complete: true,
    })
  })

  test('lists every smallest completing set, and says when none exists', () => {
    const keys = [testSigner(1, 'ed25519'), testSigner(2, 'secp256k1'), testSigner(3, 'ed25519')]
    const [a, b, c] = keys.map((k) => k.accountHash) as [string, string, string]
    const account: Account = {
      accountHash: a,
      associatedKeys: { [a]: 2, [b]: 1, [c]: 1 },
      actionThresholds: { deployment: 2, keyManagement: 3 },
    }
    const progress = signatureProgress(withApprovals([keys[0]!.sign(synthetic.hash)]), account)
    expect(progress.neededSets).toEqual([[b], [c]].sort())
    expect(progress.summary).toMatchInlineSnapshot(
      `"weight 2 of 3 (key management); still needed: one of account-hash-7458d68f…, account-hash-7b3d51b0…; not ready"`,
    )
    const impossible = { ...account, actionThresholds: { deployment: 2, keyManagement: 5 } }
    expect(signatureProgress(withApprovals([]), impossible).summary).toMatchInlineSnapshot(
      `"weight 0 of 5 (key management); cannot be reached: every associated key together holds 4; EmptyApprovals; not ready"`,
    )
  })
})

describe('many missing keys', () => {
  test('beyond 12 missing keys, one greedy set, heaviest first', () => {
    const hashes = Array.from({ length: 20 }, (_, i) => (i + 16).toString(16).repeat(32))
    const account: Account = {
      accountHash: owner,
      associatedKeys: { [owner]: 1, ...Object.fromEntries(hashes.map((hash, i) => [hash, i < 2 ? 3 : 1])) },
      actionThresholds: { deployment: 1, keyManagement: 9 },
    }
    const progress = signatureProgress(withApprovals([edApproval]), account)
    expect(progress.weight).toBe(1)
    expect(progress.neededSets).toEqual([[hashes[0], hashes[1], hashes[2], hashes[3]]])
    expect(progress.summary).toMatchInlineSnapshot(
      `"weight 1 of 9 (key management); still needed: all of account-hash-10101010…, account-hash-11111111…, account-hash-12121212…, account-hash-13131313…; not ready"`,
    )
  })
})

describe('signatureProgress properties (fast-check)', () => {
  const signers = [1, 2, 3].flatMap((n) => [testSigner(n, 'ed25519'), testSigner(n, 'secp256k1')])
  const approvals = signers.map((key) => key.sign(synthetic.hash))
  // Associated keys without a private key here: they can only ever be missing.
  const keyless = ['a1', 'b2', 'c3'].map((byte) => byte.repeat(32))
  const weight = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 255 }))

  const scenario = fc.record({
    associated: fc.array(fc.option(weight, { nil: undefined }), { minLength: 9, maxLength: 9 }),
    signing: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    thresholds: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 300 })),
  })

  /** Subset weight, computed without the library: distinct associated signers, sum capped at 255. */
  const bruteWeight = (account: Account, hashes: Iterable<string>) =>
    Math.min(
      255,
      [...new Set(hashes)].reduce((sum, hash) => sum + (account.associatedKeys[hash] ?? 0), 0),
    )

  test('weight is the saturating sum; neededSets are exactly the smallest completing sets', () => {
    fc.assert(
      fc.property(scenario, ({ associated, signing, thresholds }) => {
        const hashes = [...signers.map((s) => s.accountHash), ...keyless]
        const associatedKeys = Object.fromEntries(
          hashes.flatMap((hash, i) => (associated[i] === undefined ? [] : [[hash, associated[i]]])),
        )
        const [deployment, keyManagement] = [Math.min(...thresholds), Math.min(255, Math.max(...thresholds))]
        const account: Account = {
          accountHash: hashes[0]!,
          associatedKeys,
          actionThresholds: { deployment, keyManagement },
        }
        const deploy = withApprovals(approvals.filter((_, i) => signing[i]))
        const progress = signatureProgress(deploy, account, { chainspec: casper15 })

        const signed = signers.filter((_, i) => signing[i]).map((s) => s.accountHash)
        expect(progress.weight).toBe(bruteWeight(account, signed))
        expect(progress.unassociated.map((u) => u.accountHash).sort()).toEqual(
          signed.filter((hash) => !(hash in associatedKeys)).sort(),
        )

        // Every subset of the missing keys, by brute force.
        const missing = Object.keys(associatedKeys).filter((hash) => !signed.includes(hash))
        const completing: string[][] = []
        for (let mask = 0; mask < 1 << missing.length; mask++) {
          const set = missing.filter((_, i) => mask & (1 << i))
          if (bruteWeight(account, [...signed, ...set]) >= keyManagement) completing.push(set)
        }
        if (completing.length === 0) {
          expect(progress.neededSets).toEqual([])
          return
        }
        const smallest = Math.min(...completing.map((set) => set.length))
        for (const set of progress.neededSets) {
          expect(bruteWeight(account, [...signed, ...set])).toBeGreaterThanOrEqual(keyManagement)
          expect(set).toHaveLength(smallest)
        }
        // A key of weight 0 is never needed: the smallest sets are those without one.
        const expected = completing
          .filter((set) => set.length === smallest)
          .map((set) => [...set].sort().join())
          .sort()
        expect(progress.neededSets.map((set) => [...set].sort().join()).sort()).toEqual(expected)
        // 1.5: every signer associated; 2.x: at least one, the others weigh 0.
        expect(progress.complete).toBe(
          smallest === 0 && progress.unassociated.length === 0 && signed.length > 0,
        )
        expect(signatureProgress(deploy, account, { chainspec: casperMainnet }).complete).toBe(
          smallest === 0 && signed.some((hash) => hash in associatedKeys),
        )
      }),
      { numRuns: 150 },
    )
  })
})
