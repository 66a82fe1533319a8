// getChainspec reads info_get_chainspec once per client and parses the node's chainspec.toml.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, test } from 'vitest'
import { ChainspecError } from '../../src/chainspec/ChainspecError.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { createRpc } from '../../src/rpc/createRpc.js'
import { getChainspec } from '../../src/rpc/getChainspec.js'
import { MalformedResponseError } from '../../src/rpc/RpcError.js'
import { type LoopbackNode, startLoopbackNode } from './loopbackNode.js'

const toml = readFileSync(
  new URL('../chainspec/fixtures/mainnet-2.2.0.chainspec.toml', import.meta.url),
  'utf8',
)
// The result shape of casper-sidecar's OpenRPC example (`info_get_chainspec_example`), with the real file.
const answer = (hex: string) => ({
  result: {
    api_version: '2.0.0',
    chainspec_bytes: {
      chainspec_bytes: hex,
      maybe_genesis_accounts_bytes: null,
      maybe_global_state_bytes: null,
    },
  },
})

let node: LoopbackNode | undefined
afterEach(async () => {
  await node?.close()
  node = undefined
})

describe('getChainspec', () => {
  test("parses the node's chainspec bytes, asking once per client", async () => {
    node = await startLoopbackNode(() => answer(bytesToHex(new TextEncoder().encode(toml))))
    const rpc = createRpc(node.url)
    expect(await getChainspec(rpc)).toEqual(casperMainnet)
    await getChainspec(rpc)
    expect(node.callsOf('info_get_chainspec')).toHaveLength(1)
    await getChainspec(rpc, { refresh: true })
    expect(node.callsOf('info_get_chainspec')).toHaveLength(2)
    await getChainspec(createRpc(node.url))
    expect(node.callsOf('info_get_chainspec')).toHaveLength(3)
  })
  test('a malformed answer is a MalformedResponseError and is not cached', async () => {
    node = await startLoopbackNode((_, nth) =>
      nth === 0 ? { result: { api_version: '2.0.0' } } : answer(bytesToHex(new TextEncoder().encode(toml))),
    )
    const rpc = createRpc(node.url)
    await expect(getChainspec(rpc)).rejects.toBeInstanceOf(MalformedResponseError)
    expect((await getChainspec(rpc)).protocolVersion).toBe('2.2.0')
  })
  test('bytes that are not a chainspec are a ChainspecError', async () => {
    node = await startLoopbackNode(() => answer('2a2a'))
    await expect(getChainspec(createRpc(node.url))).rejects.toBeInstanceOf(ChainspecError)
  })
})
