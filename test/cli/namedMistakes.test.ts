// Each mistake a new user makes with the command line gets a message that names it: a hash of the
// other kind, a file for another chain, an expired file, --json failures, too little weight, key
// files that are not secret keys, and a node that is down when the command works without one.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import {
  awaitResult,
  buildTwoPartyDeploy,
  buildTwoPartyTransaction,
  createRpc,
  localSigner,
  signDeploy,
  stringifyDeployJson,
  submit,
} from '../../src/index.js'
import { closedPort, writeKey } from './cliKit.js'

let devnet: Devnet
let dir: string
let alice: ReturnType<typeof writeKey>
let bob: ReturnType<typeof writeKey>
/** A deploy for alice's 2-of-2 account (alice and bob), signed by alice only. */
let half: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-cli-mistakes-'))
  alice = writeKey(dir, 'alice')
  bob = writeKey(dir, 'bob', 'secp256k1-sec1')
  devnet = await startDevnet({ port: 0, blockIntervalMs: 50 })
  await devnet.createAccount({ publicKey: alice.publicKey })
  const rpc = createRpc(devnet.url)
  const signer = localSigner(readFileSync(alice.path, 'utf8'))
  const setup = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName: devnet.chainName,
    deploymentAccount: bob.publicKey,
  })
  await awaitResult(rpc, (await submit(rpc, await signDeploy(setup.deploy, signer))).hash, {
    timeoutMs: 30_000,
  })
  const next = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName: devnet.chainName,
    deploymentAccount: bob.publicKey,
  })
  half = join(dir, 'half.json')
  writeFileSync(half, stringifyDeployJson(await signDeploy(next.deploy, signer)))
}, 60_000)

afterAll(async () => {
  await devnet?.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  const { code } = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

async function writeFor(name: string, account: string, chainName: string, timestamp?: number) {
  const { deploy } = await buildTwoPartyDeploy({
    account,
    chainName,
    deploymentAccount: bob.publicKey,
    ...(timestamp === undefined ? {} : { timestamp, ttl: '30m' }),
  })
  const path = join(dir, name)
  writeFileSync(path, stringifyDeployJson(deploy))
  return path
}

describe('the command line names each mistake', () => {
  test('wait HASH finds a TransactionV1 without --transaction, and a deploy with it', async () => {
    const carol = writeKey(dir, 'carol')
    await devnet.createAccount({ publicKey: carol.publicKey })
    const own = await buildTwoPartyTransaction({
      account: carol.publicKey,
      chainName: devnet.chainName,
      deploymentAccount: bob.publicKey,
    })
    const rpc = createRpc(devnet.url)
    const sent = await submit(
      rpc,
      await signDeploy(own.transaction, localSigner(readFileSync(carol.path, 'utf8'))),
    )
    const waited = await run([
      'wait',
      sent.hash,
      '-n',
      devnet.url,
      '--timeout',
      '20',
      '--poll-interval',
      '50',
    ])
    expect(waited.err).toBe('')
    expect(waited.out).toMatch(/^Executed in block [0-9a-f]{64} at height \d+\. Charged \d+ motes/)
    expect(waited.code).toBe(0)

    const erin = writeKey(dir, 'erin')
    await devnet.createAccount({ publicKey: erin.publicKey })
    const deploy = await buildTwoPartyDeploy({
      account: erin.publicKey,
      chainName: devnet.chainName,
      deploymentAccount: alice.publicKey,
    })
    const sentDeploy = await submit(
      rpc,
      await signDeploy(deploy.deploy, localSigner(readFileSync(erin.path, 'utf8'))),
    )
    const asTransaction = await run([
      'wait',
      sentDeploy.hash,
      '-n',
      devnet.url,
      '--transaction',
      '--timeout',
      '20',
      '--poll-interval',
      '50',
    ])
    // A deploy hash with --transaction: the node is asked both ways, so the wrong flag costs nothing.
    expect(asTransaction.err).toBe('')
    expect(asTransaction.out).toMatch(/^Executed in block [0-9a-f]{64} at height \d+\. Charged \d+ motes/)
    expect(asTransaction.code).toBe(0)
  }, 60_000)

  test('a file for another chain is named as such, whether the account exists there or not', async () => {
    const dora = writeKey(dir, 'dora')
    for (const account of [alice.publicKey, dora.publicKey]) {
      const other = await writeFor(`other-${account.slice(2, 8)}.json`, account, 'casper-test')
      const described = await run(['describe', other, '-n', devnet.url])
      expect(described.code).toBe(1)
      expect(described.out).toMatch(/^DO NOT SIGN: WrongChain/)
      expect(described.out).toContain(
        `This file is for chain casper-test; the node at ${devnet.url} is chain ${devnet.chainName}.`,
      )
      expect(described.err).not.toContain('fund')
      const signed = await run(['sign', other, '-n', devnet.url, '-k', alice.path, '-o', join(dir, 'x.json')])
      expect(signed.code).toBe(1)
      expect(signed.err).toContain('WrongChain')
      const status = await run(['status', other, '-n', devnet.url])
      expect(status.code).toBe(1)
      expect(status.err).toContain(
        `This file is for chain casper-test; the node at ${devnet.url} is chain ${devnet.chainName}`,
      )
      expect(status.err).not.toContain('fund')
    }
  })

  test('describe and sign agree on an expired file: DO NOT SIGN, exit 1, nothing written', async () => {
    const expired = await writeFor(
      'expired.json',
      alice.publicKey,
      devnet.chainName,
      Date.now() - 3 * 3_600_000,
    )
    const described = await run(['describe', expired])
    const signed = await run(['sign', expired, '-k', alice.path, '-o', join(dir, 'expired.signed.json')])
    expect(described.code).toBe(1)
    expect(signed.code).toBe(1)
    expect(described.out.split('\n')[0]).toMatch(/^DO NOT SIGN: Expired: expired at /)
    expect(signed.out.split('\n')[0]).toBe(described.out.split('\n')[0])
    expect(signed.err).toMatch(/^Not signed: DO NOT SIGN\n {2}reasons: Expired/)
  })

  test('--json prints { error: { code, message, remedy } } on stdout on failure', async () => {
    const missing = await run(['describe', join(dir, 'nope.json'), '--json'])
    expect(missing.code).toBe(1)
    const { error } = JSON.parse(missing.out)
    expect(error.code).toBe('FileError')
    expect(error.message).toBe(`Cannot read deploy file ${join(dir, 'nope.json')}`)
    const usage = await run(['account', '--json'])
    expect(usage.code).toBe(2)
    expect(JSON.parse(usage.out).error.code).toBe('UsageError')
    // With the node, the session would fail (bob is already a key): refused, and said so in JSON.
    const refused = await run([
      'sign',
      half,
      '-k',
      bob.path,
      '--json',
      '-n',
      devnet.url,
      '-o',
      join(dir, 'j.json'),
    ])
    expect(refused.code).toBe(1)
    expect(JSON.parse(refused.out).error).toMatchObject({
      code: 'SignRefused',
      message: 'Not signed: DO NOT SIGN',
      remedy: expect.stringContaining('--force signs anyway'),
    })
    const node = await run([
      'account',
      '-n',
      `http://127.0.0.1:${await closedPort()}`,
      '--account',
      alice.publicKey,
      '--json',
    ])
    expect(JSON.parse(node.out).error).toMatchObject({
      code: 'Unreachable',
      remedy: expect.stringContaining('CASPER_NODE_ADDRESS'),
    })
  })

  test('too little weight states the weight, the threshold and the keys still needed', async () => {
    const sent = await run(['send', half, '-n', devnet.url])
    expect(sent.code).toBe(1)
    expect(sent.err).toContain(
      `BelowDeploymentThreshold: too little signature weight: weight 1 of 2 (key management); still needed: account-hash-${bob.accountHash}`,
    )
  })

  test('a public key file, a hex key file, a raw key without or with the wrong algorithm are named', async () => {
    const pub = join(dir, 'alice.pub.pem')
    execFileSync('openssl', ['pkey', '-in', alice.path, '-pubout', '-out', pub])
    const asPublic = await run(['sign', half, '-k', pub, '-o', join(dir, 'p.json')])
    expect(asPublic.code).toBe(1)
    expect(asPublic.err).toMatch(new RegExp(`^${pub} is a public key, not a secret key\\n`))
    expect(asPublic.err).not.toContain('chmod')
    writeFileSync(join(dir, 'public_key_hex'), alice.publicKey)
    expect(
      (await run(['sign', half, '-k', join(dir, 'public_key_hex'), '-o', join(dir, 'p.json')])).err,
    ).toContain('is a public key, not a secret key')

    const der = execFileSync('openssl', ['pkey', '-in', alice.path, '-outform', 'DER'])
    const hexDer = join(dir, 'alice.hex')
    writeFileSync(hexDer, `${Buffer.from(der).toString('hex')}\n`, { mode: 0o600 })
    const asHex = await run(['sign', half, '-k', hexDer, '-o', join(dir, 'h.json')])
    expect(asHex.code).toBe(1)
    expect(asHex.err).toContain(`${hexDer} is hex text (96 digits), not a key file`)
    expect(asHex.err).toContain('which look like a DER key written as hex')
    expect(asHex.err).toContain(
      `Remedy: Convert it to a DER file and pass that: xxd -r -p ${hexDer} > secret_key.der`,
    )

    const raw = join(dir, 'alice.raw')
    writeFileSync(raw, `${Buffer.from(der).subarray(-32).toString('hex')}\n`, { mode: 0o600 })
    const noAlgorithm = await run(['sign', half, '-k', raw, '-o', join(dir, 'r.json')])
    expect(noAlgorithm.err).toContain(
      `${raw} holds 64 hex digits: a raw secret key, which does not say its algorithm`,
    )
    expect(noAlgorithm.err).not.toContain('{ algorithm')
    const wrong = await run(['sign', half, '-k', raw, '--algorithm', 'secp256k1', '-o', join(dir, 'w.json')])
    expect(wrong.code).toBe(1)
    expect(wrong.err).toContain(
      "Not signed: read as secp256k1, this raw key is not a key of the deploy's account; read as ed25519 it is",
    )
    expect(wrong.err).toContain('Remedy: Pass --algorithm ed25519.')
    const right = await run(['sign', half, '-k', raw, '--algorithm', 'ed25519', '-o', join(dir, 'ok.json')])
    expect(right.code).toBe(0)

    const mismatch = await run([
      'sign',
      half,
      '-k',
      bob.path,
      '--algorithm',
      'ed25519',
      '-o',
      join(dir, 'm.json'),
    ])
    expect(mismatch.err).toContain(`${bob.path} is a secp256k1 key, not ed25519`)
    expect(mismatch.err).toContain('Remedy: Leave --algorithm out')
  })

  test('a node that is down, from CASPER_NODE_ADDRESS, makes sign and describe suggest the offline form', async () => {
    const address = `http://127.0.0.1:${await closedPort()}`
    const signed = await run(['sign', half, '-k', bob.path, '-o', join(dir, 'u.json')], {
      CASPER_NODE_ADDRESS: address,
    })
    expect(signed.code).toBe(1)
    expect(signed.err).toMatch(
      new RegExp(`^Cannot reach the node at ${address}/rpc \\(from CASPER_NODE_ADDRESS\\)`),
    )
    expect(signed.err).toContain(
      'Remedy: To sign offline, run the same sign command without CASPER_NODE_ADDRESS (unset it, or run `env -u CASPER_NODE_ADDRESS casper-multisig …`)',
    )
    const described = await run(['describe', half, '-n', address])
    expect(described.err).toContain(
      'To describe the file offline, run the same describe command without --node',
    )
    const offline = await run(['sign', half, '-k', bob.path, '-o', join(dir, 'u.json')])
    expect(offline.code).toBe(0)
  })
})
