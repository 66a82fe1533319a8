// The acceptor against casper-node v1.5.8 deploy.rs / deploy_acceptor.rs: resubmissions, the
// approvals BTreeSet, the size limit and the Transfer amount checks.
import { ed25519 } from '@noble/curves/ed25519'
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { buildTwoPartyDeploy, buildTwoPartyTransaction } from '../../src/deploy/buildTwoPartyDeploy.js'
import type { DeployJson, ExecutableDeployItemJson } from '../../src/deploy/DeployJson.js'
import { sdkDeployFromJson } from '../../src/deploy/sdk.js'
import { acceptSubmission } from '../../src/devnet/acceptSubmission.js'
import { createGenesisState, type DevnetItem, type DevnetState } from '../../src/devnet/DevnetState.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { alice, bob } from './devnetKit.js'

const chainName = 'casper-devnet'
const timestamp = Date.parse('2024-06-01T00:00:00.000Z')
const now = timestamp + 1_000

/** A 1.5 chain where Alice has a fresh account (1,000,000 CSPR). */
function chain(protocol: '1.5' | '2.0' = '1.5'): DevnetState {
  const state = createGenesisState(chainName, protocol, timestamp - 60_000)
  state.accounts[alice.accountHash] = {
    publicKey: alice.publicKey,
    account: createAccount(alice.accountHash),
    mainPurse: `uref-${'00'.repeat(32)}-007`,
    balance: 10n ** 15n,
  }
  return state
}

/** Alice's two-party deploy (adds Bob), signed by Alice, at a fixed timestamp. */
async function aliceDeploy(): Promise<DeployJson> {
  const { deploy } = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName,
    deploymentAccount: bob.publicKey,
    current: createAccount(alice.accountHash),
    timestamp,
  })
  return signDeploy(deploy, alice)
}

function submit(state: DevnetState, deploy: DeployJson, at = now) {
  return acceptSubmission(state, { deploy }, 'account_put_deploy', at)
}

/** What the node said, or 'accepted'. */
function verdictOf(state: DevnetState, deploy: DeployJson, at = now): string {
  const verdict = submit(state, deploy, at)
  if (verdict.ok) return 'accepted'
  return 'data' in verdict ? verdict.data : `invalid params: ${verdict.invalidParams}`
}

/** Stores an accepted item as startDevnet's `accept` does. */
function store(state: DevnetState, item: DevnetItem): void {
  state.items[item.hash] = item
  state.pending.push(item.hash)
}

/** U512 bytesrepr: one length byte, then the minimal little-endian bytes. */
function u512Hex(value: bigint): string {
  const bytes: number[] = []
  for (let v = value; v > 0n; v >>= 8n) bytes.push(Number(v & 0xffn))
  return bytesToHex(Uint8Array.from([bytes.length, ...bytes]))
}

/** A deploy whose session is a native Transfer with these args (hashes left stale: config checks come first). */
function withTransferSession(deploy: DeployJson, args: ExecutableDeployItemJson[string]['args']): DeployJson {
  return { ...deploy, session: { Transfer: { args } } }
}

const target: ExecutableDeployItemJson[string]['args'][number] = [
  'target',
  { cl_type: { ByteArray: 32 }, bytes: '11'.repeat(32) },
]

describe('a resubmitted hash goes through every check again (deploy_acceptor.rs accept)', () => {
  test('accepted once; again while valid → the stored item; once expired → refused', async () => {
    const state = chain()
    const deploy = await aliceDeploy()
    const first = submit(state, deploy)
    expect(first).toMatchObject({ ok: true, duplicate: false })
    if (!first.ok) return
    store(state, first.item)

    expect(submit(state, deploy, now + 5_000)).toEqual({ ok: true, item: first.item, duplicate: true })

    const expiresAt = timestamp + 2 * 3_600_000
    expect(deploy.header.ttl).toBe('2h')
    expect(verdictOf(state, deploy, expiresAt + 1)).toMatchInlineSnapshot(
      `"deploy received by the node expired at 2024-06-01T02:00:00.000Z with node's time at 2024-06-01T02:00:00.001Z"`,
    )
  })

  test('a resubmission with a bad extra approval is refused, and the stored copy is kept', async () => {
    const state = chain()
    const deploy = await aliceDeploy()
    const first = submit(state, deploy)
    if (!first.ok) return expect.unreachable('accepted')
    store(state, first.item)
    const forged = {
      ...deploy,
      approvals: [...deploy.approvals, { signer: alice.publicKey, signature: `01${'00'.repeat(64)}` }],
    }
    expect(verdictOf(state, forged)).toMatchInlineSnapshot(
      `"invalid deploy: the approval at index 0 is invalid: asymmetric key error: failed to verify Ed25519 signature"`,
    )
    expect(state.items[deploy.hash]?.json.approvals).toEqual(deploy.approvals)
  })
})

describe('approvals are a BTreeSet: deduplicated, sorted by signer then signature', () => {
  test('101 copies of one approval count once (max_associated_keys 100) and are stored once', async () => {
    const state = chain()
    const deploy = await aliceDeploy()
    const verdict = submit(state, { ...deploy, approvals: Array(101).fill(deploy.approvals[0]) })
    expect(verdict).toMatchObject({ ok: true })
    expect(verdict.ok && verdict.item.json.approvals).toEqual(deploy.approvals)
  })

  test('101 distinct signers exceed the maximum of 100', async () => {
    const state = chain()
    const deploy = await aliceDeploy()
    const approvals = Array.from({ length: 101 }, (_, i) => ({
      signer: `01${bytesToHex(ed25519.getPublicKey(Uint8Array.from({ length: 32 }, () => i + 1)))}`,
      signature: `01${'00'.repeat(64)}`,
    }))
    expect(verdictOf(state, { ...deploy, approvals })).toMatchInlineSnapshot(
      `"invalid deploy: number of associated keys 101 exceeds the maximum 100"`,
    )
  })

  test('"approval at index N" counts in the sorted set, not in the JSON array', async () => {
    const state = chain()
    const deploy = await aliceDeploy()
    const [valid] = deploy.approvals
    // Same signer, so the signature bytes decide the order: 00… sorts first, ff… last.
    const low = { signer: alice.publicKey, signature: `01${'00'.repeat(64)}` }
    const high = { signer: alice.publicKey, signature: `01${'ff'.repeat(64)}` }
    expect(verdictOf(state, { ...deploy, approvals: [valid!, valid!, low] })).toMatchInlineSnapshot(
      `"invalid deploy: the approval at index 0 is invalid: asymmetric key error: failed to verify Ed25519 signature"`,
    )
    expect(verdictOf(state, { ...deploy, approvals: [high, valid!] })).toMatchInlineSnapshot(
      `"invalid deploy: the approval at index 1 is invalid: asymmetric key error: failed to verify Ed25519 signature"`,
    )
  })
})

describe('size limit (deploy.rs is_valid_size, chainspec max_deploy_size 1_048_576)', () => {
  test('one byte over is refused first; exactly at the limit passes the size check', async () => {
    const state = chain()
    const deploy = await aliceDeploy()
    const module = (deploy.session.ModuleBytes!.module_bytes as string).length / 2
    // casper-js-sdk's full Deploy.toBytes as the independent measure of the serialized length.
    const base = sdkDeployFromJson(deploy).toBytes().length - module
    const sized = (total: number): DeployJson => ({
      ...deploy,
      session: { ModuleBytes: { ...deploy.session.ModuleBytes!, module_bytes: '00'.repeat(total - base) } },
    })
    expect(sdkDeployFromJson(sized(1_048_577)).toBytes().length).toBe(1_048_577)
    expect(verdictOf(state, sized(1_048_577))).toMatchInlineSnapshot(
      `"invalid deploy: deploy size too large: deploy size of 1048577 bytes exceeds limit of 1048576"`,
    )
    // At the limit the next rule speaks (the body no longer matches its hash).
    expect(verdictOf(state, sized(1_048_576))).toMatchInlineSnapshot(
      `"invalid deploy: the provided body hash does not match the actual hash of the body"`,
    )
    expect(verdictOf(chain('2.0'), sized(1_048_577))).toMatchInlineSnapshot(
      `"the deploy was invalid: couldn't associate a transaction lane with the transaction"`,
    )
  })
})

describe('Transfer sessions: the amount (deploy.rs is_config_compliant, native_transfer_minimum_motes)', () => {
  // Texts: node/src/types/deploy/error.rs v1.5.8, prefixed "invalid deploy: " by deploy_acceptor.rs.
  test.each([
    ['no amount', [target], "invalid deploy: missing transfer 'amount' runtime argument"],
    [
      'an amount that is not a U512',
      [['amount', { cl_type: 'U64', bytes: '00f9029500000000' }], target],
      "invalid deploy: failed to parse transfer 'amount' as U512",
    ],
    [
      'an amount with leftover bytes',
      [['amount', { cl_type: 'U512', bytes: `${u512Hex(2_500_000_000n)}00` }], target],
      "invalid deploy: failed to parse transfer 'amount' as U512",
    ],
    [
      'one mote under the minimum',
      [['amount', { cl_type: 'U512', bytes: u512Hex(2_499_999_999n) }], target],
      'invalid deploy: insufficient transfer amount; minimum: 2500000000 attempted: 2499999999',
    ],
  ] as const)('%s', async (_, args, expected) => {
    const deploy = withTransferSession(await aliceDeploy(), [
      ...args,
    ] as ExecutableDeployItemJson[string]['args'])
    expect(verdictOf(chain(), deploy)).toBe(expected)
  })

  test('the minimum passes the amount checks (the next rule speaks)', async () => {
    const args = [['amount', { cl_type: 'U512', bytes: u512Hex(2_500_000_000n) }], target] as const
    const deploy = withTransferSession(await aliceDeploy(), [
      ...args,
    ] as ExecutableDeployItemJson[string]['args'])
    expect(u512Hex(2_500_000_000n)).toBe('0400f90295')
    expect(verdictOf(chain(), deploy)).toMatchInlineSnapshot(
      `"invalid deploy: the provided body hash does not match the actual hash of the body"`,
    )
  })

  test('2.0 wording', async () => {
    const deploy = withTransferSession(await aliceDeploy(), [target])
    expect(verdictOf(chain('2.0'), deploy)).toMatchInlineSnapshot(
      `"the deploy was invalid: the deploy sent to the network was missing a transfer amount"`,
    )
  })
})

describe('payment amount is read from any payment variant before the payment logic', () => {
  test('a Transfer payment without amount → MissingPaymentAmount (not "transfer is not valid for payment code")', async () => {
    const deploy = await aliceDeploy()
    expect(verdictOf(chain(), { ...deploy, payment: { Transfer: { args: [] } } })).toMatchInlineSnapshot(
      `"invalid deploy: missing payment 'amount' runtime argument "`,
    )
    const stored = {
      StoredContractByName: { name: 'payment', entry_point: 'pay', args: [] },
    } as ExecutableDeployItemJson
    expect(verdictOf(chain(), { ...deploy, payment: stored })).toMatchInlineSnapshot(
      `"invalid deploy: missing payment 'amount' runtime argument "`,
    )
  })
})

// casper-types 2.0.0 transaction/deploy.rs is_config_compliant: `payment_amount <
// baseline_motes_amount` is InvalidDeploy::InvalidPaymentAmount for a session that is not a
// transfer; node meta_transaction_v1.rs likewise for a PaymentLimited V1 outside the mint and
// auction lanes. Node tests: transaction_acceptor/tests.rs should_reject_deploy_with_insufficient_payment,
// should_reject_transaction_v1_with_insufficient_payment. Binary port texts: error_code.rs 107, 109.
describe('the least payment: baseline_motes_amount (2.x)', () => {
  const twoParty = async (payment: bigint) => {
    const { deploy } = await buildTwoPartyDeploy({
      account: alice.publicKey,
      chainName,
      deploymentAccount: bob.publicKey,
      timestamp,
      payment,
      // Built without the floor the builders hold to, so that the devnet has it to refuse.
      chainspec: { ...casperMainnet, baselineMotesAmount: 0n },
    })
    return signDeploy(deploy, alice)
  }

  test('a deploy paying 1 mote under 2.5 CSPR is refused; 2.5 CSPR exactly is accepted', async () => {
    expect(verdictOf(chain('2.0'), await twoParty(2_499_999_999n))).toMatchInlineSnapshot(
      `"the deploy was invalid: Invalid payment amount for Transaction::Deploy"`,
    )
    expect(verdictOf(chain('2.0'), await twoParty(2_500_000_000n))).toBe('accepted')
    const refused = submit(chain('2.0'), await twoParty(2_000_000_000n))
    expect(refused).toMatchObject({ ok: false, violation: { code: 'PaymentBelowBaseline' } })
  })

  test('1.5 has no floor: 0.6 CSPR is accepted', async () => {
    expect(verdictOf(chain('1.5'), await twoParty(600_000_000n))).toBe('accepted')
  })

  test('a native transfer deploy is exempt: its payment is not compared with the baseline', async () => {
    const deploy = withTransferSession(await twoParty(100_000_000n), [
      ['amount', { cl_type: 'U512', bytes: u512Hex(2_500_000_000n) }],
      target,
    ])
    const verdict = submit(chain('2.0'), deploy)
    expect(verdict.ok).toBe(false)
    expect(verdict).not.toMatchObject({ violation: { code: 'PaymentBelowBaseline' } })
  })

  test('a TransactionV1 paying 2 CSPR is refused with the V1 text', async () => {
    const { transaction } = await buildTwoPartyTransaction({
      account: alice.publicKey,
      chainName,
      deploymentAccount: bob.publicKey,
      timestamp,
      payment: 2_000_000_000n,
      // Built without the floor the builders hold to, so that the devnet has it to refuse.
      chainspec: { ...casperMainnet, baselineMotesAmount: 0n },
    })
    const verdict = acceptSubmission(chain('2.0'), { transaction }, 'account_put_transaction', now)
    expect(verdict).toMatchObject({ ok: false, violation: { code: 'PaymentBelowBaseline' } })
    expect('data' in verdict && verdict.data).toMatchInlineSnapshot(
      `"the transaction was invalid: Invalid payment amount for Transaction::V1"`,
    )
  })
})
