import { secp256k1 } from '@noble/curves/secp256k1'
import { sha256 } from '@noble/hashes/sha2'
import { describe, expect, test } from 'vitest'
import { verifyDeployJson } from '../../src/approvals/verifyDeployJson.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { sdk } from '../../src/deploy/sdk.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { verifyApproval } from '../../src/keys/verifyApproval.js'
import { vector } from '../vectors.js'
import { ed25519Signer, secp256k1Signer, testSigner, toHighS } from './testSigners.js'

const synthetic = vector<DeployJson>('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
const meta = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.meta.json')
const clientRs = vector<DeployJson>('deploy_2approvals_casper-client-rs.json')
const nodeExample = vector<DeployJson>('deploy_transfer_rpc-schema-example_casper-node-v1.5.8.json')
const sdkExample = vector<{ deploy: DeployJson }>(
  'deploy_transfer_with-expected-bytes_casper-js-sdk-2.15.4.json',
).deploy
const vectors = { synthetic, clientRs, nodeExample, sdkExample }

const edKey = ed25519Signer(hexToBytes(meta.ed25519_secret_key_hex))
const secpKey = secp256k1Signer(hexToBytes(meta.secp256k1_secret_key_hex))
const [edApproval, secpApproval] = synthetic.approvals as [
  (typeof synthetic.approvals)[0],
  (typeof synthetic.approvals)[0],
]

const clone = (deploy: DeployJson): DeployJson => structuredClone(deploy)
const withApprovals = (deploy: DeployJson, approvals: DeployJson['approvals']) => ({
  ...clone(deploy),
  approvals,
})

describe('published vectors', () => {
  test.each(Object.entries(vectors))('%s: hash, body hash and every approval verify', (_, deploy) => {
    const report = verifyDeployJson(deploy)
    expect(report.problems).toEqual([])
    expect(report.rejected).toEqual([])
    expect(report.hash).toBe(deploy.hash)
    expect(report.bodyHash).toBe(deploy.header.body_hash)
    expect(report.valid).toHaveLength(deploy.approvals.length)
    expect(report.ok).toBe(true)
  })

  test('SYNTHETIC carries one ed25519 and one secp256k1 approval, by the keys in its meta file', () => {
    expect([edApproval.signer.slice(0, 2), secpApproval.signer.slice(0, 2)]).toEqual(['01', '02'])
    expect(verifyApproval(synthetic.hash, edApproval)).toEqual({
      ok: true,
      accountHash: meta.header_account_hash,
    })
    expect(verifyApproval(synthetic.hash, secpApproval)).toEqual({
      ok: true,
      accountHash: meta.associated_account_hash,
    })
  })

  test('the test signers reproduce the vector (deterministic ed25519 and RFC 6979 secp256k1)', () => {
    expect(edKey.sign(synthetic.hash)).toEqual(edApproval)
    expect(secpKey.publicKey).toBe(secpApproval.signer)
    expect(verifyApproval(synthetic.hash, secpKey.sign(synthetic.hash)).ok).toBe(true)
  })

  test('accepts the hash as bytes and hex of either case', () => {
    expect(verifyApproval(hexToBytes(synthetic.hash), edApproval).ok).toBe(true)
    expect(
      verifyApproval(synthetic.hash.toUpperCase(), {
        ...edApproval,
        signature: edApproval.signature.toUpperCase(),
      }).ok,
    ).toBe(true)
  })
})

describe('tampering is caught, each with its own code', () => {
  test('a changed session arg: BodyHashMismatch, and HashMismatch (the header needs the new body hash)', () => {
    const deploy = clone(synthetic)
    deploy.session.ModuleBytes!.args[0]![1].bytes = '00'.repeat(32)
    expect(verifyDeployJson(deploy).problems).toMatchInlineSnapshot(`
      [
        {
          "code": "BodyHashMismatch",
          "message": "expected header.body_hash e4f4f07235c090693eeb6e23d50ce1c50d03467c16d661494b516774f90dc996 (blake2b of payment and session), got c41fa10de1b7ad7b8187fb043099012508337bb30cd0dcb420aa462f84e0e4cb",
        },
        {
          "code": "HashMismatch",
          "message": "expected hash 8a042ca65802b12242fbf4c33c10a9500e86a1710fe94c0ec7572d160679ada1 (blake2b of the content), got 18b078b05cff3fc98e4e3b6581825bfa853f6d2a251478dc898e79b7fc4f5958",
        },
      ]
    `)
  })

  test('a changed session arg with body_hash updated to match: HashMismatch', () => {
    const deploy = clone(synthetic)
    deploy.session.ModuleBytes!.args[0]![1].bytes = '00'.repeat(32)
    deploy.header.body_hash = verifyDeployJson(deploy).bodyHash
    const report = verifyDeployJson(deploy)
    expect(report.problems.map((p) => p.code)).toEqual(['HashMismatch'])
    expect(report.ok).toBe(false)
  })

  test('a changed header field: HashMismatch', () => {
    const deploy = clone(synthetic)
    deploy.header.ttl = '2h'
    expect(verifyDeployJson(deploy).problems).toMatchInlineSnapshot(`
      [
        {
          "code": "HashMismatch",
          "message": "expected hash 4cd15f4107542873c43831369c43f1172aa4d1e9f439eb1de1a5f8a051605a4f (blake2b of the content), got 18b078b05cff3fc98e4e3b6581825bfa853f6d2a251478dc898e79b7fc4f5958",
        },
      ]
    `)
  })

  test("signer A's signature under signer B: InvalidSignature", () => {
    const [a, b] = clientRs.approvals as [(typeof clientRs.approvals)[0], (typeof clientRs.approvals)[0]]
    expect(
      verifyApproval(clientRs.hash, { signer: b.signer, signature: a.signature }),
    ).toMatchInlineSnapshot(`
      {
        "message": "expected an ed25519 signature of hash 1053f767f1734e3b5b31253ea680778ac53f134f7c24518bf2c4cbb204852617 by account-hash-bca73e3d4763b10143bf8f3fa1f73a09dd20c3c470e75a7676a617e5774b8a72, got one that does not verify",
        "ok": false,
        "reason": "InvalidSignature",
      }
    `)
    const report = verifyDeployJson(
      withApprovals(clientRs, [a, { signer: b.signer, signature: a.signature }]),
    )
    expect(report.rejected.map(({ index, reason }) => ({ index, reason }))).toEqual([
      { index: 1, reason: 'InvalidSignature' },
    ])
  })

  test('an ed25519 signature tagged secp256k1: TagMismatch (casper-js-sdk 5.0.12 lets it through)', () => {
    const wrongTag = { signer: edApproval.signer, signature: `02${edApproval.signature.slice(2)}` }
    expect(verifyApproval(synthetic.hash, wrongTag)).toMatchInlineSnapshot(`
      {
        "message": "expected signature tag 01 (ed25519, the signer's algorithm), got 02 (secp256k1)",
        "ok": false,
        "reason": "TagMismatch",
      }
    `)
    expect(verifyDeployJson(withApprovals(synthetic, [wrongTag])).rejected[0]?.reason).toBe('TagMismatch')
    // casper-js-sdk 5.0.12 `Deploy.validate` ignores the signature tag; this is why we check it ourselves.
    let sdkVerdict: unknown
    try {
      sdkVerdict = sdk.Deploy.fromJSON(withApprovals(synthetic, [wrongTag])).validate()
    } catch (error) {
      sdkVerdict = error
    }
    expect(sdkVerdict).toBe(true)
  })

  test("the same signer's signature of another deploy: InvalidSignature", () => {
    // casper-node's own example deploy is signed by the same ed25519 key (01d9bf…).
    const other = nodeExample.approvals[0]!
    expect(other.signer).toBe(edApproval.signer)
    expect(verifyApproval(synthetic.hash, other)).toMatchInlineSnapshot(`
      {
        "message": "expected an ed25519 signature of hash 18b078b05cff3fc98e4e3b6581825bfa853f6d2a251478dc898e79b7fc4f5958 by account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2, got one that does not verify",
        "ok": false,
        "reason": "InvalidSignature",
      }
    `)
  })

  test('a high-S secp256k1 signature: HighS (valid ECDSA, refused by casper-node)', () => {
    const high = { signer: secpApproval.signer, signature: toHighS(secpApproval.signature) }
    // It is the same signature in its other form: plain ECDSA without the low-S rule accepts it.
    const digest = sha256(hexToBytes(synthetic.hash))
    const raw = hexToBytes(high.signature.slice(2))
    const key = hexToBytes(high.signer.slice(2))
    expect(secp256k1.verify(raw, digest, key, { prehash: false, lowS: false, format: 'compact' })).toBe(true)
    expect(verifyApproval(synthetic.hash, high)).toMatchInlineSnapshot(`
      {
        "message": "expected a low-S secp256k1 signature (s <= n/2, as casper-node requires), got high S; replace s with n - s",
        "ok": false,
        "reason": "HighS",
      }
    `)
  })

  test('a high-S form of a wrong signature is just InvalidSignature', () => {
    const other = testSigner(1, 'secp256k1').sign(nodeExample.hash)
    const high = { signer: other.signer, signature: toHighS(other.signature) }
    expect(verifyApproval(synthetic.hash, high)).toMatchObject({ ok: false, reason: 'InvalidSignature' })
  })
})

describe('malformed approvals', () => {
  test('a raw 64-byte signature with no tag (what Casper Wallet returns)', () => {
    expect(
      verifyApproval(synthetic.hash, { ...edApproval, signature: edApproval.signature.slice(2) }),
    ).toMatchInlineSnapshot(`
        {
          "message": "expected signature 01 + 64 bytes, got 64 bytes with no tag (prefix it with 01 for the ed25519 signer)",
          "ok": false,
          "reason": "MalformedSignature",
        }
      `)
  })
  test('a signer of the wrong length', () => {
    expect(
      verifyApproval(synthetic.hash, { ...edApproval, signer: edApproval.signer.slice(0, 64) }),
    ).toMatchInlineSnapshot(`
        {
          "message": "expected signer 01 + 32 bytes (ed25519) or 02 + 33 bytes (secp256k1) as hex, got 32 bytes starting 01 (01d9bf21…e290)",
          "ok": false,
          "reason": "MalformedSigner",
        }
      `)
  })
  test('a secp256k1 signer that is not on the curve', () => {
    expect(
      verifyApproval(synthetic.hash, { ...secpApproval, signer: `02${'ff'.repeat(33)}` }),
    ).toMatchInlineSnapshot(`
      {
        "message": "expected signer to be a secp256k1 public key, got 02ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff, which is not a point on the curve",
        "ok": false,
        "reason": "MalformedSigner",
      }
    `)
  })
  test('a secp256k1 signature with r = 0', () => {
    expect(
      verifyApproval(synthetic.hash, {
        ...secpApproval,
        signature: `02${'00'.repeat(32)}${secpApproval.signature.slice(66)}`,
      }),
    ).toMatchInlineSnapshot(`
        {
          "message": "expected secp256k1 r and s in 1..n-1, got 02000000…fdd4",
          "ok": false,
          "reason": "MalformedSignature",
        }
      `)
  })
  test('a deploy hash of the wrong length throws', () => {
    expect(() => verifyApproval('abcd', edApproval)).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: Invalid deploy hash
        expected: 64 hex digits or 32 bytes
        got: 2 bytes starting ab (abcd)]
    `)
  })
})

describe('approval counts (the node requires 1..=100)', () => {
  test('no approval: EmptyApprovals', () => {
    const report = verifyDeployJson(withApprovals(synthetic, []))
    expect(report.problems).toMatchInlineSnapshot(`
      [
        {
          "code": "EmptyApprovals",
          "message": "expected at least 1 approval, got 0",
        },
      ]
    `)
    expect(report.ok).toBe(false)
  })
  test("exact repeats count once, as in the node's BTreeSet", () => {
    expect(verifyDeployJson(withApprovals(synthetic, [edApproval, edApproval])).approvalCount).toBe(1)
  })
  test('101 distinct approvals: refused when read (max_associated_keys 100); 100 pass', () => {
    const approvals = Array.from({ length: 101 }, (_, i) => testSigner(i, 'ed25519').sign(synthetic.hash))
    expect(verifyDeployJson(withApprovals(synthetic, approvals.slice(0, 100))).ok).toBe(true)
    expect(() => verifyDeployJson(withApprovals(synthetic, approvals))).toThrow(
      expect.objectContaining({
        code: 'TooManyApprovals',
        details: expect.objectContaining({
          expected: 'at most 100 distinct approvals (chainspec max_associated_keys)',
        }),
      }),
    )
  })
})
