// Approvals per file are capped by the chainspec's max_associated_keys in both entries: casper-node
// refuses more (casper-types `InvalidDeploy::ExcessiveApprovals`,
// `TransactionV1ConfigFailure::ExcessiveApprovals`), so reading, merging or signing more is refused.
import { readFileSync } from 'node:fs'
import { describe, expect, test, vi } from 'vitest'
import { mergeFiles, parseCosignFile, signFile, testnet, withApprovals } from '../../src/cosign/index.js'
import { maxApprovalsRead } from '../../src/cosign/parseCosignFile.js'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { testSigner } from '../approvals/testSigners.js'

const deployText = readFileSync(
  new URL('../vectors/SYNTHETIC_deploy_multisig_modulebytes_2approvals.json', import.meta.url),
  'utf8',
)
const deploy: DeployJson = JSON.parse(deployText)
const at = { network: testnet, now: Date.parse('2024-01-01T00:10:00.000Z') }
const approvals = Array.from({ length: 120 }, (_, i) => testSigner(i, 'ed25519').sign(deploy.hash))
const withJson = (list: DeployJson['approvals']) => JSON.stringify({ ...deploy, approvals: list })

function refusal(step: () => unknown): BaseError {
  try {
    step()
  } catch (error) {
    if (error instanceof BaseError) return error
    throw error
  }
  throw new Error('accepted')
}

describe('approvals per file', () => {
  test(`both entries read at most ${maxApprovalsRead} distinct approvals, naming the limit; repeats count once`, () => {
    expect(maxApprovalsRead).toBe(testnet.maxAssociatedKeys)
    const over = approvals.slice(0, 101)
    for (const error of [
      refusal(() => parseCosignFile(withJson(over))),
      refusal(() => parseDeployJson(withJson(over))),
    ]) {
      expect(error.code).toBe('TooManyApprovals')
      expect(error.details).toMatchObject({
        field: 'approvals',
        expected: 'at most 100 distinct approvals (chainspec max_associated_keys)',
      })
      expect(error.remedy).toContain('ExcessiveApprovals')
    }
    expect(parseCosignFile(withJson(approvals.slice(0, 100))).approvals).toHaveLength(100)
    expect(parseDeployJson(withJson(approvals.slice(0, 100))).approvals).toHaveLength(100)
    // The node holds approvals in a BTreeSet: 101 copies of one are one approval.
    expect(parseCosignFile(withJson(Array(101).fill(approvals[0]))).approvals).toHaveLength(101)
    expect(parseDeployJson(withJson(Array(101).fill(approvals[0]))).approvals).toHaveLength(101)
  })

  test('a merge that would hold more valid approvals than the network accepts is refused with the count', () => {
    const a = parseCosignFile(withJson(approvals.slice(0, 60)))
    const b = parseCosignFile(withJson(approvals.slice(60, 120)))
    const error = refusal(() => mergeFiles([a, b], at))
    expect(error.code).toBe('TooManyApprovals')
    expect(error.details).toMatchObject({ got: '120 valid approvals from 2 copies' })
    expect(
      mergeFiles([a, parseCosignFile(withJson(approvals.slice(20, 100)))], at).merged.approvals,
    ).toHaveLength(100)
    // A network with a smaller max_associated_keys caps the merge at its own.
    const small = { ...at, network: { ...testnet, maxAssociatedKeys: 3 } }
    const two = parseCosignFile(withJson(approvals.slice(0, 2)))
    const other = parseCosignFile(withJson(approvals.slice(2, 4)))
    expect(refusal(() => mergeFiles([two, other], small)).details).toMatchObject({
      got: '4 valid approvals from 2 copies',
      expected: 'at most 3 distinct approvals (chainspec max_associated_keys)',
    })
  })

  test('signing a file that already holds the most approvals is refused before the signer is asked', async () => {
    const full = parseCosignFile(withJson(approvals.slice(0, 100)))
    const signer = localSigner('0f'.repeat(32), { algorithm: 'ed25519' })
    const sign = vi.spyOn(signer, 'sign')
    await expect(signFile(full, signer)).rejects.toMatchObject({
      code: 'TooManyApprovals',
      details: { got: '100 already, and one more' },
    })
    expect(sign).not.toHaveBeenCalled()
    const three = withApprovals(full, full.approvals.slice(0, 3))
    await expect(
      signFile(three, signer, { network: { ...testnet, maxAssociatedKeys: 3 } }),
    ).rejects.toMatchObject({
      code: 'TooManyApprovals',
    })
    expect((await signFile(three, signer)).approvals).toHaveLength(4)
  })
})
