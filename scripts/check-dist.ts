// Loads the built package the three ways users do: native Node ESM, CommonJS require, and a browser
// bundle (esbuild, platform browser: fails if anything needs a Node built-in). Each runs real code.
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const owner = '01d9bf2148748a85c89da5aad8ee0b0fc2d105fd39d41a4c796536354f0ae2900c'

type Package = typeof import('../src/index.js')
async function exercise(name: string, m: Package) {
  const { deploy, emulation } = await m.buildTwoPartyDeploy({
    account: owner,
    chainName: 'casper-test',
    deploymentAccount: 'b2'.repeat(32),
  })
  if (!emulation.ok || m.deployHashes(deploy).hash !== deploy.hash) throw new Error(`${name}: wrong result`)
  console.log(`${name}: ok (deploy ${deploy.hash.slice(0, 8)}…, gas ${emulation.gas.total})`)
}

await exercise('ESM', (await import(join(root, 'dist/index.js'))) as Package)
await exercise('CommonJS', createRequire(import.meta.url)(join(root, 'dist/index.cjs')) as Package)
const out = join(mkdtempSync(join(tmpdir(), 'casper-multisig-')), 'bundle.js')
execFileSync(
  'npx',
  [
    'esbuild',
    join(root, 'dist/index.js'),
    '--bundle',
    '--platform=browser',
    '--format=esm',
    `--outfile=${out}`,
    '--log-level=error',
  ],
  {
    cwd: root,
    stdio: 'inherit',
  },
)
console.log('browser bundle: ok')

// One error family across entries: each entry bundles its own copy of BaseError, and an error thrown
// by any entry, ESM or CommonJS, is still an instanceof the main entry's.
const { BaseError } = (await import(join(root, 'dist/index.js'))) as Package
const thrown = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}
type Cosign = typeof import('../src/cosign/index.js')
const cosignEsm = (await import(join(root, 'dist/cosign.js'))) as Cosign
const cosignCjs = createRequire(import.meta.url)(join(root, 'dist/cosign.cjs')) as Cosign
for (const [name, entry] of [
  ['cosign (ESM)', cosignEsm],
  ['cosign (CommonJS)', cosignCjs],
] as const) {
  const error = thrown(() => entry.parseCosignFile('{"hash": 1, "hash": 2}'))
  if (
    !(error instanceof BaseError) ||
    !(error instanceof entry.BaseError) ||
    !(error instanceof entry.CosignError)
  )
    throw new Error(`${name}: its errors are not instanceof the main entry's BaseError`)
}
if (new BaseError('x', { code: 'X' }) instanceof cosignEsm.CosignError)
  throw new Error('a BaseError passes for a CosignError')
console.log('one error family across entries: ok')
