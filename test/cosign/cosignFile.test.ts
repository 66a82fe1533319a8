import { readFileSync } from 'node:fs'
import { describe, expect, test, vi } from 'vitest'
import { casperTestnet } from '../../src/chainspec/casperTestnet.js'
import {
  type CasperWalletProvider,
  describeFile,
  mergeFiles,
  parseAccountJson,
  parseCosignFile,
  signFile,
  signingProgress,
  signWithCasperWallet,
  stringifyCosignFile,
  testnet,
  verifyFile,
  withApprovals,
} from '../../src/cosign/index.js'
import { buildTwoPartyDeploy, buildTwoPartyTransaction } from '../../src/deploy/buildTwoPartyDeploy.js'
import { sdk } from '../../src/deploy/sdk.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'

const text = (name: string) => readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8')
const deployText = text('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
const transactionText = text('SYNTHETIC_transaction_v1_session_2approvals.json')
// The vectors' own time, so that expiry is judged as when they were made.
const at = { network: testnet, now: Date.parse('2024-01-01T00:10:00.000Z') }
const ed25519 = localSigner('0f'.repeat(32), { algorithm: 'ed25519' })
const secp256k1 = localSigner('11'.repeat(32), { algorithm: 'secp256k1' })

describe('parseCosignFile', () => {
  test('reads deploys and transactions in every wrapper casper-client, the RPC and the wallet use', () => {
    const deploy = JSON.parse(deployText)
    const transaction = JSON.parse(transactionText).Version1
    for (const wrapped of [deploy, { deploy }, { Deploy: deploy }, { transaction: { Deploy: deploy } }]) {
      expect(parseCosignFile(JSON.stringify(wrapped)).kind).toBe('deploy')
    }
    for (const wrapped of [
      transaction,
      { Version1: transaction },
      { transaction: { Version1: transaction } },
    ]) {
      expect(parseCosignFile(JSON.stringify(wrapped)).kind).toBe('transaction')
    }
  })

  test('unknown fields, unknown variants and malformed hex are refused with the field named', () => {
    const withField = JSON.parse(deployText)
    withField.header.extra = 1
    expect(() => parseCosignFile(JSON.stringify(withField))).toThrowErrorMatchingInlineSnapshot(`
      [CosignError: Invalid deploy or transaction file
        field: header
        expected: only the fields account, timestamp, ttl, gas_price, body_hash, dependencies, chain_name
        got: unknown field extra
      Remedy: Use the file exactly as casper-client, casper-multisig or the wallet wrote it.]
    `)
    const variant = JSON.parse(transactionText)
    variant.Version1.payload.fields.target = { Sessions: {} }
    expect(() => parseCosignFile(JSON.stringify(variant))).toThrow(
      /payload.fields.target[\s\S]*unknown variant Sessions/,
    )
    const hex = JSON.parse(deployText)
    hex.session.ModuleBytes.args[0][1].bytes = 'abc'
    expect(() => parseCosignFile(JSON.stringify(hex))).toThrow(/session.ModuleBytes.args\[0\]\[1\].bytes/)
    const clType = JSON.parse(deployText)
    clType.session.ModuleBytes.args[0][1].cl_type = { Lists: 'U8' }
    expect(() => parseCosignFile(JSON.stringify(clType))).toThrow(/Unknown CLType/)
  })
})

describe('verifyFile', () => {
  test('the vectors verify: hashes and both approvals', () => {
    for (const t of [deployText, transactionText]) {
      const report = verifyFile(parseCosignFile(t), at)
      expect(report.problems).toEqual([])
      expect(report.approvals.map((a) => a.ok)).toEqual([true, true])
    }
  })

  test('tampered content, another chain and expiry are each reported', () => {
    const tampered = JSON.parse(deployText)
    tampered.session.ModuleBytes.args[0][1].bytes = 'ab'.repeat(32)
    const codes = (t: string, options = at) =>
      verifyFile(parseCosignFile(t), options).problems.map((p) => p.code)
    expect(codes(JSON.stringify(tampered))).toEqual(['BodyHashMismatch', 'HashMismatch'])
    expect(codes(deployText, { ...at, network: { ...testnet, chainName: 'casper' } })).toEqual(['WrongChain'])
    expect(codes(transactionText, { ...at, now: Date.parse('2024-01-02T00:00:00Z') })).toEqual(['Expired'])
  })
})

describe('signing and merging', () => {
  test('signFile adds a verifying approval once; casper-js-sdk accepts the result', async () => {
    const unsigned = withApprovals(parseCosignFile(deployText), [])
    const signed = await signFile(await signFile(unsigned, ed25519), ed25519)
    expect(signed.approvals).toHaveLength(1)
    expect(sdk.Deploy.fromJSON(JSON.parse(stringifyCosignFile(signed))).validate()).toBe(true)
  })

  test('signFile and signWithCasperWallet refuse a file changed after hashing', async () => {
    const tampered = JSON.parse(deployText)
    tampered.header.ttl = '1h'
    const file = withApprovals(parseCosignFile(JSON.stringify(tampered)), [])
    await expect(signFile(file, ed25519)).rejects.toMatchObject({
      name: 'CosignError',
      code: 'HashMismatch',
      details: { field: 'hash' },
    })
    const wallet: CasperWalletProvider = { sign: vi.fn() }
    await expect(signWithCasperWallet(file, wallet, ed25519.publicKey)).rejects.toMatchObject({
      code: 'HashMismatch',
    })
    expect(wallet.sign).not.toHaveBeenCalled()
  })

  test('Casper Wallet’s untagged 64-byte signature is tagged with the signer’s algorithm', async () => {
    const file = withApprovals(parseCosignFile(transactionText), [])
    let shown = ''
    const provider: CasperWalletProvider = {
      async sign(json) {
        shown = json
        const tagged = await secp256k1.sign(hexToBytes(file.hash))
        return {
          cancelled: false,
          signature: tagged.subarray(1),
          signatureHex: bytesToHex(tagged.subarray(1)),
        }
      },
    }
    const signed = await signWithCasperWallet(file, provider, secp256k1.publicKey)
    expect(parseCosignFile(shown).hash).toBe(file.hash)
    expect(signed.approvals[0]!.signature.slice(0, 2)).toBe('02')
    expect(verifyFile(signed, at).ok).toBe(true)
    await expect(
      signWithCasperWallet(file, { sign: async () => ({ cancelled: true }) }, secp256k1.publicKey),
    ).rejects.toThrow(/cancelled/)
  })

  test('mergeFiles keeps each valid approval once and reports a forged one with its reason', async () => {
    const unsigned = withApprovals(parseCosignFile(deployText), [])
    const a = await signFile(unsigned, ed25519)
    const b = await signFile(unsigned, secp256k1)
    const other = localSigner('22'.repeat(32), { algorithm: 'ed25519' }).publicKey
    const forged = withApprovals(unsigned, [{ signer: other, signature: a.approvals[0]!.signature }])
    const { merged, approvals, added, rejected } = mergeFiles([a, b, forged, a], at)
    // One per signer, sorted by signer as the node's BTreeSet holds them.
    expect(merged.approvals.map((x) => x.signer)).toEqual([ed25519.publicKey, secp256k1.publicKey].sort())
    expect(added).toEqual(b.approvals)
    expect(approvals.filter((x) => !x.ok).map((x) => x.ok === false && [x.copy, x.reason])).toEqual([
      [2, 'InvalidSignature'],
    ])
    expect(rejected.map((x) => [x.copy, x.reason])).toEqual([[2, 'InvalidSignature']])
    expect(mergeFiles([forged, a, b, a], at).merged).toEqual(merged)
    const changed = JSON.parse(deployText)
    changed.header.gas_price = 2
    expect(() => mergeFiles([a, parseCosignFile(JSON.stringify(changed))], at)).toThrow(
      /Copies 0 and 1 are different deploys: header.gas_price differs/,
    )
    // Two files instead of an array of them: named as that, not as "Nothing to merge".
    const asArguments = mergeFiles as unknown as (a: unknown, b: unknown) => unknown
    expect(() => asArguments(a, b)).toThrow(/^mergeFiles takes an array of files: mergeFiles\(\[a, b\]\)/)
  })
})

describe('describeFile and signingProgress', () => {
  test('an unknown session is DO NOT SIGN (default deny); every arg with its type', () => {
    const d = describeFile(parseCosignFile(deployText), at)
    expect(d.code.kind).toBe('unknown-wasm')
    expect(d.args).toEqual([
      {
        name: 'deployment-account',
        type: 'ByteArray(32)',
        hex: 'c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234',
        value: 'c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234',
      },
    ])
    expect(d.paymentMotes).toBe(2_500_000_000n)
    expect(d.doNotSign).toEqual([
      `the session is Wasm casper-multisig does not know (sha256 ${d.code.kind === 'unknown-wasm' ? `${d.code.sha256}, ${d.code.bytes} bytes` : ''}): it can do anything the account can (once you have checked this Wasm yourself, accept it in your own address book: "acceptedWasm": { "${d.code.kind === 'unknown-wasm' ? d.code.sha256 : ''}": "<name>" })`,
    ])
    expect(d.safeToSign).toBe(false)
  })

  test('unknown Wasm whose sha256 is in acceptedWasm is described in full, not refused for it', () => {
    const file = parseCosignFile(deployText)
    const refused = describeFile(file, at)
    const sha256 = refused.code.kind === 'unknown-wasm' ? refused.code.sha256 : ''
    const other = { ['00'.repeat(32)]: 'something else' }
    expect(describeFile(file, { ...at, acceptedWasm: other }).safeToSign).toBe(false)
    const d = describeFile(file, { ...at, acceptedWasm: { ...other, [sha256.toUpperCase()]: 'reviewed' } })
    expect(d.code).toEqual({
      kind: 'unknown-wasm',
      sha256,
      bytes: refused.code.kind === 'unknown-wasm' ? refused.code.bytes : 0,
      accepted: 'reviewed',
    })
    expect(d.args).toEqual(refused.args)
    expect(d.doNotSign).toEqual([])
    expect(d.safeToSign).toBe(true)
    expect(d.warnings).toContain(
      `the session is Wasm your address book accepts as "reviewed" (sha256 ${sha256}, ${d.code.kind === 'unknown-wasm' ? d.code.bytes : 0} bytes): casper-multisig cannot explain what it does, and it can do anything the account can; check every arg`,
    )
    // Accepted, and anything else wrong is still DO NOT SIGN: here, a later time makes it expired.
    const late = describeFile(file, {
      ...at,
      now: Date.parse('2030-01-01T00:00:00Z'),
      acceptedWasm: { [sha256]: 'reviewed' },
    })
    expect(late.safeToSign).toBe(false)
    expect(late.doNotSign.join('; ')).not.toContain('does not know')
  })

  test('progress against an account pasted as state_get_account_info returns it', () => {
    const account = parseAccountJson(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        result: {
          api_version: '2.0.0',
          account: {
            account_hash: 'account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2',
            named_keys: [],
            main_purse: 'uref-0000000000000000000000000000000000000000000000000000000000000000-007',
            associated_keys: [
              {
                account_hash: 'account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2',
                weight: 1,
              },
              { account_hash: `account-hash-${'77'.repeat(32)}`, weight: 1 },
            ],
            action_thresholds: { deployment: 1, key_management: 3 },
          },
          merkle_proof: '',
        },
      })
        .replace('"api_version":"2.0.0",', '')
        .replace(',"merkle_proof":""', ''),
    )
    const progress = signingProgress(parseCosignFile(deployText), account, at)
    expect(progress.neededFor).toBe('key management')
    expect(progress.weight).toBe(1)
    expect(progress.complete).toBe(false)
    expect(progress.missing.map((m) => m.accountHash)).toEqual(['77'.repeat(32)])
  })
})

// casper-types 2.0.0 transaction/deploy.rs and node meta_transaction_v1.rs is_config_compliant:
// a Wasm session paying below baseline_motes_amount is refused (InvalidPaymentAmount).
describe('describeFile: the least payment', () => {
  const alice = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
  const bob = `02${'03'.repeat(33)}`
  const when = { network: testnet, now: Date.parse('2024-01-01T00:10:00.000Z') }
  // The builders refuse a payment below the floor: these files are built without it, to be refused.
  const noFloor = { ...casperTestnet, baselineMotesAmount: 0n }
  const parameters = {
    account: alice,
    chainName: 'casper-test',
    deploymentAccount: bob,
    timestamp: Date.parse('2024-01-01T00:00:00.000Z'),
  }

  test('a deploy paying 2 CSPR: DO NOT SIGN; if it fails it is charged the 2.5 CSPR baseline', async () => {
    const { deploy } = await buildTwoPartyDeploy({
      ...parameters,
      payment: 2_000_000_000n,
      chainspec: noFloor,
    })
    const d = describeFile(parseCosignFile(JSON.stringify(deploy)), when)
    expect(d.doNotSign).toEqual([
      `the payment of 2 CSPR is below the network's minimum payment of 2.5 CSPR (baseline_motes_amount): the node refuses it (InvalidDeploy::InvalidPaymentAmount, "invalid payment amount")`,
    ])
    expect(d.ifFailsMotes).toBe(2_500_000_000n)
  })

  test('a TransactionV1 paying 2 CSPR: DO NOT SIGN with the V1 error; 3 CSPR is fine', async () => {
    const low = await buildTwoPartyTransaction({ ...parameters, payment: 2_000_000_000n, chainspec: noFloor })
    const d = describeFile(parseCosignFile(JSON.stringify(low.transaction)), when)
    expect(d.doNotSign.join()).toContain('InvalidTransactionV1::InvalidPaymentAmount')
    const fine = await buildTwoPartyTransaction({ ...parameters, payment: 3_000_000_000n })
    const f = describeFile(parseCosignFile(JSON.stringify(fine.transaction)), when)
    expect(f.doNotSign).toEqual([])
    expect(f.ifFailsMotes).toBe(3_000_000_000n)
  })
})
