import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { cliMessage, cliRemedy } from '../../src/cli/cliRemedy.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { parsePrivateKey } from '../../src/keys/parsePrivateKey.js'
import { parsePublicKey } from '../../src/keys/parsePublicKey.js'
import { PreflightError } from '../../src/preflight/PreflightError.js'
import { explainExecutionError } from '../../src/rpc/explainExecutionError.js'
import { TimeoutError, UnreachableError } from '../../src/rpc/RpcError.js'

/** A library function or option named in a remedy: `name()`, or a camelCase identifier such as `timeoutMs`. */
const libraryName =
  /\b[a-z]+\(\)|\b(?:preflight|getAccountConfig|validateConfig|planReconfiguration|timeoutMs|parsePrivateKey|parsePublicKey|checkSessionWasm|walletSigner)\b/

function thrown(run: () => unknown): BaseError {
  try {
    run()
  } catch (error) {
    if (error instanceof BaseError) return error
  }
  throw new Error('expected a typed error')
}

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
      `"The deploy was sent: wait again with \`casper-multisig wait HASH --timeout SECONDS\`, and check that the node is synced."`,
    )
    // An unreachable node without a system code still gets a reason line.
    expect(cliMessage(new UnreachableError({ url: 'u', cause: new Error('bad port') }))).toContain(
      '\n  reason: bad port\n',
    )
    expect(cliMessage(new PreflightError([]))).toMatchInlineSnapshot(`
      "The deploy is not ready to send (0 problems)
      Remedy: Fix each problem listed; \`casper-multisig status FILE\` lists them."
    `)
  })

  test('no remedy the CLI prints names a library function', () => {
    const secret = generateKeyPairSync('ed25519')
    const errors = [
      new PreflightError([]),
      new TimeoutError({ url: 'u', timeoutMs: 5 }),
      thrown(() => parsePublicKey(secret.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)),
      thrown(() => parsePrivateKey(secret.publicKey.export({ type: 'spki', format: 'pem' }) as string)),
    ]
    for (const error of errors) expect(cliRemedy(error) ?? '').not.toMatch(libraryName)
    const messages = [
      'ApiError::PermissionDenied [23]',
      'ApiError::DuplicateKey [22]',
      'ApiError::MissingKey [24]',
      'ApiError::ThresholdViolation [25]',
      'ApiError::MaxKeysLimit [21]',
      'ApiError::KeyManagementThreshold [26]',
      'ApiError::InsufficientTotalWeight [28]',
      'Authorization failure: not authorized.',
      'Wasm preprocessing error: x',
      'something else',
    ]
    for (const message of messages) {
      const { remedy } = explainExecutionError(message)
      const error = new BaseError('Execution failed', { code: 'ExecutionFailed', remedy })
      expect(cliRemedy(error), message).not.toMatch(libraryName)
    }
  })
})
