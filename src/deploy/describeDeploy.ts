// What a co-signer is about to approve, in plain words, decoded from the deploy itself.
import { sha256 } from '@noble/hashes/sha2'
import type { Account } from '../account/Account.js'
import { accountHashFromPublicKey, accountHashOf } from '../account/accountHash.js'
import { missingSigners } from '../account/missingSigners.js'
import { type EmulateSessionReturnType, emulateSession, type Protocol } from '../emulator/emulateSession.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { configureAccountWasmSha256 } from '../wasm/modules/configureAccountWasm.js'
import { twoPartyMultiSigWasmSha256 } from '../wasm/modules/twoPartyMultiSigWasm.js'
import { argBytes, decodeU512, knownArgType, parsedValue } from './clValueJson.js'
import type { DeployJson, NamedArgJson } from './DeployJson.js'
import { parseDuration } from './duration.js'

/** Options of {@link describeDeploy}. */
export type DescribeDeployOptions = {
  /** The account as it is on chain now: the session is emulated against it to show the result. */
  account?: Account | undefined
  /** Names for keys, e.g. `{ [bobPublicKey]: 'bob' }`. */
  labels?: Readonly<Record<string, string>> | undefined
  protocol?: Protocol | undefined
  /** Default: now. */
  now?: Date | number | undefined
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
  payment: { motes: bigint } | { custom: true }
  chainName: string
  timestamp: Date
  expiresAt: Date
  expired: boolean
  signers: { publicKey: string; accountHash: string; label?: string | undefined }[]
  warnings: string[]
  text: string
}

/**
 * Describes a deploy for the person about to sign it: whose account it changes, each key and
 * weight change and the thresholds (decoded from the args), whether the session Wasm is one of the
 * bundled modules (sha256 match) or unknown code, the payment, chain and expiry, and who has
 * signed. With `options.account`, the session is emulated (as it will run once enough keys have
 * signed) to show the resulting account.
 *
 * @example
 * ```ts
 * const description = await describeDeploy(parseDeployJson(file), { account, labels: { [bob]: 'bob' } })
 * console.log(description.text)
 * // Deploy 18b078b0… for account account-hash-83b0df3b… on casper-test
 * // Session: two-party-multi-sig (bundled, sha256 54a236d7…)
 * //   add key bob (account-hash-c863d586…) with weight 1
 * // …
 * ```
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
  const timestamp = new Date(deploy.header.timestamp)
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
      ? twoPartyChanges(args)
      : kind === 'configure-account'
        ? configureChanges(args)
        : []
  if (kind === 'unknown-wasm')
    warnings.push(
      'The session is Wasm that casper-multisig does not know: it can do anything the account can.',
    )
  if (kind === 'not-module-bytes')
    warnings.push(`The session is ${Object.keys(deploy.session)[0]}, not session Wasm.`)

  const signers = deploy.approvals.map(({ signer }) => {
    const hash = accountHashFromPublicKey(signer)
    return { publicKey: signer, accountHash: hash, label: labels.get(hash) }
  })
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
      protocol: options.protocol,
    })
  }
  const expired = expiresAt <= now
  if (expired) warnings.push(`The deploy expired at ${expiresAt.toISOString()}; the node will refuse it.`)

  const paymentModule = deploy.payment.ModuleBytes
  const amount =
    paymentModule?.module_bytes === '' ? paymentModule.args.find(([n]) => n === 'amount') : undefined
  const payment: DeployDescription['payment'] = amount
    ? { motes: decodeU512(argBytes(amount)) }
    : { custom: true }

  const lines = [
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
    'motes' in payment ? `Payment: ${formatMotes(payment.motes)} CSPR` : 'Payment: custom payment code',
    `Expires: ${expiresAt.toISOString()}${expired ? ' (expired)' : ''}`,
    `Signed by: ${signers.length > 0 ? signers.map((s) => name(s.accountHash)).join(', ') : 'nobody yet'}`,
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
    warnings,
    text: lines.join('\n'),
  }
}

function twoPartyChanges(args: readonly NamedArgJson[]): DeployChange[] {
  const arg = args.find(([n]) => n === 'deployment-account')
  const bytes = arg ? argBytes(arg) : undefined
  if (bytes?.length !== 32) return []
  return [
    { kind: 'addKey', accountHash: bytesToHex(bytes), weight: 1 },
    { kind: 'setThreshold', action: 'keyManagement', value: 2 },
    { kind: 'setThreshold', action: 'deployment', value: 2 },
  ]
}

function configureChanges(args: readonly NamedArgJson[]): DeployChange[] {
  const value = (name: string) => {
    const arg = args.find(([n]) => n === name)
    const type = arg && knownArgType(arg[1].cl_type)
    return arg && type ? parsedValue(type, argBytes(arg)) : undefined
  }
  const keyed = (keys: string, weights: string, kind: 'addKey' | 'updateKey'): DeployChange[] => {
    const hashes = (value(keys) as string[] | undefined) ?? []
    const ws = (value(weights) as number[] | undefined) ?? []
    return hashes.map((accountHash, i) => ({ kind, accountHash, weight: ws[i] ?? 0 }))
  }
  const thresholds: DeployChange[] = []
  const deployment = value('dep') as number | undefined
  const keyManagement = value('km') as number | undefined
  if (deployment !== undefined)
    thresholds.push({ kind: 'setThreshold', action: 'deployment', value: deployment })
  if (keyManagement !== undefined)
    thresholds.push({ kind: 'setThreshold', action: 'keyManagement', value: keyManagement })
  return [
    ...keyed('add', 'add_w', 'addKey'),
    ...keyed('raise', 'raise_w', 'updateKey'),
    ...thresholds,
    ...keyed('lower', 'lower_w', 'updateKey'),
    ...((value('rm') as string[] | undefined) ?? []).map((accountHash) => ({
      kind: 'removeKey' as const,
      accountHash,
    })),
  ]
}

function describeChange(change: DeployChange, name: (hash: string) => string): string {
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

/** Motes as CSPR text (1 CSPR = 1e9 motes), trailing zeros trimmed. */
function formatMotes(motes: bigint): string {
  const whole = motes / 1_000_000_000n
  const fraction = (motes % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : `${whole}`
}
