// parseChainspec against casper-node's released chainspec files, and its errors.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { ChainspecError } from '../../src/chainspec/ChainspecError.js'
import { casper15 } from '../../src/chainspec/casper15.js'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { casperTestnet } from '../../src/chainspec/casperTestnet.js'
import { parseChainspec } from '../../src/chainspec/parseChainspec.js'

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')
export const mainnetToml = fixture('mainnet-2.2.0.chainspec.toml')
const testnetToml = fixture('testnet-2.2.2.chainspec.toml')
const v158Toml = fixture('mainnet-1.5.8.chainspec.toml')

function errorOf(run: () => unknown): ChainspecError {
  try {
    run()
  } catch (error) {
    if (error instanceof ChainspecError) return error
    throw error
  }
  throw new Error('expected a ChainspecError')
}

describe('parseChainspec reads released casper-node chainspecs', () => {
  test('mainnet 2.2.0 equals the casperMainnet preset', () => {
    expect(parseChainspec(mainnetToml)).toEqual(casperMainnet)
  })
  test('testnet 2.2.2 equals the casperTestnet preset', () => {
    expect(parseChainspec(testnetToml)).toEqual(casperTestnet)
  })
  test('mainnet 1.5.8 equals the casper15 preset', () => {
    expect(parseChainspec(v158Toml)).toEqual(casper15)
  })
  test('values the rules read, spelled out from the mainnet file', () => {
    const spec = parseChainspec(mainnetToml)
    expect(spec.protocolVersion).toBe('2.2.0')
    expect(spec.authorization).toBe('anySignerAssociated')
    expect(spec.refundHandling).toEqual({ type: 'refund', ratio: [75, 100] })
    expect(spec.wasm.opcodeCosts.control_flow.br).toBe(1665)
    expect(spec.wasm.opcodeCosts.control_flow.br_table).toEqual({ cost: 150, size_multiplier: 100 })
    expect(spec.lanes.map((l) => [l.id, l.kind, l.maxGasLimit])).toEqual([
      [0, 'mint', 100_000_000n],
      [1, 'auction', 2_500_000_000n],
      [2, 'installUpgrade', 1_000_000_000_000n],
      [3, 'wasm', 1_000_000_000_000n],
      [4, 'wasm', 100_000_000_000n],
      [5, 'wasm', 5_000_000_000n],
    ])
    expect(parseChainspec(v158Toml).wasm.opcodeCosts.sign).toBeUndefined()
  })
})

describe('parseChainspec refuses what it cannot use', () => {
  test('text that is not TOML', () => {
    const error = errorOf(() => parseChainspec('[protocol\nversion = 1'))
    expect(error.code).toBe('ChainspecSyntax')
  })
  test('a missing needed value names its key path', () => {
    const error = errorOf(() => parseChainspec(mainnetToml.replace('max_associated_keys = 100\n', '')))
    expect(error.code).toBe('ChainspecMissingValue')
    expect(error.key).toBe('core.max_associated_keys')
    expect(error.message).toMatchInlineSnapshot(`
      "chainspec has no core.max_associated_keys
        key: core.max_associated_keys
      Remedy: Check the value against casper-node's chainspec.toml for the network."
    `)
  })
  test('a missing host-function cost names its key path', () => {
    const text = mainnetToml.replace(/^add_associated_key = .*\n/m, '')
    expect(errorOf(() => parseChainspec(text)).key).toBe(
      'wasm.v1.host_function_costs.add_associated_key.cost',
    )
  })
  test('a malformed value names its key path, the expectation and the value', () => {
    const text = mainnetToml.replace(
      "refund_handling = { type = 'refund'",
      "refund_handling = { type = 'rebate'",
    )
    const error = errorOf(() => parseChainspec(text))
    expect(error.code).toBe('ChainspecInvalidValue')
    expect(error.message).toMatchInlineSnapshot(`
      "chainspec core.refund_handling.type: expected 'refund', 'burn' or 'no_refund'
        key: core.refund_handling.type
        expected: 'refund', 'burn' or 'no_refund'
        got: "rebate"
      Remedy: Check the value against casper-node's chainspec.toml for the network."
    `)
    const lane = errorOf(() =>
      parseChainspec(mainnetToml.replace('[5, 65_536, 512, 5_000_000_000, 40]', '[5, 65_536]')),
    )
    expect(lane.key).toBe('transactions.v1.wasm_lanes[2]')
    const ttl = errorOf(() =>
      parseChainspec(mainnetToml.replace("max_ttl = '2 hours'", "max_ttl = 'two hours'")),
    )
    expect(ttl.key).toBe('transactions.max_ttl')
  })
  test('a value shown in an error has its control and bidi characters made visible', () => {
    const text = mainnetToml.replace("max_ttl = '2 hours'", 'max_ttl = "2 h\\u202eours\\u0007"')
    expect(errorOf(() => parseChainspec(text)).details.got).toBe('"2 h\\u{202e}ours\\u0007"')
  })
  test('unused sections may be absent', () => {
    const text = mainnetToml
      .replace(/\[system_costs\.handle_payment_costs\][\s\S]*?\[vacancy\]/, '[vacancy]')
      .replace(/\[highway\][^[]*/, '')
    expect(parseChainspec(text)).toEqual(casperMainnet)
  })
})
