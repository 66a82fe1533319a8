// The error assertReady throws: every reason the node would refuse or fail the deploy.
import { BaseError } from '../errors/BaseError.js'
import type { PreflightIssue } from './preflight.js'

/** A deploy that is not ready to send; `issues` holds every error found (code `NotReady`). */
export class PreflightError extends BaseError {
  override name = 'PreflightError'
  readonly issues: readonly PreflightIssue[]

  constructor(issues: readonly PreflightIssue[]) {
    super(`The deploy is not ready to send (${issues.length} problem${issues.length === 1 ? '' : 's'})`, {
      code: 'NotReady',
      details: Object.fromEntries(issues.map((issue, i) => [`${i + 1}. ${issue.code}`, issue.message])),
      remedy: 'Fix each problem listed; preflight() reports them without throwing.',
    })
    this.issues = issues
  }
}
