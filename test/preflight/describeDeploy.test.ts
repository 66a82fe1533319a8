// describeDeploy: what a co-signer sees before approving.

import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { casperTestnet } from '../../src/chainspec/casperTestnet.js'
import { buildConfigureDeploy } from '../../src/deploy/buildConfigureDeploy.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import type { DeployJson, NamedArgJson } from '../../src/deploy/DeployJson.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { type DeployDescription, describeDeploy } from '../../src/preflight/describeDeploy.js'
import { vector } from '../vectors.js'

const owner = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
const bob = `02${'03'.repeat(33)}`
const carol = `01${'04'.repeat(32)}`
const labels = { [owner]: 'alice', [bob]: 'bob', [carol]: 'carol' }
// These snapshots hold mainnet 2.2.0 numbers: payments at the 2.5 CSPR floor (baseline_motes_amount).
const priced = { chainspec: casperMainnet } as const
const at = new Date('2024-01-01T00:00:00.000Z')
/** The deploys built below for casper-test are described against its rules. */
const testnet = { chainspec: casperTestnet } as const

describe('describeDeploy', () => {
  test('a two-party deploy: the bundled Wasm, the key it adds, the thresholds, payment, expiry and the result', async () => {
    const { deploy } = await buildTwoPartyDeploy({
      ...priced,
      account: owner,
      chainName: 'casper-test',
      deploymentAccount: bob,
      timestamp: at,
    })
    const account = createAccount(accountHashFromPublicKey(owner))
    const description = await describeDeploy(deploy, { ...testnet, account, labels, now: at })
    expect(description.code.kind).toBe('two-party-multi-sig')
    expect(description.changes).toEqual([
      { kind: 'addKey', accountHash: accountHashFromPublicKey(bob), weight: 1 },
      { kind: 'setThreshold', action: 'keyManagement', value: 2 },
      { kind: 'setThreshold', action: 'deployment', value: 2 },
    ])
    expect(description.text).toMatchInlineSnapshot(`
      "Deploy caabc03b943d8ac19ff5008044988ca79f330e3dc73f82168ffe7c7ccab9cd72
      Account: account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2 (alice)
      Chain: casper-test
      Session: two-party-multi-sig (bundled, sha256 54a236d7f37b8f53fcda2baf530d16c52e2d87c0563bd79afb9a706278d62c46)
        add key account-hash-4483ce570c717153d309f35bda72ca019b2b056a4952464a9a5b9bad79b0c3d8 (bob) with weight 1
        set the key-management threshold to 2
        set the deployment threshold to 2
      Result:
        account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2 (alice) weight 1
        account-hash-4483ce570c717153d309f35bda72ca019b2b056a4952464a9a5b9bad79b0c3d8 (bob) weight 1
        thresholds: deployment 2, key management 2
      Payment: 2.5 CSPR standard payment (emulated cost 0.483446387 CSPR, expected charge 0.987584791 CSPR, if it fails: 2.5 CSPR)
      Expires: 2024-01-01T02:00:00.000Z
      Signed by: nobody yet"
    `)
  })

  test('a configure deploy lists every change in execution order', async () => {
    const account = createAccount(accountHashFromPublicKey(owner))
    const plan = await planReconfiguration(
      account,
      {
        associatedKeys: [
          { key: bob, weight: 1 },
          { key: carol, weight: 1 },
        ],
        thresholds: { deployment: 1, keyManagement: 2 },
      },
      priced,
    )
    const deploy = buildConfigureDeploy(plan.deploys[0]!, {
      account: owner,
      chainName: 'casper',
      timestamp: at,
      ttl: '1h',
    })
    const description = await describeDeploy(deploy, { labels, now: new Date('2024-01-01T02:00:00.000Z') })
    expect(description.expired).toBe(true)
    expect(description.text).toMatchInlineSnapshot(`
      "DO NOT SIGN: Expired: expired at 2024-01-01T01:00:00.000Z.
      Deploy ad635d95ccf3a5b8847a709357d66f853fa38e131706520a82226d011dcb16af
      Account: account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2 (alice)
      Chain: casper
      Session: configure-account (bundled, sha256 6cc344468fa1ea8772c769bba99284a65cc197b670bf4ecc797ecbc892de060c)
        add key account-hash-4483ce570c717153d309f35bda72ca019b2b056a4952464a9a5b9bad79b0c3d8 (bob) with weight 1
        add key account-hash-036f5b471df1dc68ed5b24cfa33ba912033612e888267e26fa8fdb02df9e2fe4 (carol) with weight 1
        set the key-management threshold to 2
        remove key account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2 (alice)
      Payment: 2.5 CSPR standard payment (cost not emulated, if it fails: 2.5 CSPR)
      Expires: 2024-01-01T01:00:00.000Z (expired)
      Signed by: nobody yet"
    `)
  })

  test('unknown Wasm is called out', async () => {
    const description = await describeDeploy(
      vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json'),
      { ...testnet, now: at },
    )
    expect(description.code.kind).toBe('unknown-wasm')
    expect(description.doNotSign.join('\n')).toMatch(/does not know/)
    expect(description.signers).toHaveLength(2)
  })

  test('the review repro: args edited to show bob, the hash still for mallory, a forged approval by bob: DO NOT SIGN', async () => {
    const alice = localSigner('0f'.repeat(32), { algorithm: 'ed25519' })
    const bobKey = localSigner('11'.repeat(32), { algorithm: 'ed25519' })
    const mallory = localSigner('22'.repeat(32), { algorithm: 'ed25519' })
    const { deploy } = await buildTwoPartyDeploy({
      ...priced,
      account: alice.publicKey,
      chainName: 'casper-test',
      deploymentAccount: mallory.publicKey,
      timestamp: at,
    })
    const tampered = structuredClone(await signDeploy(deploy, alice))
    const arg = tampered.session.ModuleBytes!.args[0]!
    arg[1].bytes = bobKey.accountHash
    arg[1].parsed = bobKey.accountHash
    tampered.approvals.push({ signer: bobKey.publicKey, signature: `01${'ab'.repeat(64)}` })
    const names = { [alice.publicKey]: 'alice', [bobKey.publicKey]: 'bob' }
    const account = createAccount(alice.accountHash)
    const description = await describeDeploy(tampered, { ...testnet, labels: names, account, now: at })
    expect(description.safeToSign).toBe(false)
    expect(description.verification.problems.map((p) => p.code)).toEqual(['BodyHashMismatch', 'HashMismatch'])
    expect(description.signers.map((s) => s.accountHash)).toEqual([alice.accountHash])
    expect(
      description.verification.approvals.flatMap((a) => (a.ok ? [] : [{ index: a.index, reason: a.reason }])),
    ).toEqual([{ index: 1, reason: 'InvalidSignature' }])
    expect(description.text).toMatchInlineSnapshot(`
      "DO NOT SIGN: the content does not match the hash being signed (BodyHashMismatch, HashMismatch): what is shown here is not what a signature approves; 1 approval does not verify, and the node refuses a deploy carrying any invalid approval.
      Deploy f9e80e5e2c8e5079ad2429721751796b2120445208f818dfbd00e8cac53bdefc
      Account: account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2 (alice)
      Chain: casper-test
      Session: two-party-multi-sig (bundled, sha256 54a236d7f37b8f53fcda2baf530d16c52e2d87c0563bd79afb9a706278d62c46)
        add key account-hash-4dd6685334b0ff4b12677d60950e193f62569169e40fa5b23dd85f624d0596b2 (bob) with weight 1
        set the key-management threshold to 2
        set the deployment threshold to 2
      Result:
        account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2 (alice) weight 1
        account-hash-4dd6685334b0ff4b12677d60950e193f62569169e40fa5b23dd85f624d0596b2 (bob) weight 1
        thresholds: deployment 2, key management 2
      Payment: 2.5 CSPR standard payment (emulated cost 0.483446387 CSPR, expected charge 0.987584791 CSPR, if it fails: 2.5 CSPR)
      Expires: 2024-01-01T02:00:00.000Z
      Signed by:
        account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2 (alice)
      Invalid approval by 01d04ab232742bb4ab3a1368bd4615e4e6d0224ab71a016baf8520a332c9778737 (approvals[1]): InvalidSignature: expected an ed25519 signature of hash f9e80e5e2c8e5079ad2429721751796b2120445208f818dfbd00e8cac53bdefc by account-hash-4dd6685334b0ff4b12677d60950e193f62569169e40fa5b23dd85f624d0596b2, got one whose s is not below the group order L (ed25519-dalek refuses non-canonical s)
      Hash check: BodyHashMismatch: expected header.body_hash 4c514b26fb1646785c550570b04751b94cf4c50e917d8164870584641dea8a3f (blake2b of payment and session), got 19c32a0671fc9033032191e7b5b018423bbcc1687260983b3c9fd5b11e05f061
      Hash check: HashMismatch: expected hash 1e3f887d9a1792b1b3fc075c8995ebbd2400cd13db65cbabcbe43b2453dd544a (blake2b of the content), got f9e80e5e2c8e5079ad2429721751796b2120445208f818dfbd00e8cac53bdefc"
    `)
  })

  test('every approval valid but one: DO NOT SIGN names it; valid approvals alone are signers', async () => {
    const synthetic = vector<DeployJson>('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
    const [ed, secp] = synthetic.approvals as [DeployJson['approvals'][0], DeployJson['approvals'][0]]
    const foreign = vector<DeployJson>('deploy_transfer_rpc-schema-example_casper-node-v1.5.8.json')
      .approvals[0]!
    const description = await describeDeploy(
      { ...synthetic, approvals: [secp, foreign] },
      { ...testnet, now: at },
    )
    expect(description.text.split('\n')[0]).toMatchInlineSnapshot(
      `"DO NOT SIGN: 1 approval does not verify, and the node refuses a deploy carrying any invalid approval; the session is Wasm casper-multisig does not know (sha256 ec0d554ea52d9eb239447bcf38014e72ac38e62a60ef0deadbd730f22e2f67eb, 39 bytes): it can do anything the account can (once you have checked this Wasm yourself, accept it in your own address book: "acceptedWasm": { "ec0d554ea52d9eb239447bcf38014e72ac38e62a60ef0deadbd730f22e2f67eb": "<name>" })."`,
    )
    expect(description.signers.map((s) => s.publicKey)).toEqual([secp.signer])
    expect(description.verification.approvals.find((a) => !a.ok)?.approval.signer).toBe(ed.signer)
    // The vector as published: its approvals verify; only its Wasm, unknown, is a reason not to sign.
    const clean = await describeDeploy(synthetic, { ...testnet, now: at })
    expect(clean.doNotSign).toHaveLength(1)
    expect(clean.doNotSign[0]).toMatch(/^the session is Wasm casper-multisig does not know/)
  })
})

/** The revert of the emulated run, when it reverted. */
function revertOf(description: DeployDescription) {
  return description.outcome?.ok === false ? description.outcome.revert : undefined
}

/** The deploy with its session args edited and its hashes recomputed, as a careless (or hostile) author makes it. */
function withArgs(deploy: DeployJson, edit: (args: NamedArgJson[]) => NamedArgJson[]): DeployJson {
  const copy = structuredClone(deploy)
  copy.session.ModuleBytes!.args = edit(copy.session.ModuleBytes!.args)
  copy.header.body_hash = deployHashes(copy).bodyHash
  copy.hash = deployHashes(copy).hash
  return copy
}

describe('describeDeploy decodes args as the bundled Wasm reads them', () => {
  const account = createAccount(accountHashFromPublicKey(owner))

  test('two-party: a Key (33 bytes) as deployment-account: no change, a warning, and the emulator agrees', async () => {
    const { deploy } = await buildTwoPartyDeploy({
      ...priced,
      account: owner,
      chainName: 'casper-test',
      deploymentAccount: bob,
      timestamp: at,
    })
    // What `--session-arg "deployment-account:key='account-hash-…'"` makes: a Key::Account, tag 00 + 32 bytes.
    const keyed = withArgs(deploy, (args) => {
      const [name, value] = args[0]!
      const key = {
        cl_type: 'Key',
        bytes: `00${value.bytes}`,
        parsed: { Account: `account-hash-${value.bytes}` },
      }
      return [[name, key]]
    })
    const description = await describeDeploy(keyed, { ...testnet, account, labels, now: at })
    expect(description.changes).toEqual([])
    expect(description.doNotSign).toMatchInlineSnapshot(`
      [
        "the session would revert with InvalidArgument [3] (deployment-account is Key of 33 bytes, not a 32-byte account hash) and be charged in full",
      ]
    `)
    expect(revertOf(description)).toMatchObject({ code: 3 })
  })

  test('two-party: 32 bytes declared as another CLType still add the key, with a warning', async () => {
    const { deploy } = await buildTwoPartyDeploy({
      ...priced,
      account: owner,
      chainName: 'casper-test',
      deploymentAccount: bob,
      timestamp: at,
    })
    const retyped = withArgs(deploy, (args) =>
      args.map(([name, value]) => [name, { ...value, cl_type: 'Any' }]),
    )
    const description = await describeDeploy(retyped, { ...testnet, now: at })
    expect(description.changes[0]).toEqual({
      kind: 'addKey',
      accountHash: accountHashFromPublicKey(bob),
      weight: 1,
    })
    expect(description.warnings).toMatchInlineSnapshot(`
      [
        "Arg deployment-account: expected CLType ByteArray(32), got Any; the session reads its 32 bytes as an account hash anyway.",
      ]
    `)
  })

  async function configureDeploy(): Promise<DeployJson> {
    const plan = await planReconfiguration(
      account,
      {
        associatedKeys: [
          { key: owner, weight: 1 },
          { key: bob, weight: 1 },
          { key: carol, weight: 1 },
        ],
        thresholds: { deployment: 1, keyManagement: 2 },
      },
      priced,
    )
    return buildConfigureDeploy(plan.deploys[0]!, {
      account: owner,
      chainName: 'casper',
      timestamp: at,
      ttl: '1h',
    })
  }
  const named = (args: NamedArgJson[], name: string) => args.find(([n]) => n === name)!

  test('configure: a list whose u32 count disagrees with its length is malformed, not 2 keys', async () => {
    const deploy = withArgs(await configureDeploy(), (args) => {
      const add = named(args, 'add')
      add[1].bytes = `03${add[1].bytes.slice(2)}` // count 3, two hashes of bytes
      return args
    })
    const description = await describeDeploy(deploy, { account, labels, now: at })
    expect(description.changes.filter((c) => c.kind === 'addKey')).toEqual([])
    expect(description.doNotSign).toMatchInlineSnapshot(`
      [
        "the session would revert with InvalidArgument [3] (arg add is not a valid List<ByteArray(32)>: expected 4 + 3 × 32 = 100 bytes (List<ByteArray(32)> of 3), got 68 bytes) and be charged in full",
      ]
    `)
    expect(revertOf(description)).toMatchObject({ code: 3 })
  })

  test('configure: keys without their weights: no weight 0 invented; MissingArgument [2], as the emulator says', async () => {
    const deploy = withArgs(await configureDeploy(), (args) => args.filter(([n]) => n !== 'add_w'))
    const description = await describeDeploy(deploy, { account, labels, now: at })
    expect(description.changes.filter((c) => c.kind === 'addKey')).toEqual([])
    expect(description.doNotSign).toMatchInlineSnapshot(`
      [
        "the session would revert with MissingArgument [2] (arg add without add_w) and be charged in full",
      ]
    `)
    expect(revertOf(description)).toMatchObject({ code: 2 })
  })

  test('configure: fewer weights than keys: InvalidArgument [3], as the emulator says', async () => {
    const deploy = withArgs(await configureDeploy(), (args) => {
      named(args, 'add_w')[1].bytes = '0100000001'
      return args
    })
    const description = await describeDeploy(deploy, { account, labels, now: at })
    expect(description.changes.filter((c) => c.kind === 'addKey')).toEqual([])
    expect(description.doNotSign).toMatchInlineSnapshot(`
      [
        "the session would revert with InvalidArgument [3] (2 keys in add and 1 weight in add_w) and be charged in full",
      ]
    `)
    expect(revertOf(description)).toMatchObject({ code: 3 })
  })
})
