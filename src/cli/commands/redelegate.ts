// `casper-multisig redelegate`: an unsigned Redelegate from a multi-sig account.
import { buildRedelegate } from '../../deploy/buildRedelegate.js'
import { formatCspr } from '../../text/formatCspr.js'
import { required } from '../parseCommandArgs.js'
import { parseAmount, spendingCommand } from '../spendingCommand.js'

export const redelegateCommand = spendingCommand({
  name: 'redelegate',
  synopsis: `Usage: casper-multisig redelegate --account KEY --validator KEY --new-validator KEY --amount AMOUNT -o FILE
                            [--node URL] [--chain-name NAME] [--ttl DURATION] [--deploy] [--force]`,
  summary: `Writes an unsigned redelegate (TransactionV1, Native target, entry point Redelegate, paying exactly the
network's redelegate cost; with --deploy a deploy calling "redelegate" on the auction contract) for the
account's co-signers to sign. The delegator is the account itself. AMOUNT is motes, or CSPR with a
cspr suffix (500cspr).`,
  options: {
    validator: { type: 'string', value: 'KEY', description: "the validator's public key hex" },
    'new-validator': { type: 'string', value: 'KEY', description: 'the validator the stake moves to' },
    amount: { type: 'string', value: 'AMOUNT', description: 'motes, or CSPR as 500cspr' },
  },
  build: (values, parameters) =>
    buildRedelegate({
      ...parameters,
      validator: required(values.validator as string | undefined, '--validator', 'KEY'),
      newValidator: required(values['new-validator'] as string | undefined, '--new-validator', 'KEY'),
      amount: parseAmount(required(values.amount as string | undefined, '--amount', 'AMOUNT'), '--amount'),
    }),
  describe: (values) =>
    `redelegation of ${formatCspr(parseAmount(values.amount as string, '--amount'))} CSPR from ${values.validator} to ${values['new-validator']}`,
})
