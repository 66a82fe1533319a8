// getProtocol and getAccountConfig against the node's own OpenRPC examples, and malformed variants of them.
import { afterEach, describe, expect, test } from 'vitest'
import { createRpc } from '../../src/rpc/createRpc.js'
import { getAccountConfig } from '../../src/rpc/getAccountConfig.js'
import { getProtocol } from '../../src/rpc/getProtocol.js'
import { JsonRpcError, MalformedResponseError } from '../../src/rpc/RpcError.js'
import {
  type CannedAnswer,
  fixture,
  type LoopbackNode,
  type ReceivedCall,
  startLoopbackNode,
} from './loopbackNode.js'

// The schema examples' account: public key 013b6a27… hashes to e94daaff… (checked below).
const publicKey = '013b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29'
const accountHash = 'e94daaff79c2ab8d9c31d9c3058d7d0a0dd31204a5638dc1451fa67b2e3fb88c'

let node: LoopbackNode | undefined
afterEach(async () => {
  await node?.close()
  node = undefined
})

async function serve(answers: Record<string, unknown>) {
  node = await startLoopbackNode((call: ReceivedCall): CannedAnswer => {
    const answer = answers[call.method]
    return answer === undefined ? undefined : { result: answer }
  })
  return createRpc(node.url)
}

async function malformed(promise: Promise<unknown>): Promise<MalformedResponseError> {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MalformedResponseError)
  return error as MalformedResponseError
}

describe('getProtocol', () => {
  test.each([
    ['1.5.8', '1.5'],
    ['2.0.0', '2.0'],
  ] as const)('info_get_status api_version %s → %s, with chainspec_name', async (version, protocol) => {
    const status = fixture(`info_get_status_${version}`).result
    const rpc = await serve({ info_get_status: status })
    await expect(getProtocol(rpc)).resolves.toEqual({
      protocol,
      apiVersion: version,
      chainspecName: 'casper-example',
      raw: status,
    })
  })

  test.each([
    ['absent', undefined],
    ['another major version', '3.0.0'],
    ['a number', 2],
  ])('api_version %s → MalformedResponse naming result.api_version', async (_, value) => {
    const status = { ...fixture('info_get_status_2.0.0').result, api_version: value }
    const error = await malformed(getProtocol(await serve({ info_get_status: status })))
    expect(error.field).toBe('result.api_version')
  })

  test('chainspec_name absent → MalformedResponse', async () => {
    const { chainspec_name: _, ...status } = fixture('info_get_status_1.5.8').result
    expect((await malformed(getProtocol(await serve({ info_get_status: status })))).field).toBe(
      'result.chainspec_name',
    )
  })
})

describe('getAccountConfig on 1.5 (state_get_account_info)', () => {
  test('reads the schema example into the account model, config and serialized length', async () => {
    const example = fixture('state_get_account_info_1.5.8')
    const rpc = await serve({
      info_get_status: fixture('info_get_status_1.5.8').result,
      state_get_account_info: example.result,
    })
    const got = await getAccountConfig(rpc, publicKey)
    expect(got.account).toEqual({
      accountHash,
      associatedKeys: { [accountHash]: 1 },
      actionThresholds: { deployment: 1, keyManagement: 1 },
      namedKeys: [],
    })
    expect(got.config).toEqual({
      associatedKeys: [{ accountHash, weight: 1 }],
      thresholds: { deployment: 1, keyManagement: 1 },
    })
    // casper-types Account: tag 1 + hash 32 + named keys 4 + purse 33 + keys 4 + 33 + thresholds 2.
    expect(got.serializedLength).toBe(109)
    expect(got).toMatchObject({ protocol: '1.5', kind: 'Account', raw: example.result })
    expect(node!.callsOf('state_get_account_info')[0]!.params).toEqual({ account_identifier: publicKey })
  })

  test('an account hash identifier and a block height go into the params as the schema spells them', async () => {
    const rpc = await serve({ state_get_account_info: fixture('state_get_account_info_2.0.0').result })
    const got = await getAccountConfig(rpc, `account-hash-${accountHash}`, { protocol: '1.5', block: 42 })
    expect(node!.calls.map((c) => c.method)).toEqual(['state_get_account_info'])
    expect(node!.calls[0]!.params).toEqual({
      account_identifier: `account-hash-${accountHash}`,
      block_identifier: { Height: 42 },
    })
    // The 2.0 example carries a named key: 4 + "main_purse" 10 + URef key 34 more bytes.
    expect(got.account.namedKeys).toEqual([
      {
        name: 'main_purse',
        key: 'uref-09480c3248ef76b603d386f3f4f8a5f87f597d4eaffd475433f861af187ab5db-007',
      },
    ])
    expect(got.serializedLength).toBe(109 + 4 + 10 + 34)
  })

  test('no such account → JsonRpcError -32009 NoSuchAccount', async () => {
    node = await startLoopbackNode(() => ({ error: { code: -32009, message: 'No such account' } }))
    await expect(getAccountConfig(createRpc(node.url), publicKey, { protocol: '1.5' })).rejects.toMatchObject(
      {
        constructor: JsonRpcError,
        rpcCode: -32009,
        rpcName: 'NoSuchAccount',
      },
    )
  })

  const mutations: [string, (account: Record<string, unknown>) => void, string][] = [
    ['account absent', (a) => Object.assign(a, { __delete: true }), 'result.account'],
    ['account_hash without its prefix', (a) => (a.account_hash = accountHash), 'result.account.account_hash'],
    [
      'another account',
      (a) => (a.account_hash = `account-hash-${'11'.repeat(32)}`),
      'result.account.account_hash',
    ],
    ['associated_keys not an array', (a) => (a.associated_keys = {}), 'result.account.associated_keys'],
    [
      'a key hash without its prefix',
      (a) => (a.associated_keys = [{ account_hash: accountHash, weight: 1 }]),
      'result.account.associated_keys[0].account_hash',
    ],
    [
      'weight 256',
      (a) => (a.associated_keys = [{ account_hash: `account-hash-${accountHash}`, weight: 256 }]),
      'result.account.associated_keys[0].weight',
    ],
    [
      'weight as a string',
      (a) => (a.associated_keys = [{ account_hash: `account-hash-${accountHash}`, weight: '1' }]),
      'result.account.associated_keys[0].weight',
    ],
    [
      'the same key twice',
      (a) =>
        (a.associated_keys = [
          { account_hash: `account-hash-${accountHash}`, weight: 1 },
          { account_hash: `account-hash-${accountHash}`, weight: 2 },
        ]),
      'result.account.associated_keys[1].account_hash',
    ],
    ['action_thresholds absent', (a) => delete a.action_thresholds, 'result.account.action_thresholds'],
    [
      'key_management absent',
      (a) => (a.action_thresholds = { deployment: 1 }),
      'result.account.action_thresholds.key_management',
    ],
    [
      'deployment -1',
      (a) => (a.action_thresholds = { deployment: -1, key_management: 1 }),
      'result.account.action_thresholds.deployment',
    ],
    ['named_keys absent', (a) => delete a.named_keys, 'result.account.named_keys'],
    [
      'a named key without a key',
      (a) => (a.named_keys = [{ name: 'x' }]),
      'result.account.named_keys[0].key',
    ],
    ['a named key of an unknown kind', (a) => (a.named_keys = [{ name: 'x', key: 'blob-00' }]), 'named_keys'],
  ]
  test.each(mutations)('%s → MalformedResponse naming %s', async (_, mutate, field) => {
    const result = fixture('state_get_account_info_1.5.8').result
    const account = result.account as Record<string, unknown>
    mutate(account)
    if (account.__delete) delete result.account
    const rpc = await serve({ state_get_account_info: result })
    const error = await malformed(getAccountConfig(rpc, publicKey, { protocol: '1.5' }))
    expect(error.field).toBe(field)
    expect(error.method).toBe('state_get_account_info')
  })

  test('the message says expected X, got Y', async () => {
    const result = fixture('state_get_account_info_1.5.8').result
    ;(result.account as { associated_keys: unknown }).associated_keys = [
      { account_hash: `account-hash-${accountHash}`, weight: 300 },
    ]
    const rpc = await serve({ state_get_account_info: result })
    const error = await malformed(getAccountConfig(rpc, publicKey, { protocol: '1.5' }))
    expect(error.message.replace(/127\.0\.0\.1:\d+/, 'HOST')).toMatchInlineSnapshot(`
      "Malformed response: result.account.associated_keys[0].weight
        url: http://HOST/rpc
        method: state_get_account_info
        field: result.account.associated_keys[0].weight
        expected: an integer 0..255
        got: number 300
      Remedy: The endpoint does not answer like a Casper node (casper-node / casper-sidecar OpenRPC schema): check the URL and the node version."
    `)
  })
})

describe('getAccountConfig on 2.0 (state_get_entity)', () => {
  test('an AddressableEntity: keys, three thresholds, named keys; the status call picks 2.0', async () => {
    const example = fixture('state_get_entity_2.0.0')
    const rpc = await serve({
      info_get_status: fixture('info_get_status_2.0.0').result,
      state_get_entity: example.result,
    })
    const got = await getAccountConfig(rpc, publicKey, { block: '07'.repeat(32) })
    expect(got.account).toEqual({
      accountHash,
      associatedKeys: { [accountHash]: 1 },
      actionThresholds: { deployment: 1, keyManagement: 1, upgradeManagement: 1 },
      namedKeys: [{ name: 'key', key: `hash-${'00'.repeat(32)}` }],
    })
    expect(got).toMatchObject({ protocol: '2.0', kind: 'AddressableEntity' })
    expect(got.config.thresholds).toEqual({ deployment: 1, keyManagement: 1, upgradeManagement: 1 })
    expect(node!.callsOf('state_get_entity')[0]!.params).toEqual({
      entity_identifier: { PublicKey: publicKey },
      block_identifier: { Hash: '07'.repeat(32) },
      include_bytecode: false,
    })
  })

  test('a legacy Account under entity.Account', async () => {
    const account = fixture('state_get_account_info_2.0.0').result.account
    const rpc = await serve({
      state_get_entity: { api_version: '2.0.0', entity: { Account: account }, merkle_proof: '' },
    })
    const got = await getAccountConfig(rpc, `account-hash-${accountHash}`, { protocol: '2.0' })
    expect(got).toMatchObject({
      kind: 'Account',
      account: { accountHash, actionThresholds: { deployment: 1, keyManagement: 1 } },
    })
    expect(node!.calls[0]!.params).toMatchObject({
      entity_identifier: { AccountHash: `account-hash-${accountHash}` },
    })
  })

  const entityMutations: [string, (result: Record<string, unknown>) => void, string][] = [
    ['entity absent', (r) => delete r.entity, 'result.entity'],
    ['a Contract', (r) => (r.entity = { Contract: { contract: {} } }), 'result.entity'],
    ['two variants', (r) => (r.entity = { Account: {}, AddressableEntity: {} }), 'result.entity'],
    [
      'entity_kind SmartContract',
      (r) => (entityOf(r).entity_kind = { SmartContract: 'VmCasperV1' }),
      'result.entity.AddressableEntity.entity.entity_kind',
    ],
    [
      'entity_kind of another account',
      (r) => (entityOf(r).entity_kind = { Account: `account-hash-${'22'.repeat(32)}` }),
      'result.entity.AddressableEntity.entity.entity_kind.Account',
    ],
    [
      'upgrade_management absent',
      (r) => (entityOf(r).action_thresholds = { deployment: 1, key_management: 1 }),
      'result.entity.AddressableEntity.entity.action_thresholds.upgrade_management',
    ],
    [
      'a weight of 1.5',
      (r) => (entityOf(r).associated_keys = [{ account_hash: `account-hash-${accountHash}`, weight: 1.5 }]),
      'result.entity.AddressableEntity.entity.associated_keys[0].weight',
    ],
    [
      'named_keys absent',
      (r) => delete (r.entity as { AddressableEntity: Record<string, unknown> }).AddressableEntity.named_keys,
      'result.entity.AddressableEntity.named_keys',
    ],
  ]
  test.each(entityMutations)('%s → MalformedResponse naming %s', async (_, mutate, field) => {
    const result = fixture('state_get_entity_2.0.0').result
    mutate(result)
    const rpc = await serve({ state_get_entity: result })
    const error = await malformed(getAccountConfig(rpc, publicKey, { protocol: '2.0' }))
    expect(error.field).toBe(field)
  })
})

function entityOf(result: Record<string, unknown>): Record<string, unknown> {
  return (result.entity as { AddressableEntity: { entity: Record<string, unknown> } }).AddressableEntity
    .entity
}
