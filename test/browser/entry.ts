// Runs in a real browser page (scripts/check-browser.ts): the co-signer path end to end, with the
// browser's own WebAssembly and crypto, from the built package (scripts/check-browser.ts bundles
// `casper-multisig` from dist/ through the package's exports; the type checker reads src/).
import {
  buildTwoPartyDeploy,
  createAccount,
  emulateSession,
  localSigner,
  mergeApprovals,
  signatureProgress,
  signDeploy,
  twoPartyMultiSigArgs,
  twoPartyMultiSigWasm,
  verifyDeploy,
} from 'casper-multisig'

async function run() {
  const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
  const bob = localSigner('b2'.repeat(32), { algorithm: 'secp256k1' })
  const account = createAccount(alice.accountHash)
  const emulation = await emulateSession({
    wasm: twoPartyMultiSigWasm,
    args: twoPartyMultiSigArgs(bob.publicKey),
    account,
    signers: [alice.accountHash],
  })
  const { deploy } = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName: 'casper-test',
    deploymentAccount: bob.publicKey,
  })
  const byAlice = await signDeploy(deploy, alice)
  const multisig = emulation.account
  const byBob = await signDeploy(deploy, bob)
  const { deploy: merged } = mergeApprovals(byAlice, byBob)
  return {
    gas: emulation.gas.total.toString(),
    thresholds: emulation.account.actionThresholds,
    verified: verifyDeploy(merged).ok,
    progress: signatureProgress(merged, multisig).summary,
  }
}

;(window as unknown as { casperMultisig: () => Promise<unknown> }).casperMultisig = run
