// verifyApproval lives in src/keys/verifyApproval.ts (the cosign core verifies with it); this path stays
// for its importers, with the deploy-level report.
export type { RejectionCode, VerifyApprovalReturnType } from '../keys/verifyApproval.js'
export { approvalKey, verifyApproval } from '../keys/verifyApproval.js'
export type { DeployProblemCode, VerifyDeployReturnType } from './verifyDeployJson.js'
/**
 * @deprecated Call `verifyDeployJson` (this report), or `verifyDeploy` from the package entries
 * (`verifyFile`'s report, the same function in both entries).
 */
export { verifyDeployJson as verifyDeploy } from './verifyDeployJson.js'
