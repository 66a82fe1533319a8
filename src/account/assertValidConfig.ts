// Throwing form of validateConfig, for code that must not go on with a bad configuration.
import type { AccountConfigInput } from './AccountConfig.js'
import type { AccountError } from './AccountError.js'
import { InvalidConfigError } from './InvalidConfigError.js'
import { type ValidateConfigOptions, validateConfig } from './validateConfig.js'

/** Options of {@link assertValidConfig}: those of `validateConfig`, plus `warningsAsErrors`. */
export type AssertValidConfigOptions = ValidateConfigOptions & {
  /** Also refuse configurations with warnings (they are then part of the error's `findings`). Default false. */
  warningsAsErrors?: boolean | undefined
}

/** Errors {@link assertValidConfig} throws. */
export type AssertValidConfigErrorType = InvalidConfigError | AccountError

/**
 * Throws unless `validateConfig` finds no errors (and, with `warningsAsErrors`, no warnings).
 *
 * @throws {InvalidConfigError} code `InvalidConfig`, with the findings, when the configuration is invalid.
 * @throws {AccountError} code `InvalidAccountIdentifier` / `InvalidPublicKey` when a key names no account.
 * @example
 * ```ts
 * assertValidConfig(
 *   {
 *     associatedKeys: [
 *       { key: '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c', weight: 1, label: 'alice' },
 *       { key: '02034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa', weight: 1, label: 'bob' },
 *       { key: 'account-hash-a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', weight: 1, label: 'backup' },
 *     ],
 *     thresholds: { deployment: 2, keyManagement: 2 },
 *   },
 *   { warningsAsErrors: true },
 * ) // passes: 2 of 3, any one key may be lost
 * ```
 */
export function assertValidConfig(config: AccountConfigInput, options: AssertValidConfigOptions = {}): void {
  const { errors, findings } = validateConfig(config, options)
  const refused = options.warningsAsErrors ? findings : errors
  if (refused.length > 0) throw new InvalidConfigError({ findings: refused })
}
