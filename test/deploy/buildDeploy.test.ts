// Building deploys: the published vector reproduced byte for byte, and the bundled-Wasm builders.
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import { buildConfigureDeploy } from '../../src/deploy/buildConfigureDeploy.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import { buildSessionTransaction } from '../../src/deploy/buildSessionTransaction.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { namedArgJson } from '../../src/deploy/clValueJson.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { twoPartyMultiSigWasmSha256 } from '../../src/wasm/modules/twoPartyMultiSigWasm.js'
import { vector } from '../vectors.js'

const expected = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
const meta = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.meta.json')
const owner = expected.header.account as string
const partner = `02${'03'.repeat(33)}`

describe('buildModuleBytesDeploy', () => {
  test('reproduces the published multi-sig deploy vector: body hash, hash, header and args', () => {
    const deploy = buildModuleBytesDeploy({
      account: owner,
      chainName: 'casper-test',
      timestamp: new Date('2024-01-01T00:00:00.000Z'),
      ttl: '30m',
      wasm: hexToBytes(meta.wasm_hex),
      args: [namedArgJson('deployment-account', 'ByteArray(32)', hexToBytes(meta.associated_account_hash))],
      payment: 2_500_000_000n,
    })
    expect(deploy.hash).toBe(expected.hash)
    expect(deploy.header).toEqual(expected.header)
    expect(deploy.session).toEqual(expected.session)
    expect(deploy.payment).toEqual(expected.payment)
  })

  test('refuses a TTL above 2 hours', () => {
    expect(() =>
      buildModuleBytesDeploy({
        account: owner,
        chainName: 'casper',
        ttl: '3h',
        wasm: new Uint8Array(),
        args: [],
        payment: 2_500_000_000n,
      }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: TTL out of range
        expected: more than 0 and at most 2h (max_ttl)
        got: 3h
      Remedy: The node refuses a deploy whose TTL exceeds 2h; co-signers must sign and send within the TTL.]
    `)
  })
})

describe('the builders pay at least the floor', () => {
  // casper-types deploy.rs / node meta_transaction_v1.rs is_config_compliant: a Wasm session paying
  // less than baseline_motes_amount is refused (InvalidPaymentAmount); 1.5 has no floor.
  const header = { account: owner, chainName: 'casper', wasm: new Uint8Array([0]), args: [] }
  test('buildModuleBytesDeploy refuses 1 mote under 2.5 CSPR on mainnet, takes 2.5 CSPR, and any payment on 1.5', () => {
    expect(() => buildModuleBytesDeploy({ ...header, payment: 2_499_999_999n })).toThrow(
      expect.objectContaining({
        code: 'PaymentBelowBaseline',
        details: { payment: 2_499_999_999n, minimum: 2_500_000_000n, chainspec: '2.2.0' },
      }),
    )
    expect(buildModuleBytesDeploy({ ...header, payment: 2_500_000_000n }).payment).toBeDefined()
    expect(() => buildModuleBytesDeploy({ ...header, payment: 1n, chainspec: casper15 })).not.toThrow()
  })
  test('buildSessionTransaction refuses 1 mote under 2.5 CSPR on mainnet', () => {
    expect(() => buildSessionTransaction({ ...header, payment: 2_499_999_999n })).toThrow(
      expect.objectContaining({ code: 'PaymentBelowBaseline' }),
    )
    expect(buildSessionTransaction({ ...header, payment: 2_500_000_000n }).Version1.hash).toMatch(
      /^[0-9a-f]{64}$/,
    )
  })
})

describe('buildTwoPartyDeploy', () => {
  test('pays max(baseline_motes_amount, emulated gas + 4%), defaults TTL to 2h, and hashes correctly', async () => {
    const { deploy, emulation, payment, pricing } = await buildTwoPartyDeploy({
      account: owner,
      chainName: 'casper-test',
      deploymentAccount: partner,
      timestamp: 0,
    })
    expect(emulation.account.actionThresholds).toEqual({ deployment: 2, keyManagement: 2 })
    // casper-types 2.0.0 transaction/deploy.rs is_config_compliant refuses a payment below
    // baseline_motes_amount (InvalidDeploy::InvalidPaymentAmount): the floor sets the payment.
    expect(pricing.marginGas).toBe((emulation.gas.total + 24n) / 25n)
    expect(emulation.gas.total + pricing.marginGas).toBeLessThan(2_500_000_000n)
    expect(payment).toBe(2_500_000_000n)
    expect(pricing).toMatchObject({ floor: 2_500_000_000n, floored: true })
    expect(pricing.ifFails?.charged).toBe(2_500_000_000n)
    // charged = limit - floor(75% of the unused limit) (handle_payment calculate_overpayment_and_fee)
    expect(pricing.expected?.charged).toBe(
      2_500_000_000n - ((2_500_000_000n - emulation.gas.total) * 75n) / 100n,
    )
    // On 1.5 (no baseline) the gas and margin alone set it.
    const old = await buildTwoPartyDeploy({
      account: owner,
      chainName: 'casper-test',
      deploymentAccount: partner,
      timestamp: 0,
      chainspec: casper15,
    })
    expect(old.payment).toBe(old.emulation.gas.total + (old.emulation.gas.total + 24n) / 25n)
    expect(deploy.header.ttl).toBe('2h')
    expect(parseDeployJson(JSON.stringify(deploy))).toEqual(deploy)
    expect(deployHashes(deploy)).toEqual({ hash: deploy.hash, bodyHash: deploy.header.body_hash })
    const session = deploy.session.ModuleBytes!
    expect(session.args).toEqual([
      [
        'deployment-account',
        {
          cl_type: { ByteArray: 32 },
          bytes: accountHashFromPublicKey(partner),
          parsed: accountHashFromPublicKey(partner),
        },
      ],
    ])
    const { createHash } = await import('node:crypto')
    expect(
      createHash('sha256')
        .update(hexToBytes(session.module_bytes as string))
        .digest('hex'),
    ).toBe(twoPartyMultiSigWasmSha256)
  })

  test('refuses to build a deploy whose session would revert', async () => {
    const already = {
      ...createAccount(accountHashFromPublicKey(owner)),
      associatedKeys: { [accountHashFromPublicKey(owner)]: 1, [accountHashFromPublicKey(partner)]: 1 },
    }
    await expect(
      buildTwoPartyDeploy({
        account: owner,
        chainName: 'casper-test',
        deploymentAccount: partner,
        current: already,
      }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`
      [DeployError: The session would fail on chain
        error: ApiError::DuplicateKey [22]
        revert: 22
      Remedy: Check the current account state and the signers; the emulator ran the exact session the deploy carries.]
    `)
  })
})

describe('buildConfigureDeploy', () => {
  test('carries the plan args with their CLTypes and parsed values', async () => {
    const current = createAccount(accountHashFromPublicKey(owner))
    const plan = await planReconfiguration(current, {
      associatedKeys: [
        { key: owner, weight: 1 },
        { key: partner, weight: 1 },
      ],
      thresholds: { deployment: 2, keyManagement: 2 },
    })
    const deploy = buildConfigureDeploy(plan.deploys[0]!, {
      account: owner,
      chainName: 'casper',
      timestamp: 0,
    })
    expect(
      deploy.session.ModuleBytes!.args.map(([name, value]) => [name, value.cl_type, value.parsed]),
    ).toEqual([
      ['add', { List: { ByteArray: 32 } }, [accountHashFromPublicKey(partner)]],
      ['add_w', { List: 'U8' }, [1]],
      ['dep', 'U8', 2],
      ['km', 'U8', 2],
    ])
    expect(() => buildConfigureDeploy(plan.deploys[0]!, { account: partner, chainName: 'casper' })).toThrow(
      /planned account/,
    )
  })
})
