// A session runs with the gas its payment buys, as on the node: a looping module ends in "Out of
// gas error" at once in describe, status and preflight, and the outcome says the payment is
// charged in full (casper-node 2.x `operations.rs` "no refund for penalty").
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { maxSessionGas, sessionGasLimit } from '../../src/chainspec/resolveChainspec.js'
import { describeForCli } from '../../src/cli/describeText.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { buildModuleBytesDeploy } from '../../src/deploy/buildModuleBytesDeploy.js'
import { buildSessionTransaction } from '../../src/deploy/buildSessionTransaction.js'
import { describeDeploy } from '../../src/preflight/describeDeploy.js'
import { expectedOutcome } from '../../src/preflight/expectedOutcome.js'
import { preflight } from '../../src/preflight/preflight.js'
import { preflightTransaction } from '../../src/rpc/preflightTransaction.js'
import { wat } from '../wasm/wat.js'

const owner = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'
const account = createAccount(accountHashFromPublicKey(owner))
const at = new Date('2024-01-01T00:00:00.000Z')
// The issue's module: 46 bytes that loop for ever. Emulated to the lane's 10^12 gas it took 31-42 s.
const loop = wat('(module (memory 1) (func (export "call") (loop $again (br $again))))')
const payment = 2_500_000_000n
const deploy = buildModuleBytesDeploy({
  account: owner,
  chainName: 'casper',
  wasm: loop,
  args: [],
  payment,
  timestamp: at,
})
const transaction = buildSessionTransaction({
  account: owner,
  chainName: 'casper',
  wasm: loop,
  args: [],
  payment,
  timestamp: at,
})

/** Wall milliseconds of `step`, and its result. */
async function timed<T>(step: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await step()
  return { ms: performance.now() - started, value }
}

// Spending 2.5e9 gas in the loop takes about 0.1 s; 10^12 took over 30 s. A loose bound so a busy
// machine never fails it.
const boundMs = 3000

describe('the emulator stops at the gas the payment buys', () => {
  test('the gas limit is the payment over the gas price, at most the largest lane', () => {
    expect(sessionGasLimit(casperMainnet, payment, 1)).toBe(payment)
    expect(sessionGasLimit(casperMainnet, payment, 2)).toBe(payment / 2n)
    expect(sessionGasLimit(casperMainnet, 10n ** 15n, 1)).toBe(maxSessionGas(casperMainnet))
    expect(sessionGasLimit(casperMainnet, undefined, 1)).toBe(maxSessionGas(casperMainnet))
  })

  test.each([
    ['deploy', deploy],
    ['transaction', transaction],
  ] as const)('a looping %s: the outcome is out of gas, charged in full, at once', async (_, json) => {
    const file = parseCosignFile(JSON.stringify(json))
    const outcome = await timed(() => expectedOutcome(file, account))
    expect(outcome.ms).toBeLessThan(boundMs)
    expect(outcome.value).toMatchObject({
      ok: false,
      failure: 'Out of gas error',
      outOfGas: true,
      gasLimit: payment,
    })

    // describe (and status, which shows the same description against the account)
    for (const describing of [
      () => describeDeploy(file, { account, now: at }),
      () => describeForCli(file, { account }),
    ]) {
      const { ms, value } = await timed(describing)
      expect(ms).toBeLessThan(boundMs)
      expect(value.safeToSign).toBe(false)
      expect(value.payment).toMatchObject({ kind: 'standard', outOfGas: true, ifFails: payment })
      expect(value.doNotSign).toContain(
        'the session runs out of gas within the 2500000000 gas its payment of 2.5 CSPR buys: it changes nothing and is charged the whole 2.5 CSPR',
      )
    }
    const { value } = await timed(() => describeDeploy(file, { account, now: at }))
    expect(value.text).toContain(
      'Payment: 2.5 CSPR standard payment (runs out of gas within what it buys, charged 2.5 CSPR)',
    )
  })

  test.each([
    ['deploy', () => preflight(deploy, account, { now: at })],
    ['transaction', () => preflightTransaction(transaction, account, { now: at })],
  ] as const)('preflight of a looping %s: PaymentBelowCost, at once', async (_, run) => {
    const { ms, value } = await timed(run)
    expect(ms).toBeLessThan(boundMs)
    expect(value.emulation?.failure).toEqual({ kind: 'outOfGas', message: 'Out of gas error' })
    expect(value.emulation?.gas.total).toBe(payment)
    const issue = value.errors.find((e) => e.code === 'PaymentBelowCost')
    expect(issue?.message).toBe(
      'payment 2500000000 motes buys 2500000000 gas and the session runs out of gas within it: the deploy would fail, change nothing and be charged the whole payment',
    )
    expect(value.errors.map((e) => e.code)).not.toContain('SessionWouldFail')
  })
})
