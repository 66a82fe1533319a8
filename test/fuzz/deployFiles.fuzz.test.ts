// Mutations of the published deploy vectors, as text and as values: the whole read-verify-describe
// path answers with a typed error or a truthful result, in bounded time, and what it accepts hashes
// as casper-node does (checked against the vectors' own hashes, and casper-js-sdk's bytes wherever it
// reads every value back to the bytes given).
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { mergeApprovals } from '../../src/approvals/mergeApprovals.js'
import { verifyDeployJson } from '../../src/approvals/verifyDeployJson.js'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { executableItemBytes } from '../../src/deploy/deployBytes.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { describeDeploy } from '../../src/preflight/describeDeploy.js'
import { hasUnsafeText } from '../../src/text/safeText.js'
import { sdkItemHex } from '../sdkItemHex.js'
import { vector } from '../vectors.js'

const names = [
  'deploy_2approvals_casper-client-rs.json',
  'deploy_transfer_rpc-schema-example_casper-node-v1.5.8.json',
  'deploy_transfer_with-expected-bytes_casper-js-sdk-2.15.4.json',
  'SYNTHETIC_deploy_multisig_modulebytes_2approvals.json',
]
const vectors = names.map((name) => {
  const json = vector<DeployJson & { deploy?: DeployJson }>(name)
  return (json.deploy ?? json) as DeployJson
})
const texts = vectors.map((v) => JSON.stringify(v, null, 2))

test('the published vectors parse, and their hashes are the hashes the library computes', () => {
  for (const deploy of vectors) {
    const parsed = parseDeployJson(JSON.stringify(deploy))
    const { hash, bodyHash } = deployHashes(parsed)
    expect([hash, bodyHash]).toEqual([deploy.hash, deploy.header.body_hash])
    expect(verifyDeployJson(parsed).rejected).toEqual([])
  }
})

/**
 * Whatever is accepted: bytes equal casper-js-sdk's where it is an oracle, every rendering inert,
 * all in bounded time.
 */
async function examine(input: string | unknown): Promise<void> {
  const start = performance.now()
  let deploy: DeployJson
  try {
    deploy = parseDeployJson(input)
  } catch (error) {
    expect(error).toBeInstanceOf(BaseError)
    for (const line of (error as BaseError).message.split('\n')) expect(hasUnsafeText(line)).toBe(false)
    expect(performance.now() - start).toBeLessThan(500)
    return
  }
  for (const item of ['payment', 'session'] as const) {
    const theirs = sdkItemHex(deploy, item)
    if (theirs !== undefined) expect(theirs).toBe(bytesToHex(executableItemBytes(deploy[item])))
  }
  verifyDeployJson(deploy)
  try {
    const description = await describeDeploy(deploy, { now: 0 })
    for (const line of description.text.split('\n')) expect(hasUnsafeText(line)).toBe(false)
  } catch (error) {
    // A TTL or timestamp beyond what a date can hold is refused by describe with a typed error.
    expect(error).toBeInstanceOf(BaseError)
  }
  try {
    mergeApprovals(deploy, deploy)
  } catch (error) {
    expect(error).toBeInstanceOf(BaseError)
  }
  expect(performance.now() - start).toBeLessThan(1000)
}

describe('text mutations of the vectors', () => {
  const edit = fc.record({
    vector: fc.nat({ max: texts.length - 1 }),
    at: fc.nat(),
    cut: fc.nat({ max: 8 }),
    insert: fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(
        '"',
        '{',
        '[',
        ']',
        '}',
        ',',
        ':',
        '\\u0000',
        '\\u202e',
        '9007199254740993',
        '-1',
        '1e400',
        '"a":1,',
      ),
    ),
  })

  test('random cuts and insertions: typed errors only, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        let text = texts[edits[0]!.vector]!
        for (const e of edits) {
          const at = e.at % (text.length + 1)
          text = text.slice(0, at) + e.insert + text.slice(at + e.cut)
        }
        await examine(text)
      }),
      { numRuns: 300 },
    )
  })

  test('a key repeated anywhere is refused with its path', () => {
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.nat(), (v, n) => {
        const text = texts[v]!
        const keys = [...text.matchAll(/"([a-z_]+)": /g)]
        const match = keys[n % keys.length]!
        const at = match.index! + match[0].length
        const value = text.slice(at).startsWith('"') ? '"x", ' : '0, '
        const doubled = `${text.slice(0, match.index!)}${match[0]}${value}${text.slice(match.index!)}`
        expect(() => parseDeployJson(doubled)).toThrow(expect.objectContaining({ code: 'DuplicateJsonKey' }))
      }),
      { numRuns: 100 },
    )
  })
})

describe('value mutations of the vectors', () => {
  const hostileText = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('\u001b[2J', '\u202e', '\n', '\u0000', '\u2066x\u2069', '\r\u001b]0;t\u0007', '\ud800'),
  )
  const mutation = fc.oneof(
    fc.record({ field: fc.constant('chain_name' as const), value: hostileText }),
    fc.record({
      field: fc.constant('gas_price' as const),
      value: fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 53)),
    }),
    fc.record({
      field: fc.constant('ttl' as const),
      value: fc.oneof(hostileText, fc.constantFrom('1h', '99999999999d', '0ms')),
    }),
    fc.record({ field: fc.constant('argName' as const), value: hostileText }),
    fc.record({ field: fc.constant('clType' as const), value: fc.jsonValue({ maxDepth: 4 }) }),
    fc.record({ field: fc.constant('bytes' as const), value: fc.uint8Array({ maxLength: 40 }) }),
    fc.record({ field: fc.constant('approvals' as const), value: fc.nat({ max: 300 }) }),
  )

  test('hostile names, types, values and counts: typed errors or inert, truthful output', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: vectors.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (v, mutations) => {
          const deploy = structuredClone(vectors[v]!) as DeployJson
          const args = Object.values(deploy.session)[0]!.args
          for (const m of mutations) {
            if (m.field === 'chain_name') deploy.header.chain_name = m.value
            if (m.field === 'gas_price') deploy.header.gas_price = m.value
            if (m.field === 'ttl') deploy.header.ttl = m.value
            if (m.field === 'argName' && args[0]) args[0][0] = m.value
            if (m.field === 'clType' && args[0]) args[0][1].cl_type = m.value
            if (m.field === 'bytes' && args[0]) args[0][1].bytes = bytesToHex(m.value)
            if (m.field === 'approvals')
              deploy.approvals = Array.from(
                { length: m.value },
                (_, i) => deploy.approvals[i % deploy.approvals.length]!,
              )
          }
          await examine(JSON.stringify(deploy))
        },
      ),
      { numRuns: 200 },
    )
  })
})
