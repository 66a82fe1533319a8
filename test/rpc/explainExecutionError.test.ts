// Table test: every error_message text casper-node prints for these sessions, explained in the account's terms.
import { describe, expect, test } from 'vitest'
import type { Account } from '../../src/account/Account.js'
import {
  type ExplainExecutionErrorContext,
  explainExecutionError,
} from '../../src/rpc/explainExecutionError.js'

const a = 'a1'.repeat(32)
const b = 'b2'.repeat(32)
const c = 'c3'.repeat(32)
const stranger = 'dd'.repeat(32)

/** Keys a:2, b:1, c:1 (total 4); deployment 2, key management 3. */
const account: Account = {
  accountHash: a,
  associatedKeys: { [a]: 2, [b]: 1, [c]: 1 },
  actionThresholds: { deployment: 2, keyManagement: 3 },
}
const withAccount: ExplainExecutionErrorContext = { account, signers: [a] }

// Texts as casper-node prints them (casper-types `api_error.rs` Display; execution engine `error.rs`).
const table: [
  message: string,
  context: ExplainExecutionErrorContext,
  expected: { kind: string; code?: number; name?: string; explanation: string | RegExp; remedy: RegExp },
][] = [
  [
    'ApiError::ThresholdViolation [25]',
    withAccount,
    {
      kind: 'ApiError',
      code: 25,
      name: 'ThresholdViolation',
      explanation: `removing or lowering a key would leave the remaining keys below the key-management threshold 3 (e.g. without account-hash-${a}, weight 2, they would hold 2)`,
      remedy: /Lower the thresholds first/,
    },
  ],
  [
    'ApiError::ThresholdViolation [25]',
    {},
    {
      kind: 'ApiError',
      code: 25,
      name: 'ThresholdViolation',
      explanation: /deployment or key-management threshold/,
      remedy: /Lower the thresholds first/,
    },
  ],
  [
    'ApiError::PermissionDenied [23]',
    withAccount,
    {
      kind: 'ApiError',
      code: 23,
      name: 'PermissionDenied',
      explanation: 'the signers held weight 2, key management needs 3',
      remedy: new RegExp(
        `not yet signed: account-hash-${b} \\(weight 1\\), account-hash-${c} \\(weight 1\\)`,
      ),
    },
  ],
  [
    'ApiError::DuplicateKey [22]',
    withAccount,
    {
      kind: 'ApiError',
      code: 22,
      name: 'DuplicateKey',
      explanation: /already an associated key/,
      remedy: /update instead of adding/,
    },
  ],
  [
    'ApiError::MissingKey [24]',
    withAccount,
    {
      kind: 'ApiError',
      code: 24,
      name: 'MissingKey',
      explanation: new RegExp(`it holds account-hash-${a}, account-hash-${b}, account-hash-${c}`),
      remedy: /Re-read the account/,
    },
  ],
  [
    'ApiError::MaxKeysLimit [21]',
    withAccount,
    {
      kind: 'ApiError',
      code: 21,
      name: 'MaxKeysLimit',
      explanation:
        'the account already holds 3 associated keys; the limit is 100 (chainspec core.max_associated_keys)',
      remedy: /Remove a key/,
    },
  ],
  [
    'ApiError::KeyManagementThreshold [26]',
    withAccount,
    {
      kind: 'ApiError',
      code: 26,
      name: 'KeyManagementThreshold',
      explanation: 'the key-management threshold may not go below the deployment threshold 2',
      remedy: /Lower the deployment threshold first/,
    },
  ],
  [
    'ApiError::DeploymentThreshold [27]',
    withAccount,
    {
      kind: 'ApiError',
      code: 27,
      name: 'DeploymentThreshold',
      explanation: 'the deployment threshold may not exceed the key-management threshold 3',
      remedy: /Raise the key-management threshold first/,
    },
  ],
  [
    'ApiError::InsufficientTotalWeight [28]',
    withAccount,
    {
      kind: 'ApiError',
      code: 28,
      name: 'InsufficientTotalWeight',
      explanation: 'a threshold may not exceed the total weight of all keys (4)',
      remedy: /Add keys or raise weights/,
    },
  ],
  [
    'ApiError::MissingArgument [2]',
    {},
    {
      kind: 'ApiError',
      code: 2,
      name: 'MissingArgument',
      explanation: /named argument/,
      remedy: /deployment-account/,
    },
  ],
  [
    'ApiError::InvalidArgument [3]',
    {},
    {
      kind: 'ApiError',
      code: 3,
      name: 'InvalidArgument',
      explanation: /wrong type/,
      remedy: /ByteArray\(32\)/,
    },
  ],
  [
    'ApiError::Unhandled [31]',
    {},
    {
      kind: 'ApiError',
      code: 31,
      name: 'Unhandled',
      explanation: 'the session reverted with ApiError::Unhandled [31]',
      remedy: /emulator/,
    },
  ],
  [
    'ApiError::AuctionError(InvalidAmount) [64517]',
    {},
    {
      kind: 'ApiError',
      code: 64517,
      name: 'AuctionError',
      explanation: 'the session reverted with ApiError::AuctionError(InvalidAmount) [64517]',
      remedy: /emulator/,
    },
  ],
  [
    'User error: 7',
    {},
    {
      kind: 'UserError',
      code: 65543,
      name: 'User',
      explanation: 'the session reverted with its own code 7',
      remedy: /session’s source/,
    },
  ],
  [
    'Mint error: 2',
    {},
    {
      kind: 'ApiError',
      code: 65026,
      name: 'Mint',
      explanation: 'the session reverted with Mint error: 2',
      remedy: /emulator/,
    },
  ],
  [
    'Authorization failure: not authorized.',
    { account, signers: [a, stranger] },
    {
      kind: 'AuthorizationFailure',
      explanation: `account-hash-${stranger} signed but is not an associated key of this account (casper-node 1.5 refuses the whole deploy)`,
      remedy: /only from the account’s associated keys/,
    },
  ],
  [
    'Authorization failure: not authorized.',
    {},
    {
      kind: 'AuthorizationFailure',
      explanation: /a signer is not an associated key/,
      remedy: /associated keys/,
    },
  ],
  [
    'Deployment authorization failure',
    { account, signers: [b] },
    {
      kind: 'DeploymentAuthorizationFailure',
      explanation: 'the signers held weight 1, the deployment threshold is 2',
      remedy: new RegExp(`account-hash-${a} \\(weight 2\\)`),
    },
  ],
  [
    'Out of gas error',
    { payment: 2_500_000_000n },
    {
      kind: 'OutOfGas',
      explanation: 'the session ran out of gas within the payment of 2500000000 motes',
      remedy: /higher payment/,
    },
  ],
  [
    'Insufficient payment',
    {},
    { kind: 'InsufficientPayment', explanation: /payment was below/, remedy: /Raise the payment amount/ },
  ],
  [
    'Wasm preprocessing error: Deserialization error: Unknown opcode 192',
    {},
    { kind: 'WasmPreprocessing', explanation: /Unknown opcode 192/, remedy: /checkSessionWasm/ },
  ],
  ['something new', {}, { kind: 'Unknown', explanation: 'something new', remedy: /preflight/ }],
]

describe('explainExecutionError', () => {
  test.each(table)('%s', (message, context, expected) => {
    const got = explainExecutionError(message, context)
    expect(got.kind).toBe(expected.kind)
    if (expected.code === undefined) expect(got.apiError).toBeUndefined()
    else expect(got.apiError).toMatchObject({ code: expected.code, name: expected.name })
    if (typeof expected.explanation === 'string') expect(got.explanation).toBe(expected.explanation)
    else expect(got.explanation).toMatch(expected.explanation)
    expect(got.remedy).toMatch(expected.remedy)
  })

  test('ThresholdViolation names a key whose removal breaks the threshold, with what the rest would hold', () => {
    // Keys 2 + 2 with key management 3: either removal leaves 2.
    const twoByTwo: Account = {
      accountHash: a,
      associatedKeys: { [a]: 2, [b]: 2 },
      actionThresholds: { deployment: 1, keyManagement: 3 },
    }
    expect(
      explainExecutionError('ApiError::ThresholdViolation [25]', { account: twoByTwo }).explanation,
    ).toBe(
      `removing or lowering a key would leave the remaining keys below the key-management threshold 3 (e.g. without account-hash-${a}, weight 2, they would hold 2)`,
    )
  })
})
