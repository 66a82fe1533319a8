// Builds a Casper 2.0 TransactionV1 whose target is session Wasm, with casper-js-sdk's serialisation.

import { hexToBytes } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import { checkedPayment, checkedTtl, type DeployHeaderParameters } from './buildModuleBytesDeploy.js'
import { type KnownArgType, knownArgType, parsedValue } from './clValueJson.js'
import type { NamedArgJson } from './DeployJson.js'
import { sdk } from './sdk.js'
import type { TransactionJson } from './TransactionJson.js'

/** Parameters of {@link buildSessionTransaction}. */
export type BuildSessionTransactionParameters = Omit<DeployHeaderParameters, 'dependencies' | 'gasPrice'> & {
  wasm: Uint8Array
  args: readonly { name: string; type: KnownArgType; bytes: Uint8Array }[]
  /** `PaymentLimited.payment_amount` in motes. */
  payment: bigint
  /** `PaymentLimited.gas_price_tolerance`; default 1. */
  gasPriceTolerance?: number | undefined
}

/** Field order of the node's JSON (casper-types `TransactionV1` serde), for files people read and diff. */
const fieldOrder = [
  'hash',
  'payload',
  'approvals',
  'initiator_addr',
  'timestamp',
  'ttl',
  'chain_name',
  'pricing_mode',
  'fields',
  'payment_amount',
  'gas_price_tolerance',
  'standard_payment',
  'args',
  'entry_point',
  'scheduling',
  'target',
  'is_install_upgrade',
  'module_bytes',
  'runtime',
  'cl_type',
  'bytes',
  'parsed',
  'signer',
  'signature',
]

/**
 * An unsigned TransactionV1 (Casper 2.0) with a session-Wasm target, entry point `Call`, standard
 * scheduling and `PaymentLimited` pricing. casper-js-sdk computes the hash (it reproduces real 2.0
 * vectors); the JSON comes back in the node's field order.
 *
 * @throws {DeployError} `TtlTooLong` above 2 hours, `PaymentBelowBaseline` below the chainspec's
 *   `baseline_motes_amount` (2.5 CSPR on mainnet).
 * @example
 * ```ts
 * const transaction = buildSessionTransaction({
 *   account: alicePublicKey,
 *   chainName: 'casper',
 *   wasm: twoPartyMultiSigWasm,
 *   args: [{ name: 'deployment-account', type: 'ByteArray(32)', bytes: bobAccountHash }],
 *   payment: 2_500_000_000n,
 * })
 * ```
 */
export function buildSessionTransaction(parameters: BuildSessionTransactionParameters): TransactionJson {
  const ttl = checkedTtl(parameters.ttl, parameters.chainspec)
  const payment = checkedPayment(parameters.payment, parameters.chainspec)
  const args = new sdk.Args(new Map())
  for (const arg of parameters.args) args.insert(arg.name, clValue(arg.type, arg.bytes))
  const transaction = new sdk.SessionBuilder()
    .from(sdk.PublicKey.fromHex(parameters.account))
    .chainName(parameters.chainName)
    .timestamp(new sdk.Timestamp(new Date(parameters.timestamp ?? Date.now())))
    .ttl(ttl)
    .payment(Number(payment), parameters.gasPriceTolerance ?? 1)
    .wasm(parameters.wasm)
    .runtimeArgs(args)
    .build()
  const v1 = transaction.getTransactionV1()
  if (!v1) throw new DeployError('casper-js-sdk built no TransactionV1', { code: 'InvalidTransaction' })
  const json = sdk.TransactionV1.toJSON(v1) as { payload: { fields: { args: { Named: NamedArgJson[] } } } }
  // casper-js-sdk leaves out `parsed`; casper-client and the node write it, and explorers show it.
  for (const arg of json.payload.fields.args.Named) {
    const type = knownArgType(arg[1].cl_type)
    if (type) arg[1].parsed = parsedValue(type, hexToBytes(arg[1].bytes))
  }
  return { Version1: ordered(json) as TransactionJson['Version1'] }
}

function clValue(type: KnownArgType, bytes: Uint8Array) {
  switch (type) {
    case 'U8':
      return sdk.CLValue.newCLUint8(bytes[0] ?? 0)
    case 'ByteArray(32)':
      return sdk.CLValue.newCLByteArray(bytes)
    case 'U512':
      throw new DeployError('U512 session args are not used by the bundled sessions', {
        code: 'InvalidTransaction',
      })
    case 'List<U8>':
      return sdk.CLValue.newCLList(
        sdk.CLTypeUInt8,
        Array.from(bytes.subarray(4), (b) => sdk.CLValue.newCLUint8(b)),
      )
    case 'List<ByteArray(32)>': {
      const items = []
      for (let i = 4; i + 32 <= bytes.length; i += 32)
        items.push(sdk.CLValue.newCLByteArray(bytes.slice(i, i + 32)))
      return sdk.CLValue.newCLList(new sdk.CLTypeByteArray(32), items)
    }
  }
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered)
  if (typeof value !== 'object' || value === null) return value
  const rank = (key: string) => {
    const i = fieldOrder.indexOf(key)
    return i === -1 ? fieldOrder.length : i
  }
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([k, v]) => [k, ordered(v)]),
  )
}
