// Refusals and failures with casper-node's own texts, and a restart that keeps everything.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { buildConfigureDeploy } from '../../src/deploy/buildConfigureDeploy.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { alice, bob, call, carol, mallory, twoPartyDeploy } from './devnetKit.js'
import { resultErrors } from './rpcSchema.js'

const directory = mkdtempSync(join(tmpdir(), 'casper-devnet-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

/** A devnet where Alice's account is already a 2-of-2 multi-sig with Bob. */
async function twoOfTwo(options: { stateFile?: string } = {}): Promise<Devnet> {
  const devnet = await startDevnet({
    protocol: '1.5',
    blockIntervalMs: 50,
    accounts: [{ publicKey: alice.publicKey }],
    ...options,
  })
  const setup = await twoPartyDeploy(devnet.chainName)
  expect((await call(devnet.url, 'account_put_deploy', { deploy: setup })).result.deploy_hash).toBe(
    setup.hash,
  )
  await devnet.waitForExecution(setup.hash)
  return devnet
}

async function addCarolDeploy(chainName: string) {
  const current = {
    accountHash: alice.accountHash,
    associatedKeys: { [alice.accountHash]: 1, [bob.accountHash]: 1 },
    actionThresholds: { deployment: 2, keyManagement: 2 },
  }
  const plan = await planReconfiguration(
    current,
    {
      associatedKeys: [
        { key: alice.publicKey, weight: 1 },
        { key: bob.publicKey, weight: 1 },
        { key: carol.publicKey, weight: 1 },
      ],
      thresholds: { deployment: 2, keyManagement: 2 },
    },
    { signers: [alice.publicKey, bob.publicKey] },
  )
  return buildConfigureDeploy(plan.deploys[0]!, { account: alice.publicKey, chainName })
}

describe('refusals at submission (deploy_acceptor)', () => {
  test('an under-signed deploy is refused with -32008 and the node text', async () => {
    const devnet = await twoOfTwo()
    try {
      const deploy = await signDeploy(await addCarolDeploy(devnet.chainName), alice)
      const answer = await call(devnet.url, 'account_put_deploy', { deploy })
      expect(answer.error).toMatchObject({ code: -32008, message: 'Invalid Deploy' })
      // The node names the block it checked against; blocks keep coming, so find that one.
      const [, root, hash, height] =
        /^insufficient deploy signature weight at state root hash ([0-9a-f]{64}) of block ([0-9a-f]{64}) at height (\d+)$/.exec(
          String(answer.error?.data),
        ) ?? []
      expect(devnet.state.blocks.find((b) => b.hash === hash)).toMatchObject({
        stateRootHash: root,
        height: Number(height),
      })
      // With Bob's signature too it is accepted and executes.
      const both = await signDeploy(deploy, bob)
      expect((await call(devnet.url, 'account_put_deploy', { deploy: both })).result.deploy_hash).toBe(
        both.hash,
      )
      // Submitting again is idempotent.
      expect((await call(devnet.url, 'account_put_deploy', { deploy: both })).result.deploy_hash).toBe(
        both.hash,
      )
      await devnet.waitForExecution(both.hash)
      const info = await call(devnet.url, 'state_get_account_info', { account_identifier: alice.publicKey })
      expect(info.result.account.associated_keys).toHaveLength(3)
    } finally {
      await devnet.stop()
    }
  })

  test('an unassociated signer, a wrong chain, a tampered hash', async () => {
    const devnet = await startDevnet({
      protocol: '1.5',
      blockIntervalMs: 50,
      accounts: [{ publicKey: alice.publicKey }],
    })
    try {
      const deploy = await signDeploy(await twoPartyDeploy(devnet.chainName), mallory)
      const unassociated = await call(devnet.url, 'account_put_deploy', { deploy })
      expect(unassociated.error?.data).toMatch(
        /^account authorization invalid at state root hash [0-9a-f]{64} of block [0-9a-f]{64} at height \d+$/,
      )

      const otherChain = await twoPartyDeploy('casper-test')
      expect((await call(devnet.url, 'account_put_deploy', { deploy: otherChain })).error).toEqual({
        code: -32008,
        message: 'Invalid Deploy',
        data: 'invalid deploy: invalid chain name: expected casper-devnet, got casper-test',
      })

      const tampered = await twoPartyDeploy(devnet.chainName)
      tampered.hash = `${tampered.hash.slice(0, 63)}${tampered.hash.endsWith('0') ? '1' : '0'}`
      expect((await call(devnet.url, 'account_put_deploy', { deploy: tampered })).error?.data).toBe(
        'invalid deploy: the provided hash does not match the actual hash of the deploy',
      )

      expect((await call(devnet.url, 'account_put_deploy', { deploy: { hash: 'nope' } })).error?.code).toBe(
        -32602,
      )
      expect((await call(devnet.url, 'account_put_deploy', { deploy, extra: 1 })).error?.code).toBe(-32602)
      expect((await call(devnet.url, 'chain_get_block')).error).toEqual({
        code: -32601,
        message: 'Method not found',
      })
    } finally {
      await devnet.stop()
    }
  })

  test('2.0 words refusals as the sidecar does', async () => {
    const devnet = await startDevnet({
      protocol: '2.0',
      blockIntervalMs: 50,
      accounts: [{ publicKey: alice.publicKey }],
    })
    try {
      const deploy = await signDeploy(await twoPartyDeploy(devnet.chainName), bob)
      // Before the deploy adding Bob runs: Bob alone is no associated key at all.
      const onlyBob = { ...deploy, approvals: deploy.approvals.filter((a) => a.signer === bob.publicKey) }
      expect((await call(devnet.url, 'account_put_deploy', { deploy: onlyBob })).error).toEqual({
        code: -32008,
        message: 'Invalid Deploy',
        data: 'the deploy was invalid: invalid associated keys',
      })
      // 2.x accepts an unassociated co-signer (weight 0) as long as one signer is associated.
      expect((await call(devnet.url, 'account_put_deploy', { deploy })).result.deploy_hash).toBe(deploy.hash)
    } finally {
      await devnet.stop()
    }
  })
})

describe('failures at execution', () => {
  test('a session that reverts reports the ApiError, costs gas, and changes nothing', async () => {
    const devnet = await twoOfTwo()
    try {
      // Bob is already associated: the two-party session's add_associated_key reverts with DuplicateKey.
      const again = await signDeploy(
        await twoPartyDeploy(devnet.chainName, createAccount(alice.accountHash)),
        bob,
      )
      // Signed by Alice and Bob (weight 2), so it passes the acceptor and runs.
      expect((await call(devnet.url, 'account_put_deploy', { deploy: again })).result.deploy_hash).toBe(
        again.hash,
      )
      await devnet.waitForExecution(again.hash)
      const info = await call(devnet.url, 'info_get_deploy', { deploy_hash: again.hash })
      const failure = info.result.execution_results[0].result.Failure
      expect(failure.error_message).toBe('ApiError::DuplicateKey [22]')
      expect(BigInt(failure.cost)).toBeGreaterThan(0n)
      expect(resultErrors('1.5', 'info_get_deploy', info.result)).toEqual([])
      const account = await call(devnet.url, 'state_get_account_info', {
        account_identifier: alice.publicKey,
      })
      expect(account.result.account.action_thresholds).toEqual({ deployment: 2, key_management: 2 })
    } finally {
      await devnet.stop()
    }
  })
})

describe('state file', () => {
  test('a restart keeps accounts, deploys and results', async () => {
    const stateFile = join(directory, 'devnet.json')
    const first = await twoOfTwo({ stateFile })
    const [setupHash] = Object.keys(first.state.items)
    const height = first.state.blocks[first.state.blocks.length - 1]!.height
    await first.stop()

    const second = await startDevnet({ blockIntervalMs: 50, stateFile })
    try {
      const info = await call(second.url, 'state_get_account_info', { account_identifier: alice.publicKey })
      expect(info.result.account.action_thresholds).toEqual({ deployment: 2, key_management: 2 })
      const deploy = await call(second.url, 'info_get_deploy', { deploy_hash: setupHash })
      expect(Object.keys(deploy.result.execution_results[0].result)).toEqual(['Success'])
      const status = await call(second.url, 'info_get_status')
      expect(status.result.last_added_block_info.height).toBeGreaterThanOrEqual(height)
      const created = await call(second.url, 'devnet_create_account', {
        public_key: carol.publicKey,
        balance: '5000000000',
      })
      expect(created.result.account.action_thresholds).toEqual({ deployment: 1, key_management: 1 })
      expect(created.result.balance).toBe('5000000000')
    } finally {
      await second.stop()
    }
  })
})
