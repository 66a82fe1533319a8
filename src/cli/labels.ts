// Names for keys and accepted Wasm: `--label KEY=NAME` flags, the address books the user names
// (`--labels FILE`) and the one in their own configuration directory. Never a file that came with a deploy.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { AccountHashHex } from '../account/Account.js'
import { accountHashOf } from '../account/accountHash.js'
import { isObject } from '../encoding/isObject.js'
import { parseStrictJson } from '../encoding/parseStrictJson.js'
import { safeText } from '../text/safeText.js'
import { CliError } from './CliError.js'
import { readText } from './files.js'

/** The address book's file name: `plan` writes it beside the deploy files, the config directory holds one. */
export const addressBookName = 'labels.json'

/** The name of the address book's optional field of accepted session Wasm: `{ "<sha256 hex>": "name" }`. */
export const acceptedWasmField = 'acceptedWasm'

/**
 * The flags that name keys, as every command accepts them: described on one line
 * (`--label KEY=NAME, --labels FILE   names for keys`), or each on its own. Both are repeatable.
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
      multiple: true,
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

/** One address book file as read: names by account hash, and accepted session Wasm by sha256 (lowercase hex). */
export type AddressBookFile = {
  labels: Map<AccountHashHex, string>
  acceptedWasm: Map<string, string>
}

/**
 * Reads an address book: `{ "account-hash-<64 hex>": "bob", "01…": "alice" }` (keys as public key
 * hex or account hash, values the names), optionally with `"acceptedWasm": { "<sha256 hex>": "name" }`:
 * session Wasm the owner of the book has checked and accepts.
 *
 * @throws {CliError} code `FileError` naming the file and the entry that is wrong.
 * @example
 * ```ts
 * readAddressBook('labels.json').labels.get(bobAccountHash) // 'bob'
 * ```
 */
export function readAddressBook(path: string): AddressBookFile {
  const text = readText(path, 'address book')
  const fail = (entry: string, got: string, expected?: string): never => {
    throw new CliError(`${path} is not an address book`, {
      code: 'FileError',
      details: { entry, expected: expected ?? '"<public key hex or account-hash-…>": "<name>"', got },
      remedy: `Write { "account-hash-<64 hex>": "bob", "${acceptedWasmField}": { "<sha256 hex>": "name" } }, or let plan write ${addressBookName} from the target's labels.`,
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
  const acceptedWasm = new Map<string, string>()
  for (const [key, name] of Object.entries(value)) {
    if (key === acceptedWasmField) {
      if (!isObject(name)) fail(key, 'not an object', '{ "<sha256 hex>": "<name>" }')
      for (const [sha256, wasmName] of Object.entries(name as Record<string, unknown>)) {
        const expected = '"<64 hex: the sha256 of the Wasm>": "<name>"'
        if (!/^[0-9a-fA-F]{64}$/.test(sha256)) fail(`${key}.${sha256}`, 'not a sha256 (64 hex)', expected)
        if (typeof wasmName !== 'string' || wasmName === '') {
          fail(`${key}.${sha256}`, JSON.stringify(wasmName) ?? 'undefined', expected)
        }
        acceptedWasm.set(sha256.toLowerCase(), wasmName as string)
      }
      continue
    }
    const accountHash = tryAccountHash(key)
    if (accountHash === undefined) fail(key, 'a key that names no account')
    if (typeof name !== 'string' || name === '') fail(key, JSON.stringify(name) ?? 'undefined')
    labels.set(accountHash as AccountHashHex, name as string)
  }
  return { labels, acceptedWasm }
}

/**
 * The address book as `plan` writes it: `{ "account-hash-…": "name" }`, sorted by name, then
 * `acceptedWasm` when there is any.
 */
export function addressBookJson(
  labels: ReadonlyMap<AccountHashHex, string>,
  acceptedWasm: ReadonlyMap<string, string> = new Map(),
): string {
  const entries = [...labels].sort(([, a], [, b]) => a.localeCompare(b))
  const book: Record<string, unknown> = Object.fromEntries(
    entries.map(([hash, name]) => [`account-hash-${hash}`, name]),
  )
  if (acceptedWasm.size > 0) book[acceptedWasmField] = Object.fromEntries(acceptedWasm)
  return `${JSON.stringify(book, null, 2)}\n`
}

/**
 * The user's own address book: `$CASPER_MULTISIG_CONFIG_DIR/labels.json`, else
 * `$XDG_CONFIG_HOME/casper-multisig/labels.json`, else `~/.config/casper-multisig/labels.json`.
 *
 * @example
 * ```ts
 * ownAddressBookPath({ XDG_CONFIG_HOME: '/home/bob/.config' }) // '/home/bob/.config/casper-multisig/labels.json'
 * ```
 */
export function ownAddressBookPath(env: Readonly<Record<string, string | undefined>> = {}): string {
  const dir =
    env.CASPER_MULTISIG_CONFIG_DIR ||
    join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'casper-multisig')
  return join(dir, addressBookName)
}

/** The names and accepted Wasm a command shows, from every book the user keeps or names. */
export type AddressBook = {
  /**
   * The name shown for each key. A key two sources name differently, and a name two keys share,
   * are marked as such in the name itself (never resolved in favour of one).
   */
  labels: Map<AccountHashHex, string>
  /** Session Wasm the user accepts: sha256 (lowercase hex) to name. */
  acceptedWasm: Record<string, string>
  /** One line per conflict between names: shown with the description and in `--json`. */
  warnings: string[]
  /** The books read, in order: the own book when it exists, then each `--labels FILE`. */
  sources: string[]
}

/**
 * The names a command shows: the user's own address book ({@link ownAddressBookPath}) when it
 * exists, every `--labels FILE`, then every `--label KEY=NAME`. A `labels.json` beside a deploy
 * file, or in the current directory, is never read unless named: whoever sends a deploy must not
 * name its keys. A key named differently by two sources, or a name given to two keys, is shown
 * as such (a marked name and a warning), never resolved silently.
 *
 * @throws {CliError} `UsageError` for a malformed `--label`, or `--labels -` with a deploy read
 *   from standard input; `FileError` for an unreadable address book.
 * @example
 * ```ts
 * const book = loadAddressBook(values, { env: io.env, inputs: [file] })
 * for (const warning of book.warnings) output.info(`Warning: ${warning}`)
 * ```
 */
export function loadAddressBook(
  values: { label?: readonly string[] | undefined; labels?: readonly string[] | undefined },
  context: {
    env?: Readonly<Record<string, string | undefined>> | undefined
    /** The files the command reads: `-` among them excludes `--labels -`. */
    inputs?: readonly (string | undefined)[] | undefined
  } = {},
): AddressBook {
  const files = values.labels ?? []
  if (files.includes('-') && (context.inputs ?? []).includes('-')) {
    throw new CliError('Standard input can hold the deploy or the address book, not both', {
      code: 'UsageError',
    })
  }
  const own = ownAddressBookPath(context.env)
  const books = [...(existsSync(own) ? [own] : []), ...files]
  const sources: { name: string; labels: ReadonlyMap<AccountHashHex, string> }[] = []
  const acceptedWasm: Record<string, string> = {}
  const warnings: string[] = []
  for (const path of books) {
    const book = readAddressBook(path)
    const name = path === own ? `your address book ${path}` : path
    sources.push({ name, labels: book.labels })
    for (const [sha256, wasmName] of book.acceptedWasm) {
      const before = acceptedWasm[sha256]
      if (before !== undefined && before !== wasmName) {
        warnings.push(
          `address books name the accepted Wasm ${sha256} both "${safeText(before)}" and "${safeText(wasmName)}"`,
        )
        acceptedWasm[sha256] = `${before} | ${wasmName}`
      } else acceptedWasm[sha256] = wasmName
    }
  }
  const flags = parseLabels(values.label)
  if (flags.size > 0) sources.push({ name: '--label', labels: flags })

  // Every name each key is given, with where; then every key each name is given to.
  const names = new Map<AccountHashHex, { name: string; from: string }[]>()
  for (const source of sources) {
    for (const [hash, name] of source.labels) {
      const given = names.get(hash) ?? []
      if (!given.some((g) => g.name === name)) given.push({ name, from: source.name })
      names.set(hash, given)
    }
  }
  const holders = new Map<string, AccountHashHex[]>()
  for (const [hash, given] of names) {
    for (const { name } of given) holders.set(name, [...(holders.get(name) ?? []), hash])
  }
  const labels = new Map<AccountHashHex, string>()
  for (const [hash, given] of names) {
    let label = given.map((g) => g.name).join(' | ')
    if (given.length > 1) {
      label += ' [your address books disagree]'
      warnings.push(
        `account-hash-${hash} is named differently: ${given.map((g) => `"${safeText(g.name)}" in ${safeText(g.from)}`).join(', ')}; check which is right`,
      )
    }
    if (given.some((g) => (holders.get(g.name)?.length ?? 0) > 1)) label += ' [name shared with another key]'
    labels.set(hash, label)
  }
  for (const [name, hashes] of holders) {
    if (hashes.length > 1) {
      warnings.push(
        `the name "${safeText(name)}" is given to ${hashes.length} keys: ${hashes.map((h) => `account-hash-${h}`).join(', ')}; check which is right`,
      )
    }
  }
  return { labels, acceptedWasm, warnings, sources: sources.map((s) => s.name) }
}

/**
 * The address book's warnings as every command prints them: `Address book: …`.
 *
 * @example
 * ```ts
 * for (const warning of addressBookWarnings(book)) output.info(`Warning: ${warning}`)
 * ```
 */
export function addressBookWarnings(book: Pick<AddressBook, 'warnings'>): string[] {
  return book.warnings.map((warning) => `Address book: ${warning}.`)
}

/**
 * The names `plan` starts from: each `--labels FILE`, then every `--label KEY=NAME`, later ones
 * first; never a file the user did not name.
 *
 * @throws {CliError} `UsageError` for a malformed `--label`, `FileError` for an unreadable address book.
 */
export function loadLabels(values: {
  label?: readonly string[] | undefined
  labels?: readonly string[] | undefined
}): Map<AccountHashHex, string> {
  const labels = new Map<AccountHashHex, string>()
  for (const path of values.labels ?? []) {
    for (const [hash, name] of readAddressBook(path).labels) labels.set(hash, name)
  }
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
