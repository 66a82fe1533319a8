// `casper-multisig propose`: posts a (signed) deploy or transaction file to a relay and prints the link co-signers open.
import { stringifyCosignFile } from '../../cosign/stringifyCosignFile.js'
import { relayClient } from '../../relay/relayClient.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { inputOptions, inputPath } from '../inputPath.js'
import { labelOptions, loadAddressBook } from '../labels.js'
import { createOutput, outputOptions } from '../Output.js'
import { parseCommandArgs } from '../parseCommandArgs.js'
import { signerName } from '../readRelayProposal.js'
import { kindJson, readSignedFile } from '../readSignedFile.js'
import { relayOptions, requiredRelayAddress } from '../relayAddress.js'

const options = {
  ...inputOptions,
  ...relayOptions('the relay (default: CASPER_MULTISIG_RELAY)'),
  ...labelOptions('names for keys (repeatable; besides your own address book)'),
  ...outputOptions('print { hash, created, added, page }'),
} as const

const usage = commandUsage({
  synopsis: 'Usage: casper-multisig propose FILE --relay URL [--label KEY=NAME]... [--json]',
  summary: `Posts the deploy or TransactionV1 in FILE (- for standard input) to the relay and prints its hash
and the link co-signers open (<relay>/p/<hash>), or run: casper-multisig sign HASH --relay URL.
The hash is computed here from the file, and the relay's answer must name it. A relay keeps a new
proposal only when it carries a valid approval (sign FILE --relay URL signs and posts at once);
posting a file it already has adds the file's approvals to it.`,
  options,
  exitCodes:
    'Exit codes: 0 posted, 1 refused or failed (by the relay, or an unreadable file), 2 usage error.',
})

export const proposeCommand: Command = {
  name: 'propose',
  usage,
  options,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, { name: 'FILE', min: 0, max: 1 })
    const file = inputPath(values, positionals)
    const relay = requiredRelayAddress(values, io.env, 'propose posts to a relay')
    const book = loadAddressBook(values, { env: io.env, inputs: [file] })
    const read = readSignedFile(file)
    if (read.file.approvals.length === 0) {
      throw new CliError(`The ${read.kind} carries no approval: a relay keeps only a signed proposal`, {
        code: 'UsageError',
        remedy: `Sign it and post it at once: casper-multisig sign ${safeText(file)} --relay URL --key SECRET_KEY_FILE`,
      })
    }
    const client = relayClient(relay)
    const posted = await client.propose(stringifyCosignFile(read.file))
    const page = client.pageUrl(posted.hash)
    const output = createOutput(io, values)
    output.info(
      `Proposed ${read.kind} ${posted.hash} to the relay ${safeText(client.shown)}${posted.created ? '' : ' (it had it already: approvals merged)'}`,
    )
    for (const signer of posted.added) output.info(`  added: approval by ${signerName(signer, book.labels)}`)
    output.info(`Link for co-signers: ${safeText(page)}`)
    output.info(
      `Or: casper-multisig sign ${posted.hash} --relay ${safeText(client.shown)} --key SECRET_KEY_FILE`,
    )
    output.json({
      hash: posted.hash,
      ...kindJson(read.kind),
      relay: client.shown,
      created: posted.created,
      added: posted.added,
      page,
    })
    return exitCodes.ok
  },
}
