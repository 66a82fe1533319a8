// describeDeploy on files built to mislead: the payment is part of what is approved, and no text
// from the file can redraw the screen.
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { describeFile } from '../../src/cosign/describeFile.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { encodeU512 } from '../../src/deploy/clValueJson.js'
import type { DeployJson, ExecutableDeployItemJson } from '../../src/deploy/DeployJson.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { describeDeploy } from '../../src/preflight/describeDeploy.js'
import { hasUnsafeText } from '../../src/text/safeText.js'

const owner = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
const bob = `02${'03'.repeat(33)}`
const at = new Date('2024-01-01T00:00:00.000Z')
const account = createAccount(accountHashFromPublicKey(owner))
const amount = (motes: bigint) => ({ cl_type: 'U512', bytes: bytesToHex(encodeU512(motes)) })

async function twoParty(edit: (deploy: DeployJson) => void = () => undefined): Promise<DeployJson> {
  const { deploy } = await buildTwoPartyDeploy({
    account: owner,
    chainName: 'casper',
    deploymentAccount: bob,
    timestamp: at,
  })
  edit(deploy)
  const { bodyHash } = deployHashes(deploy)
  deploy.header.body_hash = bodyHash
  deploy.hash = deployHashes(deploy).hash
  return parseDeployJson(JSON.stringify(deploy))
}
const paying = (payment: ExecutableDeployItemJson) => twoParty((d) => Object.assign(d, { payment }))

describe('payment', () => {
  test('3000 CSPR for a change that needs 0.48 CSPR: DO NOT SIGN, with amount and need', async () => {
    const deploy = await paying({
      ModuleBytes: { module_bytes: '', args: [['amount', amount(3_000_000_000_000n)]] },
    })
    const description = await describeDeploy(deploy, { account, now: at })
    expect(description.safeToSign).toBe(false)
    expect(description.payment).toEqual({
      kind: 'standard',
      motes: 3_000_000_000_000n,
      need: 483_446_387n,
      needFrom: 'emulation',
      // consumed + 25% of the unused limit (mainnet refund_handling 75/100)
      expectedCharge: 750_362_584_791n,
      // a failed execution keeps the whole limit (operations.rs "no refund for penalty")
      ifFails: 3_000_000_000_000n,
      floor: 2_500_000_000n,
      belowFloor: false,
      outOfGas: false,
      excessive: true,
    })
    expect(description.text.split('\n').filter((l) => /Payment|DO NOT/.test(l))).toMatchInlineSnapshot(`
      [
        "DO NOT SIGN: the payment of 3000 CSPR is over 4 times the larger of the emulated cost of 0.483446387 CSPR and the minimum payment of 2.5 CSPR; it would be charged 750.362584791 CSPR.",
        "Payment: 3000 CSPR standard payment (emulated cost 0.483446387 CSPR, expected charge 750.362584791 CSPR, if it fails: 3000 CSPR), excessive",
      ]
    `)
  })

  test('a huge payment is excessive even without the account to emulate against', async () => {
    const deploy = await paying({
      ModuleBytes: { module_bytes: '', args: [['amount', amount(3_000_000_000_000n)]] },
    })
    const description = await describeDeploy(deploy, { now: at })
    expect(description.safeToSign).toBe(false)
    expect(description.payment).toMatchObject({ kind: 'standard', need: undefined, excessive: true })
  })

  test('the planned payment (the 2.5 CSPR floor) and 2 times the floor are fine', async () => {
    for (const motes of [2_500_000_000n, 5_000_000_000n]) {
      const deploy = await paying({ ModuleBytes: { module_bytes: '', args: [['amount', amount(motes)]] } })
      const description = await describeDeploy(deploy, { account, now: at })
      expect([motes, description.safeToSign]).toEqual([motes, true])
    }
  })

  // casper-types 2.0.0 transaction/deploy.rs is_config_compliant: payment_amount < baseline_motes_amount
  // is InvalidDeploy::InvalidPaymentAmount (node test should_reject_deploy_with_insufficient_payment).
  test('2 CSPR, below the 2.5 CSPR floor: DO NOT SIGN, the node refuses it', async () => {
    const deploy = await paying({
      ModuleBytes: { module_bytes: '', args: [['amount', amount(2_000_000_000n)]] },
    })
    const description = await describeDeploy(deploy, { account, now: at })
    expect(description.safeToSign).toBe(false)
    expect(description.payment).toMatchObject({ belowFloor: true, outOfGas: false, ifFails: 2_500_000_000n })
    expect(description.text.split('\n').filter((l) => /Payment|DO NOT/.test(l))).toMatchInlineSnapshot(`
      [
        "DO NOT SIGN: the payment of 2 CSPR is below the network's minimum payment of 2.5 CSPR (baseline_motes_amount): the node refuses it (InvalidDeploy::InvalidPaymentAmount, "invalid payment amount").",
        "Payment: 2 CSPR standard payment (emulated cost 0.483446387 CSPR, expected charge 0.862584791 CSPR, if it fails: 2.5 CSPR), below the minimum payment of 2.5 CSPR",
      ]
    `)
  })

  test('below 2.5 CSPR on a chain the default chainspec is not for: DO NOT SIGN under the default rules, as the page says', async () => {
    const deploy = await twoParty((d) => {
      d.header.chain_name = 'casper-devnet'
      d.payment = { ModuleBytes: { module_bytes: '', args: [['amount', amount(600_000_000n)]] } }
    })
    const description = await describeDeploy(deploy, { account, now: at })
    expect(description.safeToSign).toBe(false)
    expect(description.doNotSign.join('\n')).toContain("below the network's minimum payment of 2.5 CSPR")
    // The cosign entry (the page) gives the same verdict for the same file and the same default rules.
    const file = describeFile(parseCosignFile(JSON.stringify(deploy)), { now: at.getTime() })
    expect(file.doNotSign).toContain(description.doNotSign.find((r) => r.includes('minimum payment')))
    // Under the rules of a network without a floor (1.5), the same payment is fine.
    const v15 = await describeDeploy(deploy, { account, now: at, chainspec: casper15 })
    expect(v15.doNotSign.join('\n')).not.toContain('minimum payment')
  })

  test('a payment below the emulated cost: DO NOT SIGN, it runs out of gas and is charged in full', async () => {
    const deploy = await paying({
      ModuleBytes: { module_bytes: '', args: [['amount', amount(400_000_000n)]] },
    })
    // A network without a floor (baseline 0), so only the gas is short.
    const chainspec = { ...casperMainnet, baselineMotesAmount: 0n }
    const description = await describeDeploy(deploy, { account, now: at, chainspec })
    expect(description.safeToSign).toBe(false)
    expect(description.payment).toMatchObject({ belowFloor: false, outOfGas: true, ifFails: 400_000_000n })
    expect(description.text.split('\n').filter((l) => /Payment|DO NOT/.test(l))).toMatchInlineSnapshot(`
      [
        "DO NOT SIGN: the session runs out of gas within the 400000000 gas its payment of 0.4 CSPR buys: it changes nothing and is charged the whole 0.4 CSPR.",
        "Payment: 0.4 CSPR standard payment (runs out of gas within what it buys, charged 0.4 CSPR)",
      ]
    `)
  })

  // The header gas_price is the most the sender accepts; the charge is at the network's price (1).
  test('gas_price 3 in the header: the expected charge is at the network price, below the payment', async () => {
    const deploy = await twoParty((d) => {
      d.header.gas_price = 3
    })
    const at1 = await describeDeploy(await twoParty(), { account, now: at })
    const description = await describeDeploy(deploy, { account, now: at })
    if (description.payment.kind !== 'standard' || at1.payment.kind !== 'standard')
      throw new Error('standard')
    expect(description.payment.need).toBe(at1.payment.need)
    expect(description.payment.expectedCharge).toBe(at1.payment.expectedCharge)
    expect(description.payment.expectedCharge).toBeLessThan(description.payment.motes)
    expect(description.payment.expectedCharge).toBe(
      2_500_000_000n - ((2_500_000_000n - description.payment.need!) * 75n) / 100n,
    )
  })

  test.each([
    ['custom-wasm', { ModuleBytes: { module_bytes: '0061736d01000000', args: [['amount', amount(1n)]] } }],
    [
      'stored-contract',
      { StoredContractByName: { name: 'pay', entry_point: 'call', args: [['amount', amount(1n)]] } },
    ],
    ['transfer', { Transfer: { args: [['amount', amount(2_500_000_000n)]] } }],
    [
      'malformed-standard',
      {
        ModuleBytes: { module_bytes: '', args: [['amount', { cl_type: 'U64', bytes: '0100000000000000' }]] },
      },
    ],
  ] as [string, ExecutableDeployItemJson][])(
    '%s payment: DO NOT SIGN, whatever its amount',
    async (kind, payment) => {
      const description = await describeDeploy(await paying(payment), { account, now: at })
      expect(description.payment.kind).toBe(kind)
      expect(description.safeToSign).toBe(false)
      expect(description.text).toMatch(/^DO NOT SIGN: .*payment/)
    },
  )
})

describe('text from the file', () => {
  const hostile = [
    '\u001b[2J\u001b[HSession: two-party-multi-sig\n  add key alice',
    'a\u202eb\u2066c\u200bd',
    '\r\u0007\u009b31m\u2028',
  ]

  test('escape sequences, newlines and bidi controls in names reach no renderer raw', async () => {
    const deploy = await twoParty((d) => {
      d.header.chain_name = hostile[1]!
      d.session.ModuleBytes!.args.push(
        [hostile[0]!, { cl_type: 'U8', bytes: '00' }],
        [hostile[2]!, { cl_type: 'U8', bytes: '00' }],
      )
    })
    const description = await describeDeploy(deploy, { account, labels: { [bob]: hostile[2]! }, now: at })
    // One line per fact: the forged "Session:" line stays inside the warning that quotes it.
    for (const line of description.text.split('\n'))
      expect([line, hasUnsafeText(line)]).toEqual([line, false])
    for (const warning of description.warnings) expect(hasUnsafeText(warning)).toBe(false)
    expect(description.text.split('\n').filter((l) => l.startsWith('Session:'))).toHaveLength(1)
    expect(description.safeToSign).toBe(false)
    expect(description.text.split('\n')[0]).toMatchInlineSnapshot(
      `"DO NOT SIGN: WrongChain: expected chain "casper", got "a\\u{202e}b\\u{2066}c\\u{200b}d"; the chain name a\\u{202e}b\\u{2066}c\\u{200b}d, the session arg name \\u{1b}[2J\\u{1b}[HSession: two-party-multi-sig\\u{a}  add key alice, the session arg name \\u{d}\\u{7}\\u{9b}31m\\u{2028} hold control, escape or invisible characters, shown escaped."`,
    )
  })
})
