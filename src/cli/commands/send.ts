// `casper-multisig send`: submits a signed deploy file (after a preflight) and optionally waits for its result.

import { signatureProgress } from '../../approvals/signatureProgress.js'
import { descriptionLines } from '../../cosign/descriptionLines.js'
import type { DeployJson } from '../../deploy/DeployJson.js'
import type { TransactionJson } from '../../deploy/TransactionJson.js'
import { BaseError } from '../../errors/BaseError.js'
import { PreflightError } from '../../preflight/PreflightError.js'
import { preflight } from '../../preflight/preflight.js'
import { createRpc } from '../../rpc/createRpc.js'
import { JsonRpcError } from '../../rpc/RpcError.js'
import { submit } from '../../rpc/submit.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { cliRemedy } from '../cliRemedy.js'
import { commandUsage } from '../commandUsage.js'
import { describeForCli } from '../describeText.js'
import { expandHashes } from '../expandHashes.js'
import { inputOptions, inputPath } from '../inputPath.js'
import { loadAddressBook } from '../labels.js'
import { nodeAddresses, nodeOptions, requiredNodeAddresses } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { ownChainspec, ownChainspecOptions } from '../ownChainspec.js'
import { parseCommandArgs, positiveNumber } from '../parseCommandArgs.js'
import { progressText } from '../progressText.js'
import { chargesText, executionJson, executionText, readExecution } from '../readExecution.js'
import { readNodeAccount } from '../readNodeAccount.js'
import { readRelayProposal } from '../readRelayProposal.js'
import { fileChainName, kindJson, readSignedFile, transactionAccount } from '../readSignedFile.js'
import { proposalHashPattern, relayOptions, requiredRelayAddress } from '../relayAddress.js'
import { waitExecution } from '../waitExecution.js'
import { waitRelay } from '../waitRelay.js'

const options = {
  ...inputOptions,
  ...nodeOptions(
    'the node (also --node-address; default: CASPER_NODE_ADDRESS); given twice, the\npreflight requires both to agree on the account and the chainspec (sent to the first)',
  ),
  ...relayOptions(
    'with a HASH: the relay holding the proposal (default: CASPER_MULTISIG_RELAY); without\na node, the relay is asked to send it',
  ),
  ...ownChainspecOptions,
  'no-preflight': {
    type: 'boolean',
    description: "send as is (a refusal prints the node's error, then the preflight's reading of it)",
  },
  wait: { type: 'string', value: 'SECONDS', description: 'wait up to this long for the execution result' },
  'poll-interval': {
    type: 'string',
    value: 'MS',
    description: 'how often to ask the node while waiting (default 1000)',
  },
  ...outputOptions('print { hash, sent, execution }'),
} as const

const usage = commandUsage({
  synopsis: `Usage: casper-multisig send FILE --node URL [--node URL] [--chainspec FILE] [--no-preflight] [--wait SECONDS]
                            [--poll-interval MS] [--json]
       casper-multisig send HASH --relay URL [--node URL]... [--wait SECONDS] [--json]`,
  summary: `Sends the deploy or TransactionV1 in FILE (- for standard input; a transaction goes to
account_put_transaction). When the node already has it, says so instead:
"executed in block … (success)" or "(failure: …)", or "pending". Otherwise it first reads the
account and runs the preflight: when anything would make the node refuse or fail the deploy, it
prints every problem and sends nothing. Prints the deploy hash once the node accepted it; with
--wait, waits for the execution (elapsed time and block height on a terminal) and prints its
block and cost, or the failure explained in the account's terms with a remedy.

With a HASH (64 hex digits) and --relay, the relay's merged file is fetched and checked (its
content must hash to HASH; an approval that does not verify is left out and named), then sent
through --node exactly as a FILE is. Without a node, the file is checked the same way and its
verdict computed here; then the relay is asked to send it through its own node; --wait follows
the relay's record of the proposal (the relay's word: give --node to have the node's).`,
  options,
  exitCodes: `Exit codes: 0 sent (with --wait: executed successfully; or it had already executed successfully),
1 refused, failed or timed out, 2 usage error.`,
})

export const sendCommand: Command = {
  name: 'send',
  usage,
  options,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, { name: 'FILE', min: 0, max: 1 })
    const file = inputPath(values, positionals)
    const hash = proposalHashPattern.test(file) ? file.toLowerCase() : undefined
    if (!hash && values.relay !== undefined) {
      throw new CliError('--relay reads a proposal by its HASH: give the HASH, or no --relay', {
        code: 'UsageError',
      })
    }
    const relay = hash ? requiredRelayAddress(values, io.env, 'a HASH is read from a relay') : undefined
    const waitSeconds = positiveNumber(values.wait, '--wait')
    const pollIntervalMs = positiveNumber(values['poll-interval'], '--poll-interval')
    if (relay !== undefined && nodeAddresses(values, io.env).length === 0) {
      return askRelay(relay, hash!, { io, values, waitSeconds, pollIntervalMs })
    }
    const nodes = requiredNodeAddresses(values, io.env)
    const node = nodes[0]!
    const own = ownChainspec(values)
    const read = relay ? (await readRelayProposal(relay, hash!, io, new Map())).read : readSignedFile(file)
    const signed =
      read.kind === 'deploy'
        ? { kind: read.kind, hash: read.deploy.hash, sender: read.deploy.header.account, json: read.deploy }
        : {
            kind: read.kind,
            hash: read.file.hash,
            sender: transactionAccount(read.file),
            json: read.transaction,
          }
    const what = signed.kind === 'deploy' ? 'Deploy' : 'Transaction'
    const rpc = createRpc(node)
    const output = createOutput(io, values)

    const before = await readExecution(rpc, signed.hash, { kind: signed.kind })
    if (before.state === 'succeeded' || before.state === 'failed') {
      output.info(`${what} ${signed.hash} was already sent: ${safeText(executionText(before))}`)
      output.json({
        hash: signed.hash,
        ...kindJson(signed.kind),
        sent: false,
        execution: executionJson(before),
      })
      return before.state === 'succeeded' ? exitCodes.ok : exitCodes.failed
    }
    let account: Awaited<ReturnType<typeof readNodeAccount>>['account'] | undefined
    let payment: bigint | undefined
    if (before.state === 'pending') {
      output.info(`${what} ${signed.hash} was already sent: ${executionText(before)}`)
    } else {
      if (!values['no-preflight']) {
        // The one verdict (the preflight below then emulates the session against the account, with
        // the node's own errors): what no co-signer should have signed is not sent.
        const { network, nodes: reading } = await readNodeAccount(nodes, signed.sender, {
          chainspec: own,
          fileChainName: fileChainName(read.file),
        })
        output.info(`Preflight: ${reading.text}`)
        // The Wasm the sender's own address book accepts is accepted here as in describe and sign.
        const { acceptedWasm } = loadAddressBook({}, { env: io.env })
        const description = await describeForCli(read.file, {
          ...network,
          addressBook: { acceptedWasm, warnings: [] },
        })
        if (!description.safeToSign) {
          for (const line of descriptionLines(description)) output.info(line)
          throw new CliError('Not sent: DO NOT SIGN', {
            code: 'SendRefused',
            details: { reasons: description.doNotSign.join('; ') },
            remedy:
              'Read the reasons above: the file should not have been signed. --no-preflight sends it as it is.',
          })
        }
      }
      let sent: Awaited<ReturnType<typeof submit>>
      try {
        sent = await submit(rpc, signed.json, { preflight: !values['no-preflight'] })
      } catch (error) {
        if (values['no-preflight'] && error instanceof JsonRpcError) {
          throw await withOurReading(error, node, signed.sender, signed.json, {
            chainspec: own,
            fileChainName: fileChainName(read.file),
          })
        }
        if (!(error instanceof PreflightError)) throw error
        // The preflight's messages shorten keys; a co-signer must see them whole. Too little weight
        // is stated with the weight, the threshold and the keys that would complete it.
        const { account: now, network } = await readNodeAccount(node, signed.sender, {
          chainspec: own,
          fileChainName: fileChainName(read.file),
        })
        const known = [...Object.keys(now.associatedKeys)]
        const progress = signatureProgress(signed.json, now, network)
        throw new PreflightError(
          error.issues.map((issue) =>
            issue.code === 'BelowDeploymentThreshold' || issue.code === 'BelowKeyManagementThreshold'
              ? { ...issue, message: `too little signature weight: ${progressText(progress, new Map())}` }
              : { ...issue, message: expandHashes(issue.message, known, new Map()) },
          ),
        )
      }
      account = sent.account
      payment = sent.preflight && 'payment' in sent.preflight ? sent.preflight.payment : undefined
      output.info(`Sent ${what.toLowerCase()} ${sent.hash}`)
    }
    if (waitSeconds === undefined) {
      output.json({
        hash: signed.hash,
        ...kindJson(signed.kind),
        sent: before.state === 'unknown',
        execution: { state: 'pending' },
      })
      return exitCodes.ok
    }
    const execution = await waitExecution(rpc, signed.hash, io, {
      kind: signed.kind,
      timeoutMs: waitSeconds * 1000,
      pollIntervalMs,
      account,
      payment,
    })
    output.json({
      hash: signed.hash,
      ...kindJson(signed.kind),
      sent: before.state === 'unknown',
      execution: executionJson(execution),
    })
    if (execution.state === 'failed') throw execution.error
    output.info(`Executed in block ${execution.blockHash}. ${chargesText(execution)}`)
    return exitCodes.ok
  },
}

/**
 * `send HASH --relay URL` without a node: the relay's file checked and its verdict computed here
 * (what no co-signer should sign is not sent), then the relay asked to send it; with --wait, the
 * relay's record followed.
 */
async function askRelay(
  relay: string,
  hash: string,
  context: {
    io: Parameters<Command['run']>[1]
    values: Parameters<typeof createOutput>[1] & { 'no-preflight'?: boolean | undefined }
    waitSeconds: number | undefined
    pollIntervalMs: number | undefined
  },
): Promise<number> {
  const { io, values } = context
  const { read, client } = await readRelayProposal(relay, hash, io, new Map())
  const output = createOutput(io, values)
  const what = read.kind === 'deploy' ? 'Deploy' : 'Transaction'
  if (!values['no-preflight']) {
    const { acceptedWasm } = loadAddressBook({}, { env: io.env })
    const description = await describeForCli(read.file, { addressBook: { acceptedWasm, warnings: [] } })
    if (!description.safeToSign) {
      for (const line of descriptionLines(description)) output.info(line)
      throw new CliError('Not sent: DO NOT SIGN', {
        code: 'SendRefused',
        details: { reasons: description.doNotSign.join('; ') },
        remedy:
          'Read the reasons above: the file should not have been signed. --no-preflight asks the relay anyway.',
      })
    }
  }
  const answer = await client.submit(hash)
  output.info(
    `Asked the relay ${safeText(client.shown)} to send ${what.toLowerCase()} ${hash}: the relay says ${answer.status ?? 'submitted'}`,
  )
  if (context.waitSeconds === undefined) {
    output.json({
      hash,
      ...kindJson(read.kind),
      sent: true,
      relay: { url: client.shown, status: answer.status ?? null },
    })
    return exitCodes.ok
  }
  const followed = await waitRelay(client, hash, io, {
    timeoutMs: context.waitSeconds * 1000,
    pollIntervalMs: context.pollIntervalMs,
  })
  output.json({
    hash,
    ...kindJson(read.kind),
    sent: true,
    relay: { url: client.shown, status: followed.status, execution: followed.execution ?? null },
  })
  output.info(`The relay reports the ${what.toLowerCase()} ${followed.status}.`)
  return followed.status === 'executed' ? exitCodes.ok : exitCodes.failed
}

/** The detail under which a refusal carries the preflight's reasons: ours, not the node's words. */
const ourReadingDetail = 'our reading (the preflight, run after the refusal)'

/**
 * The node's refusal of a deploy sent with `--no-preflight`, with our own explanation added: the
 * preflight run against the account as the node has it now, its errors (too little weight with the
 * weight, the threshold and the keys that would complete it) as reasons under
 * {@link ourReadingDetail}. The node's code, message and data stay first and unchanged; when the
 * account cannot be read, or the preflight finds nothing, the reading says so.
 */
async function withOurReading(
  refusal: JsonRpcError,
  node: string,
  sender: string,
  json: DeployJson | TransactionJson,
  options: Parameters<typeof readNodeAccount>[2],
): Promise<CliError> {
  let reasons: string[]
  try {
    const { account, status, network } = await readNodeAccount(node, sender, options)
    const report = await preflight(json, account, { chainName: status.chainspecName, ...network })
    const known = [
      ...Object.keys(account.associatedKeys),
      ...report.progress.signed.map((s) => s.accountHash),
      ...report.progress.unassociated.map((s) => s.accountHash),
    ]
    reasons = report.errors.map(
      (issue) =>
        `${issue.code}: ${
          issue.code === 'BelowDeploymentThreshold' || issue.code === 'BelowKeyManagementThreshold'
            ? `too little signature weight: ${progressText(report.progress, new Map())}`
            : expandHashes(issue.message, known, new Map())
        }`,
    )
    if (reasons.length === 0) {
      reasons = ['the preflight finds nothing the node would refuse: the data above is the only reason']
    }
  } catch (error) {
    reasons = [
      `not worked out: ${error instanceof BaseError ? error.shortMessage : String(error)} (the node's data above is the reason)`,
    ]
  }
  return new CliError(refusal.shortMessage, {
    code: 'NodeRefused',
    details: { ...refusal.details, [ourReadingDetail]: reasons.join('\n    ') },
    remedy: cliRemedy(refusal),
    cause: refusal,
  })
}
