// The devnet's HTTP layer: aborted requests, the body limit of casper-node's RPC server, UTF-8 bodies.
import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, test } from 'vitest'
import { type Devnet, devnetMaxBodyBytes, startDevnet } from '../../src/devnet/startDevnet.js'
import { alice, call, twoPartyDeploy } from './devnetKit.js'

let devnet: Devnet | undefined
afterEach(async () => {
  await devnet?.stop()
  devnet = undefined
})

type Answer = { status: number; body: string }

/**
 * POSTs to the devnet with node:http, writing the body in the given parts with a pause between
 * them (each part reaches the server as its own chunk). `declaredLength` overrides Content-Length;
 * `null` sends the body chunked.
 */
function post(port: number, parts: readonly Buffer[], declaredLength?: number | null): Promise<Answer> {
  const total = parts.reduce((n, p) => n + p.length, 0)
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json' }
    if (declaredLength !== null) headers['content-length'] = declaredLength ?? total
    const req = httpRequest({ host: '127.0.0.1', port, path: '/rpc', method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      )
    })
    req.on('error', reject)
    req.flushHeaders()
    const write = async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, 30))
        req.write(part)
      }
      req.end()
    }
    void write()
  })
}

describe('a client that goes away (the process must survive)', () => {
  test('aborted mid-body, the devnet keeps answering and reports nothing', async () => {
    const errors: unknown[] = []
    devnet = await startDevnet({ blockIntervalMs: 50, onError: (e) => errors.push(e) })
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: devnet!.port,
        path: '/rpc',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': 100_000 },
      })
      req.on('error', () => resolve())
      req.write('{"jsonrpc":"2.0","id":1,')
      setTimeout(() => req.destroy(), 30)
    })
    await new Promise((r) => setTimeout(r, 50))
    const status = await call(devnet.url, 'info_get_status')
    expect(status.result.chainspec_name).toBe('casper-devnet')
    expect(errors).toEqual([])
  })
})

describe('body limit: casper-node rpc_server max_body_bytes 2_621_440 (casper-json-rpc filters.rs)', () => {
  test('a declared Content-Length over the limit → HTTP 413 with the node message, body unread', async () => {
    devnet = await startDevnet({ blockIntervalMs: 1_000 })
    expect(devnetMaxBodyBytes).toBe(2_621_440)
    const answer = await post(devnet.port, [Buffer.from('{}')], 2_621_441)
    expect(answer).toMatchInlineSnapshot(`
      {
        "body": "{"message":"The request payload exceeds the maximum allowed of 2621440 bytes"}",
        "status": 413,
      }
    `)
    // The devnet still serves.
    expect((await call(devnet.url, 'info_get_status')).result).toBeDefined()
  })

  test('a chunked body that grows over the limit → 413; exactly the limit is read', async () => {
    devnet = await startDevnet({ blockIntervalMs: 1_000 })
    const envelope = (pad: number) =>
      Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'info_get_status', pad: 'a'.repeat(pad) }))
    const overhead = envelope(0).length
    const atLimit = envelope(devnetMaxBodyBytes - overhead)
    expect(atLimit.length).toBe(devnetMaxBodyBytes)
    const read = await post(devnet.port, [atLimit.subarray(0, 1_000_000), atLimit.subarray(1_000_000)], null)
    expect(read.status).toBe(200)
    expect(JSON.parse(read.body)).toMatchObject({ id: 7, result: { chainspec_name: 'casper-devnet' } })

    const over = envelope(devnetMaxBodyBytes - overhead + 1)
    const refused = await post(devnet.port, [over.subarray(0, 1_000_000), over.subarray(1_000_000)], null)
    expect(refused.status).toBe(413)
  })
})

describe('UTF-8 bodies are decoded once, from all their bytes', () => {
  test('a chain name whose "é" is split between two chunks: the deploy hashes and is accepted', async () => {
    devnet = await startDevnet({
      chainName: 'casper-dévnet',
      blockIntervalMs: 1_000,
      accounts: [{ publicKey: alice.publicKey }],
    })
    const deploy = await twoPartyDeploy(devnet.chainName)
    const body = Buffer.from(
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'account_put_deploy', params: { deploy } }),
    )
    const e = Buffer.from('é')
    expect(e).toHaveLength(2)
    const split = body.indexOf(e) + 1
    const answer = await post(devnet.port, [body.subarray(0, split), body.subarray(split)])
    expect(JSON.parse(answer.body)).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { api_version: '2.0.0', deploy_hash: deploy.hash },
    })
    expect(devnet.state.items[deploy.hash]?.json).toMatchObject({ header: { chain_name: 'casper-dévnet' } })
  })
})
