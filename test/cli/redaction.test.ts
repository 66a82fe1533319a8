// A node address's password and token never reach what the CLI prints: errors, lines, --json.
// The request still carries them (the userinfo as HTTP Basic authorization).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { cli, closedPort, type Run, writeKey } from './cliKit.js'

let dir: string
let devnet: Devnet
let deployFile: string
let erin: ReturnType<typeof writeKey>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-redaction-'))
  erin = writeKey(dir, 'erin')
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50, chainName: 'casper-test' })
  deployFile = join(dir, 'deploy.json')
  writeFileSync(
    deployFile,
    JSON.stringify(
      (await import('../vectors.js')).vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json'),
    ),
  )
})

afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/**
 * Nothing of the secrets: the password, the user, the token (outside hex runs: a hash may hold
 * `abc`), the fragment.
 */
function expectRedacted(result: Run): void {
  const text = `${result.out}\n${result.err}`
  expect(text).not.toMatch(/s3cret|alice|token=abc|fr4g/)
  expect(text.replace(/[0-9a-f]{6,}/gi, '')).not.toContain('abc')
  expect(text).not.toMatch(/^\s+at /m)
}

/** Each command that talks to a node, with `node` as its address (flag and environment). */
function commands(node: string): string[][] {
  return [
    ['account', '--node', node, '--account', erin.publicKey],
    ['account', '--node', node, '--account', erin.publicKey, '--json'],
    ['status', deployFile, '--node', node],
    ['status', deployFile, '--node', node, '--json'],
    ['describe', deployFile, '--node', node, '--json'],
    ['sign', deployFile, '--key', erin.path, '--node', node, '-o', join(dir, 'out.json')],
    ['send', deployFile, '--node', node, '--json'],
    ['wait', deployFile, '--node', node, '--timeout', '1', '--json'],
    ['fund', '--node', node, '--public-key', erin.publicKey, '--json'],
  ]
}

describe('a --node with a password and a token', () => {
  test('unreachable: every command fails without showing them', async () => {
    const node = `http://alice:s3cret@127.0.0.1:${await closedPort()}/rpc?token=abc#fr4g`
    for (const args of commands(node)) {
      const result = await cli(args)
      expect(result.code, args.join(' ')).toBe(1)
      expectRedacted(result)
      expect(result.err, args.join(' ')).toMatch(/http:\/\/\*\*\*@127\.0\.0\.1:\d+\/rpc\?token=\*\*\*#\*\*\*/)
    }
    // The same from CASPER_NODE_ADDRESS.
    const fromEnv = await cli(['account', '--account', erin.publicKey], {
      env: { CASPER_NODE_ADDRESS: node },
    })
    expect(fromEnv.code).toBe(1)
    expectRedacted(fromEnv)
  })

  test('a node that answers with errors (the devnet): the failure shows the address redacted', async () => {
    // The devnet serves /rpc only: the query makes it answer 404, a fragment is never sent.
    const port = new URL(devnet.url).port
    const withQuery = `http://alice:s3cret@127.0.0.1:${port}/rpc?token=abc`
    for (const args of commands(withQuery).filter((_, i) => [1, 3, 5].includes(i))) {
      const result = await cli(args)
      expect(result.code, args.join(' ')).toBe(1)
      expectRedacted(result)
    }
    // Reached, and refused on the merits: an account the devnet does not hold.
    const reached = await cli([
      'status',
      deployFile,
      '--node',
      `http://alice:s3cret@127.0.0.1:${port}/rpc#fr4g`,
    ])
    expect(reached.code).toBe(1)
    expect(reached.err).toMatch(/NoSuchAccount|No account/)
    expect(reached.err).toContain(`http://***@127.0.0.1:${port}/rpc#***`)
    expectRedacted(reached)
  })

  test('an invalid address is refused without echoing its secrets', async () => {
    const result = await cli([
      'account',
      '--node',
      'ftp://alice:s3cret@host/rpc?token=abc',
      '--account',
      erin.publicKey,
    ])
    expect(result.code).toBe(2)
    expect(result.err).toContain('got: ftp://***@host/rpc?token=***')
    expectRedacted(result)
  })

  test('the request carries the credentials: the userinfo as Basic authorization, the query as given', async () => {
    const seen: { url: string | undefined; headers: IncomingHttpHeaders }[] = []
    const server = createServer((request, response) => {
      seen.push({ url: request.url, headers: request.headers })
      request.resume()
      response.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized')
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    try {
      const { port } = server.address() as AddressInfo
      const result = await cli([
        'account',
        '--node',
        `http://alice:s3cret@127.0.0.1:${port}/rpc?token=abc`,
        '--account',
        erin.publicKey,
        '--json',
      ])
      expect(result.code).toBe(1)
      expect(result.err).toContain('HTTP 401')
      expectRedacted(result)
      expect(seen[0]!.url).toBe('/rpc?token=abc')
      expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`)
    } finally {
      await new Promise<void>((done) => server.close(() => done()))
    }
  })
})
