// Remedies in the command line's own words: its commands and flags where the library's remedy names
// a function or an option of the library. Chosen by the error's stable `code` and its typed fields,
// never by reading the library's text.
import { AccountError } from '../account/AccountError.js'
import { ChainspecError } from '../chainspec/ChainspecError.js'
import type { BaseError } from '../errors/BaseError.js'
import { KeyError, type KeyFound } from '../keys/KeyError.js'
import { ExecutionFailedError } from '../rpc/ExecutionFailedError.js'
import type { ExecutionErrorKind } from '../rpc/explainExecutionError.js'
import { JsonRpcError, type JsonRpcErrorName, TimeoutError } from '../rpc/RpcError.js'
import { redactUrls } from '../text/redactUrl.js'

/** The command line's remedy for one error: a text, or one chosen by the error's fields (`undefined`: the library's). */
type CliRemedy = string | ((error: BaseError) => string | undefined)

const planOrders = '(`casper-multisig plan` orders the steps so each succeeds)'

/** Execution failures (`explainExecutionError`) by `kind` whose library remedy names a library function. */
const executionRemedies: Partial<Record<ExecutionErrorKind, string>> = {
  AuthorizationFailure:
    'Attach approvals only from the account’s associated keys (`casper-multisig account` lists them), then send again.',
  WasmPreprocessing:
    'Check the module with `casper-multisig describe`; the bundled sessions pass on 1.5 and 2.0.',
  Unknown:
    'Read the message above; if the session manages keys, run `casper-multisig status FILE` against the account now.',
}

/** The same for the `ApiError` kind, by ApiError name. */
const apiErrorRemedies: Readonly<Record<string, string>> = {
  MaxKeysLimit: `Remove a key in an earlier deploy before adding another ${planOrders}.`,
  DuplicateKey:
    'Re-read the account with `casper-multisig account` and plan again: change its weight with an update instead of adding it.',
  MissingKey:
    'Re-read the account with `casper-multisig account`: the key may already be gone; plan from the current state.',
  ThresholdViolation: `Lower the thresholds first, or add / raise other keys before removing or lowering this one ${planOrders}.`,
}

/**
 * The ApiError names `explainExecutionError` explains one by one (rpc/explainExecutionError.ts
 * `explainApiError`); any other is explained by running the session in the emulator.
 */
const explainedApiErrors: ReadonlySet<string> = new Set([
  'MissingArgument',
  'InvalidArgument',
  'MaxKeysLimit',
  'DuplicateKey',
  'PermissionDenied',
  'MissingKey',
  'ThresholdViolation',
  'KeyManagementThreshold',
  'DeploymentThreshold',
  'InsufficientTotalWeight',
])

/** The node's JSON-RPC errors (`JsonRpcError.rpcName`) whose library remedy names a library function. */
const jsonRpcRemedies: Partial<Record<JsonRpcErrorName, string>> = {
  InvalidDeploy:
    'The node refused the deploy (see data): run `casper-multisig status`, check the approvals, the deployment threshold, the chain name and the TTL.',
  MethodNotFound:
    'The node does not serve this method: check its version (`casper-multisig account` prints its protocol).',
}

/** Key errors by what the input was (`KeyError.found`). */
const keyRemedies: Readonly<Record<KeyFound, string>> = {
  secretKey:
    'This is a secret key: pass its public_key.pem or public_key_hex instead, and keep the secret key private.',
  publicKey: 'This is a public key: pass secret_key.pem to --key.',
  noPem: 'Pass the key file as keygen or casper-client keygen wrote it.',
  noCurve: 'If this is a secp256k1 key, pass --algorithm secp256k1.',
}

/** The command line's remedies by the error's stable `code`. */
const cliRemedies: Readonly<Record<string, CliRemedy>> = {
  Unreachable:
    'Check that the node is running and that --node (or --node-address, -n, CASPER_NODE_ADDRESS) is its JSON-RPC address: http://HOST:7777 (/rpc is added) or the full …/rpc URL.',
  Timeout: (error) =>
    error instanceof TimeoutError && error.scope === 'deadline'
      ? 'It was sent: wait again with `casper-multisig wait HASH --timeout SECONDS`, and check that the node is synced.'
      : 'Check that the node is synced and reachable, then run the command again.',
  MalformedResponse:
    'The address does not answer like a Casper node: check --node (a node or sidecar JSON-RPC address, http://HOST:7777 or …/rpc).',
  ResponseTooLarge: 'The node sent more than any answer to this call needs: use another node.',
  JsonRpcError: (error) =>
    error instanceof JsonRpcError && error.rpcName ? jsonRpcRemedies[error.rpcName] : undefined,
  ChainspecSyntax: (error) => nodeChainspec(error),
  ChainspecUnavailable: (error) => nodeChainspec(error),
  // The devnet's --chainspec file, refused by startDevnet.
  InvalidOptions: (error) =>
    error.cause instanceof ChainspecError
      ? 'Pass --chainspec the path of a casper-node chainspec.toml (e.g. resources/mainnet/chainspec.toml), or use --protocol 1.5|2.0.'
      : undefined,
  NotReady: 'Fix each problem listed; `casper-multisig status FILE` lists them.',
  ExecutionFailed: (error) => {
    if (!(error instanceof ExecutionFailedError)) return undefined
    const name = error.apiError?.name
    if (error.kind !== 'ApiError' || name === undefined) return executionRemedies[error.kind]
    if (Object.hasOwn(apiErrorRemedies, name)) return apiErrorRemedies[name]
    return explainedApiErrors.has(name)
      ? undefined
      : 'Run `casper-multisig status FILE` against the account now to see which call failed.'
  },
  InvalidConfig: 'Change the configuration as each line says.',
  InvalidTarget: 'Fix the findings listed in the target file, then plan again.',
  // accountFromConfig: a key listed twice in a configuration.
  DuplicateKey: (error) => (error instanceof AccountError ? 'Keep one entry per key.' : undefined),
  InvalidPem: (error) => (error instanceof KeyError && error.found ? keyRemedies[error.found] : undefined),
  UnsupportedKey: (error) =>
    error instanceof KeyError && error.found ? keyRemedies[error.found] : undefined,
  MissingAlgorithm: 'Raw secret keys do not say their algorithm; pass --algorithm, or use the PEM file.',
}

/**
 * The remedy the command line prints for `error`: its own when the library's names a library
 * function or option (chosen by the error's `code` and typed fields: `kind`, `rpcName`, `scope`,
 * `found`), or when the error is about how the command was run (the node address, a wait); else
 * the library's remedy.
 *
 * @example
 * ```ts
 * cliRemedy(new PreflightError(issues)) // 'Fix each problem listed; `casper-multisig status FILE` lists them.'
 * ```
 */
export function cliRemedy(error: BaseError): string | undefined {
  const own = Object.hasOwn(cliRemedies, error.code) ? cliRemedies[error.code] : undefined
  return (typeof own === 'function' ? own(error) : own) ?? error.remedy
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

/** A chainspec the node served (`info_get_chainspec`) that cannot be used. */
function nodeChainspec(error: BaseError): string | undefined {
  return error instanceof ChainspecError
    ? "The node's chainspec (info_get_chainspec) cannot be read: check that --node is a casper-node (1.5 or later) or casper-sidecar JSON-RPC address."
    : undefined
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
  return found.length > 0 ? `\n  reason: ${redactUrls(found.at(-1)!)}` : '\n  reason: unknown (no answer)'
}
