// Remedies in the command line's own words: flags and commands instead of library functions.
import type { BaseError } from '../errors/BaseError.js'

/** Library names a remedy may mention, and what a command-line user does instead. */
const libraryToCli: readonly (readonly [RegExp, string])[] = [
  [/preflight\(\) reports them without throwing/g, '`casper-multisig status FILE` lists them'],
  [
    /run preflight\(\) against the current account/g,
    'run `casper-multisig status FILE` against the account now',
  ],
  [/preflight\(\)/g, '`casper-multisig status`'],
  [/\(read them with getAccountConfig\)/g, '(`casper-multisig account` lists them)'],
  [/\(getAccountConfig\)/g, 'with `casper-multisig account`'],
  [/getAccountConfig/g, '`casper-multisig account`'],
  [/\(validateConfig reports them all\)/g, 'in the target file'],
  [/; validateConfig\(config\) returns the same findings with their values/g, ''],
  [/; validateConfig reports every duplicate/g, ''],
  [/\(planReconfiguration orders[^)]*\)/g, '(`casper-multisig plan` orders the steps so each succeeds)'],
  [/checkSessionWasm\(\)/g, '`casper-multisig describe`'],
  [
    /This is a secret key: use parsePrivateKey\(…\)\.publicKeyHex, and keep the file private\./g,
    'This is a secret key: pass its public_key.pem or public_key_hex instead, and keep the secret key private.',
  ],
  [
    /This is a public key: use parsePublicKey, or pass secret_key\.pem to sign\./g,
    'This is a public key: pass secret_key.pem to --key.',
  ],
  [/pass \{ algorithm: 'secp256k1' \}/g, 'pass --algorithm secp256k1'],
  [
    /Raw secret keys do not say their algorithm; pass it,/g,
    'Raw secret keys do not say their algorithm; pass --algorithm,',
  ],
  [
    /Pass the contents of the \.pem file \(secret_key\.pem or public_key\.pem\), not its path\./g,
    'Pass the key file as keygen or casper-client keygen wrote it.',
  ],
  [/; wrap wallets with walletSigner/g, ''],
]

/**
 * The remedy the command line prints for `error`: one written for it when the error is about how
 * the command was run (the node address, a wait), else the library's remedy with every function
 * name replaced by the command or flag that does the same.
 *
 * @example
 * ```ts
 * cliRemedy(new PreflightError(issues)) // 'Fix each problem listed; `casper-multisig status FILE` lists them.'
 * ```
 */
export function cliRemedy(error: BaseError): string | undefined {
  switch (error.code) {
    case 'Unreachable':
      return 'Check that the node is running and that --node (or --node-address, -n, CASPER_NODE_ADDRESS) is its JSON-RPC address: http://HOST:7777 (/rpc is added) or the full …/rpc URL.'
    case 'Timeout':
      return error.details.scope === 'deadline'
        ? 'The deploy was sent: wait again with `casper-multisig wait HASH --timeout SECONDS`, and check that the node is synced.'
        : 'Check that the node is synced and reachable, then run the command again.'
    case 'MalformedResponse':
      return 'The address does not answer like a Casper node: check --node (a node or sidecar JSON-RPC address, http://HOST:7777 or …/rpc).'
  }
  if (error.remedy === undefined) return undefined
  return libraryToCli.reduce(
    (text, [pattern, replacement]) => text.replace(pattern, replacement),
    error.remedy,
  )
}

/** The error's message with its remedy replaced by {@link cliRemedy}'s. */
export function cliMessage(error: BaseError): string {
  const remedyLine = error.remedy === undefined ? undefined : `\nRemedy: ${error.remedy}`
  const body =
    remedyLine && error.message.endsWith(remedyLine)
      ? error.message.slice(0, -remedyLine.length)
      : error.message
  const remedy = cliRemedy(error)
  const causeLine = causeOf(error)
  return `${body}${causeLine}${remedy ? `\nRemedy: ${remedy}` : ''}`
}

/** A `reason:` line for a network failure that has none: the system error code of its cause. */
function causeOf(error: BaseError): string {
  if (error.code !== 'Unreachable' || error.details.reason !== undefined) return ''
  const found: string[] = []
  for (let e: unknown = error.cause, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown }
    if (typeof code === 'string') return `\n  reason: ${code}`
    if (typeof message === 'string') found.push(message)
    e = (e as { cause?: unknown }).cause ?? (e as { errors?: unknown[] }).errors?.[0]
  }
  return found.length > 0 ? `\n  reason: ${found.at(-1)}` : '\n  reason: unknown (no answer)'
}
