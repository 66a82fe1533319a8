// The one place casper-js-sdk is imported, and the thin layer over its defects (each pinned by a
// test in test/deploy/sdkDefects.test.ts).

import type { Deploy, TransactionV1 } from 'casper-js-sdk'
import * as casperSdkModule from 'casper-js-sdk'
import { parseDuration, parseTimestamp } from '../encoding/duration.js'
import { isObject } from '../encoding/isObject.js'
import { assertArgsBounded } from './assertArgsBounded.js'
import type { DeployJson } from './DeployJson.js'
import type { TransactionJson } from './TransactionJson.js'

type CasperSdk = typeof import('casper-js-sdk')

/**
 * casper-js-sdk's classes. Its build is CommonJS marked `__esModule`: native Node ESM sees it as a
 * default export only (named imports are undefined), while CommonJS and bundlers see the named
 * exports directly. Taking `default` when present works in all of them.
 */
export const sdk: CasperSdk =
  (casperSdkModule as unknown as { default?: CasperSdk }).default ?? (casperSdkModule as unknown as CasperSdk)

/**
 * A casper-js-sdk `Deploy` from deploy JSON, without the hash and signature checks
 * `Deploy.fromJSON` insists on (it throws on a wrong hash, so a tampered deploy could not even be
 * examined). Shape-check the JSON with `parseDeployJson` first: the sdk's JSON layer logs and
 * continues on malformed input.
 *
 * The header's TTL and timestamp are read as casper-node reads them (humantime, via
 * `parseDuration` / `parseTimestamp`), not by the sdk: its TTL parser returns NaN for `1h30m` or
 * `2days` and throws for `1d`, and `new Date` reads a timestamp without `Z` as local time.
 *
 * Its args are checked first ({@link assertArgsBounded}): the sdk loops on a declared count and
 * drops every arg beside one of a CLType it does not know.
 *
 * @throws {DeployError} `InvalidDuration` / `InvalidTimestamp` when the node would refuse them too;
 * `InvalidDeployJson`, `InvalidClType`, `InvalidClValue` for args the sdk must not read.
 */
export function sdkDeployFromJson(json: DeployJson): Deploy {
  for (const [name, item] of [
    ['payment', json.payment],
    ['session', json.session],
  ] as const) {
    const [variant, body] = isObject(item) ? (Object.entries(item)[0] ?? []) : []
    assertArgsBounded(isObject(body) ? body.args : undefined, `${name}.${variant}.args`)
  }
  const ttl = parseDuration(json.header.ttl)
  const timestamp = new Date(parseTimestamp(json.header.timestamp))
  // Texts the sdk parses exactly; the real values are set on the parsed header below.
  const header = { ...json.header, ttl: '0ms', timestamp: timestamp.toISOString() }
  const validate = sdk.Deploy.prototype.validate
  sdk.Deploy.prototype.validate = () => true
  try {
    const deploy = sdk.Deploy.fromJSON({ ...json, header })
    deploy.header.ttl = new sdk.Duration(ttl)
    deploy.header.timestamp = new sdk.Timestamp(timestamp)
    return deploy
  } finally {
    sdk.Deploy.prototype.validate = validate
  }
}

/**
 * A casper-js-sdk `TransactionV1` from its JSON (the object inside `{ "Version1": … }`), without
 * the hash and signature checks `TransactionV1.fromJSON` runs, for the same reason as
 * {@link sdkDeployFromJson}. Named args are checked first, as there.
 */
export function sdkTransactionFromJson(json: TransactionJson['Version1']): TransactionV1 {
  const fields = (json as { payload?: { fields?: { args?: unknown } } }).payload?.fields
  if (isObject(fields?.args) && 'Named' in fields.args)
    assertArgsBounded(fields.args.Named, 'payload.fields.args.Named')
  const validate = sdk.TransactionV1.prototype.validate
  sdk.TransactionV1.prototype.validate = () => true
  try {
    return sdk.TransactionV1.fromJSON({ ...json, approvals: [] })
  } finally {
    sdk.TransactionV1.prototype.validate = validate
  }
}
