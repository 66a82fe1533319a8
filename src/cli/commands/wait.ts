// `casper-multisig wait`: waits for a sent deploy's execution, with visible progress on a terminal.

import { createRpc } from '../../rpc/createRpc.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { nodeAddress, nodeOptions, requiredNodeAddress } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { ownChainspec, ownChainspecOptions } from '../ownChainspec.js'
import { parseCommandArgs, positiveNumber } from '../parseCommandArgs.js'
import { chargesText, executionJson } from '../readExecution.js'
import { readNodeAccount } from '../readNodeAccount.js'
import { relayAddress, relayOptions } from '../relayAddress.js'
import { waitExecution } from '../waitExecution.js'

const options = {
  ...nodeOptions(),
  ...relayOptions(
    "with a HASH: the relay holding the proposal (default without a node:\nCASPER_MULTISIG_RELAY); without a node, the relay's record is followed",
  ),
  ...ownChainspecOptions,
  transaction: {
    type: 'boolean',
    description:
      'no longer needed: the node is asked whether HASH is a deploy or a TransactionV1\n(kept so that scripts passing it still run)',
  },
  timeout: { type: 'string', value: 'SECONDS', description: 'give up after this long (default 300)' },
  'poll-interval': { type: 'string', value: 'MS', description: 'how often to ask the node (default 1000)' },
  ...outputOptions('print { hash, execution }'),
} as const

const usage = commandUsage({
  synopsis: `Usage: casper-multisig wait HASH|FILE --node URL [--chainspec FILE] [--transaction]
                            [--timeout SECONDS] [--poll-interval MS] [--json]
       casper-multisig wait HASH --relay URL [--node URL] [--timeout SECONDS] [--json]`,
  summary: `Waits until the node has executed the deploy or TransactionV1 (its 64-hex hash: the node is asked
which it is; or the file; - for standard input) and prints its block and cost, or the failure explained with a remedy. On a terminal one
line shows the seconds waited, whether the node has seen the deploy and its latest block height;
nothing is drawn when standard error is not a terminal.

With --relay and a HASH: given a node, the relay's file (checked: its content must hash to HASH)
explains a failure against the account while the node is asked; without a node, the relay's
record of the proposal is followed until it says executed, failed or expired (the relay's word:
give --node to have the node's).`,
  options,
  exitCodes: 'Exit codes: 0 executed successfully, 1 executed and failed, or timed out, 2 usage error.',
})

const hashPattern = /^[0-9a-fA-F]{64}$/

export const waitCommand: Command = {
  name: 'wait',
  usage,
  options,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, { name: 'HASH or FILE', min: 1, max: 1 })
    const timeoutSeconds = positiveNumber(values.timeout, '--timeout') ?? 300
    const pollIntervalMs = positiveNumber(values['poll-interval'], '--poll-interval')
    const given = positionals[0]!
    const isHash = hashPattern.test(given)
    if (!isHash && values.relay !== undefined) {
      throw new CliError('--relay reads a proposal by its HASH: give the HASH, or no --relay', {
        code: 'UsageError',
      })
    }
    const nodeGiven = nodeAddress(values, io.env)
    const relay = isHash ? relayAddress(values, io.env, nodeGiven === undefined) : undefined
    if (relay !== undefined && nodeGiven === undefined) {
      const { relayClient } = await import('../../relay/relayClient.js')
      const { waitRelay } = await import('../waitRelay.js')
      const client = relayClient(relay)
      const hash = given.toLowerCase()
      const followed = await waitRelay(client, hash, io, { timeoutMs: timeoutSeconds * 1000, pollIntervalMs })
      const output = createOutput(io, values)
      output.json({
        hash,
        relay: { url: client.shown, status: followed.status, execution: followed.execution ?? null },
      })
      output.info(`The relay ${safeText(client.shown)} reports ${hash} ${followed.status}.`)
      return followed.status === 'executed' ? exitCodes.ok : exitCodes.failed
    }
    const node = requiredNodeAddress(values, io.env)
    // Loaded only for a file (or a relay's), so waiting on a hash starts as fast as it did.
    const files = isHash && relay === undefined ? undefined : await import('../readSignedFile.js')
    const read =
      relay === undefined
        ? files?.readSignedFile(given)
        : (await (await import('../readRelayProposal.js')).readRelayProposal(relay, given, io, new Map()))
            .read
    const signed =
      read === undefined
        ? {
            // Whichever kind the node knows the hash as: a wrong guess (or a wrong --transaction)
            // would wait the whole timeout for a hash that executed long ago.
            kind: undefined,
            hash: given,
            sender: undefined,
          }
        : read.kind === 'deploy'
          ? { kind: read.kind, hash: read.deploy.hash, sender: read.deploy.header.account }
          : { kind: read.kind, hash: read.file.hash, sender: files!.transactionAccount(read.file) }
    const hash = signed.hash.toLowerCase()
    // With the file at hand, a failure is explained against the account's keys and thresholds.
    const account =
      signed.sender && read
        ? (
            await readNodeAccount(node, signed.sender, {
              chainspec: ownChainspec(values),
              fileChainName: files!.fileChainName(read.file),
            })
          ).account
        : undefined
    const execution = await waitExecution(createRpc(node), hash, io, {
      kind: signed.kind,
      timeoutMs: timeoutSeconds * 1000,
      pollIntervalMs,
      account,
    })
    const output = createOutput(io, values)
    output.json({ hash, execution: executionJson(execution) })
    if (execution.state === 'failed') throw execution.error
    output.info(
      `Executed in block ${execution.blockHash}${execution.blockHeight === undefined ? '' : ` at height ${execution.blockHeight}`}. ${chargesText(execution)}`,
    )
    return exitCodes.ok
  },
}
