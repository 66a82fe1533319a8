// Every command's output for a deploy file full of escape sequences, newlines and bidi controls:
// no control character reaches the terminal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { buildTwoPartyDeploy } from '../../src/deploy/buildTwoPartyDeploy.js'
import { deployHashes } from '../../src/deploy/deployHashes.js'
import { stringifyDeployJson } from '../../src/deploy/stringifyDeployJson.js'
import { hasUnsafeText } from '../../src/text/safeText.js'
import { run, writeKey } from './cliKit.js'

const dir = mkdtempSync(join(tmpdir(), 'casper-multisig-hostile-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const hostile = [
  '\u001b[2J\u001b[HSession: two-party-multi-sig',
  'x\u202eyz\u2066',
  'a\nWarning: none\r\u0007\u009b',
]

async function hostileFile(): Promise<{ path: string; key: ReturnType<typeof writeKey> }> {
  const key = writeKey(dir, 'owner')
  const { deploy } = await buildTwoPartyDeploy({
    account: key.publicKey,
    chainName: hostile[1]!,
    deploymentAccount: `01${'04'.repeat(32)}`,
    timestamp: Date.now() - 60_000,
  })
  for (const name of hostile) deploy.session.ModuleBytes!.args.push([name, { cl_type: 'U8', bytes: '00' }])
  deploy.header.body_hash = deployHashes(deploy).bodyHash
  deploy.hash = deployHashes(deploy).hash
  const path = join(dir, 'hostile.json')
  writeFileSync(path, stringifyDeployJson(deploy))
  return { path, key }
}

function expectInert(output: { out: string; err: string }): void {
  for (const line of `${output.out}\n${output.err}`.split('\n'))
    expect([line, hasUnsafeText(line)]).toEqual([line, false])
}

describe('commands on a hostile file', () => {
  test('describe, sign, merge: every line inert', async () => {
    const { path, key } = await hostileFile()
    const described = await run('describe', path)
    expectInert(described)
    expect(described.out).toMatch(/^DO NOT SIGN: the chain name .*, the session arg name /)
    const refused = await run('sign', path, '--key', key.path, '--out', join(dir, 'signed.json'))
    expectInert(refused)
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(
      /^Not signed: DO NOT SIGN\n {2}reasons: the chain name .*, the session arg name /,
    )
    const signed = await run('sign', path, '--key', key.path, '--out', join(dir, 'signed.json'), '--force')
    expectInert(signed)
    expect(signed.code).toBe(0)
    const merged = await run('merge', path, join(dir, 'signed.json'), '--out', join(dir, 'merged.json'))
    expectInert(merged)
    expect(merged.code).toBe(0)
  })

  test('a file the parser refuses: the error is inert too', async () => {
    const path = join(dir, 'refused.json')
    writeFileSync(path, `{"hash":"\u001b[31m\u202e","hash":1}`)
    const refused = await run('describe', path)
    expect(refused.code).not.toBe(0)
    expectInert(refused)
    expect(refused.err).toMatch(/is not a deploy file: .*malformed string/)
    writeFileSync(path, `{"hash":"\\u001b[31m\\u202e","hash":1}`)
    const duplicate = await run('describe', path)
    expectInert(duplicate)
    expect(duplicate.err).toMatch(/Duplicate key in JSON/)
  })
})
