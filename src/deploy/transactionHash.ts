// The hash a TransactionV1's payload implies: blake2b-256 of the payload bytes (casper-types
// `types/src/transaction/transaction_v1.rs` `TransactionV1::has_valid_hash`).
import { blake2b } from '@noble/hashes/blake2b'
import { bytesToHex } from '../encoding/hex.js'
import { sdkTransactionFromJson } from './sdk.js'
import type { TransactionJson } from './TransactionJson.js'

/**
 * blake2b-256 of the payload in casper-node 2.0's "calltable" serialisation (casper-types
 * `TransactionV1::has_valid_hash`), computed with casper-js-sdk, which reproduces real 2.0 vectors.
 *
 * @example
 * ```ts
 * transactionHash(transaction.Version1) === transaction.Version1.hash // false: changed after hashing
 * ```
 */
export function transactionHash(transaction: TransactionJson['Version1']): string {
  return bytesToHex(blake2b(sdkTransactionFromJson(transaction).payload.toBytes(), { dkLen: 32 }))
}
