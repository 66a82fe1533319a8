// GET /p/<hash>: the built co-signer page, allowed to talk to this relay only.
import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { RelayError } from './RelayError.js'
import { sendText } from './relayResponse.js'

/**
 * The content security policy of the page served by a relay: requests to this origin only
 * (`connect-src 'self'`), no plugin, no form post, no `<base>`, not framed. The page's own `<meta>`
 * policy (its inline script by hash) applies as well.
 */
export const pageCsp =
  "connect-src 'self'; object-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

/**
 * Where the built page (`cosign.html`, scripts/build-page.ts) is looked for: `dist` beside the
 * bundled CLI (`dist/cli/main.js` → `dist`), or `dist` of the checkout when run from `src/`.
 */
export function defaultPageDirectory(): string {
  const bundled = fileURLToPath(new URL('../', import.meta.url))
  return import.meta.url.includes('/src/relay/')
    ? fileURLToPath(new URL('../../dist/', import.meta.url))
    : bundled
}

/**
 * Serves `cosign.html` of the built page directory with {@link pageCsp}; the page reads the hash
 * from its address and asks this relay for the proposal. The page is the offline one, whose own
 * `<meta>` policy allows no request at all (`connect-src 'none'`); served here that one word becomes
 * `'self'`, and nothing else of the page changes (its script, and so its hash in the policy, stay).
 *
 * @throws {RelayError} `PageNotBuilt` when the page is not there.
 * @example
 * ```ts
 * await servePage(response, defaultPageDirectory())
 * ```
 */
export async function servePage(response: ServerResponse, directory: string): Promise<void> {
  const path = join(directory, 'cosign.html')
  let html: string
  try {
    html = await readFile(path, 'utf8')
  } catch {
    throw new RelayError('The co-signer page is not built', {
      code: 'PageNotBuilt',
      details: { looked: 'cosign.html in the page directory' },
      remedy:
        'The relay operator runs npm run build (it writes dist/cosign.html), or fetches the file from /proposals/<hash>/file and uses casper-multisig sign.',
    })
  }
  const served = html.replace(
    /(<meta http-equiv="Content-Security-Policy" content="[^"]*connect-src )'none'/,
    "$1'self'",
  )
  sendText(response, 200, served, 'text/html; charset=utf-8', { 'content-security-policy': pageCsp })
}
