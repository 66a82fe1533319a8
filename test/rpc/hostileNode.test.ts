// A node that lies or floods: another deploy's result, an oversized answer, impossible key counts.
import { afterEach, describe, expect, test } from 'vitest'
import { awaitResult } from '../../src/rpc/awaitResult.js'
import { createRpc } from '../../src/rpc/createRpc.js'
import { getAccountConfig } from '../../src/rpc/getAccountConfig.js'
import { MalformedResponseError, ResponseTooLargeError } from '../../src/rpc/RpcError.js'
import { type CannedAnswer, fixture, type LoopbackNode, startLoopbackNode } from './loopbackNode.js'

const deployHash = '5c9b3b099c1378aa8e4a5f07f59ff1fcdc69a83179427c7e67ae0377d94d93fa'
const transactionHash = 'e6bc93a30584fefced99be08c1861164b357c74e4904b5d2e7146896aaaaf843'
const publicKey = '013b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29'

let node: LoopbackNode | undefined
afterEach(async () => {
  await node?.close()
  node = undefined
})

async function serve(answer: () => CannedAnswer, options: { maxResponseBytes?: number } = {}) {
  node = await startLoopbackNode(() => answer())
  return createRpc({ url: node.url, ...options })
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  )
}

describe('awaitResult checks the answer is about the deploy asked for', () => {
  test('1.5: the schema example answers for its own hash, and is refused for any other', async () => {
    const result = fixture('info_get_deploy_1.5.8').result
    const rpc = await serve(() => ({ result }))
    await expect(awaitResult(rpc, deployHash, { timeoutMs: 5_000 })).resolves.toMatchObject({ ok: true })
    const other = 'ab'.repeat(32)
    const error = await rejection(awaitResult(rpc, other, { timeoutMs: 5_000 }))
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect(error).toMatchObject({ code: 'MalformedResponse', field: 'result.deploy.hash' })
  })

  test('2.0 transaction: another transaction’s success is refused', async () => {
    const result = fixture('info_get_transaction_2.0.0').result
    const rpc = await serve(() => ({ result }))
    await expect(
      awaitResult(rpc, transactionHash, { timeoutMs: 5_000, kind: 'transaction' }),
    ).resolves.toMatchObject({ ok: true })
    const error = await rejection(
      awaitResult(rpc, 'cd'.repeat(32), { timeoutMs: 5_000, kind: 'transaction' }),
    )
    expect(error).toMatchObject({ code: 'MalformedResponse', field: 'result.transaction.Version1.hash' })
  })
})

describe('size and count caps', () => {
  test('an answer over maxResponseBytes is refused with ResponseTooLarge', async () => {
    const huge = { result: { padding: 'x'.repeat(200_000) } }
    const rpc = await serve(() => huge, { maxResponseBytes: 100_000 })
    const error = await rejection(rpc.request('info_get_status', undefined))
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    expect(error).toMatchObject({ code: 'ResponseTooLarge', maxResponseBytes: 100_000 })
    // The same answer under the default cap (16 MiB) is read.
    const roomy = await serve(() => huge)
    await expect(roomy.request('info_get_status', undefined)).resolves.toEqual(huge.result)
  })

  test('100,000 associated keys are refused as malformed before they are read', async () => {
    const result = fixture('state_get_account_info_1.5.8').result as {
      account: { associated_keys: unknown[] }
    }
    const key = result.account.associated_keys[0]
    result.account.associated_keys = Array.from({ length: 100_000 }, () => key)
    const rpc = await serve(() => ({ result }))
    const error = await rejection(getAccountConfig(rpc, publicKey, { protocol: '1.5' }))
    expect(error).toMatchObject({
      code: 'MalformedResponse',
      field: 'result.account.associated_keys',
      expected: 'at most 100 associated keys (max_associated_keys)',
    })
  })
})
