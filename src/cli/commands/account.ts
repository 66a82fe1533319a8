// `casper-multisig account`: an account's associated keys and thresholds as the node holds them.
import { type Command, exitCodes } from '../Command.js'
import { keyName, parseLabels } from '../labels.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'
import { readNodeAccount } from '../readNodeAccount.js'

const usage = `Usage: casper-multisig account --node URL --account KEY [--label KEY=NAME]... [--json]

Prints the account's associated keys (weights) and action thresholds, read from the node.

  --node URL          the node's JSON-RPC endpoint, e.g. http://localhost:7777/rpc
  --account KEY       the account: its public key hex or account-hash-<64 hex>
  --label KEY=NAME    a name to show for a key (repeatable)
  --json              print JSON in the shape plan --target reads (keys as account-hash-…)`

export const accountCommand: Command = {
  name: 'account',
  summary: "print an account's keys and thresholds",
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      node: { type: 'string' },
      account: { type: 'string' },
      label: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    })
    const node = required(values.node, '--node', 'URL')
    const identifier = required(values.account, '--account', 'KEY')
    const labels = parseLabels(values.label)
    const { account, config, status, kind } = await readNodeAccount(node, identifier)
    const { deployment, keyManagement, upgradeManagement } = config.thresholds
    if (values.json) {
      io.out(
        JSON.stringify(
          {
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
          },
          null,
          2,
        ),
      )
      return exitCodes.ok
    }
    io.out(
      `Account ${keyName(account.accountHash, labels)} on ${status.chainspecName} (protocol ${status.protocol}, ${kind})`,
    )
    io.out('Associated keys:')
    for (const { accountHash, weight } of config.associatedKeys) {
      io.out(`  ${keyName(accountHash, labels)} weight ${weight}`)
    }
    io.out(
      `Thresholds: deployment ${deployment}, key management ${keyManagement}${
        upgradeManagement === undefined ? '' : `, upgrade management ${upgradeManagement}`
      }`,
    )
    return exitCodes.ok
  },
}
