// Reads deploy JSON strictly, the way casper-client does: every field present, no unknown field.
import { DeployError } from './DeployError.js'
import type { DeployJson } from './DeployJson.js'

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
 * refused, as casper-client refuses them. Hashes and signatures are checked by `verifyDeploy`.
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
  string(header.timestamp, 'header.timestamp', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
  string(header.ttl, 'header.ttl', /^(\d+\s*(ms|s|m|h|day|days|d)\s*)+$/)
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

function item(value: unknown, path: string): void {
  if (!isObject(value) || Object.keys(value).length !== 1) {
    throw invalid(path, 'an object with one variant such as "ModuleBytes"', value)
  }
  const [variant, body] = Object.entries(value)[0]!
  if (!isObject(body)) throw invalid(`${path}.${variant}`, 'an object', body)
  if (variant === 'ModuleBytes') string(body.module_bytes, `${path}.ModuleBytes.module_bytes`, hex())
  array(body.args, `${path}.${variant}.args`).forEach((arg, i) => {
    const at = `${path}.${variant}.args[${i}]`
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !isObject(arg[1])) {
      throw invalid(at, '[name, { cl_type, bytes, parsed }]', arg)
    }
    string(arg[1].bytes, `${at}.bytes`, hex())
    if (!('cl_type' in arg[1])) throw invalid(`${at}.cl_type`, 'a CLType', undefined)
  })
}

function object<const K extends string>(
  value: unknown,
  path: string,
  fields: readonly K[],
): Record<K, unknown> {
  if (!isObject(value)) throw invalid(path, 'an object', value)
  const unknown = Object.keys(value).filter((k) => !(fields as readonly string[]).includes(k))
  if (unknown.length > 0)
    throw invalid(path, `only the fields ${fields.join(', ')}`, `unknown field ${unknown.join(', ')}`)
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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
