// `casper-multisig merge`: one deploy file with the approvals of every signed copy, each verified.
import { accountHashFromPublicKey } from '../../account/accountHash.js'
import { MergeError } from '../../approvals/MergeError.js'
import { mergeApprovals } from '../../approvals/mergeApprovals.js'
import type { CosignFile, CosignTransaction } from '../../cosign/CosignFile.js'
import { mergeFiles } from '../../cosign/mergeFiles.js'
import { parseCosignFile } from '../../cosign/parseCosignFile.js'
import { stringifyCosignFile } from '../../cosign/stringifyCosignFile.js'
import { CosignError } from '../../errors/CosignError.js'
import { relayClient } from '../../relay/relayClient.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { checkOutputPath, outOptions, outPath, writeDeployOutput } from '../deployOutput.js'
import { describeForCli } from '../describeText.js'
import { writeText } from '../files.js'
import {
  type AddressBook,
  addressBookWarnings,
  keyJson,
  keyName,
  labelOptions,
  loadAddressBook,
} from '../labels.js'
import { createOutput, outputOptions } from '../Output.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'
import { readSignedFile } from '../readSignedFile.js'
import { relayAddress, relayOptions } from '../relayAddress.js'

const options = {
  ...outOptions(
    'where to write the merged deploy: may be one of the inputs; - for standard\noutput (the messages then go to standard error); also --output',
  ),
  force: { type: 'boolean', description: 'replace an existing output file that is not one of the inputs' },
  ...relayOptions('post the merged approvals to this relay (then -o is optional)'),
  ...labelOptions('names for keys (repeatable; besides your own address book)'),
  ...outputOptions('print { hash, approvals, added, rejected, out }'),
} as const

const usage = commandUsage({
  synopsis: 'Usage: casper-multisig merge FILE FILE... (-o FILE | --relay URL) [--force] [--json]',
  summary: `Merges the approvals of signed copies of one deploy, or of one TransactionV1, into one file. Every signature is verified;
each approval left out is printed with its reason (invalid signature, wrong tag, a second
signature by the same key). Copies of different deploys are refused, naming the field that differs;
copies of different transactions, or a transaction whose content does not match its hash, too.
One FILE may be - (standard input). With --relay, the merged file (only approvals that verify) is
posted to the relay, which adds them to the proposal (or makes it one).`,
  options,
  exitCodes: 'Exit codes: 0 merged, 1 failed (different deploys, unreadable file), 2 usage error.',
})

export const mergeCommand: Command = {
  name: 'merge',
  usage,
  options,
  async run(args, io) {
    const { values, positionals: files } = parseCommandArgs(args, options, {
      name: 'FILE',
      min: 1,
      max: Number.POSITIVE_INFINITY,
    })
    const relay = relayAddress(values, io.env, false)
    const out = relay === undefined ? required(outPath(values), '--out', 'FILE') : outPath(values)
    if (files.filter((f) => f === '-').length > 1) {
      throw new CliError('Standard input (-) can be read once', { code: 'UsageError' })
    }
    if (out === '-' && values.json) {
      throw new CliError('-o - and --json both write to standard output: give one', { code: 'UsageError' })
    }
    if (out !== undefined) checkOutputPath(out, { overwrite: Boolean(values.force) || files.includes(out) })
    const book = loadAddressBook(values, { env: io.env, inputs: files })
    const labels = book.labels
    const read = files.map(readSignedFile)
    const transactions = read.flatMap((r) => (r.kind === 'transaction' ? [r.file] : []))
    if (transactions.length > 0) {
      if (transactions.length !== read.length) {
        throw new CliError('Cannot merge a deploy with a transaction', {
          code: 'FileError',
          details: { copies: files.map((f, i) => `${i} = ${f} (${read[i]!.kind})`).join(', ') },
          remedy: 'Merge only copies of the one file that was sent out for signing.',
        })
      }
      return mergeTransactions(transactions, files, out, { book, io, values, relay })
    }
    const copies = read.flatMap((r) => (r.kind === 'deploy' ? [r.deploy] : []))
    let merged: ReturnType<typeof mergeApprovals>
    try {
      merged = mergeApprovals(...copies)
    } catch (error) {
      if (error instanceof MergeError) {
        // The library numbers the copies; say which file each number is.
        throw new MergeError(error.shortMessage, {
          code: error.code,
          details: {
            ...error.details,
            copy: undefined,
            copies: files.map((file, i) => `${i} = ${file}`).join(', '),
          },
          remedy: error.remedy,
        })
      }
      throw error
    }
    const { deploy, added, rejected } = merged
    // A rejected approval may carry a signer that is no public key at all: show it as it is.
    const signer = (publicKey: string) => {
      const hash = accountHashOrUndefined(publicKey)
      return hash
        ? `${keyName(hash, labels)} (public key ${publicKey})`
        : `${safeText(publicKey)} (not a public key)`
    }
    const output = createOutput(io, { ...values, dataOnStdout: out === '-' })
    output.info(
      `Merged ${files.length} cop${files.length === 1 ? 'y' : 'ies'} of deploy ${deploy.hash}: ${deploy.approvals.length} approval${deploy.approvals.length === 1 ? '' : 's'}`,
    )
    for (const approval of added) output.info(`  added: ${signer(approval.signer)}`)
    for (const { approval, from, reason, message } of rejected) {
      output.info(
        `  rejected: approval by ${signer(approval.signer)} in ${safeText(files[from] ?? '?')}: ${reason}: ${safeText(message)}`,
      )
    }
    if (out !== undefined) writeDeployOutput(out, deploy, { overwrite: true }, io)
    if (out !== undefined && out !== '-') output.info(`Wrote ${safeText(out)}`)
    const mergedFile = parseCosignFile(JSON.stringify(deploy))
    const posted = relay === undefined ? undefined : await postMerged(relay, mergedFile, output)
    const description = await verdictOf(mergedFile, output, book)
    output.json({
      hash: deploy.hash,
      safeToSign: description.safeToSign,
      doNotSign: description.doNotSign,
      approvals: deploy.approvals.length,
      added: added.map((a) => ({
        ...keyJson(accountHashFromPublicKey(a.signer), labels),
        publicKey: a.signer,
      })),
      rejected: rejected.map(({ approval, from, reason, message }) => ({
        publicKey: approval.signer,
        file: files[from],
        reason,
        message,
      })),
      out: out ?? null,
      ...(posted ? { relay: posted } : {}),
      warnings: addressBookWarnings(book),
    })
    return exitCodes.ok
  },
}

/** `merge` for TransactionV1 copies, through `mergeFiles`: the same lines and JSON as for deploys. */
async function mergeTransactions(
  copies: CosignTransaction[],
  files: string[],
  out: string | undefined,
  context: {
    book: AddressBook
    io: Parameters<Command['run']>[1]
    values: Parameters<typeof createOutput>[1]
    relay: string | undefined
  },
): Promise<number> {
  const { book, io } = context
  const labels = book.labels
  let result: ReturnType<typeof mergeFiles<CosignTransaction>>
  try {
    result = mergeFiles(copies)
  } catch (error) {
    if (error instanceof CosignError) {
      throw new CosignError(error.shortMessage, {
        code: error.code,
        details: {
          ...error.details,
          copy: undefined,
          copies: files.map((file, i) => `${i} = ${file}`).join(', '),
        },
        remedy: error.remedy,
      })
    }
    throw error
  }
  const { merged, approvals } = result
  // Approvals of the first copy are not news; a valid one counts as added once, from the first copy that has it.
  const seen = new Set(copies[0]!.approvals.map((a) => a.signer))
  const added = approvals.flatMap((a) => {
    if (!a.ok || a.copy === 0 || seen.has(a.approval.signer)) return []
    seen.add(a.approval.signer)
    return [a]
  })
  const rejected = approvals.flatMap((a) => (a.ok ? [] : [a]))
  const signer = (publicKey: string) => {
    const hash = accountHashOrUndefined(publicKey)
    return hash
      ? `${keyName(hash, labels)} (public key ${publicKey})`
      : `${safeText(publicKey)} (not a public key)`
  }
  const output = createOutput(io, { ...context.values, dataOnStdout: out === '-' })
  output.info(
    `Merged ${files.length} cop${files.length === 1 ? 'y' : 'ies'} of transaction ${merged.hash}: ${merged.approvals.length} approval${merged.approvals.length === 1 ? '' : 's'}`,
  )
  for (const a of added) output.info(`  added: ${signer(a.approval.signer)}`)
  for (const a of rejected) {
    output.info(
      `  rejected: approval by ${signer(a.approval.signer)} in ${safeText(files[a.copy] ?? '?')}: ${a.reason}: ${safeText(a.message)}`,
    )
  }
  const text = stringifyCosignFile(merged)
  if (out === '-') io.out(text.replace(/\n$/, ''))
  else if (out !== undefined) writeText(out, text, { overwrite: true })
  if (out !== undefined && out !== '-') output.info(`Wrote ${safeText(out)}`)
  const posted = context.relay === undefined ? undefined : await postMerged(context.relay, merged, output)
  const description = await verdictOf(merged, output, book)
  output.json({
    hash: merged.hash,
    kind: 'transaction',
    safeToSign: description.safeToSign,
    doNotSign: description.doNotSign,
    approvals: merged.approvals.length,
    added: added.map((a) => ({ ...keyJson(a.accountHash, labels), publicKey: a.approval.signer })),
    rejected: rejected.map((a) => ({
      publicKey: a.approval.signer,
      file: files[a.copy],
      reason: a.reason,
      message: a.message,
    })),
    out: out ?? null,
    ...(posted ? { relay: posted } : {}),
    warnings: addressBookWarnings(book),
  })
  return exitCodes.ok
}

/**
 * Posts the merged file (its approvals all verified by the merge) to the relay, which adds them to
 * the proposal of that hash, or makes it one.
 */
async function postMerged(relay: string, file: CosignFile, output: ReturnType<typeof createOutput>) {
  const client = relayClient(relay)
  const { added, created } = await client.propose(stringifyCosignFile(file))
  output.info(
    `Posted ${file.approvals.length} approval${file.approvals.length === 1 ? '' : 's'} to the relay ${safeText(client.shown)}: ${added.length} new${created ? ' (a new proposal)' : ''}`,
  )
  return { url: client.shown, added, page: client.pageUrl(file.hash) }
}

/**
 * The merged file's verdict, printed when it is DO NOT SIGN: merging does not make a file safe to
 * send; then the address book's warnings.
 */
async function verdictOf(file: CosignFile, output: ReturnType<typeof createOutput>, book: AddressBook) {
  const description = await describeForCli(file, {
    addressBook: { acceptedWasm: book.acceptedWasm, warnings: [] },
  })
  if (!description.safeToSign) output.info(`DO NOT SIGN: ${description.doNotSign.join('; ')}.`)
  for (const warning of addressBookWarnings(book)) output.info(`Warning: ${warning}`)
  return description
}

function accountHashOrUndefined(publicKey: string): string | undefined {
  try {
    return accountHashFromPublicKey(publicKey)
  } catch {
    return undefined
  }
}
