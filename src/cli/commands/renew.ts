// `casper-multisig renew`: the same deploy or transaction with a new timestamp and TTL, unsigned, and who must sign it again.
import { basename, dirname, join } from 'node:path'
import { accountHashFromPublicKey } from '../../account/accountHash.js'
import { mainnet } from '../../cosign/cosignNetwork.js'
import { renewFile } from '../../cosign/renewFile.js'
import { stringifyCosignFile } from '../../cosign/stringifyCosignFile.js'
import { CosignError } from '../../errors/CosignError.js'
import { relayClient } from '../../relay/relayClient.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { checkOutputPath, outOptions, outPath } from '../deployOutput.js'
import { writeText } from '../files.js'
import { inputOptions, inputPath } from '../inputPath.js'
import { addressBookWarnings, keyJson, keyName, labelOptions, loadAddressBook } from '../labels.js'
import { createOutput, outputOptions } from '../Output.js'
import { ownChainspec, ownChainspecOptions } from '../ownChainspec.js'
import { parseCommandArgs } from '../parseCommandArgs.js'
import { signedFileOf } from '../readRelayProposal.js'
import { kindJson, readSignedFile } from '../readSignedFile.js'
import { proposalHashPattern, relayAddress, relayOptions } from '../relayAddress.js'

const options = {
  ...inputOptions,
  ...outOptions(
    'where to write the renewed file (default: next to FILE as <FILE without\n.json>.renewed.json; - for standard output); also --output',
  ),
  ttl: {
    type: 'string',
    value: 'TTL',
    description:
      "the new time to live, such as 30m or 2h (default: the old one, at most\nthe network's max_ttl)",
  },
  chainspec: {
    ...ownChainspecOptions.chainspec,
    description:
      "the network's chainspec.toml: its max_ttl bounds the TTL (default: 2h, as on\nmainnet and testnet)",
  },
  force: { type: 'boolean', description: 'replace an existing output file' },
  ...relayOptions(
    'with a HASH: the relay renews its proposal (with its own clock and TTL) and\nlinks old and new (default: CASPER_MULTISIG_RELAY); the file is written only\nwith -o',
  ),
  ...labelOptions('names for keys (repeatable; besides your own address book)'),
  ...outputOptions('print { hash, previousHash, expiresAt, ttl, mustSign, out }'),
} as const

const usage = commandUsage({
  synopsis: `Usage: casper-multisig renew FILE [-o FILE] [--ttl TTL] [--chainspec FILE] [--force] [--json]
       casper-multisig renew HASH --relay URL [-o FILE] [--force] [--json]`,
  summary: `Renews a deploy or TransactionV1 that expired, or would before its signatures are gathered: the
same content (payment, session, args, chain, gas price, dependencies) with the timestamp set to now
and a new TTL, so a new hash, and no approvals. Offline. Prints the old hash and the new one, the new
expiry (UTC and local time), and who must sign again: every key with a valid approval on FILE.
The TTL is at most the network's max_ttl: that of --chainspec FILE, else 2h (mainnet and testnet).
A file whose content does not match its hash is not renewed. FILE may be - (standard input: the
renewed file goes to standard output). With a HASH and --relay, the relay renews its proposal (expired,
or expiring within 30 minutes) and links the two; the renewed file is checked here (the same content
as the old one, its hash recomputed) and the link for co-signers printed.`,
  options,
  exitCodes:
    'Exit codes: 0 renewed, 1 failed (unreadable file, content not matching its hash), 2 usage error.',
})

export const renewCommand: Command = {
  name: 'renew',
  usage,
  options,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, { name: 'FILE', min: 0, max: 1 })
    const file = inputPath(values, positionals)
    const relay = proposalHashPattern.test(file) ? relayAddress(values, io.env, true) : undefined
    if (relay !== undefined && values.ttl !== undefined) {
      throw new CliError('--ttl with a relay: the relay keeps the old TTL (at most its network max_ttl)', {
        code: 'UsageError',
        remedy: 'Leave out --ttl, or renew a FILE offline with --ttl and propose the result.',
      })
    }
    const out = outPath(values) ?? (relay !== undefined ? undefined : file === '-' ? '-' : renewedPath(file))
    if (out === '-' && values.json) {
      throw new CliError('-o - and --json both write to standard output: give one', { code: 'UsageError' })
    }
    if (out !== undefined) checkOutputPath(out, { overwrite: Boolean(values.force) })
    const network = ownChainspec(values)?.chainspec ?? mainnet
    const book = loadAddressBook(values, { env: io.env, inputs: relay === undefined ? [file] : [] })
    let renewed: Pick<ReturnType<typeof renewFile>, 'file' | 'previousHash' | 'mustSign' | 'text'>
    let read: ReturnType<typeof readSignedFile>
    let client: ReturnType<typeof relayClient> | undefined
    try {
      if (relay !== undefined) {
        client = relayClient(relay)
        const answer = await client.renew(file.toLowerCase())
        read = signedFileOf(answer.proposal.file)
        renewed = {
          file: answer.proposal.file,
          previousHash: answer.renewedFrom,
          mustSign: answer.mustSign,
          text: stringifyCosignFile(answer.proposal.file),
        }
      } else {
        read = readSignedFile(file)
        renewed = renewFile(read.file, { ttl: values.ttl, network })
      }
    } catch (error) {
      if (!(error instanceof CosignError) || (error.code !== 'InvalidTtl' && error.code !== 'TtlTooLong'))
        throw error
      throw new CliError(`Invalid --ttl: ${error.shortMessage}`, {
        code: 'UsageError',
        details: error.details,
        remedy: error.remedy,
      })
    }
    const { file: renewedFile, previousHash, mustSign, text } = renewed
    const timing = renewedFile.kind === 'deploy' ? renewedFile.header : renewedFile.payload
    const ttlText = renewedFile.kind === 'deploy' ? renewedFile.headerText.ttl : renewedFile.payloadText.ttl
    const expiresAt = Number(timing.timestamp + timing.ttl)
    if (out === '-') io.out(text.replace(/\n$/, ''))
    else if (out !== undefined) writeText(out, text, { overwrite: Boolean(values.force) })
    const output = createOutput(io, { ...values, dataOnStdout: out === '-' })
    const signers = mustSign.map((publicKey) => ({
      publicKey,
      accountHash: accountHashFromPublicKey(publicKey),
    }))
    output.info(`Renewed ${read.kind} ${previousHash} -> ${renewedFile.hash}`)
    output.info(
      `Expires: ${new Date(expiresAt).toISOString()} (UTC), ${localTime(expiresAt)} (local time); TTL ${ttlText}`,
    )
    output.info(
      signers.length === 0
        ? 'Must sign again: nobody had signed it (no valid approval on the old file)'
        : 'Must sign again:',
    )
    for (const { publicKey, accountHash } of signers) {
      output.info(`  ${keyName(accountHash, book.labels)} (public key ${publicKey})`)
    }
    if (out !== '-' && out !== undefined) output.info(`Wrote ${safeText(out)} (unsigned)`)
    if (client !== undefined) {
      output.info(`The relay ${safeText(client.shown)} links ${previousHash} -> ${renewedFile.hash}`)
      output.info(`Link for co-signers: ${safeText(client.shown)}/p/${renewedFile.hash}`)
      output.info(
        `Each signs with: casper-multisig sign ${renewedFile.hash} --relay ${safeText(client.shown)} -k KEY`,
      )
    }
    for (const warning of addressBookWarnings(book)) output.info(`Warning: ${warning}`)
    output.json({
      hash: renewedFile.hash,
      ...kindJson(read.kind),
      previousHash,
      expiresAt: new Date(expiresAt).toISOString(),
      ttl: ttlText,
      mustSign: signers.map((s) => ({ ...keyJson(s.accountHash, book.labels), publicKey: s.publicKey })),
      out: out ?? null,
      ...(client === undefined
        ? {}
        : { relay: { url: client.shown, page: `${client.shown}/p/${renewedFile.hash}` } }),
      warnings: addressBookWarnings(book),
    })
    return exitCodes.ok
  },
}

/** `dir/deploy-1.json` → `dir/deploy-1.renewed.json`. */
function renewedPath(file: string): string {
  return join(dirname(file), `${basename(file).replace(/\.json$/i, '')}.renewed.json`)
}

/** `2025-03-04 08:06:07 +01:00`: the machine's local time with its offset from UTC. */
function localTime(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  const offset = -d.getTimezoneOffset()
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zone}`
}
