// The deploy JSON that casper-client make-deploy / sign-deploy / send-deploy read and write.

/** An approval: tagged public key hex and tagged signature hex. */
export type ApprovalJson = { signer: string; signature: string }

/** `header` of a deploy, fields in casper-client's order. */
export type DeployHeaderJson = {
  account: string
  timestamp: string
  ttl: string
  gas_price: number
  body_hash: string
  dependencies: string[]
  chain_name: string
}

/** A named arg as the node's JSON writes it: `[name, { cl_type, bytes, parsed? }]`. */
export type NamedArgJson = [name: string, value: { cl_type: unknown; bytes: string; parsed?: unknown }]

/** An executable deploy item (`{ "ModuleBytes": { module_bytes, args } }`, `{ "Transfer": { args } }`, …). */
export type ExecutableDeployItemJson = Record<string, { args: NamedArgJson[]; [field: string]: unknown }>

/** A deploy as casper-client writes it. The file co-signers pass around. */
export type DeployJson = {
  hash: string
  header: DeployHeaderJson
  payment: ExecutableDeployItemJson
  session: ExecutableDeployItemJson
  approvals: ApprovalJson[]
}
