#!/usr/bin/env node
// The casper-multisig command line: `casper-multisig devnet …` starts the loopback devnet.
import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { DevnetError } from '../devnet/DevnetError.js'
import type { DevnetAccountParameters, StartDevnetOptions } from '../devnet/startDevnet.js'
import { type Devnet, startDevnet } from '../devnet/startDevnet.js'

const usage = `Usage: casper-multisig devnet [--port N] [--state FILE] [--protocol 1.5|2.0]
                              [--block-interval MS] [--chain-name NAME]
                              [--account PUBLIC_KEY[:BALANCE_MOTES]]...`

/** Where the CLI writes; `process.stdout` / `process.stderr` by default. */
export type CliIo = { out: (line: string) => void; err: (line: string) => void }

/**
 * Reads `devnet` arguments into {@link StartDevnetOptions}.
 *
 * @throws {DevnetError} code `InvalidOptions` naming the argument.
 * @example
 * ```ts
 * parseDevnetArgs(['--port', '7777', '--account', '01d9bf…900c:5000000000'])
 * // { port: 7777, accounts: [{ publicKey: '01d9bf…900c', balance: 5000000000n }] }
 * ```
 */
export function parseDevnetArgs(args: readonly string[]): StartDevnetOptions {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(args).values
  } catch (cause) {
    throw new DevnetError('Invalid arguments', {
      code: 'InvalidOptions',
      details: { reason: cause instanceof Error ? cause.message : String(cause) },
      remedy: usage,
    })
  }
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined
    if (!/^\d+$/.test(text)) throw invalid(name, 'a non-negative integer', text)
    return Number(text)
  }
  const protocol = values.protocol
  if (protocol !== undefined && protocol !== '1.5' && protocol !== '2.0')
    throw invalid('--protocol', '1.5 or 2.0', protocol)
  const accounts: DevnetAccountParameters[] = (values.account ?? []).map((text) => {
    const [publicKey = '', balance] = text.split(':')
    if (!/^(01[0-9a-fA-F]{64}|02[0-9a-fA-F]{66})$/.test(publicKey)) {
      throw invalid('--account', 'PUBLIC_KEY[:BALANCE] with a tagged public key hex', text)
    }
    if (balance !== undefined && !/^\d+$/.test(balance))
      throw invalid('--account', 'a balance in motes', text)
    return { publicKey, ...(balance === undefined ? {} : { balance: BigInt(balance) }) }
  })
  return {
    ...(values.port === undefined ? {} : { port: number('--port', values.port) }),
    ...(values.state === undefined ? {} : { stateFile: values.state }),
    ...(protocol === undefined ? {} : { protocol }),
    ...(values['block-interval'] === undefined
      ? {}
      : { blockIntervalMs: number('--block-interval', values['block-interval']) }),
    ...(values['chain-name'] === undefined ? {} : { chainName: values['chain-name'] }),
    ...(accounts.length > 0 ? { accounts } : {}),
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      state: { type: 'string' },
      protocol: { type: 'string' },
      'block-interval': { type: 'string' },
      'chain-name': { type: 'string' },
      account: { type: 'string', multiple: true },
    },
  })
}

function invalid(argument: string, expected: string, got: string): DevnetError {
  return new DevnetError(`Invalid ${argument}`, {
    code: 'InvalidOptions',
    details: { expected, got },
    remedy: usage,
  })
}

/**
 * Runs the CLI: `devnet` starts the devnet, prints its URL and stops it cleanly on SIGINT or
 * SIGTERM. Returns the exit code (the devnet keeps running until a signal when it started).
 *
 * @example
 * ```ts
 * await main(['devnet', '--port', '7777'])
 * // casper-multisig devnet (casper-node 1.5.8 JSON-RPC) on casper-devnet
 * // http://127.0.0.1:7777/rpc
 * ```
 */
export async function main(
  argv: readonly string[],
  io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
): Promise<{ code: number; devnet?: Devnet }> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(usage)
    return { code: command === undefined ? 2 : 0 }
  }
  if (command !== 'devnet') {
    io.err(`Unknown command ${command}\n${usage}`)
    return { code: 2 }
  }
  let devnet: Devnet
  try {
    devnet = await startDevnet(parseDevnetArgs(rest))
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error))
    return { code: error instanceof DevnetError && error.code === 'InvalidOptions' ? 2 : 1 }
  }
  io.out(
    `casper-multisig devnet (casper-node ${devnet.protocol === '1.5' ? '1.5.8' : '2.0.0'} JSON-RPC) on ${devnet.chainName}`,
  )
  io.out(devnet.url)
  return { code: 0, devnet }
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
