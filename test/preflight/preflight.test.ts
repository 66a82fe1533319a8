// preflight refuses what casper-node v1.5.8 refuses on submission: deploy.rs is_config_compliant,
// deploy_header.rs is_valid / expired, deploy_acceptor.rs (balance); texts from types/deploy/error.rs.
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { encodeU512 } from '../../src/deploy/clValueJson.js'
import type { DeployJson, NamedArgJson } from '../../src/deploy/DeployJson.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { type PreflightOptions, preflight } from '../../src/preflight/preflight.js'
import { vector } from '../vectors.js'

const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
const bob = localSigner('b2'.repeat(32), { algorithm: 'secp256k1' })
const account = createAccount(alice.accountHash)
const now = new Date('2024-06-01T12:00:00.000Z')
const minute = 60_000
/** casper-node 1.5.8 with a 1-byte deploy size limit. */
const tiny = { ...casper15, maxTransactionLength: 1 }

/** Alice's fresh account adding bob: everything right unless a test changes it. */
async function twoParty(overrides: { timestamp?: number; ttl?: string; payment?: bigint } = {}) {
  const { deploy } = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName: 'casper-test',
    deploymentAccount: bob.publicKey,
    timestamp: overrides.timestamp ?? now.getTime() - minute,
    ttl: overrides.ttl ?? '30m',
    payment: overrides.payment,
  })
  return deploy
}

/** Rehashes a deploy whose content a test changed, then has alice sign it. */
async function resign(deploy: DeployJson): Promise<DeployJson> {
  const copy = structuredClone({ ...deploy, approvals: [] })
  const { bodyHash, hash } = deployHashes(copy)
  copy.header.body_hash = bodyHash
  copy.hash = hash
  return signDeploy(copy, alice)
}

async function check(deploy: DeployJson, options: PreflightOptions = {}) {
  const report = await preflight(parseDeployJson(JSON.stringify(deploy)), account, {
    now,
    protocol: '1.5',
    ...options,
  })
  return { ...report, codes: report.errors.map((e) => e.code) }
}
const message = (report: Awaited<ReturnType<typeof check>>, code: string) =>
  report.errors.find((e) => e.code === code)?.message

describe('preflight: node configuration rules', () => {
  test('a right deploy is ready', async () => {
    const report = await check(await signDeploy(await twoParty(), alice))
    expect(report.errors).toEqual([])
    expect(report.ready).toBe(true)
  })

  test('FutureTimestamp: refused beyond now + leeway (2 s by default), accepted within it', async () => {
    const at = (ms: number) => twoParty({ timestamp: now.getTime() + ms }).then((d) => signDeploy(d, alice))
    expect((await check(await at(2_000))).codes).toEqual([])
    const late = await check(await at(2_001))
    expect(late.codes).toEqual(['FutureTimestamp'])
    expect(message(late, 'FutureTimestamp')).toMatchInlineSnapshot(
      `"invalid deploy: timestamp of 2024-06-01T12:00:02.001Z is later than node's validation timestamp of 2024-06-01T12:00:00.000Z plus leeway of 2s"`,
    )
    expect((await check(await at(2_001), { timestampLeewayMs: 5_000 })).codes).toEqual([])
  })

  test('Expired: only when timestamp + ttl < now, as deploy_header.rs `expired`', async () => {
    const deploy = await signDeploy(
      await twoParty({ timestamp: now.getTime() - 30 * minute, ttl: '30m' }),
      alice,
    )
    expect((await check(deploy)).codes).toEqual([])
    const expired = await check(deploy, { now: now.getTime() + 1 })
    expect(expired.codes).toEqual(['Expired'])
    expect(message(expired, 'Expired')).toMatchInlineSnapshot(
      `"deploy received by the node expired at 2024-06-01T12:00:00.000Z with node's time at 2024-06-01T12:00:00.001Z"`,
    )
  })

  test('MissingPaymentAmount: no `amount` payment arg', async () => {
    const deploy = await twoParty()
    deploy.payment.ModuleBytes!.args = []
    const report = await check(await resign(deploy))
    expect(report.codes).toContain('MissingPaymentAmount')
    expect(message(report, 'MissingPaymentAmount')).toMatchInlineSnapshot(
      `"invalid deploy: missing payment 'amount' runtime argument "`,
    )
  })

  test('InvalidPaymentAmount: an `amount` that is not a U512', async () => {
    const deploy = await twoParty()
    deploy.payment.ModuleBytes!.args = [
      ['amount', { cl_type: 'U64', bytes: '00e40b5402000000', parsed: 10_000_000_000 }],
    ]
    const report = await check(await resign(deploy))
    expect(report.codes).toContain('InvalidPaymentAmount')
    expect(message(report, 'InvalidPaymentAmount')).toMatchInlineSnapshot(
      `"invalid deploy: failed to parse payment 'amount' as U512"`,
    )
  })

  test('ExceededBlockGasLimit: payment above 4_000_000_000_000 on 1.5, or the limit given', async () => {
    expect(
      (await check(await signDeploy(await twoParty({ payment: 4_000_000_000_000n }), alice))).codes,
    ).toEqual([])
    const report = await check(await signDeploy(await twoParty({ payment: 5_000_000_000_000n }), alice))
    expect(report.codes).toEqual(['ExceededBlockGasLimit'])
    expect(message(report, 'ExceededBlockGasLimit')).toMatchInlineSnapshot(
      `"invalid deploy: payment amount of 5000000000000 exceeds the block gas limit of 4000000000000"`,
    )
    const ordinary = await signDeploy(await twoParty(), alice)
    expect(
      (await check(ordinary, { chainspec: { ...casper15, blockGasLimit: 1_000n }, chainName: 'casper-test' }))
        .codes,
    ).toEqual([
      'ExceededBlockGasLimit',
      // A 1.5 session may use at most the block gas limit: 1000 gas does not run it either.
      'SessionWouldFail',
    ])
  })

  test('a transfer session has no payment check (its cost is fixed)', async () => {
    const example: DeployJson = vector('deploy_transfer_rpc-schema-example_casper-node-v1.5.8.json')
    // The node's own example pays with an I32 `amount`: fine for a Transfer session ...
    const transfer = await preflight(example, account, {
      now: new Date('2020-11-17T00:39:25.000Z'),
      protocol: '1.5',
    })
    expect(transfer.errors.map((e) => e.code)).not.toContain('InvalidPaymentAmount')
    // ... refused for any other session.
    const deploy = await twoParty()
    deploy.payment = example.payment
    expect((await check(await resign(deploy))).codes).toContain('InvalidPaymentAmount')
  })

  test('PaymentArgsTooLong: serialized payment args above 1024 bytes', async () => {
    const deploy = await twoParty()
    const padding: NamedArgJson = ['padding', { cl_type: { ByteArray: 1000 }, bytes: '00'.repeat(1000) }]
    deploy.payment.ModuleBytes!.args.push(padding)
    const report = await check(await resign(deploy))
    expect(report.codes).toContain('PaymentArgsTooLong')
    expect(message(report, 'PaymentArgsTooLong')).toMatchInlineSnapshot(
      `"invalid deploy: serialized payment code runtime args of 1044 exceeds limit of 1024"`,
    )
    expect(
      (
        await check(await resign(deploy), {
          chainspec: { ...casper15, deploy: { ...casper15.deploy, paymentArgsMaxLength: 2048 } },
          chainName: 'casper-test',
        })
      ).codes,
    ).not.toContain('PaymentArgsTooLong')
  })

  test('DeployTooLarge: serialized deploy above 1_048_576 bytes', async () => {
    const deploy = buildModuleBytesDeploy({
      account: alice.publicKey,
      chainName: 'casper-test',
      timestamp: now,
      wasm: new Uint8Array(1_048_576),
      args: [],
      payment: 2_500_000_000n,
    })
    const report = await check(await signDeploy(deploy, alice))
    expect(report.codes).toContain('DeployTooLarge')
    expect(message(report, 'DeployTooLarge')).toMatchInlineSnapshot(
      `"invalid deploy: deploy size too large: deploy size of 1048856 bytes exceeds limit of 1048576"`,
    )
  })

  test('DeployTooLarge counts the bytes the node serializes (casper-js-sdk 2.15.4 expected-bytes vector)', async () => {
    const raw = vector('deploy_transfer_with-expected-bytes_casper-js-sdk-2.15.4.json')
    const report = await preflight(raw.deploy, account, {
      now,
      chainspec: { ...casper15, maxTransactionLength: 1 },
      chainName: raw.deploy.header.chain_name,
    })
    const issue = report.errors.find((e) => e.code === 'DeployTooLarge')
    expect(issue?.details?.size).toBe(raw.expected_deploy_bytes_hex.length / 2)
  })

  test('DeployTooLarge counts a repeated approval once (the node holds a set)', async () => {
    const signed = await signDeploy(await twoParty(), alice)
    const once = await check(signed, { chainspec: tiny, chainName: 'casper-test' })
    const twice = await check(
      { ...signed, approvals: [...signed.approvals, ...signed.approvals] },
      { chainspec: tiny, chainName: 'casper-test' },
    )
    const size = (r: typeof once) => r.errors.find((e) => e.code === 'DeployTooLarge')?.details?.size
    expect(size(twice)).toBe(size(once))
  })

  test('InsufficientBalance: main purse below 2_500_000_000 motes, when the balance is given', async () => {
    const signed = await signDeploy(await twoParty(), alice)
    expect((await check(signed, { balance: 2_500_000_000n })).codes).toEqual([])
    const poor = await check(signed, { balance: 2_499_999_999n })
    expect(poor.codes).toEqual(['InsufficientBalance'])
    expect(message(poor, 'InsufficientBalance')).toMatchInlineSnapshot(
      `"insufficient balance in account with hash 009d0bee270d7d582e41a7382cfdf4957b55b9fd3e82c358c200f5927835ec8e"`,
    )
  })

  test('reads a TTL and timestamp in any form the node reads', async () => {
    const deploy = await twoParty()
    deploy.header.ttl = '1h30m'
    deploy.header.timestamp = deploy.header.timestamp.replace('T', ' ').replace('Z', '')
    const report = await check(await resign(deploy), { now: now.getTime() + 89 * minute })
    expect(report.codes).toEqual([])
  })

  test('the payment amount bytes are checked as into_t::<U512> checks them', async () => {
    const deploy = await twoParty()
    const amount = encodeU512(2_500_000_000n)
    deploy.payment.ModuleBytes!.args = [['amount', { cl_type: 'U512', bytes: `${bytesToHex(amount)}00` }]]
    // A file is refused before anything signs it; preflight still checks a deploy built in memory.
    const unsigned = structuredClone({ ...deploy, approvals: [] })
    Object.assign(unsigned.header, { body_hash: deployHashes(unsigned).bodyHash })
    unsigned.hash = deployHashes(unsigned).hash
    expect(() => parseDeployJson(unsigned)).toThrow(expect.objectContaining({ code: 'InvalidClValue' }))
    const report = await preflight(unsigned, account, { now })
    expect(report.errors.map((e) => e.code)).toContain('InvalidPaymentAmount')
  })
})
