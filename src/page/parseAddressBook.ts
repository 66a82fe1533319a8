// The co-signer's address book in the page: the labels.json `plan` writes (src/cli/labels.ts
// `addressBookJson`), read without Node.
import type { AccountHashHex } from '../account/Account.js'
import { accountHashOf } from '../account/accountHash.js'
import { parseCosignJson } from '../cosign/parseCosignJson.js'
import { isObject } from '../encoding/isObject.js'
import { CosignError } from '../errors/CosignError.js'

/**
 * Names by account hash from an address book: `{ "account-hash-<64 hex>": "bob", "01…": "alice" }`
 * (keys as public key hex or account hash, values the names), as `plan` writes `labels.json`.
 * Entries whose value is not text (such as a map of accepted Wasm a newer `plan` writes beside the
 * names) are other fields and ignored; text under a key that names no account, or an empty name,
 * is refused. Read strictly: a key given twice is refused, since two readers could see different
 * names.
 *
 * @throws {CosignError} `InvalidJson` for text that is not strict JSON, `InvalidShape` (with
 *   `details.entry`) for anything else that is not an address book.
 * @example
 * ```ts
 * parseAddressBook('{"account-hash-83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2": "alice"}')
 * // Map { '83b0df3b…5dc2' => 'alice' }
 * ```
 */
export function parseAddressBook(text: string): Map<AccountHashHex, string> {
  const value = parseCosignJson(text)
  const refuse = (entry: string, got: string): never => {
    throw new CosignError('Not an address book', {
      code: 'InvalidShape',
      details: { entry, expected: '"<public key hex or account-hash-…>": "<name>"', got },
      remedy: 'Load the labels.json that casper-multisig plan wrote.',
    })
  }
  if (!isObject(value)) return refuse('(file)', 'not an object')
  const labels = new Map<AccountHashHex, string>()
  for (const [key, name] of Object.entries(value)) {
    if (typeof name !== 'string') continue
    let accountHash: AccountHashHex
    try {
      accountHash = accountHashOf(key)
    } catch {
      return refuse(key, 'a key that names no account')
    }
    if (name.trim() === '') refuse(key, 'an empty name')
    labels.set(accountHash, name)
  }
  return labels
}
