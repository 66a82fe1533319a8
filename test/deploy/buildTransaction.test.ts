// Casper 2.0 TransactionV1 builders: the published session vector reproduced, and the bundled Wasm.
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { buildConfigureTransaction } from '../../src/deploy/buildConfigureDeploy.js'
import { buildSessionTransaction } from '../../src/deploy/buildSessionTransaction.js'
import { buildTwoPartyTransaction } from '../../src/deploy/buildTwoPartyDeploy.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { sdk } from '../../src/deploy/sdk.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { vector } from '../vectors.js'

const expected = vector('SYNTHETIC_transaction_v1_session_2approvals.json')
const payload = expected.Version1.payload
const owner = payload.initiator_addr.PublicKey as string
const partner = `02${'03'.repeat(33)}`

describe('buildSessionTransaction', () => {
  test('reproduces the published TransactionV1 session vector, hash and JSON field order', () => {
    const transaction = buildSessionTransaction({
      account: owner,
      chainName: payload.chain_name,
      timestamp: new Date(payload.timestamp),
      ttl: payload.ttl,
      wasm: hexToBytes(payload.fields.target.Session.module_bytes),
      args: [
        {
          name: 'deployment-account',
          type: 'ByteArray(32)',
          bytes: hexToBytes(payload.fields.args.Named[0][1].bytes),
        },
      ],
      payment: 2_500_000_000n,
    })
    expect(transaction.Version1.hash).toBe(expected.Version1.hash)
    expect(JSON.stringify(transaction, null, 2)).toBe(
      JSON.stringify({ Version1: { ...expected.Version1, approvals: [] } }, null, 2),
    )
  })
})

describe('2.0 builders for the bundled sessions', () => {
  test('buildTwoPartyTransaction emulates under 2.0 rules and hashes as casper-js-sdk does', async () => {
    const { transaction, emulation, payment } = await buildTwoPartyTransaction({
      account: owner,
      chainName: 'casper',
      deploymentAccount: partner,
      timestamp: 0,
    })
    expect(emulation.ok).toBe(true)
    const parsed = sdk.TransactionV1.fromJSON(transaction.Version1)
    expect(parsed.hash.toHex()).toBe(transaction.Version1.hash)
    expect(transaction.Version1.payload.pricing_mode).toEqual({
      PaymentLimited: { payment_amount: Number(payment), gas_price_tolerance: 1, standard_payment: true },
    })
  })

  test('buildConfigureTransaction carries the plan args', async () => {
    const plan = await planReconfiguration(
      createAccount(accountHashFromPublicKey(owner)),
      {
        associatedKeys: [
          { key: owner, weight: 1 },
          { key: partner, weight: 1 },
        ],
        thresholds: { deployment: 1, keyManagement: 2 },
      },
      { protocol: '2.0' },
    )
    const transaction = buildConfigureTransaction(plan.deploys[0]!, {
      account: owner,
      chainName: 'casper',
      timestamp: 0,
    })
    const fields = transaction.Version1.payload.fields as {
      args: { Named: [string, { cl_type: unknown }][] }
    }
    expect(fields.args.Named.map(([name, value]) => [name, value.cl_type])).toEqual([
      ['add', { List: { ByteArray: 32 } }],
      ['add_w', { List: 'U8' }],
      ['km', 'U8'],
    ])
  })
})
