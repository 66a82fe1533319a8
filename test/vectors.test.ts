// Every published vector in test/vectors/ parses, hashes, verifies and round-trips.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { verifyApproval, verifyDeploy } from '../src/approvals/verifyApproval.js'
import { transactionPayload } from '../src/codec/layouts.js'
import type { CosignTransaction } from '../src/cosign/CosignFile.js'
import { transactionHash } from '../src/cosign/hashes.js'
import { parseCosignFile } from '../src/cosign/parseCosignFile.js'
import { deployHashes } from '../src/deploy/deployHashes.js'
import { parseDeployJson } from '../src/deploy/parseDeployJson.js'
import { sdk } from '../src/deploy/sdk.js'
import { stringifyDeployJson } from '../src/deploy/stringifyDeployJson.js'

const directory = new URL('./vectors/', import.meta.url)
const files = readdirSync(directory).filter((f) => f.endsWith('.json') && !f.endsWith('.meta.json'))
const text = (file: string) => readFileSync(new URL(file, directory), 'utf8')

describe.each(files.filter((f) => f.includes('deploy')))('deploy vector %s', (file) => {
  const raw = JSON.parse(text(file))
  const deploy = parseDeployJson(raw.deploy ?? raw)

  test('parses, and its hashes are those of its content', () => {
    expect(deployHashes(deploy)).toEqual({ hash: deploy.hash, bodyHash: deploy.header.body_hash })
  })

  test('every approval verifies', () => {
    const report = verifyDeploy(deploy)
    expect(report.problems).toEqual([])
    expect(report.rejected).toEqual([])
    expect(report.valid).toHaveLength(deploy.approvals.length)
    expect(sdk.Deploy.fromJSON(deploy).validate()).toBe(true)
  })

  test('round-trips to the same JSON text', () => {
    const written = stringifyDeployJson(parseDeployJson(JSON.parse(stringifyDeployJson(deploy))))
    if (raw.deploy) expect(written).toBe(JSON.stringify(raw.deploy, null, 2))
    else if (file === 'deploy_2approvals_casper-client-rs.json') {
      // This vector keeps the whitespace of the Rust source it comes from (a tab, a 1-space indent).
      expect(written.replace(/\s/g, '')).toBe(text(file).replace(/\s/g, ''))
    } else expect(written).toBe(text(file))
  })

  if (raw.expected_deploy_bytes_hex) {
    test('serialises to the expected bytes', () => {
      const bytes = sdk.Deploy.fromJSON(deploy).toBytes()
      expect(Buffer.from(bytes).toString('hex')).toBe(raw.expected_deploy_bytes_hex)
    })
  }
})

describe.each(files.filter((f) => f.includes('transaction_v1')))('TransactionV1 vector %s', (file) => {
  const transaction = JSON.parse(text(file)).Version1
  const decoded = parseCosignFile(text(file)) as CosignTransaction

  test('its hash is that of its payload, as casper-js-sdk computes it too', () => {
    expect(transactionHash(decoded)).toBe(transaction.hash)
    expect(sdk.TransactionV1.fromJSON(transaction).hash.toHex()).toBe(transaction.hash)
  })

  test('every approval verifies', () => {
    for (const approval of transaction.approvals)
      expect(verifyApproval(transaction.hash, approval).ok).toBe(true)
  })

  const meta =
    files.includes(file) && file.startsWith('SYNTHETIC')
      ? JSON.parse(text(file.replace('.json', '.meta.json')))
      : undefined
  if (meta?.payload_bytes_hex) {
    test('serialises its payload to the published bytes, as casper-js-sdk does too', () => {
      expect(Buffer.from(transactionPayload.encode(decoded.payload)).toString('hex')).toBe(
        meta.payload_bytes_hex,
      )
      const bytes = sdk.TransactionV1.fromJSON(transaction).payload.toBytes()
      expect(Buffer.from(bytes).toString('hex')).toBe(meta.payload_bytes_hex)
    })
  }
})
