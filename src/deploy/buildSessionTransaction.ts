// Builds a Casper 2.0 TransactionV1 whose target is session Wasm, hashed with the library's own layout.

import { blake2b } from '@noble/hashes/blake2b'
import type { ClType } from '../codec/clType.js'
import { type TransactionPayload, transactionPayload } from '../codec/layouts.js'
import { formatDuration } from '../encoding/duration.js'
import { bytesToHex } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import {
  checkedAccount,
  checkedPayment,
  checkedTimestamp,
  checkedTtl,
  type DeployHeaderParameters,
} from './buildModuleBytesDeploy.js'
import { decodeArgValue, type KnownArgType, namedArgJson } from './clValueJson.js'
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

/**
 * An unsigned TransactionV1 (Casper 2.0) with a session-Wasm target, entry point `Call`, standard
 * scheduling and `PaymentLimited` pricing with standard payment. The hash is blake2b-256 of the
 * payload in the calltable layout (`transactionPayload`, casper-types 2.0
 * `transaction_v1.rs` `TransactionV1::has_valid_hash`); the JSON is the node's, fields in its order,
 * each arg with `parsed` as casper-client writes it.
 *
 * @throws {DeployError} `TtlTooLong` above 2 hours, `PaymentBelowBaseline` below the chainspec's
 *   `baseline_motes_amount` (2.5 CSPR on mainnet), `InvalidHeader` for a bad account key or
 *   timestamp, `InvalidTransaction` for a payment above 2^53 - 1 (the JSON number could not hold
 *   it exactly), a gas price tolerance outside 0 to 255, two args of one name, a U512 arg, or arg
 *   bytes that are not exactly one value of their type.
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
  if (payment > BigInt(Number.MAX_SAFE_INTEGER))
    throw invalid('payment', `at most ${Number.MAX_SAFE_INTEGER} motes`, `${payment}`)
  const gasPriceTolerance = parameters.gasPriceTolerance ?? 1
  if (!Number.isInteger(gasPriceTolerance) || gasPriceTolerance < 0 || gasPriceTolerance > 255)
    throw invalid('gasPriceTolerance', 'an integer from 0 to 255 (a u8)', `${gasPriceTolerance}`)
  const account = checkedAccount(parameters.account)
  const timestamp = checkedTimestamp(parameters.timestamp)
  const args = parameters.args.map(({ name, type, bytes }, i) => {
    if (parameters.args.findIndex((arg) => arg.name === name) !== i)
      throw invalid(`args[${i}].name`, 'a name no other arg has', JSON.stringify(name))
    if (type === 'U512') throw invalid(`args[${i}].type`, 'a type the bundled sessions read', 'U512')
    const decoded = decodeArgValue(type, bytes)
    if (!decoded.ok) throw invalid(`args[${i}].bytes`, `one ${type} value`, decoded.message)
    const json = namedArgJson(name, type, bytes)
    return { json, arg: { name, bytes, clType: json[1].cl_type as ClType } }
  })
  const payload: TransactionPayload = {
    initiator: { TAG: 'PublicKey', data: [account] },
    timestamp: BigInt(timestamp.getTime()),
    ttl: BigInt(ttl),
    chainName: parameters.chainName,
    pricingMode: { TAG: 'PaymentLimited', data: [payment, gasPriceTolerance, true] },
    fields: {
      args: args.map(({ arg }) => arg),
      target: { TAG: 'Session', data: [false, { TAG: 'VmCasperV1', data: [] }, parameters.wasm] },
      entryPoint: { TAG: 'Call', data: [] },
      scheduling: { TAG: 'Standard', data: [] },
    },
  }
  const hash = bytesToHex(blake2b(transactionPayload.encode(payload), { dkLen: 32 }))
  // casper-types 2.0 `TransactionV1` / `TransactionV1Payload` serde: the node's field order.
  return {
    Version1: {
      hash,
      payload: {
        initiator_addr: { PublicKey: account },
        timestamp: timestamp.toISOString(),
        ttl: formatDuration(ttl),
        chain_name: parameters.chainName,
        pricing_mode: {
          PaymentLimited: {
            payment_amount: Number(payment),
            gas_price_tolerance: gasPriceTolerance,
            standard_payment: true,
          },
        },
        fields: {
          args: { Named: args.map(({ json }) => json) },
          entry_point: 'Call',
          scheduling: 'Standard',
          target: {
            Session: {
              is_install_upgrade: false,
              module_bytes: bytesToHex(parameters.wasm),
              runtime: 'VmCasperV1',
            },
          },
        },
      },
      approvals: [],
    },
  }
}

function invalid(field: string, expected: string, got: string): DeployError {
  return new DeployError(`Invalid transaction parameter ${field}`, {
    code: 'InvalidTransaction',
    details: { field, expected, got },
  })
}
