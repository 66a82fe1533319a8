import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountFromConfig } from '../../src/account/AccountConfig.js'
import { assertValidConfig } from '../../src/account/assertValidConfig.js'
import { ChainspecError } from '../../src/chainspec/ChainspecError.js'
import { parseChainspec } from '../../src/chainspec/parseChainspec.js'
import { cliMessage, cliRemedy } from '../../src/cli/cliRemedy.js'
import { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { startDevnet } from '../../src/devnet/startDevnet.js'
import { apiError } from '../../src/emulator/apiError.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { parsePrivateKey } from '../../src/keys/parsePrivateKey.js'
import { parsePublicKey } from '../../src/keys/parsePublicKey.js'
import { PreflightError } from '../../src/preflight/PreflightError.js'
import { ExecutionFailedError } from '../../src/rpc/ExecutionFailedError.js'
import { explainExecutionError } from '../../src/rpc/explainExecutionError.js'
import {
  JsonRpcError,
  MalformedResponseError,
  ResponseTooLargeError,
  TimeoutError,
  UnreachableError,
} from '../../src/rpc/RpcError.js'
import { hashOf } from '../arbitraries.js'

/**
 * A library function, option or value named in a remedy: `name()`, a library identifier, an options
 * object, or a preset.
 */
const libraryName =
  /\b[a-z]+\(\)|\b[a-z]+[A-Z]\w*\(|\b(?:preflight|getAccountConfig|validateConfig|planReconfiguration|timeoutMs|maxResponseBytes|parsePrivateKey|parsePublicKey|checkSessionWasm|walletSigner|casperMainnet|casperTestnet|casper15)\b|\{ algorithm|a Chainspec value/

async function thrown(run: () => unknown): Promise<BaseError> {
  try {
    await run()
  } catch (error) {
    if (error instanceof BaseError) return error
    throw error
  }
  throw new Error('expected a typed error')
}

/** The error awaitResult throws for `errorMessage`, explained as it explains it. */
function executionFailed(errorMessage: string): ExecutionFailedError {
  return new ExecutionFailedError({
    hash: 'ab'.repeat(32),
    errorMessage,
    ...explainExecutionError(errorMessage),
    charged: 1n,
    blockHash: 'cd'.repeat(32),
  })
}

const secret = generateKeyPairSync('ed25519')
const [a, b] = [hashOf(1), hashOf(2)]

/**
 * One error of each kind whose library remedy speaks to a program (a function, an option, a value
 * to pass), thrown by the library itself, with the remedy the command line prints instead.
 */
const translated: readonly (readonly [string, () => unknown, string])[] = [
  [
    'PreflightError',
    () => {
      throw new PreflightError([])
    },
    'Fix each problem listed; `casper-multisig status FILE` lists them.',
  ],
  [
    'InvalidConfigError',
    () => assertValidConfig({ associatedKeys: [], thresholds: { deployment: 1, keyManagement: 1 } }),
    'Change the configuration as each line says.',
  ],
  [
    'AccountError DuplicateKey',
    () =>
      accountFromConfig(
        {
          associatedKeys: [
            { key: a, weight: 1 },
            { key: a, weight: 2 },
          ],
          thresholds: { deployment: 1, keyManagement: 1 },
        },
        a,
      ),
    'Keep one entry per key.',
  ],
  [
    'PlanError InvalidTarget',
    () =>
      planReconfiguration(
        {
          ...createAccount(a),
          associatedKeys: { [a]: 1 },
          actionThresholds: { deployment: 1, keyManagement: 1 },
        },
        { associatedKeys: [{ key: a, weight: 1 }], thresholds: { deployment: 2, keyManagement: 1 } },
      ),
    'Fix the findings listed in the target file, then plan again.',
  ],
  [
    'KeyError: a secret key for a public one',
    () => parsePublicKey(secret.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
    'This is a secret key: pass its public_key.pem or public_key_hex instead, and keep the secret key private.',
  ],
  [
    'KeyError: a public key for a secret one',
    () => parsePrivateKey(secret.publicKey.export({ type: 'spki', format: 'pem' }) as string),
    'This is a public key: pass secret_key.pem to --key.',
  ],
  [
    'KeyError: no PEM block',
    () => parsePrivateKey('-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI'),
    'Pass the key file as keygen or casper-client keygen wrote it.',
  ],
  [
    'KeyError: an EC key without its curve',
    // SEC1 ECPrivateKey { version 1, privateKey } without the [0] curve parameters.
    () =>
      parsePrivateKey(
        `-----BEGIN EC PRIVATE KEY-----\n${Buffer.from([0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20, ...new Uint8Array(32).fill(7)]).toString('base64')}\n-----END EC PRIVATE KEY-----`,
      ),
    'If this is a secp256k1 key, pass --algorithm secp256k1.',
  ],
  [
    'KeyError: raw hex without its algorithm',
    () => parsePrivateKey('11'.repeat(32)),
    'Raw secret keys do not say their algorithm; pass --algorithm, or use the PEM file.',
  ],
  [
    'JsonRpcError InvalidDeploy',
    () => {
      throw new JsonRpcError({ url: 'u', rpcCode: -32008, rpcMessage: 'Invalid Deploy' })
    },
    'The node refused the deploy (see data): run `casper-multisig status`, check the approvals, the deployment threshold, the chain name and the TTL.',
  ],
  [
    'JsonRpcError MethodNotFound',
    () => {
      throw new JsonRpcError({ url: 'u', rpcCode: -32601, rpcMessage: 'Method not found' })
    },
    'The node does not serve this method: check its version (`casper-multisig account` prints its protocol).',
  ],
  [
    'TimeoutError of one call',
    () => {
      throw new TimeoutError({ url: 'u', timeoutMs: 5 })
    },
    'Check that the node is synced and reachable, then run the command again.',
  ],
  [
    'ResponseTooLargeError',
    () => {
      throw new ResponseTooLargeError({ url: 'u', maxResponseBytes: 10, receivedBytes: 11 })
    },
    'The node sent more than any answer to this call needs: use another node.',
  ],
  [
    'ChainspecError: not TOML',
    () => parseChainspec('[core'),
    "The node's chainspec (info_get_chainspec) cannot be read: check that --node is a casper-node (1.5 or later) or casper-sidecar JSON-RPC address.",
  ],
  [
    'ChainspecError: no chainspec',
    () => {
      throw new ChainspecError({ code: 'ChainspecUnavailable' })
    },
    "The node's chainspec (info_get_chainspec) cannot be read: check that --node is a casper-node (1.5 or later) or casper-sidecar JSON-RPC address.",
  ],
  [
    'DevnetError: a --chainspec that is not a chainspec',
    () => startDevnet({ port: 0, chainspec: '[core' }),
    'Pass --chainspec the path of a casper-node chainspec.toml (e.g. resources/mainnet/chainspec.toml), or use --protocol 1.5|2.0.',
  ],
  [
    'ExecutionFailedError: a signer the account does not hold',
    () => {
      throw executionFailed('Authorization failure: not authorized.')
    },
    'Attach approvals only from the account’s associated keys (`casper-multisig account` lists them), then send again.',
  ],
  [
    'ExecutionFailedError: Wasm the node refused',
    () => {
      throw executionFailed('Wasm preprocessing error: x')
    },
    'Check the module with `casper-multisig describe`; the bundled sessions pass on 1.5 and 2.0.',
  ],
  [
    'ExecutionFailedError: an unknown message',
    () => {
      throw executionFailed('something else')
    },
    'Read the message above; if the session manages keys, run `casper-multisig status FILE` against the account now.',
  ],
  [
    'ExecutionFailedError: MaxKeysLimit',
    () => {
      throw executionFailed('ApiError::MaxKeysLimit [21]')
    },
    'Remove a key in an earlier deploy before adding another (`casper-multisig plan` orders the steps so each succeeds).',
  ],
  [
    'ExecutionFailedError: DuplicateKey',
    () => {
      throw executionFailed('ApiError::DuplicateKey [22]')
    },
    'Re-read the account with `casper-multisig account` and plan again: change its weight with an update instead of adding it.',
  ],
  [
    'ExecutionFailedError: MissingKey',
    () => {
      throw executionFailed('ApiError::MissingKey [24]')
    },
    'Re-read the account with `casper-multisig account`: the key may already be gone; plan from the current state.',
  ],
  [
    'ExecutionFailedError: ThresholdViolation',
    () => {
      throw executionFailed('ApiError::ThresholdViolation [25]')
    },
    'Lower the thresholds first, or add / raise other keys before removing or lowering this one (`casper-multisig plan` orders the steps so each succeeds).',
  ],
  [
    'ExecutionFailedError: an ApiError explained by the emulator',
    () => {
      throw executionFailed('ApiError::Unhandled [31]')
    },
    'Run `casper-multisig status FILE` against the account now to see which call failed.',
  ],
]

describe('cliRemedy: remedies in the command line’s words', () => {
  test('network failures name the flags, a wait names the wait command', () => {
    expect(
      cliRemedy(new UnreachableError({ url: 'http://127.0.0.1:7777/rpc', reason: 'ECONNREFUSED' })),
    ).toMatchInlineSnapshot(
      `"Check that the node is running and that --node (or --node-address, -n, CASPER_NODE_ADDRESS) is its JSON-RPC address: http://HOST:7777 (/rpc is added) or the full …/rpc URL."`,
    )
    expect(
      cliRemedy(
        new TimeoutError({ url: 'u', timeoutMs: 1000, scope: 'deadline', waitingFor: 'execution of ab' }),
      ),
    ).toMatchInlineSnapshot(
      `"It was sent: wait again with \`casper-multisig wait HASH --timeout SECONDS\`, and check that the node is synced."`,
    )
    expect(
      cliRemedy(new MalformedResponseError({ url: 'u', field: 'result', expected: 'an object', got: '1' })),
    ).toMatch(/^The address does not answer like a Casper node: check --node/)
    // An unreachable node without a system code still gets a reason line.
    expect(cliMessage(new UnreachableError({ url: 'u', cause: new Error('bad port') }))).toContain(
      '\n  reason: bad port\n',
    )
    expect(cliMessage(new PreflightError([]))).toMatchInlineSnapshot(`
      "The deploy is not ready to send (0 problems)
      Remedy: Fix each problem listed; \`casper-multisig status FILE\` lists them."
    `)
  })

  test.each(translated)('%s: the command line names its commands and flags', async (_, run, expected) => {
    const error = await thrown(run)
    expect(error.remedy).toBeDefined()
    expect(error.remedy).not.toBe(expected)
    expect(expected).not.toMatch(libraryName)
    expect(cliRemedy(error)).toBe(expected)
    expect(cliMessage(error).endsWith(`\nRemedy: ${expected}`)).toBe(true)
    expect(cliMessage(error)).not.toContain(error.remedy!)
  })

  test('every execution failure: the library’s remedy unless it names a library function', () => {
    const messages = [
      // Every reserved ApiError, and a system-contract and a user error of each range.
      ...Array.from({ length: 40 }, (_, i) => apiError(i + 1).message),
      apiError(64_512 + 3).message,
      apiError(64_768 + 1).message,
      apiError(65_024 + 2).message,
      apiError(65_280 + 4).message,
      apiError(65_536 + 7).message,
      'Deployment authorization failure',
      'Authorization failure: not authorized.',
      'Out of gas error',
      'Insufficient payment',
      'Wasm preprocessing error: x',
      'something else',
    ]
    for (const message of messages) {
      const error = executionFailed(message)
      const remedy = cliRemedy(error)
      if (libraryName.test(error.remedy!)) {
        expect(remedy, message).not.toMatch(libraryName)
        expect(remedy, message).not.toBe(error.remedy)
      } else {
        expect(remedy, message).toBe(error.remedy)
      }
    }
  })

  test('errors whose remedy names nothing of the library keep it', async () => {
    const errors = [
      new JsonRpcError({ url: 'u', rpcCode: -32009, rpcMessage: 'No such account' }),
      new ChainspecError({ code: 'ChainspecMissingValue', key: 'core.max_associated_keys' }),
      await thrown(() => parsePublicKey('03'.repeat(33))),
      await thrown(() =>
        parsePrivateKey(`-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----`),
      ),
      await thrown(() =>
        accountFromConfig(
          { associatedKeys: [{ key: 'nope', weight: 1 }], thresholds: { deployment: 1, keyManagement: 1 } },
          b,
        ),
      ),
    ]
    for (const error of errors) expect(cliRemedy(error), error.message).toBe(error.remedy)
  })
})
