#!/usr/bin/env node
// The casper-multisig command line: read accounts, plan changes, sign, merge, check and send deploy files, run a devnet.
import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { Devnet } from '../devnet/startDevnet.js'
import { type CliIo, processIo } from './CliIo.js'
import { type Command, exitCodes } from './Command.js'
import type { RunningRelay } from './commands/relay.js'
import { reportError, runCommand, wantsHelp } from './runCommand.js'
import { packageVersion } from './version.js'

export type { CliIo } from './CliIo.js'

/** A command in the list, loaded only when it runs: most need casper-js-sdk, which is slow to load. */
type CommandEntry<Result = number> = { name: string; summary: string; load: () => Promise<Command<Result>> }

const commands: readonly CommandEntry[] = [
  {
    name: 'keygen',
    summary: 'make a key pair: secret_key.pem, public_key.pem, public_key_hex',
    load: async () => (await import('./commands/keygen.js')).keygenCommand,
  },
  {
    name: 'account-address',
    summary: "print a public key's account hash",
    load: async () => (await import('./commands/accountAddress.js')).accountAddressCommand,
  },
  {
    name: 'account',
    summary: "print an account's keys and thresholds",
    load: async () => (await import('./commands/account.js')).accountCommand,
  },
  {
    name: 'plan',
    summary: 'plan a change of keys and thresholds; write the unsigned deploys',
    load: async () => (await import('./commands/plan.js')).planCommand,
  },
  {
    name: 'transfer',
    summary: 'write an unsigned transfer of CSPR from the account',
    load: async () => (await import('./commands/transfer.js')).transferCommand,
  },
  {
    name: 'delegate',
    summary: "write an unsigned delegation of the account's CSPR to a validator",
    load: async () => (await import('./commands/delegate.js')).delegateCommand,
  },
  {
    name: 'undelegate',
    summary: 'write an unsigned undelegation from a validator',
    load: async () => (await import('./commands/undelegate.js')).undelegateCommand,
  },
  {
    name: 'redelegate',
    summary: 'write an unsigned redelegation to another validator',
    load: async () => (await import('./commands/redelegate.js')).redelegateCommand,
  },
  {
    name: 'call',
    summary: 'write an unsigned call of a stored contract or package',
    load: async () => (await import('./commands/call.js')).callCommand,
  },
  {
    name: 'describe',
    summary: 'show what a deploy file does, every key in full (exit 1: do not sign)',
    load: async () => (await import('./commands/describe.js')).describeCommand,
  },
  {
    name: 'sign',
    summary: 'sign a copy of a deploy file (refuses expired, wrong-chain, unassociated)',
    load: async () => (await import('./commands/sign.js')).signCommand,
  },
  {
    name: 'propose',
    summary: 'post a signed deploy file to a relay; print the link for co-signers',
    load: async () => (await import('./commands/propose.js')).proposeCommand,
  },
  {
    name: 'merge',
    summary: 'merge the approvals of signed copies of a deploy',
    load: async () => (await import('./commands/merge.js')).mergeCommand,
  },
  {
    name: 'renew',
    summary: 'renew an expired deploy file: new timestamp and TTL, new hash, who must sign again',
    load: async () => (await import('./commands/renew.js')).renewCommand,
  },
  {
    name: 'status',
    summary: 'executed, pending, or signature progress and preflight (exit 0 ready, 3 not, 4 pending)',
    load: async () => (await import('./commands/status.js')).statusCommand,
  },
  {
    name: 'send',
    summary: 'send a signed deploy file; --wait for its result',
    load: async () => (await import('./commands/send.js')).sendCommand,
  },
  {
    name: 'wait',
    summary: "wait for a sent deploy's execution (elapsed time and block height on a terminal)",
    load: async () => (await import('./commands/wait.js')).waitCommand,
  },
  {
    name: 'page',
    summary: 'write the offline co-signing page (cosign.html) for co-signers without the command line',
    load: async () => (await import('./commands/page.js')).pageCommand,
  },
  {
    name: 'fund',
    summary: 'devnet only: create or fund an account on a running devnet',
    load: async () => (await import('./commands/fund.js')).fundCommand,
  },
]

/** `relay` returns the running relay with its exit code, so it is run apart from the others. */
const relayEntry: CommandEntry<MainReturnType> = {
  name: 'relay',
  summary: 'run a proposal relay: co-signers post files and approvals over HTTP',
  load: async () => (await import('./commands/relay.js')).relayCommand,
}

/** `devnet` returns the running devnet with its exit code, so it is run apart from the others. */
const devnetEntry: CommandEntry<MainReturnType> = {
  name: 'devnet',
  summary: 'start a loopback devnet for tests and demos',
  load: async () => (await import('./commands/devnet.js')).devnetCommand,
}

/**
 * Every command by name, as the usage lists them, each loaded only when asked for: what the docs'
 * tests check the documented command lines against (the command and each flag it is given).
 *
 * @example
 * ```ts
 * const sign = commandTable().find((c) => c.name === 'sign')
 * 'secret-key' in (await sign!.load()).options // true
 * ```
 */
export function commandTable(): readonly {
  name: string
  summary: string
  load: () => Promise<Command<unknown>>
}[] {
  return [...commands, relayEntry, devnetEntry]
}

const usage = `Usage: casper-multisig <command> [arguments]

Commands:
${[...commands, relayEntry, devnetEntry].map(({ name, summary }) => `  ${name.padEnd(17)}${summary}`).join('\n')}

Run casper-multisig <command> --help for its flags; --version prints the version.
The node: --node URL, --node-address URL or -n URL (http://HOST:7777; /rpc is added), else
the CASPER_NODE_ADDRESS environment variable. A FILE of - is standard input (-o -: standard output).

Exit codes: 0 done (status: ready to send or executed; describe: safe to sign),
1 failed (the error is printed with its values and a remedy; describe: DO NOT SIGN),
2 usage error, 3 status: not ready to send, 4 status: sent, not executed yet.
Documentation: docs/cli.md`

/**
 * What {@link main} returns: the exit code, and the running devnet when `devnet` started one, or
 * the running relay when `relay` did.
 */
export type MainReturnType = { code: number; devnet?: Devnet; relay?: RunningRelay }

/**
 * Runs the CLI with `argv` (without the node and script paths) and returns the exit code; writes
 * only through `io`, so it runs in-process in tests. `devnet` also returns the running devnet,
 * which keeps running until stopped (the bin stops it on SIGINT or SIGTERM).
 *
 * @example
 * ```ts
 * const { code } = await main(['account', '--node', 'http://localhost:7777/rpc', '--account', '01d9bf…900c'])
 * await main(['devnet', '--port', '7777'])
 * // casper-multisig devnet (casper-node 1.5.8 JSON-RPC) on casper-devnet
 * // http://127.0.0.1:7777/rpc
 * ```
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<MainReturnType> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    // The commands report their own errors; this catches the rest (a command that fails to load,
    // the devnet's start), so no stack trace ever reaches the terminal.
    return { code: reportError(error, io) }
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<MainReturnType> {
  const [name, ...rest] = argv
  if (name === undefined) {
    io.err(usage)
    return { code: exitCodes.usage }
  }
  if (name === '--version' || name === '-V') {
    io.out(`casper-multisig ${packageVersion()}`)
    return { code: exitCodes.ok }
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = [...commands, relayEntry, devnetEntry].find((c) => c.name === rest[0])
    io.out(topic ? (await topic.load()).usage : usage)
    return { code: exitCodes.ok }
  }
  for (const running of [devnetEntry, relayEntry]) {
    if (name !== running.name) continue
    const command = await running.load()
    if (wantsHelp(rest)) {
      io.out(command.usage)
      return { code: exitCodes.ok }
    }
    return command.run(rest, io)
  }
  const entry = commands.find((c) => c.name === name)
  if (!entry) {
    io.err(`Unknown command ${name}\n\n${usage}`)
    return { code: exitCodes.usage }
  }
  return { code: await runCommand(await entry.load(), rest, io) }
}

/** True when this file is the process entry (the package bin), not imported. */
function isEntry(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href
  } catch {
    return false
  }
}

if (isEntry()) {
  // A throw outside any await chain (a timer, an event handler) is reported like any other error:
  // one line, never Node's stack trace.
  const fatal = (error: unknown) => process.exit(reportError(error, processIo))
  process.on('uncaughtException', fatal)
  process.on('unhandledRejection', fatal)
  const { code, devnet, relay } = await main(process.argv.slice(2))
  const running = devnet ?? relay
  if (!running) process.exit(code)
  const shutdown = () => {
    void running.stop().then(
      () => process.exit(0),
      (error: unknown) => process.exit(reportError(error, processIo)),
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}
