// Files built to mislead, exhaust or crash the tools: each is refused with a typed error, in bounded time.
import { describe, expect, test } from 'vitest'
import { createAccount } from '../../src/account/Account.js'
import { accountHashFromPublicKey } from '../../src/account/accountHash.js'
import { verifyDeployJson } from '../../src/approvals/verifyDeployJson.js'
import { parseDeployJson } from '../../src/cosign/parseDeployJson.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { executableItemBytes } from '../../src/deploy/deployBytes.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { acceptSubmission } from '../../src/devnet/acceptSubmission.js'
import { createGenesisState } from '../../src/devnet/DevnetState.js'
import { bytesToHex } from '../../src/encoding/hex.js'
import { BaseError } from '../../src/errors/BaseError.js'
import { preflight } from '../../src/preflight/preflight.js'
import { decodeSubmission } from '../../src/rules/decodeSubmission.js'
import { hasUnsafeText } from '../../src/text/safeText.js'
import { sdkItemHex } from '../sdkItemHex.js'
import { vector } from '../vectors.js'

const base: DeployJson = vector('deploy_2approvals_casper-client-rs.json')

/** The vector with its session args replaced (hashes left as they were: the parse must refuse first). */
function withArgs(args: [string, { cl_type: unknown; bytes: string }][]): DeployJson {
  const deploy = structuredClone(base)
  deploy.session = { Transfer: { args } }
  return deploy
}

/** The code of the error `parse` throws, asserting it is typed, and how long it took. */
function refusal(input: unknown): { code: string; ms: number; error: BaseError } {
  const start = performance.now()
  try {
    parseDeployJson(input)
  } catch (error) {
    const ms = performance.now() - start
    expect(error).toBeInstanceOf(BaseError)
    return { code: (error as BaseError).code, ms, error: error as BaseError }
  }
  throw new Error('accepted')
}

const u32 = (n: number) =>
  [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')

describe('args outside the hash', () => {
  test('an unknown CLType is refused (casper-js-sdk would hash the session with no args at all)', () => {
    const { error } = refusal(withArgs([['amount', { cl_type: 'U1024', bytes: '00' }]]))
    expect(error).toMatchInlineSnapshot(`
      [DeployError: Invalid CLType at session.Transfer.args[0][1].cl_type
        field: session.Transfer.args[0][1].cl_type
        expected: one of the CLTypes casper-types defines
        got: U1024
      Remedy: Use a CLType casper-node serialises (casper-types cl_type.rs); the tools cannot check or show others.]
    `)
    expect(() => deployHashes(withArgs([['amount', { cl_type: { Foo: 'U8' }, bytes: '00' }]]))).toThrow(
      expect.objectContaining({ code: 'InvalidClType' }),
    )
  })

  test('every CLType casper-types defines is read, hashed and matched against casper-js-sdk', () => {
    const values: [unknown, string][] = [
      ['Bool', '01'],
      ['I32', 'ffffffff'],
      ['U64', '0100000000000000'],
      ['U512', '0101'],
      ['Unit', ''],
      ['String', '03000000616263'],
      ['Key', `00${'11'.repeat(32)}`],
      ['URef', `${'11'.repeat(32)}07`],
      ['PublicKey', `01${'11'.repeat(32)}`],
      [{ Option: 'U8' }, '0105'],
      [{ List: { List: 'U8' } }, '010000000100000007'],
      [{ ByteArray: 32 }, '11'.repeat(32)],
      [{ Result: { ok: 'U8', err: 'String' } }, '0000000000'],
      [{ Map: { key: 'String', value: 'U8' } }, '01000000010000006105'],
      [{ Tuple3: ['U8', 'U8', 'Bool'] }, '050601'],
    ]
    for (const [cl_type, bytes] of values) {
      const deploy = parseDeployJson(withArgs([['x', { cl_type, bytes }]]))
      expect([cl_type, sdkItemHex(deploy, 'session')]).toEqual([
        cl_type,
        bytesToHex(executableItemBytes(deploy.session)),
      ])
    }
  })

  test('values casper-js-sdk would re-encode or cannot read are hashed as written, as casper-node hashes them', () => {
    // A U512 with a trailing zero byte (the sdk writes 01 01: defect 5 in sdkDefects.test.ts) and
    // the system PublicKey (the sdk reads none): Transfer, one arg `x`, the value, its CLType tag.
    for (const [cl_type, bytes, tag] of [
      ['U512', '020100', '08'],
      ['PublicKey', '00', '16'],
    ] as const) {
      const deploy = parseDeployJson(withArgs([['x', { cl_type, bytes }]]))
      expect(bytesToHex(executableItemBytes(deploy.session))).toBe(
        `05${u32(1)}${u32(1)}78${u32(bytes.length / 2)}${bytes}${tag}`,
      )
    }
  })

  test('malformed bytes for the declared type are refused with the path', () => {
    const cases: [unknown, string, string][] = [
      ['U512', 'ff', 'InvalidClValue'],
      ['Bool', '02', 'InvalidClValue'],
      ['String', '01000000ff', 'InvalidClValue'],
      ['Key', `63${'00'.repeat(32)}`, 'InvalidClValue'],
      ['URef', `${'00'.repeat(32)}08`, 'InvalidClValue'],
      [{ Option: 'U8' }, '02', 'InvalidClValue'],
      ['U8', '0102', 'InvalidClValue'],
      ['Any', '00', 'InvalidClValue'],
      [{ ByteArray: -1 }, '', 'InvalidClType'],
      [{ ByteArray: 2 ** 32 }, '', 'InvalidClType'],
      [{ ByteArray: 2 ** 32 - 1 }, '00', 'InvalidClValue'],
      [{ Map: { key: 'U8' } }, '00000000', 'InvalidClType'],
      [{ Tuple2: ['U8'] }, '00', 'InvalidClType'],
    ]
    for (const [cl_type, bytes, code] of cases)
      expect([cl_type, refusal(withArgs([['x', { cl_type, bytes }]])).code]).toEqual([cl_type, code])
  })
})

describe('CPU exhaustion', () => {
  const huge = u32(0xffff_ffff)
  const nested: [string, unknown, string][] = [
    ['List<Unit>', { List: 'Unit' }, huge],
    ['List<List<U8>>', { List: { List: 'U8' } }, `${u32(3)}${huge}`],
    ['List<Option<List<U8>>>', { List: { Option: { List: 'U8' } } }, `${u32(1)}01${huge}`],
    ['Map<U8, List<U8>>', { Map: { key: 'U8', value: { List: 'U8' } } }, `${u32(1)}07${huge}`],
    ['Tuple2<U8, List<Tuple1<Unit>>>', { Tuple2: ['U8', { List: { Tuple1: ['Unit'] } }] }, `07${huge}`],
    ['Map<Unit, Unit>', { Map: { key: 'Unit', value: 'Unit' } }, huge],
  ]
  test.each(nested)('a huge count in a nested %s is refused at once', (_, cl_type, bytes) => {
    const { code, ms } = refusal(withArgs([['x', { cl_type, bytes: bytes + '00'.repeat(2000) }]]))
    expect(code).toBe('InvalidClValue')
    // Looping over the declared count takes seconds; a loose bound so a busy machine never fails it.
    expect(ms).toBeLessThan(2000)
  })

  test('a CLType nested deeper than casper-types reads (50) is refused', () => {
    let cl_type: unknown = 'U8'
    for (let i = 0; i < 50; i++) cl_type = { Option: cl_type }
    expect(refusal(withArgs([['x', { cl_type, bytes: '00' }]])).code).toBe('InvalidClType')
  })

  test('100,000-deep JSON is refused without exhausting the stack', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    const { code, ms } = refusal(text)
    expect(code).toBe('JsonTooDeep')
    expect(ms).toBeLessThan(2000)
  })

  test('a 1 MB deploy parses, hashes and verifies well under a second; 1 MB of args is refused at once', () => {
    // Each step on its own, so a loaded machine (CI shares cores) does not add them up.
    const timed = (deploy: DeployJson) => {
      const text = JSON.stringify(deploy)
      let start = performance.now()
      const parsed = parseDeployJson(text)
      const parsing = performance.now() - start
      start = performance.now()
      verifyDeployJson(parsed)
      return Math.max(parsing, performance.now() - start)
    }
    const wasm = structuredClone(base)
    wasm.session = { ModuleBytes: { module_bytes: '00'.repeat(500_000), args: [] } }
    expect(timed(wasm)).toBeLessThan(1000)
    // The most items per byte a valid value holds, up to the args cap (4 times the node's 1024).
    const count = 4000
    expect(
      timed(withArgs([['x', { cl_type: { List: 'U8' }, bytes: u32(count) + '07'.repeat(count) }]])),
    ).toBeLessThan(1000)
    const huge = withArgs([['x', { cl_type: { List: 'U8' }, bytes: u32(500_000) + '07'.repeat(500_000) }]])
    const { code, ms } = refusal(JSON.stringify(huge))
    expect(code).toBe('InvalidDeployJson')
    expect(ms).toBeLessThan(2000)
  })
})

describe('parsing', () => {
  test('a duplicate key is refused with its path (a reader sees the first, JSON.parse keeps the last)', () => {
    const text = JSON.stringify(base).replace('"chain_name":', '"chain_name":"casper","chain_name":')
    expect(refusal(text).error).toMatchInlineSnapshot(`
      [DeployError: Invalid deploy JSON at $.header.chain_name: Duplicate key in JSON
        field: $.header.chain_name
        offset: 348
        key: chain_name
        expected: each key once per object, as serde requires
      Remedy: Use the file exactly as casper-client, casper-multisig or the wallet wrote it.]
    `)
  })

  test('gas_price beyond 2^53 - 1 is refused, never rounded', () => {
    const text = JSON.stringify(base).replace(/"gas_price":\d+/, '"gas_price":9007199254740993')
    expect(refusal(text).code).toBe('UnsafeJsonInteger')
    expect(refusal({ ...base, header: { ...base.header, gas_price: 2 ** 53 } }).code).toBe(
      'InvalidDeployJson',
    )
    expect(refusal({ ...base, header: { ...base.header, gas_price: 1.5 } }).code).toBe('InvalidDeployJson')
  })

  test('an arg name full of escapes and bidi controls is shown inert in the error', () => {
    const { error } = refusal(
      withArgs([['\u001b[2J\u202eevil\n', { cl_type: 'Nope\u001b]0;x\u0007', bytes: '' }]]),
    )
    expect(error.message.split('\n').some(hasUnsafeText)).toBe(false)
    expect(error.message).toContain('Nope\\u{1b}]0;x\\u{7}')
  })
})

describe('the tools behind the parser', () => {
  test('the devnet answers an unknown CLType or a huge nested count with invalid params, at once', () => {
    const state = createGenesisState(base.header.chain_name, '1.5', 0)
    for (const [cl_type, bytes] of [
      ['U1024', '00'],
      [{ List: { List: 'Unit' } }, `${u32(1)}${u32(0xffff_ffff)}`],
    ] as const) {
      const start = performance.now()
      const verdict = acceptSubmission(
        state,
        { deploy: withArgs([['x', { cl_type, bytes }]]) },
        'account_put_deploy',
        0,
      )
      expect(performance.now() - start).toBeLessThan(2000)
      expect(verdict).toMatchObject({
        ok: false,
        invalidParams: expect.stringMatching(/Invalid CLType|Invalid CLValue/),
      })
    }
  })

  test('preflight and the TransactionV1 decoder, given unparsed hostile args, answer with a typed error at once', async () => {
    const account = createAccount(accountHashFromPublicKey(base.header.account))
    for (const [cl_type, bytes] of [
      ['U1024', '00'],
      [{ List: { List: 'Unit' } }, `${u32(1)}${u32(0xffff_ffff)}`],
      [{ Map: { key: 'U8', value: { List: 'U8' } } }, `${u32(1)}07${u32(0xffff_ffff)}`],
    ] as const) {
      const start = performance.now()
      await expect(preflight(withArgs([['x', { cl_type, bytes }]]), account)).rejects.toBeInstanceOf(
        BaseError,
      )
      const transaction = structuredClone(
        vector<{
          Version1: TransactionJson['Version1'] & { payload: { fields: { args: { Named: unknown } } } }
        }>('SYNTHETIC_transaction_v1_session_2approvals.json'),
      )
      transaction.Version1.payload.fields.args.Named = [['x', { cl_type, bytes }]]
      expect(() => decodeSubmission({ transaction })).toThrow(BaseError)
      expect(performance.now() - start).toBeLessThan(2000)
    }
  })
})
