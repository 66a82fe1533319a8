// The main job: a two-party multi-sig account set up in the emulator with the bundled Wasm, then
// reconfigured to 2-of-3 with a proven plan. Run it with `npm run example`.
import { ed25519 } from '@noble/curves/ed25519'
import {
  type Account,
  accountHashFromPublicKey,
  bytesToHex,
  checkSessionWasm,
  createAccount,
  emulateSession,
  planReconfiguration,
  type SessionGas,
  twoPartyMultiSigArgs,
  twoPartyMultiSigWasm,
  twoPartyMultiSigWasmSha256,
} from 'casper-multisig'

/** Demo keys from fixed seeds (never funded anywhere). */
function demoKey(name: string, seedByte: number) {
  const publicKey = `01${bytesToHex(ed25519.getPublicKey(new Uint8Array(32).fill(seedByte)))}`
  return { name, publicKey, accountHash: accountHashFromPublicKey(publicKey) }
}
const alice = demoKey('alice', 0xa1)
const bob = demoKey('bob', 0xb2)
const carol = demoKey('carol', 0xc3)
const names = new Map([alice, bob, carol].map((k) => [k.accountHash, k.name]))

const short = (hash: string) => `${names.get(hash) ?? '?'} (account-hash-${hash.slice(0, 8)}…)`
const show = (label: string, account: Account) => {
  console.log(`  ${label}`)
  for (const [hash, weight] of Object.entries(account.associatedKeys))
    console.log(`    key ${short(hash)} weight ${weight}`)
  const { deployment, keyManagement } = account.actionThresholds
  console.log(`    thresholds: deployment ${deployment}, key management ${keyManagement}`)
}
const gasLine = (gas: SessionGas) =>
  `gas ${gas.total} = opcodes ${gas.opcodes} + host functions ${gas.hostFunctions} + storage ${gas.storage}` +
  ` (${(Number(gas.total) / 1e9).toFixed(4)} CSPR at gas price 1)`

console.log('casper-multisig: two-party multi-sig in the emulator\n')

console.log(`1. The bundled session: two-party-multi-sig.wasm, ${twoPartyMultiSigWasm.length} bytes`)
console.log(`   sha256 ${twoPartyMultiSigWasmSha256}`)
const check = checkSessionWasm(twoPartyMultiSigWasm)
console.log(
  `   casper-node Wasm rules: ${check.ok ? 'all pass' : check.violations.map((v) => v.message).join('; ')}\n`,
)

console.log('2. Alice adds Bob; one signature (hers) suffices')
const before = createAccount(alice.accountHash)
show('before:', before)
const setup = await emulateSession({
  wasm: twoPartyMultiSigWasm,
  args: twoPartyMultiSigArgs(bob.publicKey),
  account: before,
  signers: [alice.accountHash],
})
if (!setup.ok) throw new Error(`setup failed: ${setup.failure?.message}`)
show('after:', setup.account)
console.log(`  result: success, no revert; ${gasLine(setup.gas)}`)
for (const call of setup.calls)
  console.log(`    ${call.name}(${call.args.join(', ')}) -> ${call.result} gas ${call.gas}`)

console.log('\n3. Running it again is refused, and changes nothing')
const again = await emulateSession({
  wasm: twoPartyMultiSigWasm,
  args: twoPartyMultiSigArgs(bob.publicKey),
  account: setup.account,
  signers: [alice.accountHash, bob.accountHash],
})
console.log(`  result: ${again.failure?.message}; account unchanged: ${again.account === setup.account}`)

console.log('\n4. Alice and Bob turn it into 2-of-3 with Carol; the plan is proven in the emulator first')
const plan = await planReconfiguration(
  setup.account,
  {
    associatedKeys: [
      { key: alice.publicKey, weight: 1, label: 'alice' },
      { key: bob.publicKey, weight: 1, label: 'bob' },
      { key: carol.publicKey, weight: 1, label: 'carol' },
    ],
    thresholds: { deployment: 2, keyManagement: 2 },
  },
  { signers: [alice.publicKey, bob.publicKey] },
)
for (const [i, deploy] of plan.deploys.entries()) {
  console.log(`  deploy ${i + 1}: configure-account.wasm, session args ${deploy.argsLength} bytes`)
  for (const step of deploy.steps) console.log(`    - ${step}`)
  console.log(
    `    signers hold weight ${deploy.signersWeight}, key management needs ${deploy.requiredWeight}`,
  )
  console.log(`    ${gasLine(deploy.gas)}`)
}
for (const warning of plan.warnings) console.log(`  warning ${warning.code}: ${warning.message}`)
show('final account:', plan.deploys.at(-1)!.accountAfter)
console.log('\nDone: every step above ran the real session Wasm under casper-node 1.5 rules.')
