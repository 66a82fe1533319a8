// `casper-multisig status`: whether a deploy ran, or how far it is from being accepted, against the node's state.
import { preflight } from '../../preflight/preflight.js'
import { createRpc } from '../../rpc/createRpc.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { cliMessage } from '../cliRemedy.js'
import { commandUsage } from '../commandUsage.js'
import { describeForCli } from '../describeText.js'
import { expandHashes } from '../expandHashes.js'
import { inputOptions, inputPath } from '../inputPath.js'
import { addressBookWarnings, keyName, labelOptions, loadAddressBook } from '../labels.js'
import { nodeOptions, requiredNodeAddresses } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { ownChainspec, ownChainspecOptions } from '../ownChainspec.js'
import { parseCommandArgs } from '../parseCommandArgs.js'
import { progressJson, progressText } from '../progressText.js'
import { executionJson, executionText, readExecution } from '../readExecution.js'
import { readNodeAccount } from '../readNodeAccount.js'
import { readRelayProposal } from '../readRelayProposal.js'
import { fileChainName, kindJson, readSignedFile, transactionAccount } from '../readSignedFile.js'
import { proposalHashPattern, relayOptions, requiredRelayAddress } from '../relayAddress.js'

const options = {
  ...inputOptions,
  ...nodeOptions(
    'the node (also --node-address; default: CASPER_NODE_ADDRESS); give it twice\nto require two nodes to agree on the account and the chainspec',
  ),
  ...relayOptions('with a HASH: the relay holding the proposal (default: CASPER_MULTISIG_RELAY)'),
  ...ownChainspecOptions,
  ...labelOptions('names for keys (repeatable; besides your own address book)'),
  ...outputOptions(
    'print { hash, execution, ready, progress, errors, warnings } as JSON',
    'print nothing; the exit code says it all',
  ),
} as const

const usage = commandUsage({
  synopsis: `Usage: casper-multisig status FILE|HASH --node URL [--node URL] [--relay URL] [--chainspec FILE]
                              [--label KEY=NAME]... [--labels FILE]... [--json]`,
  summary: `First asks the node whether it already has the deploy or TransactionV1 in FILE (- for standard
input): then prints
"executed in block … (success)" or "(failure: …)", or "pending". Otherwise reads the deploy's
account and prints the signature progress (weight collected, the thresholds, the smallest sets of
keys still needed, every key in full) and every preflight error and warning: what the node would
refuse or fail.

With a HASH (64 hex digits) and --relay, the relay's merged file is checked as the relay client
checks it (its content must hash to HASH, an approval that does not verify is left out and named),
then reported exactly as a FILE is.`,
  options,
  exitCodes: `Exit codes: 0 ready to send, or executed successfully; 1 executed and failed, or the check failed
(unreadable file, node error); 2 usage error; 3 not ready to send; 4 sent and not executed yet.`,
})

export const statusCommand: Command = {
  name: 'status',
  usage,
  options,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, { name: 'FILE', min: 0, max: 1 })
    const file = inputPath(values, positionals)
    const hash = proposalHashPattern.test(file) ? file : undefined
    const relay = hash ? requiredRelayAddress(values, io.env, 'a HASH is read from a relay') : undefined
    if (!hash && values.relay !== undefined) {
      throw new CliError('--relay reads a proposal by its HASH: give the HASH, or no --relay', {
        code: 'UsageError',
      })
    }
    const nodes = requiredNodeAddresses(values, io.env)
    const own = ownChainspec(values)
    const book = loadAddressBook(values, { env: io.env, inputs: [file] })
    const labels = book.labels
    const read = hash ? (await readRelayProposal(relay!, hash, io, labels)).read : readSignedFile(file)
    const signed =
      read.kind === 'deploy'
        ? { kind: read.kind, hash: read.deploy.hash, sender: read.deploy.header.account, json: read.deploy }
        : {
            kind: read.kind,
            hash: read.file.hash,
            sender: transactionAccount(read.file),
            json: read.transaction,
          }
    const output = createOutput(io, values)
    const {
      account,
      status,
      network,
      rpc,
      nodes: reading,
    } = await readNodeAccount(nodes, signed.sender, {
      chainspec: own,
      fileChainName: fileChainName(read.file),
    })
    const execution = await readExecution(createRpc(nodes[0]!), signed.hash, { account, kind: signed.kind })
    output.info(
      `${signed.kind === 'deploy' ? 'Deploy' : 'Transaction'} ${signed.hash} for ${keyName(account.accountHash, labels)} on ${safeText(status.chainspecName)}`,
    )
    output.info(reading.text)
    const node = { urls: reading.urls, chainspec: reading.chainspec }
    if (execution.state !== 'unknown') {
      output.info(`Status: ${safeText(executionText(execution))}`)
      if (execution.state === 'failed') {
        for (const line of cliMessage(execution.error).split('\n')) output.info(safeText(line))
      }
      output.json({ hash: signed.hash, ...kindJson(signed.kind), node, execution: executionJson(execution) })
      return execution.state === 'succeeded'
        ? exitCodes.ok
        : execution.state === 'failed'
          ? exitCodes.failed
          : exitCodes.pending
    }
    const report = await preflight(signed.json, account, {
      chainName: status.chainspecName,
      ...network,
    })
    // The one verdict, emulated against the account: what a co-signer must not sign is not ready to send.
    const description = await describeForCli(read.file, { ...network, account, rpc, addressBook: book })
    const known = [
      ...Object.keys(account.associatedKeys),
      ...report.progress.signed.map((s) => s.accountHash),
      ...report.progress.unassociated.map((s) => s.accountHash),
    ]
    const full = (text: string) => expandHashes(safeText(text), known, labels)
    const issue = ({ code, message }: { code: string; message: string }) => ({
      code,
      message: expandHashes(message, known, new Map()),
    })
    output.json({
      hash: signed.hash,
      ...kindJson(signed.kind),
      node,
      execution: { state: 'unknown' },
      ready: report.ready && description.safeToSign,
      safeToSign: description.safeToSign,
      doNotSign: description.doNotSign,
      progress: progressJson(report.progress, labels),
      errors: report.errors.map(issue),
      warnings: [
        ...report.warnings.map(issue),
        ...addressBookWarnings(book).map((message) => ({ code: 'AddressBook', message })),
      ],
    })
    if (!description.safeToSign) output.info(`DO NOT SIGN: ${description.doNotSign.join('; ')}.`)
    output.info(`Signatures: ${progressText(report.progress, labels)}`)
    for (const error of report.errors) output.info(`Error [${error.code}]: ${full(error.message)}`)
    for (const warning of report.warnings) output.info(`Warning [${warning.code}]: ${full(warning.message)}`)
    for (const warning of addressBookWarnings(book)) output.info(`Warning [AddressBook]: ${warning}`)
    const problems = report.errors.length + (description.safeToSign ? 0 : 1)
    const ready = problems === 0
    output.info(ready ? 'Ready to send.' : `Not ready: ${problems} problem${problems === 1 ? '' : 's'}.`)
    return ready ? exitCodes.ok : exitCodes.notReady
  },
}
