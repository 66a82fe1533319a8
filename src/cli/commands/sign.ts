// `casper-multisig sign`: adds one approval to a copy of a deploy file with a local secret key, after its guard rails.
import { basename, dirname, join } from 'node:path'
import type { AccountHashHex } from '../../account/Account.js'
import { localSigner } from '../../approvals/localSigner.js'
import { signatureProgress } from '../../approvals/signatureProgress.js'
import { signDeploy } from '../../approvals/signDeploy.js'
import type { CosignTransaction } from '../../cosign/CosignFile.js'
import { describeFile } from '../../cosign/describeFile.js'
import { signFile } from '../../cosign/signFile.js'
import { signingProgress } from '../../cosign/signingProgress.js'
import { stringifyCosignFile } from '../../cosign/stringifyCosignFile.js'
import { parseDuration, parseTimestamp } from '../../encoding/duration.js'
import type { KeyAlgorithm } from '../../keys/KeyAlgorithm.js'
import { type PrivateKeyInput, parsePrivateKey } from '../../keys/parsePrivateKey.js'
import { describeDeploy } from '../../preflight/describeDeploy.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { checkOutputPath, outOptions, outPath, writeDeployOutput } from '../deployOutput.js'
import { describeLines } from '../describeText.js'
import { readBytes, readSecretKeyFile, writeText } from '../files.js'
import { inputOptions, inputPath } from '../inputPath.js'
import { keyJson, keyName, labelOptions, loadLabels } from '../labels.js'
import { nodeAddress, nodeOptions } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'
import { progressJson, progressText } from '../progressText.js'
import { type ReadNodeAccountReturnType, readNodeAccount } from '../readNodeAccount.js'
import { readSignedFile, transactionAccount } from '../readSignedFile.js'
import {
  integrityProblems,
  signingProgressJson,
  signingProgressText,
  transactionLines,
  transactionNetwork,
} from '../transactionText.js'

const options = {
  ...inputOptions,
  key: {
    type: 'string',
    short: 'k',
    value: 'FILE',
    description:
      'secret_key.pem (PKCS#8 or SEC1 PEM, ed25519 or secp256k1; DER; or 64 hex\ndigits with --algorithm); also --secret-key',
  },
  'secret-key': { type: 'string', value: 'FILE', aliasOf: 'key' },
  ...outOptions('where to write the signed copy (- for standard output); also --output'),
  'in-place': { type: 'boolean', description: 'replace FILE with the signed copy' },
  ...nodeOptions(
    'the node (also --node-address; default: CASPER_NODE_ADDRESS): checks the\nchain and the key, and prints the signature progress',
  ),
  'chain-name': { type: 'string', value: 'NAME', description: 'the chain the deploy must be for' },
  force: {
    type: 'boolean',
    description: 'sign despite the checks above, and replace an existing output file',
  },
  algorithm: {
    type: 'string',
    value: 'ALG',
    description: "the key's algorithm, needed only for a raw hex key",
  },
  ...labelOptions('names for keys (default: labels.json beside FILE)'),
  ...outputOptions('print { hash, signer, alreadySigned, out, approvals, progress }'),
} as const

const usage = commandUsage({
  synopsis: `Usage: casper-multisig sign FILE --key SECRET_KEY_FILE [-o FILE | --in-place] [--node URL]
                            [--chain-name NAME] [--force] [--algorithm ed25519|secp256k1] [--json]`,
  summary: `Shows what the deploy or TransactionV1 in FILE (- for standard input) does, every key in full, then
signs it with the secret key and writes the signed copy: by default next to FILE as
<FILE without .json>.signed-by-<first 8 hex of the signer's account hash>.json (standard output
when FILE is -); -o - writes it to standard output (the messages then go to standard error).

It refuses, writing nothing, unless --force:
  - a deploy describe calls DO NOT SIGN (payment far above need or not standard payment, hidden
    characters in names, approvals that do not verify);
  - an expired deploy (timestamp + ttl in the past);
  - a deploy whose chain name differs from --chain-name, or from the node's;
  - with a node, a key the account does not hold (the node would refuse the whole deploy).
The output path is checked before signing: an existing file is not replaced without --force.
A file whose content does not match its hash, or that carries an approval that does not verify, is
never signed: DO NOT SIGN, exit 1, even with --force. A TransactionV1 (told apart by its shape) is
signed the same way and written back in the wrapper it came in.`,
  options,
  exitCodes: 'Exit codes: 0 signed (or already signed by this key), 1 refused or failed, 2 usage error.',
})

export const signCommand: Command = {
  name: 'sign',
  usage,
  options,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, { name: 'FILE', min: 0, max: 1 })
    const file = inputPath(values, positionals)
    if (values.key !== undefined && values['secret-key'] !== undefined) {
      throw new CliError('--key and --secret-key name the same thing: give one', { code: 'UsageError' })
    }
    const keyFile = required(values.key ?? values['secret-key'], '--key', 'SECRET_KEY_FILE')
    const explicitOut = outPath(values)
    if (explicitOut !== undefined && values['in-place']) {
      throw new CliError('--out and --in-place exclude each other', { code: 'UsageError' })
    }
    if (file === '-' && keyFile === '-') {
      throw new CliError('Standard input can hold the deploy or the key, not both', { code: 'UsageError' })
    }
    if (file === '-' && values['in-place']) {
      throw new CliError('--in-place needs a FILE, not standard input', { code: 'UsageError' })
    }
    if (explicitOut === '-' && values.json) {
      throw new CliError('-o - and --json both write to standard output: give one', { code: 'UsageError' })
    }
    const algorithm = values.algorithm
    if (algorithm !== undefined && algorithm !== 'ed25519' && algorithm !== 'secp256k1') {
      throw new CliError('Invalid --algorithm', {
        code: 'UsageError',
        details: { expected: 'ed25519 or secp256k1', got: algorithm },
      })
    }
    const node = nodeAddress(values, io.env)
    const labels = loadLabels(values, file)
    const read = readSignedFile(file)
    // Standard input has no file mode to check; a key file readable by others is named, as ssh does.
    const secret =
      keyFile === '-' ? { bytes: readBytes(keyFile, 'secret key file') } : readSecretKeyFile(keyFile)
    if ('warning' in secret && secret.warning) io.err(`Warning: ${safeText(secret.warning)}`)
    const key = parsePrivateKey(keyInput(secret.bytes), {
      ...(algorithm ? { algorithm: algorithm as KeyAlgorithm } : {}),
    })
    const signer = localSigner(key)
    const out = values['in-place']
      ? file
      : (explicitOut ?? (file === '-' ? '-' : signedCopyPath(file, signer.accountHash)))
    const force = Boolean(values.force)
    checkOutputPath(out, { overwrite: Boolean(values['in-place']) || force })
    const output = createOutput(io, { ...values, dataOnStdout: out === '-' })
    if (read.kind === 'transaction') {
      const onChain = node ? await readNodeAccount(node, transactionAccount(read.file)) : undefined
      await signTransaction(read.file, signer, {
        out,
        force,
        chainName: values['chain-name'],
        onChain,
        labels,
        output,
        io,
      })
      return exitCodes.ok
    }
    const { deploy } = read

    const onChain = node ? await readNodeAccount(node, deploy.header.account) : undefined
    const description = await describeDeploy(deploy, {
      ...(onChain ? { account: onChain.account, ...onChain.network } : {}),
    })
    for (const line of describeLines(description, labels)) output.info(line)
    if (!force) {
      // What describe calls DO NOT SIGN (payment, hidden text, bad approvals) is not signed by default.
      if (!description.safeToSign) {
        throw new CliError('Not signed: DO NOT SIGN', {
          code: 'SignRefused',
          details: { reasons: description.doNotSign.join('; ') },
          remedy:
            'Read the reasons above and ask whoever sent the deploy for a corrected one. --force signs anyway. Nothing was written.',
        })
      }
      refuseIfUnsafe(deployTimes(deploy.header), signer.accountHash, {
        chainName: values['chain-name'],
        node: onChain
          ? { chainName: onChain.status.chainspecName, holds: onChain.account.associatedKeys }
          : undefined,
        labels,
      })
    }

    const signed = await signDeploy(deploy, signer)
    const already = signed.approvals.length === deploy.approvals.length
    writeDeployOutput(out, signed, { overwrite: true }, io)
    output.info(
      `${already ? 'Already signed' : 'Signed'} deploy ${signed.hash} by ${keyName(signer.accountHash, labels)} (public key ${signer.publicKey})`,
    )
    if (out !== '-') {
      output.info(
        `Wrote ${safeText(out)} (${signed.approvals.length} approval${signed.approvals.length === 1 ? '' : 's'})`,
      )
    }
    const progress = onChain ? signatureProgress(signed, onChain.account, onChain.network) : undefined
    if (progress) output.info(`Progress: ${progressText(progress, labels)}`)
    output.json({
      hash: signed.hash,
      signer: { ...keyJson(signer.accountHash, labels), publicKey: signer.publicKey },
      alreadySigned: already,
      out,
      approvals: signed.approvals.length,
      ...(progress ? { progress: progressJson(progress, labels) } : {}),
    })
    return exitCodes.ok
  },
}

/** `sign` for a TransactionV1: the same description, guard rails and output as for a deploy. */
async function signTransaction(
  transaction: CosignTransaction,
  signer: ReturnType<typeof localSigner>,
  context: {
    out: string
    force: boolean
    chainName: string | undefined
    onChain: ReadNodeAccountReturnType | undefined
    labels: ReadonlyMap<AccountHashHex, string>
    output: ReturnType<typeof createOutput>
    io: Parameters<Command['run']>[1]
  },
): Promise<void> {
  const { out, onChain, labels, output } = context
  const network = transactionNetwork(transaction, {
    chainName: context.chainName,
    chainspec: onChain?.network.chainspec,
  })
  const description = describeFile(transaction, { network })
  for (const line of transactionLines(description, labels)) output.info(line)
  const broken = integrityProblems(description)
  if (broken.length > 0) {
    throw new CliError('DO NOT SIGN: the transaction is not what its hash says, or carries a bad approval', {
      code: 'SignRefused',
      details: { problems: broken.join('; ') },
      remedy:
        'Ask the sender for the file again over a channel you trust; --force does not override this. Nothing was written.',
    })
  }
  if (!context.force) {
    refuseIfUnsafe(
      {
        what: 'transaction',
        expiresAt: description.expiresAt,
        chainName: transaction.payload.chainName,
      },
      signer.accountHash,
      {
        chainName: context.chainName,
        node: onChain
          ? { chainName: onChain.status.chainspecName, holds: onChain.account.associatedKeys }
          : undefined,
        labels,
      },
    )
  }
  const signed = await signFile(transaction, signer)
  const already = signed.approvals.length === transaction.approvals.length
  const text = stringifyCosignFile(signed)
  if (out === '-') context.io.out(text.replace(/\n$/, ''))
  else writeText(out, text, { overwrite: true })
  output.info(
    `${already ? 'Already signed' : 'Signed'} transaction ${signed.hash} by ${keyName(signer.accountHash, labels)} (public key ${signer.publicKey})`,
  )
  if (out !== '-') {
    output.info(
      `Wrote ${safeText(out)} (${signed.approvals.length} approval${signed.approvals.length === 1 ? '' : 's'})`,
    )
  }
  const progress = onChain ? signingProgress(signed, onChain.account, { network }) : undefined
  if (progress) output.info(`Progress: ${signingProgressText(progress, labels)}`)
  output.json({
    hash: signed.hash,
    kind: 'transaction',
    signer: { ...keyJson(signer.accountHash, labels), publicKey: signer.publicKey },
    alreadySigned: already,
    out,
    approvals: signed.approvals.length,
    ...(progress ? { progress: signingProgressJson(progress, labels) } : {}),
  })
}

/** What the guard rails read of a deploy: when it expires and its chain. */
function deployTimes(header: { timestamp: string; ttl: string; chain_name: string }): SignedTimes {
  return {
    what: 'deploy',
    expiresAt: parseTimestamp(header.timestamp) + parseDuration(header.ttl),
    chainName: header.chain_name,
  }
}

/** What the guard rails read of a deploy or transaction. */
type SignedTimes = { what: 'deploy' | 'transaction'; expiresAt: number; chainName: string }

/**
 * The guard rails of `sign`: an expired deploy or transaction, another chain, a key the account
 * does not hold.
 *
 * @throws {CliError} code `SignRefused` naming the values and `--force`.
 */
function refuseIfUnsafe(
  signed: SignedTimes,
  signer: AccountHashHex,
  context: {
    chainName?: string | undefined
    node?: { chainName: string; holds: Readonly<Record<string, number>> } | undefined
    labels: ReadonlyMap<AccountHashHex, string>
  },
): void {
  const refuse = (message: string, details: Record<string, unknown>, remedy: string): never => {
    throw new CliError(message, { code: 'SignRefused', details, remedy: `${remedy} Nothing was written.` })
  }
  const { what, expiresAt } = signed
  if (expiresAt <= Date.now()) {
    refuse(
      `Not signed: the ${what} has expired`,
      { expiredAt: new Date(expiresAt).toISOString(), now: new Date().toISOString() },
      `The node refuses an expired ${what}: ask for a new one (casper-multisig plan makes it). --force signs anyway.`,
    )
  }
  const expected = context.chainName ?? context.node?.chainName
  if (expected !== undefined && signed.chainName !== expected) {
    refuse(
      `Not signed: the ${what} is for another chain`,
      {
        [what]: signed.chainName,
        expected: `${expected} (${context.chainName !== undefined ? '--chain-name' : "the node's chain"})`,
      },
      `Check which network you mean: a ${what} for another chain never runs on this one. --force signs anyway.`,
    )
  }
  if (context.node && !(signer in context.node.holds)) {
    refuse(
      'Not signed: the account does not hold this key',
      {
        key: keyName(signer, context.labels),
        associatedKeys: Object.keys(context.node.holds).map((hash) => keyName(hash, context.labels)),
      },
      `The node refuses a ${what} carrying an approval from a key the account does not hold: sign with one of the associated keys. --force signs anyway.`,
    )
  }
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
