// fast-check arbitraries that build deploys and TransactionV1s with casper-js-sdk: every CLType,
// nested values, every session kind. The reference the cosign codec is checked against.
import type { CLType, CLValue } from 'casper-js-sdk'
import fc from 'fast-check'
import { sdk } from '../../src/deploy/sdk.js'
import { bytesToHex } from '../../src/encoding/hex.js'

/** A CLType as a tree; built into one casper-js-sdk `CLType` object so that Map entries share it. */
export type TypeTree =
  | {
      t:
        | 'Bool'
        | 'I32'
        | 'I64'
        | 'U8'
        | 'U32'
        | 'U64'
        | 'U128'
        | 'U256'
        | 'U512'
        | 'Unit'
        | 'String'
        | 'Key'
        | 'URef'
        | 'PublicKey'
    }
  | { t: 'Option' | 'List'; inner: TypeTree }
  | { t: 'ByteArray'; size: number }
  | { t: 'Result'; ok: TypeTree; err: TypeTree }
  | { t: 'Map'; key: TypeTree; value: TypeTree }
  | { t: 'Tuple1'; items: [TypeTree] }
  | { t: 'Tuple2'; items: [TypeTree, TypeTree] }
  | { t: 'Tuple3'; items: [TypeTree, TypeTree, TypeTree] }

const simple = [
  'Bool',
  'I32',
  'I64',
  'U8',
  'U32',
  'U64',
  'U128',
  'U256',
  'U512',
  'Unit',
  'String',
  'Key',
  'URef',
  'PublicKey',
] as const

/** Every CLType but `Any` (casper-js-sdk cannot build an `Any` value from JSON), nested up to 3 deep. */
export const typeTree: fc.Arbitrary<TypeTree> = fc.letrec<{ tree: TypeTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 3 },
    fc.constantFrom(...simple).map((t) => ({ t }) as TypeTree),
    fc.integer({ min: 0, max: 40 }).map((size) => ({ t: 'ByteArray', size }) as TypeTree),
    tie('tree').map((inner) => ({ t: 'Option', inner }) as TypeTree),
    tie('tree').map((inner) => ({ t: 'List', inner }) as TypeTree),
    fc.tuple(tie('tree'), tie('tree')).map(([ok, err]) => ({ t: 'Result', ok, err }) as TypeTree),
    fc
      .tuple(fc.constantFrom<TypeTree>({ t: 'String' }, { t: 'U64' }, { t: 'Key' }, { t: 'U8' }), tie('tree'))
      .map(([key, value]) => ({ t: 'Map', key, value }) as TypeTree),
    tie('tree').map((a) => ({ t: 'Tuple1', items: [a] }) as TypeTree),
    fc.tuple(tie('tree'), tie('tree')).map((items) => ({ t: 'Tuple2', items }) as TypeTree),
    fc.tuple(tie('tree'), tie('tree'), tie('tree')).map((items) => ({ t: 'Tuple3', items }) as TypeTree),
  ),
})).tree

/** The casper-js-sdk CLType object of a tree. */
export function sdkType(tree: TypeTree): CLType {
  switch (tree.t) {
    case 'Option':
      return new sdk.CLTypeOption(sdkType(tree.inner))
    case 'List':
      return new sdk.CLTypeList(sdkType(tree.inner))
    case 'ByteArray':
      return new sdk.CLTypeByteArray(tree.size)
    case 'Result':
      return new sdk.CLTypeResult(sdkType(tree.ok), sdkType(tree.err))
    case 'Map':
      return new sdk.CLTypeMap(sdkType(tree.key), sdkType(tree.value))
    case 'Tuple1':
      return new sdk.CLTypeTuple1(sdkType(tree.items[0]))
    case 'Tuple2':
      return new sdk.CLTypeTuple2(sdkType(tree.items[0]), sdkType(tree.items[1]))
    case 'Tuple3':
      return new sdk.CLTypeTuple3(sdkType(tree.items[0]), sdkType(tree.items[1]), sdkType(tree.items[2]))
    default:
      return (
        {
          Bool: sdk.CLTypeBool,
          I32: sdk.CLTypeInt32,
          I64: sdk.CLTypeInt64,
          U8: sdk.CLTypeUInt8,
          U32: sdk.CLTypeUInt32,
          U64: sdk.CLTypeUInt64,
          U128: sdk.CLTypeUInt128,
          U256: sdk.CLTypeUInt256,
          U512: sdk.CLTypeUInt512,
          Unit: sdk.CLTypeUnit,
          String: sdk.CLTypeString,
          Key: sdk.CLTypeKey,
          URef: sdk.CLTypeUref,
          PublicKey: sdk.CLTypePublicKey,
        } as const
      )[tree.t]
  }
}

const hex32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(bytesToHex)
// casper-js-sdk 5.0.12 refuses any integer above 2^256 - 1 ("value out-of-bounds": `toBytesNumber`
// masks with MaxUint256), so U512 values it can build stop there.
const uint = (bits: number) => fc.bigInt({ min: 0n, max: (1n << BigInt(Math.min(bits, 256))) - 1n })
const publicKeyHex = fc.oneof(
  fc.constant('01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'),
  fc.constant('02034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa'),
)

/** A casper-js-sdk CLValue of the tree's type, its `type` the shared object `type`. */
export function sdkValue(tree: TypeTree, type: CLType): fc.Arbitrary<CLValue> {
  const typed = (value: CLValue) => {
    value.type = type
    return value
  }
  const C = sdk.CLValue
  switch (tree.t) {
    case 'Bool':
      return fc.boolean().map((v) => C.newCLValueBool(v))
    case 'I32':
      return fc.integer().map((v) => C.newCLInt32(v))
    case 'I64':
      return fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((v) => C.newCLInt64(v.toString()))
    case 'U8':
      return fc.integer({ min: 0, max: 255 }).map((v) => C.newCLUint8(v))
    case 'U32':
      return fc.integer({ min: 0, max: 0xffff_ffff }).map((v) => C.newCLUInt32(v))
    case 'U64':
      return uint(64).map((v) => C.newCLUint64(v.toString()))
    case 'U128':
      return uint(128).map((v) => C.newCLUInt128(v.toString()))
    case 'U256':
      return uint(256).map((v) => C.newCLUInt256(v.toString()))
    case 'U512':
      return uint(512).map((v) => C.newCLUInt512(v.toString()))
    case 'Unit':
      return fc.constant(null).map(() => C.newCLUnit())
    case 'String':
      return fc.string({ maxLength: 12, unit: 'grapheme' }).map((v) => C.newCLString(v))
    case 'Key':
      return fc
        .tuple(
          fc.constantFrom(
            'account-hash-',
            'hash-',
            'transfer-',
            'balance-',
            'bid-',
            'withdraw-',
            'dictionary-',
          ),
          hex32,
        )
        .map(([prefix, hex]) => C.newCLKey(sdk.Key.newKey(`${prefix}${hex}`)))
    case 'URef':
      return fc
        .tuple(hex32, fc.integer({ min: 0, max: 7 }))
        .map(([hex, access]) => C.newCLUref(sdk.URef.fromString(`uref-${hex}-00${access}`)))
    case 'PublicKey':
      return publicKeyHex.map((hex) => C.newCLPublicKey(sdk.PublicKey.fromHex(hex)))
    case 'ByteArray':
      return fc
        .uint8Array({ minLength: tree.size, maxLength: tree.size })
        .map((v) => typed(C.newCLByteArray(v)))
    case 'Option': {
      const inner = (type as InstanceType<typeof sdk.CLTypeOption>).inner
      return fc.option(sdkValue(tree.inner, inner), { nil: null }).map((v) => typed(C.newCLOption(v, inner)))
    }
    case 'List': {
      const inner = (type as InstanceType<typeof sdk.CLTypeList>).elementsType
      return fc
        .array(sdkValue(tree.inner, inner), { maxLength: 3 })
        .map((items) => typed(C.newCLList(inner, items)))
    }
    case 'Result': {
      const t = type as InstanceType<typeof sdk.CLTypeResult>
      return fc.oneof(
        sdkValue(tree.ok, t.innerOk).map((v) => typed(C.newCLResult(t.innerOk, t.innerErr, v, true))),
        sdkValue(tree.err, t.innerErr).map((v) => typed(C.newCLResult(t.innerOk, t.innerErr, v, false))),
      )
    }
    case 'Map': {
      const t = type as InstanceType<typeof sdk.CLTypeMap>
      return fc
        .uniqueArray(fc.tuple(sdkValue(tree.key, t.key), sdkValue(tree.value, t.val)), {
          maxLength: 3,
          selector: ([k]) => k.toString(),
        })
        .map((entries) => {
          const map = C.newCLMap(t.key, t.val)
          map.type = type
          for (const [k, v] of entries) {
            const error = map.map!.append(k, v)
            if (error) throw error
          }
          return map
        })
    }
    case 'Tuple1': {
      const t = type as InstanceType<typeof sdk.CLTypeTuple1>
      return sdkValue(tree.items[0], t.inner).map((a) => typed(C.newCLTuple1(a)))
    }
    case 'Tuple2': {
      const t = type as InstanceType<typeof sdk.CLTypeTuple2>
      return fc
        .tuple(sdkValue(tree.items[0], t.inner1), sdkValue(tree.items[1], t.inner2))
        .map(([a, b]) => typed(C.newCLTuple2(a, b)))
    }
    case 'Tuple3': {
      const t = type as InstanceType<typeof sdk.CLTypeTuple3>
      return fc
        .tuple(
          sdkValue(tree.items[0], t.inner1),
          sdkValue(tree.items[1], t.inner2),
          sdkValue(tree.items[2], t.inner3),
        )
        .map(([a, b, c]) => typed(C.newCLTuple3(a, b, c)))
    }
  }
}

/** Named args of random types and values, as casper-js-sdk `Args`. */
export const sdkArgs = fc
  .uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), typeTree), {
    maxLength: 4,
    selector: ([name]) => name,
  })
  .chain((entries) =>
    fc.tuple(
      ...entries.map(([name, tree]) => sdkValue(tree, sdkType(tree)).map((value) => [name, value] as const)),
    ),
  )
  .map((entries) => {
    const args = new sdk.Args(new Map())
    for (const [name, value] of entries) args.insert(name, value)
    return args
  })

const timestamp = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => new sdk.Timestamp(new Date(ms)))
const ttl = fc.integer({ min: 1, max: 2 * 60 * 60 }).map((s) => new sdk.Duration(s * 1000))
const chainName = fc.constantFrom('casper', 'casper-test', 'casper-net-1', 'ünïcode-chain')
const entryPoint = fc.string({ minLength: 1, maxLength: 16 })
// casper-js-sdk 5.0.12 writes a calltable String's length in UTF-16 code units, not UTF-8 bytes
// (pinned in cosign.test.ts); casper-node uses bytes, so transactions use ASCII text here.
const asciiChainName = fc.constantFrom('casper', 'casper-test', 'casper-net-1')
const asciiEntryPoint = fc.string({
  minLength: 1,
  maxLength: 16,
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
})
const bytes = fc.uint8Array({ maxLength: 64 })
// casper-js-sdk writes version 0 of a package as None (`this.version ? Some : None`); the node writes Some(0).
const version = fc.option(fc.integer({ min: 1, max: 0xffff_ffff }), { nil: undefined })

/** Every `ExecutableDeployItem` variant. */
export const sdkExecutableItem = fc.oneof(
  fc
    .tuple(bytes, sdkArgs)
    .map(([wasm, args]) =>
      Object.assign(new sdk.ExecutableDeployItem(), { moduleBytes: new sdk.ModuleBytes(wasm, args) }),
    ),
  fc.tuple(hex32, entryPoint, sdkArgs).map(([hash, ep, args]) =>
    Object.assign(new sdk.ExecutableDeployItem(), {
      storedContractByHash: new sdk.StoredContractByHash(sdk.ContractHash.newContract(hash), ep, args),
    }),
  ),
  fc.tuple(fc.string({ maxLength: 12 }), entryPoint, sdkArgs).map(([name, ep, args]) =>
    Object.assign(new sdk.ExecutableDeployItem(), {
      storedContractByName: new sdk.StoredContractByName(name, ep, args),
    }),
  ),
  fc.tuple(hex32, entryPoint, sdkArgs, version).map(([hash, ep, args, v]) =>
    Object.assign(new sdk.ExecutableDeployItem(), {
      storedVersionedContractByHash: new sdk.StoredVersionedContractByHash(
        sdk.ContractHash.newContract(hash),
        ep,
        args,
        v,
      ),
    }),
  ),
  fc.tuple(fc.string({ maxLength: 12 }), entryPoint, sdkArgs, version).map(([name, ep, args, v]) =>
    Object.assign(new sdk.ExecutableDeployItem(), {
      storedVersionedContractByName: new sdk.StoredVersionedContractByName(name, ep, args, v),
    }),
  ),
  sdkArgs.map((args) =>
    Object.assign(new sdk.ExecutableDeployItem(), { transfer: new sdk.TransferDeployItem(args) }),
  ),
)

/** A deploy casper-js-sdk builds and hashes (`Deploy.makeDeploy`). */
export const sdkDeploy = fc
  .tuple(
    publicKeyHex,
    timestamp,
    ttl,
    fc.integer({ min: 1, max: 1_000_000 }),
    chainName,
    fc.array(hex32, { maxLength: 2 }),
    sdkExecutableItem,
    sdkExecutableItem,
  )
  .map(([account, ts, t, gasPrice, chain, deps, payment, session]) => {
    const header = new sdk.DeployHeader(
      chain,
      deps.map((d) => sdk.Hash.fromHex(d)),
      gasPrice,
      ts,
      t,
      sdk.PublicKey.fromHex(account),
    )
    return sdk.Deploy.makeDeploy(header, payment, session)
  })

const runtime = fc.constant(null).map(() => sdk.TransactionRuntime.vmCasperV1())
const invocationTarget = fc.oneof(
  hex32.map((h) => Object.assign(new sdk.TransactionInvocationTarget(), { byHash: sdk.Hash.fromHex(h) })),
  asciiEntryPoint.map((n) => Object.assign(new sdk.TransactionInvocationTarget(), { byName: n })),
  fc.tuple(hex32, version).map(([h, v]) =>
    Object.assign(new sdk.TransactionInvocationTarget(), {
      byPackageHash: Object.assign(new sdk.ByPackageHashInvocationTarget(), {
        addr: sdk.Hash.fromHex(h),
        version: v,
      }),
    }),
  ),
  fc.tuple(asciiEntryPoint, version).map(([n, v]) =>
    Object.assign(new sdk.TransactionInvocationTarget(), {
      byPackageName: Object.assign(new sdk.ByPackageNameInvocationTarget(), { name: n, version: v }),
    }),
  ),
)
const target = fc.oneof(
  fc.constant(null).map(() => new sdk.TransactionTarget({})),
  fc
    .tuple(invocationTarget, runtime)
    .map(
      ([id, rt]) =>
        new sdk.TransactionTarget(undefined, Object.assign(new sdk.StoredTarget(), { id, runtime: rt })),
    ),
  fc.tuple(bytes, fc.boolean(), runtime).map(
    ([wasm, install, rt]) =>
      new sdk.TransactionTarget(
        undefined,
        undefined,
        Object.assign(new sdk.SessionTarget(), {
          moduleBytes: wasm,
          isInstallUpgrade: install,
          runtime: rt,
        }),
      ),
  ),
)
const named = [
  'Call',
  'Transfer',
  'AddBid',
  'WithdrawBid',
  'Delegate',
  'Undelegate',
  'Redelegate',
  'ActivateBid',
  'ChangeBidPublicKey',
  'AddReservations',
  'CancelReservations',
] as const
const transactionEntryPoint = fc.oneof(
  fc.constantFrom(...named).map((n) => new sdk.TransactionEntryPoint(n as never)),
  asciiEntryPoint.map((n) => new sdk.TransactionEntryPoint('Custom' as never, n)),
)
const scheduling = fc.oneof(
  fc.constant(null).map(() => new sdk.TransactionScheduling({})),
  fc
    .integer({ min: 0, max: 1_000_000 })
    .map((era) => new sdk.TransactionScheduling(undefined, new sdk.FutureEraScheduling(era))),
  timestamp.map(
    (ts) => new sdk.TransactionScheduling(undefined, undefined, new sdk.FutureTimestampScheduling(ts)),
  ),
)
const pricingMode = fc.oneof(
  fc
    .tuple(
      // ethers BigNumber.from (inside casper-js-sdk) throws "overflow" from 2^53 - 1 up.
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 1 }),
      fc.integer({ min: 0, max: 255 }),
      fc.boolean(),
    )
    .map(([amount, tolerance, standard]) =>
      Object.assign(new sdk.PricingMode(), {
        paymentLimited: Object.assign(new sdk.PaymentLimitedMode(), {
          paymentAmount: amount,
          gasPriceTolerance: tolerance,
          standardPayment: standard,
        }),
      }),
    ),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([tolerance, factor]) =>
    Object.assign(new sdk.PricingMode(), {
      fixed: Object.assign(new sdk.FixedMode(), {
        gasPriceTolerance: tolerance,
        additionalComputationFactor: factor,
      }),
    }),
  ),
  hex32.map((receipt) =>
    Object.assign(new sdk.PricingMode(), {
      prepaid: Object.assign(new sdk.PrepaidMode(), { receipt: sdk.Hash.fromHex(receipt) }),
    }),
  ),
)
const initiator = fc.oneof(
  publicKeyHex.map((hex) => new sdk.InitiatorAddr(sdk.PublicKey.fromHex(hex))),
  hex32.map((hex) => new sdk.InitiatorAddr(undefined, sdk.AccountHash.fromString(`account-hash-${hex}`))),
)

/** A TransactionV1 casper-js-sdk builds and hashes (`TransactionV1.makeTransactionV1`). */
export const sdkTransaction = fc
  .tuple(
    initiator,
    sdkArgs,
    ttl,
    transactionEntryPoint,
    pricingMode,
    timestamp,
    target,
    scheduling,
    asciiChainName,
  )
  .map(([initiatorAddr, args, t, ep, pricing, ts, tgt, sched, chain]) =>
    sdk.TransactionV1.makeTransactionV1(
      sdk.TransactionV1Payload.build({
        initiatorAddr,
        args,
        ttl: t,
        entryPoint: ep,
        pricingMode: pricing,
        timestamp: ts,
        transactionTarget: tgt,
        scheduling: sched,
        chainName: chain,
      }),
    ),
  )
