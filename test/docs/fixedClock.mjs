// Loaded with `node --import` into the CLI that makes the docs' sample outputs: the process's clock
// reads CASPER_MULTISIG_SAMPLE_NOW (an ISO time), so timestamps, ids, hashes and expiry texts are
// the same on every run. `new Date(x)` with an argument is unchanged.
const now = Date.parse(process.env.CASPER_MULTISIG_SAMPLE_NOW ?? '')
if (Number.isNaN(now)) throw new Error('CASPER_MULTISIG_SAMPLE_NOW is not an ISO time')
const RealDate = Date
class FixedDate extends RealDate {
  constructor(...args) {
    super(...(args.length === 0 ? [now] : args))
  }
  static now() {
    return now
  }
}
globalThis.Date = FixedDate
