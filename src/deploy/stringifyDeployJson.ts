// Writes deploy JSON exactly as casper-client does, so files round-trip between the two tools.
import type { DeployJson } from './DeployJson.js'

/**
 * The deploy as text: 2-space indentation, fields in casper-client's order (`hash`, `header` with
 * `account, timestamp, ttl, gas_price, body_hash, dependencies, chain_name`, `payment`, `session`,
 * `approvals` of `{ signer, signature }`; the order of serde's derive on casper-node
 * `types/src/deploy.rs` and `deploy_header.rs`, printed with `serde_json::to_writer_pretty`), and
 * no trailing newline. `payment` and `session` keep their own field order.
 *
 * @example
 * ```ts
 * writeFileSync('deploy.json', stringifyDeployJson(await signDeploy(deploy, signer)))
 * ```
 */
export function stringifyDeployJson(deploy: DeployJson): string {
  const { header } = deploy
  const ordered: DeployJson = {
    hash: deploy.hash,
    header: {
      account: header.account,
      timestamp: header.timestamp,
      ttl: header.ttl,
      gas_price: header.gas_price,
      body_hash: header.body_hash,
      dependencies: header.dependencies,
      chain_name: header.chain_name,
    },
    payment: deploy.payment,
    session: deploy.session,
    approvals: deploy.approvals.map(({ signer, signature }) => ({ signer, signature })),
  }
  return JSON.stringify(ordered, null, 2)
}
