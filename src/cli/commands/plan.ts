// `casper-multisig plan`: the deploys that take an account to a target configuration, written unsigned.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AccountHashHex } from '../../account/Account.js'
import { accountHashOf } from '../../account/accountHash.js'
import type { PaymentChoice } from '../../chainspec/choosePayment.js'
import { buildConfigureDeploy, buildConfigureTransaction } from '../../deploy/buildConfigureDeploy.js'
import { planReconfiguration } from '../../deploy/planReconfiguration.js'
import { stringifyDeployJson } from '../../deploy/stringifyDeployJson.js'
import { parseDuration } from '../../encoding/duration.js'
import { BaseError } from '../../errors/BaseError.js'
import { formatCspr } from '../../text/formatCspr.js'
import { safeText } from '../../text/safeText.js'
import { CliError } from '../CliError.js'
import { type Command, exitCodes } from '../Command.js'
import { commandUsage } from '../commandUsage.js'
import { expandHashes } from '../expandHashes.js'
import { writeText } from '../files.js'
import {
  addressBookJson,
  addressBookName,
  keyName,
  labelOptions,
  loadLabels,
  readAddressBook,
} from '../labels.js'
import { nodeOptions, requiredNodeAddress } from '../nodeAddress.js'
import { createOutput, outputOptions } from '../Output.js'
import { ownChainspec, ownChainspecOptions } from '../ownChainspec.js'
import { parseCommandArgs, required } from '../parseCommandArgs.js'
import { readNodeAccount } from '../readNodeAccount.js'
import { readTargetFile } from '../readTargetFile.js'

const options = {
  ...nodeOptions(),
  ...ownChainspecOptions,
  account: {
    type: 'string',
    value: 'KEY',
    description:
      'the account to change: its public key hex, or account-hash-… when the\ntarget or a --signer gives its public key (the deploy header needs it)',
  },
  target: {
    type: 'string',
    value: 'FILE',
    description:
      '{ "associatedKeys": [{ "key": "01…", "weight": 1, "label": "bob" }],\n  "thresholds": { "deployment": 2, "keyManagement": 2 } } (- for standard input)',
  },
  signer: {
    type: 'string',
    multiple: true,
    value: 'KEY',
    description: 'a key that will sign (repeatable); default: every associated key now',
  },
  'out-dir': {
    type: 'string',
    value: 'DIR',
    description: 'where to write the deploy files and labels.json (default: .)',
  },
  'chain-name': { type: 'string', value: 'NAME', description: "default: the node's chain name" },
  ttl: {
    type: 'string',
    value: 'DURATION',
    description: 'how long co-signers have to sign and send, e.g. 30m, 1h (default and most: 2h)',
  },
  transaction: {
    type: 'boolean',
    description: 'write TransactionV1 files (transaction-N.json) instead of deploys',
  },
  force: { type: 'boolean', description: 'replace existing deploy-N.json (transaction-N.json) files' },
  ...labelOptions('more names for keys (added to labels.json)'),
  ...outputOptions('print { account, chainName, warnings, deploys: [{ file, hash, steps, … }] }'),
} as const

const usage = commandUsage({
  synopsis: `Usage: casper-multisig plan --node URL [--chainspec FILE] --account KEY --target FILE [--signer KEY]...
                            [--out-dir DIR] [--chain-name NAME] [--ttl DURATION] [--transaction]
                            [--force] [--json]`,
  summary: `Plans the change from the account's keys and thresholds now (read from the node) to the target,
proves it in the emulator, prints the warnings and steps, and writes one unsigned deploy per
planned deploy: DIR/deploy-1.json, deploy-2.json, … (casper-client JSON), and the target's labels
as the address book DIR/labels.json, which co-signers read with --labels once they have checked
it (no command reads it unless named; each co-signer's own address book is always read). With
--transaction it writes Casper 2.x TransactionV1 files instead (DIR/transaction-1.json, …, as
casper-client make-transaction writes them), which the other commands take as they take deploys.`,
  options,
  exitCodes: `Exit codes: 0 planned (or nothing to do), 1 failed (invalid target, signers that cannot authorize
it, node error, a deploy file exists), 2 usage error.`,
})

const publicKeyHex = /^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/

/** casper-node chainspec `[transactions] max_ttl = '2 hours'` (mainnet, 1.5 `[deploys]` the same). */
const maxTtlMs = 2 * 60 * 60 * 1000

export const planCommand: Command = {
  name: 'plan',
  usage,
  options,
  async run(args, io) {
    const { values } = parseCommandArgs(args, options)
    const node = requiredNodeAddress(values, io.env)
    const identifier = required(values.account, '--account', 'KEY')
    const targetFile = required(values.target, '--target', 'FILE')
    if (values.ttl !== undefined) checkTtl(values.ttl)
    const target = readTargetFile(targetFile)
    const signers = values.signer
    const outDir = values['out-dir'] ?? '.'
    const labels = loadLabels(values)
    // Names already in DIR/labels.json stay: a second plan into the same directory adds to them.
    const book = join(outDir, addressBookName)
    const before = existsSync(book) ? readAddressBook(book) : undefined
    for (const [hash, name] of before?.labels ?? []) if (!labels.has(hash)) labels.set(hash, name)
    for (const { key, label } of target.associatedKeys) {
      const hash = tryAccountHash(String(key))
      if (label && hash) labels.set(hash, label)
    }

    const { account, status, network } = await readNodeAccount(node, identifier, {
      chainspec: ownChainspec(values),
    })
    const header = headerAccount(identifier, account.accountHash, [
      ...target.associatedKeys.map((k) => String(k.key)),
      ...(signers ?? []),
    ])
    const chainName = values['chain-name'] ?? status.chainspecName
    const plan = await planReconfiguration(account, target, {
      ...(signers ? { signers } : {}),
      ...network,
    })
    const known = [
      ...Object.keys(account.associatedKeys),
      ...target.associatedKeys.flatMap((k) => tryAccountHash(String(k.key)) ?? []),
    ]
    const full = (text: string) => nameKeys(expandHashes(safeText(text), known, labels), labels)
    const output = createOutput(io, values)

    output.info(
      `Plan for account ${keyName(account.accountHash, labels)} on ${safeText(chainName)} (protocol ${status.protocol})`,
    )
    for (const warning of plan.warnings) output.info(`Warning [${warning.code}]: ${full(warning.message)}`)
    const json = {
      account: `account-hash-${account.accountHash}`,
      chainName,
      warnings: plan.warnings.map(({ code, message }) => ({
        code,
        message: expandHashes(message, known, new Map()),
      })),
    }
    if (plan.deploys.length === 0) {
      output.info('Nothing to do: the account already has the target configuration.')
      output.json({ ...json, deploys: [] })
      return exitCodes.ok
    }
    const asTransactions = Boolean(values.transaction)
    const what = asTransactions ? 'transaction' : 'deploy'
    const deploys = plan.deploys.map((planned) => {
      const parameters = {
        account: header,
        chainName,
        // The node's own rules: its max_ttl, and its baseline_motes_amount (none on 1.5).
        ...network,
        ...(values.ttl === undefined ? {} : { ttl: values.ttl }),
      }
      if (!asTransactions) {
        const deploy = buildConfigureDeploy(planned, parameters)
        return { hash: deploy.hash, text: stringifyDeployJson(deploy) }
      }
      // casper-client make-transaction writes the bare transaction: { hash, payload, approvals }.
      const { Version1 } = buildConfigureTransaction(planned, parameters)
      return { hash: Version1.hash, text: JSON.stringify(Version1, null, 2) }
    })
    const paths = deploys.map((_, i) => join(outDir, `${what}-${i + 1}.json`))
    const taken = paths.filter((path) => existsSync(path))
    if (taken.length > 0 && !values.force) {
      throw new CliError(`${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}`, {
        code: 'FileError',
        remedy: 'Choose another --out-dir, remove the files, or pass --force to replace them.',
      })
    }
    mkdirSync(outDir, { recursive: true })
    plan.deploys.forEach((planned, i) => {
      output.info(
        `${asTransactions ? 'Transaction' : 'Deploy'} ${i + 1} of ${plan.deploys.length}: needs key-management weight ${planned.requiredWeight}; the signers hold ${planned.signersWeight}`,
      )
      for (const step of planned.steps) output.info(`  - ${full(step)}`)
      output.info(`  ${chargeText(planned.payment)}`)
      writeText(paths[i]!, deploys[i]!.text, { overwrite: true })
      output.info(`  wrote ${safeText(paths[i]!)} (${what} ${deploys[i]!.hash}, unsigned)`)
    })
    if (labels.size > 0) {
      writeText(book, addressBookJson(labels, before?.acceptedWasm), { overwrite: true })
      output.info(
        `  wrote ${safeText(book)} (names of ${labels.size} key${labels.size === 1 ? '' : 's'}; co-signers check it, then read it with --labels)`,
      )
    }
    if (deploys.length > 1)
      output.info(`Send the ${what}s in order, each after the previous one has executed.`)
    output.info(
      `Total: expected charge ${formatCspr(plan.expectedCharge)} CSPR; if every ${what} fails: ${formatCspr(plan.ifEveryDeployFails)} CSPR`,
    )
    output.json({
      ...json,
      deploys: plan.deploys.map((planned, i) => ({
        file: paths[i],
        hash: deploys[i]!.hash,
        requiredWeight: planned.requiredWeight,
        signersWeight: planned.signersWeight,
        steps: planned.steps.map((step) => expandHashes(step, known, new Map())),
        paymentMotes: String(planned.payment.amount),
        expectedChargeMotes: String(planned.payment.expected?.charged ?? planned.payment.amount),
        ifFailsMotes: String(planned.payment.ifFails?.charged ?? planned.payment.amount),
      })),
      expectedChargeMotes: String(plan.expectedCharge),
      ifEveryDeployFailsMotes: String(plan.ifEveryDeployFails),
      ...(labels.size > 0 ? { addressBook: book } : {}),
    })
    return exitCodes.ok
  },
}

/**
 * `--ttl`: a duration casper-node reads (humantime) of at most 2 hours.
 *
 * @throws {CliError} code `UsageError` with the value and what is expected.
 */
function checkTtl(text: string): void {
  let ms: number
  try {
    ms = parseDuration(text)
  } catch (error) {
    throw new CliError('Invalid --ttl', {
      code: 'UsageError',
      details: {
        expected: 'a duration with a unit, e.g. 30m, 90min, 1h 30m (at most 2h)',
        got: text,
        reason: error instanceof BaseError ? error.details.reason : undefined,
      },
    })
  }
  if (ms <= 0 || ms > maxTtlMs) {
    throw new CliError('Invalid --ttl', {
      code: 'UsageError',
      details: { expected: 'more than 0 and at most 2h (the network refuses longer)', got: text },
    })
  }
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

/**
 * The steps name keys by whole account hash with the target's labels only: a key the target leaves
 * out (one the plan removes) gets its name from the address books and `--label` flags here.
 */
function nameKeys(text: string, labels: ReadonlyMap<AccountHashHex, string>): string {
  return text.replace(/account-hash-([0-9a-f]{64})(?! \()/g, (whole, hash: AccountHashHex) =>
    labels.has(hash) ? keyName(hash, labels) : whole,
  )
}

function tryAccountHash(key: string): AccountHashHex | undefined {
  try {
    return accountHashOf(key)
  } catch {
    return undefined
  }
}

/** The payment line of one planned deploy: the limit, the expected charge, and the charge if it fails. */
function chargeText(payment: PaymentChoice): string {
  const expected = payment.expected?.charged ?? payment.amount
  const fails = payment.ifFails?.charged ?? payment.amount
  const floor = payment.floored ? " (the network's minimum payment)" : ''
  return `payment ${formatCspr(payment.amount)} CSPR${floor}; expected charge ${formatCspr(expected)} CSPR; if it fails: ${formatCspr(fails)} CSPR`
}
