// `casper-multisig account`: an account's associated keys and thresholds as the node holds them.
import { safeText } from '../../text/safeText.js'
import { type Command, exitCodes } from '../Command.js'
import { keyName, labelOptions, loadLabels } from '../labels.js'
import { nodeOptions, requiredNodeAddress } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'
import { readNodeAccount } from '../readNodeAccount.js'

const usage = `Usage: casper-multisig account --node URL --account KEY [--label KEY=NAME]... [--labels FILE] [--json]

Prints the account's associated keys (weights) and action thresholds, read from the node.

  -n, --node URL        the node: http://HOST:7777 (/rpc is added) or its full JSON-RPC URL;
                        also --node-address; default: CASPER_NODE_ADDRESS
  --account KEY         the account: its public key hex or account-hash-<64 hex>
  --label KEY=NAME      a name to show for a key (repeatable)
  --labels FILE         an address book { "account-hash-…": "name" } (default: ./labels.json if present)
  --json                print JSON in the shape plan --target reads (keys as account-hash-…)
  -q, --quiet           print nothing (the exit code tells whether the account was read)

Exit codes: 0 read, 1 failed (unreachable node, no such account), 2 usage error.`

export const accountCommand: Command = {
  name: 'account',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...nodeOptions,
      account: { type: 'string' },
      ...labelOptions,
      ...outputOptions,
    })
    const node = requiredNodeAddress(values, io.env)
    const identifier = required(values.account, '--account', 'KEY')
    const labels = loadLabels(values)
    const { account, config, status, kind } = await readNodeAccount(node, identifier)
    const { deployment, keyManagement, upgradeManagement } = config.thresholds
    const output = createOutput(io, values)
    output.json({
      account: `account-hash-${account.accountHash}`,
      chainName: status.chainspecName,
      protocol: status.protocol,
      kind,
      associatedKeys: config.associatedKeys.map(({ accountHash, weight }) => ({
        key: `account-hash-${accountHash}`,
        weight,
        ...(labels.has(accountHash) ? { label: labels.get(accountHash) } : {}),
      })),
      thresholds: config.thresholds,
    })
    output.info(
      `Account ${keyName(account.accountHash, labels)} on ${safeText(status.chainspecName)} (protocol ${status.protocol}, ${kind})`,
    )
    output.info('Associated keys:')
    for (const { accountHash, weight } of config.associatedKeys) {
      output.info(`  ${keyName(accountHash, labels)} weight ${weight}`)
    }
    output.info(
      `Thresholds: deployment ${deployment}, key management ${keyManagement}${
        upgradeManagement === undefined ? '' : `, upgrade management ${upgradeManagement}`
      }`,
    )
    return exitCodes.ok
  },
}
