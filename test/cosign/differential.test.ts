// The cosign codec against casper-js-sdk 5.0.12 (which reproduces real 1.x and 2.0 vectors): the
// same hash for thousands of random deploys and transactions it builds, and for the published vectors.
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { deployHashes, parseCosignFile, transactionHash } from '../../src/cosign/index.js'
import { sdk } from '../../src/deploy/sdk.js'
import { sdkDeploy, sdkTransaction } from './sdkArbitraries.js'

const runs = Number(process.env.COSIGN_DIFFERENTIAL_RUNS ?? 2000)

describe('cosign hashes agree with casper-js-sdk', () => {
  test(`${runs} random deploys (every CLType, nested values, every session kind)`, () => {
    fc.assert(
      fc.property(sdkDeploy, (deploy) => {
        const file = parseCosignFile(JSON.stringify(sdk.Deploy.toJSON(deploy)))
        if (file.kind !== 'deploy') throw new Error('expected a deploy')
        const hashes = deployHashes(file)
        expect(hashes.bodyHash).toBe(deploy.header.bodyHash!.toHex())
        expect(hashes.hash).toBe(deploy.hash.toHex())
        expect(file.hash).toBe(deploy.hash.toHex())
      }),
      { numRuns: runs },
    )
  }, 120_000)

  test(`${runs} random TransactionV1s (every target, entry point, scheduling and pricing mode)`, () => {
    fc.assert(
      fc.property(sdkTransaction, (transaction) => {
        const file = parseCosignFile(JSON.stringify({ Version1: sdk.TransactionV1.toJSON(transaction) }))
        if (file.kind !== 'transaction') throw new Error('expected a transaction')
        expect(transactionHash(file)).toBe(transaction.hash.toHex())
      }),
      { numRuns: runs },
    )
  }, 120_000)

  const vectors = new URL('../vectors/', import.meta.url)
  for (const name of readdirSync(vectors).filter((n) => n.endsWith('.json') && !n.endsWith('.meta.json'))) {
    test(`published vector ${name}`, () => {
      const json = JSON.parse(readFileSync(new URL(name, vectors), 'utf8'))
      const text = JSON.stringify(json.expected_deploy_bytes_hex ? json.deploy : json)
      const file = parseCosignFile(text)
      const hash = file.kind === 'deploy' ? deployHashes(file).hash : transactionHash(file)
      expect(hash).toBe(file.hash)
      const reference =
        file.kind === 'deploy'
          ? sdk.Deploy.fromJSON(JSON.parse(text).deploy ?? JSON.parse(text)).hash.toHex()
          : sdk.TransactionV1.fromJSON(JSON.parse(text).Version1 ?? JSON.parse(text)).hash.toHex()
      expect(hash).toBe(reference)
    })
  }
})
