// `casper-multisig undelegate`: an unsigned Undelegate from a multi-sig account.
import { buildUndelegate } from '../../deploy/buildUndelegate.js'
import { formatCspr } from '../../text/formatCspr.js'
import { required } from '../parseCommandArgs.js'
import { parseAmount, spendingCommand } from '../spendingCommand.js'

export const undelegateCommand = spendingCommand({
  name: 'undelegate',
  synopsis: `Usage: casper-multisig undelegate --account KEY --validator KEY --amount AMOUNT -o FILE
                            [--node URL] [--chain-name NAME] [--ttl DURATION] [--deploy] [--force]`,
  summary: `Writes an unsigned undelegate (TransactionV1, Native target, entry point Undelegate, paying exactly the
network's undelegate cost; with --deploy a deploy calling "undelegate" on the auction contract) for the
account's co-signers to sign. The delegator is the account itself. AMOUNT is motes, or CSPR with a
cspr suffix (500cspr).`,
  options: {
    validator: { type: 'string', value: 'KEY', description: "the validator's public key hex" },

    amount: { type: 'string', value: 'AMOUNT', description: 'motes, or CSPR as 500cspr' },
  },
  build: (values, parameters) =>
    buildUndelegate({
      ...parameters,
      validator: required(values.validator as string | undefined, '--validator', 'KEY'),

      amount: parseAmount(required(values.amount as string | undefined, '--amount', 'AMOUNT'), '--amount'),
    }),
  describe: (values) =>
    `undelegation of ${formatCspr(parseAmount(values.amount as string, '--amount'))} CSPR from ${values.validator}`,
})
