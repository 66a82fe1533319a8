// Writes a co-signer file back as JSON, with its approvals replaced and big integers exact.

import type { StrictJson } from '../encoding/parseStrictJson.js'
import type { Approval, CosignFile } from './CosignFile.js'
import type { StrictJsonObject } from './readShape.js'

/**
 * The file's JSON text as it was read (same wrapper, fields and order, numbers exact), with
 * `approvals` replaced; indented by 2 spaces as casper-client writes it.
 *
 * @example
 * ```ts
 * const text = stringifyCosignFile(withApprovals(file, [...file.approvals, mine]))
 * ```
 */
export function stringifyCosignFile(file: CosignFile): string {
  return `${write(file.json, '')}\n`
}

/**
 * The file with `approvals` replaced (in the model and in its JSON).
 *
 * @example
 * ```ts
 * const signed = withApprovals(file, [...file.approvals, { signer, signature }])
 * ```
 */
export function withApprovals<F extends CosignFile>(file: F, approvals: Approval[]): F {
  const replace = (value: StrictJson): StrictJson => {
    const object = value as StrictJsonObject
    const keys = Object.keys(object)
    if (keys.length === 1 && ['transaction', 'deploy', 'Deploy', 'Version1'].includes(keys[0]!)) {
      return { [keys[0]!]: replace(object[keys[0]!]!) }
    }
    return { ...object, approvals: approvals.map((a) => ({ signer: a.signer, signature: a.signature })) }
  }
  return { ...file, approvals: [...approvals], json: replace(file.json) as StrictJsonObject }
}

function write(value: StrictJson, indent: string): string {
  if (typeof value === 'bigint') return value.toString()
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    return value.length === 0
      ? '[]'
      : `[\n${value.map((v) => inner + write(v, inner)).join(',\n')}\n${indent}]`
  }
  const entries = Object.entries(value)
  return entries.length === 0
    ? '{}'
    : `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(',\n')}\n${indent}}`
}
