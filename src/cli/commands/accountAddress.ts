// `casper-multisig account-address`: the account hash of a public key, as casper-client account-address prints it.
import { existsSync } from 'node:fs'
import { parsePublicKey } from '../../keys/parsePublicKey.js'
import { ledgerSigner } from '../../ledger/ledgerSigner.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { readBytes } from '../files.js'
import { createOutput, outputOptions } from '../Output.js'
import { openLedger } from '../openLedger.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'

const options = {
  'public-key': {
    type: 'string',
    short: 'p',
    value: 'KEY|FILE',
    description: 'the public key hex, or a file holding it',
  },
  ledger: {
    type: 'boolean',
    description: 'read the key of a Ledger running the Casper app (USB) instead',
  },
  'ledger-path': {
    type: 'string',
    value: 'PATH',
    description: "the Ledger key's path (default m/44'/506'/0'/0/0)",
  },
  ...outputOptions(
    'print { publicKey, accountHash } (with --ledger also path)',
    'print nothing (the exit code tells whether it is a public key)',
  ),
} as const

const usage = commandUsage({
  synopsis:
    'Usage: casper-multisig account-address (--public-key KEY|FILE | --ledger [--ledger-path PATH]) [--json]',
  summary: `Prints the account hash (account-hash-<64 hex>) of a public key: its hex (01… or 02…), or a file
holding it: public_key.pem, public_key_hex, or - for standard input. With --ledger, of the
secp256k1 key the Ledger's Casper app holds at --ledger-path (also printed: its public key).`,
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
    if (values.ledger) {
      if (values['public-key'] !== undefined) {
        throw new CliError('--ledger reads the key from the device: give no --public-key', {
          code: 'UsageError',
        })
      }
      const transport = await openLedger(io)
      try {
        const signer = await ledgerSigner({ transport, path: values['ledger-path'] })
        createOutput(io, { json: values.json }).json({
          path: signer.path,
          publicKey: signer.publicKey,
          accountHash: `account-hash-${signer.accountHash}`,
        })
        if (!values.json && !values.quiet) {
          io.out(`account-hash-${signer.accountHash}`)
          io.err(`Ledger key at ${signer.path}: ${signer.publicKey}`)
        }
        return exitCodes.ok
      } finally {
        await transport.close?.()
      }
    }
    if (values['ledger-path'] !== undefined) {
      throw new CliError('--ledger-path needs --ledger', { code: 'UsageError' })
    }
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
