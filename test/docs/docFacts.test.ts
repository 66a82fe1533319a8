// Numbers and lists the docs state, held to the code they describe: the payment margin, and the
// devnet's methods table.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { defaultPaymentMargin } from '../../src/chainspec/choosePayment.js'
import { devnetMethods } from '../../src/devnet/handleRpc.js'
import { root } from './docBlocks.js'

const read = (file: string) => readFileSync(join(root, file), 'utf8')

test('the payment margin the docs state is the default margin', () => {
  const [num, den] = defaultPaymentMargin.ratio
  const percent = `${(100 * num) / den}%`
  for (const file of ['README.md', 'docs/signature-gathering.md', 'docs/performance.md']) {
    const stated = [...read(file).matchAll(/(\d+(?:\.\d+)?%) margin/g)].map((m) => m[1])
    expect(stated.length, `${file} states the margin`).toBeGreaterThan(0)
    expect(new Set(stated), file).toEqual(new Set([percent]))
  }
})

test("docs/devnet.md's methods table lists every method the devnet serves, and only those", () => {
  const rows = [...read('docs/devnet.md').matchAll(/^\| `(\w+)` \| (yes|no) \| (yes|no) \|/gm)]
  const table = new Map(rows.map((m) => [m[1]!, { '1.5': m[2] === 'yes', '2.0': m[3] === 'yes' }]))
  // devnet_fund_account is served by startDevnet's HTTP handler itself, on every protocol.
  const served = (protocol: '1.5' | '2.0') => new Set([...devnetMethods[protocol], 'devnet_fund_account'])
  expect(new Set(table.keys())).toEqual(new Set([...served('1.5'), ...served('2.0')]))
  for (const [method, protocols] of table) {
    expect({ method, ...protocols }).toEqual({
      method,
      '1.5': served('1.5').has(method),
      '2.0': served('2.0').has(method),
    })
  }
})
