// `casper-multisig describe`: what a deploy file does, in plain words and full hashes, before anyone signs it.
import { descriptionLines } from '../../cosign/descriptionLines.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { describeWithNodes, descriptionJson } from '../describeText.js'
import { inputOptions, inputPath } from '../inputPath.js'
import { labelOptions, loadAddressBook } from '../labels.js'
import { nodeAddresses, nodeFromEnvironment, nodeOptions } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { ownChainspec, ownChainspecOptions } from '../ownChainspec.js'
import { parseCommandArgs } from '../parseCommandArgs.js'
import { readSignedFile } from '../readSignedFile.js'

const options = {
  ...inputOptions,
  ...nodeOptions(
    'the node (also --node-address; default: CASPER_NODE_ADDRESS); give it twice\nto require two nodes to agree on the account and the chainspec',
  ),
  ...ownChainspecOptions,
  'chain-name': {
    type: 'string',
    value: 'NAME',
    description: "transactions: the chain the file must be for (default: the node's)",
  },
  ...labelOptions({
    label: 'a name to show for a key (repeatable; KEY: public key hex or account-hash-…)',
    labels: 'an address book (repeatable; your own book is always read)',
  }),
  ...outputOptions(
    'print the description as JSON (safeToSign, changes, result, signers, …)',
    'print nothing; the exit code says whether it is safe to sign',
  ),
} as const

const usage = commandUsage({
  synopsis: `Usage: casper-multisig describe FILE [--node URL]... [--chainspec FILE] [--chain-name NAME]
                                [--label KEY=NAME]... [--labels FILE]... [--json]`,
  summary: `Prints what the deploy or TransactionV1 in FILE (- for standard input) does: its hash, whose account, each key and
threshold change with every key as its full account-hash-… and label, the session Wasm (bundled or
unknown), payment, expiry and who has signed. With a node, the account is read and the session is
emulated against it to show the resulting keys and thresholds. When the file's hashes or
approvals do not check out, the first line is DO NOT SIGN and the exit code is 1. A TransactionV1
(as casper-client make-transaction and Casper 2.x wallets write it) is told apart by its shape and
described the same way, checked against the node's chainspec (without a node: its own chain, or
--chain-name); an expired one, or one for another chain, is DO NOT SIGN too.`,
  options,
  exitCodes:
    'Exit codes: 0 safe to sign, 1 DO NOT SIGN or failed (unreadable file, node error), 2 usage error.',
})

export const describeCommand: Command = {
  name: 'describe',
  usage,
  options,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, { name: 'FILE', min: 0, max: 1 })
    const file = inputPath(values, positionals)
    const nodes = nodeAddresses(values, io.env)
    const own = ownChainspec(values)
    const book = loadAddressBook(values, { env: io.env, inputs: [file] })
    const labels = book.labels
    const read = readSignedFile(file)
    const { description, onChain, wrongChain } = await describeWithNodes(read.file, {
      nodes,
      fromEnvironment: nodeFromEnvironment(values, io.env),
      command: 'describe',
      own,
      chainName: values['chain-name'],
      addressBook: book,
    })
    const output = createOutput(io, values)
    output.json({
      ...descriptionJson(description, labels),
      ...(onChain ? { node: { urls: onChain.nodes.urls, chainspec: onChain.nodes.chainspec } } : {}),
    })
    for (const line of descriptionLines(description, labels)) output.info(line)
    if (onChain) output.info(onChain.nodes.text)
    if (wrongChain) output.info(`${wrongChain.shortMessage}.`)
    return description.safeToSign ? exitCodes.ok : exitCodes.failed
  },
}
