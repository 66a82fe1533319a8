// An arg name given twice: casper-node keeps both (casper-types `runtime_args.rs`, RuntimeArgs is a
// Vec<NamedArg> and `get` returns the first), a Map-based reader keeps the last. Which one a
// co-signer approves cannot be told: DO NOT SIGN, with the name and the count, and no stack trace
// from any command.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeFile } from '../../src/cosign/describeFile.js'
import { transactionHash } from '../../src/cosign/hashes.js'
import { parseCosignFile } from '../../src/cosign/parseCosignFile.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { cli } from '../cli/cliKit.js'
import { vector } from '../vectors.js'

const signer = localSigner('0f'.repeat(32), { algorithm: 'ed25519' })

/** The transaction vector with its one arg given twice (the second with another value), re-hashed and signed. */
async function transactionWithRepeatedArg(): Promise<string> {
  const v1 = structuredClone(
    vector<{ Version1: { hash: string; payload: { fields: { args: { Named: [string, unknown][] } } } } }>(
      'SYNTHETIC_transaction_v1_session_2approvals.json',
    ).Version1,
  ) as {
    hash: string
    payload: { fields: { args: { Named: [string, { bytes: string }][] } } }
    approvals: unknown[]
  }
  const [first] = v1.payload.fields.args.Named
  const other = { ...first![1], bytes: '11'.repeat(32), parsed: '11'.repeat(32) }
  v1.payload.fields.args.Named.push([first![0], other])
  v1.hash = transactionHash({ Version1: v1 } as never)
  v1.approvals = [{ signer: signer.publicKey, signature: bytesToHex(await signer.sign(hexToBytes(v1.hash))) }]
  return JSON.stringify({ Version1: v1 })
}

/** The deploy vector with `amount` repeated in its payment and its session arg repeated. */
async function deployWithRepeatedArgs(): Promise<string> {
  const d = structuredClone(vector<DeployJson>('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json'))
  const payment = d.payment as { ModuleBytes: { args: unknown[] } }
  const session = d.session as { ModuleBytes: { args: unknown[] } }
  payment.ModuleBytes.args.push(payment.ModuleBytes.args[0])
  session.ModuleBytes.args.push(session.ModuleBytes.args[0])
  const { hash, bodyHash } = deployHashes(d)
  d.header.body_hash = bodyHash
  d.hash = hash
  d.approvals = [{ signer: signer.publicKey, signature: bytesToHex(await signer.sign(hexToBytes(hash))) }]
  return JSON.stringify(d)
}

describe('a repeated arg name is DO NOT SIGN', () => {
  test('TransactionV1', async () => {
    const description = describeFile(parseCosignFile(await transactionWithRepeatedArg()))
    expect(description.verification.hash).toBe(description.hash)
    expect(description.safeToSign).toBe(false)
    expect(description.doNotSign).toContain(
      'the transaction arg "deployment-account" is given 2 times: the node keeps every copy and the code reads the first, while other tools show the last',
    )
  })

  test('deploy: payment and session each', async () => {
    const { doNotSign } = describeFile(parseCosignFile(await deployWithRepeatedArgs()))
    expect(doNotSign).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^the payment arg "amount" is given 2 times/),
        expect.stringMatching(/^the session arg "deployment-account" is given 2 times/),
      ]),
    )
  })

  test('a name given once is not named', () => {
    const { doNotSign } = describeFile(
      parseCosignFile(JSON.stringify(vector('SYNTHETIC_transaction_v1_session_2approvals.json'))),
    )
    expect(doNotSign.join('\n')).not.toMatch(/is given \d+ times/)
  })
})

describe('the CLI: a typed verdict, no stack trace', () => {
  let dir: string
  let devnet: Devnet
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casper-multisig-repeated-args-'))
    devnet = await startDevnet({ port: 0, blockIntervalMs: 50, chainName: 'casper-test' })
    await devnet.createAccount({ publicKey: signer.publicKey })
  })
  afterAll(async () => {
    await devnet?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  test('status, describe, sign and send', async () => {
    const file = join(dir, 'transaction.json')
    writeFileSync(file, await transactionWithRepeatedArg())
    writeFileSync(join(dir, 'key.hex'), '0f'.repeat(32), { mode: 0o600 })
    for (const args of [
      ['status', file, '--node', devnet.url],
      ['describe', file],
      ['sign', file, '--key', join(dir, 'key.hex'), '--algorithm', 'ed25519', '-o', join(dir, 'out.json')],
      ['send', file, '--node', devnet.url],
    ]) {
      const result = await cli(args)
      const text = `${result.out}\n${result.err}`
      expect(text, args[0]).toContain('"deployment-account" is given 2 times')
      expect(text, args[0]).not.toMatch(/^\s+at |casper-js-sdk|INTERNAL/m)
      expect(result.code, args[0]).not.toBe(0)
    }
  })
})
