// The binary layouts the cosign entry exports (src/codec/clType.ts, src/codec/layouts.ts), each
// typed as a Coder: the same micro-packed coders, declared without naming micro-packed.
import type { Coder } from '../codec/Coder.js'
import { type ClType, clTypeCoder as clTypeLayout } from '../codec/clType.js'
import {
  type DeployHeader,
  deployHeader as deployHeaderLayout,
  type ExecutableItem,
  executableItem as executableItemLayout,
  type NamedArg,
  runtimeArgs as runtimeArgsLayout,
  type TransactionPayload,
  transactionPayload as transactionPayloadLayout,
} from '../codec/layouts.js'

/**
 * bytesrepr of a CLType (casper-types `cl_type.rs` `append_bytes`): the tag byte, then the
 * parameters: inner types, a `ByteArray`'s u32 length, `Result` ok then err, `Map` key then value.
 *
 * @example
 * ```ts
 * clTypeCoder.encode({ List: { ByteArray: 32 } }) // Uint8Array [14, 15, 32, 0, 0, 0]
 * ```
 */
export const clTypeCoder: Coder<ClType> = clTypeLayout

/**
 * casper-types `RuntimeArgs`: u32 count, then per arg String name + CLValue (Bytes, then CLType).
 *
 * @example
 * ```ts
 * runtimeArgs.encode([{ name: 'km', bytes: Uint8Array.of(2), clType: 'U8' }]).length // 4 + 6 + 5 + 1 = 16
 * ```
 */
export const runtimeArgs: Coder<NamedArg[]> = runtimeArgsLayout

/**
 * casper-types `executable_deploy_item.rs` `ToBytes`: the variant tag, then its fields in order.
 *
 * @example
 * ```ts
 * executableItem.encode({ TAG: 'Transfer', data: { args: [] } }) // Uint8Array [5, 0, 0, 0, 0]
 * ```
 */
export const executableItem: Coder<ExecutableItem> = executableItemLayout

/**
 * casper-types `deploy/deploy_header.rs` `ToBytes`, the bytes the deploy hash is taken of.
 *
 * @example
 * ```ts
 * const hash = blake2b(deployHeader.encode(deploy.header), { dkLen: 32 })
 * ```
 */
export const deployHeader: Coder<DeployHeader> = deployHeaderLayout

/**
 * casper-types 2.0 `TransactionV1Payload` in the calltable layout: 0 initiator, 1 timestamp, 2 TTL,
 * 3 chain name, 4 pricing mode, 5 fields. The transaction hash is blake2b-256 of these bytes.
 *
 * @example
 * ```ts
 * const hash = blake2b(transactionPayload.encode(transaction.payload), { dkLen: 32 })
 * transactionPayload.decode(bytes) // the same model back; trailing or missing bytes throw
 * ```
 */
export const transactionPayload: Coder<TransactionPayload> = transactionPayloadLayout
