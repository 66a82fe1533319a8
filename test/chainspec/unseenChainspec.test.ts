// A chainspec no other test uses: every price and limit in it must reach the gas, the plan and the cost.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { validateConfig } from '../../src/account/validateConfig.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { estimateCost } from '../../src/chainspec/estimateCost.js'
import { parseChainspec } from '../../src/chainspec/parseChainspec.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { emulateSession } from '../../src/emulator/emulateSession.js'
import { configureAccountArgs } from '../../src/wasm/configureAccountArgs.js'
import { configureAccountWasm } from '../../src/wasm/modules/configureAccountWasm.js'
import { twoPartyMultiSigWasm } from '../../src/wasm/modules/twoPartyMultiSigWasm.js'
import { twoPartyMultiSigArgs } from '../../src/wasm/twoPartyMultiSigArgs.js'
import { hashOf } from '../arbitraries.js'

const mainnetToml = readFileSync(new URL('fixtures/mainnet-2.2.0.chainspec.toml', import.meta.url), 'utf8')

/** The released mainnet file with every value the library reads changed, the opcode table doubled. */
function unseenToml(): string {
  let text = mainnetToml
  const set = (pattern: RegExp, replacement: string) => {
    expect(text).toMatch(pattern)
    text = text.replace(pattern, replacement)
  }
  set(/^name = 'casper'$/m, "name = 'unseen-net'")
  set(/^max_associated_keys = 100$/m, 'max_associated_keys = 5')
  set(/^max_ttl = '2 hours'$/m, "max_ttl = '30 minutes'")
  set(/refund_ratio = \[75, 100\]/, 'refund_ratio = [50, 100]')
  set(/^baseline_motes_amount = 2_500_000_000$/m, 'baseline_motes_amount = 1_000_000')
  set(/^session_args_max_length = 1024$/m, 'session_args_max_length = 200')
  set(/^gas_per_byte = 1_117_587$/m, 'gas_per_byte = 1_000')
  set(/^add_associated_key = \{ cost = 1_200_000,/m, 'add_associated_key = { cost = 7_000,')
  set(/^set_action_threshold = \{ cost = 74_000,/m, 'set_action_threshold = { cost = 3_000,')
  // Double every [wasm.v1] opcode cost (the [wasm.v2] tables are left alone: the library reads v1).
  const start = text.indexOf('[wasm.v1.opcode_costs]')
  const end = text.indexOf('[wasm.v1.host_function_costs]')
  const doubled = text
    .slice(start, end)
    .replace(
      /^(\w+) = ([\d_]+)$/gm,
      (_, key: string, value: string) => `${key} = ${2 * Number(value.replaceAll('_', ''))}`,
    )
  text = text.slice(0, start) + doubled + text.slice(end)
  // One small Wasm lane: 12 million gas.
  set(/wasm_lanes = \[[\s\S]*?\n\]/, 'wasm_lanes = [\n    [3, 750_000, 2048, 12_000_000, 10]\n]')
  return text
}

const unseen = parseChainspec(unseenToml())
const owner = hashOf(0xa1)
const partner = hashOf(0xb2)
const fresh = createAccount(owner)

describe('a chainspec the library has never seen', () => {
  test('is read as written', () => {
    expect(unseen).toMatchObject({
      chainName: 'unseen-net',
      maxAssociatedKeys: 5,
      maxTtlMs: 30 * 60_000,
      refundHandling: { type: 'refund', ratio: [50, 100] },
      deploy: { sessionArgsMaxLength: 200 },
      lanes: expect.arrayContaining([expect.objectContaining({ id: 3, maxGasLimit: 12_000_000n })]),
    })
    expect(unseen.wasm.opcodeCosts.control_flow.br).toBe(2 * 1665)
  })

  test('sets the emulated gas: doubled opcodes, its host-function costs and its storage price', async () => {
    const run = (chainspec = casperMainnet) =>
      emulateSession({
        wasm: twoPartyMultiSigWasm,
        args: twoPartyMultiSigArgs(partner),
        account: fresh,
        signers: [owner],
        chainspec,
      })
    const [base, changed] = [await run(), await run(unseen)]
    expect(changed.ok).toBe(true)
    // The metered blocks are the same; each block's cost is a sum of opcode costs, all doubled.
    expect(changed.gas.opcodes).toBe(2n * base.gas.opcodes)
    // get_named_arg_size 200, get_named_arg 200 + 120_000 x (18 + 32), add 7_000, two thresholds at 3_000.
    expect(changed.gas.hostFunctions).toBe(200n + 200n + 120_000n * 50n + 7_000n + 2n * 3_000n)
    // Three writes of the 142-byte account record at 1_000 gas per byte.
    expect(changed.gas.storage).toBe(3n * 142n * 1_000n)
  })

  test('sets the key limit: validation, the node rule in the emulator and the planner', async () => {
    const keys = [1, 2, 3, 4, 5, 6].map((n) => ({ key: `account-hash-${hashOf(n)}`, weight: 1 }))
    const six = { associatedKeys: keys, thresholds: { deployment: 1, keyManagement: 1 } }
    expect(validateConfig(six, { chainspec: unseen }).errors.map((f) => f.code)).toEqual(['TooManyKeys'])
    expect(validateConfig(six).ok).toBe(true)
    const five = {
      ...fresh,
      associatedKeys: Object.fromEntries([1, 2, 3, 4, 5].map((n) => [hashOf(n), 1])),
    }
    const add = configureAccountArgs({ add: [{ accountHash: hashOf(6), weight: 1 }] })
    const result = await emulateSession({
      wasm: configureAccountWasm,
      args: add.map((a) => ({ name: a.name, value: a.bytes })),
      account: { ...five, accountHash: hashOf(1) },
      signers: [hashOf(1)],
      chainspec: unseen,
    })
    expect(result.revert?.name).toBe('MaxKeysLimit')
  })

  test('sets the plan: deploys fit its 200-byte args limit and its 12-million-gas lane', async () => {
    const target = {
      associatedKeys: [owner, ...[1, 2, 3, 4].map(hashOf)].map((hash) => ({
        key: `account-hash-${hash}`,
        weight: 1,
      })),
      thresholds: { deployment: 2, keyManagement: 3 },
    }
    const plan = await planReconfiguration(fresh, target, { chainspec: unseen })
    const onMainnet = await planReconfiguration(fresh, target)
    expect(onMainnet.deploys).toHaveLength(1)
    expect(plan.deploys.length).toBeGreaterThan(1)
    for (const deploy of plan.deploys) {
      expect(deploy.argsLength).toBeLessThanOrEqual(200)
      expect(deploy.payment.amount).toBeLessThanOrEqual(12_000_000n)
      expect(deploy.payment.lane?.id).toBe(3)
    }
    expect(plan.deploys.at(-1)!.accountAfter.actionThresholds).toEqual({ deployment: 2, keyManagement: 3 })
    // With mainnet's lanes and the same 200-byte args limit, fewer deploys: the lane's gas split it too.
    const wide = await planReconfiguration(fresh, target, {
      chainspec: { ...unseen, lanes: casperMainnet.lanes },
    })
    expect(wide.deploys.length).toBeLessThan(plan.deploys.length)
  })

  test('sets the cost: half of the unused payment comes back', async () => {
    const { pricing, deploy } = await buildTwoPartyDeploy({
      account: `01${'11'.repeat(32)}`,
      chainName: 'unseen-net',
      deploymentAccount: `account-hash-${partner}`,
      current: fresh,
      signers: [owner],
      chainspec: unseen,
    })
    expect(deploy.header.ttl).toBe('30m')
    const { gas, amount } = pricing
    // casper-node: refund = floor((limit - consumed) x price x 50 / 100); charged = limit x price - refund.
    const refund = ((amount - gas) * 50n) / 100n
    expect(pricing.expected).toMatchObject({ cost: amount, refunded: refund, charged: amount - refund })
    expect(estimateCost({ gas, paymentAmount: amount }, { chainspec: unseen }).charged).toBe(amount - refund)
    // The least payment is the chainspec's baseline_motes_amount, here 1_000_000, never mainnet's.
    expect(pricing.floor).toBe(1_000_000n)
    expect(pricing.ifFails?.charged).toBe(amount > 1_000_000n ? amount : 1_000_000n)
    await expect(
      buildTwoPartyDeploy({
        account: `01${'11'.repeat(32)}`,
        chainName: 'unseen-net',
        deploymentAccount: `account-hash-${partner}`,
        current: fresh,
        signers: [owner],
        chainspec: unseen,
        ttl: '1h',
      }),
    ).rejects.toMatchObject({ code: 'TtlTooLong' })
  })
})
