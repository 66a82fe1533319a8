// `casper-multisig account`: an account's associated keys and thresholds as the node holds them.
import { safeText } from '../../text/safeText.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { addressBookWarnings, keyName, labelOptions, loadAddressBook } from '../labels.js'
import { nodeOptions, requiredNodeAddress } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { ownChainspec, ownChainspecOptions } from '../ownChainspec.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'
import { readNodeAccount } from '../readNodeAccount.js'

const options = {
  ...nodeOptions(
    'the node: http://HOST:7777 (/rpc is added) or its full JSON-RPC URL;\nalso --node-address; default: CASPER_NODE_ADDRESS',
  ),
  ...ownChainspecOptions,
  account: {
    type: 'string',
    value: 'KEY',
    description: 'the account: its public key hex or account-hash-<64 hex>',
  },
  ...labelOptions({
    label: 'a name to show for a key (repeatable)',
    labels: 'an address book { "account-hash-…": "name" } (repeatable; besides your own)',
  }),
  ...outputOptions(
    'print JSON in the shape plan --target reads (keys as account-hash-…)',
    'print nothing (the exit code tells whether the account was read)',
  ),
} as const

const usage = commandUsage({
  synopsis:
    'Usage: casper-multisig account --node URL [--chainspec FILE] --account KEY [--label KEY=NAME]...\n                               [--labels FILE]... [--json]',
  summary: "Prints the account's associated keys (weights) and action thresholds, read from the node.",
  options,
  exitCodes: 'Exit codes: 0 read, 1 failed (unreachable node, no such account), 2 usage error.',
})

export const accountCommand: Command = {
  name: 'account',
  usage,
  options,
  async run(args, io) {
    const { values } = parseCommandArgs(args, options)
    const node = requiredNodeAddress(values, io.env)
    const identifier = required(values.account, '--account', 'KEY')
    const book = loadAddressBook(values, { env: io.env })
    const labels = book.labels
    const { account, config, status, kind, nodes } = await readNodeAccount(node, identifier, {
      chainspec: ownChainspec(values),
    })
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
    output.info(nodes.text)
    output.info('Associated keys:')
    for (const { accountHash, weight } of config.associatedKeys) {
      output.info(`  ${keyName(accountHash, labels)} weight ${weight}`)
    }
    output.info(
      `Thresholds: deployment ${deployment}, key management ${keyManagement}${
        upgradeManagement === undefined ? '' : `, upgrade management ${upgradeManagement}`
      }`,
    )
    for (const warning of addressBookWarnings(book)) output.info(`Warning: ${warning}`)
    return exitCodes.ok
  },
}
