// The low-level caller: envelope checks and every transport failure as a typed error.
import { afterEach, describe, expect, test } from 'vitest'
import { createRpc } from '../../src/rpc/createRpc.js'
import {
  AbortedError,
  HttpError,
  JsonRpcError,
  MalformedResponseError,
  TimeoutError,
  UnreachableError,
} from '../../src/rpc/RpcError.js'
import {
  type CannedAnswer,
  closedPort,
  fixture,
  type LoopbackNode,
  startLoopbackNode,
} from './loopbackNode.js'

let node: LoopbackNode | undefined
afterEach(async () => {
  await node?.close()
  node = undefined
})

async function serve(answer: CannedAnswer | ((call: { id: unknown }) => CannedAnswer)) {
  node = await startLoopbackNode((call) => (typeof answer === 'function' ? answer(call) : answer))
  return createRpc({ url: node.url, timeoutMs: 2_000 })
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  )
}

describe('createRpc', () => {
  test('posts a JSON-RPC 2.0 request with named params and returns the result', async () => {
    const status = fixture('info_get_status_2.0.0')
    const rpc = await serve({ result: status.result })
    await expect(rpc.request('info_get_status', undefined)).resolves.toEqual(status.result)
    const params = { account_identifier: 'account-hash-'.padEnd(77, 'a') }
    await rpc.request('state_get_account_info', params)
    expect(node!.calls[0]).toEqual({ jsonrpc: '2.0', id: 1, method: 'info_get_status' })
    expect(node!.calls[1]).toEqual({ jsonrpc: '2.0', id: 2, method: 'state_get_account_info', params })
  })

  test('HTTP 500 → HttpError with status and body', async () => {
    const rpc = await serve({ status: 500, body: 'upstream exploded' })
    const error = await rejection(rpc.request('info_get_status', undefined))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({
      code: 'HttpError',
      status: 500,
      body: 'upstream exploded',
      method: 'info_get_status',
    })
  })

  test('JSON-RPC error → JsonRpcError with the code, its name, message and data', async () => {
    const rpc = await serve({
      error: {
        code: -32008,
        message: 'Invalid Deploy',
        data: 'invalid deploy: the approval at index 0 is invalid',
      },
    })
    const error = await rejection(rpc.request('account_put_deploy', { deploy: {} }))
    expect(error).toBeInstanceOf(JsonRpcError)
    expect(error).toMatchObject({
      code: 'JsonRpcError',
      rpcCode: -32008,
      rpcName: 'InvalidDeploy',
      rpcMessage: 'Invalid Deploy',
      data: 'invalid deploy: the approval at index 0 is invalid',
    })
    expect((error as Error).message.split('\n')[0]).toMatchInlineSnapshot(
      `"The node returned JSON-RPC error -32008 (InvalidDeploy)"`,
    )
  })

  test('unknown JSON-RPC codes keep their number and have no name', async () => {
    const rpc = await serve({ error: { code: -31999, message: 'custom' } })
    const error = await rejection(rpc.request('info_get_status', undefined))
    expect(error).toMatchObject({ rpcCode: -31999, rpcName: undefined, rpcMessage: 'custom' })
  })

  test.each([
    ['a body that is not JSON', { raw: '<html>502</html>' }, '(body)'],
    ['a JSON array', { raw: [] }, '(body)'],
    ['no jsonrpc field', { raw: { id: 1, result: {} } }, 'jsonrpc'],
    ['another id', { raw: { jsonrpc: '2.0', id: 99, result: {} } }, 'id'],
    ['neither result nor error', { raw: { jsonrpc: '2.0', id: 1 } }, 'result'],
    ['an error without a code', { raw: { jsonrpc: '2.0', id: 1, error: { message: 'x' } } }, 'error.code'],
    [
      'an error with a numeric message',
      { raw: { jsonrpc: '2.0', id: 1, error: { code: 1, message: 2 } } },
      'error.message',
    ],
  ] as const)('%s → MalformedResponseError naming %s', async (_, answer, field) => {
    const rpc = await serve(answer)
    const error = await rejection(rpc.request('info_get_status', undefined))
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect(error).toMatchObject({ code: 'MalformedResponse', field })
  })

  test('a server that never answers → TimeoutError within the limit', async () => {
    const rpc = await serve('hang')
    const started = performance.now()
    const error = await rejection(rpc.request('info_get_status', undefined, { timeoutMs: 200 }))
    const elapsed = performance.now() - started
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ code: 'Timeout', timeoutMs: 200 })
    expect(elapsed).toBeGreaterThanOrEqual(190)
    expect(elapsed).toBeLessThan(1_500)
  })

  test('a custom fetch that ignores the signal still times out', async () => {
    const rpc = createRpc({
      url: 'http://127.0.0.1:1/rpc',
      fetch: () => new Promise(() => {}),
      timeoutMs: 100,
    })
    await expect(rpc.request('info_get_status', undefined)).rejects.toBeInstanceOf(TimeoutError)
  })

  test('AbortSignal → AbortedError, before or during the call', async () => {
    const rpc = await serve('hang')
    const controller = new AbortController()
    const pending = rpc.request('info_get_status', undefined, { signal: controller.signal })
    setTimeout(() => controller.abort(new Error('user left')), 50)
    const error = await rejection(pending)
    expect(error).toBeInstanceOf(AbortedError)
    expect(error).toMatchObject({ code: 'Aborted' })
    expect((error as AbortedError).reason).toEqual(new Error('user left'))

    const calls = node!.calls.length
    await expect(
      rpc.request('info_get_status', undefined, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(AbortedError)
    expect(node!.calls.length).toBe(calls)
  })

  test('a closed port on 127.0.0.1 → UnreachableError with the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/rpc`
    const error = await rejection(createRpc(url).request('info_get_status', undefined))
    expect(error).toBeInstanceOf(UnreachableError)
    expect(error).toMatchObject({ code: 'Unreachable', url, reason: 'ECONNREFUSED' })
    expect((error as Error).message).toContain(url)
  })

  describe('an address with a password or token', () => {
    const secret = /s3cret|tok3nvalue|fr4gment/
    /** Everything a program or a person sees of an error, its causes included. */
    const shown = (error: unknown): string => {
      const parts: string[] = []
      for (let e = error, depth = 0; e && depth < 6; depth++) {
        parts.push(String((e as Error).message), JSON.stringify(e), String((e as Error).stack))
        e = (e as { cause?: unknown }).cause
      }
      return parts.join('\n')
    }

    test('sends the userinfo as Basic authorization and the query as given; errors show neither', async () => {
      node = await startLoopbackNode(() => ({ error: { code: -32009, message: 'No such account' } }))
      const base = new URL(node.url)
      const url = `http://alice:s3cret@${base.host}/rpc?token=tok3nvalue#fr4gment`
      const seen: { url: string; headers: Record<string, string> }[] = []
      const rpc = createRpc({
        url,
        fetch: (input, init) => {
          seen.push({ url: String(input), headers: init?.headers as Record<string, string> })
          return fetch(node!.url, init)
        },
      })
      const error = await rejection(rpc.request('info_get_status', undefined))
      expect(seen[0]!.url).toBe(`http://${base.host}/rpc?token=tok3nvalue#fr4gment`)
      expect(seen[0]!.headers.authorization).toBe(`Basic ${btoa('alice:s3cret')}`)
      expect(error).toBeInstanceOf(JsonRpcError)
      expect(error).toMatchObject({ url: `http://***@${base.host}/rpc?token=***#***` })
      expect(shown(error)).not.toMatch(secret)
      // The caller's own Authorization header is kept, whatever its case.
      const own = createRpc({
        url,
        headers: { Authorization: 'Bearer mine' },
        fetch: (input, init) => {
          seen.push({ url: String(input), headers: init?.headers as Record<string, string> })
          return fetch(node!.url, init)
        },
      })
      await rejection(own.request('info_get_status', undefined))
      expect(seen[1]!.headers).toMatchObject({ Authorization: 'Bearer mine' })
      expect(seen[1]!.headers).not.toHaveProperty('authorization')
    })

    test('an unreachable node, a runtime error quoting the URL, an HTTP body echoing it: redacted', async () => {
      const url = `http://alice:s3cret@127.0.0.1:${await closedPort()}/rpc?token=tok3nvalue`
      const unreachable = await rejection(createRpc(url).request('info_get_status', undefined))
      expect(unreachable).toBeInstanceOf(UnreachableError)
      expect((unreachable as Error).message).toContain('Cannot reach http://***@127.0.0.1:')
      expect(shown(unreachable)).not.toMatch(secret)

      const quoting = createRpc({
        url,
        fetch: () =>
          Promise.reject(new TypeError(`Failed to parse URL from ${url}`, { cause: new Error(url) })),
      })
      const parse = await rejection(quoting.request('info_get_status', undefined))
      expect(parse).toBeInstanceOf(UnreachableError)
      expect(((parse as Error).cause as Error).message).toBe(
        `Failed to parse URL from ${url.replace('alice:s3cret', '***').replace('tok3nvalue', '***')}`,
      )
      expect(shown(parse)).not.toMatch(secret)

      const echoing = createRpc({
        url,
        fetch: async () => new Response(`401 Unauthorized for ${url}`, { status: 401 }),
      })
      const http = await rejection(echoing.request('info_get_status', undefined))
      expect(http).toBeInstanceOf(HttpError)
      expect((http as HttpError).body).toContain('401 Unauthorized for http://***@127.0.0.1:')
      expect(shown(http)).not.toMatch(secret)
    })
  })
})
