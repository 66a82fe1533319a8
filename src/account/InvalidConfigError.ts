// The error assertValidConfig throws: a configuration the node would refuse, or that would be unusable.
import { BaseError } from '../errors/BaseError.js'
import type { Finding } from './validateConfig.js'

/** Parameters of {@link InvalidConfigError}. */
export type InvalidConfigErrorParameters = {
  /** The findings that made the configuration invalid (errors, and warnings when treated as errors). */
  findings: readonly Finding[]
}

/**
 * An invalid account configuration. `message` lists each finding's message under its code; the
 * findings, with their keys, weights and thresholds, are in `findings`.
 *
 * @example
 * ```ts
 * try {
 *   assertValidConfig(config)
 * } catch (error) {
 *   if (error instanceof InvalidConfigError) for (const finding of error.findings) console.log(finding.code)
 * }
 * ```
 */
export class InvalidConfigError extends BaseError {
  override name = 'InvalidConfigError'
  readonly findings: readonly Finding[]

  constructor({ findings }: InvalidConfigErrorParameters) {
    const details: Record<string, string> = {}
    for (const finding of findings) {
      let label: string = finding.code
      for (let n = 2; label in details; n++) label = `${finding.code} (${n})`
      details[label] = finding.message
    }
    const count = `${findings.length} ${findings.length === 1 ? 'problem' : 'problems'}`
    super(`Invalid account configuration: ${count}`, {
      code: 'InvalidConfig',
      details,
      remedy:
        'Change the configuration as each line says; validateConfig(config) returns the same findings with their values.',
    })
    this.findings = findings
  }
}
