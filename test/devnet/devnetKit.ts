// Shared helpers of the devnet tests: signers, raw JSON-RPC calls, and the deploys the flows submit.
import { type Account, createAccount } from '../../src/account/Account.js'
import { signDeploy } from '../../src/approvals/signDeploy.js'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { localSigner } from '../../src/keys/localSigner.js'

export const alice = localSigner('a1'.repeat(32), { algorithm: 'ed25519' })
export const bob = localSigner('b2'.repeat(32), { algorithm: 'secp256k1' })
export const carol = localSigner('c3'.repeat(32), { algorithm: 'ed25519' })
export const mallory = localSigner('e5'.repeat(32), { algorithm: 'ed25519' })

/** The answer of a raw JSON-RPC call: the whole envelope. */
export type Envelope = {
  jsonrpc: string
  id: unknown
  // biome-ignore lint/suspicious/noExplicitAny: the tests read deep result shapes that the schema test checks
  result?: any
  error?: { code: number; message: string; data?: unknown }
}

let nextId = 1

/** POSTs one JSON-RPC call with named params and returns the envelope. */
export async function call(url: string, method: string, params?: unknown): Promise<Envelope> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: nextId++,
      method,
      ...(params === undefined ? {} : { params }),
    }),
  })
  return (await response.json()) as Envelope
}

/** Alice's two-party-multi-sig deploy adding Bob, signed by Alice (the reference session). */
export async function twoPartyDeploy(chainName: string, current?: Account): Promise<DeployJson> {
  const { deploy } = await buildTwoPartyDeploy({
    account: alice.publicKey,
    chainName,
    deploymentAccount: bob.publicKey,
    // Priced on a fresh account even when the chain's account differs (to submit a deploy that reverts).
    current: current ?? createAccount(alice.accountHash),
  })
  return signDeploy(deploy, alice)
}
