// `casper-multisig devnet`: starts the loopback devnet and keeps it running until a signal.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DevnetError } from '../../devnet/DevnetError.js'
import type { DevnetAccountParameters, StartDevnetOptions } from '../../devnet/startDevnet.js'
import { type Devnet, startDevnet } from '../../devnet/startDevnet.js'
import type { CliIo } from '../CliIo.js'
import { exitCodes } from '../Command.js'

export const devnetUsage = `Usage: casper-multisig devnet [--port N] [--state FILE] [--chainspec FILE | --protocol 1.5|2.0]
                              [--block-interval MS] [--chain-name NAME]
                              [--account PUBLIC_KEY[:BALANCE_MOTES]]...

Starts a loopback devnet serving the JSON-RPC of a Casper node (default: mainnet 2.2.0 rules as
the chain casper-devnet; --chainspec runs a casper-node chainspec.toml, --protocol 1.5 the 1.5.8
node), prints its URL and runs until SIGINT or SIGTERM (then saves the state and exits 0).`

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
      remedy: devnetUsage,
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
  let chainspec: string | undefined
  if (values.chainspec !== undefined) {
    if (protocol !== undefined) throw invalid('--protocol', 'no --protocol with --chainspec', protocol)
    try {
      chainspec = readFileSync(values.chainspec, 'utf8')
    } catch (cause) {
      throw new DevnetError('Cannot read the chainspec file', {
        code: 'InvalidOptions',
        details: { file: values.chainspec, reason: cause instanceof Error ? cause.message : String(cause) },
        remedy: 'Pass the path of a casper-node chainspec.toml (e.g. resources/mainnet/chainspec.toml).',
        cause,
      })
    }
  }
  return {
    ...(values.port === undefined ? {} : { port: number('--port', values.port) }),
    ...(chainspec === undefined ? {} : { chainspec }),
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
      chainspec: { type: 'string' },
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
    remedy: devnetUsage,
  })
}

/**
 * Starts the devnet and prints its URL; returns the running devnet with exit code 0, or the exit
 * code of the failure (2 for invalid options).
 */
export async function runDevnet(
  args: readonly string[],
  io: CliIo,
): Promise<{ code: number; devnet?: Devnet }> {
  let devnet: Devnet
  try {
    devnet = await startDevnet(parseDevnetArgs(args))
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error))
    return {
      code:
        error instanceof DevnetError && error.code === 'InvalidOptions' ? exitCodes.usage : exitCodes.failed,
    }
  }
  io.out(
    `casper-multisig devnet (Casper ${visible(devnet.chainspec.protocolVersion)} rules, ${devnet.protocol === '1.5' ? 'casper-node 1.5.8' : 'sidecar 2.x'} JSON-RPC) on ${visible(devnet.chainName)}`,
  )
  io.out(devnet.url)
  return { code: exitCodes.ok, devnet }
}

/** A name from a chainspec file as it may be shown: control, bidi and invisible characters made visible. */
function visible(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  )
}
