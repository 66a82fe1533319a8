// The main job: a multi-sig account set up and changed end to end against a local devnet running
// Casper mainnet's 2.x rules, over loopback JSON-RPC, exactly as against a node and its sidecar: a
// deploy and a TransactionV1, each co-signed by two keys on separate copies, merged, preflighted,
// submitted and executed. Run it with `npm run example`.

import {
  type Account,
  awaitResult,
  buildConfigureDeploy,
  buildConfigureTransaction,
  buildDelegate,
  buildTransfer,
  createRpc,
  describeDeploy,
  getAccountConfig,
  localSigner,
  mergeApprovals,
  parseDeployJson,
  planReconfiguration,
  preflight,
  type Rpc,
  signatureProgress,
  signDeploy,
  stringifyDeployJson,
  submit,
  type TransactionJson,
} from 'casper-multisig'
import { startDevnet } from 'casper-multisig/devnet'

// Demo keys from fixed seeds (test keys, never funded anywhere): two algorithms, as in real teams.
const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
const bob = localSigner('b2'.repeat(32), { algorithm: 'secp256k1' })
const carol = localSigner('c3'.repeat(32), { algorithm: 'ed25519' })
const dave = localSigner('d4'.repeat(32), { algorithm: 'secp256k1' })
const labels = {
  [alice.publicKey]: 'alice',
  [bob.publicKey]: 'bob',
  [carol.publicKey]: 'carol',
  [dave.publicKey]: 'dave',
}
const names = new Map([alice, bob, carol, dave].map((k) => [k.accountHash, labels[k.publicKey]!]))

const heading = (text: string) => console.log(`\n${text}`)
const showAccount = (account: Account) => {
  for (const [hash, weight] of Object.entries(account.associatedKeys)) {
    console.log(`    key ${names.get(hash) ?? '?'} (account-hash-${hash.slice(0, 8)}…) weight ${weight}`)
  }
  const { deployment, keyManagement } = account.actionThresholds
  console.log(`    thresholds: deployment ${deployment}, key management ${keyManagement}`)
}
/** What a co-signer receives: the deploy as a JSON file's text. */
const passAround = (text: string) => parseDeployJson(text)
/** A TransactionV1 as a file's text, indented as casper-client writes it. */
const stringifyJson = (transaction: TransactionJson) => JSON.stringify(transaction, null, 2)
/** The same for a TransactionV1 file (`{ "Version1": … }`, as casper-client and the node write it). */
const passAroundTransaction = (text: string) => JSON.parse(text) as TransactionJson

async function onChain(rpc: Rpc): Promise<Account> {
  return (await getAccountConfig(rpc, alice.publicKey)).account
}

const devnet = await startDevnet({ port: 0, blockIntervalMs: 200 })
try {
  const rpc = createRpc(devnet.url)
  console.log(
    `casper-multisig: multi-sig flow against a local devnet at ${devnet.url} (${devnet.chainName}, Casper ${devnet.chainspec.protocolVersion} rules)`,
  )

  heading('1. Alice creates an account: her own key, weight 1, thresholds 1/1')
  await devnet.createAccount({ publicKey: alice.publicKey })
  showAccount(await onChain(rpc))

  heading('2. Alice makes it a 2-of-3 multi-sig (alice, bob, carol) with the bundled configure-account Wasm')
  const setupPlan = await planReconfiguration(
    await onChain(rpc),
    {
      associatedKeys: [
        { key: alice.publicKey, weight: 1, label: 'alice' },
        { key: bob.publicKey, weight: 1, label: 'bob' },
        { key: carol.publicKey, weight: 1, label: 'carol' },
      ],
      thresholds: { deployment: 2, keyManagement: 2 },
    },
    { signers: [alice.publicKey] },
  )
  for (const step of setupPlan.steps) console.log(`    - ${step}`)
  const setup = await signDeploy(
    buildConfigureDeploy(setupPlan.deploys[0]!, { account: alice.publicKey, chainName: devnet.chainName }),
    alice,
  )
  const sent = await submit(rpc, setup)
  const setupResult = await awaitResult(rpc, sent, { timeoutMs: 30_000, pollIntervalMs: 100 })
  console.log(
    `  executed in block ${setupResult.blockHash.slice(0, 8)}…, charged ${setupResult.charged} motes`,
  )
  showAccount(await onChain(rpc))

  heading('3. Bob proposes replacing carol with dave; it needs two co-signers (key management 2)')
  const current = await onChain(rpc)
  const plan = await planReconfiguration(
    current,
    {
      associatedKeys: [
        { key: alice.publicKey, weight: 1, label: 'alice' },
        { key: bob.publicKey, weight: 1, label: 'bob' },
        { key: dave.publicKey, weight: 1, label: 'dave' },
      ],
      thresholds: { deployment: 2, keyManagement: 2 },
    },
    { signers: [bob.publicKey, carol.publicKey] },
  )
  const file = stringifyDeployJson(
    buildConfigureDeploy(plan.deploys[0]!, { account: alice.publicKey, chainName: devnet.chainName }),
  )
  console.log(`  the deploy file (${file.length} bytes of casper-client JSON) goes to bob and carol:`)
  const description = await describeDeploy(passAround(file), {
    account: current,
    labels,
    chainspec: devnet.chainspec,
  })
  for (const line of description.text.split('\n')) console.log(`    ${line}`)

  heading('4. Each co-signer signs a separate copy')
  const bobCopy = stringifyDeployJson(await signDeploy(passAround(file), bob))
  console.log(`  bob signed:   ${signatureProgress(passAround(bobCopy), current).summary}`)
  const refused = await preflight(passAround(bobCopy), current, { chainName: devnet.chainName })
  console.log(`  preflight of bob's copy alone: ${refused.errors.map((e) => e.code).join(', ')}`)
  const carolCopy = stringifyDeployJson(await signDeploy(passAround(file), carol))
  console.log(`  carol signed: ${signatureProgress(passAround(carolCopy), current).summary}`)

  heading('5. Merge, preflight, submit, await')
  const { deploy: merged, rejected } = mergeApprovals(passAround(bobCopy), passAround(carolCopy))
  console.log(`  merged: ${merged.approvals.length} approvals, ${rejected.length} rejected`)
  console.log(`  progress: ${signatureProgress(merged, current).summary}`)
  const report = await preflight(merged, current, { chainspec: devnet.chainspec })
  console.log(`  preflight: ${report.ready ? 'ready' : report.errors.map((e) => e.message).join('; ')}`)
  const change = await submit(rpc, merged)
  const result = await awaitResult(rpc, change, { timeoutMs: 30_000, pollIntervalMs: 100 })
  console.log(
    `  deploy ${change.hash.slice(0, 8)}… executed in block ${result.blockHash.slice(0, 8)}…, charged ${result.charged} motes`,
  )
  showAccount(await onChain(rpc))

  heading('6. The same as a TransactionV1: dave proposes adding carol back (2-of-4); alice and dave co-sign')
  const before = await onChain(rpc)
  const addCarol = await planReconfiguration(
    before,
    {
      associatedKeys: [alice, bob, carol, dave].map((k) => ({ key: k.publicKey, weight: 1 })),
      thresholds: { deployment: 2, keyManagement: 2 },
    },
    { signers: [alice.publicKey, dave.publicKey] },
  )
  const transactionFile = stringifyJson(
    buildConfigureTransaction(addCarol.deploys[0]!, {
      account: alice.publicKey,
      chainName: devnet.chainName,
    }),
  )
  // signDeploy, signatureProgress and mergeApprovals take a TransactionV1 as they take a deploy.
  const aliceTx = stringifyJson(await signDeploy(passAroundTransaction(transactionFile), alice))
  console.log(`  alice signed: ${signatureProgress(passAroundTransaction(aliceTx), before).summary}`)
  const alone = await preflight(passAroundTransaction(aliceTx), before, { chainspec: devnet.chainspec })
  console.log(`  preflight of alice's copy alone: ${alone.errors.map((e) => e.code).join(', ')}`)
  const daveTx = stringifyJson(await signDeploy(passAroundTransaction(transactionFile), dave))
  const { deploy: mergedTx, rejected: rejectedTx } = mergeApprovals(
    passAroundTransaction(aliceTx),
    passAroundTransaction(daveTx),
  )
  console.log(`  merged: ${mergedTx.Version1.approvals.length} approvals, ${rejectedTx.length} rejected`)
  const txReport = await preflight(mergedTx, before, { chainspec: devnet.chainspec })
  console.log(`  progress: ${txReport.progress.summary}`)
  console.log(`  preflight: ${txReport.ready ? 'ready' : txReport.errors.map((e) => e.message).join('; ')}`)
  const txSent = await submit(rpc, mergedTx)
  const txResult = await awaitResult(rpc, txSent, { timeoutMs: 30_000, pollIntervalMs: 100 })
  console.log(
    `  transaction ${txSent.hash.slice(0, 8)}… executed in block ${txResult.blockHash.slice(0, 8)}…, charged ${txResult.charged} motes (gas consumed ${txResult.consumed})`,
  )

  heading('7. The account pays: 10 CSPR to erin, co-signed by two keys (deployment threshold 2)')
  const payer = await onChain(rpc)
  const erin = localSigner('e5'.repeat(32), { algorithm: 'ed25519' })
  const balance = async (accountHash: string) => {
    const result = await rpc.request('query_balance', {
      purse_identifier: { main_purse_under_account_hash: `account-hash-${accountHash}` },
    })
    return BigInt((result as { balance: string }).balance)
  }
  const transfer = buildTransfer({
    account: alice.publicKey,
    chainName: devnet.chainName,
    chainspec: devnet.chainspec,
    target: erin.publicKey,
    amount: 10_000_000_000n,
    accountKeys: payer,
  })
  const described = await describeDeploy(passAroundTransaction(transfer.json), {
    chainspec: devnet.chainspec,
    labels: { ...labels, [erin.publicKey]: 'erin' },
  })
  console.log(
    `  what each co-signer is shown: ${described.text.split('\n').find((l) => l.startsWith('Session:'))}`,
  )
  console.log(`  verdict: ${described.safeToSign ? 'safe to sign' : described.doNotSign.join('; ')}`)
  const [byAlice, byDave] = await Promise.all([
    signDeploy(passAroundTransaction(transfer.json), alice),
    signDeploy(passAroundTransaction(transfer.json), dave),
  ])
  const { deploy: paid } = mergeApprovals(byAlice, byDave)
  console.log(`  merged: ${signatureProgress(paid, payer).summary}`)
  const paidFrom = await balance(payer.accountHash)
  const paySent = await submit(rpc, paid)
  const payResult = await awaitResult(rpc, paySent, { timeoutMs: 30_000, pollIntervalMs: 100 })
  console.log(
    `  transaction ${paySent.hash.slice(0, 8)}… executed in block ${payResult.blockHash.slice(0, 8)}…, charged ${payResult.charged} motes`,
  )
  console.log(
    `  the account paid ${paidFrom - (await balance(payer.accountHash))} motes; erin holds ${await balance(erin.accountHash)} motes`,
  )

  heading("8. The account stakes: 500 CSPR delegated to the devnet's validator, co-signed by two keys")
  const auction = (await rpc.request('state_get_auction_info', undefined)) as {
    auction_state: { bids: { public_key: string; bid: { delegators?: unknown[] } }[] }
  }
  const validator = auction.auction_state.bids[0]!.public_key
  const delegation = buildDelegate({
    account: alice.publicKey,
    chainName: devnet.chainName,
    chainspec: devnet.chainspec,
    validator,
    amount: 500_000_000_000n,
  })
  const shown = await describeDeploy(passAroundTransaction(delegation.json), { chainspec: devnet.chainspec })
  console.log(
    `  what each co-signer is shown: ${shown.text.split('\n').find((l) => l.startsWith('Session:'))}`,
  )
  const staked = mergeApprovals(
    await signDeploy(passAroundTransaction(delegation.json), bob),
    await signDeploy(passAroundTransaction(delegation.json), carol),
  ).deploy
  const stakeSent = await submit(rpc, staked)
  const stakeResult = await awaitResult(rpc, stakeSent, { timeoutMs: 30_000, pollIntervalMs: 100 })
  const after = (await rpc.request('state_get_auction_info', undefined)) as typeof auction
  console.log(
    `  transaction ${stakeSent.hash.slice(0, 8)}… executed in block ${stakeResult.blockHash.slice(0, 8)}…, charged ${stakeResult.charged} motes; the validator now has ${after.auction_state.bids[0]!.bid.delegators?.length ?? 0} delegator(s)`,
  )

  heading('9. The final on-chain configuration')
  showAccount(await onChain(rpc))
  console.log(
    '\nDone: every deploy and transaction above was built, signed, merged, checked and executed through JSON-RPC.',
  )
} finally {
  await devnet.stop()
}
