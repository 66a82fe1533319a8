// The `casper-multisig devnet` command: argument parsing, and a real start + stop on SIGTERM.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parseDevnetArgs } from '../../src/cli/commands/devnet.js'
import { main } from '../../src/cli/main.js'
import { alice, call } from './devnetKit.js'

describe('casper-multisig devnet', () => {
  test('parses its arguments', () => {
    expect(
      parseDevnetArgs([
        '--port',
        '0',
        '--protocol',
        '2.0',
        '--block-interval',
        '100',
        '--state',
        'devnet.json',
        '--account',
        `${alice.publicKey}:5000000000`,
        '--account',
        alice.publicKey,
      ]),
    ).toEqual({
      port: 0,
      protocol: '2.0',
      blockIntervalMs: 100,
      stateFile: 'devnet.json',
      accounts: [{ publicKey: alice.publicKey, balance: 5_000_000_000n }, { publicKey: alice.publicKey }],
    })
    expect(() => parseDevnetArgs(['--protocol', '1.4'])).toThrow(/Invalid --protocol/)
    expect(() => parseDevnetArgs(['--bogus'])).toThrow(/^Unknown option '--bogus'$/)
    expect(() => parseDevnetArgs(['--account', 'nope'])).toThrow(/Invalid --account/)
  })

  test("a usage error reads as every command's: the reason, the synopsis on real lines, --help (exit 2)", async () => {
    const err: string[] = []
    const { code } = await main(['devnet', '--bogus'], {
      out: () => undefined,
      err: (line) => err.push(line),
    })
    expect(code).toBe(2)
    const text = err.join('\n')
    expect(text).toMatch(
      /^Unknown option '--bogus'\n\nUsage: casper-multisig devnet [^\n]+\n {30}\[--block-interval MS\] [^\n]+\n {30}\[--account [^\n]+\nRun 'casper-multisig devnet --help' for every flag\.$/,
    )
    expect(text).not.toContain('\\u{a}')
    expect(text.split('\n').length).toBeLessThan(10)
  })

  test('main starts a devnet and prints its URL', async () => {
    const lines: string[] = []
    const { code, devnet } = await main(['devnet', '--port', '0', '--account', alice.publicKey], {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    })
    try {
      expect(code).toBe(0)
      expect(lines[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rpc$/)
      const info = await call(lines[1]!, 'state_get_account_info', { account_identifier: alice.publicKey })
      expect(info.result.account.action_thresholds).toEqual({ deployment: 1, key_management: 1 })
    } finally {
      await devnet?.stop()
    }
    expect((await main(['nope'], { out: () => {}, err: () => {} })).code).toBe(2)
  })

  test('--chainspec runs a casper-node chainspec.toml and serves its bytes', async () => {
    const file = new URL('../chainspec/fixtures/testnet-2.2.2.chainspec.toml', import.meta.url).pathname
    const lines: string[] = []
    const { code, devnet } = await main(['devnet', '--port', '0', '--chainspec', file], {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    })
    try {
      expect(code).toBe(0)
      expect(lines[0]).toBe(
        'casper-multisig devnet (Casper 2.2.2 rules, sidecar 2.x JSON-RPC) on casper-test',
      )
      const served = await call(lines[1]!, 'info_get_chainspec')
      expect(Buffer.from(served.result.chainspec_bytes.chainspec_bytes, 'hex').toString('utf8')).toBe(
        readFileSync(file, 'utf8'),
      )
    } finally {
      await devnet?.stop()
    }
    expect(() => parseDevnetArgs(['--chainspec', file, '--protocol', '1.5'])).toThrow(/Invalid --protocol/)
    expect(() => parseDevnetArgs(['--chainspec', `${file}.missing`])).toThrow(/^Cannot read chainspec file /)
  })

  test('the process stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'devnet', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const url = await new Promise<string>((resolve, reject) => {
      let text = ''
      child.stdout.on('data', (chunk) => {
        text += chunk
        const match = /http:\/\/127\.0\.0\.1:\d+\/rpc/.exec(text)
        if (match) resolve(match[0])
      })
      child.once('exit', (code) => reject(new Error(`exited ${code}`)))
    })
    expect((await call(url, 'info_get_status')).result.chainspec_name).toBe('casper-devnet')
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
