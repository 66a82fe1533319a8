// Body hash and deploy hash recomputed from a deploy JSON's content (casper-types
// `types/src/transaction/deploy.rs` `Deploy::has_valid_hash`), for the builders.
import { type DeployHashes, hashDeploy } from '../codec/hashDeploy.js'
import type { DeployJson } from './DeployJson.js'
import { deployHeaderOf, executableItemOf } from './deployBytes.js'

export type { DeployHashes } from '../codec/hashDeploy.js'

/**
 * {@link hashDeploy} of a deploy JSON read with the main entry's converters (`executableItemOf`,
 * `deployHeaderOf`, which refuse an arg whose CLType cannot be written exactly, never drop it): the
 * `deployHashes` of the package entries for a deploy the builders just made. The TTL and timestamp
 * hashed are the values casper-node reads from the header texts (humantime).
 *
 * @throws {DeployError} `InvalidClType` for an arg whose CLType the node would read otherwise.
 * @example
 * ```ts
 * const { hash, bodyHash } = deployHashes(deploy)
 * hash === deploy.hash // false means the content was changed after hashing
 * ```
 */
export function deployHashes(deploy: DeployJson): DeployHashes {
  return hashDeploy({
    header: deployHeaderOf(deploy.header),
    payment: executableItemOf(deploy.payment, 'payment'),
    session: executableItemOf(deploy.session, 'session'),
  })
}
