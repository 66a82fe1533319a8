// What `transfer`, `delegate`, `undelegate` and `redelegate` share: casper-client make-transaction's
// flags, amounts in motes or CSPR, the unsigned file written, and with --node which keys must sign.
import type { Chainspec } from '../chainspec/Chainspec.js'
import { casperMainnet } from '../chainspec/casperMainnet.js'
import type { BuiltSpending, SpendingParameters } from '../deploy/buildSpending.js'
import { parsePublicKey } from '../keys/parsePublicKey.js'
import { formatCspr } from '../text/formatCspr.js'
import { safeText } from '../text/safeText.js'
import { CliError } from './CliError.js'
import type { CliIo } from './CliIo.js'
import { type Command, exitCodes } from './Command.js'
import type { CommandOptions } from './CommandOption.js'
import { commandUsage } from './commandUsage.js'
import { readText, writeText } from './files.js'
import { nodeAddress, nodeOptions } from './nodeAddress.js'
import { ownChainspec, ownChainspecOptions } from './ownChainspec.js'
import { parseCommandArgs, required } from './parseCommandArgs.js'
import { readNodeAccount } from './readNodeAccount.js'

/** The flags every spending command takes (casper-client `make-transaction` names). */
export const spendingOptions = {
  ...nodeOptions(
    'the node (also --node-address; default: CASPER_NODE_ADDRESS): its chainspec and\nthe account, and print which keys must sign',
  ),
  ...ownChainspecOptions,
  account: {
    type: 'string',
    value: 'KEY',
    description: "the sending account's public key: hex, or a public_key.pem / public_key_hex file",
  },
  'chain-name': { type: 'string', value: 'NAME', description: "default: the node's, else casper (mainnet)" },
  ttl: { type: 'string', value: 'DURATION', description: 'e.g. 30m, 1h (default and most: 2h)' },
  deploy: { type: 'boolean', description: 'write a deploy instead of a TransactionV1' },
  output: {
    type: 'string',
    short: 'o',
    value: 'FILE',
    description: 'where to write the unsigned file (- for standard output)',
  },
  force: { type: 'boolean', description: 'replace FILE when it exists' },
} as const satisfies CommandOptions

type SpendingValues = {
  node?: string | undefined
  'node-address'?: string | undefined
  account?: string | undefined
  'chain-name'?: string | undefined
  ttl?: string | undefined
  deploy?: boolean | undefined
  output?: string | undefined
  force?: boolean | undefined
}

/**
 * Motes from `2500000000` or CSPR from `2.5cspr` (up to 9 decimals: 1 CSPR = 10^9 motes).
 *
 * @throws {CliError} `UsageError` naming the flag.
 */
export function parseAmount(text: string, flag: string): bigint {
  const cspr = /^(\d+)(?:\.(\d{1,9}))?\s*cspr$/i.exec(text.trim())
  if (cspr) return BigInt(cspr[1]!) * 1_000_000_000n + BigInt((cspr[2] ?? '').padEnd(9, '0'))
  if (/^\d+$/.test(text.trim())) return BigInt(text.trim())
  throw new CliError(`Invalid ${flag}`, {
    code: 'UsageError',
    details: { expected: 'motes (2500000000) or CSPR with a cspr suffix (2.5cspr)', got: text },
  })
}

/** A public key from hex, or from a public_key.pem / public_key_hex file. */
export function readPublicKey(text: string, flag: string): string {
  const source = /^0[12][0-9a-fA-F]+$/.test(text.trim()) ? text : readText(text, `${flag} key file`)
  try {
    return parsePublicKey(source).publicKeyHex
  } catch (cause) {
    throw new CliError(`Invalid ${flag}`, {
      code: 'UsageError',
      details: { expected: 'a public key: hex, or a public_key.pem / public_key_hex file', got: text },
      cause,
    })
  }
}

/**
 * A spending command: parses the shared flags and its own, builds the file with `build`, writes it
 * (`-o`), and prints what it pays and, with --node, which keys must sign.
 */
export function spendingCommand<const O extends CommandOptions>(spec: {
  name: string
  synopsis: string
  summary: string
  options: O
  build(values: Record<string, unknown>, parameters: SpendingParameters, chainspec: Chainspec): BuiltSpending
  describe(values: Record<string, unknown>): string
}): Command {
  const options = { ...spec.options, ...spendingOptions } as const
  return {
    name: spec.name,
    options,
    usage: commandUsage({
      synopsis: spec.synopsis,
      summary: spec.summary,
      options,
      exitCodes:
        'Exit codes: 0 written, 1 failed (refused amount or key, node error, FILE exists), 2 usage error.',
    }),
    async run(args: readonly string[], io: CliIo) {
      const { values } = parseCommandArgs(args, options)
      const v = values as SpendingValues & Record<string, unknown>
      const output = required(v.output, '--output', 'FILE')
      const account = readPublicKey(required(v.account, '--account', 'KEY'), '--account')
      const node = nodeAddress(v, io.env)
      const own = ownChainspec(v as { chainspec?: string | undefined })
      const read = node ? await readNodeAccount(node, account, { chainspec: own }) : undefined
      const chainspec = read?.network.chainspec ?? own?.chainspec ?? casperMainnet
      const chainName = v['chain-name'] ?? read?.status.chainspecName ?? chainspec.chainName
      const built = spec.build(
        v,
        {
          account,
          chainName,
          chainspec,
          kind: v.deploy ? 'deploy' : 'transaction',
          ...(v.ttl === undefined ? {} : { ttl: v.ttl }),
          ...(read ? { accountKeys: read.account } : {}),
        },
        chainspec,
      )
      const say = output === '-' ? io.err : io.out
      if (output === '-') io.out(built.json.trimEnd())
      else writeText(output, built.json, { overwrite: Boolean(v.force) })
      const what = built.kind === 'deploy' ? 'deploy' : 'transaction'
      say(`${safeText(spec.describe(v))} on ${safeText(chainName)}`)
      say(
        `payment ${formatCspr(built.paymentMotes)} CSPR; expected charge ${formatCspr(built.expectedChargeMotes)} CSPR`,
      )
      if (output !== '-') say(`wrote ${safeText(output)} (${what} ${built.hash}, unsigned)`)
      if (built.signers) {
        const sets = built.signers.neededSets
        say(
          `deployment threshold ${built.signers.deploymentThreshold}; ${
            sets.length === 0
              ? 'no set of associated keys reaches it'
              : `sign with ${sets.map((set) => set.map((h) => `account-hash-${h}`).join(' + ')).join(', or ')}`
          }`,
        )
      }
      return exitCodes.ok
    },
  }
}
