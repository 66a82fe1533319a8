// Every rule of the acceptance rule table is either exercised by a transcribed casper-node test in
// this folder, or says in the rule table that it is not (and why).
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { casperMainnet } from '../../src/chainspec/casperMainnet.js'
import { type AcceptanceCode, acceptanceRuleTable, nodeText } from '../../src/rules/acceptanceRules.js'
import { preflightCodeOf } from './conformanceKit.js'

const folder = new URL('.', import.meta.url)
const suite = readdirSync(folder)
  .filter((name) => name.endsWith('.test.ts') && name !== 'coverage.test.ts')
  .map((name) => readFileSync(new URL(name, folder), 'utf8'))
  .join('\n')
const table = readFileSync(new URL('../../src/rules/acceptanceRules.ts', import.meta.url), 'utf8')

/** The doc comment of `code` in the AcceptanceCode union. */
function docOf(code: string): string {
  const at = table.indexOf(`| '${code}'`)
  const start = table.lastIndexOf('/**', at)
  return table.slice(start, at).replace(/\s*\n\s*\*?\s*/g, ' ')
}

describe('the conformance suite covers the rule table', () => {
  for (const code of Object.keys(acceptanceRuleTable) as AcceptanceCode[]) {
    test(code, () => {
      // Asserted through preflight (the node's variant, or the library's code), or through the
      // devnet's answer (the node's text).
      const variants = Object.entries(preflightCodeOf)
        .filter(([, { codes }]) => (codes as readonly string[]).includes(code))
        .map(([variant]) => `'${variant}'`)
      const texts = (['deploy', 'transaction'] as const)
        .map((kind) => nodeText({ code, stage: 'account', message: '' }, casperMainnet, kind))
        .filter((text) => text !== '')
        .map((text) => `'${text}'`)
      const exercised = [...variants, `'${code}'`, ...texts].filter((quoted) => suite.includes(quoted))
      if (exercised.length === 0) expect(docOf(code)).toMatch(/Not covered by test\/conformance: \S/)
      else expect(docOf(code)).not.toMatch(/Not covered by test\/conformance/)
    })
  }
})
