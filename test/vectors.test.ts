// Every published vector in test/vectors/ parses, hashes, verifies and round-trips.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { Account } from '../src/account/Account.js'
import { verifyDeployJson } from '../src/approvals/verifyDeployJson.js'
import { transactionPayload } from '../src/codec/layouts.js'
import type { CosignTransaction } from '../src/cosign/CosignFile.js'
import * as cosign from '../src/cosign/index.js'
import { parseCosignFile } from '../src/cosign/parseCosignFile.js'
import { parseDeployJson } from '../src/cosign/parseDeployJson.js'
import { deployHashes } from '../src/deploy/deployHashes.js'
import { sdk } from '../src/deploy/sdk.js'
import { stringifyDeployJson } from '../src/deploy/stringifyDeployJson.js'
import * as main from '../src/index.js'
import { verifyApproval } from '../src/keys/verifyApproval.js'

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
    const report = verifyDeployJson(deploy)
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
    expect(cosign.transactionHash(decoded)).toBe(transaction.hash)
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

// One engine: the names both entries export are one function each, and every vector gets the same
// answer from the main entry's functions on its JSON as from the cosign entry's on the decoded file.
describe('both entries give every vector the same answer', () => {
  test('every name both entries export is the same function or value', () => {
    const mainExports: Record<string, unknown> = { ...main }
    const cosignExports: Record<string, unknown> = { ...cosign }
    const shared = Object.keys(cosignExports).filter((name) => name in mainExports)
    expect(shared).toEqual(expect.arrayContaining(['deployHashes', 'transactionHash', 'verifyDeploy']))
    for (const name of shared) expect(mainExports[name], name).toBe(cosignExports[name])
  })

  describe.each(files)('%s', (file) => {
    const raw = JSON.parse(text(file))
    const json = raw.expected_deploy_bytes_hex ? raw.deploy : raw
    const decoded = cosign.parseCosignFile(JSON.stringify(json))
    const chainName = decoded.kind === 'deploy' ? decoded.header.chain_name : decoded.payload.chainName
    const timestamp = Number(decoded.kind === 'deploy' ? decoded.header.timestamp : decoded.payload.timestamp)
    // The network and the moment the file was made for: then nothing but the file itself can fail.
    const then = { network: { ...cosign.mainnet, chainName }, now: timestamp }

    test('it verifies, however long ago it expired, from its JSON as from the decoded file', () => {
      const report = cosign.verifyFile(decoded)
      expect(report.ok).toBe(true)
      // Expired now, and reported so, but still the valid file the node accepted.
      expect(report.problems.map((p) => p.code)).toContain('Expired')
      expect(report.hash).toBe(decoded.hash)
      expect(main.verifyFile(json)).toEqual(report)
      expect(cosign.verifyFile(decoded, then).problems).toEqual([])
      const legacy = verifyDeployJson(json)
      expect(legacy).toMatchObject({
        ok: true,
        hash: report.hash,
        problems: [],
        approvalCount: report.approvalCount,
      })
      expect(legacy.valid.map((v) => v.accountHash)).toEqual(
        report.approvals.flatMap((a) => (a.ok ? [a.accountHash] : [])),
      )
      if (decoded.kind === 'deploy') {
        expect(main.verifyDeploy(json)).toEqual(cosign.verifyDeploy(decoded))
        // The builders' hasher (the main entry's converters) agrees with the file's reader.
        expect(deployHashes(json)).toEqual(cosign.deployHashes(decoded))
        expect(main.deployHashes(json)).toEqual({ hash: decoded.hash, bodyHash: report.bodyHash })
      } else {
        expect(main.verifyTransaction(json)).toEqual(cosign.verifyTransaction(decoded))
        expect(main.transactionHash(json)).toBe(cosign.transactionHash(decoded))
      }
    })

    test('signature progress and merging: the JSON-level functions answer as the core', () => {
      const signers = [
        ...new Set(cosign.verifyFile(decoded).approvals.flatMap((a) => (a.ok ? [a.accountHash] : []))),
      ]
      const account: Account = {
        accountHash: signers[0]!,
        associatedKeys: Object.fromEntries([...signers, '77'.repeat(32)].map((hash) => [hash, 1])),
        actionThresholds: { deployment: signers.length, keyManagement: signers.length + 1 },
      }
      const progress = main.signatureProgress(json, account)
      expect(progress).toEqual(cosign.signingProgress(decoded, account, then))
      expect(progress.weight).toBe(signers.length)
      const { deploy: merged, rejected } = main.mergeApprovals(json, json)
      const core = cosign.mergeFiles([decoded, decoded])
      expect(rejected).toEqual([])
      expect(core.rejected).toEqual([])
      expect(JSON.parse(cosign.stringifyCosignFile(core.merged))).toEqual(merged)
    })
  })
})
