// Every fast-check property prints its seed and path when it fails (fast-check's own report);
// FC_SEED=<seed> replays one run of every property exactly, e.g. FC_SEED=1615250255 npm test.
import fc from 'fast-check'

const seed = process.env.FC_SEED
if (seed !== undefined && seed !== '') {
  if (!/^-?\d+$/.test(seed)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(seed)}`)
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) })
}
