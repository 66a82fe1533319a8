// The main entry signs, merges, verifies and measures a TransactionV1 ({ "Version1": … }) as it does a
// deploy: the same functions, on the same engine as the cosign entry.
import { readFileSync } from 'node:fs'
import { describe, expect, test, vi } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import { MergeError } from '../../src/approvals/MergeError.js'
import { mergeApprovals } from '../../src/approvals/mergeApprovals.js'
import { signatureProgress } from '../../src/approvals/signatureProgress.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { walletSigner } from '../../src/approvals/walletSigner.js'
import { verifyTransaction } from '../../src/cosign/verifyFile.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { vector } from '../vectors.js'

const name = 'SYNTHETIC_transaction_v1_session_2approvals'
const meta = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.meta.json')
const signedVector: TransactionJson = vector(`${name}.json`)
const unsigned: TransactionJson = { Version1: { ...signedVector.Version1, approvals: [] } }
const [edApproval, secpApproval] = signedVector.Version1.approvals
const edSigner = localSigner(meta.ed25519_secret_key_hex, { algorithm: 'ed25519' })
const secpSigner = localSigner(meta.secp256k1_secret_key_hex, { algorithm: 'secp256k1' })
const copy = (approvals: TransactionJson['Version1']['approvals']): TransactionJson => ({
  Version1: { ...structuredClone(signedVector.Version1), approvals },
})

describe('a TransactionV1 through the main entry', () => {
  test('signDeploy: two co-signers rebuild the vector exactly, and the file text too', async () => {
    const once = await signDeploy(unsigned, edSigner)
    expect(once.Version1.approvals).toEqual([edApproval])
    const twice = await signDeploy(once, secpSigner)
    expect(twice).toEqual(signedVector)
    expect(JSON.stringify(twice, null, 2)).toBe(
      readFileSync(new URL(`../vectors/${name}.json`, import.meta.url), 'utf8').trimEnd(),
    )
    expect(unsigned.Version1.approvals).toEqual([])
  })

  test('signDeploy: one approval per key, and a payload changed after hashing is refused', async () => {
    const spy = vi.fn(edSigner.sign)
    expect(await signDeploy(copy([edApproval!]), { publicKey: edSigner.publicKey, sign: spy })).toEqual(
      copy([edApproval!]),
    )
    expect(spy).not.toHaveBeenCalled()
    const tampered = structuredClone(unsigned)
    tampered.Version1.payload.ttl = '1h'
    await expect(signDeploy(tampered, edSigner)).rejects.toMatchObject({
      name: 'DeployError',
      code: 'HashMismatch',
      details: { field: 'hash', got: signedVector.Version1.hash },
    })
  })

  test('signDeploy hands the transaction to a wallet', async () => {
    const shown: unknown[] = []
    const wallet = walletSigner({
      publicKey: edSigner.publicKey,
      sign: async ({ hash, deploy, transaction }) => {
        shown.push({ deploy, transaction })
        return (await edSigner.sign(hash)).subarray(1)
      },
    })
    await signDeploy(unsigned, wallet)
    expect(shown).toEqual([{ deploy: undefined, transaction: unsigned }])
  })

  test('mergeApprovals: the halves merge back into the vector, sorted by signer; others are refused', () => {
    const { deploy, added, rejected } = mergeApprovals(copy([secpApproval!]), copy([edApproval!]))
    expect(deploy).toEqual(signedVector)
    expect(added).toEqual([edApproval])
    expect(rejected).toEqual([])
    const other = copy([secpApproval!])
    other.Version1.payload.chain_name = 'casper'
    expect(() => mergeApprovals(copy([edApproval!]), other)).toThrow(MergeError)
    expect(() => mergeApprovals(copy([edApproval!]), other)).toThrow(
      /different transactions: payload.chain_name differs/,
    )
  })

  test('verifyTransaction and signatureProgress read the JSON', () => {
    expect(verifyTransaction(signedVector).ok).toBe(true)
    expect(verifyTransaction(unsigned)).toMatchObject({ ok: false, approvalCount: 0 })
    const account: Account = {
      accountHash: edSigner.accountHash,
      associatedKeys: { [edSigner.accountHash]: 1, [secpSigner.accountHash]: 1 },
      actionThresholds: { deployment: 2, keyManagement: 2 },
    }
    expect(signatureProgress(copy([edApproval!]), account)).toMatchObject({
      weight: 1,
      complete: false,
      neededSets: [[secpSigner.accountHash]],
    })
    expect(signatureProgress(signedVector, account).complete).toBe(true)
    expect(signatureProgress(unsigned, account).problems.map((p) => p.code)).toEqual(['EmptyApprovals'])
  })
})
