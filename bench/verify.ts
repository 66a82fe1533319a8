// Times verifyDeploy + mergeApprovals against casper-js-sdk validate() on a 100-approval deploy (npx tsx bench/verify.ts).
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { mergeApprovals } from '../src/approvals/mergeApprovals.js'
import { verifyDeploy } from '../src/approvals/verifyApproval.js'
import type { DeployJson } from '../src/deploy/DeployJson.js'
import { sdk } from '../src/deploy/sdk.js'
import { testSigner } from '../test/approvals/testSigners.js'

const base: DeployJson = JSON.parse(
  readFileSync(
    new URL('../test/vectors/SYNTHETIC_deploy_multisig_modulebytes_2approvals.json', import.meta.url),
    'utf8',
  ),
)
const signers = Array.from({ length: 100 }, (_, i) => testSigner(i, i % 2 === 0 ? 'ed25519' : 'secp256k1'))
const approvals = signers.map((signer) => signer.sign(base.hash))
const full: DeployJson = { ...base, approvals }
// Each half carries 25 ed25519 and 25 secp256k1 approvals.
const firstHalf: DeployJson = { ...base, approvals: approvals.slice(0, 50) }
const secondHalf: DeployJson = { ...base, approvals: approvals.slice(50) }

const cases = {
  'ours: verifyDeploy(100) + mergeApprovals(50, 50)': () => {
    if (!verifyDeploy(full).ok) throw new Error('expected the deploy to verify')
    if (mergeApprovals(firstHalf, secondHalf).deploy.approvals.length !== 100)
      throw new Error('expected 100 approvals')
  },
  'sdk: Deploy.fromJSON(json).validate()': () => {
    if (!sdk.Deploy.fromJSON(full).validate()) throw new Error('expected the deploy to validate')
  },
  'sdk: Deploy.fromJSON(json) alone (it already runs validate once)': () => {
    sdk.Deploy.fromJSON(full)
  },
}

const warmUp = 3
const iterations = 15
const samples = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]))
for (let i = 0; i < warmUp + iterations; i++) {
  // Interleaved, so drift (GC, JIT, thermal) hits every case alike.
  for (const [name, run] of Object.entries(cases)) {
    const start = performance.now()
    run()
    const elapsed = performance.now() - start
    if (i >= warmUp) samples.get(name)!.push(elapsed)
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const medians = Object.fromEntries([...samples].map(([name, values]) => [name, median(values)]))
const [ours, sdkValidate, sdkParse] = Object.values(medians) as [number, number, number]

console.log(`100 approvals (50 ed25519, 50 secp256k1); ${warmUp} warm-up runs, median of ${iterations}`)
for (const [name, ms] of Object.entries(medians)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`)
console.log(`  ratio ours / sdk fromJSON+validate: ${(ours / sdkValidate).toFixed(2)}`)
console.log(`  ratio ours / sdk fromJSON alone:    ${(ours / sdkParse).toFixed(2)}`)
