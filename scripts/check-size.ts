// Size budgets of the co-signer entry and page, measured on the built package: the cosign entry
// bundled and minified for browsers (esbuild, its metafile shows what is inside), and dist/cosign.html.
// Also loads dist/cosign.{js,cjs} in Node and hashes a published vector with each, and checks the
// package tarball (`npm pack --dry-run`): its size and that it holds no source maps or images.
import { execFileSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
// The cosign entry must stay within 158 KB minified for browsers (docs/performance.md, "Co-signer
// entry size", has what is inside).
// The tarball must stay within 1 MB packed (docs/performance.md, "Package size").
const budgets = { cosign: 158 * 1024, page: 300 * 1024, packed: 1024 * 1024 }
let failed = false

const result = await build({
  entryPoints: [join(root, 'dist/cosign.js')],
  bundle: true,
  minify: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  write: false,
  metafile: true,
  legalComments: 'none',
  logLevel: 'error',
})
const size = result.outputFiles[0]!.contents.length
// What is inside, per package: the same bundle made from the sources (dist/cosign.js has micro-packed
// inlined), with the alias the build applies (tsup.config.ts).
const sources = await build({
  entryPoints: [join(root, 'src/cosign/index.ts')],
  bundle: true,
  minify: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  write: false,
  metafile: true,
  legalComments: 'none',
  logLevel: 'error',
  alias: { '@scure/base': join(root, 'src/codec/scureBase.ts') },
})
const inputs = Object.entries(Object.values(sources.metafile.outputs)[0]!.inputs)
const byPackage = new Map<string, number>()
for (const [path, { bytesInOutput }] of inputs) {
  const name = path.includes('node_modules/')
    ? path
        .split('node_modules/')
        .at(-1)!
        .split('/')
        .slice(0, path.includes('node_modules/@') ? 2 : 1)
        .join('/')
    : 'casper-multisig'
  byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
console.log(`cosign entry, minified for browsers: ${kb(size)}, ${size} bytes (budget ${kb(budgets.cosign)})`)
for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]))
  console.log(`  ${name.padEnd(20)} ${kb(bytes)}`)
for (const [unwanted, what] of [
  ['casper-js-sdk', 'casper-js-sdk'],
  ['smol-toml', 'a TOML parser'],
  ['parseChainspec', 'parseChainspec'],
  [
    'chainspec/casperMainnet',
    'the casperMainnet preset with its cost tables (cosignNetwork.ts holds the fields it needs)',
  ],
  ['@scure/base', "micro-packed's @scure/base (the alias in tsup.config.ts is missing)"],
] as const) {
  if (inputs.some(([path]) => path.includes(unwanted))) {
    console.error(`FAIL: the cosign entry pulls in ${what}`)
    failed = true
  }
}
if (size > budgets.cosign) {
  console.error(`FAIL: the cosign entry is over its budget by ${kb(size - budgets.cosign)}`)
  failed = true
}
const page = statSync(join(root, 'dist/cosign.html')).size
console.log(`dist/cosign.html: ${kb(page)} (budget ${kb(budgets.page)})`)
if (page > budgets.page) {
  console.error(`FAIL: the page is over its budget by ${kb(page - budgets.page)}`)
  failed = true
}

type Cosign = typeof import('../src/cosign/index.js')
const vector = readFileSync(
  join(root, 'test/vectors/SYNTHETIC_transaction_v1_session_2approvals.json'),
  'utf8',
)
for (const [name, m] of [
  ['ESM', (await import(join(root, 'dist/cosign.js'))) as Cosign],
  ['CommonJS', createRequire(import.meta.url)(join(root, 'dist/cosign.cjs')) as Cosign],
] as const) {
  const file = m.parseCosignFile(vector)
  const ok = file.kind === 'transaction' && m.transactionHash(file) === file.hash
  console.log(`dist/cosign (${name}): ${ok ? 'ok' : 'WRONG HASH'}`)
  if (!ok) failed = true
}

// What `npm publish` would upload, listed by npm itself from package.json's `files`.
type Packed = { size: number; unpackedSize: number; entryCount: number; files: { path: string }[] }
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
) as [Packed]
console.log(
  `tarball: ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${packed.entryCount} files (budget ${kb(budgets.packed)} packed)`,
)
if (packed.size > budgets.packed) {
  console.error(`FAIL: the tarball is over its budget by ${kb(packed.size - budgets.packed)}`)
  failed = true
}
const unwantedFiles = packed.files.filter((f) => /\.map$|\.(png|jpe?g|gif|svg)$|^docs\/api\//.test(f.path))
if (unwantedFiles.length > 0) {
  console.error(`FAIL: the tarball holds ${unwantedFiles.map((f) => f.path).join(', ')}`)
  failed = true
}
if (failed) process.exit(1)
