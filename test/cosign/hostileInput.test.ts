// Files are untrusted: whatever they hold, reading them ends in a model or a CosignError, never
// another exception or a hang, and decoding bytes never reads past what is there.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { executableItem } from '../../src/codec/layouts.js'
import {
  CosignError,
  describeFile,
  parseCosignFile,
  transactionPayload,
  verifyFile,
} from '../../src/cosign/index.js'

const vectors = [
  'SYNTHETIC_deploy_multisig_modulebytes_2approvals.json',
  'SYNTHETIC_transaction_v1_session_2approvals.json',
  'transaction_v1_native-transfer_rpc-schema-example_casper-sidecar.json',
].map((name) => readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8'))

/** A vector's text with a few characters replaced, inserted or deleted. */
const mutated = fc
  .tuple(
    fc.constantFrom(...vectors),
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.string({ maxLength: 3 })),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
  )
  .map(([text, edits]) => {
    let out = text
    for (const [at, kind, chars] of edits) {
      const i = at % (out.length + 1)
      out =
        kind === 'delete'
          ? out.slice(0, i) + out.slice(i + 1)
          : out.slice(0, i) + chars + out.slice(kind === 'replace' ? i + chars.length : i)
    }
    return out
  })

describe('hostile input', () => {
  test('a mutated file parses, or is refused with a CosignError; a parsed one is described without throwing', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        let file: ReturnType<typeof parseCosignFile>
        try {
          file = parseCosignFile(text)
        } catch (error) {
          expect(error).toBeInstanceOf(CosignError)
          return
        }
        const report = verifyFile(file)
        expect(report.problems.length + report.approvals.length).toBeGreaterThan(0)
        expect(describeFile(file).hash).toBe(file.hash)
      }),
      { numRuns: 1500 },
    )
  })

  test('random bytes never decode past their end, and counts are checked before looping', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const coder of [transactionPayload, executableItem]) {
          try {
            const value = coder.decode(bytes)
            // What decodes must encode back to exactly those bytes.
            expect(coder.encode(value as never)).toEqual(bytes)
          } catch (error) {
            expect(error).toBeInstanceOf(Error)
          }
        }
      }),
      { numRuns: 3000 },
    )
    // A list count of 2^32 - 1 in 9 bytes: refused at once, not looped over.
    const started = performance.now()
    expect(() => executableItem.decode(Uint8Array.of(5, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0))).toThrow(/count/)
    // Looping over 2^32 - 1 items takes minutes; a loose bound so a busy machine never fails it.
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
