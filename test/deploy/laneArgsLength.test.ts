// The lane the builders and the planner report is the one casper-node 2.x picks: for a deploy it
// measures payment args + session args (casper-types transaction/deploy.rs
// `calculate_lane_id_for_deploy`), for a TransactionV1 its `args` field (node
// meta_transaction_v1.rs), which is smaller, so the same lane or an earlier one with room for the gas.
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { laneArgsLength } from '../../src/chainspec/laneArgsLength.js'
import { buildConfigureDeploy, buildConfigureTransaction } from '../../src/deploy/buildConfigureDeploy.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { laneOf } from '../../src/rules/acceptanceRules.js'
import { decodeSubmission } from '../../src/rules/decodeSubmission.js'
import { hashOf } from '../arbitraries.js'

const account = `01${'a1'.repeat(32)}`
const accountHash = decodeSubmission({
  deploy: (await buildTwoPartyDeploy({ account, chainName: 'casper', deploymentAccount: hashOf(9) })).deploy,
}).initiator

describe('laneArgsLength', () => {
  test.each([0n, 255n, 2_500_000_000n, 5_000_000_000n, 2n ** 64n - 1n])(
    'payment %s: the payment args of the deploy the builder makes, plus the session args',
    async (amount) => {
      const { deploy } = await buildTwoPartyDeploy({
        account,
        chainName: 'casper',
        deploymentAccount: hashOf(9),
        payment: amount,
        // The U512 widths of small amounts too: built without the floor the builders hold to.
        chainspec: { ...casperMainnet, baselineMotesAmount: 0n },
      })
      const s = decodeSubmission({ deploy })
      expect(laneArgsLength(s.sessionArgsLength, amount, casperMainnet)).toBe(
        s.sessionArgsLength + s.paymentArgsLength,
      )
      // 1.5 has no lanes: its synthetic lane holds the session args to session_args_max_length.
      expect(laneArgsLength(s.sessionArgsLength, amount, casper15)).toBe(s.sessionArgsLength)
    },
  )
})

// Mainnet's lane 5 (512 bytes of args) takes at most 5e9 gas, which 13 adds already pass; with a
// larger gas limit there, the args decide: 14 adds are 506 bytes of session args, over 512 with the
// payment args.
const roomy = {
  ...casperMainnet,
  lanes: casperMainnet.lanes.map((lane) =>
    lane.id === 5 ? { ...lane, maxGasLimit: 50_000_000_000n } : lane,
  ),
}

async function planAdding(adds: number) {
  const keys = Array.from({ length: adds }, (_, i) => ({ key: hashOf(i + 10), weight: 1 }))
  const plan = await planReconfiguration(
    createAccount(accountHash),
    {
      associatedKeys: [{ key: accountHash, weight: 1 }, ...keys],
      thresholds: { deployment: 1, keyManagement: 1 },
    },
    { chainspec: roomy },
  )
  expect(plan.deploys).toHaveLength(1)
  return plan.deploys[0]!
}

describe('the planner reports the lane the node picks', () => {
  test.each([12, 13, 14, 15, 16])('%i keys added in one deploy', async (adds) => {
    const planned = await planAdding(adds)
    const deploy = decodeSubmission({
      deploy: buildConfigureDeploy(planned, { account, chainName: 'casper' }),
    })
    expect(planned.payment.lane?.id).toBe(laneOf(deploy, roomy)?.id)
    const transaction = decodeSubmission({
      transaction: buildConfigureTransaction(planned, { account, chainName: 'casper' }),
    })
    expect(transaction.sessionArgsLength).toBe(planned.argsLength + 1)
    expect(laneOf(transaction, roomy)!.maxGasLimit).toBeGreaterThanOrEqual(planned.payment.amount)
  })

  test('14 adds: 506 bytes of session args, lane 4 once the payment args count', async () => {
    const planned = await planAdding(14)
    expect(planned.argsLength).toBe(506)
    expect(planned.payment.lane?.id).toBe(4)
  })
})
