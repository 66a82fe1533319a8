// Errors of planReconfiguration: why no safe plan exists, with the keys and weights involved.
import { BaseError } from '../errors/BaseError.js'

/**
 * Codes: `InvalidTarget` (validation found errors; `details.findings`), `InsufficientSigners`
 * (the approving keys cannot authorize a deploy of the plan), `KeyLimit` (the change cannot stay
 * within the associated-key limit), `LaneLimit` (a single step's deploy fits no Wasm lane of the
 * chainspec: gas limit, size or args), `UnsupportedChange` (upgrade-management thresholds),
 * `PlanNotProven` (the emulator did not reach the target; a defect, please report it).
 */
export class PlanError extends BaseError {
  override name = 'PlanError'
}
