// sign --key with a raw binary key file that is not 32 bytes: refused with the shapes a key file may
// have, and nothing read from the file (the reported case: "expected: 3237998146 value bytes").
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { leaks } from '../keys/secretWindows.js'
import { vector } from '../vectors.js'
import { cli } from './cliKit.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-secret-key-file-'))
  writeFileSync(
    join(dir, 'deploy.json'),
    JSON.stringify(vector('SYNTHETIC_deploy_multisig_modulebytes_2approvals.json')),
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('a raw secret with a trailing byte is refused without a byte of it', async () => {
  const secret = new Uint8Array([0x30, 0x84, 0xc0, 0xff, 0xee, 0x42, ...new Uint8Array(26).fill(0x5a), 0x0a])
  const key = join(dir, 'secret.bin')
  writeFileSync(key, secret, { mode: 0o600 })
  for (const algorithm of [[], ['--algorithm', 'ed25519']]) {
    const result = await cli([
      'sign',
      join(dir, 'deploy.json'),
      '--key',
      key,
      ...algorithm,
      '-o',
      join(dir, 'o.json'),
    ])
    expect(result.code).toBe(1)
    const shown = `${result.out}\n${result.err}`
    expect(shown).not.toContain('3237998146')
    expect(leaks(secret, shown)).toEqual([])
    expect(result.err).toMatch(/PEM .*DER PKCS#8 or SEC1, 32 raw bytes/)
  }
})
