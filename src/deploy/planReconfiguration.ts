// Plans the deploys that take an account's keys and thresholds to a target, in an order that never fails.

import type { Account, AccountHashHex } from '../account/Account.js'
import {
  type AccountConfigInput,
  accountFromConfig,
  configFromAccount,
  normalizeConfig,
} from '../account/AccountConfig.js'
import { type AccountIdentifier, accountHashOf } from '../account/accountHash.js'
import {
  type AccountRuleResult,
  authorizationWeight,
  canAuthorize,
  removeAssociatedKey,
  setActionThreshold,
  updateAssociatedKey,
} from '../account/accountRules.js'
import { missingSigners } from '../account/missingSigners.js'
import { type Finding, validateConfig } from '../account/validateConfig.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { choosePayment, type PaymentChoice, type PaymentMargin } from '../chainspec/choosePayment.js'
import { type ChainspecOption, maxSessionGas, resolveChainspec } from '../chainspec/resolveChainspec.js'
import { wasmLanes } from '../chainspec/selectLane.js'
import { type EmulateSessionReturnType, emulateSession, type SessionGas } from '../emulator/emulateSession.js'
import {
  type ConfigureAccountArg,
  type ConfigureAccountOperations,
  configureAccountArgs,
  sessionArgsLength,
} from '../wasm/configureAccountArgs.js'
import { configureAccountWasm } from '../wasm/modules/configureAccountWasm.js'
import { PlanError } from './PlanError.js'

/**
 * Options of {@link planReconfiguration}. `chainspec` (default `casperMainnet`) gives the signer
 * rule, `max_associated_keys`, the session-args limit, the lanes a deploy must fit and the prices.
 */
export type PlanReconfigurationOptions = ChainspecOption & {
  /**
   * The keys that will approve the deploys. Each deploy is checked against the account as it is
   * when that deploy starts: their weight at least the key-management threshold, and on 1.5 every
   * signer associated. A key an earlier deploy removes does not sign the later ones
   * (`PlannedDeploy.signers` says who signs which). Default: every associated key of the current account.
   */
  signers?: readonly AccountIdentifier[] | undefined
  /** The margin over the emulated gas each deploy's payment carries; default `defaultPaymentMargin` (4%). */
  paymentMargin?: PaymentMargin | undefined
}

/** One deploy of a plan: the configure-account args, what it does, and its emulated run. */
export type PlannedDeploy = {
  operations: ConfigureAccountOperations
  /** Named args of `configure-account.wasm`, with CLTypes and inner bytes. */
  args: ConfigureAccountArg[]
  /** Serialized session-args length, at most `maxSessionArgsLength`. */
  argsLength: number
  /** Human-readable steps in execution order. */
  steps: string[]
  accountBefore: Account
  accountAfter: Account
  /** Key-management weight this deploy needs from its signers (the threshold as the deploy starts). */
  requiredWeight: number
  /** Who signs this deploy: the planned signers the account still holds when it starts. */
  signers: AccountHashHex[]
  /** Weight the planned signers hold as the deploy starts. */
  signersWeight: number
  gas: SessionGas
  /**
   * The payment: emulated gas plus the explicit margin, the lane the deploy lands in and the
   * expected charge (`buildConfigureDeploy` uses `payment.amount`).
   */
  payment: PaymentChoice
}

/** A proven plan: every deploy ran in the emulator through the real Wasm and the end equals the target. */
export type ReconfigurationPlan = {
  current: Account
  target: Account
  /** Empty when the account already has the target configuration. */
  deploys: PlannedDeploy[]
  /** All steps of all deploys, in order. */
  steps: string[]
  /** Total session gas of all deploys. */
  gas: bigint
  /** Total expected charge of all deploys, in motes, if each uses exactly its emulated gas. */
  expectedCharge: bigint
  /**
   * Total charge, in motes, if every deploy fails (a revert, out of gas): no refund, each is charged
   * max(its payment, `baseline_motes_amount`) (casper-node operations.rs "no refund for penalty").
   */
  ifEveryDeployFails: bigint
  /** Validation warnings about the target (legal but risky); errors refuse the plan instead. */
  warnings: Finding[]
}

type Item =
  | { kind: 'add' | 'raise' | 'lower'; accountHash: AccountHashHex; weight: number }
  | { kind: 'remove'; accountHash: AccountHashHex }
  | { kind: 'thresholds'; deployment?: number | undefined; keyManagement?: number | undefined }

/**
 * Computes the deploys of the bundled configure-account session that take `current` (the
 * on-chain account) to `target`, and proves them: each runs in the emulator through the real Wasm
 * and the final account must equal `target`.
 *
 * Order (what casper-types `types/src/account.rs` `add_associated_key`, `update_associated_key`,
 * `remove_associated_key` and `set_action_threshold` accept at each step): adds and weight raises,
 * then the thresholds (key management first when the new deployment threshold exceeds the current
 * key management), then weight lowers and removals. No-op calls are omitted. The change is split
 * into several deploys only when one cannot carry it: the session-args size limit, the
 * associated-key limit (then safe removals go first, in their own deploy), or no lane taking its
 * gas; a deploy that fits no lane keeps the longest run of its calls that does, so the plan has as
 * few deploys as the limits allow. On mainnet each deploy pays at least `baseline_motes_amount`
 * (2.5 CSPR) and is charged at least a quarter of it, so fewer deploys cost less: see
 * `expectedCharge` and `ifEveryDeployFails`.
 *
 * @throws {PlanError} `InvalidTarget`, `InsufficientSigners`, `KeyLimit`, `UnsupportedChange`.
 * @example
 * ```ts
 * const plan = await planReconfiguration(account, {
 *   associatedKeys: [
 *     { key: alicePublicKey, weight: 1, label: 'alice' },
 *     { key: bobPublicKey, weight: 1, label: 'bob' },
 *     { key: carolPublicKey, weight: 1, label: 'carol' },
 *   ],
 *   thresholds: { deployment: 2, keyManagement: 2 },
 * }, { signers: [alicePublicKey] })
 * plan.steps // ['add account-hash-… (bob) with weight 1', …, 'set key management threshold to 2']
 * plan.deploys[0].args // named args for configure-account.wasm
 * ```
 */
export async function planReconfiguration(
  current: Account,
  target: AccountConfigInput,
  options: PlanReconfigurationOptions = {},
): Promise<ReconfigurationPlan> {
  const chainspec = resolveChainspec(options)
  // The largest args any Wasm lane takes, and never more than a deploy may carry.
  const maxArgs = Math.min(
    chainspec.deploy.sessionArgsMaxLength,
    Math.max(...wasmLanes(chainspec).map((lane) => lane.maxArgsLength)),
  )
  const maxKeys = chainspec.maxAssociatedKeys
  const normalized = normalizeConfig(target)
  const labels = new Map(
    normalized.associatedKeys.flatMap((k) => (k.label ? [[k.accountHash, k.label] as const] : [])),
  )
  const name = (hash: AccountHashHex) =>
    `account-hash-${hash}${labels.has(hash) ? ` (${labels.get(hash)})` : ''}`

  const validation = validateConfig(normalized, {
    current: configFromAccount(current),
    chainspec,
    ...(options.signers?.[0] !== undefined ? { deployer: options.signers[0] } : {}),
  })
  if (!validation.ok) {
    throw new PlanError('The target configuration is invalid', {
      code: 'InvalidTarget',
      details: { findings: validation.errors.map((f) => f.message) },
      remedy: 'Fix the findings listed (validateConfig reports them all), then plan again.',
    })
  }
  const desired = accountFromConfig(normalized, current.accountHash, current.namedKeys)
  const { upgradeManagement: from } = current.actionThresholds
  const { upgradeManagement: to } = desired.actionThresholds
  if (to !== undefined && to !== from) {
    throw new PlanError('Changing the upgrade-management threshold is not supported', {
      code: 'UnsupportedChange',
      details: { current: from, target: to },
      remedy: 'Leave upgradeManagement as it is in the target configuration.',
    })
  }
  const targetAccount: Account = {
    ...desired,
    actionThresholds: { ...desired.actionThresholds, upgradeManagement: from },
  }
  if (from === undefined) delete targetAccount.actionThresholds.upgradeManagement

  const items = diff(current, targetAccount)
  // A removal never needs room: `remove_associated_key` checks no key limit on 1.5.8
  // (execution_engine/src/core/runtime_context/mod.rs) nor on released 2.x
  // (execution_engine/src/runtime_context/mod.rs; casper-node commit 6fdaaf495 took out the
  // pre-release check, test `should_remove_associated_key_when_at_max_allowed_cap`).
  const batches = batch(current, items, maxKeys, maxArgs, name)
  const signers = options.signers?.map(accountHashOf)

  const deploys: PlannedDeploy[] = []
  let before = current
  // A batch whose deploy fits no lane (its gas, size or args) keeps its longest fitting leading run.
  const queue = [...batches]
  for (let index = 0; queue.length > 0; index++) {
    let batchItems = queue.shift()!
    // A key removed by an earlier deploy no longer signs: on 1.5 its approval would void the deploy.
    const deploySigners =
      index === 0 || !signers
        ? (signers ?? Object.keys(before.associatedKeys))
        : signers.filter((s) => s in before.associatedKeys)
    assertSigners(before, deploySigners, chainspec, index, index + 1 + queue.length, name)
    const attempt = async (run: Item[]) => {
      const operations = operationsOf(run)
      const args = configureAccountArgs(operations)
      const result = await emulateSession({
        wasm: configureAccountWasm,
        args: args.map((a) => ({ name: a.name, value: a.bytes })),
        account: before,
        signers: deploySigners,
        chainspec,
      })
      // Out of gas at the largest lane's limit: the run fits no lane, like a payment too large.
      const tooLarge = !result.ok && result.failure?.kind === 'outOfGas'
      if (!result.ok && !tooLarge) throw notProven(result, index)
      const argsLength = sessionArgsLength(args)
      const writes = result.calls.filter((call) => call.bytesWritten > 0).length
      const payment = choosePayment(
        {
          gas: result.gas.total,
          writes,
          argsLength,
          standardPayment: true,
          transactionLength: deployLengthBound(argsLength, deploySigners.length),
        },
        chainspec,
        options.paymentMargin,
      )
      return { operations, args, result, argsLength, payment, fits: !tooLarge && payment.lane !== undefined }
    }
    let tried = await attempt(batchItems)
    if (!tried.fits) {
      if (batchItems.length === 1) throw noLane(chainspec, tried.payment, tried.argsLength, index)
      // The longest leading run that fits a lane (gas grows with every call): one deploy for it, the
      // rest planned next. Every deploy costs at least a quarter of the baseline, so fewer is cheaper.
      let fits = 0
      let fitting: typeof tried | undefined
      let low = 1
      let high = batchItems.length - 1
      while (low <= high) {
        const middle = Math.floor((low + high) / 2)
        const candidate = await attempt(batchItems.slice(0, middle))
        if (candidate.fits) {
          fits = middle
          fitting = candidate
          low = middle + 1
        } else high = middle - 1
      }
      if (!fitting) {
        const single = await attempt(batchItems.slice(0, 1))
        throw noLane(chainspec, single.payment, single.argsLength, index)
      }
      queue.unshift(batchItems.slice(fits))
      batchItems = batchItems.slice(0, fits)
      tried = fitting
    }
    const { operations, args, result, argsLength, payment } = tried
    deploys.push({
      operations,
      args,
      argsLength,
      steps: inExecutionOrder(batchItems).map((item) => describe(item, before, name)),
      accountBefore: before,
      accountAfter: result.account,
      requiredWeight: before.actionThresholds.keyManagement,
      signers: [...deploySigners],
      signersWeight: authorizationWeight(before, deploySigners),
      gas: result.gas,
      payment,
    })
    before = result.account
  }
  if (!sameConfiguration(before, targetAccount)) {
    throw new PlanError('The plan did not reach the target in the emulator', {
      code: 'PlanNotProven',
      details: { reached: configFromAccount(before), target: configFromAccount(targetAccount) },
      remedy: 'This is a defect in casper-multisig; please report it with these values.',
    })
  }
  return {
    current,
    target: targetAccount,
    deploys,
    steps: deploys.flatMap((d) => d.steps),
    gas: deploys.reduce((sum, d) => sum + d.gas.total, 0n),
    expectedCharge: deploys.reduce((sum, d) => sum + (d.payment.expected?.charged ?? d.payment.amount), 0n),
    ifEveryDeployFails: deploys.reduce(
      (sum, d) => sum + (d.payment.ifFails?.charged ?? d.payment.amount),
      0n,
    ),
    warnings: validation.warnings,
  }
}

/** The calls that differ between `current` and `target`, in the order that never fails. */
function diff(current: Account, target: Account): Item[] {
  const now = current.associatedKeys
  const next = target.associatedKeys
  const items: Item[] = []
  for (const [accountHash, weight] of Object.entries(next)) {
    const was = now[accountHash]
    if (was === undefined) items.push({ kind: 'add', accountHash, weight })
  }
  for (const [accountHash, weight] of Object.entries(next)) {
    const was = now[accountHash]
    if (was !== undefined && weight > was) items.push({ kind: 'raise', accountHash, weight })
  }
  const { deployment, keyManagement } = target.actionThresholds
  const thresholds = {
    ...(deployment !== current.actionThresholds.deployment ? { deployment } : {}),
    ...(keyManagement !== current.actionThresholds.keyManagement ? { keyManagement } : {}),
  }
  if (Object.keys(thresholds).length > 0) items.push({ kind: 'thresholds', ...thresholds })
  for (const [accountHash, weight] of Object.entries(next)) {
    const was = now[accountHash]
    if (was !== undefined && weight < was) items.push({ kind: 'lower', accountHash, weight })
  }
  for (const accountHash of Object.keys(now)) {
    if (!(accountHash in next)) items.push({ kind: 'remove', accountHash })
  }
  return items
}

/**
 * Splits the items into deploys, each a contiguous run executed in the session's fixed order.
 *
 * - At the key limit, a first deploy makes room before any add: weight raises (which never fail),
 *   threshold changes when they only go down, then removals, lightest keys first, as long as the
 *   remaining keys still meet the thresholds.
 * - When no threshold goes down, the threshold change goes last, so every earlier deploy needs only
 *   today's key-management weight from the signers. (Within one deploy the session sets thresholds
 *   before lowers and removals; that order is always valid for a valid target.)
 * - Consecutive items fill each deploy up to the session-args limit.
 */
function batch(
  current: Account,
  items: Item[],
  maxKeys: number,
  maxArgs: number,
  name: (hash: AccountHashHex) => string,
): Item[][] {
  const thresholds = items.find((i) => i.kind === 'thresholds')
  const now = current.actionThresholds
  const onlyDown =
    thresholds !== undefined &&
    (thresholds.deployment ?? now.deployment) <= now.deployment &&
    (thresholds.keyManagement ?? now.keyManagement) <= now.keyManagement
  const onlyUp =
    thresholds !== undefined &&
    (thresholds.deployment ?? now.deployment) >= now.deployment &&
    (thresholds.keyManagement ?? now.keyManagement) >= now.keyManagement
  const adds = items.filter((i) => i.kind === 'add').length
  const keyCount = Object.keys(current.associatedKeys).length
  // Removals go first when the adds would take the account over the limit.
  let excess = keyCount + adds - maxKeys
  const early: Item[] = []
  if (excess > 0) {
    let account = current
    for (const item of items) {
      if (item.kind === 'raise') account = ok(updateAssociatedKey(account, item.accountHash, item.weight))
      if (item.kind === 'raise' || (item === thresholds && onlyDown)) early.push(item)
    }
    if (thresholds && onlyDown) {
      if (thresholds.deployment !== undefined)
        account = ok(setActionThreshold(account, 'deployment', thresholds.deployment))
      if (thresholds.keyManagement !== undefined) {
        account = ok(setActionThreshold(account, 'keyManagement', thresholds.keyManagement))
      }
    }
    const removals = items
      .filter((i): i is Extract<Item, { kind: 'remove' }> => i.kind === 'remove')
      .sort(
        (x, y) => (current.associatedKeys[x.accountHash] ?? 0) - (current.associatedKeys[y.accountHash] ?? 0),
      )
    for (const item of removals) {
      if (excess <= 0) break
      const removed = removeAssociatedKey(account, item.accountHash)
      if (!removed.ok) continue
      account = removed.account
      early.push(item)
      excess--
    }
  }
  if (excess > 0) {
    throw new PlanError('The change cannot stay within the associated-key limit', {
      code: 'KeyLimit',
      details: {
        currentKeys: Object.keys(current.associatedKeys).length,
        adds,
        limit: maxKeys,
        removableFirst: early.flatMap((i) => (i.kind === 'remove' ? [name(i.accountHash)] : [])),
      },
      remedy:
        'Keys must be removed before new ones can be added, but removing them first would break the current ' +
        'thresholds. Lower the thresholds in a separate change first, or add fewer keys.',
    })
  }
  const rest = items.filter((i) => !early.includes(i))
  const ordered = thresholds && onlyUp ? [...rest.filter((i) => i !== thresholds), thresholds] : rest
  return [
    ...pack(early, maxArgs),
    ...pack(
      ordered.filter((i) => rest.includes(i)),
      maxArgs,
    ),
  ]
}

/** The account of a rule result that cannot fail (raises and threshold lowerings of a valid target). */
function ok(result: AccountRuleResult): Account {
  if (result.ok) return result.account
  throw new PlanError('A step the plan relies on failed the account rules', {
    code: 'PlanNotProven',
    details: { failure: result.failure },
    remedy: 'This is a defect in casper-multisig; please report it with these values.',
  })
}

function pack(items: Item[], maxArgs: number): Item[][] {
  const batches: Item[][] = []
  let currentBatch: Item[] = []
  for (const item of items) {
    const candidate = [...currentBatch, item]
    if (
      currentBatch.length > 0 &&
      sessionArgsLength(configureAccountArgs(operationsOf(candidate))) > maxArgs
    ) {
      batches.push(currentBatch)
      currentBatch = [item]
    } else currentBatch = candidate
  }
  if (currentBatch.length > 0) batches.push(currentBatch)
  return batches
}

/** The order configure-account.wasm runs a deploy's steps in: add, raise, thresholds, lower, remove. */
function inExecutionOrder(items: readonly Item[]): Item[] {
  const phase = { add: 0, raise: 1, thresholds: 2, lower: 3, remove: 4 }
  return [...items].sort((a, b) => phase[a.kind] - phase[b.kind])
}

function operationsOf(items: readonly Item[]): ConfigureAccountOperations {
  const keyed = (kind: 'add' | 'raise' | 'lower') =>
    items.flatMap((i) => (i.kind === kind ? [{ accountHash: i.accountHash, weight: i.weight }] : []))
  const thresholds = items.find((i) => i.kind === 'thresholds')
  return {
    add: keyed('add'),
    raise: keyed('raise'),
    deployment: thresholds?.deployment,
    keyManagement: thresholds?.keyManagement,
    lower: keyed('lower'),
    remove: items.flatMap((i) => (i.kind === 'remove' ? [i.accountHash] : [])),
  }
}

function describe(item: Item, before: Account, name: (hash: AccountHashHex) => string): string {
  switch (item.kind) {
    case 'add':
      return `add ${name(item.accountHash)} with weight ${item.weight}`
    case 'raise':
    case 'lower':
      return `${item.kind} ${name(item.accountHash)} from weight ${before.associatedKeys[item.accountHash]} to ${item.weight}`
    case 'remove':
      return `remove ${name(item.accountHash)}`
    case 'thresholds': {
      const { deployment, keyManagement } = item
      const parts = [
        deployment !== undefined
          ? `deployment ${before.actionThresholds.deployment} -> ${deployment}`
          : undefined,
        keyManagement !== undefined
          ? `key management ${before.actionThresholds.keyManagement} -> ${keyManagement}`
          : undefined,
      ].filter(Boolean)
      return `set thresholds: ${parts.join(', ')}`
    }
  }
}

function assertSigners(
  account: Account,
  signers: readonly AccountHashHex[],
  chainspec: Chainspec,
  index: number,
  count: number,
  name: (hash: AccountHashHex) => string,
): void {
  const deploy = count > 1 ? `deploy ${index + 1} of ${count}` : 'the deploy'
  const unassociated = signers.filter((s) => !(s in account.associatedKeys))
  if (chainspec.authorization === 'everySignerAssociated' && !canAuthorize(account, signers, chainspec)) {
    throw new PlanError(`A signer of ${deploy} is not an associated key`, {
      code: 'InsufficientSigners',
      details: { deploy: index + 1, unassociated: unassociated.map(name) },
      remedy:
        'casper-node 1.5 rejects a deploy with any approval from a key the account does not hold; drop that signer.',
    })
  }
  const { deployment, keyManagement } = account.actionThresholds
  const needed = Math.max(deployment, keyManagement)
  const weight = authorizationWeight(account, signers)
  if (weight >= needed) return
  const missing = missingSigners(account, signers, needed)
  throw new PlanError(`The signers cannot authorize ${deploy}`, {
    code: 'InsufficientSigners',
    details: {
      deploy: index + 1,
      keyManagementThreshold: keyManagement,
      deploymentThreshold: deployment,
      signersWeight: weight,
      alsoNeeded: missing ? missing.map(name) : 'unreachable with the current keys',
    },
    remedy: missing
      ? `Key management needs weight ${needed}; the signers hold ${weight}. Also collect signatures from: ${missing.map(name).join(', ')}.`
      : 'No set of current keys reaches the threshold.',
  })
}

/**
 * An upper bound of a configure-account deploy's serialized length: the Wasm, its args, at most 300
 * bytes of header, payment and framing, and 99 bytes per approval (34-byte key, 65-byte signature).
 */
function deployLengthBound(argsLength: number, approvals: number): number {
  return configureAccountWasm.length + argsLength + 300 + 99 * Math.max(1, approvals)
}

function noLane(chainspec: Chainspec, payment: PaymentChoice, argsLength: number, index: number): PlanError {
  return new PlanError('A single step of the change fits no lane of the network', {
    code: 'LaneLimit',
    details: {
      deploy: index + 1,
      gasLimit: payment.amount,
      argsLength,
      largestLaneGasLimit: maxSessionGas(chainspec),
      chainspec: `${chainspec.chainName} ${chainspec.protocolVersion}`,
    },
    remedy: "The network's lanes cannot carry this step; it needs a chainspec with a larger Wasm lane.",
  })
}

function notProven(result: EmulateSessionReturnType, index: number): PlanError {
  return new PlanError('A planned deploy failed in the emulator', {
    code: 'PlanNotProven',
    details: { deploy: index + 1, error: result.failure?.message },
    remedy: 'This is a defect in casper-multisig; please report it with these values.',
  })
}

function sameConfiguration(a: Account, b: Account): boolean {
  const keys = (x: Account) =>
    JSON.stringify(Object.entries(x.associatedKeys).sort(([h1], [h2]) => (h1 < h2 ? -1 : 1)))
  return (
    keys(a) === keys(b) &&
    a.actionThresholds.deployment === b.actionThresholds.deployment &&
    a.actionThresholds.keyManagement === b.actionThresholds.keyManagement
  )
}
