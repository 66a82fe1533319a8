// Fuzzing the CLValue reader: whatever it accepts, casper-js-sdk (which preflight, the devnet and
// submission use) writes to the very bytes casper-node hashes; whatever it refuses, it refuses with a
// typed error, in bounded time.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { executableItemBytes } from '../../src/deploy/deployBytes.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { parseDeployJson } from '../../src/deploy/parseDeployJson.js'
import { sdkDeployFromJson } from '../../src/deploy/sdk.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { vector } from '../vectors.js'
import { clValueArbitrary } from './clValueArbitrary.js'

const base: DeployJson = vector('deploy_2approvals_casper-client-rs.json')

function withArg(clType: unknown, bytes: string): DeployJson {
  const deploy = structuredClone(base)
  deploy.session = { Transfer: { args: [['x', { cl_type: clType, bytes }]] } }
  return deploy
}

/** The session bytes as casper-js-sdk writes them, or undefined when it throws. */
function sdkSessionHex(deploy: DeployJson): string | undefined {
  const { error, warn, log } = console
  console.error = console.warn = console.log = () => undefined
  try {
    return bytesToHex(sdkDeployFromJson({ ...deploy, approvals: [] }).session.bytes())
  } catch {
    return undefined
  } finally {
    Object.assign(console, { error, warn, log })
  }
}

/** Parses; returns the deploy, or the typed error's code (any other throw fails the test). */
function outcome(input: unknown): { deploy: DeployJson; ms: number } | { code: string; ms: number } {
  const start = performance.now()
  try {
    const deploy = parseDeployJson(input)
    return { deploy, ms: performance.now() - start }
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
    return { code: error.code, ms: performance.now() - start }
  }
}

/** Accepted: the library's bytes (what casper-node hashes) and casper-js-sdk's are the same. */
function expectSameBytes(deploy: DeployJson): void {
  expect(sdkSessionHex(deploy)).toBe(bytesToHex(executableItemBytes(deploy.session)))
  expect(deployHashes(deploy).bodyHash).toMatch(/^[0-9a-f]{64}$/)
}

/** What casper-js-sdk cannot write exactly is refused; nothing else is. */
const sdkLimits = new Set(['UnserializableDeploy'])

describe('CLValues', () => {
  test('a valid value of any CLType is accepted with the bytes casper-node hashes, or refused as one casper-js-sdk cannot write', () => {
    fc.assert(
      fc.property(clValueArbitrary, ({ clType, bytes }) => {
        const deploy = withArg(clType, bytesToHex(new Uint8Array(bytes)))
        const result = outcome(deploy)
        if ('code' in result) expect(sdkLimits).toContain(result.code)
        else expectSameBytes(deploy)
      }),
      { numRuns: 400 },
    )
  })

  test('mutated values are refused with a typed error or accepted with identical bytes, fast', () => {
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(),
        value: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('grow' as const), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('huge' as const), at: fc.nat() }),
    )
    fc.assert(
      fc.property(
        clValueArbitrary,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        ({ clType, bytes }, mutations) => {
          const b = [...bytes]
          for (const m of mutations) {
            const at = b.length === 0 ? 0 : ('at' in m ? m.at : 0) % b.length
            if (m.kind === 'flip' && b.length > 0) b[at] = m.value
            if (m.kind === 'cut') b.length = at
            if (m.kind === 'grow') b.push(m.value)
            if (m.kind === 'huge') b.splice(at, 4, 0xff, 0xff, 0xff, 0x7f)
          }
          const deploy = withArg(clType, bytesToHex(new Uint8Array(b)))
          const result = outcome(deploy)
          // A huge declared count must be refused before anything is allocated or looped: a
          // linear blow-up takes seconds. The bound is loose so a busy machine never fails it.
          expect(result.ms).toBeLessThan(2000)
          if ('deploy' in result) expectSameBytes(deploy)
        },
      ),
      { numRuns: 400 },
    )
  })
})
