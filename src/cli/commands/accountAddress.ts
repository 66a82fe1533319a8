// `casper-multisig account-address`: the account hash of a public key, as casper-client account-address prints it.
import { existsSync } from 'node:fs'
import { parsePublicKey } from '../../keys/parsePublicKey.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { readBytes } from '../files.js'
import { createOutput, outputOptions } from '../Output.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'

const options = {
  'public-key': {
    type: 'string',
    short: 'p',
    value: 'KEY|FILE',
    description: 'the public key hex, or a file holding it',
  },
  ...outputOptions(
    'print { publicKey, accountHash }',
    'print nothing (the exit code tells whether it is a public key)',
  ),
} as const

const usage = commandUsage({
  synopsis: 'Usage: casper-multisig account-address --public-key KEY|FILE [--json]',
  summary: `Prints the account hash (account-hash-<64 hex>) of a public key: its hex (01… or 02…), or a file
holding it: public_key.pem, public_key_hex, or - for standard input.`,
  options,
  exitCodes: 'Exit codes: 0 printed, 1 not a public key or unreadable file, 2 usage error.',
})

const hexKey = /^\s*0[12][0-9a-fA-F]+\s*$/

export const accountAddressCommand: Command = {
  name: 'account-address',
  usage,
  options,
  async run(args, io) {
    const { values } = parseCommandArgs(args, options)
    const given = required(values['public-key'], '--public-key', 'KEY or FILE')
    const isHex = hexKey.test(given) && !existsSync(given)
    const key = parsePublicKey(isHex ? given : readKeyFile(given))
    createOutput(io, { json: values.json }).json({
      publicKey: key.publicKeyHex,
      accountHash: `account-hash-${key.accountHash}`,
    })
    if (!values.json && !values.quiet) io.out(`account-hash-${key.accountHash}`)
    return exitCodes.ok
  },
}

/** A PEM or hex file as text, DER as bytes. */
function readKeyFile(path: string): string | Uint8Array {
  const bytes = readBytes(path, 'public key file')
  const text = new TextDecoder().decode(bytes)
  return text.includes('-----BEGIN') || hexKey.test(text) ? text : bytes
}
