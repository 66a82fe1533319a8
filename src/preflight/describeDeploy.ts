// What a co-signer is about to approve, in plain words, decoded from the deploy itself.
import { sha256 } from '@noble/hashes/sha2'
import type { Account } from '../account/Account.js'
import { accountHashFromPublicKey, accountHashOf } from '../account/accountHash.js'
import { missingSigners } from '../account/missingSigners.js'
import { type VerifyDeployReturnType, verifyDeploy } from '../approvals/verifyApproval.js'
import { belowBaselineReason } from '../chainspec/belowBaselineReason.js'
import type { Chainspec } from '../chainspec/Chainspec.js'
import { estimateCost } from '../chainspec/estimateCost.js'
import { resolveChainspec } from '../chainspec/resolveChainspec.js'
import { argBytes, configureAccountArgTypes, decodeArgValue, knownArgType } from '../deploy/clValueJson.js'
import type { DeployJson, NamedArgJson } from '../deploy/DeployJson.js'
import { type EmulateSessionReturnType, emulateSession, type Protocol } from '../emulator/emulateSession.js'
import { parseDuration, parseTimestamp } from '../encoding/duration.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { formatCspr } from '../text/formatCspr.js'
import { hasUnsafeText, safeText } from '../text/safeText.js'
import { configureAccountWasmSha256 } from '../wasm/modules/configureAccountWasm.js'
import { twoPartyMultiSigWasmSha256 } from '../wasm/modules/twoPartyMultiSigWasm.js'

/** Options of {@link describeDeploy}. */
export type DescribeDeployOptions = {
  /** The account as it is on chain now: the session is emulated against it to show the result. */
  account?: Account | undefined
  /** Names for keys, e.g. `{ [bobPublicKey]: 'bob' }`. */
  labels?: Readonly<Record<string, string>> | undefined
  /** The network whose rules the emulated run follows; default `casperMainnet`. */
  chainspec?: Chainspec | undefined
  /** @deprecated Pass `chainspec`. */
  protocol?: Protocol | undefined
  /** Default: now. */
  now?: Date | number | undefined
  /**
   * A standard payment above this many times max(emulated cost, `baseline_motes_amount`) is
   * excessive (safe-to-sign false): casper-node 2.x keeps a quarter of any unused payment
   * (`refund_handling = refund [75, 100]`). Default 4 (the planner pays the larger of the baseline
   * and 1.05 times the emulated cost).
   */
  maxPaymentRatio?: number | undefined
  /**
   * The most a standard payment may be when its need is unknown (no `account` to emulate against),
   * and the floor below which no payment counts as excessive. Default 2.5 CSPR
   * (`baseline_motes_amount` of the mainnet chainspec) as the floor; 100 CSPR as the ceiling.
   */
  paymentFloorMotes?: bigint | undefined
  paymentCeilingMotes?: bigint | undefined
}

/**
 * What pays for the deploy. Only `standard` (empty `ModuleBytes` with a U512 `amount`, run by the
 * node itself) is examined; any other payment is code that runs with the account's authority.
 */
export type DeployPayment =
  | {
      kind: 'standard'
      motes: bigint
      /**
       * The emulated cost (gas × the network's gas price, `[vacancy] min_gas_price`; the header's
       * `gas_price` is only the most the sender accepts), when the session was emulated.
       */
      need?: bigint | undefined
      /**
       * What the account is expected to be charged under the chainspec's pricing and refund handling
       * ({@link estimateCost}), when the session was emulated. The purse must hold all of `motes`.
       */
      expectedCharge?: bigint | undefined
      /**
       * What the account is charged if the execution fails (a revert, a trap, out of gas): no
       * refund, max(payment × price, baseline) ({@link estimateCost} with `outcome: 'failure'`).
       */
      ifFails: bigint
      /** The network's least payment, `[core] baseline_motes_amount` (2.5 CSPR on mainnet). */
      floor: bigint
      /**
       * Below `floor` for a session that is not a native transfer: a 2.x node refuses the deploy
       * (`InvalidDeploy::InvalidPaymentAmount`, casper-types `transaction/deploy.rs` `is_config_compliant`).
       */
      belowFloor: boolean
      /** Below the emulated cost: the session runs out of gas and the whole payment is charged. */
      outOfGas: boolean
      /** More than `maxPaymentRatio` times the need (or above the ceiling when the need is unknown). */
      excessive: boolean
    }
  | {
      kind: 'custom-wasm' | 'stored-contract' | 'transfer' | 'malformed-standard'
      custom: true
      /** The `amount` arg when it is a readable U512 (what it claims to pay). */
      claimedMotes?: bigint | undefined
    }

/** A change the session asks for, decoded from its args. */
export type DeployChange =
  | { kind: 'addKey'; accountHash: string; weight: number }
  | { kind: 'updateKey'; accountHash: string; weight: number }
  | { kind: 'removeKey'; accountHash: string }
  | { kind: 'setThreshold'; action: 'deployment' | 'keyManagement'; value: number }

/** The session code: one of the bundled modules (by sha256), other Wasm, or not Wasm at all. */
export type DeploySessionKind =
  | 'two-party-multi-sig'
  | 'configure-account'
  | 'unknown-wasm'
  | 'not-module-bytes'

/** Everything {@link describeDeploy} finds, plus `text`, the same in plain words. */
export type DeployDescription = {
  hash: string
  account: { publicKey: string; accountHash: string; label?: string | undefined }
  session: { kind: DeploySessionKind; sha256?: string | undefined; bytes?: number | undefined }
  changes: DeployChange[]
  /** The emulated run against `options.account`, when given. */
  result?: EmulateSessionReturnType | undefined
  payment: DeployPayment
  chainName: string
  timestamp: Date
  expiresAt: Date
  expired: boolean
  /** Signers whose approval verifies against the deploy hash, each once. */
  signers: { publicKey: string; accountHash: string; label?: string | undefined }[]
  /** Approvals that do not verify, with the reason: the node refuses a deploy carrying any of them. */
  invalidApprovals: {
    index: number
    publicKey: string
    accountHash?: string | undefined
    label?: string | undefined
    reason: VerifyDeployReturnType['rejected'][number]['reason']
    message: string
  }[]
  /** {@link verifyDeploy}'s report: hashes recomputed from the content, and every approval checked. */
  verification: VerifyDeployReturnType
  /**
   * False when the content does not match the hash being signed, or an approval does not verify: then
   * `text` starts with `DO NOT SIGN:`.
   */
  safeToSign: boolean
  /** Why not to sign (empty when `safeToSign`), each rendered inert. */
  doNotSign: string[]
  warnings: string[]
  text: string
}

/**
 * Describes a deploy for the person about to sign it: whose account it changes, each key and
 * weight change and the thresholds (decoded from the args), whether the session Wasm is one of the
 * bundled modules (sha256 match) or unknown code, the payment, chain and expiry, and who has
 * signed. With `options.account`, the session is emulated (as it will run once enough keys have
 * signed, counting only approvals that verify) to show the resulting account.
 *
 * A signature approves `deploy.hash`, not what is shown, and `casper-client sign-deploy` signs without
 * checking it (casper-client-rs `lib/lib.rs` `sign_deploy_file`). So the deploy is verified first
 * ({@link verifyDeploy}): when the body hash or hash does not match the content, or an approval does
 * not verify, `text` starts with `DO NOT SIGN: …`, `safeToSign` is false, and only verified approvals
 * are listed as signers (the others under `invalidApprovals`, with the reason).
 *
 * The args of a bundled session are decoded as its Wasm reads them (the bytes, whatever the declared
 * CLType); an arg that is malformed or missing is a warning naming the revert it causes.
 *
 * @example
 * ```ts
 * const description = await describeDeploy(parseDeployJson(file), { account, labels: { [bob]: 'bob' } })
 * console.log(description.text)
 * // Deploy 18b078b0… for account account-hash-83b0df3b… on casper-test
 * // Session: two-party-multi-sig (bundled, sha256 54a236d7…)
 * //   add key bob (account-hash-c863d586…) with weight 1
 * // …
 * if (!description.safeToSign) throw new Error(description.text.split('\n')[0])
 * ```
 * @throws {DeployError} when the hashes cannot be computed from the content (see {@link verifyDeploy}).
 */
export async function describeDeploy(
  deploy: DeployJson,
  options: DescribeDeployOptions = {},
): Promise<DeployDescription> {
  const labels = new Map(
    Object.entries(options.labels ?? {}).map(([key, label]) => [accountHashOf(key), label]),
  )
  const name = (hash: string) => {
    const label = labels.get(hash)
    return label ? `${label} (account-hash-${hash.slice(0, 8)}…)` : `account-hash-${hash.slice(0, 8)}…`
  }
  const warnings: string[] = []
  const accountHash = accountHashFromPublicKey(deploy.header.account)
  const timestamp = new Date(parseTimestamp(deploy.header.timestamp))
  const expiresAt = new Date(timestamp.getTime() + parseDuration(deploy.header.ttl))
  const now = new Date(options.now ?? Date.now())

  const module = deploy.session.ModuleBytes
  const wasm = module ? hexToBytes(String(module.module_bytes)) : undefined
  const digest = wasm ? bytesToHex(sha256(wasm)) : undefined
  const kind: DeploySessionKind = !wasm
    ? 'not-module-bytes'
    : digest === twoPartyMultiSigWasmSha256
      ? 'two-party-multi-sig'
      : digest === configureAccountWasmSha256
        ? 'configure-account'
        : 'unknown-wasm'
  const args = module?.args ?? []
  const changes =
    kind === 'two-party-multi-sig'
      ? twoPartyChanges(args, warnings)
      : kind === 'configure-account'
        ? configureChanges(args, warnings, name)
        : []
  if (kind === 'unknown-wasm')
    warnings.push(
      'The session is Wasm that casper-multisig does not know: it can do anything the account can.',
    )
  if (kind === 'not-module-bytes')
    warnings.push(`The session is ${Object.keys(deploy.session)[0]}, not session Wasm.`)

  // casper-node v1.5.8 `node/src/types/deploy.rs` `has_valid_hash` + `validate_deploy`: what the node checks.
  const verification = verifyDeploy(deploy)
  const signers: DeployDescription['signers'] = []
  for (const { approval, accountHash: hash } of verification.valid) {
    if (signers.some((s) => s.accountHash === hash)) continue
    signers.push({ publicKey: approval.signer, accountHash: hash, label: labels.get(hash) })
  }
  const invalidApprovals = verification.rejected.map(({ index, approval, reason, message }) => {
    const hash = safeAccountHash(approval.signer)
    return {
      index,
      publicKey: approval.signer,
      accountHash: hash,
      label: hash && labels.get(hash),
      reason,
      message,
    }
  })
  const mismatch = verification.problems.filter(
    (p) => p.code === 'BodyHashMismatch' || p.code === 'HashMismatch',
  )
  const doNotSign = [
    ...(mismatch.length > 0
      ? [
          `the content does not match the hash being signed (${mismatch.map((p) => p.code).join(', ')}): what is shown here is not what a signature approves`,
        ]
      : []),
    ...(invalidApprovals.length > 0
      ? [
          `${invalidApprovals.length} approval${invalidApprovals.length === 1 ? ' does' : 's do'} not verify, and the node refuses a deploy carrying any invalid approval`,
        ]
      : []),
  ]
  if (verification.problems.some((p) => p.code === 'ExcessiveApprovals'))
    warnings.push(
      `The deploy carries ${verification.approvalCount} distinct approvals; the node accepts at most 100.`,
    )
  let result: EmulateSessionReturnType | undefined
  if (options.account && wasm) {
    // Run it as it will run once signed: the keys that signed, plus the fewest that complete it.
    const signed = signers.map((s) => s.accountHash)
    const { deployment, keyManagement } = options.account.actionThresholds
    const completing = missingSigners(options.account, signed, Math.max(deployment, keyManagement)) ?? []
    result = await emulateSession({
      wasm,
      args: args.map((arg) => ({ name: arg[0], value: argBytes(arg) })),
      account: options.account,
      signers: [...signed, ...completing],
      chainspec: options.chainspec,
      protocol: options.protocol,
    })
  }
  const expired = expiresAt <= now
  if (expired) warnings.push(`The deploy expired at ${expiresAt.toISOString()}; the node will refuse it.`)

  // The charge uses the network's current gas price (1 on mainnet); the header's gas_price is the most
  // the sender accepts (casper-node operations.rs prices by the era's current price).
  const chainspec = resolveChainspec(options)
  const gasPrice = BigInt(chainspec.gasPrice.min)
  const need = result?.ok && wasm ? result.gas.total * gasPrice : undefined
  const payment = describePayment(deploy, need, chainspec, options)
  if (payment.kind !== 'standard') {
    doNotSign.push(
      `the payment is ${payment.kind === 'malformed-standard' ? 'standard payment without a readable U512 amount' : `${payment.kind} payment code, which runs with the account's authority and is not examined`}`,
    )
  } else if (payment.belowFloor) {
    doNotSign.push(belowBaselineReason(payment.motes, payment.floor, 'deploy')!)
  } else if (payment.outOfGas && need !== undefined) {
    doNotSign.push(
      `the payment of ${formatCspr(payment.motes)} CSPR is below the emulated cost of ${formatCspr(need)} CSPR: the session would run out of gas, change nothing, and be charged the whole ${formatCspr(payment.ifFails)} CSPR`,
    )
  } else if (payment.excessive) {
    doNotSign.push(
      need === undefined
        ? `the payment of ${formatCspr(payment.motes)} CSPR is above ${formatCspr(options.paymentCeilingMotes ?? defaultCeiling)} CSPR and its need is unknown (give the account to emulate it)`
        : `the payment of ${formatCspr(payment.motes)} CSPR is over ${options.maxPaymentRatio ?? defaultRatio} times the larger of the emulated cost of ${formatCspr(need)} CSPR and the minimum payment of ${formatCspr(payment.floor)} CSPR; it would be charged ${formatCspr(payment.expectedCharge ?? payment.motes)} CSPR`,
    )
  }
  // Text from the file is shown inert below; text built to hide itself is a reason not to sign.
  const hidden = [
    ['the chain name', deploy.header.chain_name],
    ...[deploy.payment, deploy.session].flatMap((item) =>
      Object.values(item).flatMap((body) => [
        ...body.args.map(([n]) => [`the arg name ${n}`, n]),
        ...(['name', 'entry_point'] as const)
          .filter((field) => typeof body[field] === 'string')
          .map((field) => [`the ${field.replace('_', ' ')}`, body[field] as string]),
      ]),
    ),
  ].filter(([, text]) => hasUnsafeText(text!))
  if (hidden.length > 0)
    doNotSign.push(
      `${hidden.map(([what]) => what).join(', ')} hold${hidden.length === 1 ? 's' : ''} control, escape or invisible characters, shown escaped`,
    )

  const lines = [
    ...(doNotSign.length > 0 ? [`DO NOT SIGN: ${doNotSign.join('; ')}.`] : []),
    `Deploy ${deploy.hash.slice(0, 8)}… for account ${name(accountHash)} on ${deploy.header.chain_name}`,
    `Session: ${kind === 'unknown-wasm' || kind === 'not-module-bytes' ? kind : `${kind} (bundled, sha256 ${digest!.slice(0, 8)}…)`}`,
    ...changes.map((change) => `  ${describeChange(change, name)}`),
    ...(result
      ? result.ok
        ? [
            `Result: keys ${Object.entries(result.account.associatedKeys)
              .map(([h, w]) => `${name(h)}=${w}`)
              .join(
                ', ',
              )}; thresholds deployment ${result.account.actionThresholds.deployment}, key management ${result.account.actionThresholds.keyManagement}`,
          ]
        : [`Result: would fail: ${result.failure?.message}`]
      : []),
    paymentLine(payment),
    `Expires: ${expiresAt.toISOString()}${expired ? ' (expired)' : ''}`,
    `Signed by: ${signers.length > 0 ? signers.map((s) => name(s.accountHash)).join(', ') : 'nobody yet'}`,
    ...invalidApprovals.map(
      (a) =>
        `Invalid approval by ${a.accountHash ? name(a.accountHash) : a.publicKey} (approvals[${a.index}]): ${a.reason}: ${a.message}`,
    ),
    ...mismatch.map((p) => `Hash check: ${p.code}: ${p.message}`),
    ...warnings.map((w) => `Warning: ${w}`),
  ]
  return {
    hash: deploy.hash,
    account: { publicKey: deploy.header.account, accountHash, label: labels.get(accountHash) },
    session: { kind, sha256: digest, bytes: wasm?.length },
    changes,
    result,
    payment,
    chainName: deploy.header.chain_name,
    timestamp,
    expiresAt,
    expired,
    signers,
    invalidApprovals,
    verification,
    safeToSign: doNotSign.length === 0,
    doNotSign: doNotSign.map(safeText),
    warnings: warnings.map(safeText),
    // Every line rendered inert: arg names, chain name, labels and node text come from outside.
    text: lines.map(safeText).join('\n'),
  }
}

/**
 * two-party-multi-sig `contract/src/main.rs`: `get_named_arg::<AccountHash>("deployment-account")`.
 * The host hands the session the arg's bytes whatever its declared CLType (casper-node `runtime`
 * `casper_get_named_arg`), and `bytesrepr::deserialize` wants exactly 32 (wasm/two-party-multi-sig.wat).
 */
function twoPartyChanges(args: readonly NamedArgJson[], warnings: string[]): DeployChange[] {
  const arg = args.find(([n]) => n === 'deployment-account')
  if (!arg) {
    warnings.push(
      'Arg deployment-account: expected ByteArray(32) (an account hash), got no such arg: the session will revert with MissingArgument [2] and change nothing.',
    )
    return []
  }
  const bytes = argBytes(arg)
  const declared = clTypeText(arg[1].cl_type)
  if (bytes.length !== 32) {
    warnings.push(
      `Arg deployment-account: expected ByteArray(32) (an account hash, 32 bytes), got ${declared} of ${bytes.length} bytes: the session will revert with InvalidArgument [3] and change nothing.`,
    )
    return []
  }
  if (declared !== 'ByteArray(32)') {
    warnings.push(
      `Arg deployment-account: expected CLType ByteArray(32), got ${declared}; the session reads its 32 bytes as an account hash anyway.`,
    )
  }
  return [
    { kind: 'addKey', accountHash: bytesToHex(bytes), weight: 1 },
    { kind: 'setThreshold', action: 'keyManagement', value: 2 },
    { kind: 'setThreshold', action: 'deployment', value: 2 },
  ]
}

const malformed = Symbol('malformed')

/**
 * The changes configure-account.wasm makes, decoded as the Wasm decodes them (wasm/configure-account.wat
 * `$list`, `$u8`, `$set_keys`): a list by its u32 count with exactly its bytes, a U8 of exactly 1 byte,
 * else `InvalidArgument [3]`; one list of a pair without the other `MissingArgument [2]`; a pair of
 * different lengths `InvalidArgument [3]`. A revert undoes the whole session, so each is a warning.
 */
function configureChanges(
  args: readonly NamedArgJson[],
  warnings: string[],
  name: (hash: string) => string,
): DeployChange[] {
  const reverts = (what: string, error: 'MissingArgument [2]' | 'InvalidArgument [3]') =>
    warnings.push(`${what}: the session will revert with ${error} and change nothing.`)
  for (const [argName] of args) {
    if (!configureAccountArgTypes.has(argName))
      warnings.push(`Arg ${argName}: configure-account does not read it; it has no effect.`)
  }
  const read = (argName: string): unknown => {
    const arg = args.find(([n]) => n === argName)
    if (!arg) return undefined
    const expected = configureAccountArgTypes.get(argName)!
    const declared = clTypeText(arg[1].cl_type)
    if (declared !== expected) {
      warnings.push(
        `Arg ${argName}: expected CLType ${expected}, got ${declared}; the session reads its bytes as ${expected} anyway.`,
      )
    }
    const decoded = decodeArgValue(expected, argBytes(arg))
    if (decoded.ok) return decoded.value
    reverts(`Arg ${argName} is not a valid ${expected}: ${decoded.message}`, 'InvalidArgument [3]')
    return malformed
  }
  const keyed = (keys: string, weights: string, kind: 'addKey' | 'updateKey'): DeployChange[] => {
    const hashes = read(keys) as string[] | typeof malformed | undefined
    const ws = read(weights) as number[] | typeof malformed | undefined
    if (hashes === malformed || ws === malformed || (hashes === undefined && ws === undefined)) return []
    if (hashes === undefined || ws === undefined) {
      const [given, missing] = hashes === undefined ? [weights, keys] : [keys, weights]
      reverts(`Arg ${given}: expected ${missing} beside it, got no ${missing}`, 'MissingArgument [2]')
      return []
    }
    if (hashes.length !== ws.length) {
      reverts(
        `Args ${keys} and ${weights}: expected as many weights as keys, got ${hashes.length} key${hashes.length === 1 ? '' : 's'} (${hashes.map(name).join(', ')}) and ${ws.length} weight${ws.length === 1 ? '' : 's'}`,
        'InvalidArgument [3]',
      )
      return []
    }
    return hashes.map((accountHash, i) => ({ kind, accountHash, weight: ws[i]! }))
  }
  const threshold = (argName: string) => {
    const value = read(argName)
    return typeof value === 'number' ? value : undefined
  }
  const added = keyed('add', 'add_w', 'addKey')
  const raised = keyed('raise', 'raise_w', 'updateKey')
  const thresholds: DeployChange[] = []
  const deployment = threshold('dep')
  const keyManagement = threshold('km')
  if (deployment !== undefined)
    thresholds.push({ kind: 'setThreshold', action: 'deployment', value: deployment })
  if (keyManagement !== undefined)
    thresholds.push({ kind: 'setThreshold', action: 'keyManagement', value: keyManagement })
  const lowered = keyed('lower', 'lower_w', 'updateKey')
  const removed = read('rm')
  return [
    ...added,
    ...raised,
    ...thresholds,
    ...lowered,
    ...(Array.isArray(removed) ? (removed as string[]) : []).map((accountHash) => ({
      kind: 'removeKey' as const,
      accountHash,
    })),
  ]
}

/** A JSON CLType as text: the known names (`List<U8>`), a bare name (`Key`), or its JSON. */
function clTypeText(clType: unknown): string {
  return knownArgType(clType) ?? (typeof clType === 'string' ? clType : JSON.stringify(clType))
}

/** The account hash of a signer, or undefined when the signer is not a public key at all. */
function safeAccountHash(signer: string): string | undefined {
  try {
    return accountHashFromPublicKey(signer)
  } catch {
    return undefined
  }
}

/**
 * One key or threshold change in plain words, each key named by `name` (a label and its hash).
 *
 * @example
 * ```ts
 * describeChange({ kind: 'removeKey', accountHash }, (h) => `account-hash-${h}`) // 'remove key account-hash-…'
 * ```
 */
export function describeChange(change: DeployChange, name: (hash: string) => string): string {
  switch (change.kind) {
    case 'addKey':
      return `add key ${name(change.accountHash)} with weight ${change.weight}`
    case 'updateKey':
      return `set the weight of ${name(change.accountHash)} to ${change.weight}`
    case 'removeKey':
      return `remove key ${name(change.accountHash)}`
    case 'setThreshold':
      return `set the ${change.action === 'deployment' ? 'deployment' : 'key-management'} threshold to ${change.value}`
  }
}

const defaultRatio = 4
const defaultFloor = 2_500_000_000n
const defaultCeiling = 100_000_000_000n

/**
 * The payment's kind and amount. casper-node v1.5.8 `executable_deploy_item.rs` `is_standard_payment`:
 * `ModuleBytes` with empty module bytes is the node's standard payment, which reads `amount` as U512;
 * anything else is code run with the account's authority.
 */
function describePayment(
  deploy: DeployJson,
  need: bigint | undefined,
  chainspec: Chainspec,
  options: DescribeDeployOptions,
): DeployPayment {
  const [variant, body] = Object.entries(deploy.payment)[0]!
  const amount = body.args.find(([n]) => n === 'amount')
  const decoded =
    amount && knownArgType(amount[1].cl_type) === 'U512'
      ? decodeArgValue('U512', argBytes(amount))
      : undefined
  const motes = decoded?.ok ? BigInt(decoded.value as string) : undefined
  if (variant !== 'ModuleBytes' || body.module_bytes !== '' || motes === undefined) {
    const kind =
      variant === 'Transfer'
        ? 'transfer'
        : variant !== 'ModuleBytes'
          ? 'stored-contract'
          : body.module_bytes !== ''
            ? 'custom-wasm'
            : 'malformed-standard'
    return { kind, custom: true, claimedMotes: motes }
  }
  const floor = options.paymentFloorMotes ?? defaultFloor
  const ratio = options.maxPaymentRatio ?? defaultRatio
  const excessive =
    motes > floor &&
    (need === undefined
      ? motes > (options.paymentCeilingMotes ?? defaultCeiling)
      : // The least the network allows is the baseline: compare with max(need, baseline).
        motes * 1000n >
        (need > chainspec.baselineMotesAmount ? need : chainspec.baselineMotesAmount) *
          BigInt(Math.round(ratio * 1000)))
  // estimateCost prices at the network's current gas price, never the header's gas_price.
  const gasPrice = BigInt(Math.max(chainspec.gasPrice.min, 1))
  const cost = (gas: bigint, outcome: 'success' | 'failure') =>
    chainspec.pricingHandling.type === 'payment_limited'
      ? estimateCost({ gas, paymentAmount: motes, outcome }, { chainspec }).charged
      : undefined
  const expectedCharge = need === undefined ? undefined : cost(need / gasPrice, 'success')
  const ifFails = cost(0n, 'failure') ?? motes
  const minimum = chainspec.baselineMotesAmount
  const transfer = 'Transfer' in deploy.session
  const belowFloor = !transfer && belowBaselineReason(motes, minimum, 'deploy') !== undefined
  const outOfGas = need !== undefined && motes < need
  return {
    kind: 'standard',
    motes,
    need,
    expectedCharge,
    ifFails,
    floor: minimum,
    belowFloor,
    outOfGas,
    excessive,
  }
}

/**
 * The payment as a co-signer reads it: kind, amount, emulated cost and expected charge.
 *
 * @example
 * ```ts
 * paymentLine(description.payment)
 * // 'Payment: 2.5 CSPR standard payment (emulated cost 0.48 CSPR, expected charge 0.985 CSPR, if it fails: 2.5 CSPR)'
 * ```
 */
export function paymentLine(payment: DeployPayment): string {
  if (payment.kind !== 'standard') {
    const claimed =
      payment.claimedMotes === undefined ? '' : `, amount arg ${formatCspr(payment.claimedMotes)} CSPR`
    return `Payment: ${payment.kind} (not standard payment${claimed})`
  }
  const need =
    payment.need === undefined
      ? `cost not emulated, if it fails: ${formatCspr(payment.ifFails)} CSPR`
      : payment.outOfGas
        ? `emulated cost ${formatCspr(payment.need)} CSPR: runs out of gas, charged ${formatCspr(payment.ifFails)} CSPR`
        : `emulated cost ${formatCspr(payment.need)} CSPR, expected charge ${formatCspr(payment.expectedCharge ?? payment.need)} CSPR, if it fails: ${formatCspr(payment.ifFails)} CSPR`
  const floor = payment.belowFloor ? `, below the minimum payment of ${formatCspr(payment.floor)} CSPR` : ''
  return `Payment: ${formatCspr(payment.motes)} CSPR standard payment (${need})${floor}${payment.excessive ? ', excessive' : ''}`
}
