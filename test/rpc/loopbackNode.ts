// A tiny JSON-RPC server on 127.0.0.1 (port 0) answering canned responses, for the RPC client's tests.
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One received JSON-RPC request. */
export type ReceivedCall = { jsonrpc: unknown; id: unknown; method: string; params: unknown }

/**
 * What a handler answers: a result, a JSON-RPC error, a raw HTTP answer, or `'hang'` (never answers).
 * A handler may also return `undefined` to answer `-32601 Method not found`.
 */
export type CannedAnswer =
  | { result: unknown }
  | { error: { code: number; message: string; data?: unknown } }
  | { status: number; body: string }
  | { raw: unknown }
  | 'hang'
  | undefined

export type LoopbackNode = {
  url: string
  calls: ReceivedCall[]
  callsOf(method: string): ReceivedCall[]
  close(): Promise<void>
}

/** A fixture copied from the node's OpenRPC schema examples (test/rpc/fixtures). */
export type Fixture = {
  source: string
  method: string
  params: Record<string, unknown>
  result: Record<string, unknown>
}

/** Reads a fixture; each call returns a fresh copy, safe to mutate. */
export function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Fixture
}

/** Starts a server whose answers come from `handler`, called with each request and its index among calls of that method. */
export async function startLoopbackNode(
  handler: (call: ReceivedCall, nth: number) => CannedAnswer | Promise<CannedAnswer>,
): Promise<LoopbackNode> {
  const calls: ReceivedCall[] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    let text = ''
    for await (const chunk of request) text += chunk
    const call = JSON.parse(text) as ReceivedCall
    const nth = calls.filter((c) => c.method === call.method).length
    calls.push(call)
    const answer = await handler(call, nth)
    if (answer === 'hang') {
      hanging.add(response)
      return
    }
    const envelope = (body: object) => JSON.stringify({ jsonrpc: '2.0', id: call.id, ...body })
    let status = 200
    let body: string
    if (answer === undefined) body = envelope({ error: { code: -32601, message: 'Method not found' } })
    else if ('status' in answer) ({ status, body } = answer)
    else if ('raw' in answer) body = typeof answer.raw === 'string' ? answer.raw : JSON.stringify(answer.raw)
    else body = envelope(answer)
    response.writeHead(status, { 'content-type': 'application/json' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/rpc`,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
