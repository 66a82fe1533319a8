// The decoded model of a file a co-signer handles: a deploy or a TransactionV1, read once.

import type { DeployHeader, ExecutableItem, TransactionPayload } from '../codec/layouts.js'
import type { ApprovalJson } from '../deploy/DeployJson.js'
import type { StrictJsonObject } from './readShape.js'

/** An approval as files carry it: tagged signer hex and tagged signature hex. */
export type Approval = ApprovalJson

/** A deploy (Casper 1.x layout, still accepted by 2.x nodes). */
export type CosignDeploy = {
  kind: 'deploy'
  /** The `hash` field, lowercase: what approvals sign. */
  hash: string
  header: DeployHeader
  /** The header's texts as written (`ttl` such as `30m`, `timestamp` RFC 3339). */
  headerText: { timestamp: string; ttl: string }
  payment: ExecutableItem
  session: ExecutableItem
  approvals: Approval[]
  /** The file's JSON, for writing it back with other approvals. */
  json: StrictJsonObject
}

/** A Casper 2.x TransactionV1. */
export type CosignTransaction = {
  kind: 'transaction'
  /** The `hash` field, lowercase: what approvals sign. */
  hash: string
  payload: TransactionPayload
  /** The payload's texts as written. */
  payloadText: { timestamp: string; ttl: string }
  approvals: Approval[]
  /** The file's JSON, for writing it back with other approvals. */
  json: StrictJsonObject
}

/** What `parseCosignFile` returns. */
export type CosignFile = CosignDeploy | CosignTransaction
