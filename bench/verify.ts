// Times verifyDeploy + mergeApprovals, by OpenSSL (node:crypto) and by noble, against casper-js-sdk validate() on a 100-approval deploy (npx tsx bench/verify.ts).
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { mergeApprovals } from '../src/approvals/mergeApprovals.js'
import { verifyDeploy } from '../src/cosign/verifyFile.js'
import type { DeployJson } from '../src/deploy/DeployJson.js'
import { deployHashes } from '../src/deploy/deployHashes.js'
import { sdk } from '../src/deploy/sdk.js'
import { nativeVerifier } from '../src/keys/nativeVerifier.js'
import { testSigner } from '../test/approvals/testSigners.js'

const base: DeployJson = JSON.parse(
  readFileSync(
    new URL('../test/vectors/SYNTHETIC_deploy_multisig_modulebytes_2approvals.json', import.meta.url),
    'utf8',
  ),
)
const signers = Array.from({ length: 100 }, (_, i) => testSigner(i, i % 2 === 0 ? 'ed25519' : 'secp256k1'))

/** A deploy no signature check has seen: a new timestamp, so a new hash and new signatures (untimed). */
function freshDeploy(round: number) {
  const header = {
    ...base.header,
    timestamp: new Date(Date.parse(base.header.timestamp) + round * 1000).toISOString(),
  }
  const unsigned: DeployJson = { ...base, header, approvals: [] }
  const hash = deployHashes(unsigned).hash
  const approvals = signers.map((signer) => signer.sign(hash))
  const full: DeployJson = { ...unsigned, hash, approvals }
  // Each half carries 25 ed25519 and 25 secp256k1 approvals, as two co-signing rounds would.
  return {
    full,
    halves: [
      { ...full, approvals: approvals.slice(0, 50) },
      { ...full, approvals: approvals.slice(50) },
    ] as const,
  }
}

/** verifyDeploy of the 100 approvals, then mergeApprovals of the two halves, as the co-signing flow does. */
function ours({ full, halves }: ReturnType<typeof freshDeploy>) {
  if (!verifyDeploy(full).ok) throw new Error('expected the deploy to verify')
  if (mergeApprovals(...halves).deploy.approvals.length !== 100) throw new Error('expected 100 approvals')
}

const cases = {
  'ours, node:crypto (OpenSSL): verifyDeploy(100) + mergeApprovals(50, 50)': (
    deploy: ReturnType<typeof freshDeploy>,
  ) => {
    nativeVerifier.enabled = true
    ours(deploy)
  },
  'ours, noble (the browser path): verifyDeploy(100) + mergeApprovals(50, 50)': (
    deploy: ReturnType<typeof freshDeploy>,
  ) => {
    nativeVerifier.enabled = false
    try {
      ours(deploy)
    } finally {
      nativeVerifier.enabled = true
    }
  },
  'sdk: Deploy.fromJSON(json).validate()': ({ full }: ReturnType<typeof freshDeploy>) => {
    if (!sdk.Deploy.fromJSON(full).validate()) throw new Error('expected the deploy to validate')
  },
}

const warmUp = 2
const iterations = 11
const samples = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]))
for (let i = 0; i < warmUp + iterations; i++) {
  // Every case gets its own never-verified deploy, interleaved so drift (GC, JIT) hits all alike.
  for (const [index, [name, run]] of Object.entries(cases).entries()) {
    const deploy = freshDeploy(i * 10 + index)
    const start = performance.now()
    run(deploy)
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
const [native, noble, sdkValidate] = Object.values(medians) as [number, number, number]

console.log(
  `100 approvals (50 ed25519, 50 secp256k1), each round a new deploy; ${warmUp} warm-up rounds, median of ${iterations}`,
)
for (const [name, ms] of Object.entries(medians)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`)
console.log(`  sdk / ours, node:crypto: ${(sdkValidate / native).toFixed(2)}x faster`)
console.log(`  sdk / ours, noble: ${(sdkValidate / noble).toFixed(2)}x faster`)
