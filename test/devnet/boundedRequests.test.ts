// The devnet does bounded work per request and keeps answering other clients while one posts the
// heaviest files its body limit lets through.
import { afterEach, describe, expect, test } from 'vitest'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import { type Devnet, devnetMaxBodyBytes, startDevnet } from '../../src/devnet/startDevnet.js'
import { deployWithArgs, hostileTypeShapes, transactionWithArgs } from '../typeTreeFiles.js'
import { wat } from '../wasm/wat.js'
import { alice, call } from './devnetKit.js'

let devnet: Devnet | undefined
afterEach(async () => {
  await devnet?.stop()
  devnet = undefined
})

// Each answer to the light client: the heavy requests took 9-32 s and reset other clients. A loose
// bound so a busy machine never fails it.
const boundMs = 3000

describe('the devnet under heavy requests', () => {
  test('while one client posts wide nested CLTypes and a looping session, another is answered within a bound', async () => {
    devnet = await startDevnet({
      protocol: '2.0',
      blockIntervalMs: 50,
      accounts: [{ publicKey: alice.publicKey }],
    })
    const url = devnet.url
    const heavy = hostileTypeShapes(devnetMaxBodyBytes - 20_000).flatMap(({ args, pad }) => [
      { method: 'account_put_deploy', params: { deploy: deployWithArgs(args, pad) } },
      {
        method: 'account_put_transaction',
        params: { transaction: { Version1: transactionWithArgs(args, pad).Version1 } },
      },
    ])
    const loop = wat('(module (memory 1) (func (export "call") (loop $again (br $again))))')
    const looping = await signDeploy(
      buildModuleBytesDeploy({
        account: alice.publicKey,
        chainName: devnet.chainName,
        wasm: loop,
        args: [],
        payment: 2_500_000_000n,
      }),
      alice,
    )
    let heavyDone = false
    const answers: { ms: number; ok: boolean }[] = []
    const light = (async () => {
      while (!heavyDone) {
        for (const method of ['info_get_status', 'chain_get_state_root_hash']) {
          const started = performance.now()
          const answer = await call(url, method)
          answers.push({ ms: performance.now() - started, ok: 'result' in answer })
        }
      }
    })()
    const codes: (number | undefined)[] = []
    for (const { method, params } of heavy) codes.push((await call(url, method, params)).error?.code)
    const accepted = await call(url, 'account_put_deploy', { deploy: looping })
    expect(accepted.result?.deploy_hash).toBe(looping.hash)
    await devnet.waitForExecution(looping.hash, 20_000)
    heavyDone = true
    await light
    // Every heavy file is answered with the node's refusal or accepted, never left hanging.
    expect(
      codes.every((code) => code === undefined || code === -32008 || code === -32016 || code === -32602),
    ).toBe(true)
    const execution = devnet.state.items[looping.hash]?.execution
    expect(execution).toMatchObject({ errorMessage: 'Out of gas error', consumed: 2_500_000_000n })
    expect(answers.length).toBeGreaterThan(2)
    expect(answers.every((a) => a.ok)).toBe(true)
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(boundMs)
  })

  test('a repeated key keeps the last value, as casper-node reads a request (serde_json Map)', async () => {
    devnet = await startDevnet({ protocol: '2.0', blockIntervalMs: 3_600_000 })
    const response = await fetch(devnet.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jsonrpc":"2.0","id":1,"method":"no_such_method","method":"info_get_status"}',
    })
    const answer = (await response.json()) as { result?: { api_version?: string } }
    expect(answer.result?.api_version).toMatch(/^2\./)
  })
})
