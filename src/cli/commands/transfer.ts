// `casper-multisig transfer`: an unsigned native transfer from a multi-sig account.
import { buildTransfer } from '../../deploy/buildTransfer.js'
import { formatCspr } from '../../text/formatCspr.js'
import { CliError } from '../CliError.js'
import { required } from '../parseCommandArgs.js'
import { parseAmount, spendingCommand } from '../spendingCommand.js'

export const transferCommand = spendingCommand({
  name: 'transfer',
  synopsis: `Usage: casper-multisig transfer --account KEY --target KEY --transfer-amount AMOUNT -o FILE
                            [--transfer-id ID] [--source URef] [--node URL] [--chain-name NAME]
                            [--ttl DURATION] [--deploy] [--force]`,
  summary: `Writes an unsigned native transfer (TransactionV1, Native target, entry point Transfer; a deploy
with --deploy) paying exactly the network's transfer cost, for the account's co-signers to sign.
AMOUNT is motes, or CSPR with a cspr suffix (2.5cspr). The id is always written (a Ledger refuses a
transfer without one); default the timestamp in milliseconds.`,
  options: {
    target: {
      type: 'string',
      value: 'KEY',
      description: 'the recipient: public key hex, account-hash-…, or a purse uref-…',
    },
    'transfer-amount': { type: 'string', value: 'AMOUNT', description: 'motes, or CSPR as 2.5cspr' },
    'transfer-id': { type: 'string', value: 'ID', description: 'a u64 (default: the timestamp in ms)' },
    source: { type: 'string', value: 'URef', description: 'the purse to pay from (default: the main purse)' },
  },
  build(values, parameters) {
    const id = values['transfer-id'] as string | undefined
    if (id !== undefined && !/^\d+$/.test(id))
      throw new CliError('Invalid --transfer-id', {
        code: 'UsageError',
        details: { expected: 'a whole number from 0 to 2^64 - 1', got: id },
      })
    return buildTransfer({
      ...parameters,
      target: required(values.target as string | undefined, '--target', 'KEY'),
      amount: parseAmount(
        required(values['transfer-amount'] as string | undefined, '--transfer-amount', 'AMOUNT'),
        '--transfer-amount',
      ),
      ...(id === undefined ? {} : { id: BigInt(id) }),
      ...(values.source === undefined ? {} : { source: values.source as string }),
    })
  },
  describe: (values) =>
    `transfer of ${formatCspr(parseAmount(values['transfer-amount'] as string, '--transfer-amount'))} CSPR to ${values.target}`,
})
