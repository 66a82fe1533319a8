import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { builtCli, cli, writeKey } from './cliKit.js'

let dir: string
let devnet: ChildProcessWithoutNullStreams
let log = ''
let url: string
let port: number
let erin: ReturnType<typeof writeKey>

/** Resolves once the devnet's output matches `pattern`. */
function logged(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = log.match(pattern)
      if (!match) return false
      clearTimeout(timer)
      devnet.stdout.off('data', check)
      resolve(match)
      return true
    }
    const timer = setTimeout(() => reject(new Error(`not logged: ${pattern}\n${log}`)), timeoutMs)
    if (!check()) devnet.stdout.on('data', check)
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-devnet-'))
  erin = writeKey(dir, 'erin')
  devnet = spawn(process.execPath, [
    await builtCli(),
    'devnet',
    '--port',
    '0',
    '--block-interval',
    '50',
    '--account',
    `${erin.publicKey}=7000000000000`,
  ])
  devnet.stdout.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8')
  })
  const [, found] = await logged(/^(http:\/\/127\.0\.0\.1:\d+\/rpc)$/m)
  url = found!
  port = Number(new URL(url).port)
  await logged(/^Accounts:\n.*\n/m)
}, 60_000)

afterAll(async () => {
  devnet?.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
})

describe('casper-multisig devnet', () => {
  test('prints its URL and the accounts with their balances; answers JSON-RPC on /rpc only', async () => {
    expect(log).toMatch(
      /^casper-multisig devnet \(Casper 2\.2\.0 rules, sidecar 2\.x JSON-RPC\) on casper-devnet\n/,
    )
    expect(log).toContain(
      `Accounts:\n  account-hash-${erin.accountHash} (${erin.publicKey}) balance 7000000000000 motes\n`,
    )
    const call = (path: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'info_get_status' }),
      })
    expect((await call('/rpc')).status).toBe(200)
    expect((await call('/')).status).toBe(404)
  })

  test('fund creates an account later, then adds to it; each is logged', async () => {
    const frank = writeKey(dir, 'frank', 'secp256k1-pkcs8')
    const created = await cli([
      'fund',
      '-n',
      `http://127.0.0.1:${port}`,
      '-p',
      frank.publicKey,
      '--amount',
      '100',
    ])
    expect(created).toEqual({
      code: 0,
      out: `Created account-hash-${frank.accountHash} (${frank.publicKey}): balance 100 motes`,
      err: '',
    })
    await logged(
      new RegExp(
        `created account-hash-${frank.accountHash} \\(${frank.publicKey}\\): \\+100 motes, balance 100`,
      ),
    )
    const funded = await cli(['fund', '-n', url, '-p', frank.publicKey, '--amount', '50', '--json'])
    expect(JSON.parse(funded.out)).toEqual({
      accountHash: `account-hash-${frank.accountHash}`,
      publicKey: frank.publicKey,
      balance: '150',
      created: false,
    })
    await logged(/ funded account-hash-\S+ \(\S+\): \+50 motes, balance 150\n/)
  })

  test('logs each refused and accepted deploy and each block with its outcome', async () => {
    const target = join(dir, 'target.json')
    writeFileSync(
      target,
      JSON.stringify({
        associatedKeys: [{ key: erin.publicKey, weight: 2 }],
        thresholds: { deployment: 1, keyManagement: 1 },
      }),
    )
    const plan = await cli([
      'plan',
      '-n',
      url,
      '--account',
      erin.publicKey,
      '--target',
      target,
      '--out-dir',
      dir,
      '--quiet',
    ])
    expect(plan).toEqual({ code: 0, out: '', err: '' })
    const unsigned = join(dir, 'deploy-1.json')
    const refused = await cli(['send', unsigned, '-n', url, '--no-preflight'])
    expect(refused.code).toBe(1)
    await logged(/ refused account_put_deploy: -32008 Invalid Deploy: .+\n/)
    const signed = await cli(['sign', unsigned, '-k', erin.path, '-o', '-', '-q'])
    expect(signed.code).toBe(0)
    const sent = await cli(['send', '-', '-n', url, '--wait', '30', '--poll-interval', '50', '--json'], {
      stdin: signed.out,
    })
    expect(sent.code).toBe(0)
    const { hash, execution } = JSON.parse(sent.out)
    expect(execution).toMatchObject({ state: 'succeeded' })
    await logged(new RegExp(` accepted deploy ${hash}\n`))
    await logged(
      new RegExp(` block \\d+ [0-9a-f]{64}: 1 item\n {2}${hash} success \\(charged \\d+ motes\\)\n`),
    )
  })

  test('a port in use is named with EADDRINUSE and a remedy; exit 1', async () => {
    const second = await cli(['devnet', '--port', String(port)])
    expect(second).toEqual({
      code: 1,
      out: '',
      err: `Cannot start the devnet on 127.0.0.1:${port}\n  reason: EADDRINUSE: port ${port} is already in use\nRemedy: Stop what uses the port, or choose another with --port N (--port 0 picks a free one).`,
    })
  })

  test('fund on a node that is not a devnet is refused with the reason', async () => {
    const server = createServer((request, response) => {
      request.resume()
      request.on('end', () =>
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(
            JSON.stringify({ jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'Method not found' } }),
          ),
      )
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port: nodePort } = server.address() as { port: number }
    try {
      const refused = await cli(['fund', '-n', `http://127.0.0.1:${nodePort}`, '-p', erin.publicKey])
      expect(refused.code).toBe(1)
      expect(refused.err).toMatch(
        /^The node is not a casper-multisig devnet\n {2}node: http:\/\/127\.0\.0\.1:\d+\/rpc\n {2}answer: -32601 Method not found\nRemedy: /,
      )
    } finally {
      server.close()
    }
  })
})
