// What buildTransfer, buildDelegate, buildUndelegate and buildRedelegate share: the checked header,
// the native TransactionV1 or the deploy built with the project's codec, its JSON in casper-node's
// field order, what it costs, and which keys must sign it.
import type { Account, AccountHashHex } from '../account/Account.js'
import { completingSets, missingKeys } from '../account/completingSets.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import { hashDeploy, hashTransaction } from '../codec/hashDeploy.js'
import type {
  ExecutableItem,
  NamedArg,
  TransactionEntryPoint,
  TransactionPayload,
  TransactionTarget,
} from '../codec/layouts.js'
import { encodeU512 } from '../codec/u512.js'
import { formatDuration } from '../encoding/duration.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { DeployError } from '../errors/DeployError.js'
import { checkedTimestamp, checkedTtl, type DeployHeaderParameters } from './buildModuleBytesDeploy.js'
import type { DeployJson, NamedArgJson } from './DeployJson.js'
import type { TransactionJson } from './TransactionJson.js'

/** The header and options every spending builder takes. */
export type SpendingParameters = Omit<DeployHeaderParameters, 'dependencies' | 'gasPrice'> & {
  /**
   * `'transaction'` (default): a TransactionV1 with a `Native` target, what casper-node 2.x runs in
   * its mint or auction lane. `'deploy'`: a deploy, which 2.x nodes still accept (and 1.5 nodes need).
   */
  kind?: 'transaction' | 'deploy' | undefined
  /**
   * The account's associated keys and thresholds (e.g. `getAccountConfig`): with it, the result says
   * which keys must sign.
   */
  accountKeys?: Account | undefined
}

/** Which keys must sign a spending file: the deployment threshold and the smallest sets of keys reaching it. */
export type SpendingSigners = {
  deploymentThreshold: number
  /** As `signingProgress`'s `neededSets` with no approval yet; `[]` when no set of keys reaches it. */
  neededSets: AccountHashHex[][]
}

/** What the spending builders return: the unsigned file, its text, what it pays and is charged. */
export type BuiltSpending = (
  | { kind: 'transaction'; transaction: TransactionJson; deploy?: undefined }
  | { kind: 'deploy'; deploy: DeployJson; transaction?: undefined }
) & {
  /** The hash every approval signs. */
  hash: string
  /** The file as casper-client writes it (2-space indentation, casper-node's field order), ending in a newline. */
  json: string
  /** The payment limit the file states. */
  paymentMotes: bigint
  /**
   * What the sender is charged when it runs: a native TransactionV1 its whole payment
   * (casper-node `contract_runtime/operations.rs`: the mint and auction lanes consume the gas
   * limit); a deploy transfer the mint's transfer cost (its gas limit whatever the payment says);
   * a deploy calling the auction the call's cost plus the part of the unused payment not refunded.
   */
  expectedChargeMotes: bigint
  /** With `accountKeys`: which keys must sign. */
  signers?: SpendingSigners | undefined
}

/** The native entry points the spending builders make, and the auction's deploy entry point for each. */
export type SpendingEntryPoint = 'Transfer' | 'Delegate' | 'Undelegate' | 'Redelegate'

/** A named arg of a known CLType, with the JSON `parsed` value casper-node writes for it. */
export type SpendingArg = NamedArg & { parsed?: unknown }

/**
 * Builds the file for a native call: a TransactionV1 (Native target, Standard scheduling,
 * PaymentLimited with `payment_amount` the chainspec's system cost, gas price tolerance 1, standard
 * payment) or, with `kind: 'deploy'`, a deploy (a Transfer session with standard payment of the
 * transfer cost, or a StoredContractByHash call of the auction with standard payment
 * max(baseline, cost)). Hashed with the codec (casper-types `TransactionV1::hash`, `Deploy::hash`).
 *
 * @throws {DeployError} `TtlTooLong`, `InvalidHeader`, `InvalidPublicKey`, `NoAuctionContract`.
 */
export function buildSpending(
  parameters: SpendingParameters,
  entryPoint: SpendingEntryPoint,
  args: readonly SpendingArg[],
): BuiltSpending {
  const chainspec = parameters.chainspec ?? casperMainnet
  const cost = systemCost(chainspec, entryPoint)
  if ((parameters.kind ?? 'transaction') === 'transaction')
    return writeSpendingFile(parameters, {
      kind: 'transaction',
      args,
      target: { TAG: 'Native', data: [] },
      targetJson: 'Native',
      entryPoint: { TAG: entryPoint, data: [] },
      entryPointJson: entryPoint,
      paymentMotes: cost,
      chargeMotes: cost,
    })
  // The node reads args by name; their order only changes the hash. A transaction's follow
  // casper-types `arg_handling.rs` `new_transfer_args` / `new_delegate_args`…; a deploy's,
  // casper-types `deploy.rs` `Deploy::new_transfer` and casper-js-sdk `makeAuctionManagerDeploy`.
  const rank = deployArgRank(entryPoint)
  const ordered = [...args].sort((a, b) => rank(a.name) - rank(b.name))
  const namedArgs = ordered.map(({ name, bytes, clType }) => ({ name, bytes, clType }))
  const argsJson = ordered.map(argJson)
  if (entryPoint === 'Transfer') {
    // casper-types `deploy.rs`: a transfer's gas limit is the mint's transfer cost, and it is exempt
    // from the baseline; paying exactly that cost is what it is charged.
    return writeSpendingFile(parameters, {
      kind: 'deploy',
      session: { TAG: 'Transfer', data: { args: namedArgs } },
      sessionJson: { Transfer: { args: argsJson } },
      paymentMotes: cost,
      chargeMotes: cost,
    })
  }
  const contract = chainspec.auctionContractHash
  if (!contract || !/^[0-9a-fA-F]{64}$/.test(contract)) {
    throw new DeployError('No auction contract hash for this network', {
      code: 'NoAuctionContract',
      details: { chainName: parameters.chainName, chainspec: chainspec.protocolVersion },
      remedy:
        'A deploy calls the auction by its contract hash, which chainspec.toml does not hold: set chainspec.auctionContractHash, or build a TransactionV1 (the default), which needs none.',
    })
  }
  // A deploy calling a stored contract is not exempt from the baseline (casper-types `deploy.rs`
  // `is_config_compliant`); the auction charges its system cost as gas.
  // biome-ignore lint/complexity/useMathMinMax: bigints (Math.max takes numbers)
  const payment = cost > chainspec.baselineMotesAmount ? cost : chainspec.baselineMotesAmount
  const name = entryPoint.toLowerCase()
  return writeSpendingFile(parameters, {
    kind: 'deploy',
    session: {
      TAG: 'StoredContractByHash',
      data: { hash: hexToBytes(contract), entry_point: name, args: namedArgs },
    },
    sessionJson: {
      StoredContractByHash: { hash: contract.toLowerCase(), entry_point: name, args: argsJson },
    },
    paymentMotes: payment,
    chargeMotes: cost + unrefunded(payment - cost, chainspec),
  })
}

/**
 * What a spending file calls: a TransactionV1's target, entry point and args (their JSON
 * alongside), or a deploy's session; with the payment it states and what it is expected to be charged.
 */
export type SpendingCall =
  | {
      kind: 'transaction'
      args: readonly SpendingArg[]
      target: TransactionTarget
      /** The target as casper-node's JSON writes it. */
      targetJson: unknown
      entryPoint: TransactionEntryPoint
      entryPointJson: unknown
      paymentMotes: bigint
      chargeMotes: bigint
    }
  | {
      kind: 'deploy'
      session: ExecutableItem
      sessionJson: DeployJson['session']
      paymentMotes: bigint
      chargeMotes: bigint
    }

/**
 * The unsigned file of a spending call, for every builder: the header checked (TTL within the
 * chainspec's `max_ttl`, timestamp, account key), the TransactionV1 (PaymentLimited with the call's
 * payment, gas price tolerance 1, standard payment; Standard scheduling) or the deploy (standard
 * payment of the call's payment, gas price 1) hashed with the codec (casper-types
 * `TransactionV1::hash`, `Deploy::hash`), its JSON in casper-node's field order, and with
 * `accountKeys` which keys must sign.
 *
 * @throws {DeployError} `TtlTooLong`, `InvalidHeader`, `InvalidPublicKey`.
 * @example
 * ```ts
 * const built = writeSpendingFile(parameters, { kind: 'deploy', session, sessionJson, paymentMotes, chargeMotes })
 * ```
 */
export function writeSpendingFile(parameters: SpendingParameters, call: SpendingCall): BuiltSpending {
  const chainspec = parameters.chainspec ?? casperMainnet
  const ttl = checkedTtl(parameters.ttl, chainspec)
  const timestamp = checkedTimestamp(parameters.timestamp)
  const account = checkedPublicKey(parameters.account, 'account')
  const signers = parameters.accountKeys && signersOf(parameters.accountKeys)
  if (call.kind === 'transaction') {
    const payload: TransactionPayload = {
      initiator: { TAG: 'PublicKey', data: [account] },
      timestamp: BigInt(timestamp.getTime()),
      ttl: BigInt(ttl),
      chainName: parameters.chainName,
      pricingMode: { TAG: 'PaymentLimited', data: [call.paymentMotes, 1, true] },
      fields: {
        args: call.args.map(({ name, bytes, clType }) => ({ name, bytes, clType })),
        target: call.target,
        entryPoint: call.entryPoint,
        scheduling: { TAG: 'Standard', data: [] },
      },
    }
    const hash = hashTransaction(payload)
    // casper-types `TransactionV1` / `TransactionV1Payload` serde field order.
    const transaction: TransactionJson = {
      Version1: {
        hash,
        payload: {
          initiator_addr: { PublicKey: account },
          timestamp: timestamp.toISOString(),
          ttl: formatDuration(ttl),
          chain_name: parameters.chainName,
          pricing_mode: {
            PaymentLimited: {
              payment_amount: Number(call.paymentMotes),
              gas_price_tolerance: 1,
              standard_payment: true,
            },
          },
          fields: {
            args: { Named: call.args.map(argJson) },
            entry_point: call.entryPointJson,
            scheduling: 'Standard',
            target: call.targetJson,
          },
        },
        approvals: [],
      },
    }
    return {
      kind: 'transaction',
      transaction,
      hash,
      json: `${JSON.stringify(transaction, null, 2)}\n`,
      paymentMotes: call.paymentMotes,
      expectedChargeMotes: call.chargeMotes,
      signers,
    }
  }
  const amount: SpendingArg = { name: 'amount', clType: 'U512', bytes: encodeU512(call.paymentMotes) }
  const { bodyHash, hash } = hashDeploy({
    header: {
      account,
      timestamp: BigInt(timestamp.getTime()),
      ttl: BigInt(ttl),
      gas_price: 1n,
      body_hash: new Uint8Array(32),
      dependencies: [],
      chain_name: parameters.chainName,
    },
    payment: { TAG: 'ModuleBytes', data: { module_bytes: new Uint8Array(), args: [amount] } },
    session: call.session,
  })
  // casper-types `deploy.rs` / `deploy_header.rs` serde field order, as casper-client writes it.
  const deploy: DeployJson = {
    hash,
    header: {
      account,
      timestamp: timestamp.toISOString(),
      ttl: formatDuration(ttl),
      gas_price: 1,
      body_hash: bodyHash,
      dependencies: [],
      chain_name: parameters.chainName,
    },
    payment: { ModuleBytes: { module_bytes: '', args: [argJson(amount)] } },
    session: call.sessionJson,
    approvals: [],
  }
  return {
    kind: 'deploy',
    deploy,
    hash,
    json: `${JSON.stringify(deploy, null, 2)}\n`,
    paymentMotes: call.paymentMotes,
    expectedChargeMotes: call.chargeMotes,
    signers,
  }
}

/** The order of a deploy's args: a transfer's, then an auction call's. */
const deployArgOrder = {
  transfer: ['amount', 'source', 'target', 'id'],
  auction: ['validator', 'delegator', 'amount', 'new_validator'],
}

function deployArgRank(entryPoint: SpendingEntryPoint): (name: string) => number {
  const order = deployArgOrder[entryPoint === 'Transfer' ? 'transfer' : 'auction']
  return (name) => order.indexOf(name)
}

/** The chainspec's `[system_costs]` entry of a native call. */
function systemCost(chainspec: Chainspec, entryPoint: SpendingEntryPoint): bigint {
  const costs = chainspec.systemCosts
  switch (entryPoint) {
    case 'Transfer':
      return costs.transfer
    case 'Delegate':
      return costs.delegate
    case 'Undelegate':
      return costs.undelegate
    case 'Redelegate':
      return costs.redelegate
  }
}

/**
 * The part of an unused payment the sender is not given back (`[core] refund_handling`).
 *
 * @example
 * ```ts
 * unrefunded(1_000n, casperMainnet) // 250n: mainnet refunds 75%
 * ```
 */
export function unrefunded(unused: bigint, chainspec: Chainspec): bigint {
  const refund = chainspec.refundHandling
  if (refund.type === 'no_refund') return unused
  const [numerator, denominator] = refund.ratio
  return unused - (unused * BigInt(numerator)) / BigInt(denominator)
}

function signersOf(account: Account): SpendingSigners {
  const needed = account.actionThresholds.deployment
  return {
    deploymentThreshold: needed,
    neededSets: completingSets(account, [], missingKeys(account, []), needed),
  }
}

/**
 * The JSON of an arg, `parsed` as casper-node writes it (left out where a JSON number would round).
 *
 * @example
 * ```ts
 * argJson({ name: 'km', clType: 'U8', bytes: Uint8Array.of(2) }) // ['km', { cl_type: 'U8', bytes: '02' }]
 * ```
 */
export function argJson(arg: SpendingArg): NamedArgJson {
  const value: NamedArgJson[1] = { cl_type: arg.clType, bytes: bytesToHex(arg.bytes) }
  if (arg.parsed !== undefined) value.parsed = arg.parsed
  return [arg.name, value]
}

/**
 * A tagged public key hex, checked in form (`01` + 32 bytes ed25519, `02` + a 33-byte compressed
 * secp256k1 point starting 02 or 03) and lowercase. The curve point itself is checked where keys
 * are read from files (`parsePublicKey`).
 *
 * @throws {DeployError} `InvalidPublicKey`, `details.field` naming the parameter.
 */
export function checkedPublicKey(key: string, field: string): string {
  const text = typeof key === 'string' ? key.trim() : ''
  if (/^(01[0-9a-fA-F]{64}|020[23][0-9a-fA-F]{64})$/.test(text)) return text.toLowerCase()
  throw new DeployError(`Invalid ${field} public key`, {
    code: 'InvalidPublicKey',
    details: {
      field,
      expected: 'tagged public key hex (01 + 64 hex digits, or 02 + 66 hex digits starting 02 or 03)',
      got: String(key),
    },
    remedy:
      'Give the key as casper-client prints it (public_key_hex), or read it from the public_key.pem file.',
  })
}

/** A PublicKey arg. */
export function publicKeyArg(name: string, publicKeyHex: string): SpendingArg {
  return { name, clType: 'PublicKey', bytes: hexToBytes(publicKeyHex), parsed: publicKeyHex }
}

/** The largest U512. */
const maxU512 = (1n << 512n) - 1n

/**
 * A U512 amount arg, at least `minimum`.
 *
 * @throws {DeployError} `InvalidAmount` when not an integer in U512's range, `AmountBelowMinimum`
 *   below `minimum` (`details.minimum` names the chainspec field).
 */
export function amountArg(
  amount: bigint,
  minimum: { motes: bigint; field: string; what: string },
): SpendingArg {
  if (typeof amount !== 'bigint' || amount < 0n || amount > maxU512) {
    throw new DeployError('Invalid amount', {
      code: 'InvalidAmount',
      details: { expected: 'motes as a bigint from 0 to 2^512 - 1', got: String(amount) },
    })
  }
  if (amount < minimum.motes) {
    throw new DeployError(`The ${minimum.what} amount is below the network's minimum`, {
      code: 'AmountBelowMinimum',
      details: { amount, minimum: minimum.motes, field: minimum.field },
      remedy: `The node refuses a ${minimum.what} of less than ${minimum.motes} motes (${minimum.field}).`,
    })
  }
  const bytes = encodeU512(amount)
  return { name: 'amount', clType: 'U512', bytes, parsed: amount.toString() }
}
