// Turns a node's execution error_message into what went wrong in this account's terms, and what to do.
import type { Account, AccountHashHex } from '../account/Account.js'
import { authorizationWeight, maxAssociatedKeys, totalKeysWeight } from '../account/accountRules.js'
import { type ApiError, apiError } from '../emulator/apiError.js'

/** What kind of failure an `error_message` reports. */
export type ExecutionErrorKind =
  | 'ApiError'
  | 'UserError'
  | 'AuthorizationFailure'
  | 'DeploymentAuthorizationFailure'
  | 'OutOfGas'
  | 'InsufficientPayment'
  | 'WasmPreprocessing'
  | 'Unknown'

/** What the explanation may use: the account as it was when the deploy ran, who signed, what was paid. */
export type ExplainExecutionErrorContext = {
  /** The account before the deploy (e.g. `getAccountConfig(…).account` read before submitting). */
  account?: Account | undefined
  /** Account hashes of the deploy's signers. */
  signers?: readonly AccountHashHex[] | undefined
  /** The payment in motes. */
  payment?: bigint | undefined
}

/** What {@link explainExecutionError} returns. */
export type ExplainExecutionErrorReturnType = {
  kind: ExecutionErrorKind
  /** The decoded ApiError for `ApiError::<Name> [<code>]`, `User error: <n>`, `Mint error: <n>`, … */
  apiError?: ApiError | undefined
  /** One or two sentences in the account's terms (keys, weights, thresholds) when the context allows. */
  explanation: string
  remedy: string
}

const key = (hash: AccountHashHex) => `account-hash-${hash}`

/**
 * Explains an execution `error_message` (1.5 `execution_results[].result.Failure.error_message`,
 * 2.0 `execution_info.execution_result.Version2.error_message`). Texts it recognises are those
 * casper-node prints (casper-types `api_error.rs` `Display`, casper-execution-engine
 * `engine_state/error.rs`: "Authorization failure: not authorized.", "Deployment authorization
 * failure", "Insufficient payment", "Out of gas error", "Wasm preprocessing error: …"). Reasons in
 * terms of the account follow casper-types `account.rs` / `action_thresholds.rs`.
 *
 * @example
 * ```ts
 * explainExecutionError('ApiError::PermissionDenied [23]', { account, signers: [alice] })
 * // { kind: 'ApiError', apiError: { code: 23, name: 'PermissionDenied', … },
 * //   explanation: 'the signers held weight 1, key management needs 2', remedy: 'collect approvals from …' }
 * ```
 */
export function explainExecutionError(
  errorMessage: string,
  context: ExplainExecutionErrorContext = {},
): ExplainExecutionErrorReturnType {
  const message = errorMessage.trim()
  const { account, signers } = context
  const signerWeight = account && signers ? authorizationWeight(account, signers) : undefined

  const api = decodeApiError(message)
  if (api)
    return {
      kind: api.name === 'User' ? 'UserError' : 'ApiError',
      apiError: api,
      ...explainApiError(api, context),
    }

  if (/^Deployment authorization failure/i.test(message)) {
    const threshold = account?.actionThresholds.deployment
    return {
      kind: 'DeploymentAuthorizationFailure',
      explanation:
        threshold === undefined
          ? 'the signers did not reach the deployment threshold'
          : `the signers held weight ${signerWeight ?? 'less than needed'}, the deployment threshold is ${threshold}`,
      remedy: `Collect approvals from more associated keys${account ? ` (${missingKeys(account, signers)})` : ''}, then send again.`,
    }
  }
  if (/^Authorization failure/i.test(message)) {
    const strangers = account && signers ? signers.filter((s) => !(s in account.associatedKeys)) : []
    return {
      kind: 'AuthorizationFailure',
      explanation:
        strangers.length > 0
          ? `${strangers.map(key).join(', ')} signed but ${strangers.length === 1 ? 'is' : 'are'} not an associated key of this account (casper-node 1.5 refuses the whole deploy)`
          : 'a signer is not an associated key of this account, or the signers are too light for it',
      remedy:
        'Attach approvals only from the account’s associated keys (read them with getAccountConfig), then send again.',
    }
  }
  if (/^Out of gas/i.test(message)) {
    return {
      kind: 'OutOfGas',
      explanation: `the session ran out of gas${context.payment !== undefined ? ` within the payment of ${context.payment} motes` : ''}`,
      remedy:
        'Pay more: build the deploy again with a higher payment (or a larger paymentMargin); the emulator’s gas is a lower bound when the account holds many named keys.',
    }
  }
  if (/^Insufficient payment/i.test(message)) {
    return {
      kind: 'InsufficientPayment',
      explanation:
        'the payment was below what the node charges up front, or the main purse could not cover it',
      remedy: 'Raise the payment amount, and check that the account’s main purse holds at least that much.',
    }
  }
  if (/^Wasm preprocessing error/i.test(message)) {
    return {
      kind: 'WasmPreprocessing',
      explanation: `the node refused the session Wasm: ${message}`,
      remedy: 'Check the module with checkSessionWasm(); the bundled sessions pass on 1.5 and 2.0.',
    }
  }
  return {
    kind: 'Unknown',
    explanation: message,
    remedy:
      'Read the message above; if the session manages keys, run preflight() against the current account.',
  }
}

/** `ApiError::<Name> [<code>]`, `ApiError::AuctionError(<n>) [<code>]`, `User error: <n>`, `Mint error: <n>`, … */
function decodeApiError(message: string): ApiError | undefined {
  const reserved = /ApiError::[A-Za-z]+(?:\([A-Za-z0-9]+\))? \[(\d+)\]/.exec(message)
  if (reserved) return apiError(Number(reserved[1]))
  const ranged = /(User|Mint|Handle Payment|Contract header) error: (\d+)/.exec(message)
  if (ranged) {
    const base = { User: 65_536, Mint: 65_024, 'Handle Payment': 65_280, 'Contract header': 64_768 }[
      ranged[1] as 'User'
    ]
    return apiError(base + Number(ranged[2]))
  }
  return undefined
}

function explainApiError(
  api: ApiError,
  { account, signers }: ExplainExecutionErrorContext,
): { explanation: string; remedy: string } {
  const thresholds = account?.actionThresholds
  const total = account ? totalKeysWeight(account) : undefined
  const keyCount = account ? Object.keys(account.associatedKeys).length : undefined
  switch (api.name) {
    case 'MissingArgument':
      return {
        explanation: 'the session did not find a named argument it needs',
        remedy:
          'Build the deploy with the library’s builders; the two-party session needs `deployment-account`.',
      }
    case 'InvalidArgument':
      return {
        explanation:
          'a session argument has the wrong type (e.g. a Key where an AccountHash / ByteArray(32) is expected)',
        remedy: 'Pass `deployment-account` as ByteArray(32) (account_hash), not as a Key.',
      }
    case 'MaxKeysLimit':
      return {
        explanation: `the account already holds ${keyCount ?? 'the maximum number of'} associated keys; the limit is ${maxAssociatedKeys} (chainspec core.max_associated_keys)`,
        remedy:
          'Remove a key in an earlier deploy before adding another (planReconfiguration orders adds before removals).',
      }
    case 'DuplicateKey':
      return {
        explanation: 'the key being added is already an associated key of this account',
        remedy:
          'Re-read the account (getAccountConfig) and plan again: change its weight with an update instead of adding it.',
      }
    case 'PermissionDenied': {
      const weight = account && signers ? authorizationWeight(account, signers) : undefined
      return {
        explanation: thresholds
          ? `the signers held weight ${weight ?? 'below the threshold'}, key management needs ${thresholds.keyManagement}`
          : 'the signers’ weight was below the key-management threshold',
        remedy: `Collect approvals reaching the key-management threshold${account ? ` (${missingKeys(account, signers)})` : ''}, then send again.`,
      }
    }
    case 'MissingKey':
      return {
        explanation: `the key being updated or removed is not an associated key of this account${account ? ` (it holds ${Object.keys(account.associatedKeys).map(key).join(', ')})` : ''}`,
        remedy:
          'Re-read the account (getAccountConfig): the key may already be gone; plan from the current state.',
      }
    case 'ThresholdViolation':
      return {
        explanation: thresholds
          ? thresholdViolation(account!, thresholds.deployment, thresholds.keyManagement)
          : 'removing or lowering a key would leave the remaining keys below the deployment or key-management threshold',
        remedy:
          'Lower the thresholds first, or add / raise other keys before removing or lowering this one (planReconfiguration orders the steps so each succeeds).',
      }
    case 'KeyManagementThreshold':
      return {
        explanation: `the key-management threshold may not go below the deployment threshold${thresholds ? ` ${thresholds.deployment}` : ''}`,
        remedy: 'Lower the deployment threshold first, then the key-management threshold.',
      }
    case 'DeploymentThreshold':
      return {
        explanation: `the deployment threshold may not exceed the key-management threshold${thresholds ? ` ${thresholds.keyManagement}` : ''}`,
        remedy: 'Raise the key-management threshold first, then the deployment threshold.',
      }
    case 'InsufficientTotalWeight':
      return {
        explanation: `a threshold may not exceed the total weight of all keys${total !== undefined ? ` (${total})` : ''}`,
        remedy: 'Add keys or raise weights first, or choose a lower threshold.',
      }
    case 'User':
      return {
        explanation: `the session reverted with its own code ${api.value}`,
        remedy: 'See the session’s source for what this code means.',
      }
    default:
      return {
        explanation: `the session reverted with ${api.message}`,
        remedy:
          'Run the session in the emulator (preflight) against the current account to see which call failed.',
      }
  }
}

/** casper-types `account.rs`: removal / lowering fails when the other keys hold less than either threshold. */
function thresholdViolation(account: Account, deployment: number, keyManagement: number): string {
  const [name, threshold] =
    keyManagement >= deployment ? ['key-management', keyManagement] : ['deployment', deployment]
  const total = totalKeysWeight(account)
  const lightest = Object.entries(account.associatedKeys)
    .map(([hash, weight]) => ({ hash, weight, rest: Math.min(255, total - weight) }))
    .filter((k) => k.rest < threshold)
    .sort((a, b) => b.rest - a.rest)[0]
  return lightest
    ? `removing or lowering a key would leave the remaining keys below the ${name} threshold ${threshold} (e.g. without ${key(lightest.hash)}, weight ${lightest.weight}, they would hold ${lightest.rest})`
    : `removing or lowering a key would leave the remaining keys below the ${name} threshold ${threshold} (all keys hold ${total} now)`
}

/** The associated keys that did not sign, heaviest first. */
function missingKeys(account: Account, signers: readonly AccountHashHex[] | undefined): string {
  const signed = new Set(signers ?? [])
  const missing = Object.entries(account.associatedKeys)
    .filter(([hash, weight]) => !signed.has(hash) && weight > 0)
    .sort((a, b) => b[1] - a[1])
  return missing.length === 0
    ? 'no associated key is left to sign: lower the threshold in a deploy signed by enough keys'
    : `not yet signed: ${missing.map(([hash, weight]) => `${key(hash)} (weight ${weight})`).join(', ')}`
}
