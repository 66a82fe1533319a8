// Names outside ASCII (a stored contract called by name, a custom entry point) hash as casper-node
// hashes them: bytesrepr writes a String as the u32 LE length of its UTF-8 bytes, then the bytes
// (casper-types `bytesrepr.rs` `impl ToBytes for str`). The expected hashes are computed here from
// that rule alone; the CLI accepts the files (no hash mismatch).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { blake2b } from '@noble/hashes/blake2'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { transactionPayload } from '../../src/codec/layouts.js'
import { fileFromJson } from '../../src/cosign/fileJson.js'
import { transactionHash } from '../../src/cosign/hashes.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { deployHeaderBytes, executableItemBytes, runtimeArgsBytes } from '../../src/deploy/deployBytes.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { sdk } from '../../src/deploy/sdk.js'
import { type Devnet, startDevnet } from '../../src/devnet/index.js'
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js'
import { localSigner } from '../../src/keys/localSigner.js'
import { cli } from '../cli/cliKit.js'
import { vector } from '../vectors.js'

const contract = 'café-contract'
const entryPoint = 'übertragé_🚀'
const utf8 = (text: string) => new TextEncoder().encode(text)
/** bytesrepr String: u32 LE length of the UTF-8 bytes, then the bytes. */
const bytesreprString = (text: string) => {
  const bytes = utf8(text)
  const out = new Uint8Array(4 + bytes.length)
  new DataView(out.buffer).setUint32(0, bytes.length, true)
  out.set(bytes, 4)
  return out
}
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
const hash = (bytes: Uint8Array) => bytesToHex(blake2b(bytes, { dkLen: 32 }))
const signer = localSigner('0f'.repeat(32), { algorithm: 'ed25519' })

/** A deploy calling `contract`'s `entryPoint` by name, signed, with the hashes the library computes. */
async function deploy(): Promise<DeployJson> {
  const base = vector<DeployJson>('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
  const d: DeployJson = {
    ...base,
    session: { StoredContractByName: { name: contract, entry_point: entryPoint, args: [] } },
    approvals: [],
  }
  const { hash: h, bodyHash } = deployHashes({ ...d, header: { ...d.header, body_hash: '00'.repeat(32) } })
  const signed = { ...d, hash: h, header: { ...d.header, body_hash: bodyHash } }
  signed.approvals = [{ signer: signer.publicKey, signature: bytesToHex(await signer.sign(hexToBytes(h))) }]
  return signed
}

/** The same names in a TransactionV1 (stored target by name, custom entry point). */
async function transaction(names = { contract, entryPoint }) {
  const base = vector<{
    Version1: { payload: Record<string, unknown> & { fields: Record<string, unknown> } }
  }>('SYNTHETIC_transaction_v1_session_2approvals.json')
  const v1 = structuredClone(base.Version1) as {
    hash: string
    payload: { fields: Record<string, unknown> }
    approvals: { signer: string; signature: string }[]
  }
  v1.payload.fields.entry_point = { Custom: names.entryPoint }
  v1.payload.fields.target = { Stored: { id: { ByName: names.contract }, runtime: 'VmCasperV1' } }
  v1.hash = transactionHash({ Version1: v1 } as never)
  v1.approvals = [{ signer: signer.publicKey, signature: bytesToHex(await signer.sign(hexToBytes(v1.hash))) }]
  return { Version1: v1 }
}

describe('non-ASCII names hash as casper-node hashes them', () => {
  test('a deploy: the body hash from the bytesrepr rule, the hash from the header', async () => {
    const d = await deploy()
    // ExecutableDeployItem::StoredContractByName: tag 2, name, entry_point, args (casper-types
    // `executable_deploy_item.rs`); the payment is the vector's ASCII standard payment.
    const session = concat(
      new Uint8Array([2]),
      bytesreprString(contract),
      bytesreprString(entryPoint),
      runtimeArgsBytes([]),
    )
    expect(bytesToHex(executableItemBytes(d.session))).toBe(bytesToHex(session))
    const bodyHash = hash(concat(executableItemBytes(d.payment), session))
    expect(d.header.body_hash).toBe(bodyHash)
    expect(d.hash).toBe(hash(deployHeaderBytes(d.header)))
  })

  test('a TransactionV1: the payload of the same names in ASCII, with the UTF-8 names put in', async () => {
    // Same byte lengths, so the calltable offsets are the same: only the name bytes differ.
    const ascii = {
      contract: 'c'.repeat(utf8(contract).length),
      entryPoint: 'e'.repeat(utf8(entryPoint).length),
    }
    const plain = await transaction(ascii)
    // casper-js-sdk hashes ASCII names right: its own check of the hash accepts the plain one.
    expect(() => sdk.TransactionV1.fromJSON(plain.Version1)).not.toThrow()
    const plainBytes = transactionPayload.encode(fileFromJson(plain as never, 'transaction').payload)
    const hex = bytesToHex(plainBytes)
    const swap = (from: string, to: string) => {
      const a = bytesToHex(bytesreprString(from))
      expect(hex.split(a)).toHaveLength(2) // exactly once
      return [a, bytesToHex(bytesreprString(to))] as const
    }
    const [c0, c1] = swap(ascii.contract, contract)
    const [e0, e1] = swap(ascii.entryPoint, entryPoint)
    const expected = hash(hexToBytes(hex.replace(c0, c1).replace(e0, e1)))
    const t = await transaction()
    expect(t.Version1.hash).toBe(expected)
    // casper-js-sdk 5.0.12 does not: it refuses the right hash (so it is not on the path that hashes).
    expect(() => sdk.TransactionV1.fromJSON(t.Version1)).toThrow()
  })
})

describe('the CLI accepts them', () => {
  let dir: string
  let devnet: Devnet
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casper-multisig-non-ascii-'))
    devnet = await startDevnet({ port: 0, blockIntervalMs: 50, chainName: 'casper-test' })
    await devnet.createAccount({ publicKey: signer.publicKey })
  })
  afterAll(async () => {
    await devnet?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  test('describe and status show the names and find the hashes right', async () => {
    for (const [name, content] of [
      ['deploy.json', await deploy()],
      ['transaction.json', await transaction()],
    ] as const) {
      const file = join(dir, name)
      writeFileSync(file, JSON.stringify(content))
      for (const args of [
        ['describe', file, '--json'],
        ['status', file, '--node', devnet.url, '--json'],
      ]) {
        const result = await cli(args)
        const text = `${result.out}\n${result.err}`
        expect(text, args.join(' ')).not.toMatch(/HashMismatch|not what its hash says|at .*\.js:\d+/)
        // describe shows the names; status (on a node of the file's chain) finds the hash right.
        if (args[0] === 'describe') {
          expect(text).toContain(contract)
          expect(text).toContain(entryPoint)
        }
        expect(result.out).not.toBe('')
        JSON.parse(result.out)
      }
    }
  })
})
