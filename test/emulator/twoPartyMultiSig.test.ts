// The bundled two-party-multi-sig Wasm run by the emulator: the reference behaviour and every revert.
import { describe, expect, test } from 'vitest'
import { type Account, createAccount } from '../../src/account/Account.js'
import type { Chainspec } from '../../src/chainspec/Chainspec.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { emulateSession } from '../../src/emulator/emulateSession.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { twoPartyMultiSigWasm } from '../../src/wasm/modules/twoPartyMultiSigWasm.js'
import { twoPartyMultiSigArgs } from '../../src/wasm/twoPartyMultiSigArgs.js'
import { hashOf } from '../arbitraries.js'

const owner = hashOf(0xa1)
const partner = hashOf(0xb2)
const fresh = createAccount(owner)
const args = twoPartyMultiSigArgs(partner)

const run = (
  account: Account,
  options: { args?: Record<string, Uint8Array>; signers?: string[]; chainspec?: Chainspec } = {},
) =>
  emulateSession({
    wasm: twoPartyMultiSigWasm,
    args: options.args ?? args,
    account,
    signers: options.signers ?? [owner],
    chainspec: options.chainspec ?? casper15,
  })

describe('two-party-multi-sig in the emulator', () => {
  test('a fresh account becomes 2-of-2, signed by the owner alone', async () => {
    const result = await run(fresh)
    expect(result.ok).toBe(true)
    expect(result.account).toEqual({
      accountHash: owner,
      associatedKeys: { [owner]: 1, [partner]: 1 },
      actionThresholds: { deployment: 2, keyManagement: 2 },
    })
    expect(result.calls.map((c) => [c.name, c.result])).toEqual([
      ['casper_get_named_arg_size', 0],
      ['casper_get_named_arg', 0],
      ['casper_add_associated_key', 0],
      ['casper_set_action_threshold', 0],
      ['casper_set_action_threshold', 0],
    ])
  })

  test('DuplicateKey [22] when the key is already associated, and the account is unchanged', async () => {
    const account = { ...fresh, associatedKeys: { [owner]: 1, [partner]: 1 } }
    const result = await run(account)
    expect(result.revert).toEqual({ code: 22, name: 'DuplicateKey', message: 'ApiError::DuplicateKey [22]' })
    expect(result.account).toBe(account)
  })

  test('MissingArgument [2] without deployment-account', async () => {
    const result = await run(fresh, { args: { deployment_account: args['deployment-account'] } })
    expect(result.failure).toEqual({
      kind: 'revert',
      apiError: expect.objectContaining({ code: 2 }),
      message: 'ApiError::MissingArgument [2]',
    })
    expect(result.calls).toHaveLength(2)
  })

  test.each([
    ['31 bytes', new Uint8Array(31)],
    ['33 bytes (a Key::Account)', hexToBytes(`00${partner}`)],
    ['empty', new Uint8Array(0)],
  ])('InvalidArgument [3] for %s', async (_, value) => {
    const result = await run(fresh, { args: { 'deployment-account': value } })
    expect(result.revert?.message).toBe('ApiError::InvalidArgument [3]')
    expect(result.account).toBe(fresh)
  })

  test('PermissionDenied [23] when the signers are below key management', async () => {
    const account = {
      ...fresh,
      associatedKeys: { [owner]: 1, [hashOf(3)]: 1 },
      actionThresholds: { deployment: 1, keyManagement: 2 },
    }
    const result = await run(account)
    expect(result.revert?.message).toBe('ApiError::PermissionDenied [23]')
    expect(result.account).toBe(account)
  })

  test('permission is judged on the account at deploy start, not after the session raises thresholds', async () => {
    // After set_action_threshold(KeyManagement, 2) the owner alone has weight 1 < 2, yet the
    // following set_action_threshold(Deployment, 2) succeeds: the check uses the starting account.
    const result = await run(fresh)
    expect(result.account.actionThresholds).toEqual({ deployment: 2, keyManagement: 2 })
  })

  test('InsufficientTotalWeight [28] when all keys together weigh less than 2', async () => {
    const account = {
      ...fresh,
      associatedKeys: { [owner]: 0 },
      actionThresholds: { deployment: 0, keyManagement: 0 },
    }
    const result = await run(account)
    expect(result.revert?.message).toBe('ApiError::InsufficientTotalWeight [28]')
    expect(result.account).toBe(account)
  })

  test('KeyManagementThreshold [26]: key management goes first, so a deployment threshold above 2 refuses it', async () => {
    const account = {
      ...fresh,
      associatedKeys: { [owner]: 3 },
      actionThresholds: { deployment: 3, keyManagement: 3 },
    }
    const result = await run(account)
    expect(result.revert?.message).toBe('ApiError::KeyManagementThreshold [26]')
    expect(result.calls.at(-2)).toMatchObject({ name: 'casper_set_action_threshold', args: [1, 2] })
    expect(result.account).toBe(account)
  })

  test('MaxKeysLimit [21] at 100 keys', async () => {
    const others = Array.from({ length: 99 }, (_, i) => [hashOf(i + 1), 1])
    const account = { ...fresh, associatedKeys: { [owner]: 1, ...Object.fromEntries(others) } }
    const result = await run(account)
    expect(result.revert?.message).toBe('ApiError::MaxKeysLimit [21]')
    expect(result.account).toBe(account)
  })

  test('a signer that is not an associated key fails authorization (1.5) before the session runs', async () => {
    const result = await run(fresh, { signers: [owner, partner] })
    expect(result.failure).toEqual({
      kind: 'authorization',
      message: 'Authorization failure: not authorized.',
    })
    expect(result.calls).toEqual([])
    expect(result.gas.total).toBe(0n)
  })

  test('on 2.x an unassociated co-signer weighs 0 and the session runs', async () => {
    const result = await run(fresh, { signers: [owner, partner], chainspec: casperMainnet })
    expect(result.ok).toBe(true)
  })

  test('gas under casper15 (1.5.8 published numbers) is reported by part and is stable', async () => {
    const { gas } = await run(fresh)
    expect(gas.total).toBe(gas.opcodes + gas.hostFunctions + gas.storage)
    // host calls: 200 + (200 + 120000*(18+32)) + 1200000 + 2*74000
    expect(gas.hostFunctions).toBe(200n + 200n + 120_000n * 50n + 1_200_000n + 148_000n)
    // three account writes: 1 + 32 + 4 + 33 + (4 + 2 keys * 33) + 2 = 142 bytes each
    expect(gas.storage).toBe(3n * 142n * 1_117_587n)
    expect(gas).toMatchInlineSnapshot(`
      {
        "hostFunctions": 7348400n,
        "opcodes": 689760n,
        "storage": 476092062n,
        "total": 484130222n,
      }
    `)
  })

  test('gas under casperMainnet (2.2.0): the same host calls and writes, 2.x opcode prices', async () => {
    const { gas } = await run(fresh, { chainspec: casperMainnet })
    // Host-function costs and gas_per_byte are unchanged in the 2.2.0 chainspec.
    expect(gas.hostFunctions).toBe(200n + 200n + 120_000n * 50n + 1_200_000n + 148_000n)
    expect(gas.storage).toBe(3n * 142n * 1_117_587n)
    // Every 2.2.0 opcode cost is at most 1665 (br), against at least 110 on 1.5.8: a small fraction.
    const { gas: v15 } = await run(fresh)
    expect(gas.opcodes * 100n).toBeLessThan(v15.opcodes)
    expect(gas).toMatchInlineSnapshot(`
      {
        "hostFunctions": 7348400n,
        "opcodes": 5925n,
        "storage": 476092062n,
        "total": 483446387n,
      }
    `)
  })
})
