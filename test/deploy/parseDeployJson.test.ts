// parseDeployJson reads what casper-client's serde reads (casper-types v1.5.8 executable_deploy_item.rs,
// cl_value.rs, timestamp.rs) and refuses the rest; the hash follows the node's reading of TTL and time.
import { afterEach, describe, expect, test, vi } from 'vitest'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { vector } from '../vectors.js'

const clientDeploy: DeployJson = vector('deploy_2approvals_casper-client-rs.json')
const nodeExample: DeployJson = vector('deploy_transfer_rpc-schema-example_casper-node-v1.5.8.json')
const args = nodeExample.session.Transfer!.args

function withHeader(header: Partial<DeployJson['header']>): DeployJson {
  return { ...clientDeploy, header: { ...clientDeploy.header, ...header } }
}
function withPayment(payment: unknown): unknown {
  return { ...nodeExample, payment }
}
const hashOf = (deploy: unknown) => deployHashes(parseDeployJson(deploy)).hash

afterEach(() => vi.restoreAllMocks())

describe('TTL and timestamp, read as the node reads them', () => {
  test('every humantime spelling of a TTL hashes as the same number of milliseconds, silently', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const ninety = ['1h30m', '1h 30m', '90 minutes', '90min', '5400s', '5400000ms'].map((ttl) =>
      hashOf(withHeader({ ttl })),
    )
    expect(new Set(ninety).size).toBe(1)
    const day = ['1d', '1day', '24h', '24 hours', '86400 s'].map((ttl) => hashOf(withHeader({ ttl })))
    expect(new Set(day).size).toBe(1)
    expect(hashOf(withHeader({ ttl: '2days' }))).toBe(hashOf(withHeader({ ttl: '48h' })))
    expect(ninety[0]).not.toBe(day[0])
    expect(hashOf(clientDeploy)).toBe(clientDeploy.hash)
    expect(logged).not.toHaveBeenCalled()
    expect(warned).not.toHaveBeenCalled()
  })

  test('a timestamp with a space or without Z is the same instant (UTC), as parse_rfc3339_weak reads it', () => {
    const hashes = [
      '2022-12-11T18:37:06.901Z',
      '2022-12-11 18:37:06.901Z',
      '2022-12-11T18:37:06.901',
      '2022-12-11 18:37:06.9019',
    ].map((timestamp) => hashOf(withHeader({ timestamp })))
    expect(hashes).toEqual([clientDeploy.hash, clientDeploy.hash, clientDeploy.hash, clientDeploy.hash])
  })

  test('keeps the text exactly as written', () => {
    const deploy = withHeader({ ttl: '1h 30m', timestamp: '2022-12-11 18:37:06.901' })
    expect(JSON.stringify(parseDeployJson(JSON.stringify(deploy)))).toBe(JSON.stringify(deploy))
  })

  test('refuses a TTL humantime refuses', () => {
    expect(() =>
      parseDeployJson(withHeader({ ttl: '1 hour and a half' })),
    ).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: Invalid deploy JSON at header.ttl
        field: header.ttl
        expected: a duration such as "30m" or "1h 30m" (humantime: expected number at 7)
        got: 1 hour and a half
      Remedy: Use the deploy file exactly as casper-client or casper-multisig wrote it.]
    `)
  })

  test('refuses a timestamp with an offset', () => {
    expect(() =>
      parseDeployJson(withHeader({ timestamp: '2022-12-11T18:37:06.901+01:00' })),
    ).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: Invalid deploy JSON at header.timestamp
        field: header.timestamp
        expected: a timestamp such as "2024-01-01T00:00:00.000Z" (humantime: bad character where digit is expected)
        got: 2022-12-11T18:37:06.901+01:00
      Remedy: Use the deploy file exactly as casper-client or casper-multisig wrote it.]
    `)
  })
})

describe('executable deploy items', () => {
  test('accepts the six variants with their fields, and hashes each', () => {
    const hash = '09dcee4b212cfd53642ab323fbef07dafafc6f945a80a00147f62910a915c4e6'
    const items = [
      { ModuleBytes: { module_bytes: '', args } },
      { StoredContractByHash: { hash, entry_point: 'call', args } },
      { StoredContractByName: { name: 'contract', entry_point: 'call', args } },
      { StoredVersionedContractByHash: { hash, version: 2, entry_point: 'call', args } },
      { StoredVersionedContractByHash: { hash, version: null, entry_point: 'call', args } },
      { StoredVersionedContractByName: { name: 'contract', version: 1, entry_point: 'call', args } },
      { StoredVersionedContractByName: { name: 'contract', entry_point: 'call', args } },
      { Transfer: { args } },
    ]
    const hashes = items.map((item) => hashOf(withPayment(item)))
    expect(new Set(hashes).size).toBe(items.length)
  })

  test('a missing version is None, as serde reads an absent Option', () => {
    const name = { name: 'contract', entry_point: 'call', args }
    expect(hashOf(withPayment({ StoredVersionedContractByName: name }))).toBe(
      hashOf(withPayment({ StoredVersionedContractByName: { ...name, version: null } })),
    )
  })

  test('accepts a CLValue without parsed', () => {
    const bare = args.map(([name, value]) => [name, { cl_type: value.cl_type, bytes: value.bytes }])
    expect(() => parseDeployJson(withPayment({ Transfer: { args: bare } }))).not.toThrow()
  })

  test('refuses an unknown variant, naming it', () => {
    expect(() => parseDeployJson(withPayment({ Foo: { args: [] } }))).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: Invalid deploy JSON at payment
        field: payment
        expected: one of the variants ModuleBytes, StoredContractByHash, StoredContractByName, StoredVersionedContractByHash, StoredVersionedContractByName, Transfer
        got: unknown variant Foo
      Remedy: Use the deploy file exactly as casper-client or casper-multisig wrote it.]
    `)
  })

  test('refuses two variants at once', () => {
    expect(() =>
      parseDeployJson(withPayment({ Transfer: { args: [] }, ModuleBytes: { module_bytes: '', args: [] } })),
    ).toThrow(/at payment/)
  })

  test('refuses a field the variant does not have, naming it', () => {
    expect(() =>
      parseDeployJson(
        withPayment({ StoredContractByName: { name: 'c', version: 1, entry_point: 'call', args } }),
      ),
    ).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: Invalid deploy JSON at payment.StoredContractByName
        field: payment.StoredContractByName
        expected: only the fields name, entry_point, args
        got: unknown field version
      Remedy: Use the deploy file exactly as casper-client or casper-multisig wrote it.]
    `)
  })

  test('refuses a missing field, naming it', () => {
    expect(() =>
      parseDeployJson(withPayment({ StoredContractByHash: { hash: '00'.repeat(32), args } })),
    ).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: Invalid deploy JSON at payment.StoredContractByHash
        field: payment.StoredContractByHash
        expected: the fields hash, entry_point, args
        got: no entry_point
      Remedy: Use the deploy file exactly as casper-client or casper-multisig wrote it.]
    `)
  })

  test('refuses a version that is not a u32', () => {
    const item = (version: unknown) => ({
      StoredVersionedContractByName: { name: 'c', version, entry_point: 'call', args },
    })
    for (const version of ['1', -1, 1.5, 2 ** 32]) {
      expect(() => parseDeployJson(withPayment(item(version))), String(version)).toThrow(/\.version/)
    }
    expect(() => parseDeployJson(withPayment(item(2 ** 32 - 1)))).not.toThrow()
  })

  test('refuses a hash that is not 32 bytes of hex', () => {
    expect(() =>
      parseDeployJson(withPayment({ StoredContractByHash: { hash: 'ab', entry_point: 'call', args } })),
    ).toThrow(/payment\.StoredContractByHash\.hash/)
  })

  test('refuses an unknown field in a CLValue', () => {
    const [name, value] = args[0]!
    expect(() =>
      parseDeployJson(withPayment({ Transfer: { args: [[name, { ...value, extra: 1 }]] } })),
    ).toThrowErrorMatchingInlineSnapshot(`
      [DeployError: Invalid deploy JSON at payment.Transfer.args[0][1]
        field: payment.Transfer.args[0][1]
        expected: only the fields cl_type, bytes, parsed
        got: unknown field extra
      Remedy: Use the deploy file exactly as casper-client or casper-multisig wrote it.]
    `)
  })
})

test('a List arg whose count exceeds its bytes is refused before anything parses it', () => {
  const deploy = structuredClone(vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json'))
  deploy.session.ModuleBytes.args.push([
    'evil',
    { cl_type: { List: 'U8' }, bytes: `ffffff03${'00'.repeat(28)}` },
  ])
  expect(() => parseDeployJson(deploy)).toThrow(/a List<U8> of at most 28 items/)
})
