// Loads the built package in headless Chromium and runs the co-signer path there (emulation with
// the browser's WebAssembly, building, signing with two algorithms, merging, verifying).
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = await build({
  entryPoints: [`${root}test/browser/entry.ts`],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  write: false,
  logLevel: 'error',
  // Resolve `casper-multisig` through package.json exports (dist/), not tsconfig paths (src/).
  tsconfigRaw: {},
})
const script = bundle.outputFiles[0]!.text
const server = createServer((request, response) => {
  if (request.url === '/bundle.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
  else
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><script src="/bundle.js"></script>')
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const { port } = server.address() as { port: number }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
try {
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  await page.goto(`http://127.0.0.1:${port}/`)
  const result = (await page.evaluate(() =>
    (window as unknown as { casperMultisig: () => Promise<unknown> }).casperMultisig(),
  )) as {
    gas: string
    thresholds: { deployment: number; keyManagement: number }
    verified: boolean
    progress: string
  }
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`)
  // The two-party session's gas under the default mainnet 2.2.0 costs (docs/performance.md).
  if (result.gas !== '483446387' || !result.verified || result.thresholds.keyManagement !== 2) {
    throw new Error(`unexpected result in the browser: ${JSON.stringify(result)}`)
  }
  console.log(`browser (${browser.version()}): ok (gas ${result.gas}; ${result.progress})`)
} finally {
  await browser.close()
  server.close()
}
