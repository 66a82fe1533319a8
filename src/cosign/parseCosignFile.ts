// Reads a deploy or TransactionV1 file strictly into the model every later step uses.

import { type ClType, type ClTypeBudget, clTypeBudget, clTypeLength, parseClType } from '../codec/clType.js'
import {
  type ExecutableItem,
  entryPointTags,
  type InvocationTarget,
  type NamedArg,
  type PricingMode,
  type Runtime,
  type TransactionEntryPoint,
  type TransactionScheduling,
  type TransactionTarget,
} from '../codec/layouts.js'
import { defaultMaxArgsBytes } from '../deploy/assertArgsBounded.js'
import { parseDuration, parseTimestamp } from '../encoding/duration.js'
import { bytesToHex } from '../encoding/hex.js'
import type { StrictJson } from '../encoding/parseStrictJson.js'
import { CosignError } from '../errors/CosignError.js'
import type { Approval, CosignDeploy, CosignFile, CosignTransaction } from './CosignFile.js'
import { mainnet } from './cosignNetwork.js'
import { parseCosignJson } from './parseCosignJson.js'
import {
  array,
  boolean,
  hex,
  integer,
  invalidShape,
  object,
  publicKeyHex,
  type StrictJsonObject,
  string,
  u64,
  variant,
} from './readShape.js'

/** Errors {@link parseCosignFile} throws. */
export type ParseCosignFileErrorType = CosignError

/** Files larger than this are refused before parsing (a deploy's Wasm is limited to ~1 MB by the node). */
export const maxFileBytes = 4 * 1024 * 1024

/**
 * The most distinct approvals read from one file: `[core] max_associated_keys` of mainnet and
 * testnet (100). casper-node refuses a deploy or transaction with more
 * (`InvalidDeploy::ExcessiveApprovals` / `TransactionV1ConfigFailure::ExcessiveApprovals`, "number
 * of associated keys {got} exceeds the maximum {max_associated_keys}"), so no file it accepts holds
 * more, and no file can cost more signature checks than that. Exact repeats count once, as in the
 * node's `BTreeSet<Approval>`.
 */
export const maxApprovalsRead = mainnet.maxAssociatedKeys

/**
 * How strictly {@link cosignFileFromJson} reads; the defaults are the co-signer's. The main entry's
 * `parseDeployJson` reads deploys through the same functions with its own choices.
 */
export type ReadFileOptions = {
  /** Most bytes one item's args may take with their CLTypes; default `defaultMaxArgsBytes` (4096). */
  maxArgsBytes?: number | undefined
  /**
   * Holds each arg's bytes to its CLType (the main entry passes `checkArgValue`, which checks every
   * count and length before anything loops on it); default none: the describer reports what it
   * cannot decode. Kept out of this entry's code, which stays small.
   */
  checkValue?: ((type: ClType, bytes: Uint8Array, path: string) => void) | undefined
  /** Most distinct approvals read (exact repeats count once); default {@link maxApprovalsRead}. */
  maxApprovals?: number | undefined
  /**
   * What an approval's signer and signature must match, with what to say when they do not; default
   * any hex up to 140 digits, kept for verification to say why it is refused.
   */
  approvalHex?: [signer: [RegExp, string], signature: [RegExp, string]] | undefined
  /** Reads a deploy's `gas_price`; default any u64 (the main entry's `DeployJson` holds a safe integer). */
  gasPrice?: ((value: unknown, path: string) => bigint) | undefined
  /** Reads an arg's `cl_type`; default `parseClType` (`CosignError` `UnknownClType`). */
  readClType?: ((json: unknown, path: string, budget: ClTypeBudget) => ClType) | undefined
}

/**
 * Reads a deploy or a TransactionV1 as casper-client, casper-js-sdk, the node's RPC or Casper Wallet
 * write them: a bare deploy, `{ "deploy": … }`, `{ "Deploy": … }`, a bare TransactionV1,
 * `{ "Version1": … }`, or either inside `{ "transaction": … }`. Parsing is strict: duplicate keys,
 * unknown fields, unknown CLTypes, malformed hex and nesting beyond 64 levels are refused, with the
 * field named. Hashes and signatures are not checked here (see `verifyFile`).
 *
 * @throws {CosignError} `InvalidJson`, `InvalidShape` or `UnknownClType`.
 * @example
 * ```ts
 * const file = parseCosignFile(await input.files[0].text())
 * file.kind // 'deploy' | 'transaction'
 * ```
 */
export function parseCosignFile(text: string): CosignFile {
  if (text.length > maxFileBytes)
    throw invalidShape('(file)', `at most ${maxFileBytes} characters`, `${text.length}`)
  return cosignFileFromJson(parseCosignJson(text))
}

/**
 * {@link parseCosignFile} for JSON already parsed (an RPC request's params, a devnet submission):
 * the same wrappers, the same strict reading of every field. Integers above 2^53 - 1 are exact
 * only when given as `bigint`, as `parseCosignJson` gives them.
 *
 * @throws {CosignError} `InvalidShape` or `UnknownClType`.
 * @example
 * ```ts
 * const file = cosignFileFromJson({ transaction: request.params.transaction })
 * file.kind // 'transaction' (or 'deploy' for { Deploy: … })
 * ```
 */
export function cosignFileFromJson(root: StrictJson, options: ReadFileOptions = {}): CosignFile {
  let value: StrictJson = root
  let path = ''
  const unwrap = (key: string) => {
    if (isObject(value) && Object.keys(value).length === 1 && key in value) {
      value = value[key]!
      path += `${key}.`
      return true
    }
    return false
  }
  unwrap('transaction')
  if (unwrap('deploy') || unwrap('Deploy')) return parseDeploy(value, path, root as StrictJsonObject, options)
  if (unwrap('Version1') || (isObject(value) && 'payload' in value))
    return parseTransaction(value, path, root as StrictJsonObject, options)
  if (isObject(value) && 'header' in value) return parseDeploy(value, path, root as StrictJsonObject, options)
  throw invalidShape('(file)', 'a deploy (with header) or a TransactionV1 (with payload)', root)
}

/**
 * The deploy reader of {@link cosignFileFromJson} on a bare deploy (no wrapper, fields named from
 * the deploy: `header.ttl`), for readers that accept nothing but a deploy.
 *
 * @throws {CosignError} `InvalidShape`, `UnknownClType` or `TooManyApprovals`; what `options` adds.
 * @example
 * ```ts
 * deployFromJson(JSON.parse(text)).header.chain_name // 'casper'
 * ```
 */
export function deployFromJson(value: StrictJson, options: ReadFileOptions = {}): CosignDeploy {
  return parseDeploy(value, '', value as StrictJsonObject, options)
}

function isObject(value: unknown): value is StrictJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseDeploy(
  value: StrictJson,
  at: string,
  json: StrictJsonObject,
  options: ReadFileOptions,
): CosignDeploy {
  const deploy = object(value, `${at}deploy`, ['hash', 'header', 'payment', 'session', 'approvals'])
  const header = object(deploy.header, `${at}header`, [
    'account',
    'timestamp',
    'ttl',
    'gas_price',
    'body_hash',
    'dependencies',
    'chain_name',
  ])
  const timestamp = string(header.timestamp, `${at}header.timestamp`)
  const ttl = string(header.ttl, `${at}header.ttl`)
  return {
    kind: 'deploy',
    hash: bytesToHex(hex(deploy.hash, `${at}hash`, 32)),
    header: {
      account: publicKeyHex(header.account, `${at}header.account`),
      timestamp: BigInt(humantime(timestamp, `${at}header.timestamp`, parseTimestamp)),
      ttl: BigInt(humantime(ttl, `${at}header.ttl`, parseDuration)),
      gas_price: (options.gasPrice ?? u64)(header.gas_price, `${at}header.gas_price`),
      body_hash: hex(header.body_hash, `${at}header.body_hash`, 32),
      dependencies: array(header.dependencies, `${at}header.dependencies`).map((d, i) =>
        hex(d, `${at}header.dependencies[${i}]`, 32),
      ),
      chain_name: string(header.chain_name, `${at}header.chain_name`),
    },
    headerText: { timestamp, ttl },
    payment: executableItem(deploy.payment, `${at}payment`, options),
    session: executableItem(deploy.session, `${at}session`, options),
    approvals: approvals(deploy.approvals, `${at}approvals`, options),
    json,
  }
}

/** casper-types `executable_deploy_item.rs` JSON: the six variants, each with exactly its fields. */
const itemFields: Record<ExecutableItem['TAG'], [required: string[], optional: string[]]> = {
  ModuleBytes: [['module_bytes', 'args'], []],
  StoredContractByHash: [['hash', 'entry_point', 'args'], []],
  StoredContractByName: [['name', 'entry_point', 'args'], []],
  StoredVersionedContractByHash: [['hash', 'entry_point', 'args'], ['version']],
  StoredVersionedContractByName: [['name', 'entry_point', 'args'], ['version']],
  Transfer: [['args'], []],
}

/** How each field of an executable item is read besides `args`, in the order they are checked. */
const itemFieldReaders: Record<string, (value: StrictJson | undefined, path: string) => unknown> = {
  module_bytes: (value, path) => hex(value, path),
  hash: (value, path) => hex(value, path, 32),
  name: (value, path) => string(value, path),
  version: (value, path) =>
    value === undefined || value === null ? undefined : integer(value, path, 0xffff_ffff),
  entry_point: (value, path) => string(value, path),
}

function executableItem(
  value: StrictJson | undefined,
  path: string,
  options: ReadFileOptions,
): ExecutableItem {
  const [name, inner] = variant(value, path, Object.keys(itemFields))
  const at = `${path}.${name}`
  const [required, optional] = itemFields[name as ExecutableItem['TAG']]
  const f = object(inner, at, required, optional)
  const data: Record<string, unknown> = { args: namedArgs(f.args, `${at}.args`, options) }
  for (const [key, read] of Object.entries(itemFieldReaders)) {
    if (required.includes(key) || optional.includes(key)) data[key] = read(f[key], `${at}.${key}`)
  }
  return { TAG: name, data } as ExecutableItem
}

/**
 * Named args as the node's JSON writes them: `[name, { cl_type, bytes, parsed? }]`, their CLTypes
 * within one node budget, and their serialized length (casper-types `runtime_args.rs`: names,
 * values and CLTypes) at most `maxArgsBytes` (default `defaultMaxArgsBytes`): no args the node
 * accepts are longer, and nothing read from them can be slow. Each value is then held to its
 * CLType (`options.checkValue`).
 */
function namedArgs(value: StrictJson | undefined, path: string, options: ReadFileOptions): NamedArg[] {
  const max = options.maxArgsBytes ?? defaultMaxArgsBytes
  const budget = clTypeBudget()
  let length = 4
  const args = array(value, path).map((arg, i) => {
    const at = `${path}[${i}]`
    if (!Array.isArray(arg) || arg.length !== 2)
      throw invalidShape(at, '[name, { cl_type, bytes, parsed }]', arg)
    const clValue = object(arg[1], `${at}[1]`, ['cl_type', 'bytes'], ['parsed'])
    const clType: ClType = (options.readClType ?? parseClType)(clValue.cl_type, `${at}[1].cl_type`, budget)
    const name = string(arg[0], `${at}[0]`)
    const bytes = hex(clValue.bytes, `${at}[1].bytes`)
    length += 8 + utf8.encode(name).length + bytes.length + clTypeLength(clType)
    if (length > max) throw invalidShape(path, `args of at most ${max} bytes`, `more than ${max}`)
    return { name, bytes, clType }
  })
  // Values once every CLType and the length of the whole list are within their bounds.
  args.forEach((a, i) => {
    options.checkValue?.(a.clType, a.bytes, `${path}[${i}][1].bytes`)
  })
  return args
}

const utf8 = new TextEncoder()

const anyHex: [RegExp, string] = [/^[0-9a-fA-F]{0,140}$/, 'hex']

function approvals(value: StrictJson | undefined, path: string, options: ReadFileOptions): Approval[] {
  const max = options.maxApprovals ?? maxApprovalsRead
  const distinct = new Set<string>()
  return array(value, path).map((a, i) => {
    const approval = object(a, `${path}[${i}]`, ['signer', 'signature'])
    const [signerHex, signatureHex] = options.approvalHex ?? [anyHex, anyHex]
    const signer = string(approval.signer, `${path}[${i}].signer`, ...signerHex)
    const signature = string(approval.signature, `${path}[${i}].signature`, ...signatureHex)
    distinct.add(`${signer.toLowerCase()}:${signature.toLowerCase()}`)
    if (distinct.size > max) throw tooManyApprovals(`more than ${max}`, max, path)
    return { signer: signer.toLowerCase(), signature: signature.toLowerCase() }
  })
}

/**
 * The error for more distinct approvals than `max` (the network's `max_associated_keys`); `count`
 * says how many there are.
 *
 * @example
 * ```ts
 * throw tooManyApprovals('101', 100, 'approvals')
 * ```
 */
export function tooManyApprovals(count: string, max: number, field: string): CosignError {
  return new CosignError(`Too many approvals: more than ${max}`, {
    code: 'TooManyApprovals',
    details: {
      field,
      expected: `at most ${max} distinct approvals (chainspec max_associated_keys)`,
      got: count,
    },
    remedy: `casper-node refuses a deploy or transaction with more than ${max} approvals (ExcessiveApprovals): keep one approval per signer, and only as many signers as the account needs.`,
  })
}

function humantime(text: string, path: string, parse: (text: string) => number): number {
  try {
    return parse(text)
  } catch (cause) {
    throw invalidShape(
      path,
      path.endsWith('ttl')
        ? 'a duration such as "30m" or "1h 30m"'
        : 'a timestamp such as "2024-01-01T00:00:00.000Z"',
      text,
      cause,
    )
  }
}

function parseTransaction(
  value: StrictJson,
  at: string,
  json: StrictJsonObject,
  options: ReadFileOptions,
): CosignTransaction {
  const transaction = object(value, `${at}transaction`, ['hash', 'payload', 'approvals'])
  const p = `${at}payload`
  const payload = object(transaction.payload, p, [
    'initiator_addr',
    'timestamp',
    'ttl',
    'chain_name',
    'pricing_mode',
    'fields',
  ])
  const timestamp = string(payload.timestamp, `${p}.timestamp`)
  const ttl = string(payload.ttl, `${p}.ttl`)
  const fields = object(payload.fields, `${p}.fields`, ['args', 'target', 'entry_point', 'scheduling'])
  const [argsKind, named] = variant(fields.args, `${p}.fields.args`, ['Named'])
  void argsKind
  const [initiatorKind, initiator] = variant(payload.initiator_addr, `${p}.initiator_addr`, [
    'PublicKey',
    'AccountHash',
  ])
  return {
    kind: 'transaction',
    hash: bytesToHex(hex(transaction.hash, `${at}hash`, 32)),
    payload: {
      initiator:
        initiatorKind === 'PublicKey'
          ? { TAG: 'PublicKey', data: [publicKeyHex(initiator, `${p}.initiator_addr.PublicKey`)] }
          : {
              TAG: 'AccountHash',
              data: [
                hex(
                  string(
                    initiator,
                    `${p}.initiator_addr.AccountHash`,
                    /^account-hash-[0-9a-fA-F]{64}$/,
                    'account-hash- + 32 bytes as hex',
                  ).slice(13),
                  `${p}.initiator_addr.AccountHash`,
                  32,
                ),
              ],
            },
      timestamp: BigInt(humantime(timestamp, `${p}.timestamp`, parseTimestamp)),
      ttl: BigInt(humantime(ttl, `${p}.ttl`, parseDuration)),
      chainName: string(payload.chain_name, `${p}.chain_name`),
      pricingMode: pricingMode(payload.pricing_mode, `${p}.pricing_mode`),
      fields: {
        args: namedArgs(named, `${p}.fields.args.Named`, options),
        target: target(fields.target, `${p}.fields.target`),
        entryPoint: entryPoint(fields.entry_point, `${p}.fields.entry_point`),
        scheduling: scheduling(fields.scheduling, `${p}.fields.scheduling`),
      },
    },
    payloadText: { timestamp, ttl },
    approvals: approvals(transaction.approvals, `${at}approvals`, options),
    json,
  }
}

function pricingMode(value: StrictJson | undefined, path: string): PricingMode {
  const [name, inner] = variant(value, path, ['PaymentLimited', 'Fixed', 'Prepaid'])
  const at = `${path}.${name}`
  if (name === 'PaymentLimited') {
    const f = object(inner, at, ['payment_amount', 'gas_price_tolerance', 'standard_payment'])
    return {
      TAG: 'PaymentLimited',
      data: [
        u64(f.payment_amount, `${at}.payment_amount`),
        integer(f.gas_price_tolerance, `${at}.gas_price_tolerance`, 255),
        boolean(f.standard_payment, `${at}.standard_payment`),
      ],
    }
  }
  if (name === 'Fixed') {
    const f = object(inner, at, ['gas_price_tolerance', 'additional_computation_factor'])
    return {
      TAG: 'Fixed',
      data: [
        integer(f.gas_price_tolerance, `${at}.gas_price_tolerance`, 255),
        integer(f.additional_computation_factor, `${at}.additional_computation_factor`, 255),
      ],
    }
  }
  const f = object(inner, at, ['receipt'])
  return { TAG: 'Prepaid', data: [hex(f.receipt, `${at}.receipt`, 32)] }
}

/**
 * casper-types 2.x `TransactionRuntimeParams` as serde writes it: `"VmCasperV1"`, or
 * `{"VmCasperV2": {"transferred_value": u64, "seed": null | [32 bytes as numbers]}}`.
 */
function runtime(value: StrictJson | undefined, path: string): Runtime {
  const [name, inner] = variant(value, path, ['VmCasperV1', 'VmCasperV2'])
  if (name === 'VmCasperV1') {
    if (inner !== null) throw invalidShape(path, '"VmCasperV1"', value)
    return { TAG: 'VmCasperV1', data: [] }
  }
  const at = `${path}.VmCasperV2`
  const f = object(inner, at, ['transferred_value', 'seed'])
  const seed =
    f.seed === null
      ? undefined
      : Uint8Array.from(array(f.seed, `${at}.seed`), (b, i) => integer(b, `${at}.seed[${i}]`, 255))
  if (seed !== undefined && seed.length !== 32) throw invalidShape(`${at}.seed`, 'null or 32 bytes', f.seed)
  return { TAG: 'VmCasperV2', data: [u64(f.transferred_value, `${at}.transferred_value`), seed] }
}

function target(value: StrictJson | undefined, path: string): TransactionTarget {
  const [name, inner] = variant(value, path, ['Native', 'Stored', 'Session'])
  const at = `${path}.${name}`
  if (name === 'Native') {
    if (inner !== null) throw invalidShape(path, '"Native"', value)
    return { TAG: 'Native', data: [] }
  }
  if (name === 'Session') {
    const f = object(inner, at, ['is_install_upgrade', 'module_bytes', 'runtime'])
    return {
      TAG: 'Session',
      data: [
        boolean(f.is_install_upgrade, `${at}.is_install_upgrade`),
        runtime(f.runtime, `${at}.runtime`),
        hex(f.module_bytes, `${at}.module_bytes`),
      ],
    }
  }
  const f = object(inner, at, ['id', 'runtime'])
  return { TAG: 'Stored', data: [invocationTarget(f.id, `${at}.id`), runtime(f.runtime, `${at}.runtime`)] }
}

function invocationTarget(value: StrictJson | undefined, path: string): InvocationTarget {
  const [name, inner] = variant(value, path, ['ByHash', 'ByName', 'ByPackageHash', 'ByPackageName'])
  const at = `${path}.${name}`
  if (name === 'ByHash') return { TAG: 'ByHash', data: [hex(inner, at, 32)] }
  if (name === 'ByName') return { TAG: 'ByName', data: [string(inner, at)] }
  // casper-node writes `"version": null`; casper-js-sdk leaves it out when there is none.
  const f = object(
    inner,
    at,
    [name === 'ByPackageHash' ? 'addr' : 'name'],
    ['version', 'protocol_version_major'],
  )
  const version =
    f.version === undefined || f.version === null
      ? undefined
      : integer(f.version, `${at}.version`, 0xffff_ffff)
  const major =
    f.protocol_version_major === undefined || f.protocol_version_major === null
      ? undefined
      : integer(f.protocol_version_major, `${at}.protocol_version_major`, 0xffff_ffff)
  return name === 'ByPackageHash'
    ? { TAG: 'ByPackageHash', data: [hex(f.addr, `${at}.addr`, 32), version, major] }
    : { TAG: 'ByPackageName', data: [string(f.name, `${at}.name`), version, major] }
}

function entryPoint(value: StrictJson | undefined, path: string): TransactionEntryPoint {
  const [name, inner] = variant(value, path, Object.keys(entryPointTags))
  if (name === 'Custom') return { TAG: 'Custom', data: [string(inner, `${path}.Custom`)] }
  if (inner !== null) throw invalidShape(path, `"${name}"`, value)
  return { TAG: name as Exclude<TransactionEntryPoint['TAG'], 'Custom'>, data: [] }
}

function scheduling(value: StrictJson | undefined, path: string): TransactionScheduling {
  const [name, inner] = variant(value, path, ['Standard', 'FutureEra', 'FutureTimestamp'])
  if (name === 'Standard') {
    if (inner !== null) throw invalidShape(path, '"Standard"', value)
    return { TAG: 'Standard', data: [] }
  }
  if (name === 'FutureEra') return { TAG: 'FutureEra', data: [u64(inner, `${path}.FutureEra`)] }
  const text = string(inner, `${path}.FutureTimestamp`)
  return {
    TAG: 'FutureTimestamp',
    data: [BigInt(humantime(text, `${path}.FutureTimestamp`, parseTimestamp))],
  }
}
