// One chainspec option in place of loose limits: the legacy protocol name maps to its preset.
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import type { validateConfig } from '../../src/account/validateConfig.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { resolveChainspec } from '../../src/chainspec/resolveChainspec.js'
import type { planReconfiguration } from '../../src/deploy/planReconfiguration.js'
import { emulateSession } from '../../src/emulator/emulateSession.js'
import { twoPartyMultiSigWasm } from '../../src/wasm/modules/twoPartyMultiSigWasm.js'
import { twoPartyMultiSigArgs } from '../../src/wasm/twoPartyMultiSigArgs.js'
import { hashOf } from '../arbitraries.js'

const owner = hashOf(1)
const session = {
  wasm: twoPartyMultiSigWasm,
  args: twoPartyMultiSigArgs(hashOf(2)),
  account: createAccount(owner),
  signers: [owner],
}

describe('the chainspec option', () => {
  test('defaults to casperMainnet; the deprecated protocol names map to casper15 and casperMainnet', async () => {
    expect(resolveChainspec()).toBe(casperMainnet)
    expect(resolveChainspec({ protocol: '1.5' })).toBe(casper15)
    expect(resolveChainspec({ protocol: '2.0' })).toBe(casperMainnet)
    expect(resolveChainspec({ protocol: '1.5', chainspec: casperMainnet })).toBe(casperMainnet)
    const [byDefault, byName, byValue] = await Promise.all([
      emulateSession(session),
      emulateSession({ ...session, protocol: '1.5' }),
      emulateSession({ ...session, chainspec: casper15 }),
    ])
    expect(byName.gas).toEqual(byValue.gas)
    expect(byDefault.gas).not.toEqual(byValue.gas)
  })
  test('the loose limits and cost tables are gone from the options', async () => {
    const reference = await emulateSession(session)
    // @ts-expect-error costs come from the chainspec
    expect((await emulateSession({ ...session, costs: {} })).gas).toEqual(reference.gas)
    // @ts-expect-error the stack limit comes from the chainspec
    await emulateSession({ ...session, maxStackHeight: 10 })
    // Checked by the type checker (npm run typecheck): each `satisfies` fails if the option returns.
    const _limits = {
      // @ts-expect-error the key limit comes from the chainspec
      maxAssociatedKeys: 5,
    } satisfies Parameters<typeof validateConfig>[1]
    const _args = {
      // @ts-expect-error the args limit comes from the chainspec
      maxSessionArgsLength: 100,
    } satisfies Parameters<typeof planReconfiguration>[2]
  })
})
