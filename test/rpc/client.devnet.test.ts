// The RPC client end to end against the loopback devnet: read, build, sign, submit, await, read again.
import { afterEach, describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { buildTwoPartyDeploy, buildTwoPartyTransaction } from '../../src/deploy/buildTwoPartyDeploy.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { PreflightError } from '../../src/preflight/PreflightError.js'
import { awaitResult } from '../../src/rpc/awaitResult.js'
import { createRpc } from '../../src/rpc/createRpc.js'
import { ExecutionFailedError } from '../../src/rpc/ExecutionFailedError.js'
import { getAccountConfig } from '../../src/rpc/getAccountConfig.js'
import { getProtocol } from '../../src/rpc/getProtocol.js'
import { JsonRpcError } from '../../src/rpc/RpcError.js'
import { submit } from '../../src/rpc/submit.js'

const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
const bob = localSigner('b2'.repeat(32), { algorithm: 'secp256k1' })

let devnet: Devnet | undefined
afterEach(async () => {
  await devnet?.stop()
  devnet = undefined
})

describe.each(['1.5', '2.0'] as const)('client against the devnet (%s)', (protocol) => {
  test('two-party multi-sig: getAccountConfig → build, sign, submit with preflight → awaitResult → 2/2', async () => {
    devnet = await startDevnet({ port: 0, protocol, blockIntervalMs: 50 })
    await devnet.createAccount({ publicKey: alice.publicKey })
    const rpc = createRpc({ url: devnet.url, timeoutMs: 5_000 })

    expect(await getProtocol(rpc)).toMatchObject({ protocol, chainspecName: devnet.chainName })
    const before = await getAccountConfig(rpc, alice.publicKey)
    expect(before.config).toEqual({
      associatedKeys: [{ accountHash: alice.accountHash, weight: 1 }],
      thresholds: expect.objectContaining({ deployment: 1, keyManagement: 1 }),
    })

    const { deploy } = await buildTwoPartyDeploy({
      account: alice.publicKey,
      chainName: devnet.chainName,
      deploymentAccount: bob.publicKey,
      current: before.account,
      protocol,
    })
    const signed = await signDeploy(deploy, alice)
    const sent = await submit(rpc, signed)
    expect(sent).toMatchObject({ hash: signed.hash, kind: 'deploy', preflight: { ready: true } })

    const result = await awaitResult(rpc, sent.hash, {
      timeoutMs: 10_000,
      pollIntervalMs: 25,
      account: sent.account,
    })
    expect(result.ok).toBe(true)
    expect(result.charged).toBeGreaterThan(0n)
    expect(result.blockHash).toMatch(/^[0-9a-f]{64}$/)

    const after = await getAccountConfig(rpc, alice.publicKey)
    expect(after.account.associatedKeys).toEqual({ [alice.accountHash]: 1, [bob.accountHash]: 1 })
    expect(after.config.thresholds).toMatchObject({ deployment: 2, keyManagement: 2 })
  })

  test('a reverting deploy: preflight refuses it; sent anyway it fails with the decoded ApiError', async () => {
    devnet = await startDevnet({ port: 0, protocol, blockIntervalMs: 50 })
    await devnet.createAccount({ publicKey: alice.publicKey })
    const rpc = createRpc({ url: devnet.url, timeoutMs: 5_000 })
    const setup = await signDeploy(
      (
        await buildTwoPartyDeploy({
          account: alice.publicKey,
          chainName: devnet.chainName,
          deploymentAccount: bob.publicKey,
          protocol,
        })
      ).deploy,
      alice,
    )
    await awaitResult(rpc, (await submit(rpc, setup)).hash, { timeoutMs: 10_000, pollIntervalMs: 25 })

    // Adding Bob again: priced on a fresh account so it builds; on chain it reverts with DuplicateKey.
    const { deploy } = await buildTwoPartyDeploy({
      account: alice.publicKey,
      chainName: devnet.chainName,
      deploymentAccount: bob.publicKey,
      current: createAccount(alice.accountHash),
      protocol,
    })
    const again = await signDeploy(await signDeploy(deploy, alice), bob)
    const refused = await submit(rpc, again).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(PreflightError)
    expect((refused as PreflightError).issues.map((i) => i.code)).toContain('SessionWouldFail')

    // Alice alone is below the deployment threshold 2 now: the node refuses it at submission.
    const underSigned = await signDeploy(deploy, alice)
    await expect(submit(rpc, underSigned, { preflight: false })).rejects.toMatchObject({
      constructor: JsonRpcError,
      rpcCode: -32008,
    })

    const account = (await getAccountConfig(rpc, alice.publicKey)).account
    const sent = await submit(rpc, again, { preflight: false })
    const error = await awaitResult(rpc, sent.hash, { timeoutMs: 10_000, pollIntervalMs: 25, account }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ExecutionFailedError)
    expect(error).toMatchObject({
      code: 'ExecutionFailed',
      errorMessage: 'ApiError::DuplicateKey [22]',
      apiError: { code: 22, name: 'DuplicateKey' },
    })
    expect((error as ExecutionFailedError).charged).toBeGreaterThan(0n)
  })
})

test('2.0 TransactionV1: submit with preflight (account_put_transaction) → awaitResult (info_get_transaction) → 2/2', async () => {
  devnet = await startDevnet({ port: 0, protocol: '2.0', blockIntervalMs: 50 })
  await devnet.createAccount({ publicKey: alice.publicKey })
  const rpc = createRpc({ url: devnet.url, timeoutMs: 5_000 })
  const { transaction } = await buildTwoPartyTransaction({
    account: alice.publicKey,
    chainName: devnet.chainName,
    deploymentAccount: bob.publicKey,
  })
  const signature = await alice.sign(hexToBytes(transaction.Version1.hash))
  const signed: TransactionJson = {
    Version1: {
      ...transaction.Version1,
      approvals: [{ signer: alice.publicKey, signature: bytesToHex(signature) }],
    },
  }
  const sent = await submit(rpc, signed)
  expect(sent).toMatchObject({ hash: signed.Version1.hash, kind: 'transaction', preflight: { ready: true } })
  // The submit result carries the kind: no `kind: 'transaction'` needed.
  const result = await awaitResult(rpc, sent, { timeoutMs: 10_000, pollIntervalMs: 25 })
  expect(result.ok).toBe(true)
  expect((await getAccountConfig(rpc, alice.publicKey)).config.thresholds).toMatchObject({
    deployment: 2,
    keyManagement: 2,
  })
})
