// A wallet's raw 64-byte signature (no tag) in one copy is that approval's problem, not the merge's.
import { describe, expect, test } from 'vitest'
import { mergeApprovals } from '../../src/approvals/mergeApprovals.js'
import { verifyDeployJson } from '../../src/approvals/verifyDeployJson.js'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import type { ApprovalJson, DeployJson } from '../../src/deploy/DeployJson.js'
import { vector } from '../vectors.js'

const synthetic = vector<DeployJson>('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
const [edApproval, secpApproval] = synthetic.approvals as [ApprovalJson, ApprovalJson]
const untagged = { signer: secpApproval.signer, signature: secpApproval.signature.slice(2) }

describe('an untagged wallet signature', () => {
  test('merge keeps the good approvals and reports the untagged one for its copy', () => {
    const { deploy, rejected } = mergeApprovals(
      { ...synthetic, approvals: [edApproval] },
      { ...synthetic, approvals: [untagged] },
    )
    expect(deploy.approvals).toEqual([edApproval])
    expect(rejected).toEqual([
      {
        approval: untagged,
        from: 1,
        reason: 'MalformedSignature',
        message: expect.stringContaining('64 bytes with no tag (prefix it with 02'),
      },
    ])
  })

  test('a file carrying it is read, and verification names that approval', () => {
    const text = JSON.stringify({ ...synthetic, approvals: [edApproval, untagged] })
    const report = verifyDeployJson(parseDeployJson(text))
    expect(report.valid.map((v) => v.index)).toEqual([0])
    expect(report.rejected.map((r) => [r.index, r.reason])).toEqual([[1, 'MalformedSignature']])
  })

  test('a signature of another length is still refused as malformed JSON', () => {
    expect(() =>
      parseDeployJson({ ...synthetic, approvals: [{ ...edApproval, signature: '01ab' }] }),
    ).toThrow(expect.objectContaining({ code: 'InvalidDeployJson' }))
  })
})
