// `casper-multisig keygen`: a new key pair in casper-client's layout (secret_key.pem, public_key.pem, public_key_hex).
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ed25519 } from '@noble/curves/ed25519'
import { secp256k1 } from '@noble/curves/secp256k1'
import type { KeyAlgorithm } from '../../keys/KeyAlgorithm.js'
import { privateKeyFromBytes } from '../../keys/privateKeyFromBytes.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { writeText } from '../files.js'
import { keyFileNames, keyFiles } from '../keyFiles.js'
import { createOutput, outputOptions } from '../Output.js'
import { parseCommandArgs } from '../parseCommandArgs.js'

const options = {
  algorithm: { type: 'string', short: 'a', value: 'ALG', description: 'ed25519 (default) or secp256k1' },
  force: {
    type: 'boolean',
    short: 'f',
    description: 'replace existing key files in DIR (the old secret key is lost)',
  },
  ...outputOptions('print { directory, algorithm, publicKey, accountHash, files }', 'print nothing'),
} as const

const usage = commandUsage({
  synopsis: 'Usage: casper-multisig keygen DIR [--algorithm ed25519|secp256k1] [--force] [--json] [--quiet]',
  summary: `Makes a new key pair and writes it to DIR (created if missing) as casper-client keygen does:
secret_key.pem (mode 0600), public_key.pem and public_key_hex. Prints the public key and its
account hash. Existing key files are never replaced unless --force.`,
  options,
  exitCodes: 'Exit codes: 0 written, 1 a key file exists or cannot be written, 2 usage error.',
})

export const keygenCommand: Command = {
  name: 'keygen',
  usage,
  options,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, { name: 'DIR', min: 1, max: 1 })
    const dir = positionals[0]!
    const algorithm = (values.algorithm ?? 'ed25519').toLowerCase()
    if (algorithm !== 'ed25519' && algorithm !== 'secp256k1') {
      throw new CliError('Invalid --algorithm', {
        code: 'UsageError',
        details: { expected: 'ed25519 or secp256k1', got: values.algorithm },
      })
    }
    const paths = keyFileNames.map((name) => join(dir, name))
    // casper-client-rs `lib/keygen.rs`: nothing is written when any of the three files exists.
    const taken = paths.filter((path) => existsSync(path))
    if (taken.length > 0 && !values.force) {
      throw new CliError(`${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}`, {
        code: 'FileError',
        remedy:
          'Choose another directory, or pass --force to replace the key (the old secret key is then lost).',
      })
    }
    const key = privateKeyFromBytes(randomSecret(algorithm), algorithm)
    const files = keyFiles(key)
    try {
      mkdirSync(dir, { recursive: true })
      for (const name of keyFileNames) {
        const path = join(dir, name)
        const secret = name === 'secret_key.pem'
        writeText(path, files[name], { overwrite: true, mode: secret ? 0o600 : 0o644 })
      }
    } catch (cause) {
      throw new CliError(`Cannot write the key files to ${dir}`, {
        code: 'FileError',
        details: { reason: cause instanceof Error ? cause.message : String(cause) },
      })
    }
    const output = createOutput(io, values)
    output.info(`Wrote ${paths.map(safeText).join(', ')}`)
    output.info(`Public key: ${key.publicKeyHex}`)
    output.info(`Account hash: account-hash-${key.accountHash}`)
    output.json({
      directory: dir,
      algorithm,
      publicKey: key.publicKeyHex,
      accountHash: `account-hash-${key.accountHash}`,
      files: paths,
    })
    return exitCodes.ok
  },
}

/** 32 random bytes that are a valid secret key: any seed for ed25519, a scalar in 1..n-1 for secp256k1. */
function randomSecret(algorithm: KeyAlgorithm): Uint8Array {
  return algorithm === 'ed25519' ? ed25519.utils.randomPrivateKey() : secp256k1.utils.randomPrivateKey()
}
