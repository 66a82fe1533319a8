// README.md's main block runs as pasted: written to a file in a directory holding alice/, bob/,
// carol/ and dave/ secret_key.pem files (ed25519 and secp256k1, as casper-client keygen writes
// them), run with tsx, its casper-multisig imports resolved to the source through the same path
// mapping as tsconfig.json. The block starts its own devnet, plans, signs, merges, submits and
// awaits two deploys (awaitResult rejects on a failed execution) and stops the devnet, so exit
// code 0 is the whole story working.
import { spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { afterAll, expect, test } from 'vitest'
import { extractBlocks, root } from './docBlocks.js'

const dir = mkdtempSync(join(tmpdir(), 'casper-multisig-readme-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** tsconfig.json's `paths`, made absolute so that a file outside the repository resolves them. */
function absolutePaths(): Record<string, string[]> {
  const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile)
  const paths = (config as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths
  return Object.fromEntries(
    Object.entries(paths).map(([name, targets]) => [name, targets.map((t) => join(root, t))]),
  )
}

function writeKey(name: string, algorithm: 'ed25519' | 'secp256k1'): void {
  const { privateKey } =
    algorithm === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
  const pem = privateKey.export({ type: algorithm === 'ed25519' ? 'pkcs8' : 'sec1', format: 'pem' }) as string
  mkdirSync(join(dir, name))
  writeFileSync(join(dir, name, 'secret_key.pem'), pem, { mode: 0o600 })
}

test('the main block of README.md runs as pasted against the devnet it starts', () => {
  const blocks = extractBlocks('README.md', readFileSync(join(root, 'README.md'), 'utf8'))
  const main = blocks.find((block) => block.code.includes('startDevnet('))
  expect(main, 'README.md has a block that starts a devnet').toBeDefined()

  writeKey('alice', 'ed25519')
  writeKey('bob', 'secp256k1')
  writeKey('carol', 'ed25519')
  writeKey('dave', 'secp256k1')
  // An ES module, as its top-level await needs.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }))
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths: absolutePaths() } }))
  writeFileSync(join(dir, 'readme.ts'), main!.code)

  const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['readme.ts'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 50_000,
  })
  expect(run.error).toBeUndefined()
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
})
