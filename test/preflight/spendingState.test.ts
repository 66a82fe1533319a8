// A transfer or an auction call checked against what the node says the account holds: its balance
// and the auction's bids, read over loopback HTTP from the 2.x devnet. The failures the devnet
// executes (Insufficient funds, a delegation to no bid, undelegating more than is staked) are
// DO NOT SIGN before anyone signs.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import type { Chainspec } from '../../src/chainspec/Chainspec.js'
import { buildDelegate } from '../../src/deploy/buildDelegate.js'
import type { BuiltSpending } from '../../src/deploy/buildSpending.js'
import { buildTransfer } from '../../src/deploy/buildTransfer.js'
import { buildUndelegate } from '../../src/deploy/buildUndelegate.js'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.js'
import { describeDeploy } from '../../src/preflight/describeDeploy.js'
import { createRpc, type Rpc } from '../../src/rpc/createRpc.js'
import { getAccountConfig } from '../../src/rpc/getAccountConfig.js'
import { getChainspec } from '../../src/rpc/getChainspec.js'
import { getSpendingState } from '../../src/rpc/getSpendingState.js'
import { MalformedResponseError } from '../../src/rpc/RpcError.js'
import { alice, bob, call } from '../devnet/devnetKit.js'
import { startLoopbackNode } from '../rpc/loopbackNode.js'

const cspr = 1_000_000_000n

describe('spending checked against the node: balance and auction', () => {
  let devnet: Devnet
  let rpc: Rpc
  let chainspec: Chainspec
  let account: Account
  let validator: string
  beforeAll(async () => {
    devnet = await startDevnet({
      blockIntervalMs: 50,
      accounts: [{ publicKey: alice.publicKey, balance: 1_000n * cspr }],
    })
    rpc = createRpc(devnet.url)
    chainspec = await getChainspec(rpc)
    account = (await getAccountConfig(rpc, alice.publicKey)).account
    validator = (await call(devnet.url, 'info_get_status', {})).result.our_public_signing_key
  })
  afterAll(() => devnet.stop())

  const base = () => ({ account: alice.publicKey, chainName: devnet.chainName, chainspec })
  const describeBuilt = async (built: BuiltSpending, auction = false) => {
    const state = await getSpendingState(rpc, account.accountHash, { auction })
    return describeDeploy(built.transaction ?? built.deploy!, { account, chainspec, state })
  }

  test('reads the balance and the bids as the node writes them', async () => {
    const state = await getSpendingState(rpc, account.accountHash, { auction: true })
    expect(state.balance).toBe(1_000n * cspr)
    expect([...state.bids!.keys()]).toEqual([validator.toLowerCase()])
    expect(state.bids!.get(validator.toLowerCase())).toEqual({ inactive: false, delegators: new Map() })
    expect((await getSpendingState(rpc, account.accountHash)).bids).toBeUndefined()
  })

  test('a transfer the purse covers is safe; one it does not cover is DO NOT SIGN with both amounts', async () => {
    const fits = await describeBuilt(buildTransfer({ ...base(), target: bob.publicKey, amount: 999n * cspr }))
    expect(fits.doNotSign).toEqual([])
    for (const kind of ['transaction', 'deploy'] as const) {
      const tooMuch = await describeBuilt(
        buildTransfer({ ...base(), kind, target: bob.publicKey, amount: 1_000n * cspr }),
      )
      expect(tooMuch.safeToSign).toBe(false)
      expect(tooMuch.doNotSign.join('\n')).toContain(
        'the main purse holds 1000 CSPR, less than the transfer of 1000 CSPR plus the payment of',
      )
      expect(tooMuch.text).toContain('DO NOT SIGN')
    }
  })

  test('a delegation needs an active bid; an undelegation no more than is staked', async () => {
    const stranger = bob.publicKey
    const toNobody = await describeBuilt(
      buildDelegate({ ...base(), validator: stranger, amount: 500n * cspr }),
      true,
    )
    expect(toNobody.doNotSign.join('\n')).toContain(`the validator ${stranger} has no bid in the auction`)

    const delegate = buildDelegate({ ...base(), validator, amount: 500n * cspr })
    expect((await describeBuilt(delegate, true)).doNotSign).toEqual([])

    const undelegate = await describeBuilt(
      buildUndelegate({ ...base(), validator, amount: 500n * cspr }),
      true,
    )
    expect(undelegate.doNotSign.join('\n')).toContain(
      `the account has 0 CSPR delegated to ${validator}, less than the undelegate of 500 CSPR`,
    )
    // Without the auction's state, nothing says the call fails.
    expect(
      (await describeBuilt(buildUndelegate({ ...base(), validator, amount: 500n * cspr }))).doNotSign,
    ).toEqual([])
  })

  test('a malformed auction answer names the field; a node without the method leaves the bids unknown', async () => {
    const liar = await startLoopbackNode(({ method }) =>
      method === 'query_balance'
        ? { result: { api_version: '2.0.0', balance: '5' } }
        : {
            result: {
              auction_state: {
                bids: [
                  {
                    public_key: validator,
                    bid: { delegators: [{ delegator_public_key: alice.publicKey, staked_amount: 'lots' }] },
                  },
                ],
              },
            },
          },
    )
    try {
      const error = await getSpendingState(createRpc(liar.url), account.accountHash, { auction: true }).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(MalformedResponseError)
      expect(error).toMatchObject({
        field: 'result.auction_state.bids[0].bid.delegators[0].staked_amount',
      })
    } finally {
      await liar.close()
    }
    const silent = await startLoopbackNode(() => ({ error: { code: -32601, message: 'Method not found' } }))
    try {
      expect(await getSpendingState(createRpc(silent.url), account.accountHash, { auction: true })).toEqual({
        balance: undefined,
        bids: undefined,
      })
    } finally {
      await silent.close()
    }
  })
})
