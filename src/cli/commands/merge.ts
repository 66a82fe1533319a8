// `casper-multisig merge`: one deploy file with the approvals of every signed copy, each verified.
import { accountHashFromPublicKey } from '../../account/accountHash.js'
import { MergeError } from '../../approvals/MergeError.js'
import { mergeApprovals } from '../../approvals/mergeApprovals.js'
import { type Command, exitCodes } from '../Command.js'
import { readDeployFile, writeDeployFile } from '../files.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'

const usage = `Usage: casper-multisig merge FILE FILE... --out FILE [--force]

Merges the approvals of signed copies of one deploy into one file. Every signature is verified;
each approval left out is printed with its reason (invalid signature, wrong tag, a second
signature by the same key). Copies of different deploys are refused, naming the field that differs.

  --out FILE          where to write the merged deploy (may be one of the inputs)
  --force             replace an existing --out file that is not one of the inputs`

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'merge the approvals of signed copies of a deploy',
  usage,
  async run(args, io) {
    const { values, positionals: files } = parseCommandArgs(
      args,
      { out: { type: 'string' }, force: { type: 'boolean' } },
      { name: 'FILE', min: 1, max: Number.POSITIVE_INFINITY },
    )
    const out = required(values.out, '--out', 'FILE')
    const copies = files.map(readDeployFile)
    let merged: ReturnType<typeof mergeApprovals>
    try {
      merged = mergeApprovals(...copies)
    } catch (error) {
      if (error instanceof MergeError) {
        // The library numbers the copies; say which file each number is.
        throw new MergeError(error.shortMessage, {
          code: error.code,
          details: { ...error.details, copies: files.map((file, i) => `${i} = ${file}`).join(', ') },
          remedy: error.remedy,
        })
      }
      throw error
    }
    const { deploy, added, rejected } = merged
    const signer = (publicKey: string) => `account-hash-${accountHashFromPublicKey(publicKey)} (${publicKey})`
    io.out(
      `Merged ${files.length} cop${files.length === 1 ? 'y' : 'ies'} of deploy ${deploy.hash}: ${deploy.approvals.length} approval${deploy.approvals.length === 1 ? '' : 's'}`,
    )
    for (const approval of added) io.out(`  added: ${signer(approval.signer)}`)
    for (const { approval, from, reason, message } of rejected) {
      io.out(`  rejected: approval by ${signer(approval.signer)} in ${files[from]}: ${reason}: ${message}`)
    }
    writeDeployFile(out, deploy, { overwrite: Boolean(values.force) || files.includes(out) })
    io.out(`Wrote ${out}`)
    return exitCodes.ok
  },
}
