// The bytes the Casper Ledger app parses: a deploy or a TransactionV1 with its approvals, as casper-types writes them.
import * as P from 'micro-packed'
import { calltable, hash32, list, publicKey } from '../codec/bytesrepr.js'
import { deployHeader, executableItem, transactionPayload } from '../codec/layouts.js'
import type { Approval, CosignFile } from '../cosign/CosignFile.js'
import { hexToBytes } from '../encoding/hex.js'

/** casper-types `Approval`: the signer's `PublicKey`, then the tagged `Signature` (tag + 64 bytes). */
const approval = P.struct({ signer: publicKey, signature: P.bytes(65) })

const approvals = list(approval, 1 + 32 + 65)

/** casper-types 2.0 `TransactionV1` in the calltable layout: 0 hash, 1 payload, 2 approvals. */
export const transactionV1 = calltable([hash32, transactionPayload, approvals] as const)

/**
 * The serialized deploy (casper-types `Deploy::write_bytes`: header, hash, payment, session,
 * approvals) or TransactionV1 (calltable of hash, payload, approvals), approvals in file order.
 * These are the bytes the Casper app hashes and shows (Zondax/ledger-casper
 * `app/src/parser_impl_deploy.c` `parser_read_deploy`, `parser_impl_transactionV1.c`
 * `parser_read_transactionV1`); INS 0x02 prefixes them with 0x00 (deploy) or 0x01 (TransactionV1).
 *
 * @example
 * ```ts
 * const bytes = ledgerMessage(parseCosignFile(text)) // deploy bytes, or TransactionV1 bytes
 * ```
 */
export function ledgerMessage(file: CosignFile): Uint8Array {
  const signed = file.approvals.map((a: Approval) => ({
    signer: a.signer,
    signature: hexToBytes(a.signature),
  }))
  if (file.kind === 'transaction') {
    return transactionV1.encode([hexToBytes(file.hash), file.payload, signed])
  }
  const parts = [
    deployHeader.encode(file.header),
    hexToBytes(file.hash),
    executableItem.encode(file.payment),
    executableItem.encode(file.session),
    approvals.encode(signed),
  ]
  const bytes = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let at = 0
  for (const part of parts) {
    bytes.set(part, at)
    at += part.length
  }
  return bytes
}
