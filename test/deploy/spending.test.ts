// The spending builders: every file they make is read back by parseCosignFile, described by
// describeFile with exactly what it was built with, hashed as casper-js-sdk hashes it, and changed by
// any change of its amount or recipient.
import { describe, expect, it } from 'vitest'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import type { Chainspec } from '../../src/chainspec/Chainspec.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { describeFile } from '../../src/cosign/describeFile.js'
import { deployHashes, transactionHash } from '../../src/cosign/hashes.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { buildDelegate } from '../../src/deploy/buildDelegate.js'
import { buildRedelegate } from '../../src/deploy/buildRedelegate.js'
import type { BuiltSpending } from '../../src/deploy/buildSpending.js'
import { buildTransfer } from '../../src/deploy/buildTransfer.js'
import { buildUndelegate } from '../../src/deploy/buildUndelegate.js'
import { sdk } from '../../src/deploy/sdk.js'
import { DeployError } from '../../src/errors/DeployError.js'
import { ed25519Signer } from '../approvals/testSigners.js'

const sender = ed25519Signer(new Uint8Array(32).fill(1)).publicKey
const recipient = ed25519Signer(new Uint8Array(32).fill(2)).publicKey
const validator = ed25519Signer(new Uint8Array(32).fill(3)).publicKey
const newValidator = ed25519Signer(new Uint8Array(32).fill(4)).publicKey
const now = Date.now()
const header = { account: sender, chainName: 'casper', chainspec: casperMainnet, timestamp: now, ttl: '30m' }
const cspr = 1_000_000_000n

function described(built: BuiltSpending) {
  const file = parseCosignFile(built.json)
  return describeFile(file, { now })
}

function codeOf(built: BuiltSpending) {
  return described(built).code as Record<string, unknown>
}

describe('buildTransfer', () => {
  for (const kind of ['transaction', 'deploy'] as const) {
    it(`${kind}: describeFile shows exactly the amount, the target and the id, and says it is safe to sign`, () => {
      const built = buildTransfer({ ...header, kind, target: recipient, amount: 12_345_678_901n, id: 77 })
      const d = described(built)
      expect(d.doNotSign).toEqual([])
      expect(d.safeToSign).toBe(true)
      expect(d.hash).toBe(built.hash)
      expect(d.code).toMatchObject({
        kind: 'transfer',
        amount: 12_345_678_901n,
        target: { kind: 'publicKey', publicKey: recipient, accountHash: accountHashFromPublicKey(recipient) },
        id: 77n,
      })
      expect(built.paymentMotes).toBe(casperMainnet.systemCosts.transfer)
      expect(built.expectedChargeMotes).toBe(100_000_000n)
      expect(d.paymentMotes).toBe(100_000_000n)
    })
  }

  it('writes an account hash as ByteArray(32) and a purse as a URef, with an optional source', () => {
    const hash = accountHashFromPublicKey(recipient)
    const byHash = buildTransfer({ ...header, target: `account-hash-${hash}`, amount: 3n * cspr, id: 1 })
    expect(codeOf(byHash).target).toEqual({ kind: 'accountHash', accountHash: hash })
    const purse = `uref-${'ab'.repeat(32)}-007`
    const source = `uref-${'cd'.repeat(32)}-007`
    const byPurse = buildTransfer({ ...header, target: purse, source, amount: 3n * cspr, id: 1 })
    expect(codeOf(byPurse)).toMatchObject({ target: { kind: 'purse', uref: purse }, source })
    expect(described(byPurse).safeToSign).toBe(true)
  })

  it('always writes an id: the timestamp in milliseconds by default', () => {
    const built = buildTransfer({ ...header, target: recipient, amount: 3n * cspr })
    expect(codeOf(built).id).toBe(BigInt(now))
    expect(described(built).warnings.join()).not.toMatch(/no id/)
  })

  it('is hashed as casper-js-sdk NativeTransferBuilder and makeCsprTransferDeploy hash it', () => {
    const built = buildTransfer({ ...header, target: recipient, amount: 2_500_000_001n, id: 9 })
    const oracle = new sdk.NativeTransferBuilder()
      .from(sdk.PublicKey.fromHex(sender))
      .target(sdk.PublicKey.fromHex(recipient))
      .amount('2500000001')
      .id(9)
      .chainName('casper')
      .payment(100_000_000, 1)
      .ttl(30 * 60 * 1000)
      .timestamp(new sdk.Timestamp(new Date(now)))
      .build()
    expect(built.hash).toBe(oracle.hash.toHex())
    const deploy = buildTransfer({
      ...header,
      kind: 'deploy',
      target: recipient,
      amount: 2_500_000_001n,
      id: 9,
    })
    const oracleDeploy = sdk.makeCsprTransferDeploy({
      senderPublicKeyHex: sender,
      recipientPublicKeyHex: recipient,
      transferAmount: '2500000001',
      chainName: 'casper',
      memo: '9',
      ttl: 30 * 60 * 1000,
      timestamp: new Date(now).toISOString(),
      paymentAmount: '100000000',
    })
    // casper-js-sdk writes the deploy transfer's args in the order target, amount, id like casper-client.
    expect(deploy.hash).toBe(oracleDeploy.hash.toHex())
  })

  it('a changed byte of the amount or the target changes the description or breaks the hash', () => {
    const built = buildTransfer({ ...header, target: recipient, amount: 2_500_000_001n, id: 9 })
    const amountHex = '0401f90295'
    expect(built.json).toContain(amountHex)
    const edited = built.json.replace(amountHex, '0402f90295')
    const d = describeFile(parseCosignFile(edited), { now })
    expect(d.safeToSign).toBe(false)
    expect(transactionHash(parseCosignFile(edited) as never)).not.toBe(built.hash)
    const other = built.json.replace(`"bytes": "${recipient}"`, `"bytes": "${validator}"`)
    expect(other).not.toBe(built.json)
    expect(describeFile(parseCosignFile(other), { now }).doNotSign.join()).toMatch(/does not match the hash/)
  })

  it('refuses an amount below the minimum, a malformed target, source or id, and a bad account', () => {
    const code = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        expect(e).toBeInstanceOf(DeployError)
        return (e as DeployError).code
      }
      return 'no error'
    }
    expect(code(() => buildTransfer({ ...header, target: recipient, amount: 2_499_999_999n }))).toBe(
      'AmountBelowMinimum',
    )
    expect(code(() => buildTransfer({ ...header, target: 'account-hash-12', amount: 3n * cspr }))).toBe(
      'InvalidTarget',
    )
    expect(
      code(() => buildTransfer({ ...header, target: `hash-${'a'.repeat(64)}`, amount: 3n * cspr })),
    ).toBe('InvalidTarget')
    expect(code(() => buildTransfer({ ...header, target: `01${'00'.repeat(31)}`, amount: 3n * cspr }))).toBe(
      'InvalidTarget',
    )
    expect(
      code(() => buildTransfer({ ...header, target: recipient, source: 'uref-00-007', amount: 3n * cspr })),
    ).toBe('InvalidSource')
    expect(code(() => buildTransfer({ ...header, target: recipient, amount: 3n * cspr, id: -1 }))).toBe(
      'InvalidTransferId',
    )
    expect(
      code(() => buildTransfer({ ...header, target: recipient, amount: 3n * cspr, id: 2n ** 64n })),
    ).toBe('InvalidTransferId')
    expect(
      code(() => buildTransfer({ ...header, account: '01zz', target: recipient, amount: 3n * cspr })),
    ).toBe('InvalidPublicKey')
    // A u64 id above 2^53 is written exactly in the bytes.
    const big = buildTransfer({ ...header, target: recipient, amount: 3n * cspr, id: 2n ** 64n - 1n })
    expect(codeOf(big).id).toBe(2n ** 64n - 1n)
  })

  it('says which keys must sign when given the account', () => {
    const [a, b, c] = [sender, recipient, validator].map(accountHashFromPublicKey) as [string, string, string]
    const built = buildTransfer({
      ...header,
      target: recipient,
      amount: 3n * cspr,
      accountKeys: {
        accountHash: a,
        associatedKeys: { [a]: 1, [b]: 1, [c]: 2 },
        actionThresholds: { deployment: 2, keyManagement: 3 },
      },
    })
    // c alone reaches 2; a + b would too, but is not a smallest set.
    expect(built.signers).toEqual({ deploymentThreshold: 2, neededSets: [[c]] })
  })
})

const delegations = [
  ['delegate', buildDelegate, 'Delegate', {}],
  ['undelegate', buildUndelegate, 'Undelegate', {}],
  ['redelegate', buildRedelegate, 'Redelegate', { newValidator }],
] as const

describe.each(delegations)('%s', (entryPoint, build, entryPointTag, extra) => {
  for (const kind of ['transaction', 'deploy'] as const) {
    it(`${kind}: describeFile shows exactly the amount and the validators, and says it is safe to sign`, () => {
      const built = build({ ...header, ...extra, kind, validator, amount: 600n * cspr } as never)
      const d = described(built)
      expect(d.doNotSign).toEqual([])
      expect(d.code).toMatchObject({
        kind: 'auction',
        entryPoint,
        delegator: sender,
        validator,
        amount: 600n * cspr,
        ...(entryPoint === 'redelegate' ? { newValidator } : {}),
      })
      expect(built.paymentMotes).toBe(casperMainnet.systemCosts[entryPoint])
      expect(built.expectedChargeMotes).toBe(2_500_000_000n)
      if (kind === 'deploy') expect(d.code).toMatchObject({ contract: casperMainnet.auctionContractHash })
    })
  }

  it('is hashed as casper-js-sdk hashes it (Native builder, makeAuctionManagerDeploy)', () => {
    const builder =
      entryPoint === 'delegate'
        ? new sdk.NativeDelegateBuilder()
        : entryPoint === 'undelegate'
          ? new sdk.NativeUndelegateBuilder()
          : new sdk.NativeRedelegateBuilder().newValidator(sdk.PublicKey.fromHex(newValidator))
    const oracle = builder
      .validator(sdk.PublicKey.fromHex(validator))
      .amount((600n * cspr).toString())
      .from(sdk.PublicKey.fromHex(sender))
      .chainName('casper')
      .payment(2_500_000_000, 1)
      .ttl(30 * 60 * 1000)
      .timestamp(new sdk.Timestamp(new Date(now)))
      .build()
    const built = build({ ...header, ...extra, validator, amount: 600n * cspr } as never)
    expect(built.transaction?.Version1.payload.fields).toMatchObject({ entry_point: entryPointTag })
    expect(built.hash).toBe(oracle.hash.toHex())
    const oracleDeploy = sdk.makeAuctionManagerDeploy({
      contractEntryPoint: entryPoint as never,
      delegatorPublicKeyHex: sender,
      validatorPublicKeyHex: validator,
      newValidatorPublicKeyHex: entryPoint === 'redelegate' ? newValidator : undefined,
      amount: (600n * cspr).toString(),
      paymentAmount: '2500000000',
      chainName: sdk.CasperNetworkName.Mainnet,
      contractHash: casperMainnet.auctionContractHash,
      ttl: 30 * 60 * 1000,
      timestamp: new Date(now).toISOString(),
    })
    const deploy = build({ ...header, ...extra, kind: 'deploy', validator, amount: 600n * cspr } as never)
    expect(deploy.hash).toBe(oracleDeploy.hash.toHex())
    expect(deployHashes(parseCosignFile(deploy.json) as never).hash).toBe(deploy.hash)
  })

  it('a changed byte of the amount or the validator changes the description or breaks the hash', () => {
    const built = build({ ...header, ...extra, validator, amount: 600n * cspr } as never)
    const amountHex = (
      built.transaction!.Version1.payload.fields as { args: { Named: [string, { bytes: string }][] } }
    ).args.Named.find(([n]) => n === 'amount')![1].bytes
    const edited = built.json.replace(`"bytes": "${amountHex}"`, `"bytes": "${amountHex.slice(0, -2)}75"`)
    expect(edited).not.toBe(built.json)
    const d = describeFile(parseCosignFile(edited), { now })
    expect(d.safeToSign).toBe(false)
    expect((d.code as { amount: bigint }).amount).not.toBe(600n * cspr)
    const other = built.json.replace(`"bytes": "${validator}"`, `"bytes": "${recipient}"`)
    expect(other).not.toBe(built.json)
    const o = describeFile(parseCosignFile(other), { now })
    expect((o.code as { validator: string }).validator).toBe(recipient)
    expect(o.safeToSign).toBe(false)
  })

  it('refuses a deploy on a network without an auction contract hash, and malformed validators', () => {
    const chainspec: Chainspec = { ...casperMainnet, auctionContractHash: undefined }
    expect(() =>
      build({ ...header, ...extra, chainspec, kind: 'deploy', validator, amount: 600n * cspr } as never),
    ).toThrow(expect.objectContaining({ code: 'NoAuctionContract' }))
    expect(() => build({ ...header, ...extra, validator: '01abc', amount: 600n * cspr } as never)).toThrow(
      expect.objectContaining({ code: 'InvalidPublicKey' }),
    )
    if (entryPoint !== 'undelegate')
      expect(() => build({ ...header, ...extra, validator, amount: 499n * cspr } as never)).toThrow(
        expect.objectContaining({ code: 'AmountBelowMinimum' }),
      )
  })
})
