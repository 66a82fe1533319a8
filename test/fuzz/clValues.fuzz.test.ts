// Fuzzing the CLValue reader: whatever is valid it accepts, hashing the bytes as written, as
// casper-node does, and where casper-js-sdk reads every value back to the same bytes, the sdk writes
// the same payment and session; whatever it refuses, it refuses with a typed error, in bounded time.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { executableItemBytes } from '../../src/deploy/deployBytes.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { sdkItemHex } from '../sdkItemHex.js'
import { vector } from '../vectors.js'
import { clValueArbitrary } from './clValueArbitrary.js'

const base: DeployJson = vector('deploy_2approvals_casper-client-rs.json')

function withArg(clType: unknown, bytes: string): DeployJson {
  const deploy = structuredClone(base)
  deploy.session = { Transfer: { args: [['x', { cl_type: clType, bytes }]] } }
  return deploy
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

/**
 * Accepted: the session hashed holds the value's bytes exactly as given (Transfer tag, one arg, its
 * name `x`, then the value's length and bytes); where casper-js-sdk is an oracle, its bytes are the
 * same. Returns whether the sdk was compared.
 */
function expectNodeBytes(deploy: DeployJson, value: string): boolean {
  const ours = bytesToHex(executableItemBytes(deploy.session))
  const length = bytesToHex(new Uint8Array(new Uint32Array([value.length / 2]).buffer))
  expect(ours.startsWith(`05010000000100000078${length}${value}`)).toBe(true)
  expect(deployHashes(deploy).bodyHash).toMatch(/^[0-9a-f]{64}$/)
  const theirs = sdkItemHex(deploy, 'session')
  if (theirs !== undefined) expect(theirs).toBe(ours)
  return theirs !== undefined
}

describe('CLValues', () => {
  test('a valid value of any CLType is accepted with the bytes casper-node hashes, the same as casper-js-sdk writes where it reads the value', () => {
    let compared = 0
    fc.assert(
      fc.property(clValueArbitrary, ({ clType, bytes }) => {
        const value = bytesToHex(new Uint8Array(bytes))
        const result = outcome(withArg(clType, value))
        if ('code' in result) throw new Error(`refused: ${result.code}`)
        if (expectNodeBytes(result.deploy, value)) compared++
      }),
      { numRuns: 400 },
    )
    // The sdk reads most generated values: the comparison is not vacuous.
    expect(compared).toBeGreaterThan(200)
  })

  test('mutated values are refused with a typed error or accepted with the bytes as written, fast', () => {
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
          const value = bytesToHex(new Uint8Array(b))
          const result = outcome(withArg(clType, value))
          // A huge declared count must be refused before anything is allocated or looped: a
          // linear blow-up takes seconds. The bound is loose so a busy machine never fails it.
          expect(result.ms).toBeLessThan(2000)
          if ('deploy' in result) expectNodeBytes(result.deploy, value)
        },
      ),
      { numRuns: 400 },
    )
  })
})
