// Renews a deploy or TransactionV1 that expired, or would before its signatures are gathered: the
// same content with a new timestamp and TTL, so a new hash that every signer approves again.
import { formatDuration, parseDuration } from '../encoding/duration.js'
import type { StrictJson } from '../encoding/parseStrictJson.js'
import { CosignError } from '../errors/CosignError.js'
import { verifyApproval } from '../keys/verifyApproval.js'
import type { CosignFile } from './CosignFile.js'
import { type CosignNetwork, resolveCosignOptions } from './cosignNetwork.js'
import { checkHashes, deployHashes, transactionHash } from './hashes.js'
import { cosignFileFromJson } from './parseCosignFile.js'
import { invalidShape, type StrictJsonObject } from './readShape.js'
import { stringifyCosignFile } from './stringifyCosignFile.js'

/** Options of {@link renewFile}. */
export type RenewFileOptions = {
  /** The new timestamp. Default: now. */
  now?: Date | number | undefined
  /** The new TTL as casper-client takes it (`30m`, `2h`, `1h 30m`). Default: the old TTL, at most the network's `max_ttl`. */
  ttl?: string | undefined
  /** The network whose `max_ttl` bounds the TTL. Default `mainnet` (2 hours). */
  network?: CosignNetwork | undefined
}

/** What {@link renewFile} returns. */
export type RenewFileReturnType = {
  /** The renewed file, without approvals. */
  file: CosignFile
  /** The hash of the file renewed. */
  previousHash: string
  /** Signers (tagged public key hex) of the old file's valid approvals, in file order, each once: they must sign again. */
  mustSign: string[]
  /** The renewed file's JSON text, as casper-client writes it. */
  text: string
}

/** Last millisecond humantime writes as RFC 3339 (9999-12-31T23:59:59.999Z). */
const lastTimestamp = 253_402_300_799_999

/**
 * The same deploy or TransactionV1 with a new timestamp (`now`, written `2024-01-01T00:00:00.000Z`
 * as casper-client writes it) and TTL, its `header.body_hash` (deploys) and `hash` recomputed
 * (casper-types `deploy.rs` `hash_header`, `transaction_v1.rs` `hash`), and no approvals: every other
 * field (payment, session, args, chain name, gas price, dependencies, pricing mode, target,
 * scheduling) is kept as written. Approvals sign the hash, which covers the timestamp and TTL, so
 * the old approvals do not carry over; `mustSign` lists who gave a valid one.
 *
 * @throws {CosignError} `HashMismatch` when the file's content does not hash to its `hash` (it was
 *   changed after signing: renewing it would ask for approval of something no one approved);
 *   `InvalidTtl` when `ttl` is not a duration above zero; `TtlTooLong` when it is above the network's
 *   `max_ttl` (casper-node refuses such a file: `ExcessiveTimeToLive`); `InvalidShape` when `now` is
 *   not between 1970 and 9999.
 * @example
 * ```ts
 * const { file, previousHash, mustSign, text } = renewFile(parseCosignFile(expired), { ttl: '2h' })
 * console.log(`${previousHash} -> ${file.hash}; must sign again: ${mustSign.join(', ')}`)
 * writeFileSync('renewed.json', text)
 * ```
 */
export function renewFile(file: CosignFile, options: RenewFileOptions = {}): RenewFileReturnType {
  checkHashes(file)
  const { network, now } = resolveCosignOptions(options)
  if (!(now >= 0 && now <= lastTimestamp))
    throw invalidShape('now', 'a time from 1970 to 9999', String(options.now))
  const old = file.kind === 'deploy' ? file.header : file.payload
  const ttl =
    options.ttl === undefined ? Math.min(Number(old.ttl), network.maxTtlMs) : readTtl(options.ttl, network)
  if (ttl === 0) throw ttlError('InvalidTtl', options.ttl ?? '0s', network)
  const changed = { timestamp: BigInt(now), ttl: BigInt(ttl) }
  const hashes =
    file.kind === 'deploy'
      ? deployHashes({ ...file, header: { ...file.header, ...changed } })
      : { hash: transactionHash({ payload: { ...file.payload, ...changed } }) }
  const part = file.kind === 'deploy' ? 'header' : 'payload'
  const texts = {
    timestamp: new Date(now).toISOString(),
    ttl: formatDuration(ttl),
    ...('bodyHash' in hashes ? { body_hash: hashes.bodyHash } : {}),
  }
  const rewrite = (value: StrictJson): StrictJson => {
    const object = value as StrictJsonObject
    const keys = Object.keys(object)
    if (keys.length === 1 && ['transaction', 'deploy', 'Deploy', 'Version1'].includes(keys[0]!))
      return { [keys[0]!]: rewrite(object[keys[0]!]!) }
    return {
      ...object,
      hash: hashes.hash,
      [part]: { ...(object[part] as StrictJsonObject), ...texts },
      approvals: [],
    }
  }
  const renewed = cosignFileFromJson(rewrite(file.json))
  const mustSign = file.approvals.filter((a) => verifyApproval(file.hash, a).ok).map((a) => a.signer)
  return {
    file: renewed,
    previousHash: file.hash,
    mustSign: [...new Set(mustSign)],
    text: stringifyCosignFile(renewed),
  }
}

function readTtl(text: string, network: CosignNetwork): number {
  let ms: number
  try {
    ms = parseDuration(text)
  } catch (cause) {
    throw ttlError('InvalidTtl', text, network, cause)
  }
  if (ms > network.maxTtlMs) throw ttlError('TtlTooLong', text, network)
  return ms
}

function ttlError(
  code: 'InvalidTtl' | 'TtlTooLong',
  text: string,
  network: CosignNetwork,
  cause?: unknown,
): CosignError {
  const max = formatDuration(network.maxTtlMs)
  return new CosignError(
    code === 'TtlTooLong' ? 'The TTL is longer than the network allows' : 'Invalid TTL',
    {
      code,
      details: {
        field: 'ttl',
        expected: `a duration above zero and at most ${max} (chainspec max_ttl)`,
        got: JSON.stringify(text.slice(0, 60)),
      },
      remedy: `Give a TTL such as "30m" or "${max}": the node refuses a deploy or transaction living longer than ${max}.`,
      cause,
    },
  )
}
