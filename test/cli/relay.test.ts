// Co-signers through a relay, on the devnet: propose, sign HASH --relay by two co-signers (each sees
// the description `describe FILE` prints), status HASH --relay, send HASH --relay (through the node,
// or asked of the relay), wait HASH --relay; merge --relay posts approvals signed offline.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import type { RelayStore } from '../../src/relay/RelayStore.js'
import { sqliteStore } from '../../src/relay/sqliteStore.js'
import { type Relay, startRelay } from '../../src/relay/startRelay.js'
import { writeKey } from './cliKit.js'

let devnet: Devnet
let relay: Relay
let store: RelayStore
let dir: string
let alice: ReturnType<typeof writeKey>
let bob: ReturnType<typeof writeKey>
let carol: ReturnType<typeof writeKey>
const wait = ['--wait', '30', '--poll-interval', '50']

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  const { code } = await main(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    // An empty configuration directory: no own address book names anyone.
    env: { CASPER_MULTISIG_CONFIG_DIR: join(dir, 'config'), ...env },
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-relay-cli-'))
  alice = writeKey(dir, 'alice')
  bob = writeKey(dir, 'bob', 'secp256k1-sec1')
  carol = writeKey(dir, 'carol')
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50, accounts: [{ publicKey: alice.publicKey }] })
  store = await sqliteStore(join(dir, 'relay'))
  relay = await startRelay({ store, node: devnet.url, log: () => {}, limits: { pollIntervalMs: 50 } })
  // Alice makes her account 2-of-3 with bob and carol.
  const target = join(dir, 'target.json')
  writeFileSync(
    target,
    JSON.stringify({
      associatedKeys: [alice, bob, carol].map((k) => ({ key: k.publicKey, weight: 1 })),
      thresholds: { deployment: 2, keyManagement: 2 },
    }),
  )
  const setup = join(dir, 'setup')
  const plan = ['-n', devnet.url, '--account', alice.publicKey, '--target', target, '--out-dir', setup]
  expect((await run(['plan', ...plan, '--signer', alice.publicKey, '-q'])).code).toBe(0)
  const signed = join(setup, 'signed.json')
  expect((await run(['sign', join(setup, 'deploy-1.json'), '-k', alice.path, '-o', signed, '-q'])).code).toBe(
    0,
  )
  expect(await run(['send', signed, '-n', devnet.url, ...wait, '-q'])).toMatchObject({ code: 0, err: '' })
}, 120_000)

afterAll(async () => {
  await relay?.close()
  await store?.close()
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** An unsigned transfer of `amount` from alice's account, written to `name`. */
async function transfer(name: string, amount: string): Promise<string> {
  const path = join(dir, name)
  const made = await run([
    'transfer',
    '-n',
    devnet.url,
    '--account',
    alice.publicKey,
    '--target',
    carol.publicKey,
    '--transfer-amount',
    amount,
    '-o',
    path,
  ])
  expect(made).toMatchObject({ code: 0 })
  return path
}

describe('casper-multisig with a relay, on the devnet', () => {
  test('propose; bob and carol sign HASH --relay and see what describe shows; status; send through the node', async () => {
    const file = await transfer('transfer-1.json', '3cspr')
    const hash = parseCosignFile(readFileSync(file, 'utf8')).hash

    // A relay keeps only a signed proposal: propose an unsigned file is refused before asking it.
    const unsigned = await run(['propose', file, '--relay', relay.url])
    expect(unsigned.code).toBe(2)
    expect(unsigned.err).toContain('carries no approval')

    const byAlice = join(dir, 'transfer-1.alice.json')
    expect((await run(['sign', file, '-k', alice.path, '-o', byAlice, '-q'])).code).toBe(0)
    // What bob will see through the relay is what describe shows of the file alice proposed.
    const described = await run(['describe', byAlice, '-n', devnet.url])
    expect(described).toMatchObject({ code: 0, err: '' })
    // The relay's address from the environment.
    const proposed = await run(['propose', byAlice], { CASPER_MULTISIG_RELAY: relay.url })
    expect(proposed).toMatchObject({ code: 0, err: '' })
    expect(proposed.out).toContain(`Proposed transaction ${hash} to the relay ${relay.url}`)
    expect(proposed.out).toContain(`Link for co-signers: ${relay.url}/p/${hash}`)
    expect(proposed.out).toContain(`casper-multisig sign ${hash} --relay ${relay.url}`)

    // Bob, on his machine, with only the hash: the description is exactly describe's, then the progress.
    const byBob = await run(['sign', hash, '--relay', relay.url, '-k', bob.path, '-n', devnet.url])
    expect(byBob).toMatchObject({ code: 0, err: '' })
    expect(byBob.out.startsWith(described.out)).toBe(true)
    expect(byBob.out).toContain(`Signed transaction ${hash} by account-hash-${bob.accountHash}`)
    expect(byBob.out).toContain(
      `Posted to the relay ${relay.url}: approval added; it holds 2 approvals that verify`,
    )
    expect(byBob.out).toMatch(/Progress: weight 2 of 2/)
    // Carol too, with --json: nothing written, the relay's approvals counted.
    const byCarol = await run(['sign', hash, '--relay', relay.url, '-k', carol.path, '--json'])
    expect(byCarol).toMatchObject({ code: 0, err: '' })
    expect(JSON.parse(byCarol.out)).toMatchObject({
      hash,
      kind: 'transaction',
      alreadySigned: false,
      out: null,
      relay: { url: relay.url, added: [carol.publicKey], approvals: 3 },
    })
    // Signing again is harmless.
    const again = await run(['sign', hash, '--relay', relay.url, '-k', carol.path, '-q'])
    expect(again).toMatchObject({ code: 0, err: '' })

    const status = await run(['status', hash, '--relay', relay.url, '-n', devnet.url])
    expect(status).toMatchObject({ code: 0, err: '' })
    expect(status.out).toContain(`Transaction ${hash} for account-hash-${alice.accountHash}`)
    expect(status.out).toContain('Ready to send.')

    const sent = await run(['send', hash, '--relay', relay.url, '-n', devnet.url, ...wait])
    expect(sent).toMatchObject({ code: 0, err: '' })
    expect(sent.out).toContain(`Sent transaction ${hash}`)
    expect(sent.out).toContain('Executed in block')
    const done = await run(['status', hash, '--relay', relay.url, '-n', devnet.url])
    expect(done.out).toContain('Status: executed in block')
    expect(done.code).toBe(0)
  }, 120_000)

  test('sign FILE --relay posts the signed copy; merge --relay posts approvals signed offline; the relay sends it; wait follows the relay', async () => {
    const file = await transfer('transfer-2.json', '4cspr')
    const hash = parseCosignFile(readFileSync(file, 'utf8')).hash
    const byAlice = await run(['sign', file, '-k', alice.path, '--relay', relay.url])
    expect(byAlice).toMatchObject({ code: 0, err: '' })
    expect(byAlice.out).toContain(`Wrote ${join(dir, 'transfer-2.signed-by-')}`)
    expect(byAlice.out).toContain(`Link for co-signers: ${relay.url}/p/${hash}`)

    // Bob signs a copy by hand; merge posts its approvals (and writes no file).
    const byBob = join(dir, 'transfer-2.bob.json')
    expect((await run(['sign', file, '-k', bob.path, '-o', byBob, '-q'])).code).toBe(0)
    const merged = await run(['merge', byBob, '--relay', relay.url, '--json'])
    expect(merged).toMatchObject({ code: 0, err: '' })
    expect(JSON.parse(merged.out)).toMatchObject({ hash, out: null, relay: { added: [bob.publicKey] } })

    // Without a node the relay is asked to send it, and its record followed.
    const sent = await run(['send', hash, '--relay', relay.url])
    expect(sent).toMatchObject({ code: 0, err: '' })
    expect(sent.out).toContain(`Asked the relay ${relay.url} to send transaction ${hash}`)
    const waited = await run(['wait', hash, '--relay', relay.url, '--timeout', '30', '--poll-interval', '50'])
    expect(waited).toMatchObject({ code: 0, err: '' })
    expect(waited.out).toBe(`The relay ${relay.url} reports ${hash} executed.`)
    // The node agrees.
    const onNode = await run(['wait', hash, '--relay', relay.url, '-n', devnet.url, '--timeout', '30'])
    expect(onNode).toMatchObject({ code: 0, err: '' })
    expect(onNode.out).toContain('Executed in block')
  }, 120_000)

  test('a relay that changes the amount is refused and nothing is signed or posted; an invented approval is named and left out', async () => {
    const file = await transfer('transfer-3.json', '5cspr')
    const hash = parseCosignFile(readFileSync(file, 'utf8')).hash
    expect((await run(['sign', file, '-k', alice.path, '--relay', relay.url, '-q'])).code).toBe(0)
    let lie: 'amount' | 'approval' = 'amount'
    // A relay in front of the honest one, changing what it answers to GET /proposals/<hash>.
    const liar = createServer(async (request, response) => {
      const answer = await fetch(`${relay.url}${request.url}`)
      let text = await answer.text()
      if (request.method === 'GET' && request.url === `/proposals/${hash}`) {
        text =
          lie === 'amount'
            ? // 5 CSPR as U512 bytes (LE, length first) becomes 500 CSPR.
              text.replace('"0500f2052a01"', '"050088526a74"').replace('"5000000000"', '"500000000000"')
            : text.replace(
                '"approvals": [',
                `"approvals": [{"signer": "${carol.publicKey}", "signature": "01${'77'.repeat(64)}"},`,
              )
      }
      response.writeHead(answer.status, { 'content-type': 'application/json' })
      response.end(text)
    })
    await new Promise<void>((done) => liar.listen(0, '127.0.0.1', done))
    const lying = `http://127.0.0.1:${(liar.address() as AddressInfo).port}`
    try {
      const refused = await run([
        'sign',
        hash,
        '--relay',
        lying,
        '-k',
        bob.path,
        '-o',
        join(dir, 'never.json'),
      ])
      expect(refused.code).toBe(1)
      expect(refused.out).toBe('')
      expect(refused.err).toContain(
        'The relay answered with content that does not hash to the requested hash',
      )
      expect(refused.err).toContain(`expected: ${hash}`)
      expect(existsSync(join(dir, 'never.json'))).toBe(false)
      lie = 'approval'
      const status = await run(['status', hash, '--relay', lying, '-n', devnet.url])
      expect(status.err).toMatch(
        new RegExp(
          `^Warning: the relay ${lying} sent an approval by account-hash-${carol.accountHash} \\(public key ${carol.publicKey}\\) that does not verify \\(InvalidSignature: [^\\n]+\\): left out$`,
        ),
      )
      expect(status.out).toContain(`weight 1 of 2`)
      expect(status.code).toBe(3)
    } finally {
      await new Promise<void>((done) => liar.close(() => done()))
    }
    // The honest relay still holds alice's approval only.
    const honest = await run(['status', hash, '--relay', relay.url, '-n', devnet.url, '--json'])
    expect(JSON.parse(honest.out).progress.weight).toBe(1)
  }, 120_000)

  test('usage: a HASH needs a relay; --relay with a FILE is refused; a proposal the relay lacks is named', async () => {
    const missing = 'ab'.repeat(32)
    const noRelay = await run(['sign', missing, '-k', alice.path])
    expect(noRelay.code).toBe(2)
    expect(noRelay.err).toContain('Missing --relay')
    const withFile = await run([
      'status',
      join(dir, 'transfer-1.json'),
      '--relay',
      relay.url,
      '-n',
      devnet.url,
    ])
    expect(withFile.code).toBe(2)
    expect(withFile.err).toContain('--relay reads a proposal by its HASH')
    const notThere = await run(['status', missing, '--relay', relay.url, '-n', devnet.url])
    expect(notThere.code).toBe(1)
    expect(notThere.err).toContain('ProposalNotFound')
    const credentials = `http://user:s3cret@127.0.0.1:1`
    const unreachable = await run(['sign', missing, '--relay', credentials, '-k', alice.path])
    expect(unreachable.code).toBe(1)
    expect(unreachable.err).toContain('Could not reach the relay')
    expect(unreachable.err).not.toContain('s3cret')
  })
})
