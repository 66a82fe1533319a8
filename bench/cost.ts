// Motes charged per key change under mainnet 2.x economics: the planner's payment against the least
// charge the node allows for the same deploys, and against flat payments. Run with
// `npx tsx bench/cost.ts` (or `npm run bench`).
import {
  type Account,
  type AccountConfigInput,
  casperMainnet,
  createAccount,
  estimateCost,
  planReconfiguration,
} from 'casper-multisig'

const hash = (n: number) => n.toString(16).padStart(8, '0').repeat(8)
const owner = hash(0)
const keys = (n: number, from = 1) => Array.from({ length: n }, (_, i) => hash(from + i))
const accountWith = (hashes: string[], deployment: number, keyManagement: number): Account => ({
  ...createAccount(owner),
  associatedKeys: Object.fromEntries([owner, ...hashes].map((h) => [h, 1])),
  actionThresholds: { deployment, keyManagement },
})
const target = (hashes: string[], deployment: number, keyManagement: number): AccountConfigInput => ({
  associatedKeys: [owner, ...hashes].map((h) => ({ key: `account-hash-${h}`, weight: 1 })),
  thresholds: { deployment, keyManagement },
})

const scenarios: [string, Account, AccountConfigInput][] = [
  ['fresh account -> 2 of 2 (1 add, 2 thresholds)', createAccount(owner), target(keys(1), 2, 2)],
  ['fresh account -> 2 of 3 (2 adds, 2 thresholds)', createAccount(owner), target(keys(2), 2, 2)],
  ['10-key account: add 1 key', accountWith(keys(9), 2, 3), target(keys(10), 2, 3)],
  ['10-key account: remove 1 key', accountWith(keys(9), 2, 3), target(keys(8), 2, 3)],
  ['fresh account -> 20 keys, 3 of 20 (19 adds)', createAccount(owner), target(keys(19), 3, 3)],
  [
    '50-key account: replace 5 keys',
    accountWith(keys(49), 3, 3),
    target([...keys(44), ...keys(5, 100)], 3, 3),
  ],
  ['fresh account -> 60 keys (59 adds)', createAccount(owner), target(keys(59), 3, 3)],
]

const baseline = casperMainnet.baselineMotesAmount
const max = (a: bigint, b: bigint) => (a > b ? a : b)

const lines = [
  '| change | key changes | deploys | gas consumed | payment (planned) | charged (planned) | least charge allowed | charged / least | if every deploy fails | charged, 2.5 CSPR flat | charged, 5 CSPR flat |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
]
for (const [name, current, goal] of scenarios) {
  const plan = await planReconfiguration(current, goal)
  const payment = plan.deploys.reduce((sum, d) => sum + d.payment.amount, 0n)
  // The least the node allows for the same deploys: each pays exactly max(baseline, its gas), the
  // smallest payment it accepts (InvalidPaymentAmount below the baseline) that does not run out of gas.
  const least = plan.deploys.reduce(
    (sum, d) => sum + estimateCost({ gas: d.gas.total, paymentAmount: max(baseline, d.gas.total) }).charged,
    0n,
  )
  const flat = [2_500_000_000n, 5_000_000_000n].map((amount) => {
    let total = 0n
    for (const d of plan.deploys) {
      const cost = estimateCost({ gas: d.gas.total, paymentAmount: amount })
      // A flat payment below the gas runs out of gas: it is charged in full and the change fails.
      total += cost.charged
      if (!cost.fits) return `${cspr(total)} (out of gas)`
    }
    return cspr(total)
  })
  lines.push(
    `| ${name} | ${plan.steps.length} | ${plan.deploys.length} | ${plan.gas} | ${cspr(payment)} | ${cspr(plan.expectedCharge)} | ${cspr(least)} | ${(Number(plan.expectedCharge) / Number(least)).toFixed(4)} | ${cspr(plan.ifEveryDeployFails)} | ${flat.join(' | ')} |`,
  )
}
console.log(lines.join('\n'))

function cspr(motes: bigint): string {
  return `${(Number(motes) / 1e9).toFixed(4)} CSPR`
}
