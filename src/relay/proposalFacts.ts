// What the relay indexes a proposal by: its account, its chain and when it expires, read from the decoded file.
import { accountHashFromPublicKey } from '../account/accountHash.js'
import type { CosignFile } from '../cosign/CosignFile.js'
import { bytesToHex } from '../encoding/hex.js'

/**
 * The initiating account's hash (64 hex), the chain name and the expiry (timestamp + TTL, ms) of a
 * deploy or TransactionV1 (casper-types `InitiatorAddr`: a public key or an account hash).
 *
 * @example
 * ```ts
 * const { account, chainName, expiresAt } = proposalFacts(parseCosignFile(text))
 * ```
 */
export function proposalFacts(file: CosignFile): { account: string; chainName: string; expiresAt: number } {
  if (file.kind === 'deploy') {
    return {
      account: accountHashFromPublicKey(file.header.account),
      chainName: file.header.chain_name,
      expiresAt: Number(file.header.timestamp + file.header.ttl),
    }
  }
  const p = file.payload
  return {
    account:
      p.initiator.TAG === 'PublicKey'
        ? accountHashFromPublicKey(p.initiator.data[0])
        : bytesToHex(p.initiator.data[0]),
    chainName: p.chainName,
    expiresAt: Number(p.timestamp + p.ttl),
  }
}
