// buildContractCall and parseSessionArg: every call is hashed as casper-js-sdk hashes it, and a
// file casper-js-sdk builds for a contract call by hash, by name or by package is described with
// exactly the target, entry point and args it was built with.
import { describe, expect, it } from 'vitest'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { clTypeText } from '../../src/codec/clType.js'
import { describeFile } from '../../src/cosign/describeFile.js'
import { descriptionLines } from '../../src/cosign/descriptionLines.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { buildContractCall, type ContractCallTarget } from '../../src/deploy/buildContractCall.js'
import { parseSessionArg } from '../../src/deploy/parseSessionArg.js'
import { sdk } from '../../src/deploy/sdk.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { ed25519Signer } from '../approvals/testSigners.js'

const sender = ed25519Signer(new Uint8Array(32).fill(1)).publicKey
const other = ed25519Signer(new Uint8Array(32).fill(2)).publicKey
const recipient = `account-hash-${'22'.repeat(32)}`
const now = Date.now()
const header = { account: sender, chainName: 'casper', chainspec: casperMainnet, timestamp: now, ttl: '30m' }
const contract = 'ab'.repeat(32)
const pkg = 'cd'.repeat(32)
const payment = 3_000_000_000n

const args = [
  `recipient:key='${recipient}'`,
  "amount:u256='1000000000000000000000'",
  'memo:opt_string=null',
  "flag:bool='true'",
].map(parseSessionArg)

function sdkArgs() {
  const m = new Map<string, InstanceType<typeof sdk.CLValue>>()
  m.set('recipient', sdk.CLValue.newCLKey(sdk.Key.newKey(recipient)))
  m.set('amount', sdk.CLValue.newCLUInt256('1000000000000000000000'))
  m.set('memo', sdk.CLValue.newCLOption(null, sdk.CLTypeString))
  m.set('flag', sdk.CLValue.newCLValueBool(true))
  return new sdk.Args(m)
}

/** Each target as buildContractCall takes it, as casper-js-sdk's builders take it, and as described. */
const targets: [
  string,
  ContractCallTarget,
  (b: InstanceType<typeof sdk.ContractCallBuilder>) => InstanceType<typeof sdk.ContractCallBuilder>,
  () => InstanceType<typeof sdk.ExecutableDeployItem>,
  Record<string, unknown>,
][] = [
  [
    'by contract hash',
    { contractHash: `hash-${contract}` },
    (b) => b.byHash(contract),
    () =>
      Object.assign(new sdk.ExecutableDeployItem(), {
        storedContractByHash: new sdk.StoredContractByHash(
          sdk.ContractHash.newContract(contract),
          'transfer',
          sdkArgs(),
        ),
      }),
    { by: 'hash', target: contract },
  ],
  [
    'by contract name',
    { contractName: 'token' },
    (b) => b.byName('token'),
    () =>
      Object.assign(new sdk.ExecutableDeployItem(), {
        storedContractByName: new sdk.StoredContractByName('token', 'transfer', sdkArgs()),
      }),
    { by: 'name', target: 'token' },
  ],
  [
    'by package hash, version 2',
    { packageHash: pkg, version: 2 },
    (b) => b.byPackageHash(pkg, 2),
    () =>
      Object.assign(new sdk.ExecutableDeployItem(), {
        storedVersionedContractByHash: new sdk.StoredVersionedContractByHash(
          sdk.ContractHash.newContract(pkg),
          'transfer',
          sdkArgs(),
          2,
        ),
      }),
    { by: 'packageHash', target: pkg, version: 2 },
  ],
  [
    'by package name, newest version',
    { packageName: 'cep18' },
    (b) => b.byPackageName('cep18'),
    () =>
      Object.assign(new sdk.ExecutableDeployItem(), {
        storedVersionedContractByName: new sdk.StoredVersionedContractByName(
          'cep18',
          'transfer',
          sdkArgs(),
          undefined,
        ),
      }),
    { by: 'packageName', target: 'cep18', version: undefined },
  ],
]

function sdkTransaction(pick: (typeof targets)[number][2]) {
  const tx = pick(new sdk.ContractCallBuilder())
    .entryPoint('transfer')
    .runtimeArgs(sdkArgs())
    .from(sdk.PublicKey.fromHex(sender))
    .chainName('casper')
    .payment(Number(payment), 1)
    .ttl(30 * 60 * 1000)
    .timestamp(new sdk.Timestamp(new Date(now)))
    .build()
  return JSON.stringify({ Version1: sdk.TransactionV1.toJSON(tx.getTransactionV1()!) })
}

function sdkDeploy(session: InstanceType<typeof sdk.ExecutableDeployItem>) {
  const deployHeader = new sdk.DeployHeader(
    'casper',
    [],
    1,
    new sdk.Timestamp(new Date(now)),
    new sdk.Duration(30 * 60 * 1000),
    sdk.PublicKey.fromHex(sender),
  )
  const deploy = sdk.Deploy.makeDeploy(
    deployHeader,
    sdk.ExecutableDeployItem.standardPayment(payment.toString()),
    session,
  )
  return { text: JSON.stringify(sdk.Deploy.toJSON(deploy)), hash: deploy.hash.toHex() }
}

const shownArgs = [
  { name: 'recipient', type: 'Key', value: recipient },
  { name: 'amount', type: 'U256', value: '1000000000000000000000' },
  { name: 'memo', type: 'Option<String>', value: 'None' },
  { name: 'flag', type: 'Bool', value: 'true' },
]

describe.each(targets)('a contract call %s', (_, target, pick, session, expected) => {
  it("casper-js-sdk's transaction and deploy are described with exactly their target, entry point and args, and can be signed", () => {
    for (const text of [sdkTransaction(pick), sdkDeploy(session()).text]) {
      const d = describeFile(parseCosignFile(text), { now })
      expect(d.code).toMatchObject({ kind: 'stored', entryPoint: 'transfer', ...expected })
      expect(d.args).toMatchObject(shownArgs)
      expect(d.doNotSign).toEqual([])
      expect(d.warnings[0]).toMatch(
        /^The contract's code decides what this call does with the account's authority/,
      )
      if (expected.by === 'name' || expected.by === 'packageName')
        expect(d.warnings.join('\n')).toContain(
          `found by the name "${expected.target}" in the account's named keys when the call runs`,
        )
      const lines = descriptionLines(d).join('\n')
      expect(lines).toContain('entry point "transfer"')
      expect(lines).toContain(`  arg amount: U256 = 1000000000000000000000`)
    }
  })

  it('buildContractCall makes the same transaction and deploy casper-js-sdk makes (same hash)', () => {
    const built = buildContractCall({
      ...header,
      target,
      entryPoint: 'transfer',
      args,
      paymentAmount: payment,
    })
    expect(built.hash).toBe(JSON.parse(sdkTransaction(pick)).Version1.hash)
    expect(built.paymentMotes).toBe(payment)
    const deploy = buildContractCall({
      ...header,
      kind: 'deploy',
      target,
      entryPoint: 'transfer',
      args,
      paymentAmount: payment,
    })
    expect(deploy.hash).toBe(sdkDeploy(session()).hash)
    for (const file of [built, deploy]) {
      const d = describeFile(parseCosignFile(file.json), { now })
      expect(d.hash).toBe(file.hash)
      expect(d.code).toMatchObject({ kind: 'stored', entryPoint: 'transfer', ...expected })
      expect(d.safeToSign).toBe(true)
      expect(d.paymentMotes).toBe(payment)
    }
  })
})

describe('buildContractCall', () => {
  it('a changed byte of an arg or of the target changes the description or breaks the hash', () => {
    const built = buildContractCall({
      ...header,
      target: { contractHash: contract },
      entryPoint: 'transfer',
      args,
      paymentAmount: payment,
    })
    const amountHex = bytesToHex(args[1]!.bytes)
    const edited = built.json.replace(`"bytes": "${amountHex}"`, `"bytes": "${amountHex.slice(0, -2)}04"`)
    expect(edited).not.toBe(built.json)
    const d = describeFile(parseCosignFile(edited), { now })
    expect(d.args[1]!.value).not.toBe('1000000000000000000000')
    expect(d.doNotSign.join()).toMatch(/does not match the hash/)
    const retargeted = built.json.replace(contract, `${'ab'.repeat(31)}ac`)
    expect(retargeted).not.toBe(built.json)
    const r = describeFile(parseCosignFile(retargeted), { now })
    expect(r.code).toMatchObject({ target: `${'ab'.repeat(31)}ac` })
    expect(r.safeToSign).toBe(false)
  })

  it('says which keys must sign, and what it is charged at most', () => {
    const [a, b] = [sender, other].map(accountHashFromPublicKey) as [string, string]
    const built = buildContractCall({
      ...header,
      target: { packageName: 'cep18' },
      entryPoint: 'approve',
      paymentAmount: payment,
      accountKeys: {
        accountHash: a,
        associatedKeys: { [a]: 1, [b]: 1 },
        actionThresholds: { deployment: 2, keyManagement: 2 },
      },
    })
    expect(built.signers?.deploymentThreshold).toBe(2)
    expect(built.signers?.neededSets.map((set) => [...set].sort())).toEqual([[a, b].sort()])
    expect(built.expectedChargeMotes).toBe(payment)
  })

  it('refuses a missing or too small payment, a malformed target or entry point, and an arg given twice', () => {
    const call = {
      ...header,
      target: { contractHash: contract },
      entryPoint: 'transfer',
      paymentAmount: payment,
    }
    const code = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        return (e as { code: string }).code
      }
      return 'no error'
    }
    expect(code(() => buildContractCall({ ...call, paymentAmount: undefined as never }))).toBe(
      'MissingPaymentAmount',
    )
    expect(code(() => buildContractCall({ ...call, paymentAmount: 2_499_999_999n }))).toBe(
      'PaymentBelowMinimum',
    )
    expect(code(() => buildContractCall({ ...call, paymentAmount: 10n ** 13n }))).toBe('NoLane')
    expect(code(() => buildContractCall({ ...call, target: { contractHash: 'ab' } }))).toBe(
      'InvalidContractTarget',
    )
    expect(
      code(() =>
        buildContractCall({ ...call, target: { contractHash: contract, contractName: 'x' } as never }),
      ),
    ).toBe('InvalidContractTarget')
    expect(code(() => buildContractCall({ ...call, target: { packageName: 'p', version: 0 } }))).toBe(
      'InvalidContractTarget',
    )
    expect(code(() => buildContractCall({ ...call, entryPoint: 'trans\u202efer' }))).toBe('InvalidEntryPoint')
    expect(code(() => buildContractCall({ ...call, args: [args[0]!, args[0]!] }))).toBe('DuplicateArg')
  })
})

describe('parseSessionArg', () => {
  const pk = sdk.PublicKey.fromHex(other)
  const cases: [string, InstanceType<typeof sdk.CLValue>][] = [
    ["x:bool='F'", sdk.CLValue.newCLValueBool(false)],
    ["x:i32='-2147483648'", sdk.CLValue.newCLInt32(-2147483648)],
    ["x:I64='-2'", sdk.CLValue.newCLInt64(-2)],
    ["x:u8='255'", sdk.CLValue.newCLUint8(255)],
    ["x:u32='4294967295'", sdk.CLValue.newCLUInt32(4294967295)],
    ["x:u64='18446744073709551615'", sdk.CLValue.newCLUint64('18446744073709551615')],
    ["x:u128='6'", sdk.CLValue.newCLUInt128('6')],
    ["x:u512='2500000000'", sdk.CLValue.newCLUInt512('2500000000')],
    ["x:unit=''", sdk.CLValue.newCLUnit()],
    ["x:string='a value'", sdk.CLValue.newCLString('a value')],
    [`x:key='hash-${contract}'`, sdk.CLValue.newCLKey(sdk.Key.newKey(`hash-${contract}`))],
    [`x:key='uref-${contract}-007'`, sdk.CLValue.newCLKey(sdk.Key.newKey(`uref-${contract}-007`))],
    [
      `x:account_hash='${recipient}'`,
      sdk.CLValue.newCLByteArray(sdk.AccountHash.fromString(recipient).toBytes()),
    ],
    [`x:uref='uref-${contract}-007'`, sdk.CLValue.newCLUref(sdk.URef.fromString(`uref-${contract}-007`))],
    [`x:public_key='${other}'`, sdk.CLValue.newCLPublicKey(pk)],
    ["x:byte_array_3='0a0b0c'", sdk.CLValue.newCLByteArray(Uint8Array.of(10, 11, 12))],
    ["x:opt_u8='3'", sdk.CLValue.newCLOption(sdk.CLValue.newCLUint8(3))],
    ['x:opt_u64=null', sdk.CLValue.newCLOption(null, sdk.CLTypeUInt64)],
  ]
  it.each(cases)('%s is the CLValue casper-js-sdk makes', (text, value) => {
    const arg = parseSessionArg(text)
    expect(arg.name).toBe('x')
    expect(bytesToHex(arg.bytes)).toBe(bytesToHex(value.bytes()))
    expect(clTypeText(arg.clType)).toBe(clTypeText(JSON.parse(JSON.stringify(value.type.toJSON()))))
  })

  it('refuses what casper-client refuses', () => {
    for (const text of [
      "x:bool='fa'",
      'x:u8=3',
      "x:u8='256'",
      "x:i32='f'",
      "x:unit='a'",
      "x:byte_array_2='0a'",
      "x:thing='1'",
      'x:opt_bool=',
      "x:account_hash='22'",
      "x:public_key='01ab'",
      "u8='1'",
    ])
      expect(() => parseSessionArg(text), text).toThrow(
        expect.objectContaining({ code: 'InvalidSessionArg' }),
      )
  })
})
