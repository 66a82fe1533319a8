// Builds dist/cosign.html: the co-signing page as one self-contained offline file (script and style inline).
import { createHash } from 'node:crypto'
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
  // The Ledger packages use Node's global Buffer: each bare `Buffer` becomes the `buffer` package's.
  inject: [`${root}src/page/bufferGlobal.ts`],
})
// `</script` inside the bundle would end the inline script early; escape it.
const script = bundle.outputFiles[0]!.text.replace(/<\/(script)/gi, '<\\/$1')
const template = readFileSync(`${root}src/page/cosign.html`, 'utf8')
const style = /<style>([\s\S]*?)<\/style>/.exec(template)![1]!
const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
// The page's content security policy: only its own inline script (by hash, so no injected script or
// inline handler runs) and style, WebAssembly for the emulator, and every exit closed: no request
// (connect-src, default-src), no form post, no <base>, no plugin. A <meta> policy cannot carry
// frame-ancestors, report-uri or sandbox (CSP3 "meta element"); navigate-to was dropped from CSP3
// and Chromium ignores it, but it is stated for any browser that enforces it.
// Served by a relay (src/relay/servePage.ts), the same file has connect-src 'self' instead: it may
// ask that relay, its own origin, and no other.
const csp = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  `style-src ${hash(style)}`,
  "object-src 'none'",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "navigate-to 'none'",
].join('; ')
const html = template.replace('/*CSP*/', () => csp).replace('/*SCRIPT*/', () => script)
mkdirSync(new URL('.', `file://${out}`), { recursive: true })
writeFileSync(out, html)
console.log(`${out}: ${html.length} bytes`)
