// The emulator against casper-node's rules: single host calls vs the transcription, traps, gas, authorization.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import { createAccount } from '../../src/account/Account.js'
import { authorizationWeight } from '../../src/account/accountRules.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { apiErrorCode } from '../../src/emulator/apiError.js'
import { emulateSession } from '../../src/emulator/emulateSession.js'
import { hexToBytes } from '../../src/encoding/hex.js'
import { type ConfigureAccountOperations, configureAccountArgs } from '../../src/wasm/configureAccountArgs.js'
import { configureAccountWasm } from '../../src/wasm/modules/configureAccountWasm.js'
import { arbitraryAccount, arbitraryOperation, hashOf, type Operation } from '../arbitraries.js'
import { transcription } from '../transcription.js'
import { wat } from '../wasm/wat.js'

/** One operation as configure-account args: each step list calls exactly one host function. */
function argsOf(op: Operation) {
  const operations: ConfigureAccountOperations =
    op.kind === 'add'
      ? { add: [{ accountHash: op.hash, weight: op.weight }] }
      : op.kind === 'update'
        ? { raise: [{ accountHash: op.hash, weight: op.weight }] }
        : op.kind === 'remove'
          ? { remove: [op.hash] }
          : { [op.action]: op.threshold }
  return configureAccountArgs(operations).map((a) => ({ name: a.name, value: a.bytes }))
}

describe('emulateSession: a single host call agrees with casper-types', () => {
  test('for random accounts, operations and signer sets', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryAccount(), arbitraryOperation(), fc.nat(), async (account, op, pick) => {
        const keys = Object.keys(account.associatedKeys)
        const signers = keys.filter((_, i) => (pick >> i) & 1 || i === 0)
        const result = await emulateSession({
          chainspec: casper15,
          wasm: configureAccountWasm,
          args: argsOf(op),
          account,
          signers,
        })
        if (authorizationWeight(account, signers) < account.actionThresholds.deployment) {
          expect(result.failure?.message).toBe('Deployment authorization failure')
          return
        }
        if (authorizationWeight(account, signers) < account.actionThresholds.keyManagement) {
          expect(result.revert?.name).toBe('PermissionDenied')
          return
        }
        const expected = transcription(account, op)
        if ('failure' in expected) {
          expect(result.revert?.name).toBe(expected.failure)
          expect(result.account).toBe(account)
        } else {
          expect(result.ok).toBe(true)
          expect(result.account).toEqual(expected.account)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('emulateSession: traps and rollback', () => {
  const owner = hashOf(1)
  const account = createAccount(owner)
  const session = (body: string) =>
    wat(`(module
      (import "env" "casper_add_associated_key" (func $add (param i32 i32 i32) (result i32)))
      (import "env" "casper_set_action_threshold" (func $set (param i32 i32) (result i32)))
      (import "env" "casper_revert" (func $revert (param i32)))
      (memory 1)
      (data (i32.const 0) "${'\\22'.repeat(32)}")
      (func (export "call") ${body}))`)
  const run = async (body: string, overrides: Partial<Parameters<typeof emulateSession>[0]> = {}) =>
    emulateSession({
      chainspec: casper15,
      wasm: await session(body),
      account,
      signers: [owner],
      ...overrides,
    })

  test('a weight above 255 traps before the host charge', async () => {
    const result = await run('(drop (call $add (i32.const 0) (i32.const 32) (i32.const 256)))')
    expect(result.trap).toEqual({ message: 'Interpreter error: trap: Code(UnexpectedSignature)' })
    expect(result.gas.hostFunctions).toBe(0n)
  })

  test('an account hash of the wrong length traps after the host charge', async () => {
    const short = await run('(drop (call $add (i32.const 0) (i32.const 31) (i32.const 1)))')
    expect(short.trap?.message).toBe('Serialization error: Deserialization error: early end of stream')
    expect(short.gas.hostFunctions).toBe(1_200_000n)
    const long = await run('(drop (call $add (i32.const 0) (i32.const 33) (i32.const 1)))')
    expect(long.trap?.message).toBe('Serialization error: Deserialization error: left-over bytes')
  })

  test('reading outside memory traps with the interpreter text', async () => {
    const result = await run('(drop (call $add (i32.const 65530) (i32.const 32) (i32.const 1)))')
    expect(result.trap?.message).toBe(
      'Interpreter error: trying to access region [65530..65562] in memory [0..65536]',
    )
  })

  test('an unknown action type traps, but only once permission is granted', async () => {
    const body = '(drop (call $set (i32.const 7) (i32.const 1)))'
    expect((await run(body)).trap?.message).toBe('Interpreter error: trap: Code(Unreachable)')
    const locked = {
      ...account,
      associatedKeys: { [owner]: 1, [hashOf(2)]: 1 },
      actionThresholds: { deployment: 1, keyManagement: 2 },
    }
    const denied = await run(
      `(if (call $set (i32.const 7) (i32.const 1)) (then (call $revert (i32.const 23))))`,
      { account: locked },
    )
    expect(denied.revert?.code).toBe(apiErrorCode('PermissionDenied'))
  })

  test('UpgradeManagement traps with Invalid context on a legacy account under 2.0', async () => {
    const result = await run('(drop (call $set (i32.const 2) (i32.const 1)))', { chainspec: casperMainnet })
    expect(result.trap?.message).toBe('Invalid context')
  })

  test('a trap after successful writes rolls all of them back, and the gas stands', async () => {
    const result = await run(`
      (drop (call $add (i32.const 0) (i32.const 32) (i32.const 1)))
      (drop (call $set (i32.const 1) (i32.const 2)))
      (unreachable)`)
    expect(result.trap?.message).toBe('Interpreter error: trap: Code(Unreachable)')
    expect(result.account).toBe(account)
    expect(result.gas.storage).toBeGreaterThan(0n)
  })

  test('revert(0) and unknown codes are Unhandled [31]; user errors print as the node prints them', async () => {
    expect((await run('(call $revert (i32.const 0))')).revert?.message).toBe('ApiError::Unhandled [31]')
    expect((await run('(call $revert (i32.const 65543))')).revert?.message).toBe('User error: 7')
  })

  test('out of gas sets the used gas to the limit and changes nothing', async () => {
    const result = await run('(drop (call $add (i32.const 0) (i32.const 32) (i32.const 1)))', {
      gasLimit: 1_000_000n,
    })
    expect(result.failure).toEqual({ kind: 'outOfGas', message: 'Out of gas error' })
    expect(result.gas.total).toBe(1_000_000n)
    expect(result.account).toBe(account)
  })

  test('2.0 accepts an unassociated signer with weight 0 when another signer is associated; 1.5 does not', async () => {
    const body = '(drop (call $add (i32.const 0) (i32.const 32) (i32.const 1)))'
    const stranger = hashOf(9)
    expect((await run(body, { signers: [owner, stranger] })).failure?.message).toBe(
      'Authorization failure: not authorized.',
    )
    expect((await run(body, { signers: [owner, stranger], chainspec: casperMainnet })).ok).toBe(true)
    expect((await run(body, { signers: [stranger], chainspec: casperMainnet })).failure?.message).toBe(
      'Tracking copy error: Authorization error',
    )
  })

  test('a module the node would not accept is a preprocessing error and never runs', async () => {
    const floaty = await wat(`(module (memory 1) (func (export "call") (drop (f32.const 1))))`)
    const result = await emulateSession({ chainspec: casper15, wasm: floaty, account, signers: [owner] })
    expect(result.failure?.kind).toBe('preprocessing')
    expect(result.failure?.message).toMatch(/^Wasm preprocessing error: /)
    expect(result.calls).toEqual([])
  })

  // casper-node 1.5.8 execution_engine/src/core/runtime_context/mod.rs `remove_associated_key` checks no
  // key limit; released 2.x dropped the pre-release check (commit 6fdaaf495, test
  // `should_remove_associated_key_when_at_max_allowed_cap` in
  // execution_engine_testing/tests/src/test/contract_api/account/associated_keys.rs).
  test('1.5 and 2.x remove a key from an account holding 100 keys', async () => {
    const full: Account = {
      ...account,
      associatedKeys: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [hashOf(i + 1), 1])),
    }
    const args = configureAccountArgs({ remove: [hashOf(50)] }).map((a) => ({ name: a.name, value: a.bytes }))
    for (const chainspec of [casperMainnet, casper15]) {
      const result = await emulateSession({
        wasm: configureAccountWasm,
        args,
        account: full,
        signers: [owner],
        chainspec,
      })
      expect(result.ok).toBe(true)
      expect(Object.keys(result.account.associatedKeys)).toHaveLength(99)
      expect(hashOf(50) in result.account.associatedKeys).toBe(false)
    }
  })
})

test('named args are the CLValue inner bytes; the first of two same-named args wins', async () => {
  const owner = hashOf(1)
  const result = await emulateSession({
    chainspec: casper15,
    wasm: configureAccountWasm,
    args: [
      { name: 'km', value: new Uint8Array([1]) },
      { name: 'km', value: new Uint8Array([9]) },
    ],
    account: createAccount(owner),
    signers: [owner],
  })
  expect(result.ok).toBe(true)
  expect(hexToBytes('01')).toEqual(new Uint8Array([result.account.actionThresholds.keyManagement]))
})

describe('emulateSession: the node stops at its first problem, with its own text', () => {
  const owner = hashOf(1)
  const account = createAccount(owner)
  const run = (text: string, overrides: Partial<Parameters<typeof emulateSession>[0]> = {}) =>
    emulateSession({ chainspec: casper15, wasm: wat(text), account, signers: [owner], ...overrides })

  test('2.x prices sign-extension at `sign = 105` (mainnet 2.2.0 chainspec); 1.5 cannot deserialize it', async () => {
    const text = '(module (memory 1) (func (export "call") (drop (i32.extend8_s (i32.const 7)))))'
    const wasm = wat(text, { sign_extension: true })
    expect(casperMainnet.wasm.opcodeCosts.sign).toBe(105)
    expect(casper15.wasm.opcodeCosts.sign).toBeUndefined()
    const onTwo = await emulateSession({ wasm, account, signers: [owner], chainspec: casperMainnet })
    expect(onTwo.ok).toBe(true)
    expect(onTwo.gas.opcodes).toBe(105n + 105n + 105n) // i32.const, i32.extend8_s, drop; `end` is free
    const onOne = await emulateSession({ chainspec: casper15, wasm, account, signers: [owner] })
    expect(onOne.failure).toEqual({
      kind: 'preprocessing',
      message: 'Wasm preprocessing error: Deserialization error: Unknown opcode 192',
    })
  })

  test('an opcode the given costs do not price is the node preprocessing error, not a throw', async () => {
    const wasm = wat('(module (memory 1) (func (export "call") (drop (i32.extend8_s (i32.const 7)))))', {
      sign_extension: true,
    })
    const result = await emulateSession({
      wasm,
      account,
      signers: [owner],
      // A 2.x chainspec whose opcode table has no `sign` entry.
      chainspec: {
        ...casperMainnet,
        wasm: { ...casperMainnet.wasm, opcodeCosts: casper15.wasm.opcodeCosts },
      },
    })
    expect(result.failure).toEqual({
      kind: 'preprocessing',
      message:
        'Wasm preprocessing error: Encountered operation forbidden by gas rules. Consult instruction -> metering config map',
    })
  })

  test('a `call` export returning a value runs (casper-wasmi checks only the arguments)', async () => {
    const result = await run('(module (memory 1) (func (export "call") (result i32) (i32.const 7)))')
    expect(result.ok).toBe(true)
  })

  test('a `call` export taking a parameter traps UnexpectedSignature when invoked', async () => {
    const result = await run('(module (memory 1) (func (export "call") (param i32)))')
    expect(result.failure).toEqual({
      kind: 'trap',
      message: 'Interpreter error: trap: Code(UnexpectedSignature)',
    })
  })

  test('load, link and invoke failures are not preprocessing errors', async () => {
    const failure = async (text: string) => (await run(text)).failure
    expect(await failure('(module (memory 1) (func (export "main")))')).toMatchInlineSnapshot(`
      {
        "kind": "instantiation",
        "message": "Interpreter error: Module doesn't have export call",
      }
    `)
    expect(
      await failure('(module (import "env" "casper_nope" (func)) (memory 1) (func (export "call")))'),
    ).toMatchInlineSnapshot(`
        {
          "kind": "instantiation",
          "message": "Interpreter error: host module doesn't export function with name casper_nope",
        }
      `)
    expect(
      await failure('(module (memory 1) (func $s) (start $s) (func (export "call")))'),
    ).toMatchInlineSnapshot(`
      {
        "kind": "instantiation",
        "message": "Unsupported WASM start",
      }
    `)
    expect(
      await failure(
        '(module (import "env" "casper_revert" (func (param i32) (result i32))) (memory 1) (func (export "call")))',
      ),
    ).toMatchInlineSnapshot(`
      {
        "kind": "instantiation",
        "message": "Interpreter error: Expected function with type Signature { params: [I32], return_type: Some(I32) }, but actual type is Signature { params: [I32], return_type: None } for entry casper_revert",
      }
    `)
  })

  test('memory limits: casper-wasmi validation first, then the resolver', async () => {
    // initial > maximum: validation of the imported memory (casper-wasmi validate_memory).
    expect((await run('(module (memory 2 1) (func (export "call")))')).failure).toEqual({
      kind: 'instantiation',
      message: 'Interpreter error: maximum limit 1 is less than minimum 2',
    })
    // No maximum: externalize_mem sets it to 64, below an initial of 65.
    expect((await run('(module (memory 65) (func (export "call")))')).failure?.message).toBe(
      'Interpreter error: maximum limit 64 is less than minimum 65',
    )
    // A valid maximum above 64 pages: the resolver (v1_resolver.rs resolve_memory).
    expect((await run('(module (memory 1 65) (func (export "call")))')).failure).toEqual({
      kind: 'instantiation',
      message: 'Interpreter error: Module requested too much memory',
    })
  })

  test('only the first problem in the node order is reported', async () => {
    const text = `(module (import "env" "casper_nope" (func)) (import "env" "gas" (func (param i32)))
      (memory 1) (func $s (drop (f32.const 1))) (start $s))`
    // GasImport (ensure_valid_imports) comes before the float (gas injection), the unknown import
    // (linking), the start section and the missing `call` export.
    expect((await run(text)).failure).toEqual({
      kind: 'preprocessing',
      message: 'Wasm preprocessing error: Wasm validation error: module imports a non-existent function',
    })
    expect((await run('(module (func (export "call") (drop (f32.const 1))))')).failure?.message).toBe(
      'Wasm preprocessing error: Memory section should exist',
    )
  })

  test('an auction error revert prints the variant name, as casper-types Debug does', async () => {
    const revert = (code: number) =>
      run(`(module (import "env" "casper_revert" (func $r (param i32))) (memory 1)
        (func (export "call") (call $r (i32.const ${code}))))`)
    expect((await revert(64_514)).failure?.message).toBe('ApiError::AuctionError(MissingValue) [64514]')
    expect((await revert(64_512 + 49)).failure?.message).toBe(
      'ApiError::AuctionError(TransferToAdministrator) [64561]',
    )
  })

  test('casper_get_named_arg_size writing out of bounds has the interpreter memory text', async () => {
    const result = await run(
      `(module (import "env" "casper_get_named_arg_size" (func $size (param i32 i32 i32) (result i32)))
        (memory 1) (data (i32.const 0) "x")
        (func (export "call") (drop (call $size (i32.const 0) (i32.const 1) (i32.const 65534)))))`,
      { args: { x: new Uint8Array([1]) } },
    )
    expect(result.trap?.message).toBe(
      'Interpreter error: trying to access region [65534..65538] in memory [0..65536]',
    )
  })
})
