import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { MergeError } from '../../src/approvals/MergeError.js'
import { mergeApprovals } from '../../src/approvals/mergeApprovals.js'
import type { ApprovalJson, DeployJson } from '../../src/deploy/DeployJson.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { approvalKey } from '../../src/keys/verifyApproval.js'
import { vector } from '../vectors.js'
import { testSigner, toHighS } from './testSigners.js'

const synthetic = vector<DeployJson>('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
const nodeExample = vector<DeployJson>('deploy_transfer_rpc-schema-example_casper-node-v1.5.8.json')
const [edApproval, secpApproval] = synthetic.approvals as [ApprovalJson, ApprovalJson]

const copy = (approvals: ApprovalJson[], deploy: DeployJson = synthetic): DeployJson => ({
  ...structuredClone(deploy),
  approvals,
})

/** The deploy with fresh hashes after an edit, as a co-signer who rebuilt it would send it. */
function rehash(deploy: DeployJson): DeployJson {
  const first = deployHashes(deploy)
  deploy.header.body_hash = first.bodyHash
  deploy.hash = deployHashes(deploy).hash
  return deploy
}

// A pool of approvals of the SYNTHETIC deploy from 5 keys (3 ed25519, 2 secp256k1), each labelled by
// the test itself (not by the code under test): valid, or the rejection code it must get.
const keys = [
  testSigner(1, 'ed25519'),
  testSigner(2, 'ed25519'),
  testSigner(3, 'ed25519'),
  testSigner(1, 'secp256k1'),
  testSigner(2, 'secp256k1'),
]
type Labelled = { approval: ApprovalJson; expected: 'valid' | string }
const valid = keys.map((key) => key.sign(synthetic.hash))
const pool: Labelled[] = [
  ...valid.map((approval) => ({ approval, expected: 'valid' })),
  // Another valid signature by each secp256k1 key (random nonce): a second approval by the same signer.
  ...keys.slice(3).map((key) => ({ approval: key.sign(synthetic.hash, true), expected: 'valid' })),
  { approval: { signer: keys[1]!.publicKey, signature: valid[0]!.signature }, expected: 'InvalidSignature' },
  {
    approval: { signer: keys[2]!.publicKey, signature: `02${valid[2]!.signature.slice(2)}` },
    expected: 'TagMismatch',
  },
  { approval: keys[0]!.sign(nodeExample.hash), expected: 'InvalidSignature' },
  { approval: { signer: keys[3]!.publicKey, signature: toHighS(valid[3]!.signature) }, expected: 'HighS' },
]

/** A copy of the deploy carrying a random subset of the pool, in random order. */
const arbitraryCopy = fc
  .shuffledSubarray(pool, { minLength: 0, maxLength: pool.length })
  .map((chosen) => copy(chosen.map((entry) => entry.approval)))

/** The oracle: per signer, the smallest valid signature in any copy; sorted by signer. */
function expectedApprovals(...copies: DeployJson[]): ApprovalJson[] {
  const validKeys = new Set(pool.filter((e) => e.expected === 'valid').map((e) => approvalKey(e.approval)))
  const best = new Map<string, string>()
  for (const approval of copies.flatMap((c) => c.approvals)) {
    if (!validKeys.has(approvalKey(approval))) continue
    const current = best.get(approval.signer)
    if (current === undefined || approval.signature < current) best.set(approval.signer, approval.signature)
  }
  return [...best.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([signer, signature]) => ({ signer, signature }))
}

const text = (deploy: DeployJson) => JSON.stringify(deploy)
const rejectionSet = (rejected: ReturnType<typeof mergeApprovals>['rejected']) =>
  [...new Set(rejected.map((r) => `${approvalKey(r.approval)} ${r.reason}`))].sort()

describe('mergeApprovals', () => {
  test('merges the two halves of the SYNTHETIC vector back into it, sorted by signer', () => {
    const { deploy, added, rejected } = mergeApprovals(copy([secpApproval]), copy([edApproval]))
    expect(deploy).toEqual(synthetic)
    expect(added).toEqual([edApproval])
    expect(rejected).toEqual([])
  })

  test('keeps one approval per signer and reports the other', () => {
    const other = keys[3]!.sign(synthetic.hash, true)
    const mine = keys[3]!.sign(synthetic.hash)
    const [kept, dropped] = mine.signature < other.signature ? [mine, other] : [other, mine]
    const result = mergeApprovals(copy([dropped]), copy([kept]))
    expect(result.deploy.approvals).toEqual([kept])
    expect(result.rejected).toEqual([
      {
        approval: dropped,
        from: 0,
        reason: 'DuplicateSigner',
        message: expect.stringContaining('kept the smaller'),
      },
    ])
  })

  test('reports invalid approvals with the copy they came from', () => {
    const bad = pool.filter((entry) => entry.expected !== 'valid')
    const result = mergeApprovals(copy([edApproval]), copy(bad.map((entry) => entry.approval)))
    expect(result.deploy.approvals).toEqual([edApproval])
    expect(result.rejected.map(({ from, reason }) => ({ from, reason }))).toEqual(
      bad.map((entry) => ({ from: 1, reason: entry.expected })),
    )
  })

  test('copies that differ in a header field are refused, naming the field', () => {
    const other = rehash(copy([secpApproval]))
    other.header.ttl = '1h'
    rehash(other)
    expect(() => mergeApprovals(copy([edApproval]), other)).toThrowErrorMatchingInlineSnapshot(`
      [MergeError: Copies 0 and 1 are different deploys: header.ttl differs
        field: header.ttl
        differences:
          header.ttl: "30m" vs "1h"
          hash: "18b078b05cff3fc98e4e3b6…c4f5958" vs "81ec435f888efbd29a2d348…ab21c08"
        copy: 1
      Remedy: Merge only copies of the same deploy: every co-signer signs the file they were sent, unchanged.]
    `)
  })

  test('copies that differ in a session arg are refused, naming the arg', () => {
    const other = copy([secpApproval])
    other.session.ModuleBytes!.args[0]![1].bytes = '00'.repeat(32)
    other.session.ModuleBytes!.args[0]![1].parsed = '00'.repeat(32)
    rehash(other)
    const error = (() => {
      try {
        mergeApprovals(copy([edApproval]), other)
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(MergeError)
    expect((error as MergeError).code).toBe('DifferentDeploys')
    expect((error as MergeError).message).toMatchInlineSnapshot(`
      "Copies 0 and 1 are different deploys: session.ModuleBytes.args[0][1].bytes differs
        field: session.ModuleBytes.args[0][1].bytes
        differences:
          session.ModuleBytes.args[0][1].bytes: "c863d586aaf1385967d64d1…3c76234" vs "00000000000000000000000…0000000"
          session.ModuleBytes.args[0][1].parsed: "c863d586aaf1385967d64d1…3c76234" vs "00000000000000000000000…0000000"
          header.body_hash: "c41fa10de1b7ad7b8187fb0…4e0e4cb" vs "e4f4f07235c090693eeb6e2…90dc996"
          hash: "18b078b05cff3fc98e4e3b6…c4f5958" vs "8a042ca65802b12242fbf4c…679ada1"
        copy: 1
      Remedy: Merge only copies of the same deploy: every co-signer signs the file they were sent, unchanged."
    `)
  })

  test('a deploy whose content was changed after hashing is refused even when every copy agrees', () => {
    const tampered = copy([edApproval])
    tampered.header.chain_name = 'casper'
    expect(() => mergeApprovals(tampered, structuredClone(tampered))).toThrowErrorMatchingInlineSnapshot(`
      [MergeError: The deploy hash does not match its content
        field: hash
        expected: c7ac4382b5d1ff47e5b7cc00cef2248d5356d3c5e672f22132ffc3b4213c8e1b
        got: 18b078b05cff3fc98e4e3b6581825bfa853f6d2a251478dc898e79b7fc4f5958
      Remedy: The deploy was changed after it was hashed: do not sign it; get the original file from its author.]
    `)
  })

  test('a malformed copy (no approvals) is a DeployError naming the copy and the field, not a TypeError', () => {
    const { approvals: _, ...noApprovals } = copy([edApproval])
    const malformed = () => mergeApprovals(copy([secpApproval]), noApprovals as DeployJson)
    expect(malformed).toThrow(expect.objectContaining({ name: 'DeployError', code: 'InvalidDeployJson' }))
    expect(malformed).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: Copy 1 is not deploy JSON: Invalid deploy JSON at deploy
        copy: 1
        field: deploy
        expected: the fields hash, header, payment, session, approvals
        got: no approvals
      Remedy: Use the deploy file exactly as casper-client or casper-multisig wrote it.]
    `)
  })

  test('nothing to merge', () => {
    expect(() => mergeApprovals()).toThrowErrorMatchingInlineSnapshot(`
      [MergeError: Nothing to merge
        expected: at least one deploy
        got: none]
    `)
  })
})

describe('merge laws (fast-check)', () => {
  test('the result is the oracle: the smallest valid signature per signer, sorted by signer', () => {
    fc.assert(
      fc.property(fc.array(arbitraryCopy, { minLength: 1, maxLength: 3 }), (copies) => {
        expect(mergeApprovals(...copies).deploy.approvals).toEqual(expectedApprovals(...copies))
      }),
      { numRuns: 60 },
    )
  })

  test('commutative, with the same rejections', () => {
    fc.assert(
      fc.property(arbitraryCopy, arbitraryCopy, (a, b) => {
        const ab = mergeApprovals(a, b)
        const ba = mergeApprovals(b, a)
        expect(text(ab.deploy)).toBe(text(ba.deploy))
        expect(rejectionSet(ab.rejected)).toEqual(rejectionSet(ba.rejected))
      }),
      { numRuns: 60 },
    )
  })

  test('associative', () => {
    fc.assert(
      fc.property(arbitraryCopy, arbitraryCopy, arbitraryCopy, (a, b, c) => {
        const left = mergeApprovals(mergeApprovals(a, b).deploy, c).deploy
        const right = mergeApprovals(a, mergeApprovals(b, c).deploy).deploy
        expect(text(left)).toBe(text(right))
        expect(text(left)).toBe(text(mergeApprovals(a, b, c).deploy))
      }),
      { numRuns: 40 },
    )
  })

  test('idempotent', () => {
    fc.assert(
      fc.property(arbitraryCopy, (a) => {
        const once = mergeApprovals(a).deploy
        expect(text(mergeApprovals(a, a).deploy)).toBe(text(once))
        expect(text(mergeApprovals(once).deploy)).toBe(text(once))
        expect(mergeApprovals(once, once).rejected).toEqual([])
      }),
      { numRuns: 60 },
    )
  })

  test('nothing is dropped silently: every input approval is merged or reported from its copy', () => {
    fc.assert(
      fc.property(fc.array(arbitraryCopy, { minLength: 1, maxLength: 3 }), (copies) => {
        const { deploy, rejected } = mergeApprovals(...copies)
        const merged = new Set(deploy.approvals.map(approvalKey))
        copies.forEach((c, from) => {
          for (const approval of c.approvals) {
            const key = approvalKey(approval)
            const report = rejected.find((r) => r.from === from && approvalKey(r.approval) === key)
            expect(merged.has(key) || report !== undefined).toBe(true)
            const label = pool.find((entry) => approvalKey(entry.approval) === key)!.expected
            if (label !== 'valid') expect(report?.reason).toBe(label)
          }
        })
      }),
      { numRuns: 60 },
    )
  })
})
