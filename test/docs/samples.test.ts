// The sample outputs in README.md and docs/*.md (the ```text block after `<!-- sample: NAME -->`) are
// what the built CLI prints: every sample is made again here (test/docs/docSamples.ts) and compared
// with the block in each doc. `npm run docs:samples` rewrites them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { removeBuiltCli } from '../cli/cliProcess.js'
import { docFiles, root } from './docBlocks.js'
import { generateSamples, rewriteSamples } from './docSamples.js'

let outputs: Map<string, string>

beforeAll(async () => {
  outputs = await generateSamples()
}, 240_000)

// The CLI bundle the runs built goes with this file.
afterAll(() => {
  removeBuiltCli()
})

const docs = docFiles().map((file) => ({ file, markdown: readFileSync(join(root, file), 'utf8') }))
const marked = docs.filter(
  ({ file, markdown }) => rewriteSamples(file, markdown, new Map()).samples.length > 0,
)

/** Each marked block of a doc that is not what its sample's run prints, as `docs/cli.md:340 merge`. */
function staleSamples(file: string, markdown: string): string[] {
  const { samples } = rewriteSamples(file, markdown, new Map())
  return samples
    .filter(({ name, text }) => outputs.get(name) !== text)
    .map(({ name, line }) => `${file}:${line} ${name}${outputs.has(name) ? '' : ' (no such sample)'}`)
}

describe('sample outputs in the docs', () => {
  test('README.md and docs/cli.md, spending.md, relay.md, account-config.md carry the samples of what they show', () => {
    const names = (file: string) =>
      rewriteSamples(file, docs.find((doc) => doc.file === file)!.markdown, new Map()).samples.map(
        (s) => s.name,
      )
    expect(names('docs/cli.md')).toEqual([
      'keygen',
      'account',
      'plan-invalid',
      'describe-key-change',
      'sign',
      'sign-wrong-chain',
      'merge',
      'merge-different',
      'status-executed',
      'status-not-ready',
      'send',
      'send-failed',
      'send-refused',
      'wait',
      'page',
      'fund',
      'devnet',
    ])
    expect(names('docs/spending.md')).toEqual(['transfer', 'describe-transfer', 'delegate-node'])
    expect(names('docs/relay.md')).toEqual(['relay-propose', 'relay-sign', 'relay-renew'])
    expect(names('docs/account-config.md')).toEqual(['invalid-config'])
    expect(names('README.md')).toEqual(['example'])
  })

  test('every sample the runs make is shown in a doc, and the runs are the same twice', async () => {
    const shown = new Set(
      marked.flatMap(({ file, markdown }) =>
        rewriteSamples(file, markdown, new Map()).samples.map((s) => s.name),
      ),
    )
    expect([...outputs.keys()].sort()).toEqual([...shown].sort())
    expect(await generateSamples()).toEqual(outputs)
  }, 240_000)

  test.each(marked.map(({ file, markdown }) => [file, markdown] as const))(
    '%s: each sample block is what the CLI prints',
    (file, markdown) => {
      expect(staleSamples(file, markdown), 'run `npm run docs:samples`').toEqual([])
      expect(rewriteSamples(file, markdown, outputs).markdown).toBe(markdown)
    },
  )

  test('a sample edited by hand, or naming no sample, fails; the rewrite restores it', () => {
    const { file, markdown } = docs.find((doc) => doc.file === 'docs/cli.md')!
    const edited = markdown.replace(
      /^(Merged 2 copies of deploy [0-9a-f]{64}): 2 approvals$/m,
      '$1: 3 approvals',
    )
    expect(edited).not.toBe(markdown)
    expect(staleSamples(file, edited)).toEqual([expect.stringMatching(/^docs\/cli\.md:\d+ merge$/)])
    expect(rewriteSamples(file, edited, outputs).markdown).toBe(markdown)
    const unknown = '<!-- sample: no-such-sample -->\n```text\nhello\n```\n'
    expect(staleSamples('x.md', unknown)).toEqual(['x.md:2 no-such-sample (no such sample)'])
    expect(() => rewriteSamples('x.md', '<!-- sample: merge -->\n\n```text\n```\n', outputs)).toThrow(
      /x\.md:1: <!-- sample: merge --> must be followed by a ```text block/,
    )
  })
})
