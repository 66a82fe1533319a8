// The Signer interface lives in src/keys/Signer.ts (the cosign core signs with it); this path stays for its importers.
export type { SignContext, Signer } from '../keys/Signer.js'
