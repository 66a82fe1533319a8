// Loaded with `node --import` (after fixedClock.mjs) into the CLI that makes the docs' sample outputs:
// `crypto.getRandomValues`, what @noble/curves' `randomPrivateKey` draws from (@noble/hashes
// `utils.ts` `randomBytes`), returns the SHA-256 counter stream of CASPER_MULTISIG_SAMPLE_SEED, so
// the key `keygen` makes is the same on every run.
import { createHash } from 'node:crypto'

const seed = process.env.CASPER_MULTISIG_SAMPLE_SEED
if (!seed) throw new Error('CASPER_MULTISIG_SAMPLE_SEED is not set')
let counter = 0
globalThis.crypto.getRandomValues = (array) => {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
  for (let at = 0; at < bytes.length; at += 32) {
    const block = createHash('sha256').update(`${seed}:${counter++}`).digest()
    bytes.set(block.subarray(0, Math.min(32, bytes.length - at)), at)
  }
  return array
}
