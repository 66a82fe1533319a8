// The Casper 2.0 TransactionV1 JSON that casper-client and the node's RPC read and write.
import type { ApprovalJson } from './DeployJson.js'

/** A TransactionV1 as `{ "Version1": { hash, payload, approvals } }`, the form `account_put_transaction` takes. */
export type TransactionJson = {
  Version1: {
    hash: string
    payload: Record<string, unknown> & { chain_name: string; timestamp: string; ttl: string }
    approvals: ApprovalJson[]
  }
}
