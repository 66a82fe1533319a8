// What the Ledger will show, as lines the CLI prints before the device asks the user.
import type { LedgerScreens } from '../ledger/ledgerScreens.js'
import { safeText } from '../text/safeText.js'

/**
 * The device's screens (`ledgerScreens` of the file) as lines, then every hash in full, for the
 * user to compare with the device before approving.
 *
 * @example
 * ```ts
 * for (const line of ledgerScreenLines(ledgerScreens(file))) io.err(line)
 * ```
 */
export function ledgerScreenLines(screens: LedgerScreens): string[] {
  const width = Math.max(...screens.screens.map((s) => s.title.length))
  const { hash, bodyHash, wasmHash, argsHash } = screens.hashes
  return [
    screens.instruction === 'signWasm'
      ? 'The Ledger will show only these hashes (too large for the app: blind signing; it does not check the body hash):'
      : `The Ledger will show${screens.blind ? ' (the code only as hashes)' : ''}:`,
    ...screens.screens.map((s) => `  ${s.title.padEnd(width)}  ${safeText(s.value)}`),
    ...(screens.complete ? [] : ['  … then items this tool does not model: compare at least the Txn hash.']),
    ...(screens.refusal ? [`  The app will likely refuse this file: ${safeText(screens.refusal)}`] : []),
    'Hashes in full (compare them with the device, letter case aside):',
    `  hash       ${hash}`,
    ...(bodyHash ? [`  body hash  ${bodyHash}`] : []),
    ...(wasmHash ? [`  Wasm hash  ${wasmHash}`] : []),
    ...(argsHash ? [`  args hash  ${argsHash}`] : []),
  ]
}
