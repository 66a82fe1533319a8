// awaitResult: polling 1.5 execution_results and 2.0 execution_info until executed; clean rejections.
import { createServer } from 'node:http'
import { afterEach, describe, expect, test } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import { awaitResult } from '../../src/rpc/awaitResult.js'
import { createRpc } from '../../src/rpc/createRpc.js'
import { ExecutionFailedError } from '../../src/rpc/ExecutionFailedError.js'
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

const deployHash = '5c9b3b099c1378aa8e4a5f07f59ff1fcdc69a83179427c7e67ae0377d94d93fa'
const transactionHash = 'e6bc93a30584fefced99be08c1861164b357c74e4904b5d2e7146896aaaaf843'
// The schema examples' signer 01d9bf21… hashes to 83b0df3b… (accountHash.test.ts).
const signer = '83b0df3b014a0942acc20c07551fa58ea20a053457a82670ce0ed5d658945dc2'
const other = 'c863d586aaf1385967d64d1408c3eef500c1df401db5203bce3d8e1113c76234'

let node: LoopbackNode | undefined
afterEach(async () => {
  await node?.close()
  node = undefined
})

async function serve(answer: (nth: number) => CannedAnswer) {
  node = await startLoopbackNode((_, nth) => answer(nth))
  return createRpc(node.url)
}

/** The 1.5 schema example, still pending (`execution_results: []`). */
function pending15() {
  const result = fixture('info_get_deploy_1.5.8').result
  return { ...result, execution_results: [] }
}

/** The 1.5 schema example turned into a failure with `error_message`. */
function failed15(errorMessage: string) {
  const result = fixture('info_get_deploy_1.5.8').result
  const [first] = result.execution_results as {
    block_hash: string
    result: { Success: Record<string, unknown> }
  }[]
  const { transfers, effect, cost } = first!.result.Success
  return {
    ...result,
    execution_results: [
      {
        block_hash: first!.block_hash,
        result: { Failure: { effect, transfers, cost, error_message: errorMessage } },
      },
    ],
  }
}

/** The 2.0 schema example with `Version2.error_message` set. */
function failed20(errorMessage: string) {
  const result = fixture('info_get_deploy_2.0.0').result
  const info = result.execution_info as { execution_result: { Version2: Record<string, unknown> } }
  info.execution_result.Version2.error_message = errorMessage
  return result
}

/** The parts of a 2.0 `info_get_deploy` result the malformed cases change. */
type Info20 = {
  execution_info: {
    block_hash: unknown
    execution_result: { Version2?: Record<string, unknown>; [version: string]: unknown }
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  )
}

describe('awaitResult on 1.5 (execution_results)', () => {
  test('polls while execution_results is empty, then returns what was charged and the block hash', async () => {
    const rpc = await serve((nth) => ({
      result: nth < 2 ? pending15() : fixture('info_get_deploy_1.5.8').result,
    }))
    const result = await awaitResult(rpc, deployHash, { timeoutMs: 5_000, pollIntervalMs: 10 })
    expect(result).toMatchObject({
      ok: true,
      hash: deployHash,
      // ExecutionResultV1: `cost` is what was charged; no limit or refund.
      charged: 123456n,
      blockHash: '13c2d7a68ecdd4b74bf4393c88915c836c863fc4bf11d7f2bd930a1bbccacdcb',
    })
    expect(result.consumed).toBeUndefined()
    expect(result.limit).toBeUndefined()
    expect(result.refund).toBeUndefined()
    expect(node!.calls).toHaveLength(3)
    expect(node!.calls[0]!).toMatchObject({ method: 'info_get_deploy', params: { deploy_hash: deployHash } })
  })

  test('NoSuchDeploy (-32000) keeps it polling; other JSON-RPC errors reject', async () => {
    const rpc = await serve((nth) =>
      nth === 0
        ? { error: { code: -32000, message: 'No such deploy' } }
        : { result: fixture('info_get_deploy_1.5.8').result },
    )
    await expect(
      awaitResult(rpc, deployHash, { timeoutMs: 5_000, pollIntervalMs: 10 }),
    ).resolves.toMatchObject({ ok: true })
    await node!.close()

    const rpc2 = await serve(() => ({ error: { code: -32602, message: 'Invalid params' } }))
    await expect(
      awaitResult(rpc2, deployHash, { timeoutMs: 5_000, pollIntervalMs: 10 }),
    ).rejects.toMatchObject({
      constructor: JsonRpcError,
      rpcName: 'InvalidParams',
    })
  })

  test('ThresholdViolation → ExecutionFailedError with the decoded ApiError, explained for the account', async () => {
    const account: Account = {
      accountHash: signer,
      associatedKeys: { [signer]: 2, [other]: 2 },
      actionThresholds: { deployment: 1, keyManagement: 3 },
    }
    const rpc = await serve(() => ({ result: failed15('ApiError::ThresholdViolation [25]') }))
    const error = await rejection(awaitResult(rpc, deployHash, { timeoutMs: 5_000, account }))
    expect(error).toBeInstanceOf(ExecutionFailedError)
    const failed = error as ExecutionFailedError
    expect(failed).toMatchObject({
      code: 'ExecutionFailed',
      hash: deployHash,
      errorMessage: 'ApiError::ThresholdViolation [25]',
      kind: 'ApiError',
      apiError: { code: 25, name: 'ThresholdViolation', message: 'ApiError::ThresholdViolation [25]' },
      charged: 123456n,
      blockHash: '13c2d7a68ecdd4b74bf4393c88915c836c863fc4bf11d7f2bd930a1bbccacdcb',
    })
    expect(failed.explanation).toContain('below the key-management threshold 3')
    expect(failed.explanation).toContain('they would hold 2')
  })
})

describe('awaitResult on 2.0 (execution_info)', () => {
  test('polls while execution_info is null, then returns charged = cost − refund, consumed, limit, refund', async () => {
    const pending = { ...fixture('info_get_deploy_2.0.0').result, execution_info: null }
    const rpc = await serve((nth) => ({
      result: nth === 0 ? pending : fixture('info_get_deploy_2.0.0').result,
    }))
    await expect(
      awaitResult(rpc, deployHash, { timeoutMs: 5_000, pollIntervalMs: 10 }),
    ).resolves.toMatchObject({
      ok: true,
      // The released example: limit 123456 at current_price 2 → cost 246912 (gross), refund 146912.
      charged: 100000n,
      consumed: 100000n,
      limit: 123456n,
      refund: 146912n,
      blockHash: '1f8187a82bd4b28948add6f8c0ea15a8aac6160088dbc281499fdcf2f0d95a79',
    })
  })

  test('a transaction polls info_get_transaction with { Version1: hash }', async () => {
    const rpc = await serve(() => ({ result: fixture('info_get_transaction_2.0.0').result }))
    await expect(
      awaitResult(rpc, transactionHash, { timeoutMs: 5_000, kind: 'transaction' }),
    ).resolves.toMatchObject({
      charged: 100000n,
      refund: 146912n,
    })
    expect(node!.calls[0]).toMatchObject({
      method: 'info_get_transaction',
      params: { transaction_hash: { Version1: transactionHash } },
    })
  })

  test('PermissionDenied → weights of the signers the node reports against the account', async () => {
    const account: Account = {
      accountHash: signer,
      associatedKeys: { [signer]: 1, [other]: 1 },
      actionThresholds: { deployment: 1, keyManagement: 2 },
    }
    const rpc = await serve(() => ({ result: failed20('ApiError::PermissionDenied [23]') }))
    const error = (await rejection(
      awaitResult(rpc, deployHash, { timeoutMs: 5_000, account }),
    )) as ExecutionFailedError
    expect(error.apiError?.name).toBe('PermissionDenied')
    expect(error.explanation).toBe('the signers held weight 1, key management needs 2')
    expect(error.remedy).toContain(`account-hash-${other} (weight 1)`)
  })

  test('a Version1 result inside execution_info (pre-upgrade block) is read too', async () => {
    const result = fixture('info_get_deploy_2.0.0').result
    ;(result.execution_info as Record<string, unknown>).execution_result = {
      Version1: { Failure: { effect: {}, transfers: [], cost: '7', error_message: 'Out of gas error' } },
    }
    const rpc = await serve(() => ({ result }))
    await expect(awaitResult(rpc, deployHash, { timeoutMs: 5_000 })).rejects.toMatchObject({
      kind: 'OutOfGas',
      charged: 7n,
      limit: undefined,
      refund: undefined,
    })
  })

  test.each([
    [
      'cost as a number',
      (r: Info20) => (r.execution_info.execution_result.Version2!.cost = 5),
      'result.execution_info.execution_result.Version2.cost',
    ],
    [
      'refund as a number',
      (r: Info20) => (r.execution_info.execution_result.Version2!.refund = 5),
      'result.execution_info.execution_result.Version2.refund',
    ],
    [
      'a refund above the cost',
      (r: Info20) => (r.execution_info.execution_result.Version2!.refund = '246913'),
      'result.execution_info.execution_result.Version2.refund',
    ],
    [
      'an unknown version',
      (r: Info20) => (r.execution_info.execution_result = { Version3: {} }),
      'result.execution_info.execution_result',
    ],
    [
      'a short block hash',
      (r: Info20) => (r.execution_info.block_hash = 'abcd'),
      'result.execution_info.block_hash',
    ],
    [
      'error_message as a number',
      (r: Info20) => (r.execution_info.execution_result.Version2!.error_message = 25),
      'result.execution_info.execution_result.Version2.error_message',
    ],
    [
      'neither execution_info nor execution_results',
      (r: Info20) => delete (r as Partial<Info20>).execution_info,
      'result.execution_results',
    ],
  ])('%s → MalformedResponse naming %s', async (_, mutate, field) => {
    const result = fixture('info_get_deploy_2.0.0').result
    mutate(result as unknown as Info20)
    const rpc = await serve(() => ({ result }))
    const error = await rejection(awaitResult(rpc, deployHash, { timeoutMs: 5_000 }))
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect(error).toMatchObject({ field })
  })
})

describe('awaitResult stops cleanly', () => {
  test('still pending at timeoutMs → TimeoutError, within the limit', async () => {
    const rpc = await serve(() => ({ result: pending15() }))
    const started = performance.now()
    const error = await rejection(awaitResult(rpc, deployHash, { timeoutMs: 300, pollIntervalMs: 20 }))
    const elapsed = performance.now() - started
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ code: 'Timeout', timeoutMs: 300, scope: 'deadline' })
    // Every poll was answered (pending): no transport error to blame.
    expect((error as Error).cause).toBeUndefined()
    expect((error as Error).message.replace(node!.url, '<url>')).toMatchInlineSnapshot(`
      "No execution of 5c9b3b099c1378aa8e4a5f07f59ff1fcdc69a83179427c7e67ae0377d94d93fa within the overall deadline of 300 ms
        url: <url>
        method: info_get_deploy
        timeoutMs: 300
        scope: deadline
      Remedy: Raise timeoutMs, or check that the node is synced and reachable."
    `)
    expect(elapsed).toBeLessThan(1_500)
    // No timer keeps polling after the rejection: polling every 20 ms would make about 5 calls in
    // 100 ms. The poll the deadline cut short may still reach the node after the rejection (its
    // request was written before the abort), so one late arrival is allowed.
    const calls = node!.calls.length
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(node!.calls.length - calls).toBeLessThanOrEqual(1)
  })

  test('a node that never answers → TimeoutError at the overall limit', async () => {
    const rpc = await serve(() => 'hang')
    const started = performance.now()
    await expect(awaitResult(rpc, deployHash, { timeoutMs: 200 })).rejects.toBeInstanceOf(TimeoutError)
    expect(performance.now() - started).toBeLessThan(1_500)
  })

  test('AbortSignal → AbortedError, while sleeping or while a call is in flight', async () => {
    const rpc = await serve(() => ({ result: pending15() }))
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 60)
    await expect(
      awaitResult(rpc, deployHash, { timeoutMs: 5_000, pollIntervalMs: 20, signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortedError)
    await node!.close()

    const rpc2 = await serve(() => 'hang')
    const controller2 = new AbortController()
    setTimeout(() => controller2.abort(), 60)
    await expect(
      awaitResult(rpc2, deployHash, { timeoutMs: 5_000, signal: controller2.signal }),
    ).rejects.toMatchObject({
      code: 'Aborted',
    })
    await expect(
      awaitResult(rpc2, deployHash, { timeoutMs: 5_000, signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(AbortedError)
  })
})

describe('awaitResult polls through transient failures', () => {
  test('a node that is unreachable for the first polls, then answers', async () => {
    const port = await closedPort()
    let attempts = 0
    const rpc = createRpc({
      url: `http://127.0.0.1:${port}/rpc`,
      fetch: (input, init) => {
        attempts++
        return fetch(input, init)
      },
    })
    // The node comes up once three polls have been refused (ECONNREFUSED).
    const server = createServer(async (request, response) => {
      let text = ''
      for await (const chunk of request) text += chunk
      const { id } = JSON.parse(text) as { id: number }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', id, result: fixture('info_get_deploy_1.5.8').result }))
    })
    const waiting = awaitResult(rpc, deployHash, { timeoutMs: 5_000, pollIntervalMs: 10 })
    try {
      await expect.poll(() => attempts, { interval: 5 }).toBeGreaterThanOrEqual(3)
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
      await expect(waiting).resolves.toMatchObject({ ok: true, charged: 123456n })
      expect(attempts).toBeGreaterThanOrEqual(4)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  test('HTTP 503 from a proxy, then success', async () => {
    const rpc = await serve((nth) =>
      nth < 2
        ? { status: 503, body: 'Service Unavailable' }
        : { result: fixture('info_get_deploy_1.5.8').result },
    )
    await expect(
      awaitResult(rpc, deployHash, { timeoutMs: 5_000, pollIntervalMs: 10 }),
    ).resolves.toMatchObject({ ok: true, charged: 123456n })
    expect(node!.calls).toHaveLength(3)
  })

  test("one call's own time limit is transient; each call gets min(rpc.timeoutMs, time left)", async () => {
    node = await startLoopbackNode((_, nth) =>
      nth === 0 ? 'hang' : { result: fixture('info_get_deploy_1.5.8').result },
    )
    const rpc = createRpc({ url: node.url, timeoutMs: 50 })
    const limits: (number | undefined)[] = []
    const spy = {
      ...rpc,
      request: ((method, params, options) => {
        limits.push(options?.timeoutMs)
        return rpc.request(method, params, options)
      }) as typeof rpc.request,
    }
    await expect(
      awaitResult(spy, deployHash, { timeoutMs: 5_000, pollIntervalMs: 10 }),
    ).resolves.toMatchObject({ ok: true })
    expect(limits).toEqual([50, 50])

    // With less time left than the client's limit, the call gets the time left.
    const slow = { ...spy, timeoutMs: 30_000 }
    limits.length = 0
    await awaitResult(slow, deployHash, { timeoutMs: 1_000 })
    expect(limits).toHaveLength(1)
    expect(limits[0]).toBeGreaterThan(900)
    expect(limits[0]).toBeLessThanOrEqual(1_000)
  })

  test('the deadline keeps the last transport error as cause and says it was the overall deadline', async () => {
    const rpc = await serve(() => ({ status: 502, body: 'Bad Gateway' }))
    const started = performance.now()
    const error = await rejection(awaitResult(rpc, deployHash, { timeoutMs: 200, pollIntervalMs: 10 }))
    expect(performance.now() - started).toBeLessThan(1_500)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ code: 'Timeout', scope: 'deadline', timeoutMs: 200 })
    const cause = (error as TimeoutError).cause
    expect(cause).toBeInstanceOf(HttpError)
    expect(cause).toMatchObject({ status: 502 })
    expect((error as Error).message.replace(node!.url, '<url>')).toMatchInlineSnapshot(`
      "No execution of 5c9b3b099c1378aa8e4a5f07f59ff1fcdc69a83179427c7e67ae0377d94d93fa within the overall deadline of 200 ms
        url: <url>
        method: info_get_deploy
        timeoutMs: 200
        scope: deadline
        lastError: HTTP 502 from the node
      Remedy: The node failed on the last poll (see cause): check that it is up and reachable, then wait again with the same hash."
    `)
    // Backoff: the failures in a row were not polled every 10 ms.
    expect(node!.calls.length).toBeLessThan(10)
  })

  test('the last error is Unreachable when the node is gone at the deadline', async () => {
    const rpc = createRpc(`http://127.0.0.1:${await closedPort()}/rpc`)
    const error = await rejection(awaitResult(rpc, deployHash, { timeoutMs: 150, pollIntervalMs: 10 }))
    expect(error).toMatchObject({
      scope: 'deadline',
      cause: { constructor: UnreachableError, reason: 'ECONNREFUSED' },
    })
  })

  test('a per-call TimeoutError says scope call; 4xx (not 429) is an answer, not retried', async () => {
    const hanging = await serve(() => 'hang')
    const perCall = await rejection(
      hanging.request('info_get_deploy', { deploy_hash: deployHash }, { timeoutMs: 20 }),
    )
    expect(perCall).toMatchObject({ constructor: TimeoutError, scope: 'call' })
    expect((perCall as Error).message.split('\n')[0]).toMatchInlineSnapshot(`"No answer within 20 ms"`)
    await node!.close()

    const rpc = await serve(() => ({ status: 404, body: 'Not Found' }))
    await expect(
      awaitResult(rpc, deployHash, { timeoutMs: 5_000, pollIntervalMs: 10 }),
    ).rejects.toMatchObject({ constructor: HttpError, status: 404 })
    expect(node!.calls).toHaveLength(1)
  })
})
