// casper-node's acceptance rules for deploys and TransactionV1, written once: an ordered table
// that preflight runs in full and the devnet's acceptor runs to the first refusal.
//
// Read (search index and the fetched casper-node snapshot):
// - 1.5: casper-node v1.5.8 `node/src/types/deploy.rs` (`is_config_compliant`, `validate_deploy`),
//   `node/src/components/deploy_acceptor.rs` (expiry, account, authorization, balance >= MAX_PAYMENT,
//   payment and session checks, then cryptography), `types/src/deploy/error.rs` texts.
// - 2.x: casper-node `node/src/components/transaction_acceptor.rs` (same stages; balance against
//   `baseline_motes_amount`), `node/src/types/transaction/meta_transaction/meta_deploy.rs` and
//   `meta_transaction_v1.rs` (`from_transaction_v1`, `is_config_compliant`, `is_header_metadata_valid`,
//   `is_body_metadata_valid`, `verify`), `meta_transaction/lane_id.rs` (`calculate_transaction_lane`),
//   casper-types `transaction/deploy.rs` (feat-2.0 `is_config_compliant`, `gas_price_tolerance`:
//   a gas price above 255 is `UnableToCalculateGasLimit`), `deploy/deploy_header.rs` (`is_valid`:
//   dependencies, TTL, future timestamp), `chainspec/transaction_config/transaction_v1_config.rs`
//   (lane order), and casper-binary-port `error_code.rs` (the texts the sidecar passes on).
import { match } from 'ts-pattern'
import type { Account } from '../account/Account.js'
import { authorizationWeight, canAuthorize } from '../account/accountRules.js'
import { formatDuration } from '../encoding/duration.js'
import {
  type AcceptanceLimits,
  isProtocol15,
  minimumBalance,
  wasmLaneBySize,
  wasmLaneFor,
} from './AcceptanceLimits.js'
import type { Submission } from './decodeSubmission.js'
import { type NativeArgsVariant, nativeArgsFailure } from './nativeArgsFailure.js'

/** Stable codes of the node's acceptance rules (each refusal the node can answer with). */
export type AcceptanceCode =
  /**
   * 2.x deploy: `gas_price` above 255 (`UnableToCalculateGasLimit`). Not covered by
   * test/conformance: no casper-node test sends a gas price above 255.
   */
  | 'InvalidGasPrice'
  /**
   * No standard payment `amount` arg (`MissingPaymentAmount`): at the lane calculation for a Wasm
   * session, and on 2.x in the acceptor for native transfers too (`deploy_payment_is_valid`).
   */
  | 'MissingPaymentAmount'
  /** A payment `amount` that is not a U512 (`FailedToParsePaymentAmount`). */
  | 'InvalidPaymentAmount'
  /**
   * 2.x: a payment below `[core] baseline_motes_amount` (or zero) for a deploy that is not a native
   * transfer, or a TransactionV1 `PaymentLimited` outside the mint and auction lanes
   * (`InvalidDeploy::InvalidPaymentAmount` / `InvalidTransactionV1::InvalidPaymentAmount`).
   */
  | 'PaymentBelowBaseline'
  /** 2.x: no Wasm lane fits the gas limit, size and args (`NoLaneMatch`). */
  | 'NoLaneMatch'
  /**
   * 2.x TransactionV1: session Wasm with an entry point other than `Call` (`EntryPointMustBeCall`).
   * Not covered by test/conformance: no casper-node test sends one.
   */
  | 'EntryPointMustBeCall'
  /** Serialized size above the limit (1.5 `max_deploy_size`, 2.x the lane's length) (`ExcessiveSize`). */
  | 'DeployTooLarge'
  /** Chain name is not the network's (`InvalidChainName`). */
  | 'WrongChain'
  /** 2.x TransactionV1: a pricing mode the chainspec's `pricing_handling` does not take (`InvalidPricingMode`). */
  | 'PricingModeNotAllowed'
  /** 2.x: gas price (tolerance) below `[vacancy] min_gas_price` (`GasPriceToleranceTooLow`). */
  | 'GasPriceTooLow'
  /** 2.x deploy with dependencies (`DependenciesNoLongerSupported`). */
  | 'DependenciesNotAllowed'
  /**
   * 1.5: more than `max_dependencies` (`ExcessiveDependencies`). Not covered by test/conformance:
   * it transcribes the 2.x tests.
   */
  | 'TooManyDependencies'
  /** TTL above `max_ttl` (`ExcessiveTimeToLive`). */
  | 'TtlTooLong'
  /** Timestamp later than the node's time plus its leeway (`TimestampInFuture`). */
  | 'FutureTimestamp'
  /** More approvals than `max_associated_keys` (`ExcessiveApprovals`). */
  | 'TooManyApprovals'
  /** Gas limit (payment amount) above `block_gas_limit` (`ExceededBlockGasLimit`). */
  | 'ExceededBlockGasLimit'
  /**
   * Payment args longer than `payment_args_max_length` (`ExcessivePaymentArgsLength`). Not covered
   * by test/conformance: casper-node 2.0.0 tests only the payment + session sum a lane takes.
   */
  | 'PaymentArgsTooLong'
  /**
   * Session args longer than `session_args_max_length` / the lane's args limit
   * (`ExcessiveSessionArgsLength`). Not covered by test/conformance: casper-node 2.0.0 has no test of
   * its own (the V1 args limit is covered through `NoLaneMatch`).
   */
  | 'SessionArgsTooLong'
  /** A Transfer session with no `amount` (`MissingTransferAmount`). */
  | 'MissingTransferAmount'
  /** A Transfer `amount` that is not a U512 (`FailedToParseTransferAmount`). */
  | 'InvalidTransferAmount'
  /** A Transfer `amount` below `native_transfer_minimum_motes` (`InsufficientTransferAmount`). */
  | 'TransferAmountTooLow'
  /**
   * 2.x TransactionV1, Native target: an arg its entry point requires is missing
   * (`arg_handling.rs`, `InvalidTransactionV1::MissingArg`).
   */
  | 'MissingArg'
  /** 2.x Native TransactionV1: an arg of another CLType than the entry point reads (`UnexpectedArgType`). */
  | 'UnexpectedArgType'
  /** 2.x Native TransactionV1: an arg whose bytes are not one value of its CLType (`InvalidArg`). */
  | 'InvalidArg'
  /**
   * 2.x Native `Burn` of nothing (`InsufficientBurnAmount`). Not covered by test/conformance:
   * arg_handling.rs has no burn test.
   */
  | 'BurnAmountTooLow'
  /** 2.x Native `AddBid` with a zero `amount` (`InsufficientAmount`). */
  | 'AmountTooLow'
  /** 2.x Native `AddBid`: `minimum_delegation_amount` below the chainspec's (`InvalidMinimumDelegationAmount`). */
  | 'MinimumDelegationAmountTooLow'
  /** 2.x Native `AddBid`: `maximum_delegation_amount` above the chainspec's (`InvalidMaximumDelegationAmount`). */
  | 'MaximumDelegationAmountTooHigh'
  /**
   * 2.x Native `AddBid` / `AddReservations`: more reserved slots than `max_delegators_per_validator`
   * (`InvalidReservedSlots`).
   */
  | 'TooManyReservedSlots'
  /** 2.x Native `Delegate` / `Redelegate` above `maximum_delegation_amount` (`InvalidDelegationAmount`). */
  | 'DelegationAmountTooHigh'
  /** Session module bytes are empty (`MissingModuleBytes` / `EmptyModuleBytes`). */
  | 'EmptyModuleBytes'
  /** `timestamp + ttl < now` (`Expired`). */
  | 'Expired'
  /** The initiator has no account (`NoSuchAccount` / `NoSuchAddressableEntity`). */
  | 'NoSuchAccount'
  /** 1.5: a signer that is not an associated key; 2.x: no signer is (`InvalidAssociatedKeys`). */
  | 'UnassociatedSigner'
  /** Signers' weight below the deployment threshold (`InsufficientSignatureWeight`). */
  | 'BelowDeploymentThreshold'
  /** Main purse below 1.5 `MAX_PAYMENT` / 2.x `baseline_motes_amount` (`InsufficientBalance`). */
  | 'InsufficientBalance'
  /** A deploy whose payment is a Transfer (`InvalidPaymentVariant`). */
  | 'InvalidPaymentVariant'
  /** A Transfer session with no `target` (`MissingTransferTarget`). */
  | 'MissingTransferTarget'
  /** No approvals (`EmptyApprovals`). */
  | 'NoApprovals'
  /** The body hash is not that of payment and session (`InvalidBodyHash`). */
  | 'BodyHashMismatch'
  /** The hash is not that of the header / payload (`InvalidDeployHash` / `InvalidTransactionHash`). */
  | 'HashMismatch'
  /** An approval whose signature does not verify (`InvalidApproval`). */
  | 'InvalidApproval'

/** The stage of the node's acceptor a rule belongs to (the 1.5 texts of the account stage name the block). */
export type AcceptanceStage = 'configuration' | 'expiry' | 'account' | 'cryptography'

/** What a rule found: a message with the values involved (the 1.5 node text where there is one). */
export type AcceptanceViolation = {
  code: AcceptanceCode
  stage: AcceptanceStage
  message: string
  details?: Record<string, unknown> | undefined
}

/** What the rules read beside the submission. */
export type AcceptanceContext = {
  limits: AcceptanceLimits
  /** The node's time, milliseconds since the epoch. */
  now: number
  /** The acceptor's `timestamp_leeway` (node config, default 2 s; the chainspec caps it). */
  timestampLeewayMs: number
  /** The initiator's account as the node holds it; `null`: there is none; `undefined`: not known (account rules skipped). */
  account?: Account | null | undefined
  /** The main purse's available balance in motes; `undefined`: not known (the balance rule is skipped). */
  balance?: bigint | undefined
}

/** One rule of the table. */
export type AcceptanceRule = {
  code: AcceptanceCode
  stage: AcceptanceStage
  /** Every violation found (most rules find at most one; `InvalidApproval` one per bad approval). */
  check: (submission: Submission, context: AcceptanceContext) => AcceptanceViolation[]
}

const rule = (
  code: AcceptanceCode,
  stage: AcceptanceStage,
  check: (s: Submission, c: AcceptanceContext) => string | [string, Record<string, unknown>] | undefined,
): AcceptanceRule => ({
  code,
  stage,
  check: (s, c) => {
    const found = check(s, c)
    if (found === undefined) return []
    const [message, details] = typeof found === 'string' ? [found, undefined] : found
    return [{ code, stage, message, details }]
  },
})

const iso = (ms: number) => new Date(ms).toISOString()
const isTransfer = (s: Submission) => s.session === 'transfer' || s.session === 'transferWithoutTarget'

/**
 * The lane a 2.x submission lands in (casper-node `meta_deploy.rs`, `lane_id.rs`): transfers in
 * the mint lane, other native calls in the auction lane, install/upgrade in its lane, other Wasm in the first Wasm lane that fits;
 * `undefined` when none fits.
 *
 * @example
 * ```ts
 * laneOf(decodeSubmission({ transaction }), casperMainnet)?.id // 5
 * ```
 */
export function laneOf(s: Submission, limits: AcceptanceLimits) {
  if (isTransfer(s)) return limits.lanes.find((lane) => lane.kind === 'mint')
  if (s.session === 'native') {
    // lane_id.rs: native Transfer and Burn in the mint lane, the auction's entry points in its lane.
    const kind = s.entryPoint === 'Transfer' || s.entryPoint === 'Burn' ? 'mint' : 'auction'
    return limits.lanes.find((lane) => lane.kind === kind)
  }
  if (s.installUpgrade) return limits.lanes.find((lane) => lane.kind === 'installUpgrade')
  // A deploy's lane is chosen by payment amount, size and payment + session args.
  const argsLength = s.kind === 'deploy' ? s.paymentArgsLength + s.sessionArgsLength : s.sessionArgsLength
  if (s.payment === 'fixed') return wasmLaneBySize(limits, s.size, s.additionalComputationFactor, argsLength)
  if (typeof s.paymentAmount !== 'bigint' || s.paymentAmount >= 2n ** 64n) return undefined
  return wasmLaneFor(limits, s.paymentAmount, s.size, argsLength)
}

/** The gas limit the node derives (payment-limited: the payment amount; fixed: the lane's limit). */
function gasLimitOf(s: Submission, limits: AcceptanceLimits): bigint | undefined {
  if (typeof s.paymentAmount === 'bigint' && s.payment !== 'fixed') return s.paymentAmount
  return s.payment === 'fixed' ? laneOf(s, limits)?.maxGasLimit : undefined
}

/**
 * The node's one answer for a Native TransactionV1's args (`arg_handling.rs`, first refusal
 * only), reported by the rule of its variant: at most one of these rules fires, in the node's place.
 */
function nativeArgs(
  s: Submission,
  c: AcceptanceContext,
  variant: NativeArgsVariant,
): [string, Record<string, unknown>] | undefined {
  if (s.nativeArgs === undefined) return undefined
  const failure = nativeArgsFailure(s.entryPoint, s.nativeArgs, c.limits)
  if (failure?.variant !== variant) return undefined
  return [failure.message, { ...failure.details, nodeError: `InvalidTransactionV1::${failure.variant}` }]
}

/**
 * The `[system_costs]` a Native entry point's payment must reach (meta_transaction_v1.rs
 * `is_config_compliant`), with its chainspec name; `undefined` for `Call` / `Custom`.
 */
function nativeSystemCost(entryPoint: string, limits: AcceptanceLimits): [bigint, string] | undefined {
  const costs = limits.systemCosts
  const table: Record<string, [bigint, string]> = {
    Transfer: [costs.transfer, 'mint_costs.transfer'],
    Burn: [costs.burn, 'mint_costs.burn'],
    AddBid: [costs.addBid, 'auction_costs.add_bid'],
    ActivateBid: [costs.addBid, 'auction_costs.add_bid'],
    WithdrawBid: [costs.withdrawBid, 'auction_costs.withdraw_bid'],
    Delegate: [costs.delegate, 'auction_costs.delegate'],
    Undelegate: [costs.undelegate, 'auction_costs.undelegate'],
    Redelegate: [costs.redelegate, 'auction_costs.redelegate'],
    ChangeBidPublicKey: [costs.changeBidPublicKey, 'auction_costs.change_bid_public_key'],
    AddReservations: [costs.addReservations, 'auction_costs.add_reservations'],
    CancelReservations: [costs.cancelReservations, 'auction_costs.cancel_reservations'],
  }
  return table[entryPoint]
}

/** Every rule, by code. */
export const acceptanceRuleTable: Readonly<Record<AcceptanceCode, AcceptanceRule>> = {
  InvalidGasPrice: rule('InvalidGasPrice', 'configuration', (s) =>
    s.kind === 'deploy' && s.gasPrice > 255
      ? [
          `gas price ${s.gasPrice} does not fit the u8 gas price tolerance (at most 255)`,
          { gasPrice: s.gasPrice },
        ]
      : undefined,
  ),
  MissingPaymentAmount: rule('MissingPaymentAmount', 'configuration', (s) =>
    s.kind === 'deploy' && !isTransfer(s) && s.paymentAmount === 'missing'
      ? // The trailing space is in the node's text.
        "invalid deploy: missing payment 'amount' runtime argument "
      : undefined,
  ),
  InvalidPaymentAmount: rule('InvalidPaymentAmount', 'configuration', (s) =>
    s.kind === 'deploy' && !isTransfer(s) && s.paymentAmount === 'unparsable'
      ? "invalid deploy: failed to parse payment 'amount' as U512"
      : undefined,
  ),
  // casper-types 2.0.0 `transaction/deploy.rs` `is_config_compliant`: a zero gas limit, then (last,
  // in the branch for sessions that are not transfers) `payment_amount < baseline_motes_amount`;
  // node `meta_transaction_v1.rs` `is_config_compliant`: `payment_amount == 0`, then, under
  // `pricing_handling = payment_limited` and outside the native mint and auction lanes (which
  // compare with their own system costs), `payment_amount < baseline_motes_amount`. Node tests:
  // transaction_acceptor/tests.rs `should_reject_deploy_with_insufficient_payment`,
  // `should_reject_transaction_v1_with_insufficient_payment`. Display text of both errors:
  // "invalid payment amount" (deploy/error.rs, transaction_v1/errors_v1.rs).
  // The mint and auction lanes (same function): under `payment_limited`, a Native TransactionV1's
  // `payment_amount` below its entry point's `[system_costs]` (mint `transfer` / `burn`; auction
  // `add_bid` for AddBid and ActivateBid, `withdraw_bid`, `delegate`, `undelegate`, `redelegate`,
  // `change_bid_public_key`, `add_reservations`, `cancel_reservations`) is also
  // InvalidTransactionV1::InvalidPaymentAmount.
  PaymentBelowBaseline: rule('PaymentBelowBaseline', 'configuration', (s, c) => {
    if (isProtocol15(c.limits) || typeof s.paymentAmount !== 'bigint') return undefined
    let floor = c.limits.baselineMotesAmount
    let floorName = 'baseline_motes_amount'
    if (s.kind === 'deploy') {
      if (isTransfer(s)) return undefined
    } else {
      if (s.payment !== 'standard' && s.payment !== 'custom') return undefined
      const limited = c.limits.pricingHandling.type === 'payment_limited'
      const cost = s.session === 'native' ? nativeSystemCost(s.entryPoint, c.limits) : undefined
      if (cost !== undefined) [floor, floorName] = cost
      if (s.paymentAmount !== 0n && (!limited || (s.session === 'native' && cost === undefined)))
        return undefined
    }
    if (s.paymentAmount !== 0n && s.paymentAmount >= floor) return undefined
    const name = s.kind === 'deploy' ? 'InvalidDeploy' : 'InvalidTransactionV1'
    return [
      `invalid payment amount: the payment of ${s.paymentAmount} motes is below the network's ${floorName} of ${floor} (${name}::InvalidPaymentAmount)`,
      {
        paymentAmount: s.paymentAmount,
        ...(floorName === 'baseline_motes_amount' ? { baselineMotesAmount: floor } : { systemCost: floor }),
        nodeError: `${name}::InvalidPaymentAmount`,
      },
    ]
  }),
  NoLaneMatch: rule('NoLaneMatch', 'configuration', (s, c) => {
    if (s.kind === 'deploy' && (isTransfer(s) || typeof s.paymentAmount !== 'bigint')) return undefined
    if (s.kind === 'transaction' && (s.session === 'native' || s.payment === 'prepaid')) return undefined
    if (laneOf(s, c.limits)) return undefined
    return [
      `no lane of the chainspec takes a gas limit of ${String(s.paymentAmount)}, ${s.size} bytes and ${s.sessionArgsLength + s.paymentArgsLength} bytes of args`,
      { gasLimit: s.paymentAmount, size: s.size, argsLength: s.sessionArgsLength + s.paymentArgsLength },
    ]
  }),
  EntryPointMustBeCall: rule('EntryPointMustBeCall', 'configuration', (s) =>
    s.kind === 'transaction' && s.wasm !== undefined && s.runtime === 'VmCasperV1' && s.entryPoint !== 'Call'
      ? [
          `session Wasm must be called through the entry point Call, got ${s.entryPoint}`,
          { entryPoint: s.entryPoint },
        ]
      : undefined,
  ),
  DeployTooLarge: rule('DeployTooLarge', 'configuration', (s, c) => {
    const limit = isProtocol15(c.limits)
      ? c.limits.maxTransactionLength
      : laneOf(s, c.limits)?.maxTransactionLength
    if (limit === undefined || s.size <= limit) return undefined
    return [
      `invalid deploy: deploy size too large: deploy size of ${s.size} bytes exceeds limit of ${limit}`,
      { size: s.size, limit },
    ]
  }),
  WrongChain: rule('WrongChain', 'configuration', (s, c) =>
    s.chainName === c.limits.chainName
      ? undefined
      : [
          `invalid deploy: invalid chain name: expected ${c.limits.chainName}, got ${s.chainName}`,
          { expected: c.limits.chainName, got: s.chainName },
        ],
  ),
  PricingModeNotAllowed: rule('PricingModeNotAllowed', 'configuration', (s, c) => {
    if (s.kind !== 'transaction') return undefined
    const mode = s.payment === 'fixed' ? 'fixed' : s.payment === 'prepaid' ? 'prepaid' : 'payment_limited'
    if (mode !== 'prepaid' && mode === c.limits.pricingHandling.type) return undefined
    return [
      `the pricing mode ${mode} is not the network's pricing_handling ${c.limits.pricingHandling.type}`,
      { mode, pricingHandling: c.limits.pricingHandling.type },
    ]
  }),
  GasPriceTooLow: rule('GasPriceTooLow', 'configuration', (s, c) =>
    s.gasPrice < c.limits.gasPrice.min
      ? [
          `gas price tolerance ${s.gasPrice} is below the network's min_gas_price ${c.limits.gasPrice.min}`,
          { gasPrice: s.gasPrice, min: c.limits.gasPrice.min },
        ]
      : undefined,
  ),
  DependenciesNotAllowed: rule('DependenciesNotAllowed', 'configuration', (s) =>
    s.dependencies > 0
      ? [`Casper 2.x refuses deploy dependencies; got ${s.dependencies}`, { dependencies: s.dependencies }]
      : undefined,
  ),
  TooManyDependencies: rule('TooManyDependencies', 'configuration', (s, c) =>
    s.dependencies > c.limits.maxDependencies
      ? `invalid deploy: ${s.dependencies} dependencies exceeds limit of ${c.limits.maxDependencies}`
      : undefined,
  ),
  TtlTooLong: rule('TtlTooLong', 'configuration', (s, c) =>
    s.ttlMs > c.limits.maxTtlMs
      ? [
          `invalid deploy: time-to-live of ${formatDuration(s.ttlMs)} exceeds limit of ${formatDuration(c.limits.maxTtlMs)}`,
          { ttlMs: s.ttlMs, maxTtlMs: c.limits.maxTtlMs },
        ]
      : undefined,
  ),
  FutureTimestamp: rule('FutureTimestamp', 'configuration', (s, c) =>
    s.timestamp > c.now + c.timestampLeewayMs
      ? [
          `invalid deploy: timestamp of ${iso(s.timestamp)} is later than node's validation timestamp of ${iso(c.now)} plus leeway of ${formatDuration(c.timestampLeewayMs)}`,
          { timestamp: iso(s.timestamp), now: iso(c.now), leewayMs: c.timestampLeewayMs },
        ]
      : undefined,
  ),
  TooManyApprovals: rule('TooManyApprovals', 'configuration', (s, c) =>
    s.approvals.length > c.limits.maxAssociatedKeys
      ? [
          `invalid deploy: number of associated keys ${s.approvals.length} exceeds the maximum ${c.limits.maxAssociatedKeys}`,
          { approvals: s.approvals.length, max: c.limits.maxAssociatedKeys },
        ]
      : undefined,
  ),
  ExceededBlockGasLimit: rule('ExceededBlockGasLimit', 'configuration', (s, c) => {
    if (isTransfer(s)) return undefined
    const gasLimit = gasLimitOf(s, c.limits)
    if (gasLimit === undefined || gasLimit <= c.limits.blockGasLimit) return undefined
    return [
      `invalid deploy: payment amount of ${gasLimit} exceeds the block gas limit of ${c.limits.blockGasLimit}`,
      { gasLimit, blockGasLimit: c.limits.blockGasLimit },
    ]
  }),
  PaymentArgsTooLong: rule('PaymentArgsTooLong', 'configuration', (s, c) =>
    s.kind === 'deploy' && s.paymentArgsLength > c.limits.deploy.paymentArgsMaxLength
      ? [
          `invalid deploy: serialized payment code runtime args of ${s.paymentArgsLength} exceeds limit of ${c.limits.deploy.paymentArgsMaxLength}`,
          { length: s.paymentArgsLength, maxLength: c.limits.deploy.paymentArgsMaxLength },
        ]
      : undefined,
  ),
  SessionArgsTooLong: rule('SessionArgsTooLong', 'configuration', (s, c) => {
    const max =
      s.kind === 'deploy' ? c.limits.deploy.sessionArgsMaxLength : laneOf(s, c.limits)?.maxArgsLength
    if (max === undefined || s.sessionArgsLength <= max) return undefined
    return [
      `invalid deploy: serialized session code runtime args of ${s.sessionArgsLength} exceeds limit of ${max}`,
      { length: s.sessionArgsLength, maxLength: max },
    ]
  }),
  MissingTransferAmount: rule('MissingTransferAmount', 'configuration', (s) =>
    s.transferAmount === 'missing' ? "invalid deploy: missing transfer 'amount' runtime argument" : undefined,
  ),
  InvalidTransferAmount: rule('InvalidTransferAmount', 'configuration', (s) =>
    s.transferAmount === 'unparsable'
      ? "invalid deploy: failed to parse transfer 'amount' as U512"
      : undefined,
  ),
  // The chainspec's `native_transfer_minimum_motes` (deploy.rs `is_config_compliant`; V1
  // arg_handling.rs `has_valid_transfer_args`, InvalidTransactionV1::InsufficientTransferAmount).
  TransferAmountTooLow: rule('TransferAmountTooLow', 'configuration', (s, c) => {
    if (s.kind === 'transaction') return nativeArgs(s, c, 'InsufficientTransferAmount')
    const minimum = c.limits.nativeTransferMinimumMotes
    return typeof s.transferAmount === 'bigint' && s.transferAmount < minimum
      ? [
          `invalid deploy: insufficient transfer amount; minimum: ${minimum} attempted: ${s.transferAmount}`,
          { minimum, attempted: s.transferAmount },
        ]
      : undefined
  }),
  MissingArg: rule('MissingArg', 'configuration', (s, c) => nativeArgs(s, c, 'MissingArg')),
  UnexpectedArgType: rule('UnexpectedArgType', 'configuration', (s, c) =>
    nativeArgs(s, c, 'UnexpectedArgType'),
  ),
  InvalidArg: rule('InvalidArg', 'configuration', (s, c) => nativeArgs(s, c, 'InvalidArg')),
  BurnAmountTooLow: rule('BurnAmountTooLow', 'configuration', (s, c) =>
    nativeArgs(s, c, 'InsufficientBurnAmount'),
  ),
  AmountTooLow: rule('AmountTooLow', 'configuration', (s, c) => nativeArgs(s, c, 'InsufficientAmount')),
  MinimumDelegationAmountTooLow: rule('MinimumDelegationAmountTooLow', 'configuration', (s, c) =>
    nativeArgs(s, c, 'InvalidMinimumDelegationAmount'),
  ),
  MaximumDelegationAmountTooHigh: rule('MaximumDelegationAmountTooHigh', 'configuration', (s, c) =>
    nativeArgs(s, c, 'InvalidMaximumDelegationAmount'),
  ),
  TooManyReservedSlots: rule('TooManyReservedSlots', 'configuration', (s, c) =>
    nativeArgs(s, c, 'InvalidReservedSlots'),
  ),
  DelegationAmountTooHigh: rule('DelegationAmountTooHigh', 'configuration', (s, c) =>
    nativeArgs(s, c, 'InvalidDelegationAmount'),
  ),
  EmptyModuleBytes: rule('EmptyModuleBytes', 'account', (s) =>
    s.session === 'emptyWasm' ? 'module bytes for session code cannot be empty' : undefined,
  ),
  Expired: rule('Expired', 'expiry', (s, c) => {
    const expires = s.timestamp + s.ttlMs
    return expires < c.now
      ? [
          `deploy received by the node expired at ${iso(expires)} with node's time at ${iso(c.now)}`,
          { expiredAt: iso(expires), now: iso(c.now) },
        ]
      : undefined
  }),
  NoSuchAccount: rule('NoSuchAccount', 'account', (s, c) =>
    c.account === null ? `account with hash ${s.initiator} does not exist` : undefined,
  ),
  UnassociatedSigner: rule('UnassociatedSigner', 'account', (s, c) => {
    if (!c.account || canAuthorize(c.account, s.signers, isProtocol15(c.limits) ? '1.5' : '2.0'))
      return undefined
    const strangers = s.signers.filter((h) => !(h in (c.account?.associatedKeys ?? {})))
    return [
      'account authorization invalid',
      { unassociated: strangers.map((h) => `account-hash-${h}`), signers: s.signers.length },
    ]
  }),
  BelowDeploymentThreshold: rule('BelowDeploymentThreshold', 'account', (s, c) => {
    if (!c.account) return undefined
    const weight = authorizationWeight(c.account, s.signers)
    const threshold = c.account.actionThresholds.deployment
    return weight < threshold
      ? ['insufficient deploy signature weight', { weight, deploymentThreshold: threshold }]
      : undefined
  }),
  InsufficientBalance: rule('InsufficientBalance', 'account', (s, c) => {
    const required = minimumBalance(c.limits)
    if (!c.account || c.balance === undefined || c.balance >= required) return undefined
    return [`insufficient balance in account with hash ${s.initiator}`, { balance: c.balance, required }]
  }),
  InvalidPaymentVariant: rule('InvalidPaymentVariant', 'account', (s) =>
    s.payment === 'transfer' ? 'transfer is not valid for payment code' : undefined,
  ),
  MissingTransferTarget: rule('MissingTransferTarget', 'account', (s) =>
    s.session === 'transferWithoutTarget' ? "missing transfer 'target' runtime argument" : undefined,
  ),
  NoApprovals: rule('NoApprovals', 'cryptography', (s) =>
    s.approvals.length === 0 ? 'invalid deploy: the deploy has no approvals' : undefined,
  ),
  BodyHashMismatch: rule('BodyHashMismatch', 'cryptography', (s) =>
    s.bodyHashOk
      ? undefined
      : 'invalid deploy: the provided body hash does not match the actual hash of the body',
  ),
  HashMismatch: rule('HashMismatch', 'cryptography', (s) =>
    s.hash === s.computedHash
      ? undefined
      : [
          'invalid deploy: the provided hash does not match the actual hash of the deploy',
          { hash: s.hash, computed: s.computedHash },
        ],
  ),
  InvalidApproval: {
    code: 'InvalidApproval',
    stage: 'cryptography',
    check: (s) =>
      s.approvals.flatMap(({ approval, verdict }, index) =>
        verdict.ok
          ? []
          : [
              {
                code: 'InvalidApproval' as const,
                stage: 'cryptography' as const,
                message: `invalid deploy: the approval at index ${index} is invalid: ${cryptoErrorText(verdict.reason, approval.signer, approval.signature)}`,
                details: {
                  index,
                  signer: approval.signer,
                  reason: verdict.reason,
                  explanation: verdict.message,
                },
              },
            ],
      ),
  },
}

/** casper-types `crypto::verify` error texts (asymmetric_key.rs). */
function cryptoErrorText(reason: string, signer: string, signature: string): string {
  const name = (tag: string) => (tag === '01' ? 'Ed25519' : 'Secp256k1')
  if (reason === 'TagMismatch') {
    return `asymmetric key error: type mismatch between ${name(signature.slice(0, 2))} signature and ${name(signer.slice(0, 2))} public key`
  }
  return signer.startsWith('01')
    ? 'asymmetric key error: failed to verify Ed25519 signature'
    : 'asymmetric key error: failed to verify secp256k1 signature: signature error'
}

const order15: readonly AcceptanceCode[] = [
  'DeployTooLarge',
  'WrongChain',
  'TooManyDependencies',
  'TtlTooLong',
  'FutureTimestamp',
  'TooManyApprovals',
  'MissingPaymentAmount',
  'InvalidPaymentAmount',
  'ExceededBlockGasLimit',
  'PaymentArgsTooLong',
  'SessionArgsTooLong',
  'MissingTransferAmount',
  'InvalidTransferAmount',
  'TransferAmountTooLow',
  'Expired',
  'NoSuchAccount',
  'UnassociatedSigner',
  'BelowDeploymentThreshold',
  'InsufficientBalance',
  'InvalidPaymentVariant',
  'MissingTransferTarget',
  'EmptyModuleBytes',
  'NoApprovals',
  'BodyHashMismatch',
  'HashMismatch',
  'InvalidApproval',
]

const orderDeploy2x: readonly AcceptanceCode[] = [
  // MetaDeploy::from_deploy
  'InvalidGasPrice',
  'MissingPaymentAmount',
  'InvalidPaymentAmount',
  'NoLaneMatch',
  // Deploy::is_config_compliant
  'DeployTooLarge',
  'WrongChain',
  'GasPriceTooLow',
  'DependenciesNotAllowed',
  'TtlTooLong',
  'FutureTimestamp',
  'TooManyApprovals',
  'ExceededBlockGasLimit',
  'PaymentArgsTooLong',
  'SessionArgsTooLong',
  'MissingTransferAmount',
  'InvalidTransferAmount',
  'TransferAmountTooLow',
  'PaymentBelowBaseline',
  // transaction_acceptor.rs
  'Expired',
  'NoSuchAccount',
  'UnassociatedSigner',
  'BelowDeploymentThreshold',
  'InsufficientBalance',
  'InvalidPaymentVariant',
  'MissingTransferTarget',
  'EmptyModuleBytes',
  'NoApprovals',
  'BodyHashMismatch',
  'HashMismatch',
  'InvalidApproval',
]

const orderTransaction2x: readonly AcceptanceCode[] = [
  // MetaTransactionV1::from_transaction_v1 (calculate_transaction_lane)
  'EntryPointMustBeCall',
  'NoLaneMatch',
  // MetaTransactionV1::is_config_compliant
  'DeployTooLarge',
  'WrongChain',
  'PaymentBelowBaseline',
  'PricingModeNotAllowed',
  'GasPriceTooLow',
  'TtlTooLong',
  'FutureTimestamp',
  'TooManyApprovals',
  'ExceededBlockGasLimit',
  // is_body_metadata_valid, then arg_handling.rs (one answer, reported by its variant's rule)
  'SessionArgsTooLong',
  'MissingArg',
  'UnexpectedArgType',
  'InvalidArg',
  'TransferAmountTooLow',
  'BurnAmountTooLow',
  'AmountTooLow',
  'MinimumDelegationAmountTooLow',
  'MaximumDelegationAmountTooHigh',
  'TooManyReservedSlots',
  'DelegationAmountTooHigh',
  'EmptyModuleBytes',
  // transaction_acceptor.rs
  'Expired',
  'NoSuchAccount',
  'UnassociatedSigner',
  'BelowDeploymentThreshold',
  'InsufficientBalance',
  // MetaTransactionV1::verify
  'NoApprovals',
  'HashMismatch',
  'InvalidApproval',
]

/**
 * 2.x acceptor, `transaction_acceptor.rs` `verify_payment` → `deploy_payment_is_valid`: the
 * standard payment's `amount` is checked for every deploy, native transfers included (whose
 * `MetaDeploy::from_deploy` skips it), after the account and balance and after the payment variant.
 * Same codes as the configuration-stage rules; `details.acceptor` and the node's text tell them apart
 * (binary port `DeployMissingPaymentAmount` / `DeployFailedToParsePaymentAmount`).
 */
const transferPaymentAmountRules: readonly AcceptanceRule[] = [
  rule('MissingPaymentAmount', 'account', (s) =>
    s.kind === 'deploy' && isTransfer(s) && s.paymentAmount === 'missing'
      ? ['missing payment amount for deploy', { acceptor: 'DeployMissingPaymentAmount' }]
      : undefined,
  ),
  rule('InvalidPaymentAmount', 'account', (s) =>
    s.kind === 'deploy' && isTransfer(s) && s.paymentAmount === 'unparsable'
      ? ['failed to parse payment amount for deploy', { acceptor: 'DeployFailedToParsePaymentAmount' }]
      : undefined,
  ),
]

/**
 * The rules the node applies to this submission, in its order: 1.5 deploys; 2.x deploys (legacy
 * deploys through the 2.x acceptor); 2.x TransactionV1.
 *
 * @example
 * ```ts
 * acceptanceRules(casperMainnet, 'transaction').map((r) => r.code) // ['EntryPointMustBeCall', 'NoLaneMatch', …]
 * ```
 */
export function acceptanceRules(
  limits: Pick<AcceptanceLimits, 'protocolVersion'>,
  kind: Submission['kind'],
): AcceptanceRule[] {
  if (isProtocol15(limits)) return order15.map((code) => acceptanceRuleTable[code])
  if (kind === 'transaction') return orderTransaction2x.map((code) => acceptanceRuleTable[code])
  return orderDeploy2x.flatMap((code) =>
    code === 'InvalidPaymentVariant'
      ? [acceptanceRuleTable[code], ...transferPaymentAmountRules]
      : [acceptanceRuleTable[code]],
  )
}

/**
 * Runs every rule and reports every violation, in the node's order (what `preflight` reports).
 *
 * @example
 * ```ts
 * const violations = checkAcceptance(decodeSubmission({ deploy }), { limits, now: Date.now(), timestampLeewayMs: 2000, account })
 * ```
 */
export function checkAcceptance(submission: Submission, context: AcceptanceContext): AcceptanceViolation[] {
  if (isProtocol15(context.limits) && submission.kind === 'transaction') {
    // A 1.x node has no account_put_transaction: nothing it could accept.
    return []
  }
  return acceptanceRules(context.limits, submission.kind).flatMap((r) => r.check(submission, context))
}

/**
 * The first violation in the node's order, or `undefined` when the node accepts (what the devnet's
 * acceptor answers, as the node stops at the first).
 *
 * @example
 * ```ts
 * const refusal = firstViolation(submission, context) // e.g. { code: 'WrongChain', … }
 * ```
 */
export function firstViolation(
  submission: Submission,
  context: AcceptanceContext,
): AcceptanceViolation | undefined {
  for (const r of acceptanceRules(context.limits, submission.kind)) {
    const [found] = r.check(submission, context)
    if (found) return found
  }
  return undefined
}

/**
 * The node's error text for a refusal. 1.5 (`account_put_deploy` -32008 data): the acceptor's
 * Display text, with "at state root hash … of block … at height …" for the account stage (the
 * caller appends it). 2.x: the binary port's `ErrorCode` text the sidecar wraps in "the deploy was
 * invalid: …" / "the transaction was invalid: …" (casper-binary-port `error_code.rs`).
 *
 * @example
 * ```ts
 * nodeText(violation, casperMainnet, 'deploy') // 'the deploy had an invalid chain name'
 * ```
 */
export function nodeText(
  violation: AcceptanceViolation,
  limits: Pick<AcceptanceLimits, 'protocolVersion'>,
  kind: Submission['kind'],
): string {
  if (isProtocol15(limits)) return violation.message
  const [deploy, transaction] = match(violation.code)
    .with('InvalidGasPrice', () => [
      'the network was unable to calculate the gas limit associated with the deploy',
      '',
    ])
    .with('MissingPaymentAmount', () => [
      violation.details?.acceptor
        ? 'missing payment amount for deploy'
        : 'the deploy had a missing payment amount',
      '',
    ])
    .with('InvalidPaymentAmount', () => [
      violation.details?.acceptor
        ? 'failed to parse payment amount for deploy'
        : 'the deploy sent to the network had a payment amount that was unable to be parsed',
      '',
    ])
    .with('PaymentBelowBaseline', () => [
      'Invalid payment amount for Transaction::Deploy',
      'Invalid payment amount for Transaction::V1',
    ])
    .with('NoLaneMatch', () => [
      "couldn't associate a transaction lane with the transaction",
      "couldn't associate a transaction lane with the transaction",
    ])
    .with('EntryPointMustBeCall', () => ['', "entry point must be 'call'"])
    .with('DeployTooLarge', () => [
      'the deploy had an excessive size',
      'the transaction sent to the network had an excessive size',
    ])
    .with('WrongChain', () => [
      'the deploy had an invalid chain name',
      'the transaction sent to the network had an invalid chain name',
    ])
    .with('PricingModeNotAllowed', () => [
      '',
      'the transaction sent to the network had an invalid pricing mode',
    ])
    .with('GasPriceTooLow', () => ['gas price tolerance too low', 'gas price tolerance too low'])
    .with('DependenciesNotAllowed', () => [
      'the dependencies for this transaction are no longer supported',
      '',
    ])
    .with('TooManyDependencies', () => [
      'the deploy sent to the network was invalid for an unspecified reason',
      '',
    ])
    .with('TtlTooLong', () => [
      'the deploy had an excessive time to live',
      'the transaction sent to the network had an excessive time to live',
    ])
    .with('FutureTimestamp', () => [
      'the deploys timestamp is in the future',
      'the transaction sent to the network had a timestamp that has not yet occurred',
    ])
    .with('TooManyApprovals', () => [
      'the deploy sent to the network had excessive approvals',
      'the transaction sent to the network had excessive approvals',
    ])
    .with('ExceededBlockGasLimit', () => [
      'the deploy sent to the network exceeded the block gas limit',
      'the transaction sent to the network exceeds the networks block gas limit',
    ])
    .with('PaymentArgsTooLong', () => ['the deploy had an excessive payment args length', ''])
    .with('SessionArgsTooLong', () => [
      'the deploy had an excessive session args length',
      'the transaction sent to the network had excessive args length',
    ])
    .with('MissingTransferAmount', () => ['the deploy sent to the network was missing a transfer amount', ''])
    .with('InvalidTransferAmount', () => [
      'the deploy sent to the network had a transfer amount that was unable to be parsed',
      '',
    ])
    .with('TransferAmountTooLow', () => [
      'the deploy sent to the network had an insufficient transfer amount',
      'the transaction sent to the network had an insufficient transfer amount',
    ])
    .with('MissingArg', () => ['', 'the transaction sent to the network was missing an argument'])
    .with('UnexpectedArgType', () => [
      '',
      'the transaction sent to the network had an unexpected argument type',
    ])
    .with('InvalidArg', () => ['', 'the transaction sent to the network had an invalid argument'])
    .with('BurnAmountTooLow', () => ['', 'Insufficient burn amount for Transaction::V1'])
    .with('AmountTooLow', () => [
      '',
      'Transaction includes an argument named amount with a value below a relevant limit',
    ])
    .with('MinimumDelegationAmountTooLow', () => [
      '',
      'Transaction attempts to set a minimum delegation amount below the lowest allowed value',
    ])
    .with('MaximumDelegationAmountTooHigh', () => [
      '',
      'Transaction attempts to set a maximum delegation amount above the highest allowed value',
    ])
    .with('TooManyReservedSlots', () => [
      '',
      'Transaction attempts to set a reserved slots count above the highest allowed value',
    ])
    .with('DelegationAmountTooHigh', () => [
      '',
      'Transaction attempts to set a delegation amount above the highest allowed value',
    ])
    .with('EmptyModuleBytes', () => [
      'missing module bytes for deploy',
      'the transaction sent to the network had empty module bytes',
    ])
    .with('Expired', () => ['transaction has expired', 'transaction has expired'])
    .with('NoSuchAccount', () => ['no such addressable entity', 'no such addressable entity'])
    .with('UnassociatedSigner', () => ['invalid associated keys', 'invalid associated keys'])
    .with('BelowDeploymentThreshold', () => [
      'insufficient signature weight',
      'insufficient signature weight',
    ])
    .with('InsufficientBalance', () => ['insufficient balance', 'insufficient balance'])
    .with('InvalidPaymentVariant', () => ['invalid payment variant for deploy', ''])
    .with('MissingTransferTarget', () => ['missing transfer target for deploy', ''])
    .with('NoApprovals', () => [
      'the deploy had no approvals',
      'the transaction sent to the network had no approvals',
    ])
    .with('BodyHashMismatch', () => [
      'the deploy had an invalid body hash',
      'the transaction sent to the network had an invalid body hash',
    ])
    .with('HashMismatch', () => [
      'the deploy had an invalid deploy hash',
      'the transaction sent to the network had an invalid hash',
    ])
    .with('InvalidApproval', () => [
      'the deploy had an invalid approval',
      'the transaction sent to the network had an invalid approval',
    ])
    .exhaustive()
  return (kind === 'deploy' ? deploy : transaction) || (deploy ?? '') || (transaction ?? '')
}
