// Builds a deploy whose session is Wasm module bytes, in the JSON form casper-client reads.
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { encodeU512 } from '../codec/u512.js'
import { formatDuration, parseDuration } from '../encoding/duration.js'
import { bytesToHex } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import { namedArgJson } from './clValueJson.js'
import type { DeployJson, NamedArgJson } from './DeployJson.js'
import { deployHashes } from './deployHashes.js'

/** The mainnet `[transactions] max_ttl` (2 hours); rules read `chainspec.maxTtlMs`. */
export const maxDeployTtl = casperMainnet.maxTtlMs

/**
 * A TTL in milliseconds from milliseconds or humantime text; default and maximum the chainspec's
 * `max_ttl` (2 hours on mainnet).
 *
 * @throws {DeployError} `TtlTooLong` above `max_ttl` (or not positive).
 */
export function checkedTtl(ttl: number | string | undefined, chainspec: Chainspec = casperMainnet): number {
  const max = chainspec.maxTtlMs
  const ms = typeof ttl === 'string' ? parseDuration(ttl) : (ttl ?? max)
  if (!Number.isSafeInteger(ms) || ms > max || ms <= 0) {
    throw new DeployError('TTL out of range', {
      code: 'TtlTooLong',
      details: {
        expected: `more than 0 and at most ${formatDuration(max)} (max_ttl)`,
        got: Number.isSafeInteger(ms) && ms >= 0 ? formatDuration(ms) : `${ms} ms`,
      },
      remedy: `The node refuses a deploy whose TTL exceeds ${formatDuration(max)}; co-signers must sign and send within the TTL.`,
    })
  }
  return ms
}

/**
 * A Wasm session's payment, checked against the chainspec's `baseline_motes_amount`: a 2.x node
 * refuses less at acceptance (casper-types `deploy.rs` / node `meta_transaction_v1.rs`
 * `is_config_compliant`: `InvalidPaymentAmount`); 1.5 has no floor (0).
 *
 * @throws {DeployError} `PaymentBelowBaseline` below the floor.
 */
export function checkedPayment(payment: bigint, chainspec: Chainspec = casperMainnet): bigint {
  const floor = chainspec.baselineMotesAmount
  if (payment < floor) {
    throw new DeployError('Payment below the minimum the network accepts', {
      code: 'PaymentBelowBaseline',
      details: { payment, minimum: floor, chainspec: chainspec.protocolVersion },
      remedy: `Pay at least ${floor} motes (core.baseline_motes_amount): casper-node ${chainspec.protocolVersion} refuses a smaller payment (InvalidPaymentAmount). paymentFor(gas) chooses the least payment that covers the gas.`,
    })
  }
  return payment
}

/** The last millisecond casper-node can read in a timestamp (humantime: end of year 9999). */
const maxTimestampMs = 253_402_300_799_999

/**
 * A header timestamp: the date given (default now), one casper-node can read.
 *
 * @throws {DeployError} `InvalidHeader` for an invalid date, or one outside 1970 to 9999.
 */
export function checkedTimestamp(timestamp: Date | number | undefined): Date {
  const date = new Date(timestamp ?? Date.now())
  const time = date.getTime()
  if (!(time >= 0 && time <= maxTimestampMs)) {
    throw new DeployError('Invalid timestamp', {
      code: 'InvalidHeader',
      details: {
        expected: 'a valid date from 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z',
        got: String(timestamp),
      },
      remedy: 'Pass a Date or milliseconds since the Unix epoch, or leave it out for now.',
    })
  }
  return date
}

/** The header fields a caller chooses. */
export type DeployHeaderParameters = {
  /**
   * Tagged public key hex of the account the deploy runs as: the account whose keys change. It
   * need not be one of the signers.
   */
  account: string
  /** e.g. `'casper'` (mainnet) or `'casper-test'`. */
  chainName: string
  /** Default: now. */
  timestamp?: Date | number | undefined
  /** Milliseconds or humantime text (`'30m'`); default and maximum the chainspec's `max_ttl` (2 hours). */
  ttl?: number | string | undefined
  /** Default 1. */
  gasPrice?: number | undefined
  /** Deploy hashes this one waits for (1.5 only, at most `max_dependencies`; 2.x accepts none). */
  dependencies?: readonly string[] | undefined
  /** The network whose limits apply; default `casperMainnet`. */
  chainspec?: Chainspec | undefined
}

/** Parameters of {@link buildModuleBytesDeploy}. */
export type BuildModuleBytesDeployParameters = DeployHeaderParameters & {
  wasm: Uint8Array
  args: readonly NamedArgJson[]
  /** Standard payment amount in motes. */
  payment: bigint
}

/**
 * A deploy with standard payment and a ModuleBytes session, hashed and unsigned.
 *
 * @throws {DeployError} `TtlTooLong` above 2 hours, `PaymentBelowBaseline` for a payment below the
 *   chainspec's `baseline_motes_amount` (2.5 CSPR on mainnet), `InvalidHeader` for a bad account
 *   key, gas price, dependencies or timestamp (invalid date, or outside 1970 to 9999, which the node
 *   cannot read); `InvalidDuration` for TTL text humantime refuses.
 * @example
 * ```ts
 * const deploy = buildModuleBytesDeploy({
 *   account: '01d9bf…900c',
 *   chainName: 'casper-test',
 *   wasm: twoPartyMultiSigWasm,
 *   args: [namedArgJson('deployment-account', 'ByteArray(32)', hash)],
 *   payment: 2_500_000_000n,
 * })
 * ```
 */
export function buildModuleBytesDeploy(parameters: BuildModuleBytesDeployParameters): DeployJson {
  const chainspec = parameters.chainspec ?? casperMainnet
  const ttl = checkedTtl(parameters.ttl, chainspec)
  const payment = checkedPayment(parameters.payment, chainspec)
  if (!/^(01[0-9a-f]{64}|02[0-9a-f]{66})$/i.test(parameters.account)) {
    throw new DeployError('Invalid account public key', {
      code: 'InvalidHeader',
      details: { expected: 'tagged public key hex (01 + 64 hex or 02 + 66 hex)', got: parameters.account },
      remedy: "The header account is a public key: the account's own key, as casper-client prints it.",
    })
  }
  const dependencies = [...(parameters.dependencies ?? [])]
  const maxDependencies = chainspec.maxDependencies
  if (dependencies.length > maxDependencies || dependencies.some((d) => !/^[0-9a-f]{64}$/i.test(d))) {
    throw new DeployError('Invalid dependencies', {
      code: 'InvalidHeader',
      details: {
        expected:
          maxDependencies === 0
            ? `no dependencies (casper-node ${chainspec.protocolVersion} refuses them)`
            : `at most ${maxDependencies} deploy hashes (deploys.max_dependencies)`,
        got: dependencies.join(', '),
      },
    })
  }
  const gasPrice = parameters.gasPrice ?? 1
  if (!Number.isInteger(gasPrice) || gasPrice < 1) {
    throw new DeployError('Invalid gas price', {
      code: 'InvalidHeader',
      details: { expected: 'an integer >= 1', got: gasPrice },
    })
  }
  const timestamp = checkedTimestamp(parameters.timestamp)
  const zero = '0'.repeat(64)
  const deploy: DeployJson = {
    hash: zero,
    header: {
      account: parameters.account.toLowerCase(),
      timestamp: timestamp.toISOString(),
      ttl: formatDuration(ttl),
      gas_price: gasPrice,
      body_hash: zero,
      dependencies,
      chain_name: parameters.chainName,
    },
    payment: {
      ModuleBytes: {
        module_bytes: '',
        args: [namedArgJson('amount', 'U512', encodeU512(payment))],
      },
    },
    session: { ModuleBytes: { module_bytes: bytesToHex(parameters.wasm), args: [...parameters.args] } },
    approvals: [],
  }
  const { bodyHash, hash } = deployHashes(deploy)
  deploy.header.body_hash = bodyHash
  deploy.hash = hash
  return deploy
}
