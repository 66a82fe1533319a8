// Files for the Ledger tests: the synthetic vectors, a transfer, and deploys or transactions too large for the app.
import { readFileSync } from 'node:fs'
import { blake2b } from '@noble/hashes/blake2b'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { deployHashes, transactionHash } from '../../src/cosign/hashes.js'
import { buildTransfer } from '../../src/deploy/buildTransfer.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import type { TransactionJson } from '../../src/deploy/TransactionJson.js'
import { bytesToHex } from '../../src/encoding/hex.js'

const vector = (name: string) => readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8')

/** A session-Wasm deploy with two approvals (ed25519 and secp256k1), chain casper-test. */
export const deployText = vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')
/** A session TransactionV1 (entry point Call) with two approvals. */
export const transactionText = vector('SYNTHETIC_transaction_v1_session_2approvals.json')

/** The deploy vector with its approvals dropped (the Ledger signs first). */
export function unsignedDeploy(): DeployJson {
  return { ...(JSON.parse(deployText) as DeployJson), approvals: [] }
}

/** The deploy with `bytes` of session Wasm, its hashes recomputed. */
export function deployWithWasm(bytes: number): DeployJson {
  const deploy = unsignedDeploy()
  const session = deploy.session as unknown as { ModuleBytes: { module_bytes: string } }
  session.ModuleBytes.module_bytes = bytesToHex(Uint8Array.from({ length: bytes }, (_, i) => i % 251))
  const { bodyHash, hash } = deployHashes({
    ...deploy,
    header: { ...deploy.header, body_hash: '00'.repeat(32) },
  })
  deploy.header.body_hash = bodyHash
  const again = deployHashes(deploy)
  deploy.hash = again.hash
  if (again.bodyHash !== bodyHash || hash !== again.hash) throw new Error('hashes do not settle')
  return deploy
}

/** The transaction vector with `bytes` of session Wasm, its hash recomputed, no approvals. */
export function transactionWithWasm(bytes: number): TransactionJson {
  const json = JSON.parse(transactionText) as TransactionJson
  const v1 = json.Version1 as unknown as {
    hash: string
    approvals: unknown[]
    payload: { fields: { target: { Session: { module_bytes: string } } } }
  }
  v1.payload.fields.target.Session.module_bytes = bytesToHex(new Uint8Array(bytes).fill(7))
  v1.approvals = []
  v1.hash = transactionHash(json)
  return json
}

/** A native transfer deploy of 10 CSPR from `account` to a public key, id 42. */
export function transferDeploy(account: string): DeployJson {
  const built = buildTransfer({
    kind: 'deploy',
    account,
    chainName: 'casper',
    chainspec: casperMainnet,
    target: '016e3725ffd940bddb56e692e6309c6c82d2def515421219ddfd1ea0952e52491a',
    amount: 10_000_000_000n,
    id: 42,
    timestamp: Date.parse('2024-01-01T00:00:00.000Z'),
  } as Parameters<typeof buildTransfer>[0])
  return (built as unknown as { deploy: DeployJson }).deploy
}

/** blake2b-256 as lowercase hex. */
export function blake2bHex(bytes: Uint8Array): string {
  return bytesToHex(blake2b(bytes, { dkLen: 32 }))
}
