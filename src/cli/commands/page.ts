// `casper-multisig page`: writes the offline co-signing page (dist/cosign.html) where a co-signer can open it.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { outOptions, outPath } from '../deployOutput.js'
import { writeText } from '../files.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'

const options = {
  ...outOptions('where to write the page (e.g. cosign.html; also --output)'),
  force: { type: 'boolean', short: 'f', description: 'replace FILE if it exists' },
} as const

const usage = commandUsage({
  synopsis: 'Usage: casper-multisig page --out FILE [--force]',
  summary: `Writes the co-signing page: one self-contained HTML file that works offline. A co-signer opens it
in a browser, drops the deploy or transaction file, checks every key change, signs with Casper
Wallet or a secret key file, and downloads the signed copy; the coordinator merges the copies there.`,
  options,
  exitCodes: 'Exit codes: 0 written, 1 failed (the page is not built, FILE exists), 2 usage error.',
})

/** Where the built page is: beside the bundled CLI (dist/cli/main.js), or in dist/ when run from src. */
const candidates = ['../cosign.html', '../../../dist/cosign.html']

export const pageCommand: Command = {
  name: 'page',
  usage,
  options,
  async run(args, io) {
    const { values } = parseCommandArgs(args, options)
    const out = required(outPath(values), '--out', 'FILE')
    const source = candidates
      .map((c) => fileURLToPath(new URL(c, import.meta.url)))
      .find((path) => existsSync(path))
    if (!source) {
      throw new CliError('The co-signing page is not built', {
        code: 'FileError',
        details: { looked: candidates.join(', ') },
        remedy: 'Run npm run build (it writes dist/cosign.html).',
      })
    }
    writeText(out, readFileSync(source), { overwrite: values.force === true })
    io.out(`Wrote ${safeText(out)}: open it in a browser (no network needed).`)
    return exitCodes.ok
  },
}
