// Times a cold import of the built package's main entry against casper-js-sdk's, each in a fresh
// Node process, alternating, as a ratio (npm run build first; npx tsx bench/coldImport.ts).
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const rounds = Number(process.env.ROUNDS ?? 15)

/** Milliseconds for `import(specifier)` in a new process, measured inside it (no process start-up). */
function coldImport(specifier: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t)`
  return Number(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }),
  )
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const ours: number[] = []
const sdk: number[] = []
for (let i = 0; i < rounds; i++) {
  ours.push(coldImport(`${root}dist/index.js`))
  sdk.push(coldImport('casper-js-sdk'))
}
const [a, b] = [median(ours), median(sdk)]
console.log(
  `cold import, median of ${rounds}: casper-multisig ${a.toFixed(1)} ms, casper-js-sdk ${b.toFixed(1)} ms, ratio ${(a / b).toFixed(2)}`,
)
