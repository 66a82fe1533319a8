// `casper-multisig plan`: the deploys that take an account to a target configuration, written unsigned.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AccountHashHex } from '../../account/Account.js'
import { accountHashOf } from '../../account/accountHash.js'
import { planReconfiguration } from '../../account/planReconfiguration.js'
import { buildConfigureDeploy } from '../../deploy/buildConfigureDeploy.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { writeDeployFile } from '../files.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'
import { readNodeAccount } from '../readNodeAccount.js'
import { readTargetFile } from '../readTargetFile.js'

const usage = `Usage: casper-multisig plan --node URL --account KEY --target FILE [--signer KEY]...
                            [--out-dir DIR] [--chain-name NAME] [--ttl DURATION] [--force]

Plans the change from the account's keys and thresholds now (read from the node) to the target,
proves it in the emulator, prints the warnings and steps, and writes one unsigned deploy per
planned deploy: DIR/deploy-1.json, deploy-2.json, … (casper-client JSON).

  --node URL          the node's JSON-RPC endpoint
  --account KEY       the account to change: its public key hex, or account-hash-… when the
                      target or a --signer gives its public key (the deploy header needs it)
  --target FILE       { "associatedKeys": [{ "key": "01…", "weight": 1, "label": "bob" }],
                        "thresholds": { "deployment": 2, "keyManagement": 2 } }
  --signer KEY        a key that will sign (repeatable); default: every associated key now
  --out-dir DIR       where to write the deploy files (default: .)
  --chain-name NAME   default: the node's chain name
  --ttl DURATION      how long co-signers have to sign and send, e.g. 30m (default and most: 2h)
  --force             replace existing deploy-N.json files`

const publicKeyHex = /^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/

export const planCommand: Command = {
  name: 'plan',
  summary: 'plan a change of keys and thresholds; write the unsigned deploys',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      node: { type: 'string' },
      account: { type: 'string' },
      target: { type: 'string' },
      signer: { type: 'string', multiple: true },
      'out-dir': { type: 'string' },
      'chain-name': { type: 'string' },
      ttl: { type: 'string' },
      force: { type: 'boolean' },
    })
    const node = required(values.node, '--node', 'URL')
    const identifier = required(values.account, '--account', 'KEY')
    const target = readTargetFile(required(values.target, '--target', 'FILE'))
    const signers = values.signer
    const outDir = values['out-dir'] ?? '.'

    const { account, status } = await readNodeAccount(node, identifier)
    const header = headerAccount(identifier, account.accountHash, [
      ...target.associatedKeys.map((k) => String(k.key)),
      ...(signers ?? []),
    ])
    const chainName = values['chain-name'] ?? status.chainspecName
    const plan = await planReconfiguration(account, target, {
      ...(signers ? { signers } : {}),
      protocol: status.protocol,
    })

    io.out(
      `Plan for account account-hash-${account.accountHash} on ${chainName} (protocol ${status.protocol})`,
    )
    for (const warning of plan.warnings) io.out(`Warning [${warning.code}]: ${warning.message}`)
    if (plan.deploys.length === 0) {
      io.out('Nothing to do: the account already has the target configuration.')
      return exitCodes.ok
    }
    const deploys = plan.deploys.map((planned) =>
      buildConfigureDeploy(planned, {
        account: header,
        chainName,
        ...(values.ttl === undefined ? {} : { ttl: values.ttl }),
      }),
    )
    const paths = deploys.map((_, i) => join(outDir, `deploy-${i + 1}.json`))
    const taken = paths.filter((path) => existsSync(path))
    if (taken.length > 0 && !values.force) {
      throw new CliError(`${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}`, {
        code: 'FileError',
        remedy: 'Choose another --out-dir, remove the files, or pass --force to replace them.',
      })
    }
    mkdirSync(outDir, { recursive: true })
    plan.deploys.forEach((planned, i) => {
      io.out(
        `Deploy ${i + 1} of ${plan.deploys.length}: needs key-management weight ${planned.requiredWeight}; the signers hold ${planned.signersWeight}`,
      )
      for (const step of planned.steps) io.out(`  - ${step}`)
      writeDeployFile(paths[i]!, deploys[i]!, { overwrite: true })
      io.out(`  wrote ${paths[i]} (deploy ${deploys[i]!.hash}, unsigned)`)
    })
    if (deploys.length > 1) io.out('Send the deploys in order, each after the previous one has executed.')
    return exitCodes.ok
  },
}

/** The public key the deploy header names: `--account` itself, or a given key with its account hash. */
function headerAccount(
  identifier: string,
  accountHash: AccountHashHex,
  candidates: readonly string[],
): string {
  if (publicKeyHex.test(identifier)) return identifier
  const match = candidates.find((key) => publicKeyHex.test(key) && accountHashOf(key) === accountHash)
  if (match) return match
  throw new CliError("The account's public key is needed", {
    code: 'UsageError',
    details: { account: `account-hash-${accountHash}` },
    remedy:
      'A deploy names its account by public key. Pass --account as the public key hex, or list that key in the target or as a --signer.',
  })
}
