// The one place casper-js-sdk is imported: an adapter for callers who hold its objects, and the
// test oracle. Nothing here decides what is shown, hashed or checked; its defects are pinned by
// test/deploy/sdkDefects.test.ts.

import type { CLValue, Deploy, ExecutableDeployItem } from 'casper-js-sdk'
import * as casperSdkModule from 'casper-js-sdk'
import { parseDuration, parseTimestamp } from '../encoding/duration.js'
import { hexToBytes } from '../encoding/hex.js'
import { isObject } from '../encoding/isObject.js'
import { DeployError } from '../errors/DeployError.js'
import { assertArgsBounded } from './assertArgsBounded.js'
import type { DeployJson, ExecutableDeployItemJson, NamedArgJson } from './DeployJson.js'

type CasperSdk = typeof import('casper-js-sdk')

/**
 * casper-js-sdk's classes. Its build is CommonJS marked `__esModule`: native Node ESM sees it as a
 * default export only (named imports are undefined), while CommonJS and bundlers see the named
 * exports directly. Taking `default` when present works in all of them.
 */
export const sdk: CasperSdk =
  (casperSdkModule as unknown as { default?: CasperSdk }).default ?? (casperSdkModule as unknown as CasperSdk)

/**
 * A casper-js-sdk `Deploy` from deploy JSON, whatever its hash and approvals: built from its parts
 * (`DeployHeader`, `ExecutableDeployItem`, `Approval`, each arg through `CLValueParser.fromJSON`),
 * so a deploy whose hash no longer matches can still be handed to code that takes the sdk's object
 * (`Deploy.fromJSON` throws on a wrong hash). Shape-check the JSON with `parseDeployJson` first.
 * The sdk writes some values otherwise than casper-node (test/deploy/sdkDefects.test.ts): compare
 * `deploy.payment.bytes()` / `deploy.session.bytes()` with `executableItemBytes` before trusting
 * what it computes.
 *
 * The header's TTL and timestamp are read as casper-node reads them (humantime, via
 * `parseDuration` / `parseTimestamp`), not by the sdk: its TTL parser returns NaN for `1h30m` or
 * `2days` and throws for `1d`, and `new Date` reads a timestamp without `Z` as local time.
 *
 * Its args are checked first ({@link assertArgsBounded}): the sdk loops on a declared count.
 *
 * @throws {DeployError} `InvalidDuration` / `InvalidTimestamp` when the node would refuse them too;
 *   `InvalidDeployJson`, `InvalidClType`, `InvalidClValue` for args the sdk must not read;
 *   `UnserializableDeploy` for what the sdk cannot hold: two args of one name (its `Args` is a map)
 *   or a value it fails to read.
 * @example
 * ```ts
 * const deploy = sdkDeployFromJson(parseDeployJson(text))
 * deploy.session.bytes()
 * ```
 */
export function sdkDeployFromJson(json: DeployJson): Deploy {
  const payment = sdkItem(json.payment, 'payment')
  const session = sdkItem(json.session, 'session')
  const header = new sdk.DeployHeader(
    json.header.chain_name,
    json.header.dependencies.map((dependency) => sdk.Hash.fromHex(dependency)),
    json.header.gas_price,
    new sdk.Timestamp(new Date(parseTimestamp(json.header.timestamp))),
    new sdk.Duration(parseDuration(json.header.ttl)),
    sdk.PublicKey.fromHex(json.header.account),
    sdk.Hash.fromHex(json.header.body_hash),
  )
  const approvals = json.approvals.map(
    (approval) =>
      new sdk.Approval(sdk.PublicKey.fromHex(approval.signer), sdk.HexBytes.fromHex(approval.signature)),
  )
  return new sdk.Deploy(sdk.Hash.fromHex(json.hash), header, payment, session, approvals)
}

/** An `ExecutableDeployItem` from its JSON, variant by variant (casper-js-sdk `ExecutableDeployItem.ts`). */
function sdkItem(json: ExecutableDeployItemJson, name: string): ExecutableDeployItem {
  const [variant, body] = Object.entries(json)[0] ?? []
  const at = `${name}.${variant}.args`
  assertArgsBounded(isObject(body) ? body.args : undefined, at)
  const fields = body as Record<string, unknown> & { args: NamedArgJson[] }
  const args = sdkArgs(fields.args, at)
  const version = typeof fields.version === 'number' ? fields.version : undefined
  const item = new sdk.ExecutableDeployItem()
  if (variant === 'ModuleBytes')
    item.moduleBytes = new sdk.ModuleBytes(hexToBytes(String(fields.module_bytes)), args)
  else if (variant === 'StoredContractByHash')
    item.storedContractByHash = new sdk.StoredContractByHash(
      sdk.ContractHash.newContract(String(fields.hash)),
      String(fields.entry_point),
      args,
    )
  else if (variant === 'StoredContractByName')
    item.storedContractByName = new sdk.StoredContractByName(
      String(fields.name),
      String(fields.entry_point),
      args,
    )
  else if (variant === 'StoredVersionedContractByHash')
    item.storedVersionedContractByHash = new sdk.StoredVersionedContractByHash(
      sdk.ContractHash.newContract(String(fields.hash)),
      String(fields.entry_point),
      args,
      version,
    )
  else if (variant === 'StoredVersionedContractByName')
    item.storedVersionedContractByName = new sdk.StoredVersionedContractByName(
      String(fields.name),
      String(fields.entry_point),
      args,
      version,
    )
  else if (variant === 'Transfer') item.transfer = new sdk.TransferDeployItem(args)
  else
    throw new DeployError(`Invalid deploy JSON at ${name}`, {
      code: 'InvalidDeployJson',
      details: {
        field: name,
        expected: 'one of the six ExecutableDeployItem variants',
        got: String(variant),
      },
    })
  return item
}

/** casper-js-sdk `Args` (a map by name), each value read with `CLValueParser.fromJSON`. */
function sdkArgs(args: readonly NamedArgJson[], at: string) {
  const values = new Map<string, CLValue>()
  args.forEach(([name, value], i) => {
    const fail = (got: string, cause?: unknown) =>
      new DeployError('casper-js-sdk cannot hold this arg', {
        code: 'UnserializableDeploy',
        details: { field: `${at}[${i}]`, expected: 'an arg casper-js-sdk reads exactly', got },
        remedy: 'Use the JSON with casper-multisig itself (parseDeployJson, deployHashes, verifyDeploy).',
        cause,
      })
    if (values.has(name))
      throw fail(`a second arg named ${JSON.stringify(name)} (the sdk keeps one per name)`)
    try {
      values.set(name, sdk.CLValueParser.fromJSON(value))
    } catch (cause) {
      throw fail(cause instanceof Error ? cause.message : String(cause), cause)
    }
  })
  return new sdk.Args(values)
}
