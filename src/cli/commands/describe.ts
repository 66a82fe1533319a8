// `casper-multisig describe`: what a deploy file does, in plain words, before anyone signs it.
import { describeDeploy } from '../../deploy/describeDeploy.js'
import { type Command, exitCodes } from '../Command.js'
import { readDeployFile } from '../files.js'
import { parseLabels } from '../labels.js'
import { parseCommandArgs } from '../parseCommandArgs.js'
import { readNodeAccount } from '../readNodeAccount.js'

const usage = `Usage: casper-multisig describe FILE [--node URL] [--label KEY=NAME]...

Prints what the deploy in FILE does: whose account, each key and threshold change, the session
Wasm (bundled or unknown), payment, expiry and who has signed. With --node, the account is read
from the node and the session is emulated against it to show the resulting keys and thresholds.
Exits 1, after the description, when the file's hashes or approvals do not check out (DO NOT SIGN).

  --node URL          the node's JSON-RPC endpoint
  --label KEY=NAME    a name to show for a key (repeatable; KEY: public key hex or account-hash-…)`

export const describeCommand: Command = {
  name: 'describe',
  summary: 'show what a deploy file does (and its result, with --node)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { node: { type: 'string' }, label: { type: 'string', multiple: true } },
      { name: 'FILE', min: 1, max: 1 },
    )
    const labels = parseLabels(values.label)
    const deploy = readDeployFile(positionals[0]!)
    const onChain = values.node ? await readNodeAccount(values.node, deploy.header.account) : undefined
    const description = await describeDeploy(deploy, {
      labels: Object.fromEntries([...labels].map(([hash, name]) => [`account-hash-${hash}`, name])),
      ...(onChain ? { account: onChain.account, protocol: onChain.status.protocol } : {}),
    })
    io.out(description.text)
    // A deploy whose hashes or approvals do not check out must not be signed.
    return description.safeToSign ? exitCodes.ok : exitCodes.failed
  },
}
