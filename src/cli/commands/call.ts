// `casper-multisig call`: an unsigned call of a stored contract or package from a multi-sig account.
import { buildContractCall, type ContractCallTarget } from '../../deploy/buildContractCall.js'
import { parseSessionArg } from '../../deploy/parseSessionArg.js'
import { formatCspr } from '../../text/formatCspr.js'
import { CliError } from '../CliError.js'
import { required } from '../parseCommandArgs.js'
import { parseAmount, spendingCommand } from '../spendingCommand.js'

const targetFlags = ['contract-hash', 'contract-name', 'package-hash', 'package-name'] as const

/** The one target flag given, with --contract-version for a package (casper-client make-transaction names). */
function target(values: Record<string, unknown>): ContractCallTarget {
  const given = targetFlags.filter((flag) => values[flag] !== undefined)
  if (given.length !== 1)
    throw new CliError(given.length === 0 ? 'No contract to call' : 'More than one contract to call', {
      code: 'UsageError',
      details: {
        expected: 'one of --contract-hash, --contract-name, --package-hash, --package-name',
        got: given.map((f) => `--${f}`).join(' ') || 'none',
      },
    })
  const flag = given[0]!
  const value = values[flag] as string
  const versionText = values['contract-version'] as string | undefined
  if (versionText !== undefined && (flag === 'contract-hash' || flag === 'contract-name'))
    throw new CliError('--contract-version is for a package', {
      code: 'UsageError',
      details: { expected: '--contract-version with --package-hash or --package-name', got: `--${flag}` },
    })
  if (versionText !== undefined && !/^\d+$/.test(versionText))
    throw new CliError('Invalid --contract-version', {
      code: 'UsageError',
      details: { expected: 'a contract version, an integer from 1', got: versionText },
    })
  const version = versionText === undefined ? undefined : Number(versionText)
  switch (flag) {
    case 'contract-hash':
      return { contractHash: value }
    case 'contract-name':
      return { contractName: value }
    case 'package-hash':
      return { packageHash: value, version }
    case 'package-name':
      return { packageName: value, version }
  }
}

export const callCommand = spendingCommand({
  name: 'call',
  synopsis: `Usage: casper-multisig call --account KEY (--contract-hash HASH | --contract-name NAME |
                            --package-hash HASH | --package-name NAME) [--contract-version N]
                            --session-entry-point NAME [--session-arg "NAME:TYPE='VALUE'"]...
                            --payment-amount AMOUNT -o FILE [--node URL] [--chain-name NAME]
                            [--ttl DURATION] [--deploy] [--force]`,
  summary: `Writes an unsigned call of a stored contract or package (TransactionV1 with a Stored target; a
deploy with --deploy) for the account's co-signers to sign. Args are casper-client's simple args:
TYPE is bool, i32, i64, u8, u32, u64, u128, u256, u512, unit, string, key, account_hash, uref,
public_key, byte_list or byte_array_N, opt_TYPE for an Option ("NAME:opt_TYPE=null" for None).
The payment is required (the contract's code decides what it consumes; a failed call is charged
all of it); AMOUNT is motes, or CSPR with a cspr suffix (5cspr). A call by name or package name
calls whatever the account's named key holds when it runs.`,
  options: {
    'contract-hash': { type: 'string', value: 'HASH', description: 'the contract hash (hex, or hash-…)' },
    'contract-name': {
      type: 'string',
      value: 'NAME',
      description: 'a named key of the account holding the contract',
    },
    'package-hash': {
      type: 'string',
      value: 'HASH',
      description: 'the contract package hash (hex, or hash-…)',
    },
    'package-name': {
      type: 'string',
      value: 'NAME',
      description: 'a named key of the account holding the package',
    },
    'contract-version': {
      type: 'string',
      value: 'N',
      description: "the package's contract version (default: its newest enabled one)",
    },
    'session-entry-point': { type: 'string', value: 'NAME', description: 'the entry point to call' },
    'session-arg': {
      type: 'string',
      multiple: true,
      value: 'ARG',
      description: "an arg as NAME:TYPE='VALUE' (repeat for each)",
    },
    'payment-amount': {
      type: 'string',
      value: 'AMOUNT',
      description: 'the payment limit: motes, or CSPR as 5cspr',
    },
  },
  build: (values, parameters) =>
    buildContractCall({
      ...parameters,
      target: target(values),
      entryPoint: required(
        values['session-entry-point'] as string | undefined,
        '--session-entry-point',
        'NAME',
      ),
      args: ((values['session-arg'] as string[] | undefined) ?? []).map(parseSessionArg),
      paymentAmount: parseAmount(
        required(values['payment-amount'] as string | undefined, '--payment-amount', 'AMOUNT'),
        '--payment-amount',
      ),
    }),
  describe: (values) => {
    const flag = targetFlags.find((f) => values[f] !== undefined)!
    const version = values['contract-version'] === undefined ? '' : ` version ${values['contract-version']}`
    return `call of ${values['session-entry-point']} on ${flag.replace('-', ' ')} ${values[flag]}${version}, paying up to ${formatCspr(parseAmount(values['payment-amount'] as string, '--payment-amount'))} CSPR`
  },
})
