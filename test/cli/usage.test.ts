// Every command's --help lists exactly the flags it parses, and a usage error prints a readable synopsis.
import { describe, expect, test } from 'vitest'
import type { Command } from '../../src/cli/Command.js'
import { accountCommand } from '../../src/cli/commands/account.js'
import { accountAddressCommand } from '../../src/cli/commands/accountAddress.js'
import { callCommand } from '../../src/cli/commands/call.js'
import { delegateCommand } from '../../src/cli/commands/delegate.js'
import { describeCommand } from '../../src/cli/commands/describe.js'
import { devnetCommand } from '../../src/cli/commands/devnet.js'
import { fundCommand } from '../../src/cli/commands/fund.js'
import { keygenCommand } from '../../src/cli/commands/keygen.js'
import { mergeCommand } from '../../src/cli/commands/merge.js'
import { pageCommand } from '../../src/cli/commands/page.js'
import { planCommand } from '../../src/cli/commands/plan.js'
import { proposeCommand } from '../../src/cli/commands/propose.js'
import { redelegateCommand } from '../../src/cli/commands/redelegate.js'
import { relayCommand } from '../../src/cli/commands/relay.js'
import { renewCommand } from '../../src/cli/commands/renew.js'
import { sendCommand } from '../../src/cli/commands/send.js'
import { signCommand } from '../../src/cli/commands/sign.js'
import { statusCommand } from '../../src/cli/commands/status.js'
import { transferCommand } from '../../src/cli/commands/transfer.js'
import { undelegateCommand } from '../../src/cli/commands/undelegate.js'
import { waitCommand } from '../../src/cli/commands/wait.js'
import { main } from '../../src/cli/main.js'

const commands: readonly Command<unknown>[] = [
  keygenCommand,
  accountAddressCommand,
  accountCommand,
  planCommand,
  transferCommand,
  delegateCommand,
  undelegateCommand,
  redelegateCommand,
  callCommand,
  describeCommand,
  signCommand,
  proposeCommand,
  mergeCommand,
  renewCommand,
  statusCommand,
  sendCommand,
  waitCommand,
  pageCommand,
  fundCommand,
  relayCommand,
  devnetCommand,
]

/** `main` in-process; no CASPER_NODE_ADDRESS, so nothing reaches a node. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const { code, devnet, relay } = await main(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  })
  await devnet?.stop()
  await relay?.stop()
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** `--name` as a whole flag: not the start of a longer one (`--node` in `--node-address`). */
const mentions = (text: string, flag: string) =>
  new RegExp(`(?<![\\w-])${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text)

const notAFlag = '--zz-not-a-flag'

describe('casper-multisig: --help lists what each command parses', () => {
  test('the commands here are the commands main lists', async () => {
    const overview = (await run('--help')).out
    const listed = [...overview.matchAll(/^ {2}([a-z-]+) {2,}\S/gm)].map((m) => m[1])
    expect(listed).toEqual(commands.map((c) => c.name))
  })

  test.each(commands.map((c) => [c.name, c] as const))(
    '%s: every flag it parses is in its usage, every flag its usage names is parsed',
    async (name, command) => {
      const { usage, options } = command
      expect((await run(name, '--help')).out).toBe(usage)
      for (const [long, option] of Object.entries(options)) {
        expect(mentions(usage, `--${long}`), `--${long} in the usage of ${name}`).toBe(true)
        if (option.short) expect(usage, name).toContain(`-${option.short}, --${long}`)
        if ('aliasOf' in option) {
          // Named in the description of the flag it is another name for, not on a line of its own.
          const target = options[option.aliasOf]
          expect(target && 'description' in target && mentions(target.description, `--${long}`), long).toBe(
            true,
          )
          expect(usage).not.toMatch(new RegExp(`^ {2}--${long} `, 'm'))
        }
      }
      // Every flag the usage names, but another command's (`plan --target`).
      const others = commands.map((c) => c.name).filter((n) => n !== name)
      const named = [...usage.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].filter(
        (m) => !others.some((other) => usage.slice(0, m.index).endsWith(`${other} `)),
      )
      expect(named.length).toBeGreaterThan(0)
      for (const [flag] of named) expect(Object.keys(options), `${flag} in ${name}`).toContain(flag.slice(2))
      const shorts = usage.match(/(?<![\w-])-[a-zA-Z](?![\w-])/g) ?? []
      const known = Object.values(options).flatMap((o) => (o.short ? [`-${o.short}`] : []))
      for (const flag of shorts) expect(known, `${flag} in ${name}`).toContain(flag)
    },
  )

  test.each(commands.map((c) => [c.name, c] as const))(
    '%s: the command accepts each flag its usage lists',
    async (name, command) => {
      for (const [long, option] of Object.entries(command.options)) {
        const value = option.type === 'string' ? ['x'] : []
        const spellings = [`--${long}`, ...(option.short ? [`-${option.short}`] : [])]
        for (const flag of spellings) {
          // The flag parses; the one after it is the first the parser refuses.
          const { code, err } = await run(name, flag, ...value, notAFlag)
          expect(code, `${name} ${flag}`).toBe(2)
          expect(err.split('\n')[0], `${name} ${flag}`).toBe(`Unknown option '${notAFlag}'`)
        }
      }
    },
  )

  test('a flag that is described on another line is shown there', () => {
    expect(statusCommand.usage).toMatch(/^ {2}--label KEY=NAME, --labels FILE {3}names for keys/m)
    expect(signCommand.usage).toMatch(
      /^ {2}-k, --key FILE +secret_key\.pem .*\n +digits .*also --secret-key$/m,
    )
    expect(accountCommand.usage).toMatch(/^ {2}--labels FILE +an address book/m)
  })
})

describe('casper-multisig: a usage error prints the synopsis on real lines', () => {
  test.each(commands.map((c) => [c.name, c] as const))('%s', async (name, command) => {
    const synopsis = command.usage.split('\n\n')[0]!
    expect(synopsis).toMatch(new RegExp(`^Usage: casper-multisig ${name} `))
    // An unknown flag; and, but for devnet and relay (which then start), no arguments at all.
    const runs = [
      await run(name, notAFlag),
      ...(name === 'devnet' || name === 'relay' ? [] : [await run(name)]),
    ]
    for (const { code, out, err } of runs) {
      expect(code).toBe(2)
      expect(out).toBe('')
      expect(err).not.toContain('\\u{')
      expect(err).toContain(`\n\n${synopsis}\nRun 'casper-multisig ${name} --help' for every flag.`)
      expect(err.split('\n').length).toBeGreaterThanOrEqual(synopsis.split('\n').length + 3)
    }
    expect(runs[0]!.err).toMatch(new RegExp(`^Unknown option '${notAFlag}'\n`))
  })
})
