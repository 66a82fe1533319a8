// The one place casper-js-sdk is imported, and the thin layer over its defects (each pinned by a
// test in test/deploy/sdkDefects.test.ts).
import casperSdk, { type Deploy } from 'casper-js-sdk'
import type { DeployJson } from './DeployJson.js'

/**
 * casper-js-sdk's classes, from its default export: its CommonJS build through a default import
 * works in native Node ESM (where its named exports are undefined), CommonJS and bundlers alike.
 */
export const sdk: typeof casperSdk = casperSdk

/**
 * A casper-js-sdk `Deploy` from deploy JSON, without the hash and signature checks
 * `Deploy.fromJSON` insists on (it throws on a wrong hash, so a tampered deploy could not even be
 * examined). Shape-check the JSON with `parseDeployJson` first: the sdk's JSON layer logs and
 * continues on malformed input.
 */
export function sdkDeployFromJson(json: DeployJson): Deploy {
  const validate = sdk.Deploy.prototype.validate
  sdk.Deploy.prototype.validate = () => true
  try {
    return sdk.Deploy.fromJSON(json)
  } finally {
    sdk.Deploy.prototype.validate = validate
  }
}
