// Reads deploy JSON strictly, the way casper-client does: every field present, no unknown field.
import { isObject } from '../encoding/isObject.js'
import { DeployError } from './DeployError.js'
import type { DeployJson } from './DeployJson.js'
import { parseDuration, parseTimestamp } from './duration.js'

const topFields = ['hash', 'header', 'payment', 'session', 'approvals'] as const
const headerFields = [
  'account',
  'timestamp',
  'ttl',
  'gas_price',
  'body_hash',
  'dependencies',
  'chain_name',
] as const
const hex = (length?: number) => (length ? new RegExp(`^[0-9a-fA-F]{${length}}$`) : /^(?:[0-9a-fA-F]{2})*$/)
const publicKeyHex = /^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/
const signatureHex = /^0[12][0-9a-fA-F]{128}$/

/**
 * Parses and checks the shape of a deploy as casper-client writes it (a string, or already-parsed
 * JSON; `{ "deploy": … }` wrappers as RPC responses carry them are unwrapped). Unknown fields are
 * refused, as casper-client refuses them. `payment` and `session` must be one of the six
 * `ExecutableDeployItem` variants with exactly its fields; `timestamp` and `ttl` are read with the
 * humantime grammar the node uses (`parseTimestamp`, `parseDuration`), so `"2 hours"` or
 * `"2024-01-01 00:00:00"` pass as they pass casper-client. The text is never rewritten. Hashes and
 * signatures are checked by `verifyDeploy`.
 *
 * @throws {DeployError} code `InvalidDeployJson` naming the field, with what was expected and found.
 * @example
 * ```ts
 * const deploy = parseDeployJson(readFileSync('deploy.json', 'utf8'))
 * deploy.approvals.length
 * ```
 */
export function parseDeployJson(input: string | unknown): DeployJson {
  let value: unknown = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch (cause) {
      throw invalid('(file)', 'JSON', 'text that is not JSON', cause)
    }
  }
  if (isObject(value) && 'deploy' in value && Object.keys(value).length === 1) value = value.deploy
  if (isObject(value) && 'Deploy' in value && Object.keys(value).length === 1) value = value.Deploy
  const deploy = object(value, 'deploy', topFields)
  string(deploy.hash, 'hash', hex(64))
  const header = object(deploy.header, 'header', headerFields)
  string(header.account, 'header.account', publicKeyHex)
  humantime(header.timestamp, 'header.timestamp', parseTimestamp)
  humantime(header.ttl, 'header.ttl', parseDuration)
  if (!Number.isInteger(header.gas_price) || (header.gas_price as number) < 0) {
    throw invalid('header.gas_price', 'a non-negative integer', header.gas_price)
  }
  string(header.body_hash, 'header.body_hash', hex(64))
  for (const [i, d] of array(header.dependencies, 'header.dependencies').entries()) {
    string(d, `header.dependencies[${i}]`, hex(64))
  }
  string(header.chain_name, 'header.chain_name')
  item(deploy.payment, 'payment')
  item(deploy.session, 'session')
  array(deploy.approvals, 'approvals').forEach((a, i) => {
    const approval = object(a, `approvals[${i}]`, ['signer', 'signature'])
    string(approval.signer, `approvals[${i}].signer`, publicKeyHex)
    string(approval.signature, `approvals[${i}].signature`, signatureHex)
  })
  return value as DeployJson
}

/**
 * The six `ExecutableDeployItem` variants and their fields, as casper-types v1.5.8
 * `executable_deploy_item.rs` deserializes them (`#[serde(deny_unknown_fields)]`; `version` is an
 * `Option<u32>`, so it may be absent or null).
 */
const itemVariants = {
  ModuleBytes: { required: ['module_bytes', 'args'], optional: [] },
  StoredContractByHash: { required: ['hash', 'entry_point', 'args'], optional: [] },
  StoredContractByName: { required: ['name', 'entry_point', 'args'], optional: [] },
  StoredVersionedContractByHash: { required: ['hash', 'entry_point', 'args'], optional: ['version'] },
  StoredVersionedContractByName: { required: ['name', 'entry_point', 'args'], optional: ['version'] },
  Transfer: { required: ['args'], optional: [] },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>
const variantNames = Object.keys(itemVariants)

function item(value: unknown, path: string): void {
  if (!isObject(value) || Object.keys(value).length !== 1) {
    throw invalid(path, `an object with one variant of ${variantNames.join(', ')}`, value)
  }
  const [variant, body] = Object.entries(value)[0]!
  if (!Object.hasOwn(itemVariants, variant)) {
    throw invalid(path, `one of the variants ${variantNames.join(', ')}`, `unknown variant ${variant}`)
  }
  const fields = itemVariants[variant as keyof typeof itemVariants]
  const at = `${path}.${variant}`
  const checked = object(body, at, fields.required, fields.optional)
  if ('module_bytes' in checked) string(checked.module_bytes, `${at}.module_bytes`, hex())
  if ('hash' in checked) string(checked.hash, `${at}.hash`, hex(64))
  if ('name' in checked) string(checked.name, `${at}.name`)
  if ('entry_point' in checked) string(checked.entry_point, `${at}.entry_point`)
  const version = (checked as Record<string, unknown>).version
  if (
    version !== undefined &&
    version !== null &&
    !(Number.isInteger(version) && (version as number) >= 0 && (version as number) <= 0xffff_ffff)
  ) {
    throw invalid(`${at}.version`, 'null or a contract version (an integer from 0 to 4294967295)', version)
  }
  array(checked.args, `${at}.args`).forEach((arg, i) => {
    const argAt = `${at}.args[${i}]`
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') {
      throw invalid(argAt, '[name, { cl_type, bytes, parsed }]', arg)
    }
    // casper-types `CLValueJson`: cl_type and bytes required, parsed optional, nothing else.
    const clValue = object(arg[1], `${argAt}[1]`, ['cl_type', 'bytes'], ['parsed'])
    const bytes = string(clValue.bytes, `${argAt}[1].bytes`, hex())
    listCountFits(clValue.cl_type, bytes, `${argAt}[1].bytes`)
  })
}

/**
 * A top-level `List` whose u32 count exceeds its bytes cannot be a valid value, and would make
 * casper-js-sdk (which hashes the deploy) loop over the declared count: refuse it up front.
 */
function listCountFits(clType: unknown, bytes: string, path: string): void {
  if (!isObject(clType) || !('List' in clType) || clType.List === 'Unit') return
  const count =
    bytes.length >= 8
      ? Number.parseInt(bytes.slice(6, 8) + bytes.slice(4, 6) + bytes.slice(2, 4) + bytes.slice(0, 2), 16)
      : 0
  const items = (bytes.length - 8) / 2
  if (bytes.length < 8 || count > items) {
    throw invalid(
      path,
      `a List of at most ${Math.max(0, items)} items (its u32 count, then the items)`,
      `a count of ${count}`,
    )
  }
}

/** A humantime field (timestamp or TTL), read with the parser casper-node uses. */
function humantime(value: unknown, path: string, parse: (text: string) => number): void {
  const text = string(value, path)
  try {
    parse(text)
  } catch (cause) {
    const reason = cause instanceof DeployError ? String(cause.details.reason) : String(cause)
    const example = path.endsWith('ttl')
      ? 'a duration such as "30m" or "1h 30m"'
      : 'a timestamp such as "2024-01-01T00:00:00.000Z"'
    throw invalid(path, `${example} (humantime: ${reason})`, text, cause)
  }
}

function object<const K extends string>(
  value: unknown,
  path: string,
  fields: readonly K[],
  optional: readonly string[] = [],
): Record<K, unknown> {
  if (!isObject(value)) throw invalid(path, 'an object', value)
  const known = [...fields, ...optional]
  const unknown = Object.keys(value).filter((k) => !known.includes(k))
  if (unknown.length > 0)
    throw invalid(path, `only the fields ${known.join(', ')}`, `unknown field ${unknown.join(', ')}`)
  const missing = fields.filter((f) => !(f in value))
  if (missing.length > 0) throw invalid(path, `the fields ${fields.join(', ')}`, `no ${missing.join(', ')}`)
  return value as Record<K, unknown>
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'an array', value)
  return value
}

function string(value: unknown, path: string, pattern?: RegExp): string {
  if (typeof value !== 'string') throw invalid(path, 'a string', value)
  if (pattern && !pattern.test(value)) throw invalid(path, `a value matching ${pattern.source}`, value)
  return value
}

function invalid(path: string, expected: string, got: unknown, cause?: unknown): DeployError {
  const shown = typeof got === 'string' ? got : JSON.stringify(got)
  return new DeployError(`Invalid deploy JSON at ${path}`, {
    code: 'InvalidDeployJson',
    details: {
      field: path,
      expected,
      got: shown === undefined ? 'nothing' : shown.length > 120 ? `${shown.slice(0, 120)}…` : shown,
    },
    remedy: 'Use the deploy file exactly as casper-client or casper-multisig wrote it.',
    cause,
  })
}
