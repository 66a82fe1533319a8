// localSigner lives in src/keys/localSigner.ts (the cosign entry exports it too); this path stays for its importers.
export type { LocalSigner, LocalSignerKey } from '../keys/localSigner.js'
export { localSigner } from '../keys/localSigner.js'
