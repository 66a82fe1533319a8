// Names for keys: `--label KEY=NAME` flags and the address book file (labels.json) plan writes.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { AccountHashHex } from '../account/Account.js'
import { accountHashOf } from '../account/accountHash.js'
import { isObject } from '../encoding/isObject.js'
import { parseStrictJson } from '../encoding/parseStrictJson.js'
import { CliError } from './CliError.js'
import { readText } from './files.js'

/** The address book's file name: `plan` writes it beside the deploy files, every command reads it. */
export const addressBookName = 'labels.json'

/**
 * The flags that name keys, as every command accepts them: described on one line
 * (`--label KEY=NAME, --labels FILE   names for keys`), or each on its own.
 */
export function labelOptions(description: string | { label: string; labels: string }) {
  const own = typeof description === 'string' ? undefined : description
  return {
    label: {
      type: 'string',
      multiple: true,
      value: 'KEY=NAME',
      description: own?.label ?? (description as string),
    },
    labels: {
      type: 'string',
      value: 'FILE',
      ...(own ? { description: own.labels } : { sameLineAs: 'label' }),
    },
  } as const
}

/**
 * Reads `KEY=NAME` pairs (KEY: a public key hex or `account-hash-…`) into names by account hash.
 *
 * @throws {CliError} code `UsageError` for a pair without `=` or a KEY that names no account.
 * @example
 * ```ts
 * parseLabels(['01d9bf…900c=alice']) // Map { '83b0df3b…5dc2' => 'alice' }
 * ```
 */
export function parseLabels(pairs: readonly string[] | undefined): Map<AccountHashHex, string> {
  const labels = new Map<AccountHashHex, string>()
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=')
    const key = pair.slice(0, Math.max(at, 0))
    const name = pair.slice(at + 1)
    const accountHash = at > 0 && name !== '' ? tryAccountHash(key) : undefined
    if (accountHash === undefined) {
      throw new CliError('Invalid --label', {
        code: 'UsageError',
        details: { expected: 'KEY=NAME, KEY a public key hex or account-hash-<64 hex>', got: pair },
      })
    }
    labels.set(accountHash, name)
  }
  return labels
}

/**
 * Reads an address book: `{ "account-hash-<64 hex>": "bob", "01…": "alice" }` (keys as public key
 * hex or account hash, values the names).
 *
 * @throws {CliError} code `FileError` naming the file and the entry that is wrong.
 */
export function readAddressBook(path: string): Map<AccountHashHex, string> {
  const text = readText(path, 'address book')
  const fail = (entry: string, got: string): never => {
    throw new CliError(`${path} is not an address book`, {
      code: 'FileError',
      details: { entry, expected: '"<public key hex or account-hash-…>": "<name>"', got },
      remedy: `Write { "account-hash-<64 hex>": "bob" }, or let plan write ${addressBookName} from the target's labels.`,
    })
  }
  let value: unknown
  try {
    // Strict: a repeated key would let a reader and this command see different files.
    value = parseStrictJson(text)
  } catch (cause) {
    return fail('(file)', cause instanceof Error ? cause.message : String(cause))
  }
  if (!isObject(value)) return fail('(file)', 'not an object')
  const labels = new Map<AccountHashHex, string>()
  for (const [key, name] of Object.entries(value)) {
    const accountHash = tryAccountHash(key)
    if (accountHash === undefined) fail(key, 'a key that names no account')
    if (typeof name !== 'string' || name === '') fail(key, JSON.stringify(name) ?? 'undefined')
    labels.set(accountHash as AccountHashHex, name as string)
  }
  return labels
}

/** The address book as `plan` writes it: `{ "account-hash-…": "name" }`, sorted by name. */
export function addressBookJson(labels: ReadonlyMap<AccountHashHex, string>): string {
  const entries = [...labels].sort(([, a], [, b]) => a.localeCompare(b))
  return `${JSON.stringify(Object.fromEntries(entries.map(([hash, name]) => [`account-hash-${hash}`, name])), null, 2)}\n`
}

/**
 * The names a command shows: the `--labels FILE` address book, else `labels.json` beside the deploy
 * file (when it was read from a file), else `labels.json` in the current directory; then every
 * `--label KEY=NAME` on top.
 *
 * @throws {CliError} `UsageError` for a malformed `--label`, `FileError` for an unreadable address book.
 */
export function loadLabels(
  values: { label?: readonly string[] | undefined; labels?: string | undefined },
  deployFile?: string | undefined,
): Map<AccountHashHex, string> {
  if (values.labels === '-' && deployFile === '-') {
    throw new CliError('Standard input can hold the deploy or the address book, not both', {
      code: 'UsageError',
    })
  }
  const candidates =
    values.labels !== undefined
      ? [values.labels]
      : [
          ...(deployFile && deployFile !== '-' ? [join(dirname(deployFile), addressBookName)] : []),
          addressBookName,
        ]
  const book = candidates.find((path, i) => (values.labels !== undefined && i === 0) || existsSync(path))
  const labels = book === undefined ? new Map<AccountHashHex, string>() : readAddressBook(book)
  for (const [hash, name] of parseLabels(values.label)) labels.set(hash, name)
  return labels
}

export { keyName } from '../text/keyName.js'

/** `{ key: 'account-hash-…', label? }` for `--json` output. */
export function keyJson(
  accountHash: AccountHashHex,
  labels: ReadonlyMap<AccountHashHex, string>,
): { key: string; label?: string } {
  const label = labels.get(accountHash)
  return { key: `account-hash-${accountHash}`, ...(label ? { label } : {}) }
}

function tryAccountHash(key: string): AccountHashHex | undefined {
  try {
    return accountHashOf(key)
  } catch {
    return undefined
  }
}
