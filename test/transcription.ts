// A literal transcription of casper-types' account checks, the independent oracle of the property tests.
import type { Account } from '../src/account/Account.js'
import type { Operation } from './arbitraries.js'

/**
 * casper-types v1.5.8 `account.rs` and `runtime_context/mod.rs`, transcribed line by line with a
 * Map and explicit u8 saturating weights, deliberately sharing no code with src/.
 */
export function transcription(account: Account, op: Operation): { failure: string } | { account: Account } {
  const keys = new Map(Object.entries(account.associatedKeys))
  const sat = (ws: number[]) => ws.reduce((acc, w) => Math.min(255, acc + w), 0)
  const excluding = (hash: string) => sat([...keys].filter(([h]) => h !== hash).map(([, w]) => w))
  const { deployment, keyManagement } = account.actionThresholds
  const rebuilt = () => ({ ...account, associatedKeys: Object.fromEntries(keys) })
  switch (op.kind) {
    case 'add':
      // runtime_context::add_associated_key: `if account.associated_keys().len() >= max_associated_keys`
      if (keys.size >= 100) return { failure: 'MaxKeysLimit' }
      if (keys.has(op.hash)) return { failure: 'DuplicateKey' }
      keys.set(op.hash, op.weight)
      return { account: rebuilt() }
    case 'update': {
      const current = keys.get(op.hash)
      if (current !== undefined && op.weight < current) {
        const newWeights = sat([excluding(op.hash), op.weight])
        if (!(newWeights >= deployment && newWeights >= keyManagement))
          return { failure: 'ThresholdViolation' }
      }
      if (current === undefined) return { failure: 'MissingKey' }
      keys.set(op.hash, op.weight)
      return { account: rebuilt() }
    }
    case 'remove': {
      if (keys.has(op.hash)) {
        const without = excluding(op.hash)
        if (!(without >= deployment && without >= keyManagement)) return { failure: 'ThresholdViolation' }
      }
      if (!keys.delete(op.hash)) return { failure: 'MissingKey' }
      return { account: rebuilt() }
    }
    case 'threshold': {
      if (op.threshold > sat([...keys.values()])) return { failure: 'InsufficientTotalWeight' }
      if (op.action === 'deployment') {
        if (op.threshold > keyManagement) return { failure: 'DeploymentThreshold' }
        return { account: { ...account, actionThresholds: { deployment: op.threshold, keyManagement } } }
      }
      if (deployment > op.threshold) return { failure: 'KeyManagementThreshold' }
      return { account: { ...account, actionThresholds: { deployment, keyManagement: op.threshold } } }
    }
  }
}
