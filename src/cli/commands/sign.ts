// `casper-multisig sign`: adds one approval to a copy of a deploy or transaction file with a local secret key, after its guard rails.
import { basename, dirname, join } from 'node:path'
import { localSigner } from '../../approvals/localSigner.js'
import { descriptionLines } from '../../cosign/descriptionLines.js'
import { signFile } from '../../cosign/signFile.js'
import type { SigningProgress } from '../../cosign/signingProgress.js'
import { signingProgress } from '../../cosign/signingProgress.js'
import { stringifyCosignFile } from '../../cosign/stringifyCosignFile.js'
import type { KeyAlgorithm } from '../../keys/KeyAlgorithm.js'
import type { PrivateKeyInfo } from '../../keys/PublicKeyInfo.js'
import { ledgerSigner } from '../../ledger/ledgerSigner.js'
import { relayClient } from '../../relay/relayClient.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { checkOutputPath, outOptions, outPath } from '../deployOutput.js'
import { describeWithNodes } from '../describeText.js'
import { writeText } from '../files.js'
import { inputOptions, inputPath } from '../inputPath.js'
import { integrityProblems } from '../integrityProblems.js'
import { keyJson, keyName, labelOptions, loadAddressBook } from '../labels.js'
import { ledgerScreenLines } from '../ledgerScreenLines.js'
import { nodeAddresses, nodeFromEnvironment, nodeOptions } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { type OpenedLedger, openLedger } from '../openLedger.js'
import { ownChainspec, ownChainspecOptions } from '../ownChainspec.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'
import { progressJson, progressText } from '../progressText.js'
import { readRelayProposal } from '../readRelayProposal.js'
import { kindJson, readSignedFile } from '../readSignedFile.js'
import { readSigningKey } from '../readSigningKey.js'
import { proposalHashPattern, relayAddress, relayOptions, requiredRelayAddress } from '../relayAddress.js'

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
  ledger: {
    type: 'boolean',
    description:
      'sign with a Ledger running the Casper app (USB; needs @ledgerhq/hw-transport-node-hid):\nprints the screens the device will show, hashes in full, before it asks you',
  },
  'ledger-path': {
    type: 'string',
    value: 'PATH',
    description: "the Ledger key's path (default m/44'/506'/0'/0/0)",
  },
  ...outOptions('where to write the signed copy (- for standard output); also --output'),
  'in-place': { type: 'boolean', description: 'replace FILE with the signed copy' },
  ...nodeOptions(
    'the node (also --node-address; default: CASPER_NODE_ADDRESS): checks the\nchain and the key, and prints the signature progress; twice: both must agree',
  ),
  ...relayOptions(
    'with a HASH: the relay to fetch the proposal from and post the approval to\n(default: CASPER_MULTISIG_RELAY); with a FILE: also post the signed copy there',
  ),
  ...ownChainspecOptions,
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
  ...labelOptions('names for keys (repeatable; besides your own address book)'),
  ...outputOptions('print { hash, signer, alreadySigned, out, approvals, progress }'),
} as const

const usage = commandUsage({
  synopsis: `Usage: casper-multisig sign FILE (--key SECRET_KEY_FILE | --ledger [--ledger-path PATH])
                            [-o FILE | --in-place] [--node URL]... [--relay URL] [--chainspec FILE]
                            [--chain-name NAME] [--force] [--algorithm ed25519|secp256k1] [--json]
       casper-multisig sign HASH --relay URL (--key SECRET_KEY_FILE | --ledger) [-o FILE] [--node URL]...`,
  summary: `Shows what the deploy or TransactionV1 in FILE (- for standard input) does, every key in full, then
signs it with the secret key and writes the signed copy: by default next to FILE as
<FILE without .json>.signed-by-<first 8 hex of the signer's account hash>.json (standard output
when FILE is -); -o - writes it to standard output (the messages then go to standard error).

It refuses, writing nothing, unless --force:
  - whatever describe calls DO NOT SIGN (the same verdict: expired, another chain than --chain-name
    or the node's, a payment that is not standard or far from the need, code it cannot explain,
    hidden characters in names; with a node, a session that fails against the account);
  - with a node, a key the account does not hold (the node would refuse the whole file).
The output path is checked before signing: an existing file is not replaced without --force.
A file whose content does not match its hash, or that carries an approval that does not verify, is
never signed: DO NOT SIGN, exit 1, even with --force. A TransactionV1 (told apart by its shape) is
signed the same way and written back in the wrapper it came in.

With --ledger the Ledger's Casper app signs (secp256k1 keys only): the screens it will show are
printed first, hashes in full; compare each with the device before approving. A deploy too large for
the app's buffer is signed blind (only its deploy and body hashes are shown); a TransactionV1 too
large for it cannot be signed on the device.

With a HASH (64 hex digits) instead of FILE, the proposal is fetched from --relay: its content must
hash to HASH and every approval must verify (the relay is not trusted: a file that does not is
refused, an approval that does not is left out and named). It is described and checked exactly as
a FILE is, signed, and the approval is posted back to the relay; -o FILE also writes the signed copy.
With a FILE and --relay, the signed copy is written as usual and posted to the relay too. Either
way the progress is then read back from the relay, re-verified.`,
  options,
  exitCodes: 'Exit codes: 0 signed (or already signed by this key), 1 refused or failed, 2 usage error.',
})

export const signCommand: Command = {
  name: 'sign',
  usage,
  options,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, { name: 'FILE', min: 0, max: 1 })
    const given = inputPath(values, positionals)
    // A HASH is a proposal on the relay; anything else is a file, as before.
    const hash = proposalHashPattern.test(given) ? given.toLowerCase() : undefined
    const relay = hash
      ? requiredRelayAddress(values, io.env, 'a HASH is fetched from a relay')
      : relayAddress(values, io.env, false)
    const file = hash === undefined ? given : undefined
    if (values.key !== undefined && values['secret-key'] !== undefined) {
      throw new CliError('--key and --secret-key name the same thing: give one', { code: 'UsageError' })
    }
    if (values.ledger && (values.key ?? values['secret-key'] ?? values.algorithm) !== undefined) {
      throw new CliError('--ledger signs with the device: give no --key or --algorithm', {
        code: 'UsageError',
      })
    }
    if (values['ledger-path'] !== undefined && !values.ledger) {
      throw new CliError('--ledger-path needs --ledger', { code: 'UsageError' })
    }
    const keyFile = values.ledger
      ? undefined
      : required(values.key ?? values['secret-key'], '--key', 'SECRET_KEY_FILE')
    const explicitOut = outPath(values)
    if (explicitOut !== undefined && values['in-place']) {
      throw new CliError('--out and --in-place exclude each other', { code: 'UsageError' })
    }
    if (file === '-' && keyFile === '-') {
      throw new CliError('Standard input can hold the deploy or the key, not both', { code: 'UsageError' })
    }
    if (file === undefined && values['in-place']) {
      throw new CliError('--in-place needs a FILE, not a HASH', { code: 'UsageError' })
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
    const nodes = nodeAddresses(values, io.env)
    const own = ownChainspec(values)
    const book = loadAddressBook(values, { env: io.env, inputs: [file, keyFile] })
    const labels = book.labels
    const read =
      file === undefined ? (await readRelayProposal(relay!, hash!, io, labels)).read : readSignedFile(file)
    let ledger: OpenedLedger | undefined
    // A raw hex key read under one algorithm, and the same bytes read under the other.
    let other: { algorithm: KeyAlgorithm; key: PrivateKeyInfo } | undefined
    try {
      let signer: { publicKey: string; accountHash: string; sign: LocalSignerSign }
      if (keyFile === undefined) {
        ledger = await openLedger(io)
        signer = await ledgerSigner({
          transport: ledger,
          path: values['ledger-path'],
          onScreens: (screens) => {
            for (const line of ledgerScreenLines(screens)) io.err(line)
          },
        })
      } else {
        // A key file readable by others is named, as ssh does; the usual key-file mistakes are named too.
        const read = readSigningKey(keyFile, algorithm as KeyAlgorithm | undefined)
        if (read.warning) io.err(`Warning: ${safeText(read.warning)}`)
        signer = localSigner(read.key)
        if (read.otherAlgorithm) other = { algorithm: read.key.algorithm, key: read.otherAlgorithm }
      }
      return await signWith(signer)
    } finally {
      await ledger?.close?.()
    }

    async function signWith(signer: { publicKey: string; accountHash: string; sign: LocalSignerSign }) {
      // From a relay the approval is posted back; a signed copy is written only when asked for.
      const out =
        file === undefined
          ? explicitOut
          : values['in-place']
            ? file
            : (explicitOut ?? (file === '-' ? '-' : signedCopyPath(file, signer.accountHash)))
      const force = Boolean(values.force)
      if (out !== undefined) checkOutputPath(out, { overwrite: Boolean(values['in-place']) || force })
      const output = createOutput(io, { ...values, dataOnStdout: out === '-' })
      const { description, onChain, wrongChain } = await describeWithNodes(read.file, {
        nodes,
        fromEnvironment: nodeFromEnvironment(values, io.env),
        command: 'sign',
        own,
        chainName: values['chain-name'],
        addressBook: book,
      })
      for (const line of descriptionLines(description, labels)) output.info(line)
      if (onChain) output.info(onChain.nodes.text)
      if (wrongChain) output.info(`${wrongChain.shortMessage}.`)
      const what = read.kind
      const broken = integrityProblems(description)
      if (broken.length > 0) {
        throw new CliError(`DO NOT SIGN: the ${what} is not what its hash says, or carries a bad approval`, {
          code: 'SignRefused',
          details: { problems: broken.join('; ') },
          remedy:
            'Ask the sender for the file again over a channel you trust; --force does not override this. Nothing was written.',
        })
      }
      if (!force && other) {
        // 64 raw hex digits make a key under either algorithm: when the file knows the other one (the
        // account, a signer, an associated key) and not this one, --algorithm is the wrong one.
        const known = new Set([
          description.account.accountHash,
          ...description.signers.map((s) => s.accountHash),
          ...Object.keys(onChain?.account.associatedKeys ?? {}),
        ])
        const otherSigner = localSigner(other.key)
        if (!known.has(signer.accountHash) && known.has(otherSigner.accountHash)) {
          throw new CliError(
            `Not signed: read as ${other.algorithm}, this raw key is not a key of the ${read.kind}'s account; read as ${other.key.algorithm} it is`,
            {
              code: 'SignRefused',
              details: {
                [other.algorithm]: keyName(signer.accountHash, labels),
                [other.key.algorithm]: keyName(otherSigner.accountHash, labels),
              },
              remedy: `Pass --algorithm ${other.key.algorithm}. Nothing was written.`,
            },
          )
        }
      }
      if (!force) {
        // Exactly what describe calls DO NOT SIGN is not signed by default.
        if (!description.safeToSign) {
          throw new CliError('Not signed: DO NOT SIGN', {
            code: 'SignRefused',
            details: { reasons: description.doNotSign.join('; ') },
            remedy: `Read the reasons above and ask whoever sent the ${what} for a corrected one. --force signs anyway. Nothing was written.`,
          })
        }
        const holds = onChain?.account.associatedKeys
        if (holds && !(signer.accountHash in holds)) {
          throw new CliError('Not signed: the account does not hold this key', {
            code: 'SignRefused',
            details: {
              key: keyName(signer.accountHash, labels),
              associatedKeys: Object.keys(holds).map((hash) => keyName(hash, labels)),
            },
            remedy: `The node refuses a ${what} carrying an approval from a key the account does not hold: sign with one of the associated keys. --force signs anyway. Nothing was written.`,
          })
        }
      }
      const signed = await signFile(read.file, signer)
      const already = signed.approvals.length === read.file.approvals.length
      const text = stringifyCosignFile(signed)
      if (out === '-') io.out(text.replace(/\n$/, ''))
      else if (out !== undefined) writeText(out, text, { overwrite: true })
      output.info(
        `${already ? 'Already signed' : 'Signed'} ${what} ${signed.hash} by ${keyName(signer.accountHash, labels)} (public key ${signer.publicKey})`,
      )
      if (out !== undefined && out !== '-') {
        output.info(
          `Wrote ${safeText(out)} (${signed.approvals.length} approval${signed.approvals.length === 1 ? '' : 's'})`,
        )
      }
      // Posted to the relay, then read back (re-verified): the progress counts every co-signer's approval there.
      let posted: { url: string; page: string; added: string[]; approvals: number } | undefined
      let progressOf = signed
      if (relay !== undefined) {
        const client = relayClient(relay)
        const mine = signed.approvals.filter((a) => a.signer === signer.publicKey.toLowerCase())
        const { added } =
          hash === undefined ? await client.propose(text) : await client.approve(signed.hash, mine)
        const merged = await client.proposal(signed.hash)
        progressOf = merged.file
        posted = {
          url: client.shown,
          page: client.pageUrl(signed.hash),
          added,
          approvals: merged.file.approvals.length,
        }
        output.info(
          `Posted to the relay ${safeText(client.shown)}: ${added.length > 0 ? 'approval added' : 'it had this approval already'}; it holds ${posted.approvals} approval${posted.approvals === 1 ? '' : 's'} that verify`,
        )
        if (hash === undefined) output.info(`Link for co-signers: ${safeText(posted.page)}`)
      }
      const progress: SigningProgress | undefined = onChain
        ? signingProgress(progressOf, onChain.account, { network: onChain.network.chainspec })
        : undefined
      if (progress) output.info(`Progress: ${progressText(progress, labels)}`)
      output.json({
        hash: signed.hash,
        ...kindJson(what),
        signer: { ...keyJson(signer.accountHash, labels), publicKey: signer.publicKey },
        alreadySigned: already,
        out: out ?? null,
        approvals: signed.approvals.length,
        ...(posted ? { relay: posted } : {}),
        ...(progress ? { progress: progressJson(progress, labels) } : {}),
      })
      return exitCodes.ok
    }
  },
}

type LocalSignerSign = ReturnType<typeof localSigner>['sign']

/** `dir/deploy-1.json` → `dir/deploy-1.signed-by-83b0df3b.json`. */
function signedCopyPath(file: string, accountHash: string): string {
  const name = basename(file).replace(/\.json$/i, '')
  return join(dirname(file), `${name}.signed-by-${accountHash.slice(0, 8)}.json`)
}
