import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { DeployJson, NamedArgJson } from '../../src/deploy/DeployJson.js'
import { deployHeaderBytes, executableItemBytes, runtimeArgsBytes } from '../../src/deploy/deployBytes.js'
import { bytesToHex } from '../../src/encoding/hex.js'

const vector = JSON.parse(
  readFileSync(
    new URL('../vectors/deploy_transfer_with-expected-bytes_casper-js-sdk-2.15.4.json', import.meta.url),
    'utf8',
  ),
) as { deploy: DeployJson; expected_deploy_bytes_hex: string }

describe('deploy bytes (written with the cosign layouts)', () => {
  test('header, hash, payment and session are the bytes casper-js-sdk 2.15.4 published', () => {
    const { deploy } = vector
    const written = [
      deployHeaderBytes(deploy.header),
      executableItemBytes(deploy.payment, 'payment'),
      executableItemBytes(deploy.session, 'session'),
    ].map(bytesToHex)
    const expected = vector.expected_deploy_bytes_hex
    expect(expected.startsWith(`${written[0]}${deploy.hash}${written[1]}${written[2]}`)).toBe(true)
  })

  test('fixed layouts: an empty Transfer, no args', () => {
    expect(executableItemBytes({ Transfer: { args: [] } })).toEqual(Uint8Array.of(5, 0, 0, 0, 0))
    expect(runtimeArgsBytes([])).toEqual(Uint8Array.of(0, 0, 0, 0))
  })

  test("a CLType 50 deep is refused with the main entry's DeployError; 49 deep is written", () => {
    const nested = (depth: number): unknown => (depth === 0 ? 'U8' : { List: nested(depth - 1) })
    const arg = (depth: number) =>
      [['x', { cl_type: nested(depth), bytes: '00' }]] as unknown as NamedArgJson[]
    expect(runtimeArgsBytes(arg(49)).length).toBe(4 + 5 + 5 + 49 + 1)
    expect(() => runtimeArgsBytes(arg(50))).toThrow(
      expect.objectContaining({ name: 'DeployError', code: 'InvalidClType' }),
    )
  })
})
