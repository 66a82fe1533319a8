// The one text of a description: what `describeDeploy().text`, CLI `describe` and `sign` print.
import { formatCspr } from '../text/formatCspr.js'
import { keyName } from '../text/keyName.js'
import { safeText } from '../text/safeText.js'
import type { CodeDescription, FileDescription, KeyChange, PaymentDescription } from './describeFile.js'

/**
 * A {@link FileDescription} as lines: `DO NOT SIGN: …` first when it must not be signed, then the
 * hash, account, chain, code, each change, the emulated result, payment, expiry, signers, invalid
 * approvals and warnings. Every hash and key is shown whole, named by `labels` (account hash →
 * name) when it has a label; every text from the file goes through `safeText`.
 *
 * @example
 * ```ts
 * for (const line of descriptionLines(describeFile(file), new Map([[bobHash, 'bob']]))) console.log(line)
 * ```
 */
export function descriptionLines(
  description: FileDescription,
  labels: ReadonlyMap<string, string> = new Map(),
): string[] {
  const name = (hash: string) => keyName(hash, labels)
  const { code, outcome, verification } = description
  return [
    ...(description.doNotSign.length > 0 ? [`DO NOT SIGN: ${description.doNotSign.join('; ')}.`] : []),
    `${description.kind === 'deploy' ? 'Deploy' : 'Transaction'} ${description.hash}`,
    `Account: ${name(description.account.accountHash)}`,
    `Chain: ${safeText(description.chainName)}`,
    `Session: ${codeText(code, name)}`,
    ...(description.runtime ? [`Runtime: ${runtimeText(description.runtime)}`] : []),
    ...description.changes.map((change) => `  ${describeChange(change, name)}`),
    ...(code.kind === 'two-party-multi-sig' ||
    code.kind === 'configure-account' ||
    code.kind === 'transfer' ||
    code.kind === 'auction' ||
    code.kind === 'bid'
      ? []
      : description.args.map(
          (a) =>
            `  arg ${safeText(a.name)}: ${a.type} = ${a.value === undefined ? `bytes ${a.hex || '(empty)'}` : safeText(a.value)}`,
        )),
    ...(outcome
      ? outcome.ok
        ? [
            'Result:',
            ...Object.entries(outcome.account.associatedKeys).map(
              ([hash, weight]) => `  ${name(hash)} weight ${weight}`,
            ),
            `  thresholds: deployment ${outcome.account.actionThresholds.deployment}, key management ${outcome.account.actionThresholds.keyManagement}`,
          ]
        : [`Result: would fail: ${safeText(outcome.failure)}`]
      : []),
    paymentLine(description.payment),
    `Expires: ${new Date(description.expiresAt).toISOString()}${description.expired ? ' (expired)' : ''}`,
    description.signers.length > 0 ? 'Signed by:' : 'Signed by: nobody yet',
    ...description.signers.map((s) => `  ${name(s.accountHash)}`),
    ...verification.approvals.flatMap((a) =>
      a.ok
        ? []
        : [
            `Invalid approval by ${safeText(a.approval.signer)} (approvals[${a.index}]): ${a.reason}: ${safeText(a.message)}`,
          ],
    ),
    ...verification.problems
      .filter((p) => p.code === 'BodyHashMismatch' || p.code === 'HashMismatch')
      .map((p) => `Hash check: ${p.code}: ${safeText(p.message)}`),
    ...description.warnings.map((w) => `Warning: ${w}`),
  ]
}

/**
 * One key or threshold change in plain words, each key named by `name`.
 *
 * @example
 * ```ts
 * describeChange({ kind: 'removeKey', accountHash: 'ab'.repeat(32) }, (h) => `account-hash-${h}`)
 * ```
 */
export function describeChange(change: KeyChange, name: (hash: string) => string): string {
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

/**
 * The payment as a co-signer reads it: amount, kind, emulated cost, expected charge, and what a
 * failure is charged.
 *
 * @example
 * ```ts
 * paymentLine(describeFile(file).payment) // 'Payment: 2.5 CSPR standard payment (cost not emulated, if it fails: 2.5 CSPR)'
 * ```
 */
export function paymentLine(payment: PaymentDescription): string {
  if (payment.kind !== 'standard') return `Payment: ${safeText(payment.text)}`
  const need =
    payment.need === undefined
      ? payment.outOfGas
        ? `runs out of gas within what it buys, charged ${formatCspr(payment.ifFails)} CSPR`
        : `cost not emulated, if it fails: ${formatCspr(payment.ifFails)} CSPR`
      : payment.outOfGas
        ? `emulated cost ${formatCspr(payment.need)} CSPR: runs out of gas, charged ${formatCspr(payment.ifFails)} CSPR`
        : `${payment.needFrom === 'system cost' ? 'system cost' : 'emulated cost'} ${formatCspr(payment.need)} CSPR, expected charge ${formatCspr(payment.expectedCharge ?? payment.need)} CSPR, if it fails: ${formatCspr(payment.ifFails)} CSPR`
  const floor = payment.belowFloor ? `, below the minimum payment of ${formatCspr(payment.floor)} CSPR` : ''
  return `Payment: ${formatCspr(payment.motes)} CSPR standard payment (${need})${floor}${payment.excessive ? ', excessive' : ''}`
}

/**
 * The code as one line: a bundled module and its sha256, other Wasm, a native transfer or a
 * delegation with every amount, key and purse in full (keys named by `name`), a stored contract.
 *
 * @example
 * ```ts
 * codeText(describeFile(file).code, (hash) => `account-hash-${hash}`)
 * ```
 */
export function codeText(code: CodeDescription, name: (hash: string) => string): string {
  switch (code.kind) {
    case 'two-party-multi-sig':
    case 'configure-account':
      return `${code.kind} (bundled, sha256 ${code.sha256})`
    case 'unknown-wasm':
      return `unknown-wasm (sha256 ${code.sha256}, ${code.bytes} bytes)${code.accepted === undefined ? '' : `, accepted in your address book as "${safeText(code.accepted)}"`}`
    case 'stored': {
      const version =
        code.version === undefined ? 'its newest enabled version' : `contract version ${code.version}`
      const major =
        code.protocolVersionMajor === undefined
          ? ''
          : ` of protocol major version ${code.protocolVersionMajor}`
      const named = JSON.stringify(code.target)
      const target = {
        hash: `stored contract ${code.target}`,
        name: `stored contract named ${safeText(named)} in the account's named keys`,
        packageHash: `stored contract package ${code.target}, ${version}${major}`,
        packageName: `stored contract package named ${safeText(named)} in the account's named keys, ${version}${major}`,
      }[code.by]
      return `${target}, entry point ${safeText(JSON.stringify(code.entryPoint))}`
    }
    case 'bid':
      return bidText(code)
    case 'transfer': {
      const target = code.target
      const to =
        target.kind === 'publicKey'
          ? `${name(target.accountHash)} (public key ${target.publicKey})`
          : target.kind === 'accountHash'
            ? name(target.accountHash)
            : `purse ${target.uref}`
      return `native transfer of ${motesText(code.amount)} to ${to}, from ${code.source ? `purse ${code.source}` : "the account's main purse"}, ${code.id === undefined ? 'no transfer id' : `transfer id ${code.id}`}`
    }
    case 'auction': {
      const by = `delegator ${code.delegator}`
      const via = code.contract ? ` (auction contract ${code.contract})` : ''
      return code.entryPoint === 'redelegate'
        ? `redelegate ${motesText(code.amount)} from validator ${code.validator} to validator ${code.newValidator}, ${by}${via}`
        : `${code.entryPoint} ${motesText(code.amount)} ${code.entryPoint === 'delegate' ? 'to' : 'from'} validator ${code.validator}, ${by}${via}`
    }
    default:
      return `native ${safeText(code.entryPoint)}`
  }
}

/** A validator's auction call in plain words, every key in full. */
function bidText(code: Extract<CodeDescription, { kind: 'bid' }>): string {
  const via = code.contract ? ` (auction contract ${code.contract})` : ''
  const delegator = (d: NonNullable<typeof code.delegators>[number]) =>
    d.kind === 'publicKey' ? `delegator ${d.publicKey}` : `delegator purse ${d.address}`
  switch (code.entryPoint) {
    case 'add_bid': {
      const limits = [
        code.minimumDelegationAmount === undefined
          ? undefined
          : `minimum delegation ${motesText(code.minimumDelegationAmount)}`,
        code.maximumDelegationAmount === undefined
          ? undefined
          : `maximum delegation ${motesText(code.maximumDelegationAmount)}`,
        code.reservedSlots === undefined ? undefined : `${code.reservedSlots} reserved delegator slots`,
      ].filter((t) => t !== undefined)
      return `add_bid: stake ${motesText(code.amount!)} as validator ${code.validator}, delegation rate ${code.delegationRate}%${limits.length > 0 ? `, ${limits.join(', ')}` : ''}${via}`
    }
    case 'withdraw_bid':
      return `withdraw_bid: withdraw ${motesText(code.amount!)} from the bid of validator ${code.validator}${via}`
    case 'activate_bid':
      return `activate_bid: reactivate the bid of validator ${code.validator}${via}`
    case 'change_bid_public_key':
      return `change_bid_public_key: move the bid of validator ${code.validator}, its stake and delegators, to public key ${code.newPublicKey}${via}`
    case 'add_reservations':
      return `add_reservations: ${code.reservations!.length} reserved delegator slot${code.reservations!.length === 1 ? '' : 's'}${code.reservations!.map((r) => `; ${delegator(r.delegator)} with validator ${r.validator} at delegation rate ${r.delegationRate}%`).join('')}${via}`
    case 'cancel_reservations':
      return `cancel_reservations: validator ${code.validator} cancels the reserved slot${code.delegators!.length === 1 ? '' : 's'} of ${code.delegators!.length === 0 ? 'no delegator' : code.delegators!.map(delegator).join(', ')}${via}`
  }
}

/** An amount in CSPR with its exact motes: `999999 CSPR (999999000000000 motes)`. */
function motesText(motes: bigint): string {
  return `${formatCspr(motes)} CSPR (${motes} motes)`
}

/**
 * `VmCasperV1`, or `VmCasperV2` with its transferred value and seed.
 *
 * @example
 * ```ts
 * runtimeText({ name: 'VmCasperV1' }) // 'VmCasperV1'
 * ```
 */
export function runtimeText(runtime: NonNullable<FileDescription['runtime']>): string {
  return runtime.name === 'VmCasperV1'
    ? 'VmCasperV1'
    : `VmCasperV2, transferred value ${runtime.transferredValue} motes, seed ${runtime.seed ?? 'none'}`
}
