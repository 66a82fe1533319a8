// `casper-multisig delegate`: an unsigned Delegate from a multi-sig account.
import { buildDelegate } from '../../deploy/buildDelegate.js'
import { formatCspr } from '../../text/formatCspr.js'
import { required } from '../parseCommandArgs.js'
import { parseAmount, spendingCommand } from '../spendingCommand.js'

export const delegateCommand = spendingCommand({
  name: 'delegate',
  synopsis: `Usage: casper-multisig delegate --account KEY --validator KEY --amount AMOUNT -o FILE
                            [--node URL] [--chain-name NAME] [--ttl DURATION] [--deploy] [--force]`,
  summary: `Writes an unsigned delegate (TransactionV1, Native target, entry point Delegate, paying exactly the
network's delegate cost; with --deploy a deploy calling "delegate" on the auction contract) for the
account's co-signers to sign. The delegator is the account itself. AMOUNT is motes, or CSPR with a
cspr suffix (500cspr).`,
  options: {
    validator: { type: 'string', value: 'KEY', description: "the validator's public key hex" },

    amount: { type: 'string', value: 'AMOUNT', description: 'motes, or CSPR as 500cspr' },
  },
  build: (values, parameters) =>
    buildDelegate({
      ...parameters,
      validator: required(values.validator as string | undefined, '--validator', 'KEY'),

      amount: parseAmount(required(values.amount as string | undefined, '--amount', 'AMOUNT'), '--amount'),
    }),
  describe: (values) =>
    `delegation of ${formatCspr(parseAmount(values.amount as string, '--amount'))} CSPR to ${values.validator}`,
})
