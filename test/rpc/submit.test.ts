// submit: preflight against fresh account state, then account_put_deploy / account_put_transaction.
import { afterEach, describe, expect, test } from 'vitest'
import { buildTwoPartyDeploy, buildTwoPartyTransaction } from '../../src/deploy/buildTwoPartyDeploy.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { PreflightError } from '../../src/preflight/PreflightError.js'
import { createRpc } from '../../src/rpc/createRpc.js'
import { JsonRpcError, MalformedResponseError } from '../../src/rpc/RpcError.js'
import { submit } from '../../src/rpc/submit.js'
import { ed25519Signer } from '../approvals/testSigners.js'
import {
  type CannedAnswer,
  fixture,
  type LoopbackNode,
  type ReceivedCall,
  startLoopbackNode,
} from './loopbackNode.js'

const alice = ed25519Signer(new Uint8Array(32).fill(1))
const bob = ed25519Signer(new Uint8Array(32).fill(2))
const chainName = 'casper-example'

let node: LoopbackNode | undefined
afterEach(async () => {
  await node?.close()
  node = undefined
})

/** The node's account JSON for alice (casper-types `Account`), thresholds as given. */
function aliceAccountJson(thresholds = { deployment: 1, key_management: 1 }) {
  return {
    account_hash: `account-hash-${alice.accountHash}`,
    named_keys: [],
    main_purse: `uref-${'09'.repeat(32)}-007`,
    associated_keys: [{ account_hash: `account-hash-${alice.accountHash}`, weight: 1 }],
    action_thresholds: thresholds,
  }
}

async function serve(
  protocol: '1.5' | '2.0',
  overrides: Record<string, (call: ReceivedCall) => CannedAnswer> = {},
) {
  const status = fixture(protocol === '1.5' ? 'info_get_status_1.5.8' : 'info_get_status_2.0.0').result
  node = await startLoopbackNode((call) => {
    const override = overrides[call.method]
    if (override) return override(call)
    switch (call.method) {
      case 'info_get_status':
        return { result: status }
      case 'state_get_account_info':
        return { result: { api_version: '1.5.8', account: aliceAccountJson(), merkle_proof: '' } }
      case 'state_get_entity':
        return { result: { api_version: '2.0.0', entity: { Account: aliceAccountJson() }, merkle_proof: '' } }
      case 'account_put_deploy':
        return {
          result: { api_version: '1.5.8', deploy_hash: (call.params as { deploy: DeployJson }).deploy.hash },
        }
      case 'account_put_transaction': {
        const { transaction } = call.params as { transaction: TransactionJson }
        return { result: { api_version: '2.0.0', transaction_hash: { Version1: transaction.Version1.hash } } }
      }
    }
  })
  return createRpc(node.url)
}

async function signedDeploy(): Promise<DeployJson> {
  const { deploy } = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName,
    deploymentAccount: bob.publicKey,
  })
  return { ...deploy, approvals: [alice.sign(deploy.hash)] }
}

async function signedTransaction(): Promise<TransactionJson> {
  const { transaction } = await buildTwoPartyTransaction({
    account: alice.publicKey,
    chainName,
    deploymentAccount: bob.publicKey,
  })
  return { Version1: { ...transaction.Version1, approvals: [alice.sign(transaction.Version1.hash)] } }
}

describe('submit a deploy', () => {
  test('reads status and account, preflights, sends, and returns the verified hash', async () => {
    const rpc = await serve('1.5')
    const deploy = await signedDeploy()
    const sent = await submit(rpc, deploy)
    expect(sent).toMatchObject({ hash: deploy.hash, kind: 'deploy', preflight: { ready: true } })
    expect(sent.account?.associatedKeys).toEqual({ [alice.accountHash]: 1 })
    // The node's chainspec (this one has no info_get_chainspec: its status picks the preset), the
    // account, its balance (not served here: skipped), then the deploy.
    expect(node!.calls.map((c) => c.method)).toEqual([
      'info_get_chainspec',
      'info_get_status',
      'state_get_account_info',
      'query_balance',
      'account_put_deploy',
    ])
    expect(node!.callsOf('state_get_account_info')[0]!.params).toEqual({
      account_identifier: alice.publicKey,
    })
    expect(node!.callsOf('account_put_deploy')[0]!.params).toEqual({ deploy })
  })

  test('on 2.0 the account comes from state_get_entity', async () => {
    const rpc = await serve('2.0')
    const deploy = await signedDeploy()
    await expect(submit(rpc, deploy)).resolves.toMatchObject({ hash: deploy.hash })
    expect(node!.calls.map((c) => c.method)).toEqual([
      'info_get_chainspec',
      'info_get_status',
      'state_get_entity',
      'query_balance',
      'account_put_deploy',
    ])
  })

  test('not ready (key management needs 2, alice holds 1) → PreflightError, nothing sent', async () => {
    const rpc = await serve('1.5', {
      state_get_account_info: () => ({
        result: {
          api_version: '1.5.8',
          account: aliceAccountJson({ deployment: 1, key_management: 2 }),
          merkle_proof: '',
        },
      }),
    })
    const error = await submit(rpc, await signedDeploy()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PreflightError)
    expect((error as PreflightError).issues.map((i) => i.code)).toContain('BelowKeyManagementThreshold')
    expect(node!.callsOf('account_put_deploy')).toHaveLength(0)
  })

  test('a deploy for another chain → PreflightError WrongChain (chain name from chainspec_name)', async () => {
    const rpc = await serve('1.5', {
      info_get_status: () => ({
        result: { ...fixture('info_get_status_1.5.8').result, chainspec_name: 'casper' },
      }),
    })
    const error = (await submit(rpc, await signedDeploy()).catch((e: unknown) => e)) as PreflightError
    expect(error.issues.map((i) => i.code)).toEqual(['WrongChain'])
  })

  test('preflight: false sends the schema example as it is', async () => {
    const example = fixture('account_put_deploy_1.5.8')
    const rpc = await serve('1.5', { account_put_deploy: () => ({ result: example.result }) })
    const sent = await submit(rpc, example.params.deploy as DeployJson, { preflight: false })
    expect(sent).toEqual({
      hash: example.result.deploy_hash,
      kind: 'deploy',
      account: undefined,
      preflight: undefined,
    })
    expect(node!.calls.map((c) => c.method)).toEqual(['account_put_deploy'])
  })

  test('the node reporting another hash → MalformedResponse naming result.deploy_hash', async () => {
    const rpc = await serve('1.5', {
      account_put_deploy: () => ({ result: { deploy_hash: 'ab'.repeat(32) } }),
    })
    const error = await submit(rpc, await signedDeploy()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect(error).toMatchObject({ field: 'result.deploy_hash', got: JSON.stringify('ab'.repeat(32)) })
  })

  test('the node refusing it → JsonRpcError -32008 InvalidDeploy', async () => {
    const rpc = await serve('1.5', {
      account_put_deploy: () => ({ error: { code: -32008, message: 'Invalid Deploy', data: 'expired' } }),
    })
    await expect(submit(rpc, await signedDeploy(), { preflight: false })).rejects.toMatchObject({
      constructor: JsonRpcError,
      rpcName: 'InvalidDeploy',
      data: 'expired',
    })
  })
})

describe('submit a transaction (2.0)', () => {
  test('preflights against the initiator and sends { transaction: { Version1 } }', async () => {
    const rpc = await serve('2.0')
    const transaction = await signedTransaction()
    const sent = await submit(rpc, transaction)
    expect(sent).toMatchObject({
      hash: transaction.Version1.hash,
      kind: 'transaction',
      preflight: { ready: true },
    })
    expect(sent.preflight).toMatchObject({
      initiator: alice.accountHash,
      signers: [alice.accountHash],
      weight: 1,
    })
    expect(node!.calls.map((c) => c.method)).toEqual([
      'info_get_chainspec',
      'info_get_status',
      'state_get_entity',
      'query_balance',
      'account_put_transaction',
    ])
    expect(node!.callsOf('account_put_transaction')[0]!.params).toEqual({ transaction })
  })

  test('a tampered payload → PreflightError HashMismatch; an unsigned one → NoApprovals', async () => {
    const rpc = await serve('2.0')
    const transaction = await signedTransaction()
    const tampered = structuredClone(transaction)
    tampered.Version1.payload.ttl = '1h'
    const error = (await submit(rpc, tampered).catch((e: unknown) => e)) as PreflightError
    expect(error).toBeInstanceOf(PreflightError)
    expect(error.issues.map((i) => i.code)).toContain('HashMismatch')

    const unsigned = { Version1: { ...transaction.Version1, approvals: [] } }
    const error2 = (await submit(rpc, unsigned).catch((e: unknown) => e)) as PreflightError
    expect(error2.issues.map((i) => i.code)).toEqual([
      'UnassociatedSigner',
      'BelowDeploymentThreshold',
      'NoApprovals',
    ])
    expect(node!.callsOf('account_put_transaction')).toHaveLength(0)
  })

  test('the schema example, without preflight, returns its Version1 hash', async () => {
    const example = fixture('account_put_transaction_2.0.0')
    const rpc = await serve('2.0', { account_put_transaction: () => ({ result: example.result }) })
    const sent = await submit(rpc, example.params.transaction as TransactionJson, { preflight: false })
    expect(sent.hash).toBe('e6bc93a30584fefced99be08c1861164b357c74e4904b5d2e7146896aaaaf843')
  })

  test('transaction_hash of another variant → MalformedResponse', async () => {
    const rpc = await serve('2.0', {
      account_put_transaction: () => ({ result: { transaction_hash: { Deploy: 'ab'.repeat(32) } } }),
    })
    const error = await submit(rpc, await signedTransaction(), { preflight: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'MalformedResponse', field: 'result.transaction_hash' })
  })
})
