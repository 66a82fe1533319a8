#!/usr/bin/env node
// The casper-multisig command line: read accounts, plan changes, sign, merge, check and send deploy files, run a devnet.
import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { Devnet } from '../devnet/startDevnet.js'
import { type CliIo, processIo } from './CliIo.js'
import { type Command, exitCodes } from './Command.js'
import { accountCommand } from './commands/account.js'
import { describeCommand } from './commands/describe.js'
import { devnetUsage, runDevnet } from './commands/devnet.js'
import { mergeCommand } from './commands/merge.js'
import { pageCommand } from './commands/page.js'
import { planCommand } from './commands/plan.js'
import { sendCommand } from './commands/send.js'
import { signCommand } from './commands/sign.js'
import { statusCommand } from './commands/status.js'
import { runCommand, wantsHelp } from './runCommand.js'

export type { CliIo } from './CliIo.js'
export { parseDevnetArgs } from './commands/devnet.js'

const commands: readonly Command[] = [
  accountCommand,
  planCommand,
  describeCommand,
  signCommand,
  mergeCommand,
  statusCommand,
  sendCommand,
  pageCommand,
]

const usage = `Usage: casper-multisig <command> [arguments]

Commands:
${[
  ...commands.map((c) => [c.name, c.summary] as const),
  ['devnet', 'start a loopback devnet for tests and demos'] as const,
]
  .map(([name, summary]) => `  ${name.padEnd(10)}${summary}`)
  .join('\n')}

Run casper-multisig <command> --help for its flags. Exit codes: 0 done (status: ready),
1 failed (the error is printed with its values and a remedy), 2 usage error (status: not ready).
Documentation: docs/cli.md`

/** What {@link main} returns: the exit code, and the running devnet when `devnet` started one. */
export type MainReturnType = { code: number; devnet?: Devnet }

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
  const [name, ...rest] = argv
  if (name === undefined) {
    io.err(usage)
    return { code: exitCodes.usage }
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0] === undefined ? undefined : commands.find((c) => c.name === rest[0])
    io.out(rest[0] === 'devnet' ? devnetUsage : (topic?.usage ?? usage))
    return { code: exitCodes.ok }
  }
  if (name === 'devnet') {
    if (wantsHelp(rest)) {
      io.out(devnetUsage)
      return { code: exitCodes.ok }
    }
    return runDevnet(rest, io)
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.err(`Unknown command ${name}\n\n${usage}`)
    return { code: exitCodes.usage }
  }
  return { code: await runCommand(command, rest, io) }
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
  const { code, devnet } = await main(process.argv.slice(2))
  if (!devnet) process.exit(code)
  const shutdown = () => {
    void devnet.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}
