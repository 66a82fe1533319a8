// npm run docs:samples: runs the command of every sample named by a `<!-- sample: NAME -->` marker in
// README.md and docs/*.md with the built CLI (fixed keys and clock, test/docs/docSamples.ts) and
// writes its output into the block after the marker. test/docs/samples.test.ts checks the result.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { removeBuiltCli } from '../test/cli/cliProcess.js'
import { docFiles, root } from '../test/docs/docBlocks.js'
import { generateSamples, rewriteSamples } from '../test/docs/docSamples.js'

const outputs = await generateSamples().finally(removeBuiltCli)
if (process.argv.includes('--print')) {
  for (const [name, text] of outputs) console.log(`=== ${name}\n${text}`)
}
const unknown: string[] = []
for (const file of docFiles()) {
  const path = join(root, file)
  const before = readFileSync(path, 'utf8')
  const { samples, markdown } = rewriteSamples(file, before, outputs)
  for (const { name, line } of samples) if (!outputs.has(name)) unknown.push(`${file}:${line} ${name}`)
  if (markdown !== before) {
    writeFileSync(path, markdown)
    console.log(`updated ${file}`)
  }
}
if (unknown.length > 0) {
  console.error(`No such sample:\n  ${unknown.join('\n  ')}\nKnown: ${[...outputs.keys()].join(', ')}`)
  process.exitCode = 1
}
