// Builds dist/cosign.html: the co-signing page as one self-contained offline file (script and style inline).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = process.argv.includes('--out')
  ? process.argv[process.argv.indexOf('--out') + 1]!
  : `${root}dist/cosign.html`
const bundle = await build({
  entryPoints: [`${root}src/page/cosignPage.ts`],
  bundle: true,
  minify: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  write: false,
  legalComments: 'none',
  logLevel: 'error',
  // As in the cosign entry (tsup.config.ts): micro-packed's hex and utf8 on the platform's coders.
  alias: { '@scure/base': `${root}src/codec/scureBase.ts` },
})
// `</script` inside the bundle would end the inline script early; escape it.
const script = bundle.outputFiles[0]!.text.replace(/<\/(script)/gi, '<\\/$1')
const template = readFileSync(`${root}src/page/cosign.html`, 'utf8')
const html = template.replace('/*SCRIPT*/', () => script)
mkdirSync(new URL('.', `file://${out}`), { recursive: true })
writeFileSync(out, html)
console.log(`${out}: ${html.length} bytes`)
