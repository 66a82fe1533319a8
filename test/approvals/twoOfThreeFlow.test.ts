// The 2-of-3 flow: three keys (ed25519 and secp256k1), one deploy, signatures gathered in separate
// copies passed as JSON files, merged in every order, progress after each, preflight ready only at
// the threshold.
import { describe, expect, test } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import { mergeApprovals } from '../../src/approvals/mergeApprovals.js'
import { signatureProgress } from '../../src/approvals/signatureProgress.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import { buildConfigureDeploy } from '../../src/deploy/buildConfigureDeploy.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { preflight } from '../../src/preflight/preflight.js'

const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
const bob = localSigner('b2'.repeat(32), { algorithm: 'secp256k1' })
const carol = localSigner('c3'.repeat(32), { algorithm: 'ed25519' })
const dave = localSigner('d4'.repeat(32), { algorithm: 'secp256k1' })
const now = new Date('2024-06-01T12:00:00.000Z')

/** The multi-sig account: alice, bob, carol with weight 1 each, 2-of-3 for everything. */
const account: Account = {
  accountHash: alice.accountHash,
  associatedKeys: { [alice.accountHash]: 1, [bob.accountHash]: 1, [carol.accountHash]: 1 },
  actionThresholds: { deployment: 2, keyManagement: 2 },
}

/** A file round trip: what a co-signer receives is JSON text. */
const viaFile = (deploy: DeployJson) => parseDeployJson(JSON.stringify(deploy, null, 2))

async function buildDeploy() {
  const plan = await planReconfiguration(
    account,
    {
      associatedKeys: [
        { key: alice.publicKey, weight: 1 },
        { key: bob.publicKey, weight: 1 },
        { key: carol.publicKey, weight: 1 },
        { key: dave.publicKey, weight: 1 },
      ],
      thresholds: { deployment: 2, keyManagement: 3 },
    },
    { signers: [alice.publicKey, bob.publicKey] },
  )
  return buildConfigureDeploy(plan.deploys[0]!, {
    account: alice.publicKey,
    chainName: 'casper-test',
    timestamp: now,
  })
}

describe('2-of-3: gather, merge, check', () => {
  test('progress after each signature, merge in every order, preflight ready only at the threshold', async () => {
    const unsigned = viaFile(await buildDeploy())
    const start = await preflight(unsigned, account, { now, chainName: 'casper-test' })
    expect(start.ready).toBe(false)
    // In the node's order: no signer at all fails authorization before the approvals are counted.
    expect(start.errors.map((e) => e.code)).toEqual([
      'UnassociatedSigner',
      'BelowDeploymentThreshold',
      'NoApprovals',
    ])
    expect(start.emulation?.ok).toBe(true)

    // Each co-signer signs their own copy of the file.
    const copies = [
      viaFile(await signDeploy(viaFile(unsigned), alice)),
      viaFile(await signDeploy(viaFile(unsigned), bob)),
      viaFile(await signDeploy(viaFile(unsigned), carol)),
    ]
    for (const copy of copies) {
      expect(signatureProgress(copy, account).weight).toBe(1)
      expect((await preflight(copy, account, { now })).ready).toBe(false)
    }
    expect(signatureProgress(copies[0]!, account).summary).toMatchInlineSnapshot(
      `"weight 1 of 2 (key management); still needed: one of account-hash-9b9f9f14…, account-hash-e762901d…; not ready"`,
    )

    // Any two complete it, whatever the order of merging.
    const orders = [
      [0, 1],
      [1, 0],
      [0, 2],
      [2, 1],
    ]
    for (const order of orders) {
      const { deploy, rejected } = mergeApprovals(...order.map((i) => copies[i]!))
      expect(rejected).toEqual([])
      expect(signatureProgress(deploy, account).complete).toBe(true)
      const report = await preflight(viaFile(deploy), account, { now, chainName: 'casper-test' })
      expect(report.errors).toEqual([])
      expect(report.ready).toBe(true)
    }

    // All three, in every permutation, give the same deploy.
    const permutations = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ]
    const merged = permutations.map((p) => mergeApprovals(...p.map((i) => copies[i]!)).deploy)
    for (const deploy of merged) expect(deploy).toEqual(merged[0])
    expect(merged[0]!.approvals).toHaveLength(3)
  })

  test('a signer that is not an associated key makes preflight refuse the deploy (1.5)', async () => {
    const unsigned = await buildDeploy()
    const signed = await signDeploy(await signDeploy(await signDeploy(unsigned, alice), bob), dave)
    const report = await preflight(signed, account, { now, protocol: '1.5' })
    expect(report.errors.map((e) => e.code)).toEqual(['UnassociatedSigner'])
    expect((await preflight(signed, account, { now, protocol: '2.0' })).ready).toBe(true)
  })

  test('a deploy whose session would fail is refused with the revert', async () => {
    const unsigned = await buildDeploy()
    const signed = await signDeploy(await signDeploy(unsigned, alice), bob)
    // Meanwhile someone added dave already: the add would revert with DuplicateKey.
    const changed = { ...account, associatedKeys: { ...account.associatedKeys, [dave.accountHash]: 1 } }
    const report = await preflight(signed, changed, { now })
    expect(report.errors).toMatchInlineSnapshot(`
      [
        {
          "code": "SessionWouldFail",
          "details": {
            "revert": "DuplicateKey [22]",
          },
          "message": "the session would fail: ApiError::DuplicateKey [22]",
          "severity": "error",
        },
      ]
    `)
  })

  test('payment below the emulated cost and an expired deploy are refused', async () => {
    const plan = await planReconfiguration(account, {
      associatedKeys: [
        { key: alice.publicKey, weight: 1 },
        { key: bob.publicKey, weight: 1 },
      ],
      thresholds: { deployment: 1, keyManagement: 2 },
    })
    const cheap = buildConfigureDeploy(plan.deploys[0]!, {
      account: alice.publicKey,
      chainName: 'casper-test',
      timestamp: now,
      ttl: '1h',
      payment: 1000n,
      // Built without the floor the builders hold to, so that preflight has it to refuse.
      chainspec: { ...casperMainnet, baselineMotesAmount: 0n },
    })
    const signed = await signDeploy(await signDeploy(cheap, alice), bob)
    const later = new Date(now.getTime() + 2 * 3_600_000)
    const report = await preflight(signed, account, { now: later, chainName: 'casper' })
    // In the node's order: is_config_compliant (chain name, then the payment below
    // baseline_motes_amount: InvalidDeploy::InvalidPaymentAmount), then the acceptor's expiry.
    expect(report.errors.map((e) => e.code)).toEqual([
      'WrongChain',
      'PaymentBelowBaseline',
      'Expired',
      'PaymentBelowCost',
    ])
  })
})
