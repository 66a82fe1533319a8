// `casper-multisig status`: how far a deploy file is from being accepted and executed, against the node's state.
import { preflight } from '../../deploy/preflight.js'
import { type Command, exitCodes } from '../Command.js'
import { readDeployFile } from '../files.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'
import { readNodeAccount } from '../readNodeAccount.js'

const usage = `Usage: casper-multisig status FILE --node URL [--json]

Reads the deploy's account from the node and prints the signature progress (weight collected,
thresholds, which keys are still needed) and every preflight error and warning: what the node
would refuse or fail. Exit code 0 when ready to send, 3 when not ready.

  --node URL          the node's JSON-RPC endpoint
  --json              print { ready, summary, errors, warnings } as JSON`

export const statusCommand: Command = {
  name: 'status',
  summary: 'signature progress and preflight of a deploy file (exit 0 ready, 3 not)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { node: { type: 'string' }, json: { type: 'boolean' } },
      { name: 'FILE', min: 1, max: 1 },
    )
    const node = required(values.node, '--node', 'URL')
    const deploy = readDeployFile(positionals[0]!)
    const { account, status } = await readNodeAccount(node, deploy.header.account)
    const report = await preflight(deploy, account, {
      chainName: status.chainspecName,
      protocol: status.protocol,
    })
    const code = report.ready ? exitCodes.ok : exitCodes.notReady
    if (values.json) {
      const issue = ({ code, message }: { code: string; message: string }) => ({ code, message })
      io.out(
        JSON.stringify(
          {
            hash: deploy.hash,
            ready: report.ready,
            summary: report.progress.summary,
            errors: report.errors.map(issue),
            warnings: report.warnings.map(issue),
          },
          null,
          2,
        ),
      )
      return code
    }
    io.out(`Deploy ${deploy.hash} for account-hash-${account.accountHash} on ${status.chainspecName}`)
    io.out(`Signatures: ${report.progress.summary}`)
    for (const error of report.errors) io.out(`Error [${error.code}]: ${error.message}`)
    for (const warning of report.warnings) io.out(`Warning [${warning.code}]: ${warning.message}`)
    io.out(
      report.ready
        ? 'Ready to send.'
        : `Not ready: ${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}.`,
    )
    return code
  },
}
