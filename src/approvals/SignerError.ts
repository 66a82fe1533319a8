// SignerError lives in src/keys/SignerError.ts beside the signers that throw it; this path stays for its importers.
export type { SignerErrorCode } from '../keys/SignerError.js'
export { SignerError } from '../keys/SignerError.js'
