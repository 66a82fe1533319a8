// transfer, delegate, undelegate, redelegate and call write unsigned files that `describe` shows with the
// exact amount and recipient, and calls safe to sign.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { ed25519Signer } from '../approvals/testSigners.js'
import { cli } from './cliKit.js'

const dir = mkdtempSync(join(tmpdir(), 'spending-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const sender = ed25519Signer(new Uint8Array(32).fill(1)).publicKey
const other = ed25519Signer(new Uint8Array(32).fill(2)).publicKey
const third = ed25519Signer(new Uint8Array(32).fill(3)).publicKey

const cases = [
  [
    'transfer',
    ['--target', other, '--transfer-amount', '2.5cspr', '--transfer-id', '7'],
    /native transfer of 2\.5 CSPR \(2500000000 motes\) to .*018139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394.*transfer id 7/,
  ],
  ['delegate', ['--validator', other, '--amount', '500000000000'], new RegExp(`500 CSPR.*${other}`)],
  [
    'undelegate',
    ['--validator', other, '--amount', '1.5cspr'],
    new RegExp(`1\\.5 CSPR.*${other}|${other}.*1\\.5 CSPR`),
  ],
  ['redelegate', ['--validator', other, '--new-validator', third, '--amount', '600cspr'], new RegExp(third)],
  [
    'call',
    [
      '--package-hash',
      `hash-${'cd'.repeat(32)}`,
      '--contract-version',
      '3',
      '--session-entry-point',
      'transfer',
      '--session-arg',
      `recipient:key='account-hash-${'22'.repeat(32)}'`,
      '--session-arg',
      "amount:u256='1000000000000000000000'",
      '--payment-amount',
      '3cspr',
    ],
    new RegExp(
      `stored contract package ${'cd'.repeat(32)}, contract version 3, entry point "transfer"[^]*arg recipient: Key = account-hash-${'22'.repeat(32)}[^]*arg amount: U256 = 1000000000000000000000[^]*Payment: 3 CSPR`,
    ),
  ],
] as const

describe.each(cases)('%s', (command, flags, shown) => {
  for (const deploy of [false, true]) {
    it(`writes ${deploy ? 'a deploy' : 'a transaction'} that describe shows exactly and calls safe to sign`, async () => {
      const file = join(dir, `${command}-${deploy}.json`)
      const made = await cli([
        command,
        '--account',
        sender,
        ...flags,
        '-o',
        file,
        ...(deploy ? ['--deploy'] : []),
      ])
      expect(made.err).toBe('')
      expect(made.code).toBe(0)
      expect(made.out).toMatch(/unsigned/)
      expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty(deploy ? 'hash' : 'Version1.hash')
      const described = await cli(['describe', file])
      expect(described.out).toMatch(shown)
      expect(described.out).not.toMatch(/DO NOT SIGN/)
      expect(described.code).toBe(0)
    })
  }
})

it('writes to standard output with -o -, and refuses an amount below the minimum', async () => {
  const made = await cli([
    'transfer',
    '--account',
    sender,
    '--target',
    other,
    '--transfer-amount',
    '1cspr',
    '-o',
    '-',
  ])
  expect(made.code).toBe(1)
  expect(made.err).toMatch(/AmountBelowMinimum|minimum/)
  const out = await cli([
    'transfer',
    '--account',
    sender,
    '--target',
    other,
    '--transfer-amount',
    '3cspr',
    '-o',
    '-',
  ])
  expect(out.code).toBe(0)
  expect(JSON.parse(out.out).Version1.payload.fields.entry_point).toBe('Transfer')
})

describe('with --node: checked against the balance and the auction', () => {
  let devnet: Devnet
  let base: string
  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockIntervalMs: 50 })
    base = devnet.url.replace(/\/rpc$/, '')
    expect((await cli(['fund', '-n', base, '-p', sender, '--amount', '20000000000'])).code).toBe(0)
  })
  afterAll(() => devnet?.stop())

  it('describe -n refuses a transfer or a delegation the purse cannot cover, with the amounts', async () => {
    const chain = ['--chain-name', devnet.chainName]
    const tooMuch = join(dir, 'too-much.json')
    const made = await cli([
      'transfer',
      '--account',
      sender,
      '--target',
      other,
      '--transfer-amount',
      '20cspr',
      ...chain,
      '-o',
      tooMuch,
    ])
    expect(made.code).toBe(0)
    const described = await cli(['describe', tooMuch, '-n', base])
    expect(described.code).toBe(1)
    expect(described.out).toMatch(
      /DO NOT SIGN[\s\S]*the main purse holds 20 CSPR, less than the transfer of 20 CSPR plus the payment of 0\.1 CSPR/,
    )
    const fits = join(dir, 'fits.json')
    await cli([
      'transfer',
      '--account',
      sender,
      '--target',
      other,
      '--transfer-amount',
      '19cspr',
      ...chain,
      '-o',
      fits,
    ])
    expect((await cli(['describe', fits, '-n', base])).code).toBe(0)

    const toNobody = join(dir, 'to-nobody.json')
    await cli([
      'delegate',
      '--account',
      sender,
      '--validator',
      third,
      '--amount',
      '500cspr',
      ...chain,
      '-o',
      toNobody,
    ])
    const delegation = await cli(['describe', toNobody, '-n', base, '--json'])
    expect(delegation.code).toBe(1)
    expect(JSON.parse(delegation.out).doNotSign.join('\n')).toContain(
      'the main purse holds 20 CSPR, less than the delegation of 500 CSPR plus the payment of 2.5 CSPR',
    )
  })
})

it('call refuses a missing payment, no target or two, and an arg casper-client would refuse', async () => {
  const base = ['call', '--account', sender, '--session-entry-point', 'transfer', '-o', '-']
  const noPayment = await cli([...base, '--contract-name', 'token'])
  expect(noPayment.code).toBe(2)
  expect(noPayment.err).toMatch(/--payment-amount/)
  const none = await cli([...base, '--payment-amount', '3cspr'])
  expect(none.code).toBe(2)
  expect(none.err).toMatch(/No contract to call/)
  const two = await cli([...base, '--payment-amount', '3cspr', '--contract-name', 'a', '--package-name', 'b'])
  expect(two.code).toBe(2)
  const badArg = await cli([
    ...base,
    '--payment-amount',
    '3cspr',
    '--contract-name',
    'a',
    '--session-arg',
    'x:u8=1',
  ])
  expect(badArg.code).toBe(1)
  expect(badArg.err).toMatch(/InvalidSessionArg|Invalid session arg/)
  const low = await cli([...base, '--payment-amount', '1cspr', '--contract-name', 'a'])
  expect(low.code).toBe(1)
  expect(low.err).toMatch(/PaymentBelowMinimum|below the network minimum/)
})
