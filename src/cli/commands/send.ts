// `casper-multisig send`: submits a signed deploy file (after a preflight) and optionally waits for its result.
import { awaitResult } from '../../rpc/awaitResult.js'
import { createRpc } from '../../rpc/createRpc.js'
import { submit } from '../../rpc/submit.js'
import { type Command, exitCodes } from '../Command.js'
import { readDeployFile } from '../files.js'
import { parseCommandArgs, positiveNumber, required } from '../parseCommandArgs.js'

const usage = `Usage: casper-multisig send FILE --node URL [--no-preflight] [--wait SECONDS]
                            [--poll-interval MS]

Sends the deploy in FILE. First it reads the account from the node and runs the preflight: when
anything would make the node refuse or fail the deploy, it prints every problem and sends nothing.
Prints the deploy hash once the node accepted it; with --wait, waits for the execution and prints
its block and cost, or the failure explained in the account's terms with a remedy.

  --node URL            the node's JSON-RPC endpoint
  --no-preflight        send as is (the node's own refusal is printed)
  --wait SECONDS        wait up to this long for the execution result
  --poll-interval MS    how often to ask the node while waiting (default 1000)`

export const sendCommand: Command = {
  name: 'send',
  summary: 'send a signed deploy file; --wait for its result',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        node: { type: 'string' },
        'no-preflight': { type: 'boolean' },
        wait: { type: 'string' },
        'poll-interval': { type: 'string' },
      },
      { name: 'FILE', min: 1, max: 1 },
    )
    const node = required(values.node, '--node', 'URL')
    const waitSeconds = positiveNumber(values.wait, '--wait')
    const pollIntervalMs = positiveNumber(values['poll-interval'], '--poll-interval')
    const deploy = readDeployFile(positionals[0]!)
    const rpc = createRpc(node)
    const sent = await submit(rpc, deploy, { preflight: !values['no-preflight'] })
    io.out(`Sent deploy ${sent.hash}`)
    if (waitSeconds === undefined) return exitCodes.ok
    // What the preflight read and priced, so a failure is explained in the account's own terms.
    const payment = sent.preflight && 'payment' in sent.preflight ? sent.preflight.payment : undefined
    const result = await awaitResult(rpc, sent.hash, {
      timeoutMs: waitSeconds * 1000,
      ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
      ...(sent.account ? { account: sent.account } : {}),
      ...(payment === undefined ? {} : { payment }),
    })
    io.out(`Executed in block ${result.blockHash}, cost ${result.cost} motes`)
    return exitCodes.ok
  },
}
