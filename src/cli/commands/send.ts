// `casper-multisig send`: submits a signed deploy file (after a preflight) and optionally waits for its result.
import { PreflightError } from '../../deploy/PreflightError.js'
import { createRpc } from '../../rpc/createRpc.js'
import { submit } from '../../rpc/submit.js'
import { safeText } from '../../text/safeText.js'
import { type Command, exitCodes } from '../Command.js'
import { expandHashes } from '../expandHashes.js'
import { readDeployFile } from '../files.js'
import { inputOptions, inputPath } from '../inputPath.js'
import { nodeOptions, requiredNodeAddress } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { parseCommandArgs, positiveNumber } from '../parseCommandArgs.js'
import { executionJson, executionText, readExecution } from '../readExecution.js'
import { readNodeAccount } from '../readNodeAccount.js'
import { waitExecution } from '../waitExecution.js'

const usage = `Usage: casper-multisig send FILE --node URL [--no-preflight] [--wait SECONDS]
                            [--poll-interval MS] [--json]

Sends the deploy in FILE (- for standard input). When the node already has it, says so instead:
"executed in block … (success)" or "(failure: …)", or "pending". Otherwise it first reads the
account and runs the preflight: when anything would make the node refuse or fail the deploy, it
prints every problem and sends nothing. Prints the deploy hash once the node accepted it; with
--wait, waits for the execution (elapsed time and block height on a terminal) and prints its
block and cost, or the failure explained in the account's terms with a remedy.

  -i, --input FILE      the deploy file (instead of FILE)
  -n, --node URL        the node (also --node-address; default: CASPER_NODE_ADDRESS)
  --no-preflight        send as is (the node's own refusal is printed)
  --wait SECONDS        wait up to this long for the execution result
  --poll-interval MS    how often to ask the node while waiting (default 1000)
  --json                print { hash, sent, execution }
  -q, --quiet           print only errors

Exit codes: 0 sent (with --wait: executed successfully; or it had already executed successfully),
1 refused, failed or timed out, 2 usage error.`

export const sendCommand: Command = {
  name: 'send',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        ...inputOptions,
        ...nodeOptions,
        'no-preflight': { type: 'boolean' },
        wait: { type: 'string' },
        'poll-interval': { type: 'string' },
        ...outputOptions,
      },
      { name: 'FILE', min: 0, max: 1 },
    )
    const file = inputPath(values, positionals)
    const node = requiredNodeAddress(values, io.env)
    const waitSeconds = positiveNumber(values.wait, '--wait')
    const pollIntervalMs = positiveNumber(values['poll-interval'], '--poll-interval')
    const deploy = readDeployFile(file)
    const rpc = createRpc(node)
    const output = createOutput(io, values)

    const before = await readExecution(rpc, deploy.hash)
    if (before.state === 'succeeded' || before.state === 'failed') {
      output.info(`Deploy ${deploy.hash} was already sent: ${safeText(executionText(before))}`)
      output.json({ hash: deploy.hash, sent: false, execution: executionJson(before) })
      return before.state === 'succeeded' ? exitCodes.ok : exitCodes.failed
    }
    let account: Awaited<ReturnType<typeof readNodeAccount>>['account'] | undefined
    let payment: bigint | undefined
    if (before.state === 'pending') {
      output.info(`Deploy ${deploy.hash} was already sent: ${executionText(before)}`)
    } else {
      let sent: Awaited<ReturnType<typeof submit>>
      try {
        sent = await submit(rpc, deploy, { preflight: !values['no-preflight'] })
      } catch (error) {
        if (!(error instanceof PreflightError)) throw error
        // The preflight's messages shorten keys; a co-signer must see them whole.
        const { account: now } = await readNodeAccount(node, deploy.header.account)
        const known = [...Object.keys(now.associatedKeys)]
        throw new PreflightError(
          error.issues.map((issue) => ({ ...issue, message: expandHashes(issue.message, known, new Map()) })),
        )
      }
      account = sent.account
      payment = sent.preflight && 'payment' in sent.preflight ? sent.preflight.payment : undefined
      output.info(`Sent deploy ${sent.hash}`)
    }
    if (waitSeconds === undefined) {
      output.json({ hash: deploy.hash, sent: before.state === 'unknown', execution: { state: 'pending' } })
      return exitCodes.ok
    }
    const execution = await waitExecution(rpc, deploy.hash, io, {
      timeoutMs: waitSeconds * 1000,
      pollIntervalMs,
      account,
      payment,
    })
    output.json({ hash: deploy.hash, sent: before.state === 'unknown', execution: executionJson(execution) })
    if (execution.state === 'failed') throw execution.error
    output.info(`Executed in block ${execution.blockHash}, cost ${execution.cost} motes`)
    return exitCodes.ok
  },
}
