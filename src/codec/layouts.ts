// The deploy and TransactionV1 byte layouts casper-node hashes, declared once with micro-packed.
import * as P from 'micro-packed'
import {
  bool,
  bytes,
  calltable,
  calltableEnum,
  fixed,
  hash32,
  list,
  option,
  publicKey,
  string,
  tagged,
  u32,
  u64,
} from './bytesrepr.js'
import { type ClType, clTypeCoder } from './clType.js'

/** One named arg: its name, the CLValue's bytes as given in the file, and its CLType. */
export type NamedArg = { name: string; bytes: Uint8Array; clType: ClType }

/**
 * casper-types `RuntimeArgs`: u32 count, then per arg String name + CLValue (Bytes, then CLType).
 *
 * @example
 * ```ts
 * runtimeArgs.encode([{ name: 'km', bytes: Uint8Array.of(2), clType: 'U8' }]).length // 4 + 6 + 5 + 1 = 16
 * ```
 */
export const runtimeArgs: P.CoderType<NamedArg[]> = list(
  P.struct({ name: string, bytes, clType: clTypeCoder }) as P.CoderType<NamedArg>,
  4 + 4 + 1,
)

/** A deploy's payment or session (casper-types `ExecutableDeployItem`), as its JSON variant names it. */
export type ExecutableItem =
  | { TAG: 'ModuleBytes'; data: { module_bytes: Uint8Array; args: NamedArg[] } }
  | { TAG: 'StoredContractByHash'; data: { hash: Uint8Array; entry_point: string; args: NamedArg[] } }
  | { TAG: 'StoredContractByName'; data: { name: string; entry_point: string; args: NamedArg[] } }
  | {
      TAG: 'StoredVersionedContractByHash'
      data: { hash: Uint8Array; version: number | undefined; entry_point: string; args: NamedArg[] }
    }
  | {
      TAG: 'StoredVersionedContractByName'
      data: { name: string; version: number | undefined; entry_point: string; args: NamedArg[] }
    }
  | { TAG: 'Transfer'; data: { args: NamedArg[] } }

/**
 * casper-types `executable_deploy_item.rs` `ToBytes`: the variant tag, then its fields in order.
 *
 * @example
 * ```ts
 * executableItem.encode({ TAG: 'Transfer', data: { args: [] } }) // Uint8Array [5, 0, 0, 0, 0]
 * ```
 */
export const executableItem = tagged({
  ModuleBytes: [0, P.struct({ module_bytes: bytes, args: runtimeArgs })],
  StoredContractByHash: [1, P.struct({ hash: hash32, entry_point: string, args: runtimeArgs })],
  StoredContractByName: [2, P.struct({ name: string, entry_point: string, args: runtimeArgs })],
  StoredVersionedContractByHash: [
    3,
    P.struct({ hash: hash32, version: option(u32), entry_point: string, args: runtimeArgs }),
  ],
  StoredVersionedContractByName: [
    4,
    P.struct({ name: string, version: option(u32), entry_point: string, args: runtimeArgs }),
  ],
  Transfer: [5, P.struct({ args: runtimeArgs })],
}) as unknown as P.CoderType<ExecutableItem>

/** A deploy header with the values hashed (times in milliseconds). */
export type DeployHeader = {
  account: string
  timestamp: bigint
  ttl: bigint
  gas_price: bigint
  body_hash: Uint8Array
  dependencies: Uint8Array[]
  chain_name: string
}

/**
 * casper-types `deploy/deploy_header.rs` `ToBytes`, the bytes the deploy hash is taken of.
 *
 * @example
 * ```ts
 * const hash = blake2b(deployHeader.encode(deploy.header), { dkLen: 32 })
 * ```
 */
export const deployHeader = P.struct({
  account: publicKey,
  timestamp: u64,
  ttl: u64,
  gas_price: u64,
  body_hash: hash32,
  dependencies: list(hash32, 32),
  chain_name: string,
}) as P.CoderType<DeployHeader>

/**
 * casper-types 2.x `TransactionRuntimeParams` (`transaction/transaction_target.rs`), a calltable
 * enum: 0 the tag; `VmCasperV2` adds 1 `transferred_value` (u64) and 2 `seed` (`Option<[u8; 32]>`).
 */
const runtime = calltableEnum({ VmCasperV1: [0, []], VmCasperV2: [1, [u64, option(hash32)]] })

const invocationTarget = calltableEnum({
  ByHash: [0, [hash32]],
  ByName: [1, [string]],
  // `protocol_version_major` (the third field) is written only when set.
  ByPackageHash: [2, [hash32, option(u32), u32], 2],
  ByPackageName: [3, [string, option(u32), u32], 2],
})

/** Where a transaction's code lives (casper-types 2.0 `TransactionTarget`). */
export type TransactionTarget =
  | { TAG: 'Native'; data: [] }
  | { TAG: 'Stored'; data: [id: InvocationTarget, runtime: Runtime] }
  | { TAG: 'Session'; data: [isInstallUpgrade: boolean, runtime: Runtime, moduleBytes: Uint8Array] }

/**
 * A transaction runtime: `VmCasperV1` (the one mainnet runs) or `VmCasperV2` with the motes it may
 * move from the caller before the code runs and the seed of an installer.
 */
export type Runtime =
  | { TAG: 'VmCasperV1'; data: [] }
  | { TAG: 'VmCasperV2'; data: [transferredValue: bigint, seed: Uint8Array | undefined] }

/** A stored target's identity: by hash, name, or package (with optional version and protocol major). */
export type InvocationTarget =
  | { TAG: 'ByHash'; data: [hash: Uint8Array] }
  | { TAG: 'ByName'; data: [name: string] }
  | {
      TAG: 'ByPackageHash'
      data: [addr: Uint8Array, version: number | undefined, protocolVersionMajor?: number | undefined]
    }
  | {
      TAG: 'ByPackageName'
      data: [name: string, version: number | undefined, protocolVersionMajor?: number | undefined]
    }

const target = calltableEnum({
  Native: [0, []],
  Stored: [1, [invocationTarget, runtime]],
  Session: [2, [bool, runtime, bytes]],
})

/** The entry points casper-types 2.x `TransactionEntryPoint` names, with their tags (`transaction_entry_point.rs`). */
export const entryPointTags = {
  Call: 0,
  Custom: 1,
  Transfer: 2,
  AddBid: 3,
  WithdrawBid: 4,
  Delegate: 5,
  Undelegate: 6,
  Redelegate: 7,
  ActivateBid: 8,
  ChangeBidPublicKey: 9,
  AddReservations: 10,
  CancelReservations: 11,
  Burn: 12,
} as const

/** A transaction's entry point: a named one, or `Custom` with its name. */
export type TransactionEntryPoint =
  | { TAG: Exclude<keyof typeof entryPointTags, 'Custom'>; data: [] }
  | { TAG: 'Custom'; data: [name: string] }

const entryPoint = calltableEnum(
  Object.fromEntries(
    Object.entries(entryPointTags).map(([name, tag]) => [name, [tag, name === 'Custom' ? [string] : []]]),
  ) as unknown as Record<keyof typeof entryPointTags, readonly [number, readonly P.CoderType<unknown>[]]>,
)

/** When a transaction may run (casper-types 2.0 `TransactionScheduling`). */
export type TransactionScheduling =
  | { TAG: 'Standard'; data: [] }
  | { TAG: 'FutureEra'; data: [era: bigint] }
  | { TAG: 'FutureTimestamp'; data: [millis: bigint] }

const scheduling = calltableEnum({ Standard: [0, []], FutureEra: [1, [u64]], FutureTimestamp: [2, [u64]] })

/** How a transaction pays (casper-types 2.0 `PricingMode`). */
export type PricingMode =
  | {
      TAG: 'PaymentLimited'
      data: [paymentAmount: bigint, gasPriceTolerance: number, standardPayment: boolean]
    }
  | { TAG: 'Fixed'; data: [gasPriceTolerance: number, additionalComputationFactor: number] }
  | { TAG: 'Prepaid'; data: [receipt: Uint8Array] }

const pricingMode = calltableEnum({
  PaymentLimited: [0, [u64, P.U8, bool]],
  Fixed: [1, [P.U8, P.U8]],
  Prepaid: [2, [hash32]],
})

/** Who sends a transaction (casper-types 2.0 `InitiatorAddr`): a tagged public key hex, or an account hash. */
export type InitiatorAddr =
  | { TAG: 'PublicKey'; data: [publicKey: string] }
  | { TAG: 'AccountHash'; data: [hash: Uint8Array] }

const initiatorAddr = calltableEnum({ PublicKey: [0, [publicKey]], AccountHash: [1, [hash32]] })

/** The `fields` of a TransactionV1 payload. */
export type TransactionFields = {
  args: NamedArg[]
  target: TransactionTarget
  entryPoint: TransactionEntryPoint
  scheduling: TransactionScheduling
}

const key = (index: number) => fixed(P.U16LE, index)

/**
 * The payload's `fields`: a `BTreeMap<u16, Bytes>` of 4 entries, each value itself bytesrepr:
 * 0 args (`TransactionArgs::Named`: tag 0, then `RuntimeArgs`), 1 target, 2 entry point, 3 scheduling.
 */
const fields = P.struct({
  count: fixed(u32, 4),
  k0: key(0),
  args: P.prefix(u32, tagged({ Named: [0, runtimeArgs] })),
  k1: key(1),
  target: P.prefix(u32, target),
  k2: key(2),
  entryPoint: P.prefix(u32, entryPoint),
  k3: key(3),
  scheduling: P.prefix(u32, scheduling),
})

/** A TransactionV1 payload with the values hashed (times in milliseconds). */
export type TransactionPayload = {
  initiator: InitiatorAddr
  timestamp: bigint
  ttl: bigint
  chainName: string
  pricingMode: PricingMode
  fields: TransactionFields
}

/**
 * casper-types 2.0 `TransactionV1Payload` in the calltable layout (casper-js-sdk 5.0.12
 * `TransactionV1Payload.toBytes`, which reproduces real 2.0 vectors): 0 initiator, 1 timestamp,
 * 2 TTL, 3 chain name, 4 pricing mode, 5 fields. The transaction hash is blake2b-256 of these bytes.
 *
 * @example
 * ```ts
 * const hash = blake2b(transactionPayload.encode(transaction.payload), { dkLen: 32 })
 * transactionPayload.decode(bytes) // the same model back; trailing or missing bytes throw
 * ```
 */
export const transactionPayload: P.CoderType<TransactionPayload> = P.apply(
  calltable([initiatorAddr, u64, u64, string, pricingMode, fields] as const),
  {
    encode: ([initiator, timestamp, ttl, chainName, pricing, f]) => ({
      initiator: initiator as InitiatorAddr,
      timestamp,
      ttl,
      chainName,
      pricingMode: pricing as PricingMode,
      fields: {
        args: (f.args as { data: NamedArg[] }).data,
        target: f.target as TransactionTarget,
        entryPoint: f.entryPoint as TransactionEntryPoint,
        scheduling: f.scheduling as TransactionScheduling,
      },
    }),
    decode: (p: TransactionPayload) =>
      [
        p.initiator,
        p.timestamp,
        p.ttl,
        p.chainName,
        p.pricingMode,
        {
          count: undefined,
          k0: undefined,
          args: { TAG: 'Named', data: p.fields.args },
          k1: undefined,
          target: p.fields.target,
          k2: undefined,
          entryPoint: p.fields.entryPoint,
          k3: undefined,
          scheduling: p.fields.scheduling,
        },
      ] as never,
  },
)
