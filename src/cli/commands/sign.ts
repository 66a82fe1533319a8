// `casper-multisig sign`: adds one approval to a copy of a deploy file with a local secret key.
import { basename, dirname, join } from 'node:path'
import { localSigner } from '../../approvals/localSigner.js'
import { signatureProgress } from '../../approvals/signatureProgress.js'
import { signDeploy } from '../../approvals/signDeploy.js'
import type { KeyAlgorithm } from '../../keys/KeyAlgorithm.js'
import { type PrivateKeyInput, parsePrivateKey } from '../../keys/parsePrivateKey.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { readBytes, readDeployFile, writeDeployFile } from '../files.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'
import { readNodeAccount } from '../readNodeAccount.js'

const usage = `Usage: casper-multisig sign FILE --key SECRET_KEY_FILE [--out FILE | --in-place] [--force]
                            [--algorithm ed25519|secp256k1] [--node URL]

Signs the deploy in FILE with the secret key and writes the signed copy, by default next to FILE
as <FILE without .json>.signed-by-<first 8 hex of the signer's account hash>.json. Prints the
signer's account hash and, with --node, the signature progress against the account now.

  --key FILE          secret_key.pem (PKCS#8 or SEC1 PEM, ed25519 or secp256k1; DER; or 64 hex
                      digits with --algorithm)
  --out FILE          where to write the signed copy
  --in-place          replace FILE with the signed copy
  --force             replace an existing --out file
  --algorithm ALG     the key's algorithm, needed only for a raw hex key
  --node URL          the node's JSON-RPC endpoint, to print the progress`

export const signCommand: Command = {
  name: 'sign',
  summary: 'sign a copy of a deploy file with a secret key file',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        key: { type: 'string' },
        out: { type: 'string' },
        'in-place': { type: 'boolean' },
        force: { type: 'boolean' },
        algorithm: { type: 'string' },
        node: { type: 'string' },
      },
      { name: 'FILE', min: 1, max: 1 },
    )
    const file = positionals[0]!
    const keyFile = required(values.key, '--key', 'SECRET_KEY_FILE')
    if (values.out !== undefined && values['in-place']) {
      throw new CliError('--out and --in-place exclude each other', { code: 'UsageError' })
    }
    const algorithm = values.algorithm
    if (algorithm !== undefined && algorithm !== 'ed25519' && algorithm !== 'secp256k1') {
      throw new CliError('Invalid --algorithm', {
        code: 'UsageError',
        details: { expected: 'ed25519 or secp256k1', got: algorithm },
      })
    }
    const deploy = readDeployFile(file)
    const key = parsePrivateKey(keyInput(readBytes(keyFile, 'secret key file')), {
      ...(algorithm ? { algorithm: algorithm as KeyAlgorithm } : {}),
    })
    const signer = localSigner(key)
    const signed = await signDeploy(deploy, signer)
    const out = values['in-place'] ? file : (values.out ?? signedCopyPath(file, signer.accountHash))

    const already = signed.approvals.length === deploy.approvals.length
    io.out(
      `${already ? 'Already signed' : 'Signed'} deploy ${signed.hash} by account-hash-${signer.accountHash} (${signer.publicKey})`,
    )
    writeDeployFile(out, signed, { overwrite: Boolean(values['in-place'] || values.force) })
    io.out(`Wrote ${out} (${signed.approvals.length} approval${signed.approvals.length === 1 ? '' : 's'})`)
    if (values.node) {
      const { account, status } = await readNodeAccount(values.node, signed.header.account)
      io.out(`Progress: ${signatureProgress(signed, account, { protocol: status.protocol }).summary}`)
    }
    return exitCodes.ok
  },
}

/** `dir/deploy-1.json` → `dir/deploy-1.signed-by-83b0df3b.json`. */
function signedCopyPath(file: string, accountHash: string): string {
  const name = basename(file).replace(/\.json$/i, '')
  return join(dirname(file), `${name}.signed-by-${accountHash.slice(0, 8)}.json`)
}

/** PEM and hex files as text, anything else (DER) as bytes: the inputs `parsePrivateKey` takes. */
function keyInput(bytes: Uint8Array): PrivateKeyInput {
  const text = new TextDecoder().decode(bytes)
  if (text.includes('-----BEGIN')) return text
  if (/^\s*[0-9a-fA-F]{64}\s*$/.test(text)) return text.trim()
  return bytes
}
